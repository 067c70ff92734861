"""Security, round two (issue 14): what an outside tester broke, each with its test.

Bodies the API cannot read, the client's address behind a proxy, rate limits on the account
pages, CSV formulas, checklist items, and the smaller items (headers, checks, JSON errors
and query parameters under /api/).
"""

import datetime as dt
import logging

import pytest
import time_machine

from journal.api.parsers import MAX_DEPTH
from journal.models import DailyLog, Episode
from tests.factories import DailyLogFactory, EpisodeFactory

PASSWORD = "correct horse battery"
NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


def nested(depth: int) -> str:
    """A JSON body of ``depth`` lists, one inside the other."""
    return "[" * depth + "]" * depth


def nested_object(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


# 1. Bodies the API cannot read ------------------------------------------------------------

ANONYMOUS_BODIES = [("post", "/api/auth/register/"), ("post", "/api/auth/token/")]
SIGNED_IN_BODIES = [
    ("post", "/api/episodes/"),
    ("put", "/api/episodes/{episode}/"),
    ("patch", "/api/episodes/{episode}/"),
    ("post", "/api/daily-logs/"),
    ("put", "/api/daily-logs/{day}/"),
    ("patch", "/api/daily-logs/{day}/"),
    ("patch", "/api/account/"),
    ("delete", "/api/account/"),
]
UNREADABLE = {
    "nested 950 deep": (nested(950), "application/json"),
    "objects nested 950 deep": (nested_object(950), "application/json"),
    "nested past the limit": (nested(MAX_DEPTH + 1), "application/json"),
    "not UTF-8": (b'{"side": "\xff"}', "application/json"),
    "not JSON": ("{not json", "application/json"),
}


def assert_refused_as_unreadable(response, caplog) -> None:
    assert response.status_code == 400, response.content
    body = response.json()
    assert set(body) == {"non_field_errors"}
    assert "JSON parse error" in body["non_field_errors"][0]
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert not [record for record in caplog.records if record.exc_info]


@pytest.mark.django_db
@pytest.mark.parametrize("body", UNREADABLE.values(), ids=UNREADABLE.keys())
@pytest.mark.parametrize(("method", "path"), ANONYMOUS_BODIES)
def test_an_unreadable_body_to_an_open_endpoint_is_a_400_without_a_traceback(
    api_client, method, path, body, caplog
):
    content, content_type = body
    with caplog.at_level(logging.INFO):
        response = getattr(api_client, method)(path, data=content, content_type=content_type)

    assert_refused_as_unreadable(response, caplog)


@pytest.mark.parametrize("body", UNREADABLE.values(), ids=UNREADABLE.keys())
@pytest.mark.parametrize(("method", "path"), SIGNED_IN_BODIES)
def test_an_unreadable_body_to_a_journal_endpoint_is_a_400_and_changes_nothing(
    signed_in_api_client, user, method, path, body, caplog
):
    with time_machine.travel(NOW, tick=False):
        episode = EpisodeFactory(user=user)
        log = DailyLogFactory(user=user, date=dt.date(2026, 3, 9))
        content, content_type = body
        address = path.format(episode=episode.pk, day=log.date.isoformat())
        with caplog.at_level(logging.INFO):
            response = getattr(signed_in_api_client, method)(
                address, data=content, content_type=content_type
            )

        assert_refused_as_unreadable(response, caplog)
        assert Episode.objects.get() == episode
        assert DailyLog.objects.get().updated_at == log.updated_at


def test_a_body_nested_to_the_limit_is_still_read(signed_in_api_client):
    # At the limit the body is read, and the serializer names what is wrong with it.
    body = '{"locations": ' + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + ', "side": "left"}'

    response = signed_in_api_client.post(
        "/api/episodes/", data=body, content_type="application/json"
    )

    assert response.status_code == 400
    assert "locations" in response.json()

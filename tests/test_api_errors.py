"""One error shape for the whole API (journal/api/errors.py).

A 400 maps each field to its messages (DRF's own shape, kept: clients and other tests read
``errors[field]``), with whole-request problems under ``non_field_errors``. Every other error
is ``{"detail": "..."}``.
"""

import pytest
from django.test import Client
from rest_framework import exceptions
from rest_framework.exceptions import ErrorDetail
from rest_framework.test import APIClient

from journal.api.errors import FALLBACK_RETRY_AFTER, api_exception_handler, retry_after_seconds
from journal.models import Episode
from tests.conftest import api_token
from tests.factories import EpisodeFactory

EPISODES = "/api/episodes/"


@pytest.fixture
def token_client(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return api_client


def only_detail(response) -> str:
    body = response.json()
    assert set(body) == {"detail"}, body
    assert isinstance(body["detail"], str) and body["detail"]
    return body["detail"]


# 400 ------------------------------------------------------------------------------------


def test_a_bad_field_is_a_400_listing_messages_under_its_name(signed_in_api_client):
    response = signed_in_api_client.post(
        EPISODES, {"locations": ["eyelid"], "side": "up"}, format="json"
    )

    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"side"}
    assert body["side"] == ['"up" is not a valid choice.']
    assert not Episode.objects.exists()


def test_a_bad_item_of_a_list_field_is_keyed_by_its_position(signed_in_api_client):
    response = signed_in_api_client.post(
        EPISODES, {"locations": ["eyelid", "ear"], "side": "left"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"locations": {"1": ['"ear" is not a valid choice.']}}


def test_a_body_that_is_not_json_is_a_400_under_non_field_errors(signed_in_api_client):
    response = signed_in_api_client.post(
        EPISODES, data="{not json", content_type="application/json"
    )

    assert response.status_code == 400
    (message,) = response.json()["non_field_errors"]
    assert "JSON parse error" in message
    assert set(response.json()) == {"non_field_errors"}


def test_a_bad_query_parameter_is_a_400_naming_it(signed_in_api_client):
    response = signed_in_api_client.get("/api/insights/", {"days": "7"})

    assert response.status_code == 400
    assert set(response.json()) == {"days"}


def test_a_message_about_the_whole_request_goes_under_non_field_errors():
    exc = exceptions.ValidationError("Overall.")

    response = api_exception_handler(exc, {})

    assert response.status_code == 400
    assert response.data == {"non_field_errors": [ErrorDetail("Overall.", code="invalid")]}


# 401, 403, 404, 405, 415 ----------------------------------------------------------------


def test_no_credentials_is_a_401_with_a_detail_and_a_token_challenge(api_client, db):
    response = api_client.get(EPISODES)

    assert response.status_code == 401
    assert only_detail(response) == "Authentication credentials were not provided."
    assert response["WWW-Authenticate"] == "Token"


def test_a_wrong_token_is_a_401_even_on_public_guidance(api_client, db):
    response = api_client.get("/api/guidance/causes/", HTTP_AUTHORIZATION="Token nope")

    assert response.status_code == 401
    assert only_detail(response) == "Invalid token."


def test_a_session_write_without_the_csrf_token_is_a_403_with_a_detail(user):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post(EPISODES, {"locations": ["eyelid"], "side": "left"}, format="json")

    assert response.status_code == 403
    assert only_detail(response).startswith("CSRF Failed")
    assert not Episode.objects.exists()


def test_another_persons_episode_is_a_404_with_a_detail(token_client, other_user):
    theirs = EpisodeFactory(user=other_user)

    response = token_client.get(f"{EPISODES}{theirs.pk}/")

    assert response.status_code == 404
    only_detail(response)


def test_a_page_past_the_end_is_a_404_with_a_detail(token_client):
    response = token_client.get(EPISODES, {"page": 9})

    assert response.status_code == 404
    only_detail(response)


@pytest.mark.parametrize(
    "path", ["/api/nothing-here/", "/api/episodes/not-a-number/", "/api/daily-logs/2026-13/"]
)
def test_an_api_address_that_matches_nothing_is_a_json_404(token_client, path):
    response = token_client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert only_detail(response) == "Not found."


def test_a_page_that_matches_nothing_is_still_the_html_404(client, db):
    response = client.get("/nothing-here/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert b"Page not found" in response.content


def test_a_method_an_endpoint_does_not_take_is_a_405_with_allow(token_client):
    response = token_client.put(EPISODES, {}, format="json")

    assert response.status_code == 405
    assert only_detail(response) == 'Method "PUT" not allowed.'
    assert "POST" in response["Allow"]


def test_a_body_in_a_type_the_api_does_not_read_is_a_415(token_client):
    response = token_client.post(EPISODES, data="side=left", content_type="text/plain")

    assert response.status_code == 415
    only_detail(response)
    assert not Episode.objects.exists()


# 429 ------------------------------------------------------------------------------------


def test_a_throttled_request_is_a_429_with_a_detail_and_retry_after():
    response = api_exception_handler(exceptions.Throttled(wait=12.2), {})

    assert response.status_code == 429
    assert set(response.data) == {"detail"}
    assert response["Retry-After"] == "13"


@pytest.mark.parametrize(
    ("wait", "seconds"),
    [(None, FALLBACK_RETRY_AFTER), (0, FALLBACK_RETRY_AFTER), (0.2, 1), (1, 1), (59.01, 60)],
)
def test_retry_after_is_whole_seconds_rounded_up_and_never_zero(wait, seconds):
    assert retry_after_seconds(wait) == seconds


def test_a_throttle_that_cannot_say_how_long_still_sends_retry_after():
    response = api_exception_handler(exceptions.Throttled(wait=None), {})

    assert response["Retry-After"] == str(FALLBACK_RETRY_AFTER)


# Django-level errors under /api/ ----------------------------------------------------------


def test_a_crash_under_the_api_is_a_json_500_that_says_little(user, monkeypatch):
    def broken(_user):
        raise RuntimeError("database on fire, user 42")

    monkeypatch.setattr("journal.api.triage.triage_for", broken)
    client = Client(raise_request_exception=False)
    client.force_login(user)

    response = client.get("/api/triage/")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    detail = only_detail(response)
    assert "fire" not in detail and "42" not in detail


def test_an_unknown_host_under_the_api_is_a_json_400(client, db):
    response = client.get("/api/guidance/causes/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"non_field_errors"}


def test_an_unknown_host_on_a_page_is_still_the_html_400(client, db):
    response = client.get("/guidance/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")

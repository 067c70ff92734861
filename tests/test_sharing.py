"""Sharing the report with a doctor: the link, the shared page, openings, revoking, expiry."""

import datetime as dt
import hashlib
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from journal import attachments, sharing
from journal.models import ShareLink, ShareOpening
from tests.attachment_helpers import (
    private_storage_fixture,  # noqa: F401 - the private_storage fixture
    upload,
    webm_bytes,
)
from tests.conftest import api_token
from tests.factories import EpisodeFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_storage")]

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)
FIRST, LAST = dt.date(2026, 11, 1), dt.date(2026, 11, 20)


@pytest.fixture
def person(db):
    return UserFactory(time_zone="Europe/London")


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def journal(person, clock):
    """An episode inside the range with a video, and one before it with a video."""
    inside = EpisodeFactory(user=person, started_at=NOW - dt.timedelta(days=2), notes="inside")
    before = EpisodeFactory(user=person, started_at=NOW - dt.timedelta(days=40), notes="before")
    return {
        "inside": attachments.attachment_add(episode=inside, upload=upload("a.webm", webm_bytes())),
        "before": attachments.attachment_add(episode=before, upload=upload("b.webm", webm_bytes())),
    }


@pytest.fixture
def owner(client, person):
    client.force_login(person)
    return client


@pytest.fixture
def made(person, clock):
    link, token = sharing.share_create(user=person, start=FIRST, end=LAST)
    return link, token


def shared_url(token: str) -> str:
    return reverse("journal:shared_report", args=[token])


# Making a link ----------------------------------------------------------------------------


def test_the_report_page_offers_a_link_for_its_range(owner, clock):
    page = owner.get(reverse("journal:report"), {"start": FIRST, "end": LAST}).content.decode()
    assert "Share with a doctor" in page
    assert 'name="start" value="2026-11-01"' in page
    assert 'name="days" value="14"' in page


def test_the_link_is_shown_once_and_stored_hashed(owner, person, clock):
    response = owner.post(
        reverse("journal:share_create"), {"start": FIRST, "end": LAST, "days": 14}
    )

    assert response.status_code == 201
    url = re.search(r">(http://testserver/shared/[^<]+/)</textarea>", response.content.decode())[1]
    token = url.rsplit("/", 2)[-2]
    assert len(token) >= 43  # 32 random bytes: 256 bits
    link = ShareLink.objects.get(user=person)
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(ShareLink.objects.values_list())
    assert link.expires_at == NOW + dt.timedelta(days=14)
    # The report page never shows it again.
    assert token not in owner.get(reverse("journal:report")).content.decode()


@pytest.mark.parametrize(("days", "works"), [(0, False), (1, True), (30, True), (31, False)])
def test_a_link_lasts_1_to_30_days(owner, person, clock, days, works):
    response = owner.post(
        reverse("journal:share_create"), {"start": FIRST, "end": LAST, "days": days}, follow=True
    )
    assert ShareLink.objects.filter(user=person).exists() is works
    if not works:
        assert sharing.DAYS_MESSAGE in response.content.decode()


def test_a_backwards_range_is_refused_with_a_message(owner, person, clock):
    response = owner.post(
        reverse("journal:share_create"), {"start": LAST, "end": FIRST, "days": 3}, follow=True
    )
    assert "The start date is after the end date" in response.content.decode()
    assert not ShareLink.objects.exists()


# The shared page ----------------------------------------------------------------------------


def test_the_link_opens_without_an_account_read_only_and_private(journal, made):
    _link, token = made
    response = Client().get(shared_url(token))

    assert response.status_code == 200
    page = response.content.decode()
    assert "patient-reported summary" in page
    assert "inside" in page and "before" not in page  # the range only
    assert 'name="robots" content="noindex, nofollow"' in page
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "<form" not in page.split("<main", 1)[1].split("</main>", 1)[0]  # read-only
    # The range's video, through the link.
    file_url = reverse("journal:shared_file", args=[token, journal["inside"].pk])
    assert file_url in page
    assert reverse("journal:shared_file", args=[token, journal["before"].pk]) not in page


def test_the_shared_files_are_the_ranges_only(journal, made):
    _link, token = made
    visitor = Client()
    inside = visitor.get(reverse("journal:shared_file", args=[token, journal["inside"].pk]))
    assert inside.status_code == 200
    assert b"".join(inside.streaming_content) == webm_bytes()
    assert "no-store" in inside["Cache-Control"]
    assert inside["Referrer-Policy"] == "no-referrer"
    ranged = visitor.get(
        reverse("journal:shared_file", args=[token, journal["inside"].pk]), HTTP_RANGE="bytes=0-3"
    )
    assert ranged.status_code == 206
    assert b"".join(ranged.streaming_content) == webm_bytes()[:4]
    before = visitor.get(reverse("journal:shared_file", args=[token, journal["before"].pk]))
    assert before.status_code == 404


def test_a_link_never_reaches_another_persons_files(journal, clock):
    stranger = UserFactory()
    _link, token = sharing.share_create(user=stranger, start=FIRST, end=LAST)
    response = Client().get(reverse("journal:shared_file", args=[token, journal["inside"].pk]))
    assert response.status_code == 404


def test_each_opening_is_recorded_and_shown_beside_the_link(owner, made, clock):
    _link, token = made
    visitor = Client()
    visitor.get(shared_url(token))
    clock.shift(dt.timedelta(hours=2))
    visitor.get(shared_url(token))

    assert list(ShareOpening.objects.values_list("opened_at", flat=True)) == [
        NOW + dt.timedelta(hours=2),
        NOW,
    ]
    page = owner.get(reverse("journal:report")).content.decode()
    assert "Opened 2 times: 20 Nov, 14:00; 20 Nov, 12:00." in page


def test_a_revoked_link_is_a_plain_404_at_once(owner, journal, made):
    link, token = made
    assert Client().get(shared_url(token)).status_code == 200

    response = owner.post(reverse("journal:share_revoke", args=[link.pk]))

    assert response.status_code == 302
    visitor = Client()
    assert visitor.get(shared_url(token)).status_code == 404
    file_url = reverse("journal:shared_file", args=[token, journal["inside"].pk])
    assert visitor.get(file_url).status_code == 404
    assert "Revoked" in owner.get(reverse("journal:report")).content.decode()


def test_an_expired_link_is_a_404(person):
    with time_machine.travel(NOW, tick=False) as clock:
        _link, token = sharing.share_create(user=person, start=FIRST, end=LAST, days=1)
        clock.shift(dt.timedelta(days=1) - dt.timedelta(seconds=1))
        assert Client().get(shared_url(token)).status_code == 200
        clock.shift(dt.timedelta(seconds=1))
        assert Client().get(shared_url(token)).status_code == 404


def test_a_wrong_secret_is_a_404(made):
    _link, token = made
    assert (
        Client().get(shared_url(token[:-1] + ("A" if token[-1] != "A" else "B"))).status_code == 404
    )
    assert Client().get(shared_url("x" * 200)).status_code == 404


def test_openings_are_throttled_per_address(made):
    _link, token = made
    visitor = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(sharing.OPENINGS_PER_ADDRESS):
        assert visitor.get(shared_url(token)).status_code == 200
    refused = visitor.get(shared_url(token))
    assert refused.status_code == 429
    assert "Retry-After" in refused
    # Guessing secrets counts too, and another address is not held back.
    assert visitor.get(shared_url("guess")).status_code == 429
    assert Client(REMOTE_ADDR="198.51.100.7").get(shared_url(token)).status_code == 200
    assert ShareOpening.objects.count() == sharing.OPENINGS_PER_ADDRESS + 1


def test_another_person_cannot_revoke_a_link(made):
    link, token = made
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.post(reverse("journal:share_revoke", args=[link.pk])).status_code == 404
    assert Client().get(shared_url(token)).status_code == 200


def test_the_report_page_lists_links_in_the_same_queries_for_few_or_many(
    owner, person, clock, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def opened(link):
        ShareOpening.objects.create(link=link, opened_at=NOW)

    opened(sharing.share_create(user=person, start=FIRST, end=LAST)[0])
    owner.get(reverse("journal:report"))
    with CaptureQueriesContext(connection) as few:
        owner.get(reverse("journal:report"))
    for _ in range(20):
        opened(sharing.share_create(user=person, start=FIRST, end=LAST)[0])
    with django_assert_num_queries(len(few)):
        owner.get(reverse("journal:report"))


# The API --------------------------------------------------------------------------------------


@pytest.fixture
def api(api_client, person):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(person)}")
    return api_client


def test_the_api_makes_a_link_and_gives_its_url_once(api, person, clock):
    response = api.post(reverse("api-share-list"), {"start": "2026-11-01", "end": "2026-11-20"})

    assert response.status_code == 201
    data = response.json()
    assert set(data) == {"id", "url", "expires_at"}
    assert data["expires_at"] == "2026-12-04T12:00:00Z"
    token = data["url"].rsplit("/", 2)[-2]
    assert Client().get(shared_url(token)).status_code == 200
    listed = api.get(reverse("api-share-list")).json()["results"]
    assert listed[0]["id"] == data["id"]
    assert listed[0]["opening_count"] == 1
    assert "url" not in listed[0] and token not in str(listed)


@pytest.mark.parametrize(
    "body",
    [
        {"start": "2026-11-01", "end": "2026-11-20", "days": 31},
        {"start": "2026-11-01", "end": "2026-11-20", "days": 0},
        {"start": "2026-11-20", "end": "2026-11-01"},
        {"start": "yesterday", "end": "2026-11-01"},
        {"end": "2026-11-01"},
    ],
)
def test_the_api_refuses_a_bad_link_with_a_400(api, body, clock):
    response = api.post(reverse("api-share-list"), body)
    assert response.status_code == 400
    assert not ShareLink.objects.exists()


def test_the_api_shows_and_revokes_one_link(api, made):
    link, token = made
    detail = reverse("api-share-detail", args=[link.pk])
    assert api.get(detail).json()["revoked_at"] is None

    assert api.delete(detail).status_code == 204
    assert api.get(detail).json()["revoked_at"] is not None
    assert Client().get(shared_url(token)).status_code == 404


def test_another_person_gets_404_for_every_share_address(api_client, made):
    link, _token = made
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(UserFactory())}")
    detail = reverse("api-share-detail", args=[link.pk])
    assert api_client.get(detail).status_code == 404
    assert api_client.delete(detail).status_code == 404
    assert api_client.get(reverse("api-share-list")).json()["count"] == 0
    link.refresh_from_db()
    assert link.revoked_at is None


@pytest.mark.parametrize("count", [1, 30])
def test_the_share_list_runs_the_same_queries_for_few_or_many(
    api, person, clock, django_assert_num_queries, count
):
    for _ in range(count):
        link, _token = sharing.share_create(user=person, start=FIRST, end=LAST)
        ShareOpening.objects.create(link=link, opened_at=NOW)
    # The token (with user and profile), the count, the page and the openings.
    with django_assert_num_queries(4):
        response = api.get(reverse("api-share-list"))
    assert response.json()["count"] == count
    assert response.json()["results"][0]["openings"] == ["2026-11-20T12:00:00Z"]


def test_a_visitor_is_sent_to_log_in_to_make_or_revoke_a_link(client, made, api_client):
    link, _token = made
    for url in (reverse("journal:share_create"), reverse("journal:share_revoke", args=[link.pk])):
        response = client.post(url, {"start": FIRST, "end": LAST, "days": 3})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert api_client.get(reverse("api-share-list")).status_code == 401
    assert ShareLink.objects.count() == 1
    link.refresh_from_db()
    assert link.revoked_at is None


def test_a_head_request_is_not_counted_as_an_opening(made):
    _link, token = made
    assert Client().head(shared_url(token)).status_code == 200
    assert not ShareOpening.objects.exists()

"""Speed-ups that must not change behaviour: session refresh, the public guidance cache and
the journal version a request sees."""

import datetime as dt
import gc

import pytest
import time_machine
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse

from guidance.cache import FINGERPRINT_SECONDS
from guidance.models import Cause
from journal.models import Profile
from journal.selectors import request_journal_version
from tests.conftest import api_token
from tests.factories import CauseFactory, EpisodeFactory
from twitchcare.backends import ModelBackend

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)


def _expiry(client) -> dt.datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


# Sessions ------------------------------------------------------------------------------


def test_a_page_within_five_minutes_of_the_last_refresh_does_not_write_the_session(client, user):
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(user)
        client.get(reverse("journal:episode_list"))  # first page refreshes the session
        refreshed = _expiry(client)
        clock.shift(dt.timedelta(minutes=4))

        client.get(reverse("journal:episode_list"))

    assert _expiry(client) == refreshed


def test_a_page_more_than_five_minutes_after_the_last_refresh_pushes_the_expiry_back(client, user):
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(user)
        client.get(reverse("journal:episode_list"))
        refreshed = _expiry(client)
        clock.shift(dt.timedelta(minutes=6))

        client.get(reverse("journal:episode_list"))

    assert _expiry(client) == refreshed + dt.timedelta(minutes=6)


def test_a_steadily_active_session_stays_signed_in_past_two_hours(client, user):
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(user)
        for _ in range(30):  # a page every 6 minutes for 3 hours
            clock.shift(dt.timedelta(minutes=6))
            response = client.get(reverse("journal:episode_list"))
            assert response.status_code == 200


# Guidance page cache -------------------------------------------------------------------


def test_a_repeat_visit_to_a_guidance_page_is_served_from_the_cache(
    client, django_assert_num_queries
):
    url = reverse("guidance:cause", args=["caffeine"])
    first = client.get(url)

    with django_assert_num_queries(0):  # the fingerprint was read a moment ago
        second = client.get(url)

    assert second.status_code == 200
    assert second.content == first.content
    assert "Content-Security-Policy" in second


def test_publishing_a_draft_shows_up_on_the_next_visit(client):
    draft = CauseFactory(status="draft", title="Brand new cause")
    assert b"Brand new cause" not in client.get(reverse("guidance:cause_list")).content

    draft.status = "published"
    draft.save()

    assert b"Brand new cause" in client.get(reverse("guidance:cause_list")).content


def test_withdrawing_a_page_shows_up_on_the_next_visit(client):
    cause = CauseFactory(title="Soon withdrawn")
    url = reverse("guidance:cause", args=[cause.slug])
    assert client.get(url).status_code == 200

    cause.status = "draft"
    cause.save()

    assert client.get(url).status_code == 404


def test_content_added_without_signals_is_seen_through_the_fingerprint(client):
    with time_machine.travel(START, tick=False) as clock:
        assert b"Bulk added cause" not in client.get(reverse("guidance:cause_list")).content
        Cause.objects.bulk_create(CauseFactory.build_batch(1, title="Bulk added cause"))

        clock.shift(dt.timedelta(seconds=FINGERPRINT_SECONDS))  # as another process would

        assert b"Bulk added cause" in client.get(reverse("guidance:cause_list")).content


def test_the_fingerprint_is_read_again_after_a_second(client, django_assert_num_queries):
    url = reverse("guidance:cause", args=["caffeine"])
    with time_machine.travel(START, tick=False) as clock:
        client.get(url)
        with django_assert_num_queries(0):
            client.get(url)

        clock.shift(dt.timedelta(seconds=FINGERPRINT_SECONDS))

        with django_assert_num_queries(1):  # only the content fingerprint
            client.get(url)


def test_a_signed_in_person_never_gets_the_visitor_copy(client, user):
    url = reverse("guidance:cause_list")
    assert b"Log in" in client.get(url).content  # the visitor copy is now cached

    client.force_login(user)
    response = client.get(url)

    assert b"Log out" in response.content
    assert "no-store" in response["Cache-Control"]


def test_a_visitor_never_gets_a_signed_in_persons_copy(client, user):
    url = reverse("guidance:cause_list")
    client.force_login(user)
    client.get(url)
    client.logout()

    response = client.get(url)

    assert b"Log out" not in response.content


# The journal version a request sees ----------------------------------------------------


def _request(method: str, user_id: int):
    request = getattr(RequestFactory(), method)("/")
    request.user = ModelBackend().get_user(user_id)
    return request


def test_the_session_backend_loads_the_profile_with_the_person(user, django_assert_num_queries):
    with django_assert_num_queries(1):
        loaded = ModelBackend().get_user(user.pk)
        assert loaded.profile.time_zone == user.profile.time_zone


def test_the_session_backend_still_refuses_an_inactive_or_missing_person(user):
    User.objects.filter(pk=user.pk).update(is_active=False)

    assert ModelBackend().get_user(user.pk) is None
    assert ModelBackend().get_user(user.pk + 1000) is None


@pytest.mark.parametrize("method", ["get", "head"])
def test_a_read_only_request_uses_the_version_loaded_with_the_person(
    user, django_assert_num_queries, method
):
    request = _request(method, user.pk)
    stored = Profile.objects.get(user=user)

    with django_assert_num_queries(0):
        seen = request_journal_version(request)

    assert seen == (stored.journal_version, stored.time_zone)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_request_that_may_have_written_reads_the_version_again(user, method):
    request = _request(method, user.pk)
    loaded = request.user.profile.journal_version
    EpisodeFactory(user=user)  # written by this request, after the person was loaded

    seen = request_journal_version(request)

    assert seen.version == Profile.objects.get(user=user).journal_version != loaded


def test_no_get_request_changes_the_journal(client, user):
    """What ``request_journal_version`` relies on: only other methods write the journal."""
    episode = EpisodeFactory(user=user)
    day = episode.started_at.date().isoformat()
    EpisodeFactory(user=user, symptoms=["pain"])
    client.force_login(user)
    token = api_token(user)
    before = Profile.objects.get(user=user).journal_version
    pages = [
        "/", "/journal/", "/journal/quick/", "/journal/new/", f"/journal/{episode.pk}/",
        f"/journal/{episode.pk}/edit/", f"/journal/{episode.pk}/delete/",
        f"/journal/daily/{day}/", f"/journal/checklist/{day}/", "/insights/", "/plan/",
        "/triage/", "/report/", "/report.csv", "/accounts/export.json",
        "/accounts/export.zip", "/accounts/delete/", "/accounts/settings/",
    ]  # fmt: skip
    api = [
        "/api/account/", "/api/export/", "/api/episodes/", f"/api/episodes/{episode.pk}/",
        "/api/daily-logs/", "/api/insights/", "/api/triage/",
    ]  # fmt: skip

    answers = [client.get(path).status_code for path in pages]
    answers += [client.get(path, HTTP_AUTHORIZATION=f"Token {token}").status_code for path in api]

    assert set(answers) <= {200, 405}
    assert Profile.objects.get(user=user).journal_version == before


# Server start-up ------------------------------------------------------------------------


def test_warming_up_compiles_every_project_template_and_freezes_the_heap():
    from twitchcare.warmup import warm_up

    try:
        warm_up()
        frozen = gc.get_freeze_count()
    finally:
        gc.unfreeze()

    assert frozen > 10_000
    loader = engines["django"].engine.template_loaders[0]  # the cached loader
    compiled = {name.split(":", 1)[-1] for name in loader.get_template_cache}
    assert {"base.html", "journal/includes/episode_listing.html"} <= compiled

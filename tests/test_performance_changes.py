"""Speed-ups that must not change behaviour: session refresh, the session backend and the
public guidance cache (the one cache of pages: for visitors, keyed on content only)."""

import datetime as dt
import gc
import os
import subprocess
import sys
import time

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.template import engines
from django.urls import reverse

from guidance import cache as guidance_cache
from guidance.models import Cause
from tests.factories import CauseFactory
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

    with django_assert_num_queries(0):
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


def test_content_added_without_signals_shows_once_the_page_times_out(client, monkeypatch):
    monkeypatch.setattr(guidance_cache, "PAGE_TIMEOUT", 1)
    assert b"Bulk added cause" not in client.get(reverse("guidance:cause_list")).content
    Cause.objects.bulk_create(CauseFactory.build_batch(1, title="Bulk added cause"))
    assert b"Bulk added cause" not in client.get(reverse("guidance:cause_list")).content

    time.sleep(1.1)  # real time: a Redis cache counts its own seconds

    assert b"Bulk added cause" in client.get(reverse("guidance:cause_list")).content


@pytest.fixture
def stored_pages(monkeypatch) -> set[str]:
    """The keys of every guidance page put in the cache from now on."""
    keys: set[str] = set()
    real_set = guidance_cache.cache.set

    def spy(key, *args, **kwargs):
        if key.startswith(guidance_cache.KEY_PREFIX):
            keys.add(key)
        return real_set(key, *args, **kwargs)

    monkeypatch.setattr(guidance_cache.cache, "set", spy)
    return keys


def test_a_hundred_query_strings_add_at_most_one_cache_entry_for_a_page(client, stored_pages):
    url = reverse("guidance:cause", args=["caffeine"])
    pages = {client.get(url, {"utm": n}).content for n in range(100)}

    assert len(pages) == 1
    assert len(stored_pages) == 1
    assert "utm" not in next(iter(stored_pages))


def test_unknown_slugs_add_no_cache_entry(client, stored_pages):
    answers = {client.get(f"/guidance/causes/no-such-cause-{n}/").status_code for n in range(20)}

    assert answers == {404}
    assert stored_pages == set()


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


# The session backend ------------------------------------------------------------------


def test_the_session_backend_loads_the_profile_with_the_person(user, django_assert_num_queries):
    with django_assert_num_queries(1):
        loaded = ModelBackend().get_user(user.pk)
        assert loaded.profile.time_zone == user.profile.time_zone


def test_the_session_backend_still_refuses_an_inactive_or_missing_person(user):
    User.objects.filter(pk=user.pk).update(is_active=False)

    assert ModelBackend().get_user(user.pk) is None
    assert ModelBackend().get_user(user.pk + 1000) is None


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


def test_a_server_process_has_the_pdf_library_and_its_fonts_loaded_before_its_first_request():
    # In a fresh interpreter, as gunicorn's worker imports twitchcare.wsgi.
    script = "import sys, twitchcare.wsgi; print('weasyprint' in sys.modules)"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "twitchcare.settings"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )

    assert result.stdout.strip() == "True"


def test_a_server_without_the_pdf_libraries_still_starts(monkeypatch, caplog):
    # WeasyPrint loads Pango through cffi; a machine without it raises OSError on import.
    import builtins

    from twitchcare.warmup import prepare_pdf

    real_import = builtins.__import__

    def no_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pango)

    prepare_pdf()

    assert "WeasyPrint could not be loaded" in caplog.text

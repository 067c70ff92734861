"""The installable app: manifest, service worker, offline page and the form shells
(twitchcare/pwa.py, journal/views/offline.py; SPEC, "Offline")."""

import datetime as dt
import json
import re

import pytest
import time_machine
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def worker_data(response) -> dict:
    match = re.search(r"^const WORKER = (\{.*\});$", response.content.decode(), re.MULTILINE)
    return json.loads(match.group(1))


def test_the_manifest_makes_the_app_installable(client):
    response = client.get("/manifest.webmanifest")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = response.json()
    assert data["name"] == "TwitchCare"
    assert data["short_name"] == "TwitchCare"
    assert data["start_url"] == "/"
    assert data["display"] == "standalone"
    assert data["theme_color"] == "#005eb8"
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in data["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes


def test_every_icon_in_the_manifest_is_served_at_its_size(client):
    from io import BytesIO

    from PIL import Image

    for icon in client.get("/manifest.webmanifest").json()["icons"]:
        response = client.get(icon["src"])
        assert response.status_code == 200
        image = Image.open(BytesIO(b"".join(response.streaming_content)))
        assert f"{image.width}x{image.height}" == icon["sizes"]


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_links_the_manifest_and_both_theme_colours(client, signed_in):
    if signed_in:
        client.force_login(UserFactory())
    html = client.get("/").content.decode()

    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert 'media="(prefers-color-scheme: light)" content="#005eb8"' in html
    assert 'media="(prefers-color-scheme: dark)" content="#0b2a4a"' in html
    assert 'data-service-worker="/sw.js"' in html


def test_the_body_says_whether_someone_is_signed_in(client):
    assert 'data-signed-in="false"' in client.get("/").content.decode()
    client.force_login(UserFactory())
    html = client.get("/").content.decode()
    assert 'data-signed-in="true"' in html
    assert '<meta name="csrf-token" content="' in html


def test_a_visitor_page_carries_no_csrf_token_meta(client):
    assert 'name="csrf-token"' not in client.get("/guidance/").content.decode()


def test_the_service_worker_is_served_with_scope_root_and_the_csp(client):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    assert "Content-Security-Policy" in response


def test_the_service_worker_is_no_store_for_a_signed_in_person(client):
    client.force_login(UserFactory())
    assert "no-store" in client.get("/sw.js")["Cache-Control"]


def test_the_service_worker_keeps_guidance_shells_and_assets_but_no_personal_page(client):
    data = worker_data(client.get("/sw.js"))

    pages = data["pages"]
    assert pages["/journal/quick/"] == "/journal/offline/quick/"
    assert pages["/journal/new/"] == "/journal/offline/new/"
    assert pages["/offline/"] == "/offline/"
    assert "/guidance/" in pages
    assert any(url.startswith("/guidance/causes/") and url != "/guidance/causes/" for url in pages)
    for personal in ["/", "/journal/", "/insights/", "/triage/", "/report/", "/plan/"]:
        assert personal not in pages
    assert "/static/js/outbox.js" in data["assets"]
    assert "/static/css/app.css" in data["assets"]
    assert data["outbox_script"] == "/static/js/outbox.js"


def test_every_page_the_service_worker_keeps_is_public(client):
    for fetch_from in worker_data(client.get("/sw.js"))["pages"].values():
        response = client.get(fetch_from)
        assert response.status_code == 200, fetch_from
        assert "no-store" not in response.get("Cache-Control", ""), fetch_from


def test_every_static_file_a_kept_page_uses_is_kept_too(client):
    """Else the page opens offline without its styles or scripts (the quick log's timer
    and face lost their layout when quicklog.css was missing)."""
    data = worker_data(client.get("/sw.js"))
    for fetch_from in set(data["pages"].values()):
        page = client.get(fetch_from).content.decode()
        used = set(re.findall(r'(?:src|href)="(/static/[^"]+)"', page))
        assert used <= set(data["assets"]), (fetch_from, used - set(data["assets"]))


def test_the_version_changes_with_the_release_setting(client, settings):
    first = worker_data(client.get("/sw.js"))["version"]
    settings.SERVICE_WORKER_RELEASE = settings.SERVICE_WORKER_RELEASE + "-next"
    second = worker_data(client.get("/sw.js"))["version"]

    assert first != second
    assert re.fullmatch(r"[0-9a-f]{12}", second)


def test_the_version_is_the_same_on_every_request(client):
    assert worker_data(client.get("/sw.js")) == worker_data(client.get("/sw.js"))


def test_the_offline_page_is_calm_and_links_to_the_quick_log(client):
    response = client.get(reverse("offline"))

    html = response.content.decode()
    assert "You're offline. Your journal needs a connection. You can still log a twitch." in html
    assert 'href="/journal/quick/"' in html


@pytest.mark.parametrize("name", ["journal:offline_quick", "journal:offline_create"])
def test_the_form_shells_need_no_log_in_and_hold_nothing_personal(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="locations"' in html
    assert "emergency-banner" not in html


@pytest.mark.parametrize("name", ["journal:offline_quick", "journal:offline_create"])
def test_the_form_shells_only_answer_get(client, name):
    client.force_login(UserFactory())
    assert client.post(reverse(name), {"locations": ["eyelid"], "side": "left"}).status_code == 405


def test_the_shells_and_worker_take_few_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get("/sw.js")
    with django_assert_max_num_queries(0):
        client.get(reverse("journal:offline_quick"))


def test_the_dashboard_and_journal_have_a_waiting_to_send_list(client):
    client.force_login(UserFactory())
    for url in ["/", "/journal/"]:
        assert "data-outbox-list" in client.get(url).content.decode()


def test_the_csp_allows_this_sites_worker_and_manifest_only(client):
    policy = client.get("/")["Content-Security-Policy"]

    assert "worker-src 'self'" in policy
    assert "manifest-src 'self'" in policy
    assert "connect-src 'self'" in policy


def test_every_days_log_is_answered_offline_by_the_daily_shell(client):
    data = worker_data(client.get("/sw.js"))

    assert data["daily"] == "/journal/daily/"
    assert data["pages"]["/journal/daily/"] == "/journal/offline/daily/"
    shell = client.get("/journal/offline/daily/").content.decode()
    assert 'data-outbox-daily-log=""' in shell
    assert "csrfmiddlewaretoken" not in shell


@time_machine.travel(dt.datetime(2026, 3, 29, 23, 30, tzinfo=dt.UTC), tick=False)
def test_the_address_of_todays_log_leads_to_the_persons_own_today(client):
    # 23:30 UTC on the day the clocks go forward is already the 30th in Berlin.
    client.force_login(UserFactory(time_zone="Europe/Berlin"))

    response = client.get("/journal/daily/today/")

    assert response.status_code == 302
    assert response["Location"] == "/journal/daily/2026-03-30/"


def test_the_address_of_todays_log_needs_a_log_in(client):
    response = client.get("/journal/daily/today/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]

"""Logging with no signal, in Chromium: the service worker, the outbox and the idempotent
API together (SPEC, "Offline"). ``context.set_offline(True)`` cuts the page and its
service worker off the network."""

import contextlib
import re
import threading
import time
import urllib.request
import uuid
from decimal import Decimal

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from journal.api.episodes import EpisodeList
from journal.models import DailyLog, Episode
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.parametrize("viewport", [PHONE], ids=["phone"]),
]


@pytest.fixture(autouse=True)
def warm_server(live_server):
    """Render each page once before the browser's short timeouts start (a busy machine
    takes many seconds over a first render)."""
    for path in ["/accounts/login/", "/journal/offline/quick/", "/offline/", "/guidance/"]:
        urllib.request.urlopen(live_server.url + path, timeout=120).close()


@pytest.fixture
def page(page):
    page.set_default_timeout(20000)
    return page


OUTBOX_SIZE = "() => self.TwitchOutbox.all().then((entries) => entries.length)"


def wait_for_service_worker(page) -> None:
    """Until the service worker controls the page (it claims pages when it activates)."""
    # Installing fetches every kept page: slow on a busy machine, and an install that
    # failed is tried again when a page loads (outbox.js registers on every page).
    for _ in range(3):
        try:
            page.wait_for_function(
                "() => navigator.serviceWorker.controller !== null", timeout=40000
            )
            return
        except PlaywrightTimeoutError:
            page.reload()
    raise AssertionError("the service worker never took control of the page")


def log_twitch(page, location: str, side: str) -> None:
    page.locator(f'input[name="locations"][value="{location}"]').check()
    page.locator(f'input[name="side"][value="{side}"]').check()
    page.get_by_role("button", name="Save this twitch").click()
    expect(page.locator("#outbox-form-status")).to_contain_text("Saved on this phone")


def outbox_size(page) -> int:
    return page.evaluate(OUTBOX_SIZE)


def wait_until(page, condition, message: str, seconds: float = 30) -> None:
    """Until ``condition()`` holds, polling from the test thread.

    Not ``page.wait_for_function``: it does not wait for a promise, so a predicate that
    reads IndexedDB (a promise, always truthy) would pass at once, whatever the outbox
    holds. That made this file's outbox checks pass before the outbox was empty.
    """
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(message)
        page.wait_for_timeout(100)


class AnswerGate:
    """Holds back the API's answers to ``POST /api/episodes/`` until ``release()``.

    Each POST is stored (or found a repeat) and committed as usual; only the answer waits,
    so the browser cannot know the entry was saved: the case an outbox must survive. Every
    answer is noted as (sender, client_id, status); the sender is "worker" when the
    service worker sent it (its requests carry /sw.js as the referrer), else "page".
    """

    def __init__(self):
        self.answers = []
        self._open = threading.Event()
        self._lock = threading.Lock()

    def wrap(self, create):
        def held_create(view, request, *args, **kwargs):
            response = create(view, request, *args, **kwargs)
            sender = "worker" if request.headers.get("Referer", "").endswith("/sw.js") else "page"
            with self._lock:
                self.answers.append((sender, response.data.get("client_id"), response.status_code))
            self._open.wait(timeout=60)
            return response

        return held_create

    def seen(self, sender: str) -> list[tuple[str, int]]:
        with self._lock:
            return [(client_id, code) for who, client_id, code in self.answers if who == sender]

    def release(self) -> None:
        self._open.set()


@pytest.fixture
def answer_gate(monkeypatch):
    gate = AnswerGate()
    monkeypatch.setattr(EpisodeList, "create", gate.wrap(EpisodeList.create))
    yield gate
    gate.release()  # never leave a server thread waiting


def test_twitches_logged_offline_reach_the_server_once_each_even_after_a_reload_mid_send(
    signed_in_page, live_server, person, context, answer_gate
):
    page = signed_in_page
    page.goto(f"{live_server.url}/journal/quick/")
    wait_for_service_worker(page)

    context.set_offline(True)
    log_twitch(page, "eyelid", "left")
    log_twitch(page, "cheek", "right")
    assert outbox_size(page) == 2
    first, second = page.evaluate(
        "() => self.TwitchOutbox.all().then((entries) => entries.map((e) => e.client_id))"
    )

    # Reloaded offline: the kept form, with both entries waiting.
    page.reload()
    expect(page.get_by_role("heading", name="Waiting to send (2)")).to_be_visible()
    expect(page.locator('input[name="locations"]').first).to_be_attached()
    expect(page.locator("#outbox-form-status")).to_contain_text("You're offline.")
    expect(page.locator("body")).to_have_attribute("data-signed-in", "unknown")
    # A personal page offline: the calm offline page, never a copy of the journal.
    page.goto(f"{live_server.url}/journal/")
    calm = "Your journal needs a connection. You can still log a twitch."
    expect(page.get_by_text(calm)).to_be_visible()
    expect(page.get_by_role("heading", name="Waiting to send (2)")).to_be_visible()
    expect(page.get_by_role("heading", name="Your journal")).to_have_count(0)
    page.goto(f"{live_server.url}/journal/quick/")

    # Back online, the page sends the first twitch: the server stores it, but its answer
    # is held back, and the page is reloaded while it waits (the service worker's
    # Background Sync may be sending at the same time: its answers are held too).
    context.set_offline(False)
    wait_until(
        page,
        lambda: answer_gate.seen("page"),
        "the page sent nothing when the connection came back",
    )
    # Stored, whichever sender came first (201 to it, 200 to the other).
    assert answer_gate.seen("page")[0][0] == first
    assert list(Episode.objects.filter(user=person).values_list("client_id", flat=True)) == [
        uuid.UUID(first)
    ]
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-signed-in", "true")
    # The reloaded page has seen no answer, so it sends the first twitch again.
    wait_until(
        page,
        lambda: len(answer_gate.seen("page")) >= 2,
        "the reloaded page did not send the waiting twitches again",
    )
    assert answer_gate.seen("page")[1] == (first, 200)
    answer_gate.release()

    wait_until(page, lambda: outbox_size(page) == 0, "the outbox never emptied")
    episodes = Episode.objects.filter(user=person)
    assert sorted(
        str(client_id) for client_id in episodes.values_list("client_id", flat=True)
    ) == sorted([first, second])
    assert sorted(episodes.values_list("side", flat=True)) == ["left", "right"]
    # Each twitch was created once; every other answer was a repeat.
    answers = answer_gate.seen("page") + answer_gate.seen("worker")
    assert sorted(client_id for client_id, code in answers if code == 201) == sorted(
        [first, second]
    )
    assert {code for _, code in answers} == {200, 201}
    expect(page.get_by_role("heading", name=re.compile("Waiting to send"))).to_have_count(0)


@pytest.mark.browser_context_args(service_workers="block")
def test_a_twitch_saved_online_that_gets_no_answer_waits_in_the_outbox_and_is_sent_once(
    signed_in_page, live_server, person, context
):
    """The phone says it is online, but the post never gets through (a lift, a dead
    Wi-Fi): the twitch waits in the outbox, then is sent once when the network works.
    (No service worker here: Playwright's routes do not see the posts of a page the worker
    controls, and the page alone must not lose the twitch.)"""
    page = signed_in_page
    page.goto(f"{live_server.url}/journal/quick/")
    no_signal = re.compile(r".*/(journal/quick|api/episodes)/$")

    def drop_posts(route):
        return route.abort() if route.request.method == "POST" else route.continue_()

    context.route(no_signal, drop_posts)
    page.locator('input[name="locations"][value="eyelid"]').check()
    page.locator('input[name="side"][value="left"]').check()
    page.get_by_role("button", name="Save this twitch").click()
    expect(page.locator("#outbox-form-status")).to_contain_text("could not be reached")
    expect(page.get_by_role("heading", name="Waiting to send (1)")).to_be_visible()
    expect(page.get_by_text("Waiting to send", exact=True)).to_be_visible()
    assert page.evaluate("() => navigator.onLine")
    assert outbox_size(page) == 1
    (waiting,) = page.evaluate(
        "() => self.TwitchOutbox.all().then((entries) => entries.map((e) => e.client_id))"
    )
    # The form is ready for the next twitch, under a new label.
    expect(page.locator('input[name="locations"][value="eyelid"]')).not_to_be_checked()
    assert not Episode.objects.filter(user=person).exists()

    # The signal comes back: no "online" event, the page tries again by itself.
    context.unroute(no_signal)
    wait_until(page, lambda: outbox_size(page) == 0, "the waiting twitch was never sent", 60)
    episode = Episode.objects.get(user=person)
    assert str(episode.client_id) == waiting
    assert episode.side == "left"
    expect(page.get_by_role("heading", name=re.compile("Waiting to send"))).to_have_count(0)


@pytest.mark.browser_context_args(service_workers="block")
def test_a_twitch_whose_post_reached_the_server_but_not_its_answer_is_stored_once(
    signed_in_page, live_server, person, context
):
    """The post arrives and is stored, but the answer is lost (a server error on the way
    back): the outbox sends it again under the same client_id, and it is stored once."""
    page = signed_in_page
    page.goto(f"{live_server.url}/journal/quick/")

    def lose_answer(route):
        if route.request.method != "POST":
            return route.continue_()
        route.fetch()  # stored on the server
        return route.fulfill(status=502, body="Bad gateway")

    context.route(re.compile(r".*/journal/quick/$"), lose_answer)
    page.locator('input[name="locations"][value="cheek"]').check()
    page.locator('input[name="side"][value="right"]').check()
    page.get_by_role("button", name="Save this twitch").click()
    expect(page.locator("#outbox-form-status")).to_contain_text("could not be reached")
    assert Episode.objects.filter(user=person).count() == 1

    context.unroute(re.compile(r".*/journal/quick/$"))
    page.reload()
    wait_until(page, lambda: outbox_size(page) == 0, "the waiting twitch was never sent")
    assert Episode.objects.filter(user=person).count() == 1


def test_a_rejected_entry_stays_in_the_outbox_with_its_message(
    signed_in_page, live_server, person, context
):
    page = signed_in_page
    page.goto(f"{live_server.url}/journal/quick/")
    wait_for_service_worker(page)

    context.set_offline(True)
    # The quick log cannot send a value the API refuses (its steppers stop at one day), so
    # one box is made to carry a place the API does not know, as an old page might.
    page.locator('input[name="locations"][value="eyelid"]').evaluate("box => box.value = 'earlobe'")
    log_twitch(page, "earlobe", "left")
    context.set_offline(False)

    expect(page.get_by_text(re.compile("Not accepted: locations"))).to_be_visible()
    assert outbox_size(page) == 1
    page.goto(f"{live_server.url}/")
    expect(page.get_by_text(re.compile("Not accepted: locations"))).to_be_visible()
    assert outbox_size(page) == 1
    assert not Episode.objects.filter(user=person).exists()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Discard").click()
    expect(page.get_by_role("heading", name=re.compile("Waiting to send"))).to_have_count(0)
    assert outbox_size(page) == 0


def test_a_rejected_twitch_is_corrected_in_the_full_form_and_replaces_the_old_entry(
    signed_in_page, live_server, person, context
):
    page = signed_in_page
    page.goto(f"{live_server.url}/journal/quick/")
    wait_for_service_worker(page)
    context.set_offline(True)
    page.locator('input[name="locations"][value="eyelid"]').evaluate("box => box.value = 'earlobe'")
    log_twitch(page, "earlobe", "right")
    context.set_offline(False)
    expect(page.get_by_text(re.compile("Not accepted: locations"))).to_be_visible()

    page.get_by_role("link", name="Correct it").click()
    page.wait_for_url(re.compile(r"/journal/new/#fix-"))
    # Its answers are back, with what was wrong.
    expect(page.locator("#outbox-form-status")).to_contain_text("Not accepted: locations")
    expect(page.locator('input[name="side"][value="right"]')).to_be_checked()
    page.locator('input[name="locations"][value="cheek"]').check()
    page.get_by_role("button", name=re.compile("Save")).last.click()
    page.wait_for_url(re.compile(r"/journal/\d+/$"))

    episode = Episode.objects.get(user=person)
    assert (episode.locations, episode.side) == (["cheek"], "right")
    assert outbox_size(page) == 0


def test_todays_log_saved_offline_waits_then_is_sent_once(
    signed_in_page, live_server, person, context
):
    page = signed_in_page
    page.get_by_role("link", name="Log sleep, caffeine and stress").click()
    form = page.locator("form[data-outbox-daily-log]")
    day = form.get_attribute("data-outbox-daily-log")
    wait_for_service_worker(page)

    context.set_offline(True)
    expect(page.locator("#outbox-form-status")).to_contain_text("Save today's log here")
    page.locator("#id_sleep_hours").fill("6.5")
    page.locator("#id_caffeine_servings").fill("3")
    page.get_by_role("button", name="Save this day").click()
    expect(page.locator("#outbox-form-status")).to_contain_text("Saved on this phone")
    expect(page.get_by_role("heading", name="Waiting to send (1)")).to_be_visible()
    expect(page.get_by_text(re.compile("^Daily log for"))).to_be_visible()
    assert not DailyLog.objects.filter(user=person).exists()

    context.set_offline(False)
    wait_until(page, lambda: outbox_size(page) == 0, "today's log was never sent")
    log = DailyLog.objects.get(user=person)
    assert (log.date.isoformat(), log.sleep_hours, log.caffeine_servings) == (
        day,
        Decimal("6.5"),
        3,
    )
    assert log.client_id is not None


@pytest.mark.browser_context_args(timezone_id="Europe/London")
def test_todays_log_opens_and_saves_offline_from_the_offline_page(
    signed_in_page, live_server, person, context
):
    page = signed_in_page
    page.goto(f"{live_server.url}/journal/quick/")
    wait_for_service_worker(page)

    context.set_offline(True)
    page.goto(f"{live_server.url}/journal/")
    page.get_by_role("link", name="Log today's sleep, caffeine and stress").click()
    page.wait_for_url(re.compile(r"/journal/daily/today/$"))
    form = page.locator("form[data-outbox-daily-log]")
    expect(form).to_be_visible()
    day = form.get_attribute("data-outbox-daily-log")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", day)
    page.locator("#id_water_glasses").fill("5")
    page.get_by_role("button", name="Save this day").click()
    expect(page.get_by_role("heading", name="Waiting to send (1)")).to_be_visible()

    # Another day's address offline: only today's log can be saved without a connection.
    page.goto(f"{live_server.url}/journal/daily/2026-01-01/")
    expect(page.get_by_text("Only today's log can be saved without a connection.")).to_be_visible()
    expect(page.locator("form[data-outbox-daily-log]")).to_be_hidden()

    context.set_offline(False)
    page.goto(f"{live_server.url}/")
    wait_until(page, lambda: outbox_size(page) == 0, "today's log was never sent")
    log = DailyLog.objects.get(user=person)
    assert (log.date.isoformat(), log.water_glasses) == (day, 5)


def test_logging_out_empties_the_outbox(signed_in_page, live_server, person, context):
    page = signed_in_page
    page.goto(f"{live_server.url}/journal/quick/")
    wait_for_service_worker(page)
    context.set_offline(True)
    log_twitch(page, "eyelid", "left")

    # Online, but the API cannot be reached: the entry waits on the dashboard.
    context.route(re.compile(r".*/api/episodes/$"), lambda route: route.abort())
    context.set_offline(False)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Waiting to send (1)")).to_be_visible()

    # The log-out itself is held back: the outbox is emptied before the form is sent.
    context.route(re.compile(r".*/accounts/logout/$"), lambda route: route.abort())
    page.get_by_role("button", name="Show menu").click()
    page.get_by_role("button", name="Log out").click()
    # The held log-out ends the page's navigation with a network error.
    with contextlib.suppress(PlaywrightError):
        page.wait_for_url(re.compile("^chrome-error://"))
    page.wait_for_timeout(1000)
    # Still signed in (the log-out never arrived), yet the outbox is already empty.
    with contextlib.suppress(PlaywrightError):
        page.goto(f"{live_server.url}/")
    page.goto(f"{live_server.url}/")
    expect(page.locator("body")).to_have_attribute("data-signed-in", "true")
    assert outbox_size(page) == 0
    context.unroute(re.compile(r".*/accounts/logout/$"))
    context.unroute(re.compile(r".*/api/episodes/$"))
    assert not Episode.objects.filter(user=person).exists()


def test_a_page_where_nobody_is_signed_in_empties_the_outbox(page, live_server):
    page.goto(f"{live_server.url}/guidance/")
    page.evaluate(
        """() => self.TwitchOutbox.put({client_id: crypto.randomUUID(), kind: "episode",
            url: "/api/episodes/", payload: {}, label: "Twitch", created_at: "",
            status: "waiting"})"""
    )
    assert outbox_size(page) == 1

    page.reload()
    wait_until(page, lambda: outbox_size(page) == 0, "the signed-out page kept the outbox")


def test_chromium_finds_nothing_that_stops_the_app_being_installed(
    playwright, live_server, tmp_path, viewport
):
    """Chromium's own installability check (what Lighthouse asks), in a normal profile:
    Playwright's usual contexts are incognito, where nothing installs."""
    context = playwright.chromium.launch_persistent_context(
        tmp_path, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, viewport=viewport
    )
    try:
        page = context.new_page()
        page.set_default_timeout(20000)
        page.goto(f"{live_server.url}/")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.reload()
        cdp = context.new_cdp_session(page)

        assert cdp.send("Page.getAppManifest")["errors"] == []
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    finally:
        context.close()

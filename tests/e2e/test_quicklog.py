"""Five-second logging on a phone (issue 15): the quick log in three taps without scrolling,
a failed save that keeps everything with the error in view, and a timer that survives."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from journal.models import Episode
from tests.e2e.conftest import PHONE
from tests.factories import DailyLogFactory, EpisodeFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.parametrize("viewport", [PHONE], ids=["phone"]),
]
# The timer counts whole seconds: wait a little over one.
TIMER_WAIT_MS = 1200


@pytest.fixture
def page(page):
    """More time than the suite's 8 s: these run on a busy shared machine."""
    page.set_default_timeout(30000)
    return page


def in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return (
        box is not None
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= size["width"]
        and box["y"] + box["height"] <= size["height"]
    )


def scrolled(page) -> int:
    return page.evaluate("window.scrollY")


def test_a_twitch_is_logged_from_the_dashboard_in_three_taps_without_scrolling(
    signed_in_page, live_server, person
):
    page = signed_in_page
    taps = 0

    log_now = page.get_by_role("link", name="Log a twitch now")
    assert in_viewport(page, log_now)
    log_now.click()
    taps += 1
    expect(page).to_have_url(f"{live_server.url}/journal/quick/")

    # One tap on the face picks the place and the side.
    region = page.locator('.facemap__region[data-location="eyelid"][data-side="left"]')
    assert in_viewport(page, region)
    region.click()
    taps += 1
    expect(page.get_by_role("checkbox", name="Eyelid", exact=True)).to_be_checked()
    expect(page.get_by_role("radio", name="Left", exact=True)).to_be_checked()

    save = page.get_by_role("button", name="Save this twitch")
    assert scrolled(page) == 0
    assert in_viewport(page, save), save.bounding_box()
    save.click()
    taps += 1

    expect(page.get_by_text("Saved.")).to_be_visible()
    assert taps <= 3
    episode = Episode.objects.get(user=person)
    assert (episode.locations, episode.side) == (["eyelid"], "left")
    assert episode.duration_seconds is not None and episode.duration_seconds >= 1


def test_a_failed_save_keeps_everything_with_the_error_in_view(signed_in_page, live_server):
    page = signed_in_page
    page.goto(f"{live_server.url}/journal/quick/")
    page.get_by_role("button", name="Reset").click()
    # Strength 7, 1 minute 10 seconds with the steppers, the right side, but no place.
    page.locator("label[for=id_intensity_7]").click()
    page.get_by_role("button", name="Minutes: more").click()
    for _ in range(2):
        page.get_by_role("button", name="Seconds: more").click()
    expect(page.locator("#duration-readout")).to_have_text("1 minute 10 seconds")
    page.get_by_role("radio", name="Right", exact=True).check()
    page.get_by_role("button", name="Save this twitch").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Pick at least one place on your face.")
    assert in_viewport(page, summary)
    # Nothing is lost.
    expect(page.get_by_role("radio", name="7", exact=True)).to_be_checked()
    expect(page.get_by_role("radio", name="Right", exact=True)).to_be_checked()
    expect(page.get_by_role("spinbutton", name="Minutes")).to_have_value("1")
    expect(page.get_by_role("spinbutton", name="Seconds")).to_have_value("10")
    expect(page.locator("#timer-toggle")).to_have_text("Start timer")
    # The summary's link goes to the place boxes.
    summary.get_by_role("link", name="Pick at least one place on your face.").click()
    expect(page.get_by_role("checkbox", name="Eyelid", exact=True)).to_be_focused()


def test_the_timer_survives_a_reload_and_stopping_it_fills_the_duration(
    signed_in_page, live_server
):
    page = signed_in_page
    bar = page.locator("#twitching-bar")
    expect(bar).to_be_hidden()

    page.goto(f"{live_server.url}/journal/quick/")
    expect(page.locator("#timer-toggle")).to_have_text("Stop timer")
    # Leave the page, then reload: the bar keeps counting.
    page.goto(f"{live_server.url}/journal/")
    expect(bar).to_be_visible()
    expect(bar).to_contain_text("Twitching now")
    page.reload()
    expect(bar).to_be_visible()
    page.wait_for_timeout(TIMER_WAIT_MS)
    # Back on the quick log the same run carries on.
    page.goto(f"{live_server.url}/journal/quick/")
    expect(page.locator("#timer-toggle")).to_have_text("Stop timer")
    assert page.locator("#timer-display").text_content() != "0:00"
    expect(bar).to_be_hidden()

    page.goto(f"{live_server.url}/")
    bar.get_by_role("button", name="Stop and log it").click()
    page.wait_for_url("**/journal/quick/?duration_seconds=*")
    seconds = int(page.get_by_role("spinbutton", name="Seconds").input_value())
    minutes = int(page.get_by_role("spinbutton", name="Minutes").input_value())
    assert minutes * 60 + seconds >= 1
    expect(page.locator("#timer-toggle")).to_have_text("Start timer")
    page.goto(f"{live_server.url}/")
    expect(bar).to_be_hidden()


def test_a_running_timer_can_be_discarded_from_any_page(signed_in_page, live_server):
    page = signed_in_page
    page.goto(f"{live_server.url}/journal/quick/")
    page.goto(f"{live_server.url}/")
    bar = page.locator("#twitching-bar")
    expect(bar).to_be_visible()
    bar.get_by_role("button", name="Discard").click()
    expect(bar).to_be_hidden()
    page.reload()
    expect(bar).to_be_hidden()
    assert not Episode.objects.exists()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_changed_pages_have_no_axe_violations(
    signed_in_page, live_server, person, color_scheme
):
    from tests.e2e.test_accessibility import AxeChecker

    page = signed_in_page
    today = timezone.localdate(timezone=ZoneInfo("Europe/London"))
    yesterday = today - dt.timedelta(days=1)
    DailyLogFactory(user=person, date=yesterday, sleep_hours=7, checklist_done=[])
    for hours in (1, 30, 60):
        EpisodeFactory(user=person, started_at=timezone.now() - dt.timedelta(hours=hours))
    axe = AxeChecker(page, live_server.url, color_scheme)

    axe.visit("/journal/quick/")  # the timer running
    page.locator('.facemap__region[data-location="cheek"][data-side="right"]').click()
    page.locator("label[for=id_intensity_4]").click()
    page.get_by_role("button", name="Minutes: more").click()
    axe.check("quick log filled in")
    page.get_by_role("checkbox", name="Cheek", exact=True).uncheck()
    page.get_by_role("button", name="Save this twitch").click()
    expect(page.locator("#error-summary")).to_be_focused()
    axe.check("quick log with the error summary")
    page.goto(f"{live_server.url}/journal/quick/")
    axe.visit("/")  # the twitching-now bar showing
    expect(page.locator("#twitching-bar")).to_be_visible()
    axe.check("dashboard with the twitching-now bar")
    axe.visit(f"/journal/daily/{today:%Y-%m-%d}/")
    page.get_by_role("button", name="Hours of sleep last night: more").click()
    axe.check("daily log after a stepper tap")
    axe.visit("/journal/")
    axe.visit(f"/journal/{Episode.objects.filter(user=person).first().pk}/")
    axe.visit("/journal/month/")
    axe.assert_clean()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_a_checklist_tick_is_saved_in_place(signed_in_page, live_server, person, color_scheme):
    from guidance.models import ChecklistItem
    from journal.models import DailyLog

    page = signed_in_page
    item = ChecklistItem.objects.published().order_by("order").first()
    box = page.locator(f"#checklist-{item.slug}")
    expect(page.get_by_role("button", name="Save today's checklist")).to_be_hidden()
    box.check()
    expect(page.locator(".checklist__status")).to_have_text("Saved.")
    assert DailyLog.objects.get(user=person).checklist_done == [item.slug]
    # The box's edge has 3:1 contrast or more against the page.
    border, background = page.evaluate(
        """(el) => [getComputedStyle(el).borderTopColor,
                    getComputedStyle(document.body).backgroundColor]""",
        page.locator(".checklist__item .form-check-input").nth(1).element_handle(),
    )
    assert contrast(border, background) >= 3, (border, background)


def _rgba(colour: str) -> list[float]:
    values = [float(v) for v in re.findall(r"[\d.]+", colour)]
    return values + [1.0] * (4 - len(values))


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast of ``foreground`` (blended over ``background`` by its alpha)."""
    *back, _alpha = _rgba(background)
    *front, alpha = _rgba(foreground)
    blended = [alpha * f + (1 - alpha) * b for f, b in zip(front, back, strict=True)]

    def luminance(rgb: list[float]) -> float:
        def f(v):
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * f(rgb[0]) + 0.7152 * f(rgb[1]) + 0.0722 * f(rgb[2])

    hi, lo = sorted([luminance(blended), luminance(back)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_daily_log_is_filled_in_by_tapping_without_typing(signed_in_page, live_server, person):
    from journal.models import DailyLog

    page = signed_in_page
    today = timezone.localdate(timezone=ZoneInfo("Europe/London"))
    page.goto(f"{live_server.url}/journal/daily/{today:%Y-%m-%d}/")
    sleep = page.get_by_role("spinbutton", name="Hours of sleep last night")
    plus = page.get_by_role("button", name="Hours of sleep last night: more")
    plus.click()  # an empty box starts at 7
    plus.click()
    expect(sleep).to_have_value("7.5")
    page.get_by_role("button", name="Caffeine drinks: more").click()
    page.locator("label[for=id_stress_level_5]").click()  # "4": "Not said" is the first
    page.get_by_role("button", name="Save this day").click()

    expect(page.locator(".messages")).to_contain_text("is saved")
    log = DailyLog.objects.get(user=person, date=today)
    assert (float(log.sleep_hours), log.caffeine_servings, log.stress_level) == (7.5, 1, 4)


def test_same_as_the_day_before_is_one_tap(signed_in_page, live_server, person):
    from journal.models import DailyLog

    page = signed_in_page
    today = timezone.localdate(timezone=ZoneInfo("Europe/London"))
    DailyLogFactory(
        user=person, date=today - dt.timedelta(days=1), sleep_hours=6, checklist_done=[]
    )
    page.goto(f"{live_server.url}/journal/daily/{today:%Y-%m-%d}/")
    page.get_by_role("button", name="Same as the day before").click()

    expect(page.locator(".messages")).to_contain_text("Copied from the day before")
    assert DailyLog.objects.get(user=person, date=today).sleep_hours == 6
    expect(page.get_by_role("spinbutton", name="Hours of sleep last night")).to_have_value("6.0")

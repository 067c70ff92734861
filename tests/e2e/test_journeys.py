"""The real journeys, in a real browser, at phone and desktop sizes.

One long journey walks a new person from sign-up to the emergency card, the way a worried
person would use the app: it is slow to set up, so it runs once per size and checks each
step on the way. Smaller journeys run at one size.
"""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from guidance.models import Cause, Condition
from journal.models import Episode
from tests.e2e.conftest import PHONE
from tests.factories import EpisodeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD_LABEL = re.compile(r"^\s*Password\*?\s*$")
EMERGENCY_HEADING = "Emergency: call your local emergency number now"
# The timer counts whole seconds: wait a little over one.
TIMER_WAIT_MS = 1200
# The smaller journeys run at the phone size only (parametrize overrides the fixture).
phone_only = pytest.mark.parametrize("viewport", [PHONE], ids=["phone"])


def sign_up(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label(PASSWORD_LABEL).fill("a long and private phrase")
    page.get_by_role("checkbox", name="I agree that TwitchCare stores").check()
    page.get_by_role("button", name="Create my journal").click()
    page.wait_for_url(f"{live_server.url}/start/")
    page.get_by_role("link", name="Skip for now").click()
    page.wait_for_url(f"{live_server.url}/")


def test_a_new_person_logs_twitches_and_is_shown_the_emergency_card(page, live_server):
    # Sign up with consent and land on Today.
    sign_up(page, live_server, "sam")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Today")
    expect(page.get_by_text("No twitches logged today.")).to_be_visible()

    # "Log a twitch now": the timer fills in the duration.
    page.get_by_role("link", name="Log a twitch now").click()
    expect(page).to_have_url(f"{live_server.url}/journal/quick/")
    # The duration is posted in seconds from a hidden box; it shows as minutes and seconds.
    duration = page.locator("#id_duration_seconds")
    page.get_by_role("button", name="Reset").click()
    expect(duration).to_have_value("")
    toggle = page.locator("#timer-toggle")
    expect(toggle).to_have_text("Start timer")
    toggle.click()
    expect(toggle).to_have_text("Stop timer")
    page.wait_for_timeout(TIMER_WAIT_MS)
    toggle.click()
    expect(page.locator("#timer-status")).to_contain_text("Stopped at")
    assert int(duration.input_value()) > 0

    page.get_by_role("checkbox", name="Eyelid", exact=True).check()
    page.get_by_role("radio", name="Left", exact=True).check()
    page.get_by_role("button", name="Save this twitch").click()
    expect(page.get_by_text("Saved. Add what set it off")).to_be_visible()

    # It is in the journal.
    page.get_by_role("link", name="Back to your journal").click()
    expect(page.locator(".result-count")).to_have_text("1 twitch.")
    expect(page.locator(".episode-card__title")).to_contain_text(["Eyelid, left"])

    # The full form: tapping the left eyelid on the face map ticks the box and sets the side.
    page.get_by_role("link", name="Add one with details").click()
    expect(page).to_have_url(f"{live_server.url}/journal/new/")
    eyelid = page.get_by_role("checkbox", name="Eyelid", exact=True)
    left = page.get_by_role("radio", name="Left", exact=True)
    expect(eyelid).not_to_be_checked()
    page.locator('.facemap__region[data-location="eyelid"][data-side="left"]').click()
    expect(eyelid).to_be_checked()
    expect(left).to_be_checked()
    expect(page.locator("#facemap-summary")).to_have_text("Picked: eyelid on your left.")
    page.get_by_role("checkbox", name="Stress").check()
    page.get_by_role("button", name="Save this twitch").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Twitch on")
    episode = Episode.objects.get(user__username="sam", triggers=["stress"])
    assert (episode.locations, episode.side) == (["eyelid"], "left")

    # Nothing worrying yet: self-care, and no banner.
    page.goto(f"{live_server.url}/triage/")
    expect(page.locator(".care-card--self-care")).to_contain_text("Self-care")
    expect(page.locator(".emergency-banner")).to_have_count(0)

    # A stroke sign: the emergency card shows at once, before the form is sent.
    page.goto(f"{live_server.url}/journal/new/")
    card = page.locator("#stroke-card")
    expect(card).to_be_hidden()
    page.get_by_role("checkbox", name="Slurred speech").check()
    expect(card).to_be_visible()
    expect(card).to_be_in_viewport()
    expect(card).to_be_focused()
    expect(card).to_contain_text("Call your local emergency number now")
    page.get_by_role("checkbox", name="Mouth").check()
    page.get_by_role("radio", name="Right", exact=True).check()
    page.get_by_role("button", name="Save this twitch").click()

    # The saved episode keeps the card on screen, first thing in the page's content.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Twitch on")
    expect(card).to_be_visible()
    expect(card).to_be_in_viewport()
    first_in_main = page.evaluate("document.querySelector('main').firstElementChild.id")
    assert first_in_main == "stroke-card"

    # Triage says emergency, in words, with the numbers to call.
    banner = page.locator(".emergency-banner")
    expect(banner).to_contain_text("Call your local emergency number now")
    banner.get_by_role("link", name="What to do").click()
    expect(page).to_have_url(f"{live_server.url}/triage/")
    answer = page.locator("main .care-card--emergency")  # the footer has FAST too
    expect(answer.get_by_role("heading", name=EMERGENCY_HEADING)).to_be_visible()
    expect(answer.get_by_role("link", name=re.compile("Call 999"))).to_be_visible()
    expect(page.get_by_role("heading", name="Signs of a possible stroke")).to_be_visible()

    # The banner holds on the other pages while the emergency lasts.
    for path in ("/journal/", "/insights/", "/guidance/"):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("alert")).to_contain_text("Call your local emergency number now")

    # The guidance the migrations shipped is there, and opens.
    page.get_by_role("link", name=re.compile("^Common causes")).click()
    causes = list(Cause.objects.published().values_list("title", flat=True))
    assert len(causes) == 5
    expect(page.locator("main .guidance-page h2")).to_have_count(5)
    for title in causes:
        expect(page.get_by_role("heading", name=title)).to_be_visible()
    page.goto(f"{live_server.url}/guidance/")
    page.get_by_role("link", name=re.compile("^Conditions")).click()
    condition = Condition.objects.published().order_by("order").first()
    page.get_by_role("link", name=re.compile(re.escape(condition.title))).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(condition.title)
    expect(
        page.get_by_role("heading", name="How it differs from an ordinary twitch")
    ).to_be_visible()
    assert User.objects.get(username="sam").episodes.count() == 3


@phone_only
def test_the_journal_list_filters_by_place_and_side(signed_in_page, live_server, person):
    EpisodeFactory(user=person, locations=["eyelid"], side="left")
    EpisodeFactory(user=person, locations=["cheek"], side="right")
    page = signed_in_page
    page.goto(f"{live_server.url}/journal/")
    expect(page.locator(".result-count")).to_have_text("2 twitches.")

    page.get_by_text("Filter by date, place or side").click()
    page.get_by_label("Where").select_option("cheek")
    page.get_by_role("button", name="Show twitches").click()
    expect(page.locator(".result-count")).to_have_text("1 twitch matches your filters.")
    expect(page.locator(".episode-card__title")).to_have_text([re.compile("Cheek, right")])


@phone_only
def test_ticking_a_new_droop_shows_the_fast_card_at_once_and_the_saved_twitch_keeps_it(
    signed_in_page, live_server, person
):
    page = signed_in_page
    page.goto(f"{live_server.url}/journal/new/")
    card = page.locator("#stroke-card")
    expect(card).to_be_hidden()

    drooping = page.get_by_role(
        "checkbox",
        name="Face or eyelid newly drooping or won't move — not just pulled during a twitch",
    )
    drooping.check()

    expect(card).to_be_visible()
    expect(card).to_be_in_viewport()
    expect(card).to_be_focused()
    expect(card).to_contain_text("Call your local emergency number now")
    expect(card).to_contain_text("Think FAST")
    drooping.uncheck()
    expect(card).to_be_hidden()
    drooping.check()
    page.get_by_role("checkbox", name="Mouth", exact=True).check()
    page.get_by_role("radio", name="Left", exact=True).check()
    page.get_by_role("button", name="Save this twitch").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Twitch on")
    expect(card).to_be_visible()
    first_in_main = page.evaluate("document.querySelector('main').firstElementChild.id")
    assert first_in_main == "stroke-card"
    expect(page.locator(".emergency-banner")).to_contain_text(
        "Call your local emergency number now"
    )


@phone_only
def test_i_have_been_seen_takes_the_banner_off_the_other_pages(signed_in_page, live_server, person):
    EpisodeFactory(user=person, symptoms=["drooping"])
    page = signed_in_page
    page.goto(f"{live_server.url}/journal/")
    expect(page.locator(".emergency-banner")).to_be_visible()

    page.goto(f"{live_server.url}/triage/")
    page.get_by_role("button", name="I have been seen about this").click()

    expect(page.locator("#seen-note")).to_contain_text("You recorded that you have been seen on")
    expect(page.locator(".care-card--emergency").first).to_be_visible()
    page.goto(f"{live_server.url}/journal/")
    expect(page.locator(".emergency-banner")).to_have_count(0)


@phone_only
def test_a_person_changes_and_deletes_a_twitch(signed_in_page, live_server, person):
    episode = EpisodeFactory(user=person, locations=["eyelid"], side="left", intensity=4)
    page = signed_in_page
    page.goto(f"{live_server.url}/journal/{episode.pk}/")
    page.get_by_role("link", name="Change or add details").click()
    page.get_by_label("How strong was it?").select_option("7")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Twitch on")
    episode.refresh_from_db()
    assert episode.intensity == 7

    page.get_by_role("link", name="Delete this twitch", exact=True).click()
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.get_by_text("The twitch is deleted.")).to_be_visible()
    assert not Episode.objects.filter(pk=episode.pk).exists()


@phone_only
def test_a_person_fills_in_todays_log(signed_in_page, live_server):
    page = signed_in_page
    page.get_by_role("link", name="Log sleep, caffeine and stress").click()
    page.get_by_role("spinbutton", name=re.compile("hours of sleep", re.IGNORECASE)).fill("5.5")
    page.get_by_role("button", name="Save this day").click()
    expect(page.locator(".messages")).to_be_visible()
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("link", name="Change today's log")).to_be_visible()

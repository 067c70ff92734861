import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

# Labels carry a required-field asterisk and the template's white space.
PASSWORD = re.compile(r"^\s*Password\*?\s*$")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_person_signs_up_with_consent_and_reaches_today(page, live_server):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill("sam")
    page.get_by_label(PASSWORD).fill("a long and private phrase")
    consent = page.get_by_role("checkbox", name="I agree that TwitchCare stores")
    expect(consent).not_to_be_checked()

    page.get_by_role("button", name="Create my journal").click()
    expect(page.get_by_text("only keep a journal for you if you agree")).to_be_visible()
    assert not User.objects.exists()

    page.get_by_label(PASSWORD).fill("a long and private phrase")
    page.get_by_role("checkbox", name="I agree that TwitchCare stores").check()
    page.get_by_role("button", name="Create my journal").click()

    # The short start comes first; it can be skipped.
    page.wait_for_url(f"{live_server.url}/start/")
    expect(page.get_by_role("heading", level=1)).to_have_text("A few questions to start")
    page.get_by_role("link", name="Skip for now").click()
    page.wait_for_url(f"{live_server.url}/")
    profile = User.objects.get(username="sam").profile
    assert profile.health_data_consent_at is not None
    # The time zone came from the browser (Playwright's default is the machine's zone).
    assert profile.time_zone


def test_the_short_start_stores_the_onset_and_a_new_droop_shows_the_fast_card(page, live_server):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill("kim")
    page.get_by_label(PASSWORD).fill("a long and private phrase")
    page.get_by_role("checkbox", name="I agree that TwitchCare stores").check()
    page.get_by_role("button", name="Create my journal").click()
    page.wait_for_url(f"{live_server.url}/start/")

    page.get_by_label("When did this twitching start?").fill("2020-05-01")
    page.get_by_role("checkbox", name="Mouth", exact=True).check()
    page.get_by_role("radio", name="Right", exact=True).check()
    card = page.locator("#stroke-card")
    expect(card).to_be_hidden()
    page.get_by_role("checkbox", name=re.compile("newly drooping")).check()
    expect(card).to_be_visible()
    expect(card).to_contain_text("Think FAST")
    page.get_by_label("What have you tried so far?").fill("Eye drops")
    page.get_by_role("button", name="Save my answers").click()

    # The saved first entry keeps the card first on screen.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Twitch on")
    expect(card).to_be_visible()
    person = User.objects.get(username="kim")
    assert str(person.profile.twitch_began_on) == "2020-05-01"
    [episode] = person.episodes.all()
    assert (episode.locations, episode.side, episode.symptoms) == (["mouth"], "right", ["drooping"])
    assert "Eye drops" in episode.notes

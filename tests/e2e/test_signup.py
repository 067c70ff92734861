import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

# Labels carry a required-field asterisk and the template's white space.
PASSWORD = re.compile(r"^\s*Password\*?\s*$")
CONFIRM = re.compile(r"^\s*Password confirmation")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_person_signs_up_with_consent_and_reaches_today(page, live_server):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill("sam")
    page.get_by_label(PASSWORD).fill("a long and private phrase")
    page.get_by_label(CONFIRM).fill("a long and private phrase")
    consent = page.get_by_role("checkbox", name="I agree that TwitchCare stores")
    expect(consent).not_to_be_checked()

    page.get_by_role("button", name="Create my journal").click()
    expect(page.get_by_text("only keep a journal for you if you agree")).to_be_visible()
    assert not User.objects.exists()

    page.get_by_label(PASSWORD).fill("a long and private phrase")
    page.get_by_label(CONFIRM).fill("a long and private phrase")
    page.get_by_role("checkbox", name="I agree that TwitchCare stores").check()
    page.get_by_role("button", name="Create my journal").click()

    page.wait_for_url(f"{live_server.url}/")
    profile = User.objects.get(username="sam").profile
    assert profile.health_data_consent_at is not None
    # The time zone came from the browser (Playwright's default is the machine's zone).
    assert profile.time_zone

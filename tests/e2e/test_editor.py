"""Content editors change guidance in the admin, and what people see follows.

Runs at the desktop size: editors work at a desk, and the admin is not built for phones.
"""

import re

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from guidance.models import Cause, EscalationCriterion
from tests.e2e.conftest import DESKTOP, PASSWORD
from tests.factories import EpisodeFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"]),
]

SEE_DOCTOR = "See a doctor: book an appointment with your GP or family doctor"
URGENT = "Urgent: contact a doctor today"


@pytest.fixture
def editor(transactional_db):
    """A staff member in the Editors group (the group is made by a migration)."""
    person = User.objects.create_user("casey", password=PASSWORD, is_staff=True)
    person.groups.add(Group.objects.get(name="Editors"))
    return person


def admin_log_in(page, live_server, user: User) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()
    # Wait for the log-out page itself: going elsewhere at once aborted one navigation or
    # the other (net::ERR_ABORTED in a CI run on PostgreSQL).
    page.wait_for_function("document.body && document.body.dataset.signedIn === 'false'")


@pytest.fixture
def approver(transactional_db):
    """A second clinician: an editor who may also approve criteria changes."""
    person = User.objects.create_user("jordan", password=PASSWORD, is_staff=True)
    person.groups.add(*Group.objects.filter(name__in=["Editors", "Clinical approvers"]))
    return person


def test_editor_a_proposes_pain_as_urgent_editor_b_approves_and_the_answer_follows(
    signed_in_page, live_server, person, editor, approver, log_in_as
):
    # Pain is the only sign the person logged: "see a doctor", on Today and on /triage/.
    EpisodeFactory(user=person, locations=["eyelid"], side="left", symptoms=["pain"])
    page = signed_in_page
    page.goto(f"{live_server.url}/")
    expect(page.locator("#triage-summary-heading")).to_have_text(SEE_DOCTOR)
    page.goto(f"{live_server.url}/triage/")
    expect(page.locator("#triage-answer")).to_have_text(SEE_DOCTOR)
    expect(page.get_by_role("heading", name="Pain with your twitch")).to_be_visible()
    log_out(page)

    # Editor A proposes raising the pain criterion to urgent, with a reason.
    admin_log_in(page, live_server, editor)
    page.get_by_role("link", name="Escalation criteria").click()
    page.get_by_role("link", name="Pain with your twitch").click()
    pain = EscalationCriterion.objects.get(code="pain")
    expect(page).to_have_url(
        f"{live_server.url}/admin/guidance/escalationcriterion/{pain.pk}/change/"
    )
    page.get_by_label("Level:", exact=True).select_option("urgent")
    page.get_by_label("Reason for changing the level, weight or thresholds").fill(
        "Audit: pain with a twitch was seen late."
    )
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("saved as a proposal")
    pain.refresh_from_db()
    assert pain.level == "see_doctor"
    # Editor A cannot approve: the action is not offered to them.
    page.goto(f"{live_server.url}/admin/guidance/criterionchange/")
    expect(page.get_by_text("Waiting for approval").first).to_be_visible()
    expect(page.locator("select[name=action] option", has_text="Approve")).to_have_count(0)
    log_out(page)

    # Until approved, the person's answer is unchanged.
    log_in_as(person.username)
    expect(page.locator("#triage-summary-heading")).to_have_text(SEE_DOCTOR)
    log_out(page)

    # Editor B, a clinical approver, approves it.
    admin_log_in(page, live_server, approver)
    page.goto(f"{live_server.url}/admin/guidance/criterionchange/")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("approve")
    page.get_by_role("button", name="Go", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Approved and in use")
    pain.refresh_from_db()
    assert pain.level == "urgent"
    log_out(page)

    # The public change log lists it, and the person's answer follows.
    page.goto(f"{live_server.url}/guidance/when-to-get-help/")
    log_entry = page.locator(".guidance-change-log__list li").first
    expect(log_entry).to_contain_text("Pain with your twitch")
    expect(log_entry).to_contain_text("Audit: pain with a twitch was seen late.")
    log_in_as(person.username)
    expect(page.locator("#triage-summary-heading")).to_have_text(URGENT)
    page.goto(f"{live_server.url}/triage/")
    expect(page.locator("#triage-answer")).to_have_text(URGENT)
    reason = page.locator(".triage-reason", has_text="Pain with your twitch")
    expect(reason.locator(".triage-reason__level")).to_have_text("Level: Urgent")


def test_an_editors_markdown_preview_drops_script_and_the_public_page_follows(
    page, live_server, editor
):
    cause = Cause.objects.published().order_by("order").first()
    admin_log_in(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/guidance/cause/{cause.pk}/change/")

    body = page.locator("#id_body")
    body.fill("A **new** line. <script>window.pwned = true</script> [bad](javascript:alert(1))")
    preview = page.locator("#preview-body_preview")
    expect(preview.locator("strong")).to_have_text("new")
    expect(preview.locator("script")).to_have_count(0)
    expect(preview.locator("a[href^='javascript']")).to_have_count(0)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(f"{live_server.url}{cause.get_absolute_url()}")
    expect(page.get_by_text(re.compile(r"A new line\."))).to_be_visible()
    expect(page.locator("main strong", has_text="new")).to_be_visible()
    assert page.evaluate("window.pwned === undefined")
    expect(page.locator("main script")).to_have_count(0)

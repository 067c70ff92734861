"""axe-core finds no accessibility violations on the main pages, in light and in dark mode.

axe-playwright-python bundles axe-core and injects it through ``page.evaluate``, so it runs
offline and under the site's strict Content-Security-Policy. Every rule axe runs by default
counts, best practices included. Pages are checked in the states a person meets them in:
empty and with entries, at each triage level, with the stroke card showing, and with form
errors. Every page is checked at the phone size, which most people use; a few are checked
again at the desktop size, where the menu's links sit open on the blue bar.

Run with ``-s`` to see a line per page: the scheme, the page and its violation count.
"""

from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from guidance.models import Advice, Cause, Condition, Faq
from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import DailyLogFactory, EpisodeFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.parametrize("color_scheme", ["light", "dark"]),
]
phone = pytest.mark.parametrize("viewport", [PHONE], ids=["phone"])
desktop = pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"])

AXE = Axe()


class AxeChecker:
    """Runs axe on pages and collects what it finds, to fail once with every report."""

    def __init__(self, page, base_url: str, scheme: str):
        self.page = page
        self.base_url = base_url
        self.scheme = scheme
        self.reports: list[str] = []

    def visit(self, path: str) -> None:
        """Open ``path`` (it must answer 200) and check it."""
        response = self.page.goto(f"{self.base_url}{path}")
        assert response is not None and response.status == 200, f"{path}: {response.status}"
        self.check(path)

    def check(self, label: str) -> None:
        """Check the page as it is now."""
        # The page must be this app's, styled: a stylesheet that failed to load would make
        # axe judge the browser's default colours instead.
        expect(self.page.locator("main#main")).to_be_visible()
        assert self.page.evaluate("getComputedStyle(document.body).fontSize") == "17px"
        result = AXE.run(self.page)
        print(f"axe {self.scheme:5} {label}: {result.violations_count}")
        if result.violations_count:
            self.reports.append(f"{label} ({self.scheme}):\n{result.generate_report()}")

    def assert_clean(self) -> None:
        assert not self.reports, "\n\n".join(self.reports)


@pytest.fixture
def axe_checker(page, live_server, color_scheme):
    """An AxeChecker on the test's page (its context already prefers ``color_scheme``)."""
    return AxeChecker(page, live_server.url, color_scheme)


def local_today():
    return timezone.localdate(timezone=ZoneInfo("Europe/London"))


@phone
def test_the_public_pages_have_no_violations(axe_checker, page):
    cause = Cause.objects.published().order_by("order").first()
    condition = Condition.objects.published().order_by("order").first()
    # The guidance the migrations load is in the live server's database.
    assert (Cause.objects.published().count(), Condition.objects.published().count()) == (5, 4)
    assert Advice.objects.published().count() == 10
    assert Faq.objects.published().count() == 15
    for path in (
        "/",
        "/accounts/signup/",
        "/accounts/login/",
        "/accounts/password_reset/",
        "/guidance/",
        "/guidance/causes/",
        cause.get_absolute_url(),
        "/guidance/conditions/",
        condition.get_absolute_url(),
        "/guidance/dos-and-donts/",
        "/guidance/faq/",
        "/guidance/plan/",
        "/guidance/treatments/",
        "/guidance/checklist/",
        "/guidance/when-to-get-help/",
        "/guidance/search/?q=caffeine",
    ):
        axe_checker.visit(path)
        if path == "/":
            page.get_by_role("button", name="Show menu").click()
            expect(page.get_by_role("link", name="Guidance")).to_be_visible()
            axe_checker.check("/ with the menu open")
    expect(page.get_by_role("main").get_by_role("link", name="Caffeine")).not_to_have_count(0)
    theme = page.evaluate("document.documentElement.dataset.bsTheme")
    assert theme == axe_checker.scheme  # theme.js followed the device's setting
    axe_checker.assert_clean()


@phone
def test_the_pages_of_a_person_with_entries_have_no_violations(axe_checker, signed_in_page, person):
    for hours_ago, locations, side, triggers in (
        (2, ["eyelid"], "left", ["stress", "caffeine"]),
        (30, ["eyelid", "eyebrow"], "left", ["poor_sleep"]),
        (80, ["cheek"], "right", []),
    ):
        episode = EpisodeFactory(
            user=person,
            started_at=timezone.now() - timezone.timedelta(hours=hours_ago),
            locations=locations,
            side=side,
            triggers=triggers,
            notes="Worse after a long day at the screen.",
        )
    DailyLogFactory(user=person, date=local_today(), sleep_hours=5)

    for path in (
        "/",
        "/journal/quick/",
        "/journal/new/",
        "/journal/",
        f"/journal/{episode.pk}/",
        f"/journal/{episode.pk}/edit/",
        f"/journal/{episode.pk}/delete/",
        f"/journal/daily/{local_today().isoformat()}/",
        "/triage/",
        "/insights/",
        "/plan/",
        "/report/",
        "/accounts/settings/",
        "/accounts/delete/",
        "/start/",
    ):
        axe_checker.visit(path)
    axe_checker.assert_clean()


@phone
def test_every_triage_level_has_no_violations(axe_checker, signed_in_page, person):
    """No entries, self-care, see a doctor, urgent, emergency: the care cards and banner."""
    page = signed_in_page
    steps = [
        ("no_data", None),
        ("self_care", []),
        ("see_doctor", ["pain"]),
        ("urgent", ["weakness"]),  # first noted more than 72 hours ago: urgent
        ("emergency", ["slurred_speech"]),
    ]
    for level, symptoms in steps:
        if symptoms is not None:
            hours = 80 if level == "urgent" else 1
            started_at = timezone.now() - timezone.timedelta(hours=hours)
            episode = EpisodeFactory(user=person, symptoms=symptoms, started_at=started_at)
        for path in ("/", "/triage/"):
            axe_checker.visit(path)
            expect(page.locator(f".care-card--{level.replace('_', '-')}").first).to_be_visible()
    # With a stroke sign: the banner on every page, and the card on the episode's page.
    for path in (f"/journal/{episode.pk}/", "/journal/", "/insights/", "/report/", "/guidance/"):
        axe_checker.visit(path)
        expect(page.locator(".emergency-banner")).to_be_visible()
    axe_checker.assert_clean()


@phone
def test_forms_showing_the_stroke_card_the_face_map_and_errors_have_no_violations(
    axe_checker, page, live_server, person, log_in_as
):
    # Wrong password and an incomplete sign-up show their errors.
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_login").fill(person.username)
    page.locator("#id_password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".alert-danger, .invalid-feedback").first).to_be_visible()
    axe_checker.check("login with a wrong password")
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_role("button", name="Create my journal").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    axe_checker.check("sign-up with errors")

    log_in_as(person.username)
    # The quick form: the timer running, places picked on the face map, then errors.
    page.goto(f"{live_server.url}/journal/quick/")
    expect(page.locator("#timer-toggle")).to_have_text("Stop timer")
    page.locator('.facemap__region[data-location="eyelid"][data-side="left"]').click()
    page.locator('.facemap__region[data-location="cheek"][data-side="right"]').click()
    expect(page.locator("#facemap-summary")).to_contain_text("on both sides")
    axe_checker.check("quick log, timer running, face map picked")
    page.get_by_role("checkbox", name="Eyelid", exact=True).uncheck()
    page.get_by_role("checkbox", name="Cheek", exact=True).uncheck()
    page.get_by_role("button", name="Save this twitch").click()
    expect(page.locator("#error-summary")).to_contain_text("Pick at least one place on your face.")
    axe_checker.check("quick log with errors")

    # The full form: the stroke card shown before saving, then errors.
    page.goto(f"{live_server.url}/journal/new/")
    page.get_by_role("checkbox", name="Arm weakness").check()
    expect(page.locator("#stroke-card")).to_be_visible()
    axe_checker.check("full form with the stroke card showing")
    page.get_by_label("How long did it last, in seconds?").fill("-5")
    page.get_by_role("button", name="Save this twitch").click()
    expect(page.get_by_text("Please check the answers marked below.")).to_be_visible()
    axe_checker.check("full form with errors and the stroke card")

    # The daily log with a number out of range.
    page.goto(f"{live_server.url}/journal/daily/{local_today().isoformat()}/")
    page.get_by_role("spinbutton", name="Hours of sleep last night").fill("25")
    page.get_by_role("button", name="Save this day").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    axe_checker.check("daily log with errors")

    # A journal filter nobody matches, and a date that has not happened yet.
    axe_checker.visit("/journal/?location=nose&side=both")
    axe_checker.visit("/journal/daily/2999-01-01/")
    axe_checker.assert_clean()


@desktop
def test_the_desktop_layout_with_its_open_menu_has_no_violations(
    axe_checker, page, person, log_in_as
):
    """On a phone the menu is folded away; at desktop size its links sit on the blue bar."""
    for path in ("/", "/guidance/", "/guidance/faq/"):
        axe_checker.visit(path)
    log_in_as(person.username)
    EpisodeFactory(user=person, symptoms=["arm_weakness"])
    for path in ("/", "/journal/", "/journal/new/", "/triage/", "/insights/", "/report/"):
        axe_checker.visit(path)
    expect(page.get_by_role("link", name="Doctor report")).to_have_attribute("aria-current", "page")
    axe_checker.assert_clean()

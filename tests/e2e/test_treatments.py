"""The treatments pages in a real browser at phone width: axe finds no violations (light
and dark), the effect chart, the ratings chart and the insights chart draw under the strict
CSP, and the quick injection button works."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from journal.models import Episode, SelfRating
from tests.e2e.conftest import PHONE
from tests.factories import JournalTreatmentFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.parametrize("viewport", [PHONE], ids=["phone"]),
]

AXE = Axe()


@pytest.fixture
def page(page):
    """These pages seed a long history first; give a loaded machine more than 8 seconds."""
    page.set_default_timeout(30000)
    return page


def _history(person):
    """An injection 10 weeks ago with an effect, eye drops since 3 weeks, two ratings."""
    today = timezone.localdate()
    given = today - dt.timedelta(weeks=10)
    rows = []
    for back in range(1, 28 + 70):
        day = given + dt.timedelta(days=70 - back)
        week = (day - given).days // 7 + 1
        count = 1 if 2 <= week <= 6 and day >= given else 3
        for i in range(count):
            moment = dt.datetime.combine(day, dt.time(10 + i), dt.UTC)
            rows.append(Episode(user=person, started_at=moment, locations=["eyelid"], side="left"))
    Episode.objects.bulk_create(rows)
    injection = JournalTreatmentFactory(user=person, given_on=given, name="Botox")
    drops = JournalTreatmentFactory(
        user=person,
        kind="eye_drops",
        name="Lubricant drops",
        given_on=today - dt.timedelta(weeks=3),
    )
    monday = today - dt.timedelta(days=today.weekday())
    for n, (severity, frequency) in enumerate([(2, 2), (1, 1), (3, 3)]):
        SelfRating.objects.create(
            user=person, week_start=monday - dt.timedelta(weeks=n), severity=severity,
            frequency=frequency,
        )  # fmt: skip
    return injection, drops


def _check(page, label: str, reports: list[str]) -> None:
    expect(page.locator("main#main")).to_be_visible()
    result = AXE.run(page)
    print(f"axe {label}: {result.violations_count}")
    if result.violations_count:
        reports.append(f"{label}:\n{result.generate_report()}")


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_treatments_pages_have_no_violations(signed_in_page, live_server, person):
    page = signed_in_page
    injection, drops = _history(person)
    reports: list[str] = []
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for path in (
        "/treatments/",
        injection.get_absolute_url(),
        drops.get_absolute_url(),
        "/treatments/new/",
        f"/treatments/{injection.pk}/edit/",
        f"/treatments/{injection.pk}/delete/",
        "/",
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        _check(page, path, reports)
    # A form with errors, and the rating form with errors.
    page.goto(f"{live_server.url}/treatments/new/")
    page.get_by_role("button", name="Save this treatment").click()
    _check(page, "/treatments/new/ with errors", reports)
    page.goto(f"{live_server.url}/treatments/")
    page.get_by_role("button", name="Save my rating").click()
    _check(page, "/treatments/ rating with errors", reports)
    assert not reports, "\n\n".join(reports)
    # No CSP refusal, no script error (the refused rating answers 400 on purpose).
    assert [e for e in errors if "status of 400" not in e] == []


@pytest.mark.parametrize("color_scheme", ["light"])
def test_the_charts_draw_and_the_quick_injection_saves(signed_in_page, live_server, person):
    page = signed_in_page
    injection, _drops = _history(person)
    page.goto(f"{live_server.url}{injection.get_absolute_url()}")
    expect(page.get_by_text("Began working in week 2, wore off in week 7.")).to_be_visible()
    # Chart.js sizes the canvas when it draws; an undrawn canvas keeps its 300x150 default.
    canvas = page.locator("#effect-chart")
    expect(canvas).to_be_visible()
    assert page.evaluate("Chart.getChart(document.getElementById('effect-chart')) !== undefined")
    page.goto(f"{live_server.url}/treatments/")
    assert page.evaluate("Chart.getChart(document.getElementById('ratings-chart')) !== undefined")
    # A theme switch redraws with the dark theme's colours (chart_theme.js, shared).
    page.evaluate("document.documentElement.setAttribute('data-bs-theme', 'dark')")
    page.wait_for_function(
        "Chart.getChart(document.getElementById('ratings-chart')).options.color === '#e8edee'"
    )
    page.goto(f"{live_server.url}/insights/")
    assert page.evaluate("Chart.getChart(document.getElementById('insights-chart')) !== undefined")
    page.goto(f"{live_server.url}/treatments/")
    page.get_by_role("button", name="I had my injection today").click()
    expect(page.get_by_text("Your injection today (Botox) is saved.")).to_be_visible()
    expect(page.get_by_role("heading", name="Botox", level=1)).to_be_visible()

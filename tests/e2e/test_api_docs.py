"""The API docs page (/api/docs/) works in a real browser with no network beyond this site."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots" / "api"


@pytest.fixture
def offline_page(page, live_server):
    """A page that may reach the live test server and nothing else.

    Every other request is aborted and kept in ``page.outside``; console errors (a CSP
    violation is one) and script errors are kept in ``page.problems``.
    """
    ours = urlsplit(live_server.url).netloc
    page.outside, page.problems = [], []

    def only_this_site(route):
        url = urlsplit(route.request.url)
        if url.scheme == "data" or url.netloc == ours:
            route.continue_()
        else:
            page.outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_site)
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    return page


def test_the_docs_render_every_operation_without_the_network(offline_page, live_server, viewport):
    offline_page.goto(f"{live_server.url}/api/docs/")

    # Swagger UI builds the page from a large schema in the browser: on a loaded 2-core
    # machine that took longer than Playwright's default 5 seconds.
    heading = offline_page.get_by_role("heading", name="TwitchCare API")
    expect(heading).to_be_visible(timeout=30_000)
    episodes = offline_page.locator(".opblock-summary-path", has_text="/api/episodes/{id}/")
    expect(episodes.first).to_be_visible(timeout=30_000)
    assert offline_page.locator(".opblock").count() >= 36
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    offline_page.screenshot(path=SCREENSHOTS / f"e2e-docs-{viewport['width']}.png")

    assert offline_page.outside == []
    assert offline_page.problems == []


def test_an_operation_opens_with_its_error_answers(offline_page, live_server):
    offline_page.goto(f"{live_server.url}/api/docs/")

    operation = offline_page.locator("#operations-episodes-episodes_create")
    operation.locator(".opblock-summary-control").click()
    expect(operation.locator(".responses-table")).to_be_visible()
    for code in ("201", "400", "401", "429"):
        expect(operation.locator(f"tr.response[data-code='{code}']")).to_be_visible()
    expect(operation.get_by_text("Retry-After").first).to_be_visible()

    assert offline_page.outside == []
    assert offline_page.problems == []

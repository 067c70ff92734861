"""End-to-end tests: Playwright drives Debian's Chromium against the live test server.

Without /usr/bin/chromium these tests skip with a clear message, unless
TWITCHCARE_REQUIRE_E2E=1 (set by .ci/run), which turns that skip into a failure. A browser
is never downloaded.
"""

import os
from pathlib import Path

import pytest

from tests.factories import UserFactory

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
PASSWORD = "correct horse battery"


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    message = "Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
    e2e_items = [item for item in items if "tests/e2e/" in str(item.path)]
    if e2e_items and os.environ.get("TWITCHCARE_REQUIRE_E2E") == "1":
        raise pytest.UsageError(f"{message}, and TWITCHCARE_REQUIRE_E2E=1 forbids skipping")
    for item in e2e_items:
        item.add_marker(pytest.mark.skip(reason=message))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def viewport(request):
    return request.param


@pytest.fixture
def browser_context_args(browser_context_args, viewport):
    return {**browser_context_args, "viewport": viewport}


@pytest.fixture
def page(page):
    """Fail fast: nothing here should take more than a few seconds."""
    page.set_default_timeout(8000)
    return page


@pytest.fixture
def person(transactional_db):
    return UserFactory(username="robin", time_zone="Europe/London")


@pytest.fixture
def signed_in_page(page, live_server, person):
    """A page whose browser is logged in as ``person`` through the real log-in form."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(person.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page

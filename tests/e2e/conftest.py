"""End-to-end tests: Playwright drives Debian's Chromium against the live test server.

Without /usr/bin/chromium these tests skip with a clear message, unless
TWITCHCARE_REQUIRE_E2E=1 (set by .ci/run), which turns that skip into a failure. A browser
is never downloaded.
"""

import os
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

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


#: The database's migrated content (guidance, the Editors group) as Django serialized it.
_serialized = {}


@pytest.fixture
def django_db_setup(django_db_setup, django_db_blocker):
    """Keep ``serialized_rollback`` working once Playwright has started.

    Playwright's sync API runs an asyncio loop in the test thread. From then on Django hands
    out connections from context-local storage instead of the thread's, and those lack the
    ``_test_serialized_contents`` that ``setup_databases`` put on the thread's connection
    when the database was set up before the browser (any run where other tests go first).
    Without it each transactional test would start from an empty database, guidance gone.
    So give every e2e test's connection the contents: the ones Django made when this
    connection has them, else a serialization taken before the first e2e test (pytest-django
    runs transactional tests after all others, which roll back, so the database then still
    holds exactly what the migrations loaded).
    """
    connection = connections[DEFAULT_DB_ALIAS]
    contents = getattr(connection, "_test_serialized_contents", None) or _serialized.get("db")
    if contents is None:
        with django_db_blocker.unblock():
            contents = connection.creation.serialize_db_to_string()
    _serialized["db"] = contents
    connection._test_serialized_contents = contents


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
def color_scheme():
    """The device's light or dark setting; a module overrides this to test dark mode."""
    return "light"


@pytest.fixture
def browser_context_args(browser_context_args, viewport, color_scheme):
    return {**browser_context_args, "viewport": viewport, "color_scheme": color_scheme}


@pytest.fixture
def page(page):
    """Fail fast: nothing here should take more than a few seconds."""
    page.set_default_timeout(8000)
    return page


@pytest.fixture
def person(transactional_db):
    return UserFactory(username="robin", time_zone="Europe/London")


def log_in(page, live_server, username: str, password: str = PASSWORD) -> None:
    """Log ``page``'s browser in as ``username`` through the real log-in form."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")


@pytest.fixture
def log_in_as(page, live_server):
    """``log_in_as(username, password=PASSWORD)`` logs the test's page in through the form."""

    def _log_in_as(username: str, password: str = PASSWORD) -> None:
        log_in(page, live_server, username, password)

    return _log_in_as


@pytest.fixture
def signed_in_page(page, live_server, person):
    """A page whose browser is logged in as ``person`` through the real log-in form."""
    log_in(page, live_server, person.username)
    return page

"""Production settings, security headers, log-in lock-out and session handling."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.factories import EpisodeFactory

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery"

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "a-long-random-secret-for-the-production-settings-test-0123456789",
    "DJANGO_ALLOWED_HOSTS": "twitchcare.example",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://twitchcare.example",
    "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}


def run_with_production_settings(code: str, tmp_path: Path, **extra_env: str):
    """Run ``code`` in a fresh interpreter configured like production, on a scratch database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(PRODUCTION_ENV)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'prod.sqlite3'}"
    env["DJANGO_STATIC_ROOT"] = str(tmp_path / "static")
    env["DJANGO_SETTINGS_MODULE"] = "twitchcare.settings"
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=400
    )


def test_check_deploy_reports_nothing_with_the_production_variables(tmp_path):
    result = run_with_production_settings(
        "import django, sys; django.setup();"
        "from django.core.management import call_command;"
        "call_command('check', deploy=True, fail_level='DEBUG')",
        tmp_path,
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout + result.stderr


def test_check_deploy_fails_when_mail_would_go_to_the_console(tmp_path):
    result = run_with_production_settings(
        "import django, sys; django.setup();"
        "from django.core.management import call_command;"
        "call_command('check', deploy=True, fail_level='ERROR')",
        tmp_path,
        DJANGO_EMAIL_BACKEND="",
    )

    assert result.returncode != 0
    assert "twitchcare.E001" in result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_with_production_settings(
        "import django; django.setup()", tmp_path, DJANGO_SECRET_KEY=""
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_a_bad_boolean_variable_is_refused(tmp_path):
    result = run_with_production_settings(
        "import django; django.setup()", tmp_path, DJANGO_DEBUG="maybe"
    )

    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr


@pytest.fixture(scope="module")
def production_headers(tmp_path_factory):
    """Headers of real answers from the production configuration, through the test client."""
    tmp_path = tmp_path_factory.mktemp("prod")
    code = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("collectstatic", verbosity=0, interactive=False)
from django.test import Client
client = Client(HTTP_HOST="twitchcare.example")
plain = client.get("/accounts/login/")
secure = client.get("/accounts/login/", secure=True, HTTP_X_FORWARDED_PROTO="https")
missing = client.get("/no-such-page/", secure=True, HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location", ""),
    "secure_status": secure.status_code,
    "headers": dict(secure.headers),
    "cookies": {k: {"secure": bool(v["secure"]), "httponly": bool(v["httponly"])}
                for k, v in secure.cookies.items()},
    "missing_status": missing.status_code,
    "missing_body": missing.content.decode(),
}))
"""
    result = run_with_production_settings(code, tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_plain_http_is_redirected_to_https(production_headers):
    assert production_headers["plain_status"] == 301
    assert production_headers["plain_location"].startswith("https://twitchcare.example/")


def test_https_answers_carry_the_security_headers(production_headers):
    headers = production_headers["headers"]

    assert production_headers["secure_status"] == 200
    hsts = headers["Strict-Transport-Security"]
    assert int(hsts.split("max-age=")[1].split(";")[0]) >= 31536000
    assert "includeSubDomains" in hsts
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_https_answers_carry_a_permissions_policy(production_headers):
    policy = production_headers["headers"]["Permissions-Policy"]

    assert "camera=(self)" in policy
    assert "microphone=()" in policy


def test_the_content_security_policy_allows_no_inline_script(production_headers):
    policy = production_headers["headers"]["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}

    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["default-src"] == ["'self'"]


def test_cookies_are_secure_and_http_only(production_headers):
    csrf = production_headers["cookies"]["csrftoken"]

    assert csrf["secure"] and csrf["httponly"]


def test_the_404_page_is_friendly_and_shows_no_debug_detail(production_headers):
    body = production_headers["missing_body"]

    assert production_headers["missing_status"] == 404
    assert "Page not found" in body
    assert "Traceback" not in body
    assert "URLconf" not in body


# Log-in, sessions, caching ---------------------------------------------------------------


def login(client, user, password=PASSWORD):
    return client.post(reverse("login"), {"login": user.username, "password": password})


@pytest.mark.django_db
def test_log_in_is_locked_after_five_failures_and_released_after_the_cool_off(client, user):
    with time_machine.travel(dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC), tick=False) as clock:
        for _ in range(5):
            login(client, user, password="wrong")

        locked = login(client, user)
        assert locked.status_code == 429
        assert "Too many log-in attempts" in locked.content.decode()
        assert SESSION_KEY not in client.session

        clock.shift(dt.timedelta(minutes=31))
        released = login(client, user)

        # Read the session inside the frozen clock: outside it, the session has long expired.
        assert released.status_code == 302
        assert client.session[SESSION_KEY] == str(user.pk)


@pytest.mark.django_db
def test_a_lock_out_is_per_username_and_address(client, user, other_user):
    for _ in range(5):
        login(client, user, password="wrong")

    assert login(client, other_user).status_code == 302
    assert AccessAttempt.objects.filter(username=user.username).exists()


@pytest.mark.django_db
def test_log_in_gives_a_new_session_id(client, user):
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key

    login(client, user)

    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


@pytest.mark.django_db
def test_log_out_invalidates_the_session(client, user):
    login(client, user)
    old_key = client.session.session_key

    client.post(reverse("logout"))

    assert not Session.objects.filter(session_key=old_key).exists()
    client.cookies["sessionid"] = old_key
    response = client.get(reverse("journal:episode_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_a_session_ends_after_two_hours_without_activity(client, user):
    start = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        login(client, user)
        clock.shift(dt.timedelta(minutes=90))
        assert client.get(reverse("journal:episode_list")).status_code == 200
        clock.shift(dt.timedelta(minutes=90))
        assert client.get(reverse("journal:episode_list")).status_code == 200
        clock.shift(dt.timedelta(hours=2, minutes=1))
        response = client.get(reverse("journal:episode_list"))

    assert response.status_code == 302


@pytest.mark.django_db
def test_pages_with_journal_data_are_never_stored(signed_in_client, user):
    EpisodeFactory(user=user, notes="private note")

    response = signed_in_client.get(reverse("journal:episode_list"))

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_public_pages_for_visitors_may_be_cached(client):
    response = client.get(reverse("home"))

    assert "no-store" not in response.get("Cache-Control", "")


def test_a_server_error_shows_a_calm_page_without_debug_detail(client, settings):
    settings.ROOT_URLCONF = "tests.broken_urls"
    client.raise_request_exception = False

    response = client.get("/broken/")

    body = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, something went wrong" in body
    assert "Nothing you saved before is lost" in body
    assert "secret internal detail" not in body
    assert "Traceback" not in body

"""API throttling: a budget per client address without credentials (``anon``), per person
with them (``user``), and a stricter one on register and token (``auth``).

Rates come from ``DJANGO_THROTTLE_ANON``, ``DJANGO_THROTTLE_USER`` and ``DJANGO_THROTTLE_AUTH``
and are read per request, so tests override them with ``settings``. The cache holding the
counters is cleared around every test (tests/conftest.py).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from tests.conftest import api_token
from tests.factories import UserFactory

PUBLIC = "/api/guidance/causes/"
PERSONAL = "/api/episodes/"
TOKEN = "/api/auth/token/"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def rates(settings):
    """Set some throttle rates for one test, keeping the others."""

    def set_rates(**changed: str) -> None:
        merged = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **changed}
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": merged}

    return set_rates


def token_client(user) -> APIClient:
    client = APIClient()
    token = api_token(user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def statuses(responses) -> list[int]:
    return [response.status_code for response in responses]


def assert_throttled(response, *, within: int) -> None:
    assert response.status_code == 429
    assert set(response.json()) == {"detail"}
    assert "throttled" in response.json()["detail"]
    assert 1 <= int(response["Retry-After"]) <= within


# Anonymous ------------------------------------------------------------------------------


def test_anonymous_requests_over_the_anon_rate_are_a_429_with_retry_after(api_client, db, rates):
    rates(anon="2/min")

    answers = [api_client.get(PUBLIC) for _ in range(3)]

    assert statuses(answers) == [200, 200, 429]
    assert_throttled(answers[2], within=60)


def test_the_anon_budget_is_per_client_address(api_client, db, rates):
    rates(anon="1/min")

    first = api_client.get(PUBLIC, REMOTE_ADDR="192.0.2.1")
    elsewhere = api_client.get(PUBLIC, REMOTE_ADDR="192.0.2.2")
    again = api_client.get(PUBLIC, REMOTE_ADDR="192.0.2.1")

    assert statuses([first, elsewhere, again]) == [200, 200, 429]


def test_the_anon_budget_refills_after_its_period(api_client, db, rates):
    rates(anon="1/min")
    with time_machine.travel("2026-03-10 12:00:00Z", tick=False) as clock:
        assert api_client.get(PUBLIC).status_code == 200
        assert api_client.get(PUBLIC).status_code == 429
        clock.shift(61)
        assert api_client.get(PUBLIC).status_code == 200


# Per person -----------------------------------------------------------------------------


def test_a_person_over_the_user_rate_gets_a_429_with_retry_after(user, rates):
    rates(user="3/hour")
    client = token_client(user)

    answers = [client.get(PERSONAL) for _ in range(4)]

    assert statuses(answers) == [200, 200, 200, 429]
    assert_throttled(answers[3], within=3600)


def test_one_persons_requests_never_throttle_another(user, other_user, rates):
    rates(user="2/min")
    mine, theirs = token_client(user), token_client(other_user)

    for _ in range(2):
        assert mine.get(PERSONAL).status_code == 200
    assert mine.get(PERSONAL).status_code == 429

    assert theirs.get(PERSONAL).status_code == 200


def test_a_person_has_one_budget_whichever_address_or_credential_they_use(user, rates):
    rates(user="2/min")
    by_token = token_client(user)
    by_session = APIClient()
    by_session.force_login(user)

    assert by_token.get(PERSONAL, REMOTE_ADDR="192.0.2.1").status_code == 200
    assert by_session.get(PERSONAL, REMOTE_ADDR="192.0.2.2").status_code == 200
    assert by_token.get(PERSONAL, REMOTE_ADDR="192.0.2.3").status_code == 429


def test_signed_in_people_do_not_use_up_the_anonymous_budget(user, rates):
    rates(anon="1/min", user="100/min")
    client = token_client(user)

    assert statuses([client.get(PUBLIC) for _ in range(3)]) == [200, 200, 200]
    assert APIClient().get(PUBLIC).status_code == 200


# Register and token ---------------------------------------------------------------------


def test_register_and_token_answer_to_the_auth_rate_not_the_anon_one(api_client, db, rates):
    rates(anon="1/min", auth="3/min")
    person = UserFactory()
    credentials = {"username": person.username, "password": "correct horse battery"}

    answers = [api_client.post(TOKEN, credentials, format="json") for _ in range(4)]

    assert statuses(answers) == [200, 200, 200, 429]
    assert_throttled(answers[3], within=60)


def test_the_auth_rate_is_the_stricter_one_by_default(settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]

    def per_minute(rate: str) -> float:
        count, period = rate.split("/")
        seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[0]]
        return int(count) * 60 / seconds

    assert per_minute(rates["auth"]) < per_minute(rates["anon"]) < per_minute(rates["user"])


def test_too_many_wrong_passwords_on_account_deletion_are_a_429_with_retry_after(user, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = token_client(user)
    wrong = {"password": "not it"}

    answers = [client.delete("/api/account/", wrong, format="json") for _ in range(3)]

    assert statuses(answers) == [400, 429, 429]
    assert set(answers[2].json()) == {"detail"}
    assert 1 <= int(answers[2]["Retry-After"]) <= 30 * 60
    assert User.objects.filter(pk=user.pk).exists()


# Configuration --------------------------------------------------------------------------

_PRINT_RATES = (
    "import json, django; django.setup();"
    "from django.conf import settings;"
    "print(json.dumps(settings.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']))"
)


def rates_with(environment: dict[str, str]) -> dict[str, str]:
    env = {
        key: value for key, value in os.environ.items() if not key.startswith("DJANGO_THROTTLE_")
    }
    env.update(DJANGO_SETTINGS_MODULE="twitchcare.settings", DJANGO_DEBUG="true", **environment)
    output = subprocess.run(
        [sys.executable, "-c", _PRINT_RATES],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def test_rates_come_from_the_environment_with_safe_defaults():
    assert rates_with({}) == {"anon": "60/min", "user": "600/min", "auth": "10/min"}
    assert rates_with(
        {
            "DJANGO_THROTTLE_ANON": "5/min",
            "DJANGO_THROTTLE_USER": "50/hour",
            "DJANGO_THROTTLE_AUTH": "3/min",
        }
    ) == {"anon": "5/min", "user": "50/hour", "auth": "3/min"}

"""/api/auth/register/ and /api/auth/token/: getting an account and a token over the API.

What a token does afterwards (expiry, log-out, revocation) is in test_api_tokens.py.
"""

import datetime as dt
import logging

import pytest
import time_machine
from django.contrib.auth.models import User
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REGISTER = reverse("api-register")
TOKEN = reverse("api-token")
EPISODES = reverse("api-episode-list")
PASSWORD = "a long and private phrase"
NEWCOMER = {"username": "ada", "password": PASSWORD, "email": "ada@example.com"}


@pytest.fixture
def throttle_rate(settings):
    """Set the "auth" rate for one test; DRF's settings reload when Django's change."""

    def set_rate(rate: str) -> None:
        rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "auth": rate}
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}

    return set_rate


# Register -----------------------------------------------------------------------------


def test_registering_creates_an_account_and_returns_a_token(api_client):
    response = api_client.post(REGISTER, NEWCOMER, format="json")

    assert response.status_code == 201
    user = User.objects.get(username="ada")
    assert response.json() == {"username": "ada", "token": response.json()["token"]}
    assert len(response.json()["token"]) == 64
    assert AuthToken.objects.filter(user=user).count() == 1
    assert user.email == "ada@example.com"
    assert user.check_password(PASSWORD)


def test_the_new_token_opens_the_journal(api_client):
    token = api_client.post(REGISTER, NEWCOMER, format="json").json()["token"]

    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api_client.get(EPISODES)

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_registering_records_consent_and_defaults_the_time_zone_to_utc(api_client):
    api_client.post(REGISTER, {"username": "ada", "password": PASSWORD}, format="json")

    profile = User.objects.get(username="ada").profile
    assert profile.health_data_consent_at is not None
    assert timezone.now() - profile.health_data_consent_at < timezone.timedelta(minutes=1)
    assert profile.time_zone == "UTC"


def test_registering_can_set_the_time_zone(api_client):
    response = api_client.post(
        REGISTER, {**NEWCOMER, "time_zone": "Pacific/Auckland"}, format="json"
    )

    assert response.status_code == 201
    assert User.objects.get(username="ada").profile.time_zone == "Pacific/Auckland"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        pytest.param({"password": "123"}, "password", id="short-numeric-password"),
        pytest.param({"password": "password123"}, "password", id="common-password"),
        pytest.param({"password": "ada@example.com"}, "password", id="password-like-email"),
        pytest.param({"password": ""}, "password", id="blank-password"),
        pytest.param({"username": ""}, "username", id="blank-username"),
        pytest.param({"username": "ada lovelace!"}, "username", id="username-bad-characters"),
        pytest.param({"username": "a" * 151}, "username", id="username-too-long"),
        pytest.param({"email": "not-an-email"}, "email", id="bad-email"),
        pytest.param({"time_zone": "Mars/Olympus"}, "time_zone", id="unknown-time-zone"),
        pytest.param({"time_zone": 12}, "time_zone", id="time-zone-a-number"),
    ],
)
def test_bad_registrations_are_refused_naming_the_field(api_client, change, field):
    response = api_client.post(REGISTER, {**NEWCOMER, **change}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not User.objects.exists()
    assert not AuthToken.objects.exists()


def test_a_weak_password_gets_djangos_messages(api_client):
    response = api_client.post(REGISTER, {**NEWCOMER, "password": "123"}, format="json")

    messages = response.json()["password"]
    assert any("too short" in message for message in messages)
    assert any("entirely numeric" in message for message in messages)


@pytest.mark.parametrize("missing", ["username", "password"])
def test_username_and_password_are_required(api_client, missing):
    payload = {key: value for key, value in NEWCOMER.items() if key != missing}

    response = api_client.post(REGISTER, payload, format="json")

    assert response.status_code == 400
    assert missing in response.json()
    assert not User.objects.exists()


@pytest.mark.parametrize("taken", ["ada", "ADA"])
def test_a_username_that_is_taken_is_refused(api_client, taken):
    existing = UserFactory(username="ada")

    response = api_client.post(REGISTER, {**NEWCOMER, "username": taken}, format="json")

    assert response.status_code == 400
    assert "taken" in response.json()["username"][0]
    assert list(User.objects.all()) == [existing]


def test_a_username_taken_during_registering_is_a_400(api_client, monkeypatch):
    def lose_the_race(**kwargs):
        raise IntegrityError("UNIQUE constraint failed: auth_user.username")

    monkeypatch.setattr("journal.api.auth.account_create", lose_the_race)

    response = api_client.post(REGISTER, NEWCOMER, format="json")

    assert response.status_code == 400
    assert "taken" in response.json()["username"][0]


def test_registering_does_not_log_the_password(api_client, caplog):
    with caplog.at_level(logging.INFO, logger="twitchcare.auth"):
        api_client.post(REGISTER, NEWCOMER, format="json")

    assert "api registration" in caplog.text
    assert PASSWORD not in caplog.text


# Token --------------------------------------------------------------------------------


@time_machine.travel(dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC), tick=False)
def test_the_right_password_gets_a_new_token_and_its_expiry(api_client):
    user = UserFactory(time_zone="Europe/London")

    response = api_client.post(
        TOKEN, {"username": user.username, "password": "correct horse battery"}, format="json"
    )

    assert response.status_code == 200
    assert set(response.json()) == {"token", "expiry"}
    # 30 days by default (DJANGO_API_TOKEN_DAYS), shown in the person's zone (BST by then).
    assert response.json()["expiry"] == "2026-03-31T10:30:00+01:00"
    assert AuthToken.objects.get(user=user).expiry == dt.datetime(2026, 3, 31, 9, 30, tzinfo=dt.UTC)


def test_each_request_gives_another_token_and_all_of_them_work(api_client, user):
    credentials = {"username": user.username, "password": "correct horse battery"}

    first = api_client.post(TOKEN, credentials, format="json").json()["token"]
    second = api_client.post(TOKEN, credentials, format="json").json()["token"]

    assert first != second
    assert AuthToken.objects.filter(user=user).count() == 2
    for token in (first, second):
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        assert api_client.get(EPISODES).status_code == 200


def test_the_token_from_registering_keeps_working_after_a_log_in_elsewhere(api_client):
    registered = api_client.post(REGISTER, NEWCOMER, format="json").json()["token"]

    issued = api_client.post(TOKEN, {"username": "ada", "password": PASSWORD}, format="json")

    assert issued.json()["token"] != registered
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {registered}")
    assert api_client.get(EPISODES).status_code == 200


@pytest.mark.parametrize(
    "credentials",
    [
        pytest.param({"username": "person", "password": "wrong password"}, id="wrong-password"),
        pytest.param({"username": "nobody", "password": "correct horse battery"}, id="no-user"),
    ],
)
def test_wrong_credentials_are_a_400_with_a_message(api_client, credentials):
    UserFactory(username="person")

    response = api_client.post(TOKEN, credentials, format="json")

    assert response.status_code == 400
    assert "don't match an account" in response.json()["non_field_errors"][0]
    assert not AuthToken.objects.exists()


def test_a_deactivated_account_gets_no_token(api_client):
    UserFactory(username="gone", is_active=False)

    response = api_client.post(
        TOKEN, {"username": "gone", "password": "correct horse battery"}, format="json"
    )

    assert response.status_code == 400
    assert not AuthToken.objects.exists()


@pytest.mark.parametrize("missing", ["username", "password"])
def test_the_token_endpoint_needs_both_fields(api_client, missing):
    payload = {"username": "person", "password": "correct horse battery"}
    del payload[missing]

    response = api_client.post(TOKEN, payload, format="json")

    assert response.status_code == 400
    assert missing in response.json()


def test_a_failed_token_request_is_logged_without_the_password(api_client, user, caplog):
    with caplog.at_level(logging.INFO, logger="twitchcare.auth"):
        api_client.post(
            TOKEN, {"username": user.username, "password": "wrong-secret-xyz"}, format="json"
        )

    assert "login failed" in caplog.text
    assert "wrong-secret-xyz" not in caplog.text


def test_repeated_failures_lock_the_account_out_with_a_429(api_client, user):
    wrong = {"username": user.username, "password": "wrong password"}
    for _ in range(4):
        assert api_client.post(TOKEN, wrong, format="json").status_code == 400

    fifth = api_client.post(TOKEN, wrong, format="json")
    right_but_locked = api_client.post(
        TOKEN, {"username": user.username, "password": "correct horse battery"}, format="json"
    )

    assert fifth.status_code == 429
    assert right_but_locked.status_code == 429
    assert "Too many failed attempts" in right_but_locked.json()["detail"]
    assert int(right_but_locked["Retry-After"]) > 0
    assert not AuthToken.objects.exists()


# Throttling ---------------------------------------------------------------------------


def test_registering_is_throttled(api_client, throttle_rate):
    throttle_rate("2/min")

    answers = [
        api_client.post(REGISTER, {**NEWCOMER, "username": f"ada{n}"}, format="json")
        for n in range(3)
    ]

    assert [answer.status_code for answer in answers] == [201, 201, 429]
    assert "Retry-After" in answers[2]
    assert User.objects.count() == 2


def test_the_token_endpoint_is_throttled(api_client, user, throttle_rate):
    throttle_rate("2/min")
    credentials = {"username": user.username, "password": "correct horse battery"}

    answers = [api_client.post(TOKEN, credentials, format="json") for _ in range(3)]

    assert [answer.status_code for answer in answers] == [200, 200, 429]


def test_register_and_token_share_one_budget(api_client, user, throttle_rate):
    throttle_rate("2/min")
    credentials = {"username": user.username, "password": "correct horse battery"}

    assert api_client.post(REGISTER, NEWCOMER, format="json").status_code == 201
    assert api_client.post(TOKEN, credentials, format="json").status_code == 200
    assert api_client.post(TOKEN, credentials, format="json").status_code == 429


def test_the_budget_is_per_client_address(api_client, user, throttle_rate):
    throttle_rate("1/min")
    credentials = {"username": user.username, "password": "correct horse battery"}

    first = api_client.post(TOKEN, credentials, format="json", REMOTE_ADDR="192.0.2.1")
    elsewhere = api_client.post(TOKEN, credentials, format="json", REMOTE_ADDR="192.0.2.2")
    again = api_client.post(TOKEN, credentials, format="json", REMOTE_ADDR="192.0.2.1")

    assert (first.status_code, elsewhere.status_code, again.status_code) == (200, 200, 429)


def test_the_default_auth_rate_is_the_configured_one(api_client, settings):
    rate = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["auth"]
    allowed = int(rate.split("/")[0])

    answers = [
        # A different name each time, so axes's per-name lock-out does not answer first.
        api_client.post(TOKEN, {"username": f"nobody{n}", "password": "x"}, format="json")
        for n in range(allowed + 1)
    ]

    assert all(answer.status_code == 400 for answer in answers[:allowed])
    assert answers[-1].status_code == 429

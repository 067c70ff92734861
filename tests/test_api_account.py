"""GET, PATCH and DELETE /api/account/, and GET /api/export/."""

import datetime as dt
import json

import pytest
import time_machine
from django.contrib.auth.models import User
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from journal.models import DailyLog, Episode, Profile
from tests.conftest import api_token
from tests.factories import DailyLogFactory, EpisodeFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"  # tests/factories.py
ACCOUNT = "/api/account/"
EXPORT = "/api/export/"


@pytest.fixture
def person(db):
    person = UserFactory(username="ada", time_zone="Europe/London")
    profile = person.profile
    profile.health_data_consent_at = dt.datetime(2026, 7, 1, 9, 30, tzinfo=dt.UTC)
    profile.plan_started_on = dt.date(2026, 7, 2)
    profile.save()
    EpisodeFactory.create_batch(2, user=person)
    DailyLogFactory(user=person)
    return person


@pytest.fixture
def api(person):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(person)}")
    return client


def test_get_answers_the_accounts_settings(api):
    response = api.get(ACCOUNT)

    assert response.status_code == 200
    assert response.json() == {
        "username": "ada",
        "email": "ada@example.com",
        "time_zone": "Europe/London",
        "reminders_enabled": False,
        "reminder_time": "20:00",
        "plan_started_on": "2026-07-02",
        "twitch_began_on": None,
        "health_data_consent_at": "2026-07-01T10:30:00+01:00",
    }
    assert "no-store" in response["Cache-Control"]


def test_patch_changes_the_time_zone_and_reminders(api, person):
    response = api.patch(
        ACCOUNT,
        {"time_zone": "Pacific/Auckland", "reminders_enabled": True, "reminder_time": "07:45"},
        format="json",
    )

    assert response.status_code == 200
    body = response.json()
    assert body["time_zone"] == "Pacific/Auckland"
    assert body["reminder_time"] == "07:45"
    assert body["health_data_consent_at"] == "2026-07-01T21:30:00+12:00"
    profile = Profile.objects.get(user=person)
    assert profile.time_zone == "Pacific/Auckland"
    assert profile.reminders_enabled is True
    assert profile.reminder_time == dt.time(7, 45)


ONSET_NOW = dt.datetime(2026, 11, 30, 10, 30, tzinfo=dt.UTC)


def test_patch_sets_and_clears_when_the_twitching_began(api, person):
    with time_machine.travel(ONSET_NOW, tick=False):
        response = api.patch(ACCOUNT, {"twitch_began_on": "2026-10-01"}, format="json")

        assert response.status_code == 200
        assert response.json()["twitch_began_on"] == "2026-10-01"
        assert api.get(ACCOUNT).json()["twitch_began_on"] == "2026-10-01"
        person.profile.refresh_from_db()
        assert person.profile.twitch_began_on == dt.date(2026, 10, 1)

        cleared = api.patch(ACCOUNT, {"twitch_began_on": None}, format="json")

        assert cleared.status_code == 200
        assert cleared.json()["twitch_began_on"] is None


def test_patch_takes_1900_and_today_but_not_tomorrow_in_the_person_s_zone(api, person):
    # 23:30 UTC on 30 November is already 1 December in Auckland.
    with time_machine.travel(dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC), tick=False):
        assert api.patch(ACCOUNT, {"twitch_began_on": "1900-01-01"}).status_code == 200
        assert api.patch(ACCOUNT, {"twitch_began_on": "2026-11-30"}).status_code == 200
        assert api.patch(ACCOUNT, {"twitch_began_on": "2026-12-01"}).status_code == 400

        api.patch(ACCOUNT, {"time_zone": "Pacific/Auckland"})

        assert api.patch(ACCOUNT, {"twitch_began_on": "2026-12-01"}).status_code == 200
        assert api.patch(ACCOUNT, {"twitch_began_on": "2026-12-02"}).status_code == 400


def test_patch_ignores_read_only_fields(api, person):
    response = api.patch(ACCOUNT, {"username": "eve", "plan_started_on": "2020-01-01"})

    assert response.status_code == 200
    person.refresh_from_db()
    assert person.username == "ada"
    assert person.profile.plan_started_on == dt.date(2026, 7, 2)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"time_zone": ""}, "time_zone"),
        ({"reminder_time": "25:00"}, "reminder_time"),
        ({"reminder_time": "8pm"}, "reminder_time"),
        ({"reminder_time": "7:5"}, "reminder_time"),
        ({"reminder_time": 2000}, "reminder_time"),
        ({"reminders_enabled": "maybe"}, "reminders_enabled"),
        ({"twitch_began_on": "2026-13-01"}, "twitch_began_on"),
        ({"twitch_began_on": "last spring"}, "twitch_began_on"),
        ({"twitch_began_on": "1899-12-31"}, "twitch_began_on"),
        ({"twitch_began_on": "2999-01-01"}, "twitch_began_on"),
        ({"twitch_began_on": 20260101}, "twitch_began_on"),
    ],
)
def test_patch_with_bad_values_is_a_400_naming_the_field_and_changes_nothing(
    api, person, body, field
):
    response = api.patch(
        ACCOUNT, {**body, "reminders_enabled": body.get("reminders_enabled", True)}
    )

    assert response.status_code == 400
    assert field in response.json()
    profile = Profile.objects.get(user=person)
    assert profile.time_zone == "Europe/London"
    assert profile.reminders_enabled is False
    assert profile.twitch_began_on is None


def test_delete_with_the_password_erases_everything_and_the_token_stops_working(api, person):
    stranger = UserFactory()
    EpisodeFactory(user=stranger)

    response = api.delete(ACCOUNT, {"password": PASSWORD}, format="json")

    assert response.status_code == 204
    assert not User.objects.filter(pk=person.pk).exists()
    assert not Profile.objects.filter(user_id=person.pk).exists()
    assert not Episode.objects.filter(user_id=person.pk).exists()
    assert not DailyLog.objects.filter(user_id=person.pk).exists()
    assert not AuthToken.objects.filter(user_id=person.pk).exists()
    assert Episode.objects.filter(user=stranger).count() == 1
    assert api.get(ACCOUNT).status_code == 401


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"password": "wrong"}, "That password is not right. Nothing was deleted."),
        ({}, "Type your password to confirm. Nothing was deleted."),
        ([], "Type your password to confirm. Nothing was deleted."),
    ],
)
def test_delete_with_a_wrong_or_missing_password_is_a_400_and_deletes_nothing(
    api, person, body, message
):
    response = api.delete(ACCOUNT, body, format="json")

    assert response.status_code == 400
    assert response.json() == {"password": [message]}
    assert User.objects.filter(pk=person.pk).exists()
    assert Episode.objects.filter(user=person).count() == 2


def test_repeated_wrong_passwords_lock_deletion_with_a_json_429(api, person, settings):
    statuses = [
        api.delete(ACCOUNT, {"password": f"guess {n}"}, format="json").status_code
        for n in range(settings.AXES_FAILURE_LIMIT + 1)
    ]

    assert statuses[0] == 400
    assert statuses[-1] == 429
    response = api.delete(ACCOUNT, {"password": PASSWORD}, format="json")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "Too many wrong passwords" in response.json()["detail"]
    assert User.objects.filter(pk=person.pk).exists()


def test_delete_over_a_session_also_ends_the_session(client, person):
    client.force_login(person)

    response = client.delete(ACCOUNT, {"password": PASSWORD}, content_type="application/json")

    assert response.status_code == 204
    assert "_auth_user_id" not in client.session


def test_export_answers_all_of_the_persons_data(api, person):
    UserFactory()  # someone else, with nothing in the answer

    response = api.get(EXPORT)

    assert response.status_code == 200
    body = json.loads(response.getvalue())
    assert set(body) == {
        "exported_at", "account", "episodes", "daily_logs", "treatments", "self_ratings",
        "attachments",
    }  # fmt: skip
    assert body["account"]["username"] == "ada"
    assert len(body["episodes"]) == 2
    assert len(body["daily_logs"]) == 1
    assert dt.datetime.fromisoformat(body["exported_at"]) <= timezone.now()
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("method", "url"),
    [("get", ACCOUNT), ("patch", ACCOUNT), ("delete", ACCOUNT), ("get", EXPORT)],
)
def test_anonymous_requests_get_401(method, url):
    response = getattr(APIClient(), method)(url)

    assert response.status_code == 401

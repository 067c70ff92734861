"""Text in request bodies must be sent as text: a number, a boolean, a list or an object
where the schema says string is a 400 naming the field (journal/api/fields.py), never
read as its string form the way DRF does by default (``42`` as ``"42"``)."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import User
from django.urls import reverse

from journal.models import DailyLog, Episode, Profile
from tests.conftest import sign_in_with_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REGISTER = reverse("api-register")
TOKEN = reverse("api-token")
EPISODES = reverse("api-episode-list")
DAILY_LOGS = reverse("api-daily-log-list")
ACCOUNT = reverse("api-account")
PASSWORD = "a long and private phrase"
NOW = dt.datetime(2026, 3, 12, 12, 0, tzinfo=dt.UTC)

NOT_TEXT = [42, 4.5, True, ["text"], {"text": "text"}]
NOT_TEXT_IDS = ["integer", "number", "boolean", "list", "object"]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def person(db):
    return UserFactory(username="ada", password=PASSWORD, time_zone="Europe/London")


@pytest.fixture
def api(api_client, person):
    return sign_in_with_token(api_client, person)


def _refused(response, field: str, message: str = "Send text here.") -> None:
    assert response.status_code == 400, response.content
    assert response.json()[field] == [message]


@pytest.mark.parametrize("value", NOT_TEXT, ids=NOT_TEXT_IDS)
@pytest.mark.parametrize("field", ["username", "password", "email", "time_zone"])
def test_register_refuses_anything_but_text(api_client, field, value):
    body = {"username": "grace", "password": PASSWORD, "email": "g@example.com", "time_zone": "UTC"}

    _refused(api_client.post(REGISTER, {**body, field: value}, format="json"), field)
    assert not User.objects.filter(username="grace").exists()


def test_register_still_takes_text(api_client):
    body = {"username": "grace", "password": PASSWORD, "email": "g@example.com", "time_zone": "UTC"}

    assert api_client.post(REGISTER, body, format="json").status_code == 201


@pytest.mark.parametrize("value", NOT_TEXT, ids=NOT_TEXT_IDS)
@pytest.mark.parametrize("field", ["username", "password"])
def test_token_refuses_anything_but_text(api_client, person, field, value):
    body = {"username": "ada", "password": PASSWORD, field: value}

    _refused(api_client.post(TOKEN, body, format="json"), field)


def test_a_numeric_username_sent_as_a_number_gets_no_token(api_client):
    """``42`` would have matched the account named "42"."""
    UserFactory(username="42", password=PASSWORD)

    response = api_client.post(TOKEN, {"username": 42, "password": PASSWORD}, format="json")

    _refused(response, "username")
    as_text = api_client.post(TOKEN, {"username": "42", "password": PASSWORD}, format="json")
    assert as_text.status_code == 200


@pytest.mark.parametrize("value", NOT_TEXT, ids=NOT_TEXT_IDS)
@pytest.mark.parametrize("field", ["notes", "side"])
def test_episode_refuses_anything_but_text(api, person, field, value):
    body = {"locations": ["eyelid"], "side": "left", "notes": "tired", field: value}

    _refused(api.post(EPISODES, body, format="json"), field)
    assert not Episode.objects.filter(user=person).exists()


@pytest.mark.parametrize("value", NOT_TEXT, ids=NOT_TEXT_IDS)
def test_episode_locations_refuse_anything_but_text(api, person, value):
    response = api.post(EPISODES, {"locations": [value], "side": "left"}, format="json")

    assert response.status_code == 400
    assert response.json()["locations"] == {"0": ["Send text here."]}


def test_episode_patch_refuses_a_number_for_notes(api, person):
    created = api.post(EPISODES, {"locations": ["eyelid"], "side": "left"}, format="json")
    address = f"{EPISODES}{created.json()['id']}/"

    _refused(api.patch(address, {"notes": 42}, format="json"), "notes")
    assert api.patch(address, {"notes": "42"}, format="json").json()["notes"] == "42"


def test_episode_still_takes_text(api, person):
    body = {"locations": ["eyelid"], "side": "left", "notes": "after coffee"}

    response = api.post(EPISODES, body, format="json")

    assert response.status_code == 201
    assert Episode.objects.get(user=person).notes == "after coffee"


@pytest.mark.parametrize("value", NOT_TEXT, ids=NOT_TEXT_IDS)
def test_daily_log_notes_refuse_anything_but_text(api, person, value):
    body = {"date": "2026-03-11", "notes": value}

    _refused(api.post(DAILY_LOGS, body, format="json"), "notes")
    assert not DailyLog.objects.filter(user=person).exists()


def test_daily_log_checklist_slugs_keep_their_own_message(api, person):
    response = api.post(DAILY_LOGS, {"date": "2026-03-11", "checklist_done": [42]}, format="json")

    assert response.status_code == 400
    assert response.json()["checklist_done"] == {
        "0": ["Send the slug of a checklist item, as text."]
    }


def test_daily_log_still_takes_text(api, person):
    response = api.post(DAILY_LOGS, {"date": "2026-03-11", "notes": "slept badly"}, format="json")

    assert response.status_code == 201
    assert DailyLog.objects.get(user=person).notes == "slept badly"


@pytest.mark.parametrize("value", NOT_TEXT, ids=NOT_TEXT_IDS)
def test_account_time_zone_refuses_anything_but_text(api, person, value):
    _refused(api.patch(ACCOUNT, {"time_zone": value}, format="json"), "time_zone")
    assert Profile.objects.get(user=person).time_zone == "Europe/London"


def test_account_time_zone_still_takes_text(api, person):
    response = api.patch(ACCOUNT, {"time_zone": "Pacific/Auckland"}, format="json")

    assert response.status_code == 200
    assert Profile.objects.get(user=person).time_zone == "Pacific/Auckland"

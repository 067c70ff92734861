"""Export all my data: the JSON file, the CSV zip, and GET /api/export/."""

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from journal.api.serializers import DailyLogSerializer, EpisodeSerializer
from tests.factories import DailyLogFactory, EpisodeFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)  # 01:00 on 25 November in Auckland
ACCOUNT_KEYS = {
    "username",
    "email",
    "date_joined",
    "time_zone",
    "plan_started_on",
    "twitch_began_on",
    "emergency_seen_at",
    "reminders_enabled",
    "reminder_time",
    "health_data_consent_at",
}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def person(db):
    return UserFactory(username="ada", time_zone="Pacific/Auckland")


@pytest.fixture
def journal(person):
    EpisodeFactory(
        user=person,
        started_at=dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC),
        locations=["cheek", "eyelid"],
        triggers=["stress"],
        symptoms=["pain"],
        notes="Mine: after the meeting",
    )
    EpisodeFactory(
        user=person,
        started_at=dt.datetime(2026, 11, 21, 8, 0, tzinfo=dt.UTC),
        notes="@SUM(1+1)*cmd|' /C calc'!A0",
    )
    DailyLogFactory(user=person, date=dt.date(2026, 11, 20), checklist_done=["water", "walk"])
    stranger = UserFactory()
    EpisodeFactory(user=stranger, notes="Stranger secret")
    DailyLogFactory(user=stranger, notes="Stranger log")
    return person


@pytest.fixture
def signed_in(client, person):
    client.force_login(person)
    return client


def test_the_json_download_holds_the_account_episodes_and_daily_logs(signed_in, journal):
    response = signed_in.get(reverse("journal:export_json"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    # The date is the person's local date: already the 25th in Auckland.
    assert response["Content-Disposition"] == (
        'attachment; filename="twitchcare-export-2026-11-25.json"'
    )
    data = json.loads(response.content)
    assert set(data) == {"exported_at", "account", "episodes", "daily_logs", "treatments"}
    assert data["exported_at"] == "2026-11-25T01:00:00+13:00"
    assert set(data["account"]) == ACCOUNT_KEYS
    assert data["account"]["username"] == "ada"
    assert data["account"]["time_zone"] == "Pacific/Auckland"
    assert data["account"]["reminder_time"] == "20:00"
    assert data["episodes"][0]["notes"] == "Mine: after the meeting"
    assert set(data["episodes"][0]) == {*EpisodeSerializer.Meta.fields, "client_id"}
    assert data["episodes"][0]["started_at"] == "2026-11-20T21:00:00+13:00"
    assert data["episodes"][0]["locations"] == ["cheek", "eyelid"]
    assert len(data["daily_logs"]) == 1
    assert set(data["daily_logs"][0]) == {*DailyLogSerializer.Meta.fields, "client_id"}
    assert data["daily_logs"][0]["date"] == "2026-11-20"


def test_the_json_download_is_the_api_export_body(signed_in, journal):
    page = json.loads(signed_in.get(reverse("journal:export_json")).content)
    api = signed_in.get("/api/export/").json()

    assert page == api


def test_the_export_never_holds_another_persons_entries(signed_in, journal):
    for name in ["journal:export_json", "journal:export_csv"]:
        response = signed_in.get(reverse(name))
        raw = response.content
        if name == "journal:export_csv":
            archive = zipfile.ZipFile(io.BytesIO(raw))
            raw = b"".join(archive.read(n) for n in archive.namelist())
        assert b"Stranger" not in raw


def test_the_csv_zip_holds_the_account_the_episodes_and_the_daily_logs(signed_in, journal):
    response = signed_in.get(reverse("journal:export_csv"))

    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        'attachment; filename="twitchcare-export-2026-11-25.zip"'
    )
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == [
        "account.csv",
        "daily_logs.csv",
        "episodes.csv",
        "treatments.csv",
    ]

    def rows(name):
        return list(csv.DictReader(io.StringIO(archive.read(name).decode())))

    account = rows("account.csv")
    assert len(account) == 1 and set(account[0]) == ACCOUNT_KEYS
    episodes = rows("episodes.csv")
    assert len(episodes) == 2
    assert episodes[0]["started_at"] == "2026-11-20T21:00:00+13:00"
    assert episodes[0]["locations"] == "cheek;eyelid"
    assert episodes[0]["id"] and episodes[0]["created_at"]
    assert episodes[1]["notes"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    logs = rows("daily_logs.csv")
    assert len(logs) == 1
    assert logs[0]["date"] == "2026-11-20"
    assert logs[0]["checklist_done"] == "water;walk"


@pytest.mark.parametrize("name", ["journal:export_json", "journal:export_csv"])
def test_an_anonymous_person_is_sent_to_log_in(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ["journal:export_json", "journal:export_csv"])
def test_the_export_is_never_stored_by_a_browser_or_proxy(signed_in, journal, name):
    assert "no-store" in signed_in.get(reverse(name))["Cache-Control"]


@pytest.mark.parametrize("url", ["/accounts/export.json", "/accounts/export.zip", "/api/export/"])
def test_the_export_runs_the_same_queries_for_5_or_500_episodes(
    client, django_assert_num_queries, url
):
    def signed_in_with(episodes: int) -> None:
        person = UserFactory()
        EpisodeFactory.create_batch(episodes, user=person)
        for n in range(3):
            DailyLogFactory(user=person, date=dt.date(2026, 11, 1 + n))
        client.force_login(person)
        client.get(url)  # the first request after log-in also stores the session

    signed_in_with(5)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    few = len(captured)

    signed_in_with(500)
    with django_assert_num_queries(few):
        response = client.get(url)
    assert response.status_code == 200

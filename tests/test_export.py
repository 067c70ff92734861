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
from rest_framework.renderers import JSONRenderer

from journal import csv_export, export
from journal.api.serializers import DailyLogSerializer, EpisodeSerializer
from journal.models import Episode
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
    data = json.loads(response.getvalue())
    assert set(data) == {
        "exported_at", "account", "episodes", "daily_logs", "treatments", "self_ratings",
        "attachments",
    }  # fmt: skip
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
    page = json.loads(signed_in.get(reverse("journal:export_json")).getvalue())
    api = json.loads(signed_in.get("/api/export/").getvalue())

    assert page == api


def test_the_export_never_holds_another_persons_entries(signed_in, journal):
    for name in ["journal:export_json", "journal:export_csv"]:
        response = signed_in.get(reverse(name))
        raw = response.getvalue()
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
    archive = zipfile.ZipFile(io.BytesIO(response.getvalue()))
    assert sorted(archive.namelist()) == [
        "account.csv", "daily_logs.csv", "episodes.csv", "self_ratings.csv", "treatments.csv"
    ]  # fmt: skip

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

    # The body is read inside the block: a streamed export reads its rows as it is sent.
    signed_in_with(5)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        response.getvalue()
    assert response.status_code == 200
    few = len(captured)

    signed_in_with(500)
    with django_assert_num_queries(few):
        response = client.get(url)
        response.getvalue()
    assert response.status_code == 200


# --- Streamed: the same bytes, a chunk of rows at a time -------------------------------------


def _old_json(user, indent):
    """What the export was before it was streamed: the dict rendered whole by DRF."""
    return JSONRenderer().render(export.export_data(user), renderer_context={"indent": indent})


NOTES = ['quote " and \\ backslash', "line\nbreak", "sep\u2028par\u2029", "émoji 🙂", "", "=1+1"]


@pytest.fixture
def long_journal(person, monkeypatch):
    """More rows than a chunk, notes a JSON writer must escape, and a day with nothing."""
    monkeypatch.setattr(export, "CHUNK_ROWS", 7)
    notes = [
        'quote " and \\ backslash',
        "line\nbreak",
        "sep\u2028par\u2029",
        "émoji 🙂",
        "",
        "=1+1",
    ]
    for n in range(23):
        EpisodeFactory(
            user=person,
            started_at=dt.datetime(2026, 1, 1, 8, 0, tzinfo=dt.UTC) + dt.timedelta(days=n),
            notes=notes[n % len(notes)],
            locations=["eyelid", "cheek"][: 1 + n % 2],
        )
    for n in range(16):
        DailyLogFactory(user=person, date=dt.date(2026, 2, 1) + dt.timedelta(days=n))
    return person


@pytest.mark.parametrize("indent", [None, 2, 4])
def test_the_streamed_json_is_byte_for_byte_the_rendered_body(long_journal, indent):
    streamed = b"".join(export.export_json_stream(long_journal, indent=indent))

    assert streamed == _old_json(long_journal, indent)
    assert len(json.loads(streamed)["episodes"]) == 23


@pytest.mark.parametrize("indent", [None, 2])
def test_an_empty_journal_streams_the_same_bytes_too(person, indent):
    streamed = b"".join(export.export_json_stream(person, indent=indent))

    assert streamed == _old_json(person, indent)
    assert json.loads(streamed)["episodes"] == []


@pytest.mark.parametrize(("url", "indent"), [("/accounts/export.json", 2), ("/api/export/", None)])
def test_the_json_export_is_streamed_and_equal_to_the_whole_body(
    signed_in, long_journal, url, indent
):
    response = signed_in.get(url)

    assert response.streaming
    pieces = list(response.streaming_content)
    assert len(pieces) > 3  # sent in pieces, not as one body
    assert b"".join(pieces) == _old_json(long_journal, indent)


def test_the_api_export_indents_as_the_accept_header_asks(signed_in, long_journal):
    response = signed_in.get("/api/export/", HTTP_ACCEPT="application/json; indent=4")

    assert response.getvalue() == _old_json(long_journal, 4)


def test_the_csv_zip_is_streamed_and_holds_every_row(signed_in, long_journal):
    response = signed_in.get(reverse("journal:export_csv"))

    assert response.streaming
    pieces = list(response.streaming_content)
    assert len(pieces) > 3
    archive = zipfile.ZipFile(io.BytesIO(b"".join(pieces)))
    assert archive.testzip() is None
    zone = long_journal.profile.zone
    # The rows as the ORM decodes them: the export reads the lists as text and decodes them.
    episodes = Episode.objects.filter(user=long_journal).order_by("started_at", "id").values()
    expected = "".join(
        csv_export.episodes_csv_lines(
            episodes, zone, extra_columns=("id", "created_at", "updated_at", "client_id")
        )
    )
    assert archive.read("episodes.csv").decode() == expected
    rows = list(csv.DictReader(io.StringIO(archive.read("episodes.csv").decode())))
    assert len(rows) == 23
    assert [row["notes"] for row in rows][:6] == [*NOTES[:5], "'=1+1"]
    logs = list(csv.DictReader(io.StringIO(archive.read("daily_logs.csv").decode())))
    assert [row["date"] for row in logs] == [
        (dt.date(2026, 2, 1) + dt.timedelta(days=n)).isoformat() for n in range(16)
    ]


def test_the_exports_read_the_rows_a_chunk_at_a_time(person, monkeypatch):
    """The episodes are read through ``QuerySet.iterator(chunk_size=...)``, never whole."""
    chunk_sizes = []
    real = export._chunked

    def spy(queryset):
        chunk_sizes.append(export.CHUNK_ROWS)
        return real(queryset)

    monkeypatch.setattr(export, "_chunked", spy)
    b"".join(export.export_json_stream(person))
    b"".join(export.export_csv_zip_stream(person))

    assert chunk_sizes == [export.CHUNK_ROWS] * 4

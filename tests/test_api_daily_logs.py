"""/api/daily-logs/ and /api/daily-logs/{YYYY-MM-DD}/: one log per person per local day."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import IntegrityError
from django.urls import reverse

from journal.models import DailyLog
from tests.conftest import api_token, sign_in_with_token
from tests.factories import DailyLogFactory, UserFactory

pytestmark = pytest.mark.django_db

# 12:00 UTC on the 12th is already 01:00 on the 13th in Auckland.
NOW = dt.datetime(2026, 3, 12, 12, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 3, 12)
LIST = reverse("api-daily-log-list")


def detail(day: dt.date | str) -> str:
    return f"{LIST}{day}/" if isinstance(day, str) else f"{LIST}{day.isoformat()}/"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


GOOD = {
    "date": "2026-03-11",
    "sleep_hours": 6.5,
    "caffeine_servings": 3,
    "alcohol_drinks": 1,
    "stress_level": 7,
    "screen_hours": 9.5,
    "water_glasses": 5,
    "checklist_done": ["screen-break", "cut-caffeine-alcohol"],
    "notes": "Deadline week.",
}


def snapshot(log: DailyLog) -> dict:
    log.refresh_from_db()
    fields = ["date", "sleep_hours", "caffeine_servings", "alcohol_drinks", "stress_level"]
    fields += ["screen_hours", "water_glasses", "checklist_done", "notes", "updated_at"]
    return {name: getattr(log, name) for name in fields}


# Access -------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_list_answers_401_without_credentials(api_client, method):
    response = getattr(api_client, method)(LIST, GOOD)

    assert response.status_code == 401
    assert not DailyLog.objects.exists()


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_a_log_answers_401_without_credentials(api_client, method):
    log = DailyLogFactory(date=TODAY)
    before = snapshot(log)

    response = getattr(api_client, method)(detail(TODAY), {"stress_level": 1})

    assert response.status_code == 401
    assert snapshot(log) == before


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_another_persons_log_is_a_404_and_stays_unchanged(signed_in_api_client, method):
    theirs = DailyLogFactory(date=TODAY, notes="private")
    before = snapshot(theirs)

    response = getattr(signed_in_api_client, method)(
        detail(TODAY), {"stress_level": 1, "notes": "mine"}, format="json"
    )

    assert response.status_code == 404
    assert snapshot(theirs) == before
    assert DailyLog.objects.count() == 1


@pytest.mark.parametrize("bad", ["2026-02-30", "2026-13-01", "20260312", "2026-3-1", "today"])
def test_a_malformed_date_in_the_address_is_a_404(signed_in_api_client, user, bad):
    DailyLogFactory(user=user, date=TODAY)

    assert signed_in_api_client.get(detail(bad)).status_code == 404


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_a_day_without_a_log_is_a_404_and_nothing_is_created(signed_in_api_client, method):
    response = getattr(signed_in_api_client, method)(
        detail(TODAY), {"stress_level": 2}, format="json"
    )

    assert response.status_code == 404
    assert not DailyLog.objects.exists()


# List ---------------------------------------------------------------------------------


def test_the_list_shows_only_my_logs_newest_date_first(signed_in_api_client, user):
    DailyLogFactory(user=user, date=TODAY - dt.timedelta(days=2))
    DailyLogFactory(user=user, date=TODAY)
    DailyLogFactory(date=TODAY - dt.timedelta(days=1))  # someone else's

    body = signed_in_api_client.get(LIST).json()

    assert body["count"] == 2
    assert body["next"] is None and body["previous"] is None
    assert [item["date"] for item in body["results"]] == ["2026-03-12", "2026-03-10"]


def test_a_log_is_shown_with_every_field_and_numbers_as_numbers(signed_in_api_client, user):
    DailyLogFactory(
        user=user,
        date=TODAY,
        sleep_hours=Decimal("6.5"),
        screen_hours=None,
        checklist_done=["cut-caffeine-alcohol"],
        notes="Fine.",
    )

    body = signed_in_api_client.get(detail(TODAY)).json()

    assert body == {
        "date": "2026-03-12",
        "sleep_hours": 6.5,
        "caffeine_servings": 2,
        "alcohol_drinks": 0,
        "stress_level": 3,
        "screen_hours": None,
        "water_glasses": 6,
        "checklist_done": ["cut-caffeine-alcohol"],
        "notes": "Fine.",
        "client_id": None,
        "created_at": "2026-03-12T12:00:00Z",
        "updated_at": "2026-03-12T12:00:00Z",
    }


def test_the_list_filters_by_dates_both_included(signed_in_api_client, user):
    for days_ago in range(5):
        DailyLogFactory(user=user, date=TODAY - dt.timedelta(days=days_ago))

    response = signed_in_api_client.get(LIST, {"since": "2026-03-09", "until": "2026-03-11"})

    assert [item["date"] for item in response.json()["results"]] == [
        "2026-03-11",
        "2026-03-10",
        "2026-03-09",
    ]


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"since": "yesterday"}, "since"),
        ({"until": "2026-02-30"}, "until"),
        ({"since": "2026-03-10T08:00"}, "since"),
        ({"since": "2026-03-11", "until": "2026-03-10"}, "until"),
    ],
)
def test_a_bad_filter_is_a_400_naming_it(signed_in_api_client, params, named):
    response = signed_in_api_client.get(LIST, params)

    assert response.status_code == 400
    assert named in response.json()


@pytest.mark.parametrize("rows", [5, 500])
def test_the_list_runs_the_same_queries_however_many_logs(
    api_client, user, django_assert_num_queries, rows
):
    DailyLog.objects.bulk_create(
        DailyLog(user=user, date=TODAY - dt.timedelta(days=i), sleep_hours=7) for i in range(rows)
    )
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")

    # The token (with its user and profile: the time zone), the count and the page.
    with django_assert_num_queries(3):
        response = api_client.get(LIST, {"since": "2020-01-01"})

    assert response.status_code == 200
    assert response.json()["count"] == rows


# Create -------------------------------------------------------------------------------


def test_posting_adds_the_log_for_a_day(signed_in_api_client, user):
    response = signed_in_api_client.post(LIST, GOOD, format="json")

    assert response.status_code == 201
    log = DailyLog.objects.get(user=user)
    assert log.date == dt.date(2026, 3, 11)
    assert log.sleep_hours == Decimal("6.5")
    assert log.screen_hours == Decimal("9.5")
    assert (log.caffeine_servings, log.alcohol_drinks) == (3, 1)
    assert (log.stress_level, log.water_glasses) == (7, 5)
    assert log.checklist_done == ["cut-caffeine-alcohol", "screen-break"]
    assert log.notes == "Deadline week."
    assert response.json()["sleep_hours"] == 6.5


def test_only_the_date_is_needed(signed_in_api_client, user):
    response = signed_in_api_client.post(LIST, {"date": "2026-03-12"}, format="json")

    assert response.status_code == 201
    log = DailyLog.objects.get(user=user)
    assert log.sleep_hours is None and log.stress_level is None
    assert log.checklist_done == []


def test_a_second_post_for_the_same_day_is_refused_and_changes_nothing(signed_in_api_client, user):
    log = DailyLogFactory(user=user, date=dt.date(2026, 3, 11), stress_level=2)
    before = snapshot(log)

    response = signed_in_api_client.post(LIST, GOOD, format="json")

    assert response.status_code == 400
    assert "already a log for this day" in response.json()["date"][0]
    assert snapshot(log) == before


def test_another_persons_log_for_the_same_day_does_not_block_mine(signed_in_api_client, user):
    DailyLogFactory(date=dt.date(2026, 3, 11))

    response = signed_in_api_client.post(LIST, GOOD, format="json")

    assert response.status_code == 201
    assert DailyLog.objects.filter(user=user).count() == 1


def test_a_day_after_my_local_today_is_refused(signed_in_api_client):
    response = signed_in_api_client.post(LIST, {"date": "2026-03-13"}, format="json")

    assert response.status_code == 400
    assert "date" in response.json()
    assert not DailyLog.objects.exists()


def test_today_is_my_local_today(api_client):
    kiwi = UserFactory(time_zone="Pacific/Auckland")
    sign_in_with_token(api_client, kiwi)

    # Already the 13th in Auckland; the 14th is not.
    assert api_client.post(LIST, {"date": "2026-03-13"}, format="json").status_code == 201
    assert api_client.post(LIST, {"date": "2026-03-14"}, format="json").status_code == 400


BAD_LOGS = [
    pytest.param({"sleep_hours": -0.5}, "sleep_hours", id="sleep-negative"),
    pytest.param({"sleep_hours": 24.5}, "sleep_hours", id="sleep-24.5"),
    pytest.param({"sleep_hours": 7.25}, "sleep_hours", id="sleep-two-decimals"),
    pytest.param({"sleep_hours": "lots"}, "sleep_hours", id="sleep-text"),
    pytest.param({"caffeine_servings": -1}, "caffeine_servings", id="caffeine-negative"),
    pytest.param({"caffeine_servings": 31}, "caffeine_servings", id="caffeine-31"),
    pytest.param({"alcohol_drinks": 31}, "alcohol_drinks", id="alcohol-31"),
    pytest.param({"stress_level": 11}, "stress_level", id="stress-11"),
    pytest.param({"stress_level": 2.5}, "stress_level", id="stress-fraction"),
    pytest.param({"screen_hours": 25}, "screen_hours", id="screen-25"),
    pytest.param({"water_glasses": 41}, "water_glasses", id="water-41"),
    pytest.param({"checklist_done": "cut-caffeine-alcohol"}, "checklist_done", id="checklist-text"),
    pytest.param({"checklist_done": ["x" * 101]}, "checklist_done", id="checklist-long-item"),
    pytest.param({"notes": "x" * 2001}, "notes", id="notes-2001"),
]


@pytest.mark.parametrize(("change", "field"), BAD_LOGS)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_stored(
    signed_in_api_client, change, field
):
    response = signed_in_api_client.post(LIST, {**GOOD, **change}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not DailyLog.objects.exists()


@pytest.mark.parametrize(
    "date", [None, "", "yesterday", "2026-02-30", "12/03/2026", "0001-01-01", "2026-03-11T08:00"]
)
def test_a_missing_or_bad_date_is_refused(signed_in_api_client, date):
    payload = {**GOOD, "date": date} if date is not None else {"stress_level": 3}

    response = signed_in_api_client.post(LIST, payload, format="json")

    assert response.status_code == 400
    assert "date" in response.json()
    assert not DailyLog.objects.exists()


# Change and delete --------------------------------------------------------------------


def test_put_replaces_the_days_log(signed_in_api_client, user):
    log = DailyLogFactory(
        user=user, date=TODAY, notes="old", checklist_done=["cut-caffeine-alcohol"]
    )

    response = signed_in_api_client.put(
        detail(TODAY), {"sleep_hours": 8, "water_glasses": 9}, format="json"
    )

    assert response.status_code == 200
    after = snapshot(log)
    assert after["sleep_hours"] == Decimal("8.0")
    assert after["water_glasses"] == 9
    # Left out of a PUT: cleared.
    assert after["stress_level"] is None
    assert (after["checklist_done"], after["notes"]) == ([], "")
    assert response.json()["sleep_hours"] == 8.0


def test_patch_changes_only_the_fields_sent(signed_in_api_client, user):
    log = DailyLogFactory(user=user, date=TODAY, stress_level=3, caffeine_servings=2)

    response = signed_in_api_client.patch(
        detail(TODAY),
        {"stress_level": 8, "checklist_done": ["cut-caffeine-alcohol"]},
        format="json",
    )

    assert response.status_code == 200
    after = snapshot(log)
    assert after["stress_level"] == 8
    assert after["checklist_done"] == ["cut-caffeine-alcohol"]
    assert after["caffeine_servings"] == 2


def test_the_date_of_a_log_cannot_be_changed(signed_in_api_client, user):
    log = DailyLogFactory(user=user, date=TODAY)

    response = signed_in_api_client.patch(detail(TODAY), {"date": "2026-03-01"}, format="json")

    assert response.json()["date"] == "2026-03-12"
    assert snapshot(log)["date"] == TODAY


@pytest.mark.parametrize(("change", "field"), BAD_LOGS)
def test_a_bad_patch_changes_nothing(signed_in_api_client, user, change, field):
    log = DailyLogFactory(user=user, date=TODAY)
    before = snapshot(log)

    response = signed_in_api_client.patch(detail(TODAY), change, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert snapshot(log) == before


def test_delete_removes_the_days_log(signed_in_api_client, user):
    DailyLogFactory(user=user, date=TODAY)
    kept = DailyLogFactory(user=user, date=TODAY - dt.timedelta(days=1))

    response = signed_in_api_client.delete(detail(TODAY))

    assert response.status_code == 204
    assert list(DailyLog.objects.all()) == [kept]


def test_a_first_post_that_loses_a_race_for_the_day_is_a_400(signed_in_api_client, monkeypatch):
    def lose_the_race(**kwargs):
        raise IntegrityError("UNIQUE constraint failed: dailylog_one_per_day")

    monkeypatch.setattr("journal.services.daily_log_save", lose_the_race)

    response = signed_in_api_client.post(LIST, GOOD, format="json")

    assert response.status_code == 400
    assert "already a log for this day" in response.json()["date"][0]

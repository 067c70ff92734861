"""GET /api/insights/?days=30|60|90: the Insights contract of the SPEC."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import api_token, sign_in_with_token
from tests.factories import DailyLogFactory, EpisodeFactory, UserFactory
from tests.test_insights_arithmetic import rounded, welch_by_hand
from tests.test_insights_pages import make_history, march, seed

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 3, 20, 12, 0, tzinfo=dt.UTC)
URL = "/api/insights/"


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_it_needs_credentials(api_client):
    response = api_client.get(URL)

    assert response.status_code == 401


def test_it_answers_exactly_the_contract(signed_in_api_client, user):
    make_history(user)

    response = signed_in_api_client.get(URL)

    assert response.status_code == 200
    data = response.json()
    assert list(data) == [
        "days",
        "start",
        "end",
        "episodes_per_day",
        "by_location",
        "by_side",
        "top_triggers",
        "factors",
    ]
    assert (data["days"], data["start"], data["end"]) == (30, "2025-02-19", "2025-03-20")
    assert len(data["episodes_per_day"]) == 30
    assert data["episodes_per_day"][0] == {"date": "2025-02-19", "count": 0}
    assert data["episodes_per_day"][-20] == {"date": "2025-03-01", "count": 1}
    assert data["by_location"]["eyelid"] == 7
    assert data["by_side"] == {"left": 7, "right": 0, "both": 0}
    assert data["top_triggers"] == [{"trigger": "poor_sleep", "count": 7}]
    assert data["factors"][0] == {
        "factor": "sleep_hours",
        "bad_when": "< 6",
        "bad_days": 5,
        "bad_twitch_days": 4,
        "other_days": 12,
        "other_twitch_days": 3,
        "bad_rate": 0.8,
        "other_rate": 0.25,
        "enough_data": True,
        # Episodes per day: 1, 1, 1, 1, 0 under 6 h; 1, 1, 1 and nine 0s on the other days.
        "bad_episodes_per_day": 0.8,
        "other_episodes_per_day": 0.25,
        "difference": 0.55,
        "interval": rounded(welch_by_hand([1, 1, 1, 1, 0], [1, 1, 1] + [0] * 9)),
        "verdict": "no_clear_difference",
    }
    assert [f["factor"] for f in data["factors"]] == [
        "sleep_hours",
        "caffeine_servings",
        "alcohol_drinks",
        "stress_level",
        "screen_hours",
        "water_glasses",
    ]
    assert {f["factor"]: f["bad_when"] for f in data["factors"]} == {
        "sleep_hours": "< 6",
        "caffeine_servings": "> 3",
        "alcohol_drinks": "> 2",
        "stress_level": ">= 7",
        "screen_hours": "> 8",
        "water_glasses": "< 6",
    }


def test_rates_are_null_where_there_are_no_days(signed_in_api_client, user):
    EpisodeFactory(user=user, started_at=march(19))

    factors = signed_in_api_client.get(URL).json()["factors"]

    for factor in factors:
        assert factor["bad_rate"] is None
        assert factor["other_rate"] is None
        assert factor["enough_data"] is False
        assert factor["bad_episodes_per_day"] is None
        assert factor["other_episodes_per_day"] is None
        assert factor["difference"] is None
        assert factor["interval"] is None
        assert factor["verdict"] == "not_enough_data"


@pytest.mark.parametrize(
    ("days", "start"), [(30, "2025-02-19"), (60, "2025-01-20"), (90, "2024-12-21")]
)
def test_it_covers_30_60_or_90_days(signed_in_api_client, days, start):
    data = signed_in_api_client.get(URL, {"days": days}).json()

    assert (data["days"], data["start"], data["end"]) == (days, start, "2025-03-20")
    assert len(data["episodes_per_day"]) == days


@pytest.mark.parametrize("bad", ["7", "", "abc", "30.5", "-30", "99999999999999999999"])
def test_any_other_period_is_a_400_naming_the_field(signed_in_api_client, bad):
    response = signed_in_api_client.get(URL, {"days": bad})

    assert response.status_code == 400
    assert response.json() == {"days": ["Choose 30, 60 or 90 days."]}


def test_the_period_includes_its_first_and_last_local_day_only(api_client):
    # Auckland is UTC+13 in March: its 21 March started at 11:00 UTC on 20 March.
    person = UserFactory(time_zone="Pacific/Auckland")
    first_instant = dt.datetime(2025, 2, 19, 11, 0, tzinfo=dt.UTC)  # 00:00, 20 Feb, Auckland
    EpisodeFactory(user=person, started_at=first_instant - dt.timedelta(seconds=1))
    EpisodeFactory(user=person, started_at=first_instant, side="right")
    EpisodeFactory(user=person, started_at=NOW - dt.timedelta(minutes=1), side="both")
    DailyLogFactory(user=person, date=dt.date(2025, 2, 19), sleep_hours=3)  # the day before
    DailyLogFactory(user=person, date=dt.date(2025, 2, 20), sleep_hours=3)
    sign_in_with_token(api_client, person)

    data = api_client.get(URL).json()

    assert (data["start"], data["end"]) == ("2025-02-20", "2025-03-21")
    assert data["episodes_per_day"][0] == {"date": "2025-02-20", "count": 1}
    assert data["episodes_per_day"][-1] == {"date": "2025-03-21", "count": 1}
    assert data["by_side"] == {"left": 0, "right": 1, "both": 1}
    assert data["factors"][0]["bad_days"] == 1


def test_a_late_evening_in_auckland_counts_on_that_local_day(api_client):
    person = UserFactory(time_zone="Pacific/Auckland")
    # 23:30 on 18 March in Auckland = 10:30 UTC on 18 March.
    EpisodeFactory(user=person, started_at=dt.datetime(2025, 3, 18, 10, 30, tzinfo=dt.UTC))
    # 00:30 on 19 March in Auckland = 11:30 UTC on 18 March.
    EpisodeFactory(user=person, started_at=dt.datetime(2025, 3, 18, 11, 30, tzinfo=dt.UTC))
    sign_in_with_token(api_client, person)

    per_day = {d["date"]: d["count"] for d in api_client.get(URL).json()["episodes_per_day"]}

    assert per_day["2025-03-18"] == 1
    assert per_day["2025-03-19"] == 1


def test_the_page_and_the_api_agree(client, api_client, user):
    make_history(user)
    seed(user, 40)
    client.force_login(user)
    sign_in_with_token(api_client, user)

    for days in (30, 60, 90):
        page = client.get("/insights/", {"days": days}).context["insights"].as_dict()
        api = api_client.get(URL, {"days": days}).json()
        assert page == api


def test_another_persons_entries_do_not_change_my_numbers(signed_in_api_client, user, other_user):
    make_history(user)
    before = signed_in_api_client.get(URL).json()

    seed(other_user, 50)
    after = signed_in_api_client.get(URL).json()

    assert after == before
    assert sum(d["count"] for d in after["episodes_per_day"]) == 7


def test_a_token_works_too(api_client, user):
    make_history(user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")

    response = api_client.get(URL)

    assert response.status_code == 200
    assert response.json()["factors"][0]["bad_twitch_days"] == 4
    assert "no-store" in response["Cache-Control"]


def test_the_query_count_does_not_grow_with_the_data(signed_in_api_client, user):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert signed_in_api_client.get(URL, {"days": 90}).status_code == 200
        return len(queries)

    seed(user, 5)
    few = count()
    seed(user, 495)
    many = count()

    assert many == few
    assert few <= 4


def test_it_answers_get_only(signed_in_api_client):
    assert signed_in_api_client.post(URL, {}).status_code == 405

"""The insights, plan and streak arithmetic, checked against histories counted by hand.

No database: journal.insights is pure.
"""

import datetime as dt
import math
import warnings
import zoneinfo
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import t as t_distribution
from scipy.stats import ttest_ind

from journal.insights import (
    DEFAULT_DAYS,
    RULES_BY_FACTOR,
    EpisodeRow,
    FactorComparison,
    InvalidDays,
    Period,
    compute_insights,
    parse_days,
    percent,
    welch_interval,
)
from journal.plan import PlanProgress, WeekStatus, checklist_streak, plan_week_summaries

UTC = dt.UTC
AUCKLAND = zoneinfo.ZoneInfo("Pacific/Auckland")
TODAY = dt.date(2025, 3, 10)


def day(n: int) -> dt.date:
    """March n, 2025."""
    return dt.date(2025, 3, n)


def at(n: int, hour: int = 9, minute: int = 0, zone: dt.tzinfo = UTC) -> dt.datetime:
    return dt.datetime(2025, 3, n, hour, minute, tzinfo=zone)


def log(n: int, sleep=None, caffeine=None, stress=None, screen=None) -> dict:
    """A daily log for March n as the database gives it (hours are Decimals)."""
    return {
        "date": day(n),
        "sleep_hours": None if sleep is None else Decimal(str(sleep)),
        "caffeine_servings": caffeine,
        "alcohol_drinks": None,
        "stress_level": stress,
        "screen_hours": None if screen is None else Decimal(str(screen)),
        "water_glasses": None,
    }


# Ten days, 1 to 10 March. Counted by hand below.
#   day  sleep  caffeine  stress  screen  episodes
#    1   5.0    4         8       9       1  eyelid left  [stress, caffeine]
#    2   5.5    5         7       10      2  eyelid+cheek left [caffeine]; eyelid right []
#    3   4.0    1         2       4       0
#    4   7.0    2         3       -       1  eyebrow both [poor_sleep]
#    5   8.0    0         1       -       0
#    6   7.5    1         -       -       0
#    7   6.0    4         9       -       1  eyelid left [stress, caffeine]
#    8   -      -         -       -       1  eyelid left [stress]      (log with notes only)
#    9   7.0    2         2       -       0
#   10   5.0    -         7       -       1  mouth left [poor_sleep, stress]
LOGS = [
    #  day sleep caffeine stress screen
    log(1, 5.0, 4, 8, 9),
    log(2, 5.5, 5, 7, 10),
    log(3, 4.0, 1, 2, 4),
    log(4, 7.0, 2, 3),
    log(5, 8.0, 0, 1),
    log(6, 7.5, 1),
    log(7, 6.0, 4, 9),
    log(8),
    log(9, 7.0, 2, 2),
    log(10, 5.0, None, 7),
]
EPISODES = [
    EpisodeRow(at(1), ["eyelid"], "left", ["caffeine", "stress"]),
    EpisodeRow(at(2, 8), ["cheek", "eyelid"], "left", ["caffeine"]),
    EpisodeRow(at(2, 17), ["eyelid"], "right", []),
    EpisodeRow(at(4), ["eyebrow"], "both", ["poor_sleep"]),
    EpisodeRow(at(7), ["eyelid"], "left", ["caffeine", "stress"]),
    EpisodeRow(at(8), ["eyelid"], "left", ["stress"]),
    EpisodeRow(at(10, 22), ["mouth"], "left", ["poor_sleep", "stress"]),
]


def welch_by_hand(bad: list[int], other: list[int]) -> tuple[float, float]:
    """The 95% Welch interval worked out from its formula, apart from the code under test:
    the Welch-Satterthwaite degrees of freedom, then the t quantile from scipy.stats.t.ppf."""
    mean_bad, mean_other = sum(bad) / len(bad), sum(other) / len(other)
    var_bad = sum((x - mean_bad) ** 2 for x in bad) / (len(bad) - 1)
    var_other = sum((x - mean_other) ** 2 for x in other) / (len(other) - 1)
    a, b = var_bad / len(bad), var_other / len(other)
    df = (a + b) ** 2 / (a**2 / (len(bad) - 1) + b**2 / (len(other) - 1))
    half = t_distribution.ppf(0.975, df) * math.sqrt(a + b)
    difference = mean_bad - mean_other
    return difference - half, difference + half


def rounded(interval: tuple[float, float]) -> list[float]:
    return [round(value, 4) for value in interval]


@pytest.fixture
def insights():
    return compute_insights(episodes=EPISODES, logs=LOGS, zone=UTC, today=TODAY, days=30)


def factor(insights, name: str) -> dict:
    return next(f for f in insights.as_dict()["factors"] if f["factor"] == name)


def test_the_period_is_the_last_n_local_days_ending_today(insights):
    data = insights.as_dict()

    assert data["days"] == 30
    assert data["start"] == "2025-02-09"
    assert data["end"] == "2025-03-10"


def test_every_day_of_the_period_is_listed_with_zeros(insights):
    per_day = insights.as_dict()["episodes_per_day"]

    assert len(per_day) == 30
    assert per_day[0] == {"date": "2025-02-09", "count": 0}
    assert [d["count"] for d in per_day[-10:]] == [1, 2, 0, 1, 0, 0, 1, 1, 0, 1]
    assert per_day[-1] == {"date": "2025-03-10", "count": 1}


def test_sleep_under_six_hours_is_compared_with_the_other_sleep_days(insights):
    # Sleep logged on 9 days (not day 8). Under 6 h: days 1, 2, 3, 10 -> twitching on 1, 2, 10.
    # 6 h or more: days 4, 5, 6, 7 (6.0 is not under 6), 9 -> twitching on 4 and 7.
    assert factor(insights, "sleep_hours") == {
        "factor": "sleep_hours",
        "bad_when": "< 6",
        "bad_days": 4,
        "bad_twitch_days": 3,
        "other_days": 5,
        "other_twitch_days": 2,
        "bad_rate": 0.75,
        "other_rate": 0.4,
        "enough_data": True,
        # Episodes on the bad days 1, 2, 3, 10: 1, 2, 0, 1; on 4, 5, 6, 7, 9: 1, 0, 0, 1, 0.
        "bad_episodes_per_day": 1.0,
        "other_episodes_per_day": 0.4,
        "difference": 0.6,
        "interval": rounded(welch_by_hand([1, 2, 0, 1], [1, 0, 0, 1, 0])),
        "verdict": "no_clear_difference",
    }


def test_caffeine_over_three_is_compared_with_the_other_caffeine_days(insights):
    # Caffeine logged on days 1-7 and 9. Over 3: days 1, 2, 7, all twitch days.
    # Others: 3, 4, 5, 6, 9 -> twitching on 4 only.
    assert factor(insights, "caffeine_servings") == {
        "factor": "caffeine_servings",
        "bad_when": "> 3",
        "bad_days": 3,
        "bad_twitch_days": 3,
        "other_days": 5,
        "other_twitch_days": 1,
        "bad_rate": 1.0,
        "other_rate": 0.2,
        "enough_data": True,
        # Episodes on days 1, 2, 7: 1, 2, 1; on 3, 4, 5, 6, 9: 0, 1, 0, 0, 0.
        "bad_episodes_per_day": 1.3333,
        "other_episodes_per_day": 0.2,
        "difference": 1.1333,
        "interval": rounded(welch_by_hand([1, 2, 1], [0, 1, 0, 0, 0])),
        "verdict": "no_clear_difference",  # low is just under 0 (-0.04)
    }


def test_stress_of_seven_counts_as_bad(insights):
    # Stress logged on 1, 2, 3, 4, 5, 7, 9, 10. 7 or more: 1, 2, 7, 10 (all twitch days).
    # Others: 3, 4, 5, 9 -> twitching on 4.
    stress = factor(insights, "stress_level")

    assert stress["bad_when"] == ">= 7"
    assert (stress["bad_days"], stress["bad_twitch_days"]) == (4, 4)
    assert (stress["other_days"], stress["other_twitch_days"]) == (4, 1)
    assert (stress["bad_rate"], stress["other_rate"]) == (1.0, 0.25)
    assert stress["enough_data"] is True


def test_too_few_days_on_one_side_is_not_enough_data(insights):
    # Screen time logged on 3 days only: 9 h and 10 h are over 8 (both twitch days), 4 h is not.
    screen = factor(insights, "screen_hours")

    assert screen["bad_when"] == "> 8"
    assert (screen["bad_days"], screen["bad_twitch_days"]) == (2, 2)
    assert (screen["other_days"], screen["other_twitch_days"]) == (1, 0)
    assert (screen["bad_rate"], screen["other_rate"]) == (1.0, 0.0)
    assert screen["enough_data"] is False


def test_a_factor_never_logged_has_null_rates(insights):
    for name, bad_when in [("alcohol_drinks", "> 2"), ("water_glasses", "< 6")]:
        assert factor(insights, name) == {
            "factor": name,
            "bad_when": bad_when,
            "bad_days": 0,
            "bad_twitch_days": 0,
            "other_days": 0,
            "other_twitch_days": 0,
            "bad_rate": None,
            "other_rate": None,
            "enough_data": False,
            "bad_episodes_per_day": None,
            "other_episodes_per_day": None,
            "difference": None,
            "interval": None,
            "verdict": "not_enough_data",
        }


def test_factors_come_in_a_fixed_order(insights):
    assert [f["factor"] for f in insights.as_dict()["factors"]] == [
        "sleep_hours",
        "caffeine_servings",
        "alcohol_drinks",
        "stress_level",
        "screen_hours",
        "water_glasses",
    ]


def test_an_episode_counts_once_for_each_location_it_lists(insights):
    # Eyelid: days 1, 2 (twice), 7, 8. Cheek: day 2. Eyebrow: day 4. Mouth: day 10.
    assert insights.as_dict()["by_location"] == {
        "eyelid": 5,
        "eyebrow": 1,
        "forehead": 0,
        "cheek": 1,
        "nose": 0,
        "mouth": 1,
        "chin": 0,
        "jaw": 0,
    }


def test_sides_count_episodes(insights):
    assert insights.as_dict()["by_side"] == {"left": 5, "right": 1, "both": 1}


def test_triggers_are_listed_most_first(insights):
    assert insights.as_dict()["top_triggers"] == [
        {"trigger": "stress", "count": 4},
        {"trigger": "caffeine", "count": 3},
        {"trigger": "poor_sleep", "count": 2},
    ]


def test_trigger_ties_are_broken_by_name():
    episodes = [
        EpisodeRow(at(1), ["eyelid"], "left", ["stress", "caffeine"]),
        EpisodeRow(at(2), ["eyelid"], "left", ["alcohol"]),
    ]
    result = compute_insights(episodes=episodes, logs=[], zone=UTC, today=TODAY, days=30)

    assert [t["trigger"] for t in result.as_dict()["top_triggers"]] == [
        "alcohol",
        "caffeine",
        "stress",
    ]


def test_totals_for_the_page(insights):
    assert insights.total_episodes == 7
    assert insights.twitch_days == 6
    assert insights.logged_days == 10
    assert not insights.is_empty


# --- How many: episodes per day, the Welch interval and the verdict -------------------------


def comparison(bad: list[int], other: list[int]) -> dict:
    return FactorComparison(
        rule=RULES_BY_FACTOR["caffeine_servings"], bad_counts=tuple(bad), other_counts=tuple(other)
    ).as_dict()


def test_the_interval_matches_a_t_table_when_one_group_never_varies():
    # Bad days 3, 3, 3, 3 (variance 0); other days 1, 2, 0, 1, 2: mean 1.2, variance 0.7.
    # Only the other group varies, so df = 5 - 1 = 4; t(0.975, 4) = 2.776445 from any table.
    # Half-width 2.776445 * sqrt(0.7 / 5) = 1.038850, around 3 - 1.2 = 1.8.
    result = comparison([3, 3, 3, 3], [1, 2, 0, 1, 2])

    assert result["bad_episodes_per_day"] == 3.0
    assert result["other_episodes_per_day"] == 1.2
    assert result["difference"] == 1.8
    assert result["interval"] == pytest.approx([0.76115, 2.83885], abs=1e-4)
    assert result["verdict"] == "more"


def test_the_interval_is_the_difference_itself_when_neither_group_varies():
    result = comparison([2, 2, 2], [0, 0, 0])

    assert result["difference"] == 2.0
    assert result["interval"] == [2.0, 2.0]
    assert result["verdict"] == "more"


def test_equal_groups_with_no_variance_show_no_clear_difference():
    result = comparison([1, 1, 1], [1, 1, 1, 1])

    assert (result["difference"], result["interval"]) == (0.0, [0.0, 0.0])
    assert result["verdict"] == "no_clear_difference"


@pytest.mark.parametrize(
    ("bad", "other"),
    [
        ([4, 5, 6, 5, 7], [1, 0, 2, 1, 1, 0]),
        ([0, 1, 0, 0], [3, 2, 4, 3, 5]),
        ([1, 3, 0, 2], [2, 0, 1, 3, 1]),
        ([10, 0, 10], [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]),
    ],
)
def test_the_interval_matches_the_welch_formula_worked_out_apart(bad, other):
    result = comparison(bad, other)

    assert result["interval"] == pytest.approx(welch_by_hand(bad, other), abs=1e-4)
    assert result["difference"] == round(sum(bad) / len(bad) - sum(other) / len(other), 4)


@settings(max_examples=200, deadline=None)
@given(
    bad=st.lists(st.integers(0, 40), min_size=2, max_size=60),
    other=st.lists(st.integers(0, 40), min_size=2, max_size=60),
)
def test_the_interval_is_the_one_scipys_welch_test_gives(bad, other):
    # welch_interval works the interval out directly; scipy's own Welch test is the oracle.
    if len(set(bad)) == 1 and len(set(other)) == 1:
        return  # both constant: the interval is the difference itself (tested above)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        expected = ttest_ind(bad, other, equal_var=False).confidence_interval(0.95)

    low, high = welch_interval(bad, other)

    assert low == pytest.approx(float(expected.low), rel=1e-9, abs=1e-9)
    assert high == pytest.approx(float(expected.high), rel=1e-9, abs=1e-9)


@pytest.mark.parametrize(
    ("bad", "other", "verdict"),
    [
        ([4, 5, 6, 5, 7], [1, 0, 2, 1, 1, 0], "more"),
        ([0, 1, 0, 0], [3, 2, 4, 3, 5], "fewer"),
        ([1, 3, 0, 2], [2, 0, 1, 3, 1], "no_clear_difference"),
        # A big difference from three wildly spread days is still not clear.
        ([10, 0, 10], [0, 0, 1, 0, 0, 0, 0, 0, 0, 0], "no_clear_difference"),
    ],
)
def test_the_verdict_reads_the_interval(bad, other, verdict):
    result = comparison(bad, other)
    low, high = welch_by_hand(bad, other)

    assert result["verdict"] == verdict
    assert (low > 0, high < 0) == (verdict == "more", verdict == "fewer")


@pytest.mark.parametrize(
    ("bad", "other"),
    [([5, 6], [0, 1, 0]), ([5, 6, 7], [0, 1]), ([], [0, 1, 0]), ([5, 6], [])],
)
def test_two_days_on_either_side_are_not_enough(bad, other):
    result = comparison(bad, other)

    assert result["enough_data"] is False
    assert result["difference"] is None
    assert result["interval"] is None
    assert result["verdict"] == "not_enough_data"
    # The means are still given wherever there are days.
    assert result["bad_episodes_per_day"] == (round(sum(bad) / len(bad), 4) if bad else None)
    assert result["other_episodes_per_day"] == (
        round(sum(other) / len(other), 4) if other else None
    )


def test_three_days_on_each_side_are_enough():
    result = comparison([5, 6, 7], [0, 1, 0])

    assert result["enough_data"] is True
    assert result["difference"] == pytest.approx(5.6667, abs=1e-4)
    assert result["interval"] == pytest.approx(welch_by_hand([5, 6, 7], [0, 1, 0]), abs=1e-4)
    assert result["verdict"] == "more"


def test_days_without_twitching_count_as_zero_episodes():
    # 28 of 30 days with twitching, as for a person who twitches most days: the rates are
    # both near 100% and say nothing; the counts per day do.
    logs = [log(n, caffeine=5 if n <= 5 else 1) for n in range(1, 11)]
    episodes = [
        EpisodeRow(at(n, hour), ["eyelid"], "left", [])
        for n in range(1, 6)
        for hour in (8, 9, 10, 11)
    ]
    episodes += [EpisodeRow(at(n), ["eyelid"], "left", []) for n in range(6, 10)]
    result = compute_insights(episodes=episodes, logs=logs, zone=UTC, today=TODAY, days=30)
    caffeine = factor(result, "caffeine_servings")

    assert (caffeine["bad_rate"], caffeine["other_rate"]) == (1.0, 0.8)
    assert caffeine["bad_episodes_per_day"] == 4.0  # 4 on each of days 1-5
    assert caffeine["other_episodes_per_day"] == 0.8  # 1, 1, 1, 1, 0 on days 6-10
    assert caffeine["verdict"] == "more"


def test_the_days_still_needed_are_counted_for_each_side():
    rule = RULES_BY_FACTOR["sleep_hours"]

    few = FactorComparison(rule=rule, bad_counts=(1,), other_counts=(0, 0, 1, 2))
    assert (few.bad_days_needed, few.other_days_needed) == (2, 0)
    none = FactorComparison(rule=rule, bad_counts=(), other_counts=())
    assert (none.bad_days_needed, none.other_days_needed) == (3, 3)


def test_the_day_before_the_start_and_the_day_after_the_end_are_left_out():
    # 30 days ending 10 March start on 9 February.
    episodes = [
        EpisodeRow(dt.datetime(2025, 2, 8, 23, 59, tzinfo=UTC), ["eyelid"], "left", ["stress"]),
        EpisodeRow(dt.datetime(2025, 2, 9, 0, 0, tzinfo=UTC), ["eyelid"], "left", []),
        EpisodeRow(dt.datetime(2025, 3, 10, 23, 59, tzinfo=UTC), ["jaw"], "right", []),
        EpisodeRow(dt.datetime(2025, 3, 11, 0, 0, tzinfo=UTC), ["eyelid"], "left", ["stress"]),
    ]
    logs = [
        {"date": dt.date(2025, 2, 8), "sleep_hours": 3},
        {"date": dt.date(2025, 2, 9), "sleep_hours": 8},
    ]
    result = compute_insights(episodes=episodes, logs=logs, zone=UTC, today=TODAY, days=30)
    data = result.as_dict()

    assert data["episodes_per_day"][0] == {"date": "2025-02-09", "count": 1}
    assert data["episodes_per_day"][-1] == {"date": "2025-03-10", "count": 1}
    assert result.total_episodes == 2
    assert data["by_side"] == {"left": 1, "right": 1, "both": 0}
    assert data["top_triggers"] == []
    sleep = factor(result, "sleep_hours")
    assert (sleep["bad_days"], sleep["other_days"], sleep["other_twitch_days"]) == (0, 1, 1)


def test_an_episode_late_in_the_evening_in_auckland_counts_on_that_local_day():
    # 23:30 on 5 March in Auckland (UTC+13) is 10:30 UTC on 5 March;
    # 00:30 on 6 March in Auckland is 11:30 UTC on 5 March: a different local day.
    episodes = [
        EpisodeRow(at(5, 23, 30, zone=AUCKLAND).astimezone(UTC), ["eyelid"], "left", []),
        EpisodeRow(at(6, 0, 30, zone=AUCKLAND).astimezone(UTC), ["eyelid"], "left", []),
    ]
    assert all(e.started_at.date() == day(5) for e in episodes)

    result = compute_insights(episodes=episodes, logs=[], zone=AUCKLAND, today=TODAY, days=30)
    counts = {d["date"]: d["count"] for d in result.as_dict()["episodes_per_day"]}

    assert counts["2025-03-05"] == 1
    assert counts["2025-03-06"] == 1


def test_an_auckland_twitch_day_is_matched_with_that_days_log():
    # 23:30 local on 5 March is still 5 March's twitch, and 5 March logged 4 h of sleep.
    late = at(5, 23, 30, zone=AUCKLAND).astimezone(UTC)
    episodes = [EpisodeRow(late, ["eyelid"], "left", [])]
    logs = [{"date": day(n), "sleep_hours": 4} for n in (4, 5, 6)]

    result = compute_insights(episodes=episodes, logs=logs, zone=AUCKLAND, today=TODAY, days=30)
    sleep = factor(result, "sleep_hours")

    assert (sleep["bad_days"], sleep["bad_twitch_days"]) == (3, 1)


@pytest.mark.parametrize("days", [30, 60, 90])
def test_each_period_length_covers_that_many_days(days):
    result = compute_insights(episodes=[], logs=[], zone=UTC, today=TODAY, days=days)
    data = result.as_dict()

    assert len(data["episodes_per_day"]) == days
    assert data["start"] == (TODAY - dt.timedelta(days=days - 1)).isoformat()
    assert data["end"] == TODAY.isoformat()
    assert result.is_empty


def test_a_longer_period_reaches_further_back():
    episode = EpisodeRow(dt.datetime(2025, 1, 1, 12, tzinfo=UTC), ["eyelid"], "left", [])

    counts = {
        days: compute_insights(
            episodes=[episode], logs=[], zone=UTC, today=TODAY, days=days
        ).total_episodes
        for days in (30, 60, 90)
    }

    # 60 days ending 10 March start on 10 January; 90 days start on 11 December.
    assert counts == {30: 0, 60: 0, 90: 1}


@pytest.mark.parametrize(
    ("raw", "expected"), [(None, DEFAULT_DAYS), ("30", 30), ("60", 60), ("90", 90)]
)
def test_the_period_length_is_read_from_the_query(raw, expected):
    assert parse_days(raw) == expected


@pytest.mark.parametrize("raw", ["", "7", "45", "365", "abc", "30.0", " 30", "-30", "0"])
def test_any_other_period_length_is_refused(raw):
    with pytest.raises(InvalidDays, match="Choose 30, 60 or 90 days"):
        parse_days(raw)


def test_a_third_is_rounded_to_four_places():
    logs = [{"date": day(n), "caffeine_servings": 0} for n in (1, 2, 3)]
    episodes = [EpisodeRow(at(1), ["eyelid"], "left", [])]

    result = compute_insights(episodes=episodes, logs=logs, zone=UTC, today=TODAY, days=30)

    assert factor(result, "caffeine_servings")["other_rate"] == 0.3333


def test_percentages_round_halves_up():
    assert percent(4, 5) == 80
    assert percent(1, 8) == 13
    assert percent(1, 3) == 33
    assert percent(2, 3) == 67
    assert percent(0, 0) is None


def test_the_page_wording_uses_whole_percentages(insights):
    sleep = next(f for f in insights.factors if f.factor == "sleep_hours")

    assert (sleep.bad_percent, sleep.other_percent) == (75, 40)


def test_daily_rows_carry_the_factors_as_plain_numbers(insights):
    last = insights.days[-1]

    assert last.date == TODAY
    assert last.factors["sleep_hours"] == 5.0
    assert isinstance(last.factors["sleep_hours"], float)
    assert last.factors["caffeine_servings"] is None
    assert insights.days[0].factors == dict.fromkeys(last.factors)


def test_the_period_knows_its_days():
    period = Period.ending(TODAY, 3)

    assert period.dates() == [day(8), day(9), day(10)]
    assert day(7) not in period
    assert day(8) in period
    assert day(11) not in period


# --- The five-week plan ---


@pytest.mark.parametrize(
    ("days_in", "week", "finished"),
    [(0, 1, False), (6, 1, False), (7, 2, False), (13, 2, False), (14, 3, False),
     (28, 5, False), (34, 5, False), (35, 5, True), (100, 5, True)],
)  # fmt: skip
def test_plan_week_counts_whole_weeks_from_the_start(days_in, week, finished):
    start = dt.date(2025, 3, 1)
    progress = PlanProgress(started_on=start, today=start + dt.timedelta(days=days_in))

    assert progress.week == week
    assert progress.finished is finished


def test_a_start_date_after_today_reads_as_week_one():
    progress = PlanProgress(started_on=day(10), today=day(9))

    assert (progress.week, progress.finished) == (1, False)


def test_weeks_are_done_current_or_to_come():
    progress = PlanProgress(started_on=day(1), today=day(10))

    assert [progress.status(w) for w in range(1, 6)] == [
        WeekStatus.DONE,
        WeekStatus.CURRENT,
        WeekStatus.TO_COME,
        WeekStatus.TO_COME,
        WeekStatus.TO_COME,
    ]
    assert progress.week_first_day(2) == day(8)
    assert progress.week_last_day(2) == day(14)


def test_every_week_is_done_once_the_plan_is_finished():
    progress = PlanProgress(started_on=day(1), today=day(1) + dt.timedelta(days=35))

    assert {progress.status(w) for w in range(1, 6)} == {WeekStatus.DONE}


def test_week_summaries_compare_each_week_with_the_one_before():
    # Plan started 1 March; today is 10 March, day 3 of week 2 (8 to 14 March).
    progress = PlanProgress(started_on=day(1), today=TODAY)
    summaries = plan_week_summaries(
        progress=progress,
        episode_dates=[e.started_at.date() for e in EPISODES],
        logs=LOGS,
        focus={1: [], 2: ["caffeine_servings", "sleep_hours", "not_a_field"]},
    )

    assert [s.week for s in summaries] == [1, 2]
    week1, week2 = summaries
    # Week 1 (1-7 March): a log every day; episodes on 1, 2 (two), 4, 7.
    assert (week1.days_so_far, week1.days_logged, week1.episodes) == (7, 7, 5)
    # The week before the plan (22-28 February) is empty.
    assert (week1.previous_episodes, week1.previous_days_logged) == (0, 0)
    assert week1.averages == []
    # Week 2 so far (8-10 March): logs on 8, 9, 10; episodes on 8 and 10.
    assert (week2.first_day, week2.last_day) == (day(8), day(14))
    assert (week2.days_so_far, week2.days_logged, week2.episodes) == (3, 3, 2)
    assert (week2.previous_episodes, week2.previous_days_logged) == (5, 7)
    caffeine, sleep = week2.averages
    # Caffeine: week 2 only day 9 (2); week 1: 4+5+1+2+0+1+4 = 17 over 7 days = 2.43.
    assert caffeine.rule.factor == "caffeine_servings"
    assert (caffeine.average, caffeine.days) == (2.0, 1)
    assert (caffeine.previous_average, caffeine.previous_days) == (2.4, 7)
    # Sleep: week 2: 7.0 and 5.0 = 6.0; week 1: 43 h over 7 days = 6.14.
    assert (sleep.average, sleep.days) == (6.0, 2)
    assert (sleep.previous_average, sleep.previous_days) == (6.1, 7)


def test_a_factor_with_no_logged_days_has_no_average():
    progress = PlanProgress(started_on=day(1), today=day(3))
    (week1,) = plan_week_summaries(
        progress=progress, episode_dates=[], logs=[], focus={1: ["water_glasses"]}
    )

    (water,) = week1.averages
    assert (water.average, water.days, water.previous_average) == (None, 0, None)
    assert (week1.days_so_far, week1.days_logged) == (3, 0)


# --- The checklist streak ---


def test_a_streak_counts_days_in_a_row_up_to_today():
    assert checklist_streak([day(8), day(9), day(10)], today=day(10)) == 3


def test_a_streak_still_counts_when_today_is_not_ticked_yet():
    assert checklist_streak([day(7), day(8), day(9)], today=day(10)) == 3


def test_a_gap_ends_the_streak():
    assert checklist_streak([day(5), day(6), day(8), day(9), day(10)], today=day(10)) == 3


def test_no_tick_today_or_yesterday_means_no_streak():
    assert checklist_streak([day(7), day(8)], today=day(10)) == 0
    assert checklist_streak([], today=day(10)) == 0


def test_future_ticks_do_not_count():
    assert checklist_streak([day(10), day(11), day(12)], today=day(10)) == 1

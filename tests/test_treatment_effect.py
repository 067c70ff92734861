"""The effect arithmetic (journal/treatment_effect.py) on hand-made histories, no database.

``today`` is always passed in, so nothing here reads the clock.
"""

import datetime as dt

from journal import insights
from journal.treatment_effect import compute_before_during, compute_effect

GIVEN = dt.date(2026, 3, 2)
DAY = dt.timedelta(days=1)
LATE = GIVEN + 200 * DAY  # every one of the 16 weeks is over


def history(baseline_per_day: int, weekly: list[int], given_on: dt.date = GIVEN) -> dict:
    """``baseline_per_day`` episodes on each of the 28 days before, then week k's count on
    the first day of week k."""
    counts = {given_on - n * DAY: baseline_per_day for n in range(1, 29)}
    for k, count in enumerate(weekly, start=1):
        counts[given_on + 7 * (k - 1) * DAY] = count
    return counts


def test_a_clear_onset_and_wear_off():
    # Baseline 4 a day = 28 a week. Half: 14 a week; 0.8: 22.4 a week.
    weekly = [25, 10, 5, 4, 6, 8, 12, 20, 23, 28, 28, 28, 28, 28, 28, 28]
    effect = compute_effect(history(4, weekly), given_on=GIVEN, today=LATE)
    assert effect.baseline_per_day == 4.0
    assert [w.episodes for w in effect.weeks] == weekly
    assert effect.onset_week == 2
    assert effect.wears_off_week == 9
    assert effect.as_dict()["weeks"][0] == {
        "week": 1,
        "start": "2026-03-02",
        "end": "2026-03-08",
        "episodes": 25,
        "per_day": round(25 / 7, 4),
    }


def test_no_effect_at_all():
    effect = compute_effect(history(2, [14] * 16), given_on=GIVEN, today=LATE)
    assert effect.baseline_per_day == 2.0
    assert len(effect.weeks) == 16
    assert effect.onset_week is None
    assert effect.wears_off_week is None


def test_an_effect_that_never_wears_off_within_16_weeks():
    effect = compute_effect(history(2, [3] * 16), given_on=GIVEN, today=LATE)
    assert effect.onset_week == 1
    assert effect.wears_off_week is None


def test_a_zero_baseline_has_no_onset_nor_wear_off():
    effect = compute_effect(history(0, [0] * 16), given_on=GIVEN, today=LATE)
    assert effect.baseline_per_day == 0
    assert len(effect.weeks) == 16
    assert effect.onset_week is None
    assert effect.wears_off_week is None


def test_the_baseline_is_the_28_days_before_given_on():
    counts = {
        GIVEN - 28 * DAY: 7,  # in
        GIVEN - 29 * DAY: 100,  # out
        GIVEN - DAY: 7,  # in
        GIVEN: 100,  # week 1, not baseline
    }
    effect = compute_effect(counts, given_on=GIVEN, today=LATE)
    assert effect.baseline_episodes == 14
    assert effect.baseline_per_day == 0.5
    assert effect.weeks[0].episodes == 100


def test_weeks_cover_seven_days_each_from_given_on():
    counts = {GIVEN + 6 * DAY: 1, GIVEN + 7 * DAY: 2, GIVEN + 111 * DAY: 5, GIVEN + 112 * DAY: 9}
    effect = compute_effect(counts, given_on=GIVEN, today=LATE)
    assert effect.weeks[0].end == GIVEN + 6 * DAY
    assert effect.weeks[0].episodes == 1
    assert effect.weeks[1].start == GIVEN + 7 * DAY
    assert effect.weeks[1].episodes == 2
    assert effect.weeks[-1].week == 16
    assert effect.weeks[-1].end == GIVEN + 111 * DAY
    assert effect.weeks[-1].episodes == 5  # day 112 is after week 16


def test_only_weeks_ended_before_today_are_listed():
    # Week 1 ends on GIVEN + 6: listed from the day after, not on that day itself.
    assert compute_effect({}, given_on=GIVEN, today=GIVEN + 6 * DAY).weeks == ()
    assert [w.week for w in compute_effect({}, given_on=GIVEN, today=GIVEN + 7 * DAY).weeks] == [1]
    assert len(compute_effect({}, given_on=GIVEN, today=GIVEN + 20 * DAY).weeks) == 2
    assert compute_effect({}, given_on=GIVEN, today=GIVEN).weeks == ()
    assert compute_effect({}, given_on=GIVEN, today=GIVEN - 30 * DAY).weeks == ()


def test_a_week_exactly_at_half_the_baseline_is_the_onset():
    # Baseline 2 a day (14 a week): half is exactly 7 a week.
    assert compute_effect(history(2, [8, 7]), given_on=GIVEN, today=LATE).onset_week == 2


def test_a_week_exactly_at_0_8_of_the_baseline_has_worn_off():
    # Baseline 5 a day (35 a week): 0.8 is exactly 28 a week; just under does not count.
    effect = compute_effect(history(5, [10, 27, 28]), given_on=GIVEN, today=LATE)
    assert effect.onset_week == 1
    assert effect.wears_off_week == 3


def test_wearing_off_is_only_looked_for_after_the_onset():
    # Week 1 is back at baseline level but before any onset: not a wear-off.
    effect = compute_effect(history(2, [14, 5, 14]), given_on=GIVEN, today=LATE)
    assert effect.onset_week == 2
    assert effect.wears_off_week == 3


def test_a_partial_history_finds_the_onset_but_not_yet_the_wear_off():
    counts = history(4, [10, 5, 5, 28])
    effect = compute_effect(counts, given_on=GIVEN, today=GIVEN + 21 * DAY)
    assert [w.week for w in effect.weeks] == [1, 2, 3]
    assert effect.onset_week == 1
    assert effect.wears_off_week is None


def test_before_and_during_read_as_insights_reads_them():
    counts = {GIVEN - n * DAY: 4 for n in range(1, 29)}
    counts.update({GIVEN + n * DAY: 1 for n in range(0, 14)})
    result = compute_before_during(counts, given_on=GIVEN, ended_on=GIVEN + 13 * DAY, today=LATE)
    assert len(result.before_counts) == 28
    assert len(result.during_counts) == 14
    assert result.before_per_day == 4
    assert result.during_per_day == 1
    assert result.difference == -3
    assert result.interval == insights.welch_interval(result.during_counts, result.before_counts)
    assert result.verdict == insights.Verdict.FEWER


def test_during_a_treatment_still_taken_ends_yesterday():
    result = compute_before_during({}, given_on=GIVEN, ended_on=None, today=GIVEN + 5 * DAY)
    assert (result.during_first, result.during_last) == (GIVEN, GIVEN + 4 * DAY)
    assert result.verdict == insights.Verdict.NO_CLEAR_DIFFERENCE


def test_before_and_during_needs_three_days_of_each():
    result = compute_before_during({}, given_on=GIVEN, ended_on=None, today=GIVEN + 2 * DAY)
    assert len(result.during_counts) == 2
    assert result.verdict == insights.Verdict.NOT_ENOUGH_DATA
    assert result.interval is None
    started_today = compute_before_during({}, given_on=GIVEN, ended_on=None, today=GIVEN)
    assert started_today.during_counts == ()
    assert started_today.as_dict()["during_per_day"] is None

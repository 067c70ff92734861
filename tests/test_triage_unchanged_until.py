"""``unchanged_until``: how long a triage result stays true with no new data (no database).

A cached result is shown only until this instant, so it must never be later than the first
moment ``assess`` would answer differently.
"""

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.models import Location, Side, Symptom
from journal.triage import SYMPTOM_RULES, EpisodeFacts, assess, unchanged_until
from tests.test_triage_rules import spec_criteria

CRITERIA = spec_criteria()
UTC = dt.UTC
# Zones with clock changes, one that skips midnight itself (Santiago: 24:00 becomes 01:00)
# and one 13+ hours ahead, so local midnights fall at every hour of the UTC day.
ZONES = [
    ZoneInfo(name)
    for name in ("UTC", "Europe/London", "America/Santiago", "Pacific/Chatham", "Asia/Kolkata")
]
# Instants near clock changes (UK spring and autumn, Santiago's September midnight skip).
ANCHORS = [
    dt.datetime(2026, 6, 15, 12, 0, tzinfo=UTC),
    dt.datetime(2026, 3, 29, 0, 30, tzinfo=UTC),
    dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
    dt.datetime(2026, 9, 6, 3, 30, tzinfo=UTC),
]


def facts(pk: int, started_at: dt.datetime, *, symptoms=(), side="left", locations=("eyelid",)):
    return EpisodeFacts(
        id=pk, started_at=started_at, locations=locations, side=side, symptoms=symptoms
    )


def same_answer(a, b) -> bool:
    return dataclasses.replace(a, assessed_at=b.assessed_at) == b


DAY = 24 * 3600
# Starts anywhere in 70 days, plus starts close to where time alone changes an answer: the
# window's two ends, 72 hours, the worsening periods, a bout's last day 7 days ago.
seconds_ago = st.one_of(
    st.integers(min_value=-10 * 60, max_value=70 * DAY),
    st.builds(
        lambda boundary, jitter: boundary + jitter,
        st.sampled_from([60 * DAY, -5 * 60, 3 * DAY, 7 * DAY, 14 * DAY, 8 * DAY, 22 * DAY]),
        st.integers(min_value=-DAY, max_value=DAY),
    ),
)
episode = st.fixed_dictionaries(
    {
        "seconds_ago": seconds_ago,
        "locations": st.lists(
            st.sampled_from(Location.values), min_size=1, max_size=2, unique=True
        ),
        "side": st.sampled_from(Side.values),
        "symptoms": st.one_of(
            st.lists(st.sampled_from(Symptom.values), max_size=2, unique=True),
            st.lists(st.sampled_from(sorted(SYMPTOM_RULES["stroke_signs"])), max_size=1),
            st.lists(st.sampled_from(sorted(SYMPTOM_RULES["facial_weakness"])), max_size=1),
        ),
    }
)


@settings(max_examples=400, deadline=None)
@given(
    fields=st.lists(episode, max_size=12),
    now=st.sampled_from(ANCHORS),
    tz=st.sampled_from(ZONES),
    fractions=st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=3),
)
def test_the_answer_holds_at_every_instant_before_unchanged_until(fields, now, tz, fractions):
    history = [
        facts(
            n + 1,
            now - dt.timedelta(seconds=f["seconds_ago"]),
            symptoms=tuple(f["symptoms"]),
            side=f["side"],
            locations=tuple(f["locations"]),
        )
        for n, f in enumerate(fields)
    ]
    until = unchanged_until(history, CRITERIA, now=now, tz=tz)
    assert until >= now
    answer = assess(history, CRITERIA, now=now, tz=tz)

    last = until - dt.timedelta(microseconds=1)
    for moment in (*(now + (last - now) * fraction for fraction in fractions), last):
        if moment >= now:
            assert same_answer(assess(history, CRITERIA, now=moment, tz=tz), answer)


NOON = dt.datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")


def test_a_stroke_sign_is_an_emergency_until_exactly_72_hours_after_it():
    start = NOON - dt.timedelta(hours=71, minutes=30)
    history = [facts(1, start, symptoms=("confusion",))]

    until = unchanged_until(history, CRITERIA, now=NOON, tz=UTC)

    assert until == start + dt.timedelta(hours=72)
    assert assess(history, CRITERIA, now=until, tz=UTC).level == "emergency"
    later = until + dt.timedelta(microseconds=1)
    assert assess(history, CRITERIA, now=later, tz=UTC).level == "urgent"


def test_the_stroke_threshold_is_the_criterion_s_own():
    criteria = spec_criteria(stroke_signs={"threshold_hours": 24})
    start = NOON - dt.timedelta(hours=23)

    until = unchanged_until(
        [facts(1, start, symptoms=("arm_weakness",))], criteria, now=NOON, tz=UTC
    )

    assert until == start + dt.timedelta(hours=24)


def test_without_time_boundaries_the_answer_lasts_until_local_midnight():
    history = [facts(1, NOON - dt.timedelta(days=2))]
    auckland = ZoneInfo("Pacific/Auckland")  # 00:00 on 16 June there is 12:00 UTC on 15 June

    assert unchanged_until(history, CRITERIA, now=NOON, tz=UTC) == dt.datetime(
        2026, 6, 16, tzinfo=UTC
    )
    assert unchanged_until(
        history, CRITERIA, now=NOON - dt.timedelta(hours=1), tz=auckland
    ) == dt.datetime(2026, 6, 16, tzinfo=auckland)


def test_an_old_episode_counts_until_it_leaves_the_60_day_window():
    start = NOON - dt.timedelta(days=60) + dt.timedelta(minutes=10)
    history = [facts(1, start)]

    until = unchanged_until(history, CRITERIA, now=NOON, tz=UTC)

    assert until == start + dt.timedelta(days=60)
    assert assess(history, CRITERIA, now=until, tz=UTC).level == "self_care"
    later = until + dt.timedelta(microseconds=1)
    assert assess(history, CRITERIA, now=later, tz=UTC).level == "no_data"


def test_a_start_in_the_future_counts_from_5_minutes_before_it():
    start = NOON + dt.timedelta(minutes=7)

    until = unchanged_until([facts(1, start)], CRITERIA, now=NOON, tz=UTC)

    assert until == NOON + dt.timedelta(minutes=2)
    assert assess([facts(1, start)], CRITERIA, now=until, tz=UTC).level == "self_care"


@pytest.mark.parametrize("days", [7, 3])
def test_worsening_changes_when_an_episode_moves_between_its_periods(days):
    criteria = spec_criteria(worsening={"threshold_days": days})
    start = NOON - dt.timedelta(days=days) + dt.timedelta(hours=1)

    until = unchanged_until([facts(1, start)], criteria, now=NOON, tz=UTC)
    older = start - dt.timedelta(days=days)  # leaves the earlier period at 2 x days
    until_older = unchanged_until([facts(1, older)], criteria, now=NOON, tz=UTC)

    assert until == start + dt.timedelta(days=days)
    assert until_older == older + 2 * dt.timedelta(days=days)


def test_a_midnight_the_clocks_skip_still_ends_the_day():
    santiago = ZoneInfo("America/Santiago")  # on 6 September 2026, 24:00 became 01:00
    now = dt.datetime(2026, 9, 5, 22, 0, tzinfo=santiago)

    until = unchanged_until([], CRITERIA, now=now, tz=santiago)

    assert until <= dt.datetime(2026, 9, 6, 4, 0, tzinfo=UTC)  # the instant the day began
    assert until.astimezone(santiago).date() <= dt.date(2026, 9, 6)

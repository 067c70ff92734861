"""The triage rules, boundary by boundary, with no database (journal.triage is pure)."""

import dataclasses
import datetime as dt
from itertools import count
from zoneinfo import ZoneInfo

import pytest

from journal.triage import CriterionConfig, EpisodeFacts, assess, current_bout

UTC = dt.UTC
AUCKLAND = ZoneInfo("Pacific/Auckland")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


def spec_criteria(**changes: dict) -> list[CriterionConfig]:
    """The SPEC's ten criteria (weights as in the shipped content); ``changes`` edit some."""
    rows = [
        ("stroke_signs", "emergency", 100, {"level_after_hours": "urgent", "threshold_hours": 72,
                                            "specialist": "emergency"}),
        ("facial_weakness", "emergency", 60, {"level_after_hours": "urgent",
                                               "threshold_hours": 72}),
        ("persistent", "see_doctor", 25, {"threshold_days": 21, "specialist": "neurologist"}),
        ("spreading", "see_doctor", 25, {"threshold_count": 2, "specialist": "neurologist"}),
        ("bilateral", "see_doctor", 25, {"specialist": "neurologist"}),
        ("forced_closure", "see_doctor", 25, {"specialist": "neurologist"}),
        ("eye_inflammation", "see_doctor", 15, {"specialist": "ophthalmologist"}),
        ("neuro_signs", "see_doctor", 30, {"specialist": "neurologist"}),
        ("pain", "see_doctor", 15, {}),
        ("worsening", "see_doctor", 20, {"threshold_days": 7, "threshold_count": 7}),
    ]  # fmt: skip
    criteria = []
    for code, level, weight, extra in rows:
        fields = {"specialist": "gp", **extra, **changes.get(code, {})}
        criteria.append(
            CriterionConfig(
                code=code,
                title=f"Title of {code}",
                explanation=f"Why {code} matters.",
                level=fields.pop("level", level),
                weight=fields.pop("weight", weight),
                learn_more=f"/guidance/{code}/",
                **fields,
            )
        )
    return criteria


_ids = count(1)


def ep(at: dt.datetime, *, locations=("eyelid",), side="left", symptoms=(), id=None):
    return EpisodeFacts(
        id=id or next(_ids),
        started_at=at,
        locations=tuple(locations),
        side=side,
        symptoms=tuple(symptoms),
    )


def run(episodes, *, now=NOW, tz=UTC, criteria=None):
    return assess(episodes, criteria or spec_criteria(), now=now, tz=tz)


def codes(result) -> set[str]:
    return {m.code for m in result.criteria}


def matched(result, code):
    return next(m for m in result.criteria if m.code == code)


def days_ago(n: float, *, now=NOW) -> dt.datetime:
    return now - dt.timedelta(days=n)


def daily(first_days_ago: int, last_days_ago: int, *, every: int = 1, now=NOW, **kwargs):
    """One episode a day (or every ``every`` days) from ``first_days_ago`` to ``last_days_ago``."""
    return [
        ep(days_ago(n, now=now), **kwargs) for n in range(first_days_ago, last_days_ago - 1, -every)
    ]


# --- no data, self-care, the window ---------------------------------------------------------


def test_no_episodes_is_no_data():
    result = run([])

    assert result.level == "no_data"
    assert result.score == 0
    assert result.criteria == ()
    assert result.bout is None
    assert result.specialist is None
    assert result.disclaimer.startswith("This is not a diagnosis.")


def test_an_ordinary_twitch_is_self_care():
    result = run([ep(days_ago(1))])

    assert result.level == "self_care"
    assert result.criteria == ()
    assert result.score == 0
    assert result.specialist is None
    assert any("plan" in step for step in result.next_steps)
    assert any("checklist" in step for step in result.next_steps)
    assert any("causes" in step for step in result.next_steps)


def test_the_window_includes_an_episode_exactly_60_days_old():
    assert run([ep(days_ago(60), symptoms=["pain"])]).level == "see_doctor"


def test_the_window_excludes_an_episode_one_second_older_than_60_days():
    old = ep(days_ago(60) - dt.timedelta(seconds=1), symptoms=["slurred_speech"])

    assert run([old]).level == "no_data"


def test_an_episode_a_few_minutes_ahead_of_the_clock_counts_as_now():
    ahead = ep(NOW + dt.timedelta(minutes=4), symptoms=["arm_weakness"])

    assert run([ahead]).level == "emergency"


def test_an_episode_more_than_five_minutes_in_the_future_is_ignored():
    assert run([ep(NOW + dt.timedelta(minutes=6))]).level == "no_data"


def test_the_result_records_when_and_over_how_long_it_looked():
    result = run([ep(days_ago(1))])

    assert result.window_days == 60
    assert result.assessed_at == NOW
    assert result.episode_count == 1


def test_a_naive_now_is_refused():
    with pytest.raises(ValueError, match="aware"):
        run([], now=dt.datetime(2026, 6, 15, 12, 0))


def test_a_naive_episode_start_is_refused():
    with pytest.raises(ValueError, match="aware"):
        run([ep(dt.datetime(2026, 6, 15, 11, 0))])


# --- stroke signs --------------------------------------------------------------------------


@pytest.mark.parametrize("symptom", ["slurred_speech", "arm_weakness", "confusion"])
def test_a_stroke_sign_today_is_an_emergency(symptom):
    result = run([ep(NOW - dt.timedelta(hours=1), symptoms=[symptom])])

    assert result.level == "emergency"
    assert result.specialist == "emergency"
    assert result.next_steps[0].startswith("Call your local emergency number now")
    assert "999" in result.next_steps[0] and "911" in result.next_steps[0]


def test_a_stroke_sign_71_hours_59_minutes_ago_is_an_emergency():
    at = NOW - dt.timedelta(hours=71, minutes=59)

    assert run([ep(at, symptoms=["confusion"])]).level == "emergency"


def test_a_stroke_sign_exactly_72_hours_ago_is_still_an_emergency():
    # Inclusive on purpose: at the boundary the safer answer wins.
    at = NOW - dt.timedelta(hours=72)

    assert run([ep(at, symptoms=["confusion"])]).level == "emergency"


def test_a_stroke_sign_72_hours_1_minute_ago_is_urgent_with_a_note():
    at = NOW - dt.timedelta(hours=72, minutes=1)
    result = run([ep(at, symptoms=["confusion"])])

    assert result.level == "urgent"
    stroke = matched(result, "stroke_signs")
    assert stroke.level == "urgent"
    assert "more than 72 hours ago" in stroke.note
    assert "call your local emergency number" in stroke.note


def test_an_old_and_a_new_stroke_sign_give_an_emergency_with_both_as_evidence():
    old = ep(days_ago(10), symptoms=["slurred_speech"])
    new = ep(NOW - dt.timedelta(hours=2), symptoms=["arm_weakness"])
    result = run([old, new])

    stroke = matched(result, "stroke_signs")
    assert result.level == stroke.level == "emergency"
    assert stroke.evidence == tuple(sorted([old.id, new.id]))
    assert stroke.note == ""


def test_the_hours_threshold_is_editable():
    at = NOW - dt.timedelta(hours=30)
    criteria = spec_criteria(stroke_signs={"threshold_hours": 24})

    assert run([ep(at, symptoms=["confusion"])], criteria=criteria).level == "urgent"


def test_a_blank_level_after_hours_keeps_the_criterion_level():
    criteria = spec_criteria(stroke_signs={"level_after_hours": ""})

    result = run([ep(days_ago(20), symptoms=["confusion"])], criteria=criteria)

    assert result.level == "emergency"


def test_an_empty_hours_threshold_takes_the_spec_value_of_72():
    criteria = spec_criteria(stroke_signs={"threshold_hours": None})
    recent = ep(NOW - dt.timedelta(hours=71), symptoms=["confusion"])
    older = ep(NOW - dt.timedelta(hours=73), symptoms=["confusion"])

    assert run([recent], criteria=criteria).level == "emergency"
    assert run([older], criteria=criteria).level == "urgent"


# --- facial_weakness: a new weak or drooping face is an emergency (FAST) --------------------


@pytest.mark.parametrize("symptom", ["weakness", "drooping", "asymmetry", "eye_closure_difficulty"])
def test_a_weak_or_drooping_face_exactly_72_hours_old_is_an_emergency(symptom):
    episode = ep(NOW - dt.timedelta(hours=72), symptoms=[symptom])
    result = run([episode])

    assert result.level == "emergency"
    assert matched(result, "facial_weakness").level == "emergency"
    assert result.specialist == "emergency"
    assert result.latest_emergency_at == episode.started_at


@pytest.mark.parametrize("symptom", ["weakness", "drooping", "asymmetry", "eye_closure_difficulty"])
def test_a_weak_or_drooping_face_72_hours_and_1_second_old_is_urgent(symptom):
    result = run([ep(NOW - dt.timedelta(hours=72, seconds=1), symptoms=[symptom])])

    assert result.level == "urgent"
    assert "more than 72 hours ago" in matched(result, "facial_weakness").note
    assert result.latest_emergency_at is None


def test_a_drooping_face_logged_now_is_an_emergency():
    result = run([ep(NOW, symptoms=["drooping"])])

    assert result.level == "emergency"
    assert result.next_steps[0].startswith("Call your local emergency number now")


def test_the_window_s_first_weak_face_decides_so_a_later_one_does_not_restart_the_clock():
    first = ep(days_ago(5), symptoms=["drooping"])
    later = ep(NOW - dt.timedelta(hours=1), symptoms=["drooping"])
    result = run([first, later])

    assert result.level == "urgent"
    assert matched(result, "facial_weakness").evidence == tuple(sorted([first.id, later.id]))


def test_a_weak_face_older_than_the_window_does_not_count_as_the_first():
    gone = ep(days_ago(61), symptoms=["drooping"])
    new = ep(NOW - dt.timedelta(hours=1), symptoms=["drooping"])

    assert run([gone, new]).level == "emergency"


def test_the_facial_weakness_hours_and_levels_are_editable():
    episode = ep(NOW - dt.timedelta(hours=30), symptoms=["drooping"])
    shorter = spec_criteria(facial_weakness={"threshold_hours": 24})
    all_urgent = spec_criteria(facial_weakness={"level": "urgent", "level_after_hours": ""})

    assert run([episode], criteria=shorter).level == "urgent"
    assert run([episode], criteria=all_urgent).level == "urgent"


def test_facial_weakness_with_no_hours_takes_72():
    criteria = spec_criteria(facial_weakness={"threshold_hours": None})

    assert run(
        [ep(NOW - dt.timedelta(hours=72), symptoms=["drooping"])], criteria=criteria
    ).level == ("emergency")
    assert (
        run([ep(NOW - dt.timedelta(hours=73), symptoms=["drooping"])], criteria=criteria).level
        == "urgent"
    )


def test_the_latest_emergency_sign_is_the_newest_emergency_evidence():
    stroke = ep(NOW - dt.timedelta(hours=5), symptoms=["confusion"])
    face = ep(NOW - dt.timedelta(hours=2), symptoms=["drooping"])
    pain = ep(NOW - dt.timedelta(hours=1), symptoms=["pain"])

    assert run([stroke, face, pain]).latest_emergency_at == face.started_at


# --- the other symptom rules ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("symptom", "code", "level"),
    [
        ("weakness", "facial_weakness", "urgent"),
        ("drooping", "facial_weakness", "urgent"),
        ("asymmetry", "facial_weakness", "urgent"),
        ("eye_closure_difficulty", "facial_weakness", "urgent"),
        ("forced_eye_closure", "forced_closure", "see_doctor"),
        ("redness", "eye_inflammation", "see_doctor"),
        ("swelling", "eye_inflammation", "see_doctor"),
        ("numbness", "neuro_signs", "see_doctor"),
        ("vision_change", "neuro_signs", "see_doctor"),
        ("balance_problems", "neuro_signs", "see_doctor"),
        ("pain", "pain", "see_doctor"),
    ],
)
def test_each_warning_sign_matches_its_rule_anywhere_in_the_window(symptom, code, level):
    # 50 days ago: long after any bout has ended, so only the symptom rule can match.
    episode = ep(days_ago(50), symptoms=[symptom])
    result = run([episode, ep(days_ago(1))])

    assert codes(result) == {code}
    assert result.level == level
    assert matched(result, code).evidence == (episode.id,)


def test_light_sensitivity_alone_matches_nothing():
    assert run([ep(days_ago(1), symptoms=["light_sensitivity"])]).level == "self_care"


def test_a_symptom_rule_lists_every_episode_that_reported_it():
    first = ep(days_ago(30), symptoms=["pain"])
    second = ep(days_ago(2), symptoms=["pain", "redness"])
    result = run([first, second, ep(days_ago(1))])

    assert matched(result, "pain").evidence == (first.id, second.id)
    assert matched(result, "eye_inflammation").evidence == (second.id,)


def test_an_editor_can_raise_pain_to_urgent():
    criteria = spec_criteria(pain={"level": "urgent"})

    assert run([ep(days_ago(1), symptoms=["pain"])], criteria=criteria).level == "urgent"


# --- the current bout ----------------------------------------------------------------------

TODAY = dt.date(2026, 6, 15)


def test_there_is_no_bout_without_episode_days():
    assert current_bout([], today=TODAY) is None


def test_a_single_day_today_is_a_bout_of_length_zero():
    assert current_bout([TODAY], today=TODAY) == (TODAY, TODAY)


def test_a_gap_of_seven_days_keeps_the_bout_going():
    days = [TODAY - dt.timedelta(days=7), TODAY]

    assert current_bout(days, today=TODAY) == (TODAY - dt.timedelta(days=7), TODAY)


def test_a_gap_of_eight_days_starts_a_new_bout():
    days = [TODAY - dt.timedelta(days=8), TODAY]

    assert current_bout(days, today=TODAY) == (TODAY, TODAY)


def test_a_bout_whose_last_day_was_seven_days_ago_is_current():
    last = TODAY - dt.timedelta(days=7)

    assert current_bout([last], today=TODAY) == (last, last)


def test_a_bout_whose_last_day_was_eight_days_ago_is_over():
    assert current_bout([TODAY - dt.timedelta(days=8)], today=TODAY) is None


def test_a_day_after_today_counts_as_recent():
    tomorrow = TODAY + dt.timedelta(days=1)

    assert current_bout([TODAY, tomorrow], today=TODAY) == (TODAY, tomorrow)


def test_the_bout_reaches_back_through_every_short_gap():
    # Gaps: 10 (too long), 7, 7, 7, 7: the bout starts 30 days ago.
    days = [TODAY - dt.timedelta(days=n) for n in (40, 30, 23, 16, 9, 2)]

    assert current_bout(days, today=TODAY) == (
        TODAY - dt.timedelta(days=30),
        TODAY - dt.timedelta(days=2),
    )


# --- persistent ----------------------------------------------------------------------------


def test_a_bout_of_exactly_21_days_is_not_persistent():
    result = run(daily(22, 1))  # days -22 .. -1: length 21

    assert result.bout == (
        (NOW - dt.timedelta(days=22)).date(),
        (NOW - dt.timedelta(days=1)).date(),
    )
    assert "persistent" not in codes(result)


def test_a_bout_of_22_days_is_persistent_with_the_bout_as_evidence():
    episodes = daily(22, 0)
    result = run(episodes)

    assert codes(result) == {"persistent"}
    assert result.level == "see_doctor"
    assert matched(result, "persistent").evidence == tuple(sorted(e.id for e in episodes))


def run_began(episodes, began_on: dt.date, *, now=NOW, tz=UTC):
    return assess(episodes, spec_criteria(), now=now, tz=tz, began_on=began_on)


def test_a_twitch_that_began_five_weeks_ago_logged_once_today_is_persistent():
    today = ep(NOW - dt.timedelta(hours=1))
    result = run_began([today], NOW.date() - dt.timedelta(weeks=5))

    assert result.level == "see_doctor"
    assert codes(result) == {"persistent"}
    assert matched(result, "persistent").evidence == (today.id,)
    assert "when you said your twitching began" in matched(result, "persistent").note
    assert result.counted_from == NOW.date() - dt.timedelta(weeks=5)
    assert result.to_dict()["bout"]["days"] == 35


# Auckland is UTC+12 on 15 June: 2026-06-15 12:00 UTC is 2026-06-16 00:00 local, so the
# local day differs from the UTC day and a UTC reading would be off by one.
AUCKLAND_NOW = dt.datetime(2026, 6, 15, 12, 30, tzinfo=UTC)
AUCKLAND_TODAY = dt.date(2026, 6, 16)


def test_onset_21_days_before_the_latest_local_day_is_not_persistent_in_auckland():
    episode = ep(AUCKLAND_NOW - dt.timedelta(minutes=10))  # 00:20 on 16 June, local
    result = run_began(
        [episode], AUCKLAND_TODAY - dt.timedelta(days=21), now=AUCKLAND_NOW, tz=AUCKLAND
    )

    assert result.bout == (AUCKLAND_TODAY, AUCKLAND_TODAY)
    assert "persistent" not in codes(result)
    assert result.level == "self_care"


def test_onset_22_days_before_the_latest_local_day_is_persistent_in_auckland():
    episode = ep(AUCKLAND_NOW - dt.timedelta(minutes=10))
    result = run_began(
        [episode], AUCKLAND_TODAY - dt.timedelta(days=22), now=AUCKLAND_NOW, tz=AUCKLAND
    )

    assert codes(result) == {"persistent"}
    assert result.level == "see_doctor"


def test_onset_counts_from_the_latest_bout_day_not_from_today():
    # Bout ended 5 days ago; onset 22 days before that last day.
    last = ep(days_ago(5))
    result = run_began([last], (NOW - dt.timedelta(days=5)).date() - dt.timedelta(days=22))

    assert "persistent" in codes(result)


def test_an_onset_after_the_bout_s_first_day_changes_nothing():
    episodes = daily(22, 1)  # length 21: not persistent on its own
    result = run_began(episodes, (NOW - dt.timedelta(days=3)).date())

    assert "persistent" not in codes(result)
    assert result.counted_from == (NOW - dt.timedelta(days=22)).date()


def test_an_old_onset_without_a_current_bout_is_not_persistent():
    result = run_began([ep(days_ago(8))], NOW.date() - dt.timedelta(days=400))

    assert result.bout is None
    assert "persistent" not in codes(result)


def test_no_onset_counts_from_the_bout_s_first_day():
    result = run_began([ep(days_ago(1))], None)

    assert result.counted_from == (NOW - dt.timedelta(days=1)).date()
    assert result.level == "self_care"


def test_weekly_twitches_seven_days_apart_make_one_long_bout():
    # Days -28, -21, -14, -7, 0: every gap is 7, length 28.
    assert "persistent" in codes(run(daily(28, 0, every=7)))


def test_a_gap_of_eight_days_splits_a_long_run_so_it_is_not_persistent():
    episodes = daily(40, 20) + daily(12, 0)  # gap of 8 days between -20 and -12

    result = run(episodes)

    assert result.bout == ((NOW - dt.timedelta(days=12)).date(), NOW.date())
    assert "persistent" not in codes(result)


def test_a_long_bout_that_ended_seven_days_ago_still_counts():
    assert "persistent" in codes(run(daily(40, 7)))


def test_a_long_bout_that_ended_eight_days_ago_is_over():
    result = run(daily(40, 8))

    assert result.bout is None
    assert result.level == "self_care"


def test_the_days_threshold_is_editable():
    criteria = spec_criteria(persistent={"threshold_days": 10})

    assert "persistent" in codes(run(daily(15, 0), criteria=criteria))


def test_a_bout_is_measured_in_the_window_only():
    # Daily since 90 days ago: the window sees 60 days of it, still persistent.
    result = run(daily(90, 0))

    assert result.bout[0] == (NOW - dt.timedelta(days=60)).date()
    assert "persistent" in codes(result)


# --- spreading -----------------------------------------------------------------------------


def test_two_locations_in_one_area_are_not_spreading():
    result = run([ep(days_ago(3), locations=["eyelid"]), ep(days_ago(1), locations=["eyebrow"])])

    assert "spreading" not in codes(result)


def test_two_areas_on_the_same_side_are_spreading():
    eye = ep(days_ago(3), locations=["eyelid"])
    cheek = ep(days_ago(1), locations=["cheek"])
    result = run([eye, cheek])

    assert codes(result) == {"spreading"}
    assert matched(result, "spreading").evidence == tuple(sorted([eye.id, cheek.id]))


def test_two_areas_in_one_episode_are_spreading():
    assert "spreading" in codes(run([ep(days_ago(1), locations=["eyelid", "mouth"])]))


@pytest.mark.parametrize(
    ("first", "second", "spreads"),
    [
        ("cheek", "nose", False),
        ("mouth", "jaw", False),
        ("chin", "jaw", False),
        ("eyebrow", "forehead", True),
        ("forehead", "nose", True),
        ("nose", "chin", True),
    ],
)
def test_the_four_facial_areas(first, second, spreads):
    result = run([ep(days_ago(2), locations=[first]), ep(days_ago(1), locations=[second])])

    assert ("spreading" in codes(result)) is spreads


def test_two_areas_on_opposite_sides_are_not_spreading():
    result = run(
        [ep(days_ago(2), locations=["eyelid"], side="left"),
         ep(days_ago(1), locations=["cheek"], side="right")]
    )  # fmt: skip

    assert "spreading" not in codes(result)
    assert "bilateral" in codes(result)


def test_an_episode_on_both_sides_counts_for_each_side():
    both = ep(days_ago(2), locations=["eyelid"], side="both")
    left = ep(days_ago(1), locations=["cheek"], side="left")
    result = run([both, left])

    assert matched(result, "spreading").evidence == tuple(sorted([both.id, left.id]))


def test_spreading_evidence_leaves_out_the_other_side():
    left_eye = ep(days_ago(3), locations=["eyelid"], side="left")
    left_mouth = ep(days_ago(2), locations=["mouth"], side="left")
    right_eye = ep(days_ago(1), locations=["eyelid"], side="right")
    result = run([left_eye, left_mouth, right_eye])

    assert matched(result, "spreading").evidence == tuple(sorted([left_eye.id, left_mouth.id]))


def test_spreading_evidence_is_the_first_episode_in_each_area_not_every_eyelid_twitch():
    eyelids = [ep(days_ago(n), locations=["eyelid"], side="right") for n in (6, 5, 4, 3, 2)]
    cheek = ep(days_ago(1), locations=["cheek"], side="right")
    other_side = ep(days_ago(1), locations=["eyelid"], side="left")
    result = run([*eyelids, cheek, other_side])

    assert matched(result, "spreading").evidence == tuple(sorted([eyelids[0].id, cheek.id]))


def test_spreading_evidence_skips_episodes_that_add_no_new_area():
    both_areas = ep(days_ago(3), locations=["eyelid", "mouth"])
    eye_again = ep(days_ago(2), locations=["eyebrow"])
    forehead = ep(days_ago(1), locations=["forehead"])
    result = run([both_areas, eye_again, forehead])

    assert matched(result, "spreading").evidence == tuple(sorted([both_areas.id, forehead.id]))


def test_areas_from_an_earlier_bout_do_not_count():
    result = run([ep(days_ago(30), locations=["mouth"]), ep(days_ago(1), locations=["eyelid"])])

    assert "spreading" not in codes(result)


def test_spreading_needs_a_current_bout():
    result = run([ep(days_ago(10), locations=["mouth"]), ep(days_ago(9), locations=["eyelid"])])

    assert result.level == "self_care"


def test_the_area_count_is_editable():
    criteria = spec_criteria(spreading={"threshold_count": 3})
    two_areas = [ep(days_ago(2), locations=["eyelid"]), ep(days_ago(1), locations=["cheek"])]

    assert "spreading" not in codes(run(two_areas, criteria=criteria))
    assert "spreading" in codes(
        run([*two_areas, ep(days_ago(1), locations=["jaw"])], criteria=criteria)
    )


# --- bilateral -----------------------------------------------------------------------------


def test_an_episode_on_both_sides_is_bilateral():
    both = ep(days_ago(1), side="both")
    result = run([ep(days_ago(2)), both])

    assert codes(result) == {"bilateral"}
    assert matched(result, "bilateral").evidence == (both.id,)


def test_left_and_right_episodes_in_one_bout_are_bilateral():
    left = ep(days_ago(5), side="left")
    right = ep(days_ago(1), side="right")
    result = run([left, right])

    assert matched(result, "bilateral").evidence == tuple(sorted([left.id, right.id]))


def test_one_side_only_is_not_bilateral():
    assert "bilateral" not in codes(run([ep(days_ago(5)), ep(days_ago(1))]))


def test_sides_in_different_bouts_are_not_bilateral():
    result = run([ep(days_ago(30), side="right"), ep(days_ago(1), side="left")])

    assert "bilateral" not in codes(result)


def test_both_sides_in_a_bout_that_is_over_are_not_bilateral():
    assert run([ep(days_ago(9), side="both")]).level == "self_care"


# --- worsening -----------------------------------------------------------------------------


def week(n: int, *, weeks_ago: int) -> list[EpisodeFacts]:
    """``n`` episodes spread evenly inside the week that ended ``weeks_ago`` weeks before NOW.

    All on the same side and area, so only worsening can match.
    """
    end = NOW - dt.timedelta(weeks=weeks_ago)
    step = dt.timedelta(days=7) / (n + 1)
    return [ep(end - step * (i + 1)) for i in range(n)]


@pytest.mark.parametrize(
    ("recent", "before", "worse"),
    [
        (7, 3, True),  # 3 * 2 = 6 <= 7
        (8, 4, True),  # exactly twice
        (7, 4, False),  # 4 * 2 = 8 > 7
        (6, 1, False),  # fewer than 7 this week
        (7, 1, True),
        (7, 0, False),  # nothing the week before: a new twitch, not a worse one
        (20, 10, True),
        (20, 11, False),
    ],
)
def test_worsening_compares_this_week_with_the_week_before(recent, before, worse):
    result = run(week(recent, weeks_ago=0) + week(before, weeks_ago=1))

    assert ("worsening" in codes(result)) is worse


def test_worsening_evidence_is_both_weeks():
    episodes = week(7, weeks_ago=0) + week(3, weeks_ago=1)

    result = run(episodes)

    assert matched(result, "worsening").evidence == tuple(sorted(e.id for e in episodes))


def test_an_episode_exactly_seven_days_ago_belongs_to_the_week_before():
    this_week = week(7, weeks_ago=0)
    boundary = ep(NOW - dt.timedelta(days=7))

    # 7 vs 1: worse. Were the boundary in this week it would be 8 vs 0: not worse.
    assert "worsening" in codes(run([*this_week, boundary]))


def test_an_episode_exactly_fourteen_days_ago_is_before_both_weeks():
    this_week = week(7, weeks_ago=0)

    assert "worsening" not in codes(run([*this_week, ep(NOW - dt.timedelta(days=14))]))


def test_the_worsening_thresholds_are_editable():
    criteria = spec_criteria(worsening={"threshold_count": 4, "threshold_days": 3})
    recent = [ep(NOW - dt.timedelta(hours=10 * i + 1)) for i in range(4)]  # within 3 days
    before = [ep(NOW - dt.timedelta(days=4))]

    assert "worsening" in codes(run(recent + before, criteria=criteria))


# --- local days: time zones and DST --------------------------------------------------------


def at_local(tz, *args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=tz)


def test_auckland_23_30_and_00_30_are_different_days():
    # 22 local days apart, but only 21 UTC days apart.
    first = at_local(AUCKLAND, 2026, 5, 20, 23, 30)
    last = at_local(AUCKLAND, 2026, 6, 11, 0, 30)
    episodes = [ep(first + dt.timedelta(days=n)) for n in range(0, 21, 3)] + [ep(last)]
    now = at_local(AUCKLAND, 2026, 6, 11, 9, 0)

    assert (last.astimezone(UTC).date() - first.astimezone(UTC).date()).days == 21
    assert "persistent" in codes(run(episodes, now=now, tz=AUCKLAND))
    assert "persistent" not in codes(run(episodes, now=now, tz=UTC))


def test_auckland_00_30_and_23_30_are_the_same_span_of_days_however_many_hours():
    # 21 local days (00:30 on the first day to 23:30 on the last), 22 UTC days.
    first = at_local(AUCKLAND, 2026, 5, 21, 0, 30)
    last = at_local(AUCKLAND, 2026, 6, 11, 23, 30)
    episodes = [ep(first + dt.timedelta(days=n)) for n in range(0, 21, 3)] + [ep(last)]
    now = at_local(AUCKLAND, 2026, 6, 12, 9, 0)

    assert "persistent" not in codes(run(episodes, now=now, tz=AUCKLAND))
    assert "persistent" in codes(run(episodes, now=now, tz=UTC))


def test_the_bout_gap_is_counted_in_auckland_days():
    # 23:30 on 1 June then 00:30 on 9 June, local: 8 days apart, a new bout.
    # In UTC the same instants are 7 days apart.
    before = ep(at_local(AUCKLAND, 2026, 6, 1, 23, 30))
    after = ep(at_local(AUCKLAND, 2026, 6, 9, 0, 30))
    now = at_local(AUCKLAND, 2026, 6, 9, 8, 0)

    assert run([before, after], now=now, tz=AUCKLAND).bout == (dt.date(2026, 6, 9),) * 2
    assert run([before, after], now=now, tz=UTC).bout[0] == dt.date(2026, 6, 1)


def test_today_is_the_person_s_local_today():
    # At 09:00 on 9 June in Auckland it is still 8 June in UTC. The last episode, local
    # 1 June, is 8 days back in Auckland (over) but 7 days back in UTC.
    last = ep(at_local(AUCKLAND, 2026, 6, 1, 12, 0), side="both")
    now = at_local(AUCKLAND, 2026, 6, 9, 9, 0)

    assert run([last], now=now, tz=AUCKLAND).bout is None
    assert run([last], now=now, tz=UTC).bout is not None


def test_a_bout_across_the_spring_forward_in_los_angeles_counts_calendar_days():
    # Clocks went forward on 8 March 2026: 22 calendar days hold one hour less.
    first = at_local(LOS_ANGELES, 2026, 2, 20, 0, 30)
    last = at_local(LOS_ANGELES, 2026, 3, 14, 0, 30)
    episodes = [ep(first + dt.timedelta(days=n)) for n in range(0, 22, 3)] + [ep(last)]
    now = at_local(LOS_ANGELES, 2026, 3, 14, 10, 0)

    assert last.astimezone(UTC) - first.astimezone(UTC) < dt.timedelta(days=22)
    assert "persistent" in codes(run(episodes, now=now, tz=LOS_ANGELES))


def test_a_bout_across_the_fall_back_in_los_angeles_counts_calendar_days():
    # Clocks went back on 1 November 2026: 21 calendar days hold one hour more.
    first = at_local(LOS_ANGELES, 2026, 10, 20, 23, 30)
    last = at_local(LOS_ANGELES, 2026, 11, 10, 23, 30)
    episodes = [ep(first + dt.timedelta(days=n)) for n in range(0, 21, 3)] + [ep(last)]
    now = at_local(LOS_ANGELES, 2026, 11, 10, 23, 45)

    assert last.astimezone(UTC) - first.astimezone(UTC) > dt.timedelta(days=21)
    assert "persistent" not in codes(run(episodes, now=now, tz=LOS_ANGELES))


def test_both_ambiguous_hours_of_the_fall_back_night_are_the_same_day():
    first = dt.datetime(2026, 11, 1, 1, 30, fold=0, tzinfo=LOS_ANGELES)
    second = dt.datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=LOS_ANGELES)
    now = at_local(LOS_ANGELES, 2026, 11, 1, 12, 0)

    assert second.astimezone(UTC) - first.astimezone(UTC) == dt.timedelta(hours=1)
    assert run([ep(first), ep(second)], now=now, tz=LOS_ANGELES).bout == (dt.date(2026, 11, 1),) * 2


def test_the_72_hours_are_real_hours_across_a_dst_change():
    # 72 real hours before 10:00 PDT on 10 March is 09:00 PST on 7 March (not 10:00).
    now = at_local(LOS_ANGELES, 2026, 3, 10, 10, 0)
    inside = at_local(LOS_ANGELES, 2026, 3, 7, 9, 30)
    outside = at_local(LOS_ANGELES, 2026, 3, 7, 8, 30)

    assert run([ep(inside, symptoms=["confusion"])], now=now, tz=LOS_ANGELES).level == "emergency"
    assert run([ep(outside, symptoms=["confusion"])], now=now, tz=LOS_ANGELES).level == "urgent"


# --- level, score, order, specialist, next steps -------------------------------------------


def test_the_level_is_the_highest_matched_level():
    result = run(
        [ep(days_ago(4), symptoms=["pain", "drooping"]), ep(days_ago(2), symptoms=["redness"])]
    )

    assert result.level == "urgent"
    assert codes(result) == {"pain", "facial_weakness", "eye_inflammation"}


def test_the_score_sums_the_matched_weights():
    result = run([ep(days_ago(1), symptoms=["pain", "redness"])])

    assert result.score == 15 + 15


def test_the_score_is_capped_at_100():
    result = run([ep(NOW, symptoms=["confusion", "drooping", "pain"])])

    assert result.score == 100


def test_criteria_are_listed_highest_level_first_then_heaviest():
    result = run(
        [
            ep(
                days_ago(1),
                symptoms=["pain", "numbness", "drooping", "redness", "forced_eye_closure"],
            )
        ]
    )

    assert [m.code for m in result.criteria] == [
        "facial_weakness",  # emergency: logged a day ago
        "neuro_signs",  # see_doctor, 30
        "forced_closure",  # see_doctor, 25
        "eye_inflammation",  # see_doctor, 15 (codes break the tie)
        "pain",
    ]


def test_a_criterion_with_an_unknown_code_is_ignored():
    unknown = CriterionConfig(
        code="made_up", title="?", explanation="?", level="emergency", weight=100
    )

    result = run([ep(days_ago(1), symptoms=["pain"])], criteria=[unknown])

    assert result.level == "self_care"
    assert result.score == 0


def test_a_rule_missing_from_the_criteria_does_not_apply():
    criteria = [c for c in spec_criteria() if c.code != "pain"]

    assert run([ep(days_ago(1), symptoms=["pain"])], criteria=criteria).level == "self_care"


def test_an_unknown_stored_level_is_read_cautiously_as_see_doctor():
    criteria = spec_criteria(pain={"level": "whenever"})

    assert run([ep(days_ago(1), symptoms=["pain"])], criteria=criteria).level == "see_doctor"


def test_a_matched_criterion_carries_the_editable_words_and_link():
    result = run([ep(days_ago(1), symptoms=["pain"])])

    pain = matched(result, "pain")
    assert pain.title == "Title of pain"
    assert pain.explanation == "Why pain matters."
    assert pain.learn_more == "/guidance/pain/"


@pytest.mark.parametrize(
    ("symptoms", "specialist"),
    [
        (["redness"], "ophthalmologist"),
        (["pain"], "gp"),
        (["redness", "pain"], "ophthalmologist"),
        (["redness", "numbness"], "neurologist"),
        (["drooping", "numbness"], "gp"),  # urgent: who the urgent criterion names
    ],
)
def test_the_specialist_follows_the_criteria_at_the_result_level(symptoms, specialist):
    result = run([ep(days_ago(4), symptoms=symptoms)])

    assert result.specialist == specialist


def test_see_doctor_steps_send_to_the_gp_first_naming_the_specialist_and_the_report():
    result = run([ep(days_ago(1), symptoms=["redness"])])

    assert result.next_steps[0].startswith(
        "Book an appointment with your GP or family doctor. "
        "Ask them about seeing an ophthalmologist"
    )
    assert any("doctor report" in step for step in result.next_steps)


def test_see_doctor_steps_for_a_gp_criterion_name_no_specialist():
    result = run([ep(days_ago(1), symptoms=["pain"])])

    assert result.next_steps[0] == "Book an appointment with your GP or family doctor."


def test_see_doctor_steps_for_a_neurologist_criterion_name_the_neurologist():
    result = run([ep(days_ago(1), symptoms=["numbness"])])

    assert "Ask them about seeing a neurologist" in result.next_steps[0]


def test_urgent_steps_say_today_same_day_gp_urgent_care_or_111():
    result = run([ep(days_ago(4), symptoms=["drooping"])])

    assert result.level == "urgent"
    assert result.next_steps[0] == (
        "Contact a doctor today. Ask for a same-day GP appointment, go to an urgent care "
        "centre, or call NHS 111 in the UK."
    )


def test_emergency_steps_call_now_with_fast_and_even_if_the_signs_have_gone():
    result = run([ep(days_ago(1), symptoms=["drooping"])])

    assert result.level == "emergency"
    assert result.next_steps[0] == (
        "Call your local emergency number now (999 in the UK, 112 in the EU, 911 in the US)."
    )
    fast = result.next_steps[1]
    for word in ("Face drooping", "Arm weakness", "Speech trouble", "Time to call"):
        assert f"{word}:" in fast
    assert "Call even if the signs go away" in result.next_steps[2]


@pytest.mark.parametrize("symptoms", [None, [], ["pain"], ["drooping"], ["confusion"]])
def test_every_level_carries_the_disclaimer_and_next_steps(symptoms):
    result = run([] if symptoms is None else [ep(NOW, symptoms=symptoms)])

    assert result.disclaimer.startswith("This is not a diagnosis.")
    assert result.next_steps


def test_to_dict_has_the_api_contract():
    result = run([ep(days_ago(1), symptoms=["pain"], id=41)])

    data = result.to_dict()

    assert {"level", "score", "window_days", "assessed_at", "criteria", "next_steps",
            "disclaimer"} <= set(data)  # fmt: skip
    assert data["assessed_at"] == "2026-06-15T12:00:00Z"
    assert data["criteria"][0]["evidence"] == [41]
    assert {"code", "title", "level", "explanation", "evidence", "learn_more"} <= set(
        data["criteria"][0]
    )
    assert data["bout"] == {
        "first_day": "2026-06-14",
        "last_day": "2026-06-14",
        "counted_from": "2026-06-14",
        "days": 0,
    }


def test_the_result_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        run([]).level = "emergency"

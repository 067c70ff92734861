"""The journal's rules: every bad input in the SPEC is refused by the services (with a field
message, nothing stored) and, where it is an invariant, by the database itself."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from journal import services
from journal.models import DailyLog, Episode
from tests.factories import DailyLogFactory, EpisodeFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
GOOD_EPISODE = {"locations": ["eyelid"], "side": "left"}


def create_episode(user, **fields):
    return services.episode_create(user=user, **{**GOOD_EPISODE, **fields})


def refused(user, field: str, **fields) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        create_episode(user, **fields)
    assert field in caught.value.message_dict
    assert not Episode.objects.exists()
    return caught.value


# --- Episodes through the service --------------------------------------------------------


@pytest.mark.parametrize("seconds", [0, 86401, -5])
def test_a_duration_outside_one_second_to_one_day_is_refused(user, seconds):
    refused(user, "duration_seconds", duration_seconds=seconds)


@pytest.mark.parametrize("seconds", [1, 86400, None])
def test_a_duration_from_one_second_to_one_day_or_unknown_is_accepted(user, seconds):
    assert create_episode(user, duration_seconds=seconds).duration_seconds == seconds


@pytest.mark.parametrize("intensity", [0, 11])
def test_an_intensity_outside_one_to_ten_is_refused(user, intensity):
    refused(user, "intensity", intensity=intensity)


@pytest.mark.parametrize("intensity", [1, 10, None])
def test_an_intensity_from_one_to_ten_or_none_is_accepted(user, intensity):
    assert create_episode(user, intensity=intensity).intensity == intensity


@time_machine.travel(NOW, tick=False)
def test_a_start_more_than_five_minutes_ahead_is_refused(user):
    error = refused(user, "started_at", started_at=NOW + dt.timedelta(minutes=5, seconds=1))

    assert "in the future" in error.message_dict["started_at"][0]


@time_machine.travel(NOW, tick=False)
def test_a_start_four_minutes_ahead_is_accepted_for_clocks_that_run_fast(user):
    episode = create_episode(user, started_at=NOW + dt.timedelta(minutes=4))

    assert episode.started_at == NOW + dt.timedelta(minutes=4)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("locations", ["elbow"]),
        ("locations", []),
        ("locations", "eyelid"),
        ("locations", ["eyelid", "eyelid"]),
        ("triggers", ["full_moon"]),
        ("symptoms", ["sneezing"]),
    ],
)
def test_unknown_or_missing_choices_are_refused(user, field, value):
    refused(user, field, **{field: value})


def test_an_unknown_side_is_refused(user):
    refused(user, "side", side="middle")


def test_notes_of_2001_characters_are_refused_and_2000_accepted(user):
    refused(user, "notes", notes="x" * 2001)

    assert len(create_episode(user, notes="x" * 2000).notes) == 2000


def test_choices_are_stored_in_a_stable_order(user):
    episode = create_episode(user, locations=["jaw", "cheek"], triggers=["stress", "caffeine"])

    episode.refresh_from_db()
    assert episode.locations == ["cheek", "jaw"]
    assert episode.triggers == ["caffeine", "stress"]


def test_an_update_that_breaks_a_rule_changes_nothing(user):
    episode = EpisodeFactory(user=user, intensity=4)

    with pytest.raises(ValidationError):
        services.episode_update(episode=episode, intensity=11)

    episode.refresh_from_db()
    assert episode.intensity == 4


def test_stroke_signs_are_recognised(user):
    assert create_episode(user, symptoms=["confusion"]).has_stroke_signs
    assert not create_episode(user, symptoms=["pain", "redness"]).has_stroke_signs


# --- Episodes straight into the database (no full_clean) --------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"duration_seconds": 0},
        {"duration_seconds": 86401},
        {"intensity": 0},
        {"intensity": 11},
        {"side": "up"},
        {"notes": "x" * 2001},
    ],
)
def test_the_database_refuses_an_episode_that_breaks_a_rule(user, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Episode.objects.create(user=user, **{**GOOD_EPISODE, **fields})


def test_the_database_accepts_the_boundaries(user):
    Episode.objects.create(
        user=user, duration_seconds=1, intensity=1, notes="x" * 2000, side="both"
    )
    Episode.objects.create(user=user, duration_seconds=86400, intensity=10, side="right")

    assert Episode.objects.count() == 2


# --- Daily logs -------------------------------------------------------------------------

DAY = dt.date(2026, 3, 10)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("sleep_hours", Decimal("24.1")),
        ("sleep_hours", Decimal("-0.1")),
        ("sleep_hours", Decimal("6.25")),
        ("stress_level", 11),
        ("water_glasses", 41),
        ("caffeine_servings", 31),
        ("alcohol_drinks", 31),
        ("screen_hours", Decimal("24.5")),
        ("notes", "x" * 2001),
    ],
)
def test_a_daily_factor_out_of_range_is_refused(user, field, value):
    with pytest.raises(ValidationError) as caught:
        services.daily_log_save(user=user, date=DAY, **{field: value})

    assert field in caught.value.message_dict
    assert not DailyLog.objects.exists()


def test_every_daily_factor_accepts_its_limits(user):
    log, created = services.daily_log_save(
        user=user,
        date=DAY,
        sleep_hours=Decimal("24"),
        stress_level=10,
        water_glasses=40,
        caffeine_servings=30,
        alcohol_drinks=30,
        screen_hours=Decimal("0"),
        notes="x" * 2000,
    )

    assert created
    assert log.sleep_hours == Decimal("24")


def test_every_daily_factor_is_optional(user):
    log, _ = services.daily_log_save(user=user, date=DAY)

    assert log.sleep_hours is None
    assert log.stress_level is None


@pytest.mark.parametrize(
    "fields",
    [
        {"sleep_hours": Decimal("24.1")},
        {"stress_level": 11},
        {"water_glasses": 41},
        {"caffeine_servings": 31},
        {"alcohol_drinks": 31},
        {"screen_hours": Decimal("24.5")},
        {"notes": "x" * 2001},
    ],
)
def test_the_database_refuses_a_daily_log_out_of_range(user, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        DailyLog.objects.create(user=user, date=DAY, **fields)


def test_the_database_keeps_one_log_per_person_per_date(user):
    DailyLog.objects.create(user=user, date=DAY)

    with pytest.raises(IntegrityError), transaction.atomic():
        DailyLog.objects.create(user=user, date=DAY)


def test_a_second_log_for_the_same_date_gets_a_clear_message(user):
    DailyLog.objects.create(user=user, date=DAY)

    with pytest.raises(ValidationError) as caught:
        DailyLog(user=user, date=DAY).full_clean()

    assert "There is already a log for this day." in caught.value.messages


def test_saving_a_day_twice_through_the_service_updates_the_one_log(user):
    services.daily_log_save(user=user, date=DAY, stress_level=3)
    log, created = services.daily_log_save(user=user, date=DAY, stress_level=7)

    assert not created
    assert DailyLog.objects.get(user=user, date=DAY).stress_level == 7
    assert log.stress_level == 7


def test_two_people_can_each_log_the_same_date(user, other_user):
    services.daily_log_save(user=user, date=DAY)
    services.daily_log_save(user=other_user, date=DAY)

    assert DailyLog.objects.filter(date=DAY).count() == 2


def test_saving_some_factors_keeps_the_others_and_the_checklist(user):
    DailyLogFactory(user=user, date=DAY, sleep_hours=Decimal("6.5"), checklist_done=["water"])

    services.daily_log_save(user=user, date=DAY, stress_level=8)

    log = DailyLog.objects.get(user=user, date=DAY)
    assert log.sleep_hours == Decimal("6.5")
    assert log.checklist_done == ["water"]
    assert log.stress_level == 8


def test_a_profile_knows_its_local_date(user):
    user.profile.time_zone = "Pacific/Auckland"
    moment = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)  # 01:00 on the 11th in Auckland

    assert user.profile.local_date(moment) == dt.date(2026, 3, 11)
    assert timezone.localdate(moment, timezone=dt.UTC) == dt.date(2026, 3, 10)


def test_logging_a_twitch_asks_the_database_only_to_store_it(user, django_assert_num_queries):
    # The check constraints repeat the fields' validators; validating them again would ask
    # the database once per constraint (four more queries on every twitch logged).
    with django_assert_num_queries(3):  # savepoint, insert, release
        create_episode(user, intensity=4, duration_seconds=30, notes="short")


def test_every_check_constraint_of_an_episode_has_a_field_validator_that_refuses_first(user):
    # What the database would refuse, the service refuses first with a field's message.
    for field, value in [
        ("duration_seconds", 86401),
        ("intensity", 11),
        ("side", "middle"),
        ("notes", "x" * 2001),
    ]:
        refused(user, field, **{field: value})
    # A new check constraint must come with a field validator, and be added above.
    checks = sorted(
        constraint.name
        for constraint in Episode._meta.constraints
        if isinstance(constraint, models.CheckConstraint)
    )
    assert checks == [
        "episode_duration_range",
        "episode_intensity_range",
        "episode_notes_length",
        "episode_side_valid",
    ]

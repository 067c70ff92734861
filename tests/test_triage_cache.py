"""journal.triage_cache: a cached triage answer is only ever the answer a fresh run would give."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from guidance.cache import FINGERPRINT_SECONDS, PAGE_TIMEOUT
from guidance.models import EscalationCriterion
from journal import selectors, services
from journal.models import Episode, Profile
from journal.services import journal_changed
from journal.triage import CriterionConfig
from journal.triage_cache import triage_assessment, triage_for
from tests.factories import EpisodeFactory, UserFactory
from tests.test_triage_pages import NOW, log

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def fresh(user):
    """The answer computed afresh, bypassing the cache."""
    return selectors.assess_triage(
        user, now=NOW, zone=user.profile.zone, criteria=selectors.triage_criteria()
    ).result


def counted(user):
    with CaptureQueriesContext(connection) as captured:
        result = triage_for(user)
    return result, len(captured)


def episodes_read(user) -> tuple:
    """``triage_for(user)`` and whether it loaded episodes (computed rather than cached).

    Other reads (the guidance fingerprint and criteria) depend on how the cache counts
    time, which a Redis server does by its own clock, out of reach of time travel.
    """
    with CaptureQueriesContext(connection) as captured:
        result = triage_for(user)
    table = Episode._meta.db_table
    return result, any(table in query["sql"] for query in captured.captured_queries)


def test_a_second_read_is_served_from_the_cache_and_equals_a_fresh_answer(user):
    log(user, symptoms=["pain"])

    first, cold = counted(user)
    second, warm = counted(user)

    # The profile row, then when cold the guidance fingerprint, the criteria and the episodes.
    assert (cold, warm) == (4, 1)
    assert first == second == fresh(user)


def test_a_cached_answer_is_dated_now(user, frozen):
    log(user, hours_ago=30, symptoms=["pain"])
    triage_for(user)
    frozen.shift(dt.timedelta(minutes=10))

    result, computed = episodes_read(user)

    assert not computed  # still cached
    assert result.assessed_at == NOW + dt.timedelta(minutes=10)


def test_a_stroke_sign_turns_urgent_at_72_hours_even_when_cached(user, frozen):
    log(user, hours_ago=71, symptoms=["confusion"])
    assert triage_for(user).level == "emergency"

    frozen.shift(dt.timedelta(minutes=59, seconds=59))
    assert episodes_read(user) == (triage_for(user), False)  # still cached
    assert triage_for(user).level == "emergency"

    frozen.shift(dt.timedelta(seconds=2))  # 72 hours and 1 second
    assert triage_for(user).level == "urgent"


def test_an_episode_saved_through_any_path_changes_the_answer(user):
    assert triage_for(user).level == "no_data"
    episode = log(user)  # the factory saves the model: a signal retires the answer
    assert triage_for(user).level == "self_care"

    services.episode_update(episode=episode, symptoms=["confusion"])
    assert triage_for(user).level == "emergency"

    services.episode_delete(episode=episode)
    assert triage_for(user).level == "no_data"


def test_a_bulk_write_is_seen_once_it_says_so(user):
    assert triage_for(user).level == "no_data"
    Episode.objects.bulk_create(  # sends no signals
        [EpisodeFactory.build(user=user, started_at=NOW, symptoms=["confusion"])]
    )
    journal_changed(user.pk)

    assert triage_for(user).level == "emergency"


def test_a_write_by_another_server_process_is_seen(user):
    """Only the database says what changed: no process needs to hear about it."""
    log(user)
    assert triage_for(user).level == "self_care"
    episode = Episode.objects.get(user=user)
    Episode.objects.filter(pk=episode.pk).update(symptoms=["arm_weakness"])  # no signal here
    Profile.objects.filter(user=user).update(journal_version="from-another-process")

    assert triage_for(user).level == "emergency"


def test_saving_a_profile_loaded_earlier_keeps_a_newer_journal_version(user):
    """Settings saved from a profile loaded before an entry was saved elsewhere must not
    put back the old version: the answer cached before that entry would come back."""
    log(user)
    assert triage_for(user).level == "self_care"
    profile = Profile.objects.get(user=user)  # loaded by a settings request...
    log(user, symptoms=["confusion"])  # ...while another request saves an entry
    assert triage_for(user).level == "emergency"

    profile.reminders_enabled = True
    profile.save()

    saved = Profile.objects.get(user=user)
    assert saved.reminders_enabled
    assert saved.journal_version != profile.journal_version
    assert triage_for(user).level == "emergency"


def test_a_rolled_back_write_never_lends_its_answer_to_a_later_one(user):
    log(user)
    assert triage_for(user).level == "self_care"
    with pytest.raises(RuntimeError), transaction.atomic():
        log(user, symptoms=["confusion"])
        assert triage_for(user).level == "emergency"  # cached under the new version
        raise RuntimeError("the request failed")
    assert triage_for(user).level == "self_care"

    log(user, hours_ago=2)  # a new version, never the rolled-back one

    assert triage_for(user).level == "self_care"


def test_a_criterion_saved_in_this_process_applies_at_once(user):
    log(user, symptoms=["pain"])
    assert triage_for(user).level == "see_doctor"
    pain = EscalationCriterion.objects.get(code="pain")

    pain.level = "urgent"
    pain.save()

    assert triage_for(user).level == "urgent"


def test_a_criterion_saved_by_another_process_applies_within_a_second(user, frozen):
    log(user, symptoms=["pain"])
    assert triage_for(user).level == "see_doctor"
    # Another process's save: a new updated_at, and no signal in this one.
    later = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
    EscalationCriterion.objects.filter(code="pain").update(level="urgent", updated_at=later)
    assert triage_for(user).level == "see_doctor"  # the fingerprint is under a second old

    frozen.shift(dt.timedelta(seconds=FINGERPRINT_SECONDS))

    assert triage_for(user).level == "urgent"


def test_the_criteria_are_kept_no_longer_than_the_page_timeout(monkeypatch):
    timeouts = {}
    store = cache.set

    def spy(key, value, timeout=None, version=None):
        timeouts[key] = timeout
        return store(key, value, timeout, version)

    monkeypatch.setattr(cache, "set", spy)

    selectors.current_triage_criteria()

    assert [t for key, t in timeouts.items() if key.startswith("triage:criteria:")] == [
        PAGE_TIMEOUT
    ]


@pytest.mark.skipif(
    settings.CACHES["default"]["BACKEND"].endswith("RedisCache"),
    reason="a Redis server expires entries by its own clock, which time travel cannot move",
)
def test_a_criterion_changed_behind_every_signal_applies_within_the_page_timeout(user, frozen):
    log(user, symptoms=["pain"])
    assert triage_for(user).level == "see_doctor"
    EscalationCriterion.objects.filter(code="pain").update(level="urgent")  # not updated_at

    frozen.shift(dt.timedelta(seconds=PAGE_TIMEOUT - 1))
    assert triage_for(user).level == "see_doctor"
    frozen.shift(dt.timedelta(seconds=1))

    assert triage_for(user).level == "urgent"


def test_a_new_time_zone_is_a_new_answer(user):
    # 23:30 in London on 11 March and 00:30 on 12 March are one bout either way; in Auckland
    # (UTC+13) the last episode is on 12 March, 22 days after the first: persistent.
    for day in range(0, 23, 2):
        log(user, hours_ago=24 * day + 9.5)
    london = triage_assessment(user).result.bout
    profile = user.profile
    profile.time_zone = "Pacific/Auckland"
    profile.save()

    auckland = triage_assessment(user).result.bout

    assert london != auckland
    assert auckland == fresh(type(user).objects.get(pk=user.pk)).bout


def test_one_person_s_answer_is_never_served_to_another(user):
    other = UserFactory()
    log(user, symptoms=["confusion"])
    assert triage_for(user).level == "emergency"
    Profile.objects.filter(user=other).update(
        journal_version=Profile.objects.get(user=user).journal_version,
        time_zone=Profile.objects.get(user=user).time_zone,
    )

    assert triage_for(other).level == "no_data"


def test_an_unreadable_entry_is_computed_again(user, monkeypatch):
    log(user, symptoms=["pain"])
    triage_for(user)

    def broken(keys):
        raise ValueError("unpickling failed")

    monkeypatch.setattr(cache, "get_many", broken)

    assert triage_for(user).level == "see_doctor"


def test_the_page_extras_come_from_the_window_only(user):
    log(user, hours_ago=2, symptoms=["pain"], triggers=["caffeine"])
    old = log(user, hours_ago=24 * 61, symptoms=["pain"], triggers=["stress"])

    assessment = triage_assessment(user)

    assert old.pk not in assessment.started
    assert assessment.triggers == {"caffeine": 1}


def test_the_criteria_are_read_as_the_orm_reads_them():
    EscalationCriterion.objects.filter(code="pain").update(
        threshold_days=None, weight=0, level_after_hours="", order=99
    )
    rows = EscalationCriterion.objects.order_by("order", "code").values(
        *selectors.TRIAGE_CRITERION_FIELDS.values()
    )
    expected = [
        CriterionConfig(
            **{config: row[field] for config, field in selectors.TRIAGE_CRITERION_FIELDS.items()}
        )
        for row in rows
    ]

    assert selectors.triage_criteria() == expected
    assert selectors.triage_criteria()[-1].code == "pain"

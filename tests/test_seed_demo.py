"""seed_demo: the demo account with six weeks of realistic, non-alarming entries."""

import datetime as dt
import io
import time

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command

from journal.models import STROKE_SIGNS, DailyLog, Episode, Treatment
from journal.treatments import effect_for

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 21, 0, tzinfo=dt.UTC)


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@time_machine.travel(NOW, tick=False)
def test_it_creates_the_demo_log_in_and_prints_it():
    output = seed()

    demo = User.objects.get(username="demo")
    assert demo.check_password("twitchcare-demo")
    assert demo.profile.time_zone == "Europe/London"
    assert demo.profile.health_data_consent_at is not None
    assert "Demo log-in: demo / twitchcare-demo" in output
    assert "http://127.0.0.1:8000/" in output


@time_machine.travel(NOW, tick=False)
def test_it_fills_six_weeks_with_twitches_and_most_daily_logs():
    seed()

    demo = User.objects.get(username="demo")
    episodes = list(Episode.objects.for_user(demo))
    days = {demo.profile.local_date(e.started_at) for e in episodes}
    logs = DailyLog.objects.for_user(demo)
    today = dt.date(2026, 3, 10)
    # Six weeks of daily logs; twitches from 4 weeks before the injection 12 weeks ago.
    assert min(days) >= today - dt.timedelta(days=84 + 28)
    assert max(days) <= today
    assert len({d for d in days if d >= today - dt.timedelta(days=41)}) >= 30
    assert 28 <= logs.count() <= 42
    assert all(e.started_at <= NOW for e in episodes)


@time_machine.travel(NOW, tick=False)
def test_the_story_is_lifestyle_eyelid_twitching_without_alarming_signs():
    seed()

    episodes = list(Episode.objects.filter(user__username="demo"))
    eyelid = [e for e in episodes if e.locations == ["eyelid"]]
    assert len(eyelid) > 0.8 * len(episodes)
    assert any(e.locations == ["cheek"] for e in episodes)
    assert {e.side for e in episodes} == {"left"}
    assert all(e.symptoms == [] for e in episodes)
    assert not any(STROKE_SIGNS.intersection(e.symptoms) for e in episodes)
    assert any(e.duration_seconds is None for e in episodes)
    assert sum(1 for e in episodes if e.triggers) > 0.5 * len(episodes)


@time_machine.travel(NOW, tick=False)
def test_twitches_are_more_frequent_on_high_stress_days():
    seed()

    demo = User.objects.get(username="demo")
    per_day: dict[dt.date, int] = {}
    for episode in Episode.objects.for_user(demo):
        day = demo.profile.local_date(episode.started_at)
        per_day[day] = per_day.get(day, 0) + 1
    logs = list(DailyLog.objects.for_user(demo))
    stressed = [per_day.get(log.date, 0) for log in logs if log.stress_level >= 7]
    calm = [per_day.get(log.date, 0) for log in logs if log.stress_level < 7]
    assert stressed and calm
    assert sum(stressed) / len(stressed) > sum(calm) / len(calm)


@time_machine.travel(NOW, tick=False)
def test_running_it_twice_resets_rather_than_duplicates():
    seed()
    first = (Episode.objects.count(), DailyLog.objects.count())
    demo = User.objects.get(username="demo")
    demo.set_password("changed")
    demo.save()

    seed()

    assert (Episode.objects.count(), DailyLog.objects.count()) == first
    assert User.objects.filter(username="demo").count() == 1
    assert User.objects.get(username="demo").check_password("twitchcare-demo")


def test_it_is_fast():
    started = time.perf_counter()
    seed()

    assert time.perf_counter() - started < 3


@time_machine.travel(NOW, tick=False)
def test_the_demo_injection_shows_a_clear_effect():
    seed()

    demo = User.objects.get(username="demo")
    injection = Treatment.objects.for_user(demo).get()
    today = dt.date(2026, 3, 10)
    assert injection.given_on == today - dt.timedelta(weeks=12)
    effect = effect_for(demo, injection, today=today)
    assert len(effect.weeks) == 12  # week 12 ended yesterday
    assert effect.onset_week in (2, 3)
    assert effect.wears_off_week is not None
    assert 8 <= effect.wears_off_week <= 10

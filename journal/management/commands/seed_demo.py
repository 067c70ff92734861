"""Create (or reset) the demo account with six weeks of realistic journal entries.

Idempotent: running it again resets the demo's password, profile and entries to the same
story, counted back from today. The story is ordinary lifestyle-driven eyelid twitching:
worse on stressful, short-sleep, high-caffeine days; no stroke or other red-flag signs.
Before the six weeks of daily logs, the person logged twitches only, and had a botulinum
toxin injection 12 weeks ago that calmed them from week 2 and wore off around week 9, so
the treatments page and the dashboard have an effect to show.
"""

import datetime as dt
import random
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from journal.models import DailyLog, Episode, SelfRating, Treatment, TreatmentKind

USERNAME = "demo"
PASSWORD = "twitchcare-demo"  # noqa: S105 - a published demo log-in, not a secret
TIME_ZONE = "Europe/London"
DAYS = 42
SEED = 42
#: The injection: this many days ago, and the share of twitches left in each week after it.
INJECTION_DAYS_AGO = 84
INJECTION_EFFECT = {1: 0.8, 2: 0.35, 3: 0.2, 4: 0.2, 5: 0.25, 6: 0.3, 7: 0.45, 8: 0.6}


def _daily_factors(rng: random.Random) -> dict:
    """One day's lifestyle, with the factors pulling together as they do in real weeks."""
    stress = min(10, max(0, round(rng.gauss(4.5, 2.2))))
    # Stressful days come with shorter nights, more coffee and more screen time.
    sleep = min(10.0, max(3.5, rng.gauss(7.4 - 0.3 * max(0, stress - 4), 0.8)))
    caffeine = min(8, max(0, round(rng.gauss(1.5 + 0.35 * stress, 1.0))))
    screen = min(14.0, max(2.0, rng.gauss(5.5 + 0.45 * stress, 1.5)))
    return {
        "sleep_hours": Decimal(f"{sleep:.1f}"),
        "stress_level": stress,
        "caffeine_servings": caffeine,
        "screen_hours": Decimal(f"{screen:.1f}"),
        "water_glasses": min(12, max(2, round(rng.gauss(6.5, 1.8)))),
        "alcohol_drinks": rng.choice([0, 0, 0, 0, 1, 1, 2, 3]),
    }


def _bad_factors(factors: dict) -> list[str]:
    """The triggers a day's log points to (the insights page's "bad" cut-offs)."""
    bad = []
    if factors["stress_level"] >= 7:
        bad.append("stress")
    if factors["sleep_hours"] < 6:
        bad.append("poor_sleep")
    if factors["caffeine_servings"] > 3:
        bad.append("caffeine")
    if factors["screen_hours"] > 8:
        bad += ["screen_time", "eye_strain"]
    if factors["water_glasses"] < 6:
        bad.append("dehydration")
    if factors["alcohol_drinks"] > 2:
        bad.append("alcohol")
    return bad


def _episode_count(rng: random.Random, bad: list[str]) -> int:
    expected = 0.6 + 0.9 * len(bad)
    return min(7, max(0, round(rng.gauss(expected, 0.8))))


def _thinned(count: int, days_ago: int, rng: random.Random) -> int:
    """``count`` twitches less those the injection calmed that day."""
    week = (INJECTION_DAYS_AGO - days_ago) // 7 + 1
    share = INJECTION_EFFECT.get(week, 1.0) if days_ago <= INJECTION_DAYS_AGO else 1.0
    return sum(1 for _ in range(count) if rng.random() < share)


def _before_the_logs(user, profile, today: dt.date, rng: random.Random) -> list[Episode]:
    """Twitches from 4 weeks before the injection to the start of the daily logs: logged
    without daily factors, eyelid only, as a person does before they log their days."""
    episodes = []
    for back in range(INJECTION_DAYS_AGO + 28, DAYS - 1, -1):
        day = today - dt.timedelta(days=back)
        day_start, _ = profile.day_bounds(day)
        bad = _bad_factors(_daily_factors(rng))
        for _n in range(_thinned(_episode_count(rng, bad), back, rng)):
            episodes.append(
                Episode(
                    user=user,
                    started_at=day_start + dt.timedelta(minutes=rng.randint(7 * 60, 23 * 60)),
                    duration_seconds=rng.randint(5, 120),
                    locations=["eyelid"],
                    side="left",
                    intensity=min(8, max(1, round(rng.gauss(3.5, 1.2)))),
                    # The stressful days' causes, as the person guessed them.
                    triggers=rng.sample(bad, k=min(len(bad), 2)) or ["other"],
                    symptoms=[],
                    notes="",
                )
            )
    return episodes


class Command(BaseCommand):
    help = "Create or reset the demo account (demo / twitchcare-demo) with six weeks of entries."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        user, _ = User.objects.get_or_create(username=USERNAME)
        user.set_password(PASSWORD)
        user.email = ""
        user.is_active = True
        user.save()
        profile = user.profile
        profile.time_zone = TIME_ZONE
        profile.health_data_consent_at = profile.health_data_consent_at or timezone.now()
        profile.full_clean()
        profile.save()

        user.episodes.all().delete()
        user.daily_logs.all().delete()
        user.treatments.all().delete()
        user.self_ratings.all().delete()

        rng = random.Random(SEED)
        effect_rng = random.Random(SEED + 1)  # the injection's story draws apart
        now = timezone.now()
        today = profile.local_date(now)
        logs: list[DailyLog] = []
        episodes: list[Episode] = _before_the_logs(user, profile, today, effect_rng)
        for back in range(DAYS - 1, -1, -1):
            day = today - dt.timedelta(days=back)
            factors = _daily_factors(rng)
            bad = _bad_factors(factors)
            # Most days are logged; a few are forgotten, as in a real journal.
            if rng.random() < 0.88:
                logs.append(DailyLog(user=user, date=day, **factors))
            day_start, _ = profile.day_bounds(day)
            for _n in range(_thinned(_episode_count(rng, bad), back, effect_rng)):
                started_at = day_start + dt.timedelta(minutes=rng.randint(7 * 60, 23 * 60))
                if started_at > now:
                    continue  # today's evening has not happened yet
                triggers = rng.sample(bad, k=min(len(bad), rng.choice([1, 2, 2]))) or (
                    [rng.choice(["dry_eyes", "bright_light", "other"])]
                    if rng.random() < 0.4
                    else []
                )
                episodes.append(
                    Episode(
                        user=user,
                        started_at=started_at,
                        # About one in five durations is not known.
                        duration_seconds=None if rng.random() < 0.2 else rng.randint(5, 150),
                        # Mostly the left eyelid; now and then the left cheek instead.
                        locations=["cheek"] if rng.random() < 0.08 else ["eyelid"],
                        side="left",
                        intensity=min(8, max(1, round(rng.gauss(3 + 0.5 * len(bad), 1.2)))),
                        triggers=triggers,
                        symptoms=[],
                        notes="",
                    )
                )
        # The same rules as the services: every row is validated before the bulk insert
        # (the database constraints back them up). Constraint queries are skipped for speed.
        for row in [*logs, *episodes]:
            row.full_clean(validate_constraints=False)
        DailyLog.objects.bulk_create(logs)
        Episode.objects.bulk_create(episodes)
        injection = Treatment(
            user=user,
            kind=TreatmentKind.BOTULINUM_TOXIN,
            name="Botox",
            given_on=today - dt.timedelta(days=INJECTION_DAYS_AGO),
            dose="12.5 units, left eyelid",
            notes="At the neurology clinic.",
        )
        injection.full_clean()
        injection.save()
        # A weekly self-rating since the injection, following its effect.
        monday = today - dt.timedelta(days=today.weekday())
        ratings = [
            SelfRating(user=user, week_start=monday - dt.timedelta(weeks=n), **scores)
            for n, scores in enumerate(
                [{"severity": 2, "frequency": 3}] * 3
                + [{"severity": 2, "frequency": 2}] * 2
                + [{"severity": 1, "frequency": 2}] * 2
                + [{"severity": 1, "frequency": 1}] * 4
                + [{"severity": 2, "frequency": 2}, {"severity": 3, "frequency": 3}]
            )
        ]
        for rating in ratings:
            rating.full_clean(validate_constraints=False)
        SelfRating.objects.bulk_create(ratings)

        self.stdout.write(
            f"Demo account ready: {len(episodes)} twitches, {len(logs)} daily logs "
            f"over the last {DAYS} days, and a Botox injection {INJECTION_DAYS_AGO // 7} weeks ago."
        )
        self.stdout.write(f"Demo log-in: {USERNAME} / {PASSWORD}")
        self.stdout.write(f"Open {settings.SITE_URL.rstrip('/')}/")

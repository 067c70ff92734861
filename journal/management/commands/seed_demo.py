"""Create (or reset) the demo account with six weeks of realistic journal entries.

Idempotent: running it again resets the demo's password, profile and entries to the same
story, counted back from today. The story is ordinary lifestyle-driven eyelid twitching:
worse on stressful, short-sleep, high-caffeine days; no stroke or other red-flag signs.
"""

import datetime as dt
import random
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from journal.models import DailyLog, Episode

USERNAME = "demo"
PASSWORD = "twitchcare-demo"  # noqa: S105 - a published demo log-in, not a secret
TIME_ZONE = "Europe/London"
DAYS = 42
SEED = 42


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

        rng = random.Random(SEED)
        now = timezone.now()
        today = profile.local_date(now)
        logs: list[DailyLog] = []
        episodes: list[Episode] = []
        for back in range(DAYS - 1, -1, -1):
            day = today - dt.timedelta(days=back)
            factors = _daily_factors(rng)
            bad = _bad_factors(factors)
            # Most days are logged; a few are forgotten, as in a real journal.
            if rng.random() < 0.88:
                logs.append(DailyLog(user=user, date=day, **factors))
            day_start, _ = profile.day_bounds(day)
            for _n in range(_episode_count(rng, bad)):
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

        self.stdout.write(
            f"Demo account ready: {len(episodes)} twitches and {len(logs)} daily logs "
            f"over the last {DAYS} days."
        )
        self.stdout.write(f"Demo log-in: {USERNAME} / {PASSWORD}")
        self.stdout.write(f"Open {settings.SITE_URL.rstrip('/')}/")

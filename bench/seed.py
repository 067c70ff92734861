"""Seed the bench database: run by bench.py in the app's environment (cwd = the project).

    python bench/seed.py PEOPLE DAYS

- PEOPLE people ("bench-01"...), each with DAYS days of history up to now: 0 to 8 episodes
  a day around a rate of their own, and a daily log on about three days in four;
- two people for the data-growth part, at the same density (about 3 episodes a day, a
  daily log most days): "growth-long" with five years of entries, "growth-short" with 60
  days.

Everything goes in with bulk_create. Each person gets a session made directly in the
session store (no password, no log-in request, no API token). Prints one line of JSON: the
session keys and the addresses the bench needs, reversed from the URL names (None when a
name does not exist).
"""

import datetime as dt
import json
import random
import sys
from decimal import Decimal
from importlib import import_module
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ZONES = [
    "Europe/London",
    "America/New_York",
    "Europe/Berlin",
    "Asia/Tokyo",
    "Australia/Sydney",
    "America/Los_Angeles",
    "UTC",
]
LOCATIONS = [["eyelid"]] * 6 + [["eyelid", "eyebrow"], ["cheek"], ["mouth"], ["eyebrow"]]
TRIGGERS = ["stress", "poor_sleep", "caffeine", "screen_time", "eye_strain", "dry_eyes", "alcohol"]
SYMPTOMS = [[]] * 40 + [["pain"], ["redness"], ["light_sensitivity"], ["swelling"]]
DURATIONS = [None, 5, 10, 30, 60, 120, 600]
NOTES = ["", "", "", "", "After a long day at the screen.", "Woke up with it.", "Lasted a while."]
GROWTH_DAYS = {"growth-long": 5 * 365, "growth-short": 60}
BATCH = 2000


def history(user, *, days: int, per_day_trials: int, zone, now, rng):
    """A person's episodes and daily logs over the ``days`` days up to ``now``.

    Episodes a day are binomial(per_day_trials, 1/2), so the mean is per_day_trials / 2.
    """
    from journal.models import DailyLog, Episode

    side = rng.choice(["left", "left", "right", "both"])
    episodes = []
    for day in range(days):
        count = sum(rng.random() < 0.5 for _ in range(per_day_trials))
        for _ in range(count):
            episodes.append(
                Episode(
                    user=user,
                    started_at=now - dt.timedelta(days=day, minutes=rng.randint(1, 24 * 60 - 1)),
                    duration_seconds=rng.choice(DURATIONS),
                    locations=rng.choice(LOCATIONS),
                    side=side if rng.random() < 0.9 else "both",
                    intensity=rng.randint(1, 7),
                    triggers=sorted(rng.sample(TRIGGERS, rng.randint(0, 3))),
                    symptoms=rng.choice(SYMPTOMS),
                    notes=rng.choice(NOTES),
                )
            )
    today = now.astimezone(zone).date()
    logs = [
        DailyLog(
            user=user,
            date=today - dt.timedelta(days=day),
            sleep_hours=Decimal(rng.randint(8, 18)) / 2,
            caffeine_servings=rng.randint(0, 6),
            alcohol_drinks=rng.choice([None, 0, 0, 1, 2]),
            stress_level=rng.randint(0, 10),
            screen_hours=Decimal(rng.randint(2, 24)) / 2,
            water_glasses=rng.randint(2, 10),
        )
        for day in range(days)
        if rng.random() < 0.75
    ]
    return episodes, logs


def session_for(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    backend = next(path for path in settings.AUTHENTICATION_BACKENDS if "axes" not in path)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def url(name: str) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def main() -> None:
    import django

    django.setup()
    import zoneinfo

    from django.contrib.auth.models import User
    from django.utils import timezone

    from journal.models import DailyLog, Episode

    people, days = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(7)
    now = timezone.now()
    episodes, logs, sessions = [], [], {}
    plan = [
        (f"bench-{n:02d}", ZONES[n % len(ZONES)], days, rng.randint(1, 8)) for n in range(people)
    ]
    plan += [(name, "Europe/London", span, 6) for name, span in GROWTH_DAYS.items()]
    for username, zone_name, span, trials in plan:
        user = User.objects.create_user(username)  # no password: signed in by session only
        user.profile.time_zone = zone_name
        user.profile.save()
        more_episodes, more_logs = history(
            user,
            days=span,
            per_day_trials=trials,
            zone=zoneinfo.ZoneInfo(zone_name),
            now=now,
            rng=rng,
        )
        episodes += more_episodes
        logs += more_logs
        sessions[username] = session_for(user)
    Episode.objects.bulk_create(episodes, batch_size=BATCH)
    DailyLog.objects.bulk_create(logs, batch_size=BATCH)
    counts = {name: Episode.objects.filter(user__username=name).count() for name in GROWTH_DAYS}
    print(
        json.dumps(
            {
                "people": [sessions[name] for name, *_ in plan[:people]],
                "growth": {name: sessions[name] for name in GROWTH_DAYS},
                "growth_episodes": counts,
                "episodes": len(episodes),
                "daily_logs": len(logs),
                "today": str(now.astimezone(zoneinfo.ZoneInfo("Europe/London")).date()),
                "urls": {
                    name: url(name)
                    for name in (
                        "journal:report",
                        "journal:report_pdf",
                        "journal:report_csv",
                        "journal:export_csv",
                        "journal:export_json",
                        "api-export",
                    )
                },
            }
        )
    )


if __name__ == "__main__":
    main()

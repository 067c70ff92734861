"""Writes to the journal. The pages and the API both call these, so the rules live here once.

Each function validates with ``full_clean()`` (raising ``ValidationError`` with field
messages and changing nothing) and saves inside a transaction.
"""

import datetime as dt
from typing import Any

from django.db import transaction

from journal.models import DailyLog, Episode, Profile

EPISODE_FIELDS = frozenset(
    {"started_at", "duration_seconds", "locations", "side", "intensity", "triggers",
     "symptoms", "notes"}
)  # fmt: skip
DAILY_LOG_FIELDS = frozenset(
    {"sleep_hours", "caffeine_servings", "alcohol_drinks", "stress_level", "screen_hours",
     "water_glasses", "checklist_done", "notes"}
)  # fmt: skip


def _assign(instance, allowed: frozenset[str], fields: dict[str, Any]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unexpected fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(instance, name, value)


@transaction.atomic
def episode_create(*, user, **fields: Any) -> Episode:
    """Record a new episode for ``user``."""
    episode = Episode(user=user)
    _assign(episode, EPISODE_FIELDS, fields)
    episode.full_clean()
    episode.save()
    return episode


@transaction.atomic
def episode_update(*, episode: Episode, **fields: Any) -> Episode:
    """Change the given fields of ``episode``; the others keep their values."""
    _assign(episode, EPISODE_FIELDS, fields)
    episode.full_clean()
    episode.save()
    return episode


@transaction.atomic
def episode_delete(*, episode: Episode) -> None:
    episode.delete()


@transaction.atomic
def daily_log_save(*, user, date: dt.date, **fields: Any) -> tuple[DailyLog, bool]:
    """Create or update ``user``'s log for ``date``; returns (log, created).

    Fields not given keep their stored values, so a quick checklist tick never wipes the
    sleep hours typed earlier.
    """
    log = DailyLog.objects.select_for_update().filter(user=user, date=date).first()
    created = log is None
    if created:
        log = DailyLog(user=user, date=date)
    _assign(log, DAILY_LOG_FIELDS, fields)
    log.full_clean()
    log.save()
    return log, created


@transaction.atomic
def profile_update(*, profile: Profile, **fields: Any) -> Profile:
    allowed = frozenset({"time_zone", "plan_started_on", "reminders_enabled", "reminder_time"})
    _assign(profile, allowed, fields)
    profile.full_clean()
    profile.save()
    return profile

"""Each person's triage result, kept only while it is certain to be the same as a fresh one.

Everything that shows a triage answer (the API, the triage page, the emergency banner on
every page, the dashboard card, the report) reads it through ``triage_for`` or
``triage_assessment``. A cached answer is served only when nothing it depends on changed:

- **Data.** The key holds the person's id, their ``Profile.journal_version`` (a new random
  value whenever one of their episodes or daily logs is saved or deleted, in the same
  transaction: see ``journal.services.journal_changed``), their time zone, and a digest of
  every escalation criterion as read for this request. A change to any of them is a new
  key, seen at once by every server process whatever the cache backend, since all of it is
  read from the database.
- **Time.** An entry holds the instant it was computed and
  ``journal.triage.unchanged_until``, the first instant at which time alone could change the
  answer (a stroke sign turning 72 hours old, an episode leaving the 60-day window, local
  midnight ending a bout...). It is used only in between, with ``assessed_at`` set to now:
  in that interval the answer equals a fresh one (tests/test_triage_unchanged_until.py).

So a cached answer costs two small queries (the profile's row, the criteria) instead of
loading 60 days of episodes. The key holds the person's id: one person's answer is never
served to another.

Writes that bypass model signals (``bulk_create``, ``QuerySet.update``, raw SQL) must call
``journal.services.journal_changed`` for each person whose journal they touch.
"""

import dataclasses
import datetime as dt
import hashlib
import logging

from django.core.cache import cache
from django.utils import timezone

from journal import selectors
from journal.models import zone_named
from journal.selectors import TriageAssessment
from journal.triage import CriterionConfig, TriageResult

logger = logging.getLogger(__name__)

#: Part of every key: change it when TriageAssessment changes shape, so old pickles are never read.
SCHEMA = 2
#: Entries leave the cache after this long even when the answer would still hold.
MAX_AGE = 3600  # seconds


def _criteria_digest(criteria: list[CriterionConfig]) -> str:
    return hashlib.sha256(repr(criteria).encode()).hexdigest()[:24]


def _key(user_id: int, version: str, zone_name: str, criteria: list[CriterionConfig]) -> str:
    return f"triage:v{SCHEMA}:{user_id}:{version}:{zone_name}:{_criteria_digest(criteria)}"


def _read(key: str) -> TriageAssessment | None:
    try:
        entry = cache.get(key)
    except Exception:  # an unreadable entry (e.g. from an older release): compute afresh
        logger.warning("Unreadable cached triage result; computing it again", exc_info=True)
        return None
    return entry if isinstance(entry, TriageAssessment) else None


def triage_assessment(user, *, now: dt.datetime | None = None) -> TriageAssessment:
    """``user``'s triage at ``now`` (default: now) and what the triage page shows with it.

    Two queries when the cached answer holds, three when it is computed afresh.
    """
    now = (now or timezone.now()).astimezone(dt.UTC)
    version, zone_name = selectors.journal_version(user)
    criteria = selectors.triage_criteria()
    key = _key(user.pk, version, zone_name, criteria)
    entry = _read(key)
    if entry is not None and entry.result.assessed_at <= now < entry.unchanged_until:
        return dataclasses.replace(entry, result=dataclasses.replace(entry.result, assessed_at=now))
    entry = selectors.assess_triage(user, now=now, zone=zone_named(zone_name), criteria=criteria)
    lifetime = min(MAX_AGE, (entry.unchanged_until - now).total_seconds())
    if lifetime > 0:
        cache.set(key, entry, timeout=lifetime)
    return entry


def triage_for(user, *, now: dt.datetime | None = None) -> TriageResult:
    """``user``'s triage result at ``now`` (default: now). See ``triage_assessment``."""
    return triage_assessment(user, now=now).result

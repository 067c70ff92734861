"""Each person's triage result, kept only while it is certain to be the same as a fresh one.

Everything that shows a triage answer (the API, the triage page, the emergency banner on
every page, the dashboard card, the report) reads it through ``triage_for`` or
``triage_assessment``. A cached answer is served only when nothing it depends on changed:

- **Data.** The key holds the person's id, their ``Profile.journal_version`` (a new random
  value whenever one of their episodes or daily logs is saved or deleted, in the same
  transaction: see ``journal.services.journal_changed``), their time zone, and a digest of
  every escalation criterion. A change to the journal or the time zone is a new key, seen
  at once by every server process whatever the cache backend, since it is read from the
  database. The criteria come from ``selectors.current_triage_criteria``: an editor's
  change applies at once in the process that saved it and within a second in the others.
- **Time.** An entry holds the instant it was computed and
  ``journal.triage.unchanged_until``, the first instant at which time alone could change the
  answer (a stroke sign turning 72 hours old, an episode leaving the 60-day window, local
  midnight ending a bout...). It is used only in between, with ``assessed_at`` set to now:
  in that interval the answer equals a fresh one (tests/test_triage_unchanged_until.py).

So a cached answer costs at most one small query (the profile's row) instead of loading
60 days of episodes, and none for a request that passes the version it loaded with the
person (``selectors.request_journal_version``). The key holds the person's id: one
person's answer is never served to another.

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
from journal.selectors import JournalVersion, TriageAssessment
from journal.triage import CriterionConfig, TriageResult

logger = logging.getLogger(__name__)

#: Part of every key: change it when what is stored changes shape, so old pickles are never read.
SCHEMA = 3
#: Entries leave the cache after this long even when the answer would still hold.
MAX_AGE = 3600  # seconds
#: The page's extras (when each evidence episode started, the triggers logged) are kept
#: under their own key: the API and the banner on every page never need to load them.
PAGE_SUFFIX = ":page"


def _criteria_digest(criteria: list[CriterionConfig]) -> str:
    return hashlib.sha256(repr(criteria).encode()).hexdigest()[:24]


def _key(user_id: int, version: str, zone_name: str, criteria: list[CriterionConfig]) -> str:
    return f"triage:v{SCHEMA}:{user_id}:{version}:{zone_name}:{_criteria_digest(criteria)}"


def _read(keys: list[str]) -> dict:
    try:
        return cache.get_many(keys)
    except Exception:  # an unreadable entry (e.g. from an older release): compute afresh
        logger.warning("Unreadable cached triage result; computing it again", exc_info=True)
        return {}


def _assessment(
    user, now: dt.datetime | None, version: JournalVersion | None, *, page: bool
) -> TriageAssessment:
    """The cached assessment when it holds at ``now``, else a fresh one (then cached).

    Without ``page`` the returned extras are empty: only the result is read.
    """
    now = (now or timezone.now()).astimezone(dt.UTC)
    version, zone_name = version or selectors.journal_version(user)
    criteria = selectors.current_triage_criteria()
    key = _key(user.pk, version, zone_name, criteria)
    found = _read([key, key + PAGE_SUFFIX] if page else [key])
    answer = found.get(key)
    extras = found.get(key + PAGE_SUFFIX) if page else ({}, {})
    if answer is not None and extras is not None:
        result, unchanged_until = answer
        if result.assessed_at <= now < unchanged_until:
            result = dataclasses.replace(result, assessed_at=now)
            return TriageAssessment(result, unchanged_until, *extras)
    fresh = selectors.assess_triage(user, now=now, zone=zone_named(zone_name), criteria=criteria)
    lifetime = min(MAX_AGE, (fresh.unchanged_until - now).total_seconds())
    if lifetime > 0:
        entries = {
            key: (fresh.result, fresh.unchanged_until),
            key + PAGE_SUFFIX: (fresh.started, fresh.triggers),
        }
        cache.set_many(entries, timeout=lifetime)
    return fresh


def triage_assessment(
    user, *, now: dt.datetime | None = None, version: JournalVersion | None = None
) -> TriageAssessment:
    """``user``'s triage at ``now`` (default: now) and what the triage page shows with it.

    ``version`` is the journal version to check the cache against; a request passes
    ``selectors.request_journal_version(request)``. Without it, it is read (one query).
    One more query when the answer is computed (the episodes), and one to read the
    criteria when guidance changed (see ``selectors.current_triage_criteria``).
    """
    return _assessment(user, now, version, page=True)


def triage_for(
    user, *, now: dt.datetime | None = None, version: JournalVersion | None = None
) -> TriageResult:
    """``user``'s triage result at ``now`` (default: now). See ``triage_assessment``."""
    return _assessment(user, now, version, page=False).result

"""A short-lived cache of each person's triage result, for the banner and dashboard card.

The emergency banner sits on every page, so computing triage for every request would cost
three queries a page. The result is cached per person for ``TTL`` seconds and dropped the
moment anything it depends on changes:

- an episode of theirs is saved or deleted, or their profile (time zone) changes: their
  entry is deleted, at once and again when the transaction commits (so a request that read
  the old rows before the commit cannot leave a stale answer behind);
- any escalation criterion is saved or deleted: a global version number in the key is
  bumped, which retires everybody's entry at once.

The key holds the person's id, so one person's result is never served to another. The TTL
is short because results also change with time alone: a stroke sign turns from emergency
to urgent 72 hours on, and a bout ends after 7 quiet days.

Pages that show the full result (``/triage/``, the API) compute it fresh and refresh the
cache with it.
"""

import logging

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from guidance.models import EscalationCriterion
from journal import selectors
from journal.models import Episode, Profile
from journal.triage import TriageResult

logger = logging.getLogger(__name__)

TTL = 60  # seconds
#: Part of every key: change it when TriageResult changes shape, so old pickles are never read.
SCHEMA = 1
VERSION_KEY = f"triage:v{SCHEMA}:criteria-version"


def _criteria_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def cache_key(user_id: int) -> str:
    return f"triage:v{SCHEMA}:c{_criteria_version()}:user:{user_id}"


def store_triage(user_id: int, result: TriageResult) -> None:
    """Keep ``result`` as ``user_id``'s current result for ``TTL`` seconds."""
    cache.set(cache_key(user_id), result, timeout=TTL)


def cached_triage_for(user) -> TriageResult:
    """``user``'s triage result, from the cache when fresh, else computed and cached."""
    key = cache_key(user.pk)
    try:
        result = cache.get(key)
    except Exception:  # an unreadable entry (e.g. from an older release): compute afresh
        logger.warning("Unreadable cached triage result; computing it again", exc_info=True)
        result = None
    if not isinstance(result, TriageResult):
        result = selectors.triage_for(user)
        cache.set(key, result, timeout=TTL)
    return result


def fresh_triage_for(user) -> TriageResult:
    """``user``'s triage result computed now; the cache is refreshed with it."""
    result = selectors.triage_for(user)
    store_triage(user.pk, result)
    return result


def invalidate_triage(user_id: int) -> None:
    """Forget ``user_id``'s cached result, now and again once the transaction commits."""
    key = cache_key(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def invalidate_all_triage() -> None:
    """Retire every cached result by moving to a new criteria version."""
    _criteria_version()  # make sure the key exists before incrementing it
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # evicted between the two calls
        cache.set(VERSION_KEY, 2, timeout=None)


def _episode_changed(sender, instance: Episode, raw: bool = False, **kwargs) -> None:
    if not raw:
        invalidate_triage(instance.user_id)


def _profile_changed(sender, instance: Profile, raw: bool = False, **kwargs) -> None:
    if not raw:
        invalidate_triage(instance.user_id)


def _criterion_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        invalidate_all_triage()
        transaction.on_commit(invalidate_all_triage)


for name, signal in (("saved", post_save), ("deleted", post_delete)):
    signal.connect(_episode_changed, sender=Episode, dispatch_uid=f"triage_episode_{name}")
    signal.connect(_profile_changed, sender=Profile, dispatch_uid=f"triage_profile_{name}")
    signal.connect(
        _criterion_changed, sender=EscalationCriterion, dispatch_uid=f"triage_criterion_{name}"
    )

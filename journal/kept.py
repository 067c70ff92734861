"""Parts of a person's pages and API answers kept while their journal stays the same."""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.utils import timezone

from journal import selectors
from journal.models import zone_named

#: The longest a part is kept, even while the journal stays the same.
KEPT_SECONDS = 300

Part = TypeVar("Part")


def kept_for_journal(request, name: str, vary: str, build: Callable[[], Part]) -> Part:
    """``build()``, kept for the signed-in person of ``request`` (a Django or DRF request)
    until their journal changes.

    For a part of a page that depends only on the person's journal, their time zone,
    today's date there, and ``vary`` (such as the query's filters and page). The key holds
    each of them, with the person's id, their journal version (a new one with every entry
    saved or deleted, see ``journal.services.journal_changed``) and the time zone the page
    is written in. So a kept part is never another person's, and never older than the
    journal. HTML kept this way must hold nothing that belongs to one request: no form
    with a CSRF token, no nonce, no message.
    """
    version = selectors.request_journal_version(request)
    today = timezone.now().astimezone(zone_named(version.time_zone)).date()
    key = ":".join(
        [
            "journal-part:v1",
            name,
            str(request.user.pk),
            version.version,
            version.time_zone,
            timezone.get_current_timezone_name(),
            today.isoformat(),
            hashlib.sha256(vary.encode()).hexdigest()[:32],
        ]
    )
    return cache.get_or_set(key, build, KEPT_SECONDS)

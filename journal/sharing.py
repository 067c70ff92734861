"""Sharing the report with a doctor (SPEC, "Sharing with a doctor").

A share link opens a read-only copy of the person's report for a date range, with its
photos and videos, to anyone holding the link, until it expires (1 to 30 days) or the person
revokes it. The link's secret has 256 bits (``secrets.token_urlsafe(32)``); only its SHA-256
digest is stored, so the secret is shown once, when the link is made. Each opening of the
page is recorded (when, nothing about who) and shown to the person beside the link.
"""

import datetime as dt
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from journal import reports
from journal.dates import validate_date_in_range
from journal.models import ShareLink, ShareOpening

DEFAULT_DAYS = 14
MIN_DAYS = 1
MAX_DAYS = 30
#: Openings of share pages (and tries with wrong secrets) per client address, per window.
OPENINGS_PER_ADDRESS = 30
OPENINGS_WINDOW_SECONDS = 10 * 60
#: How many openings the person sees listed beside each link (all are counted).
OPENINGS_SHOWN = 5

DAYS_MESSAGE = "A link can last from 1 to 30 days."


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def share_create(
    *, user, start: dt.date, end: dt.date, days: int = DEFAULT_DAYS, now: dt.datetime | None = None
) -> tuple[ShareLink, str]:
    """Make a share link of ``user``'s report from ``start`` to ``end`` (local days, both
    included) that opens for ``days`` days (1 to 30) from ``now``; returns the link and its
    secret, which is never stored and cannot be shown again. Refuses, storing nothing, a
    range the report refuses (``reports.check_range``) or days outside 1 to 30 (code
    ``days``)."""
    now = now or timezone.now()
    errors: dict[str, ValidationError] = {}
    if not isinstance(days, int) or not MIN_DAYS <= days <= MAX_DAYS:
        errors["days"] = ValidationError(DAYS_MESSAGE, code="days")
    for name, value in (("start", start), ("end", end)):
        try:
            validate_date_in_range(value)
        except ValidationError as error:
            errors[name] = error
    if not errors:
        try:
            reports.check_range(start, end)
        except ValidationError as error:
            errors["end"] = error
    if errors:
        raise ValidationError(errors)
    token = secrets.token_urlsafe(32)
    link = ShareLink(
        user=user,
        start=start,
        end=end,
        token_hash=token_digest(token),
        created_at=now,
        expires_at=now + dt.timedelta(days=days),
    )
    link.full_clean()
    link.save()
    return link, token


def share_find(token: str, *, now: dt.datetime | None = None) -> ShareLink | None:
    """The live link whose secret is ``token``, with its owner and profile; None when no
    link has it, or it is revoked or expired."""
    if not token or len(token) > 100:
        return None
    return (
        ShareLink.objects.live(now or timezone.now())
        .select_related("user", "user__profile")
        .filter(token_hash=token_digest(token))
        .first()
    )


def share_opening_record(*, link: ShareLink, now: dt.datetime | None = None) -> ShareOpening:
    """Record that ``link``'s page was opened at ``now``."""
    return ShareOpening.objects.create(link=link, opened_at=now or timezone.now())


@transaction.atomic
def share_revoke(*, link: ShareLink, now: dt.datetime | None = None) -> ShareLink:
    """Revoke ``link`` at ``now``: from then on it is a 404. Revoking twice keeps the first
    time."""
    if link.revoked_at is None:
        link.revoked_at = now or timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def links_with_openings(user) -> list[ShareLink]:
    """``user``'s links, newest first, each with ``opening_count``, ``last_opened_at`` and
    ``recent_openings`` (the latest ``OPENINGS_SHOWN``). Two queries however many."""
    links = list(
        ShareLink.objects.for_user(user)
        .annotate(opening_count=Count("openings"), last_opened_at=Max("openings__opened_at"))
        .order_by("-created_at", "-id")
    )
    recent: dict[int, list[ShareOpening]] = {}
    if any(link.opening_count for link in links):
        openings = ShareOpening.objects.filter(link__in=[link.pk for link in links]).order_by(
            "-opened_at", "-id"
        )
        for opening in openings.only("link_id", "opened_at"):
            shown = recent.setdefault(opening.link_id, [])
            if len(shown) < OPENINGS_SHOWN:
                shown.append(opening)
    for link in links:
        link.recent_openings = recent.get(link.pk, [])
    return links


def range_bounds(link: ShareLink) -> tuple[dt.datetime, dt.datetime]:
    """The instants the link's first local day starts and the day after its last starts."""
    return reports.DateRange(link.start, link.end).bounds(link.user.profile.zone)

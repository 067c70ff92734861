"""Daily reminder e-mails: who is due one now, the message, and the unsubscribe link.

A person is due when they turned reminders on, have a confirmed primary e-mail address
(allauth's ``EmailAddress``, verified by the link it sends), their local time is
at or past their reminder time, they have not logged anything on their local today (no
episode and no daily log), and they were not reminded on that local day yet. The
``send_reminders`` command (cron, every 15 minutes) calls ``send_due_reminders``; a
conditional UPDATE (``services.reminder_claim``) makes sure two overlapping runs never send
twice.

The e-mail carries no health content: just a nudge, a link, and a signed unsubscribe link
that works without logging in.
"""

import datetime as dt
import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail, signing
from django.db.models import OuterRef, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from journal.models import DailyLog, Episode, Profile
from journal.services import reminder_claim, reminder_unclaim

log = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "journal.reminders.unsubscribe"
SUBJECT = "Time for your TwitchCare check-in"


@dataclass(frozen=True)
class Due:
    profile: Profile
    local_date: dt.date


def verified_email(user_ref="user") -> Subquery:
    """The person's confirmed primary e-mail address, as a subquery (None without one)."""
    return Subquery(
        EmailAddress.objects.filter(user=OuterRef(user_ref), primary=True, verified=True).values(
            "email"
        )[:1]
    )


# --- The unsubscribe link -------------------------------------------------------------------


def unsubscribe_token(user) -> str:
    """A signed token naming ``user``; it does not expire, like an old e-mail's link."""
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_id_from_token(token: str) -> int | None:
    """The user id signed into ``token``, or None if it was altered or is not ours."""
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_url(user) -> str:
    return absolute_url(reverse("journal:reminders_unsubscribe", args=[unsubscribe_token(user)]))


# --- Who is due -----------------------------------------------------------------------------


def _local_today(profile: Profile, now: dt.datetime) -> tuple[dt.date, dt.time]:
    local = now.astimezone(profile.zone)
    return local.date(), local.time()


def due_reminders(now: dt.datetime | None = None) -> list[Due]:
    """Everyone due a reminder at ``now`` (default: now), with their local date.

    Three queries whatever the number of people: the candidates, then their episodes and
    daily logs around today. Local days differ by time zone, so the day checks are in Python.
    """
    now = now or timezone.now()
    candidates = []
    for profile in (
        Profile.objects.filter(reminders_enabled=True, user__is_active=True)
        .annotate(reminder_email=verified_email())
        .exclude(reminder_email=None)
        .select_related("user")
    ):
        day, time_of_day = _local_today(profile, now)
        if time_of_day >= profile.reminder_time and profile.last_reminder_sent_on != day:
            candidates.append(Due(profile, day))
    if not candidates:
        return []

    user_ids = [due.profile.user_id for due in candidates]
    # Every zone's "today" lies within a day and a half either side of now.
    episode_times = Episode.objects.filter(
        user_id__in=user_ids,
        started_at__gte=now - dt.timedelta(hours=36),
        started_at__lt=now + dt.timedelta(hours=36),
    ).values_list("user_id", "started_at")
    episodes_by_user: dict[int, list[dt.datetime]] = defaultdict(list)
    for user_id, started_at in episode_times:
        episodes_by_user[user_id].append(started_at)
    log_days = set(
        DailyLog.objects.filter(
            user_id__in=user_ids, date__in={due.local_date for due in candidates}
        ).values_list("user_id", "date")
    )

    def logged_today(due: Due) -> bool:
        user_id = due.profile.user_id
        if (user_id, due.local_date) in log_days:
            return True
        zone = due.profile.zone
        return any(
            moment.astimezone(zone).date() == due.local_date for moment in episodes_by_user[user_id]
        )

    return [due for due in candidates if not logged_today(due)]


# --- The message ----------------------------------------------------------------------------


def reminder_message(profile: Profile) -> mail.EmailMessage:
    """The plain-text reminder for ``profile``'s owner; no health content at all."""
    user = profile.user
    context = {
        "username": user.get_username(),
        "home_url": absolute_url(reverse("home")),
        "settings_url": absolute_url(reverse("account_settings")),
        "unsubscribe_url": unsubscribe_url(user),
        "reminder_time": profile.reminder_time,
    }
    message = mail.EmailMessage(
        subject=SUBJECT,
        body=render_to_string("email/reminder.txt", context),
        to=[_reminder_address(profile)],
        headers={"List-Unsubscribe": f"<{context['unsubscribe_url']}>"},
    )
    return message


def _reminder_address(profile: Profile) -> str:
    address = getattr(profile, "reminder_email", None)
    if address is None:
        address = (
            EmailAddress.objects.filter(user_id=profile.user_id, primary=True, verified=True)
            .values_list("email", flat=True)
            .first()
        )
    return address or ""


def send_due_reminders(now: dt.datetime | None = None) -> int:
    """Send every due reminder once; returns how many were sent.

    A reminder is claimed before it is sent (so a parallel run skips it) and released if
    the mail server refuses it (so the next run tries again).
    """
    now = now or timezone.now()
    sent = 0
    with mail.get_connection() as connection:
        for due in due_reminders(now):
            previous = due.profile.last_reminder_sent_on
            if not reminder_claim(profile=due.profile, day=due.local_date):
                continue
            message = reminder_message(due.profile)
            message.connection = connection
            try:
                message.send()
            except (smtplib.SMTPException, OSError):
                log.exception("reminder not sent user_id=%s", due.profile.user_id)
                reminder_unclaim(profile=due.profile, day=due.local_date, previous=previous)
                continue
            sent += 1
    return sent

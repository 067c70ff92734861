"""Writes to the journal. The pages and the API both call these, so the rules live here once.

Each function validates with ``full_clean()`` (raising ``ValidationError`` with field
messages and changing nothing) and saves inside a transaction.
"""

import datetime as dt
import unicodedata
import uuid
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from guidance.models import ChecklistItem
from journal.models import DailyLog, Episode, Profile

FUTURE_DAY_MESSAGE = "That day has not come yet. Pick today or an earlier day."

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


def _validate_episode(episode: Episode, *, exclude: tuple[str, ...] = ()) -> None:
    """``full_clean`` without asking the database about the check constraints.

    Each of an episode's check constraints repeats a field validator (duration, strength,
    side, notes length), and Django validates a check constraint with one query of its own:
    four queries, a third of the cost of logging a twitch. The fields' validators give the
    same refusal with a field's message; the constraints stay in the database as the last
    guard. The unique constraint on ``client_id`` is the database's (``episode_create_once``).
    Nor is ``user`` looked up again: it is the signed-in person the request loaded, and the
    foreign key holds in the database.
    """
    episode.full_clean(exclude=("user", *exclude), validate_constraints=False)


@transaction.atomic
def episode_create(*, user, **fields: Any) -> Episode:
    """Record a new episode for ``user``."""
    episode = Episode(user=user)
    _assign(episode, EPISODE_FIELDS, fields)
    _validate_episode(episode)
    episode.save()
    return episode


def episode_create_once(
    *, user, client_id: uuid.UUID | None, **fields: Any
) -> tuple[Episode, bool]:
    """Record an episode the person's device labelled ``client_id``, once; returns
    (episode, created).

    When ``user`` already has an episode with that ``client_id`` (an outbox sending again
    after a lost answer), that stored episode comes back unchanged with ``created`` False,
    whatever ``fields`` hold now. The database's unique constraint on (user, client_id)
    decides, not a look-up before the insert, so two requests racing with one entry still
    store it once: the loser's insert fails inside a savepoint and it reads the winner's
    row. Without a ``client_id`` this is ``episode_create``.
    """
    if client_id is None:
        return episode_create(user=user, **fields), True
    episode = Episode(user=user, client_id=client_id)
    _assign(episode, EPISODE_FIELDS, fields)
    # The constraint on client_id is left to the database (see above).
    _validate_episode(episode, exclude=("client_id",))
    try:
        with transaction.atomic():
            episode.save()
    except IntegrityError:
        return Episode.objects.get(user=user, client_id=client_id), False
    return episode, True


@transaction.atomic
def episode_update(*, episode: Episode, **fields: Any) -> Episode:
    """Change the given fields of ``episode``; the others keep their values."""
    _assign(episode, EPISODE_FIELDS, fields)
    _validate_episode(episode)
    episode.save()
    return episode


@transaction.atomic
def episode_delete(*, episode: Episode) -> None:
    episode.delete()


@transaction.atomic
def daily_log_save(
    *, user, date: dt.date, client_id: uuid.UUID | None = None, **fields: Any
) -> tuple[DailyLog, bool]:
    """Create or update ``user``'s log for ``date``; returns (log, created).

    ``client_id`` is stored only when the log is created; an existing log keeps its own.

    Fields not given keep their stored values, so a quick checklist tick never wipes the
    sleep hours typed earlier. A ``date`` after the person's local today is refused (code
    ``future``): a day that has not happened cannot be logged. ``checklist_done`` may hold
    only slugs of published checklist items (code ``invalid_choice``), or ones already on
    that day's log (an item unpublished since stays ticked).
    """
    if date > user.profile.local_date():
        raise ValidationError(
            {"date": ValidationError(FUTURE_DAY_MESSAGE, code="future")},
        )
    log = DailyLog.objects.select_for_update().filter(user=user, date=date).first()
    created = log is None
    if created:
        log = DailyLog(user=user, date=date, client_id=client_id)
    if "checklist_done" in fields:
        _check_checklist_items(fields["checklist_done"], already=log.checklist_done)
    _assign(log, DAILY_LOG_FIELDS, fields)
    # The constraint on client_id is left to the database: see daily_log_create_once.
    log.full_clean(exclude=["client_id"])
    log.save()
    return log, created


class DayAlreadyLogged(Exception):
    """``daily_log_create_once`` found a log for that day made without this client_id."""


def daily_log_create_once(
    *, user, date: dt.date, client_id: uuid.UUID | None, **fields: Any
) -> tuple[DailyLog, bool]:
    """Create ``user``'s log for ``date`` from the device entry ``client_id``, once;
    returns (log, created).

    A repeat of a ``client_id`` the person already used returns the stored log unchanged,
    with ``created`` False, whatever ``date`` and ``fields`` hold now. A day that already
    has a log from anywhere else (the page, another device, no ``client_id``) raises
    ``DayAlreadyLogged`` and changes nothing: creating never overwrites a day. As with
    ``episode_create_once``, the database's unique constraints decide between racing
    requests; the loser reads the winner's row after its savepoint is rolled back. (On
    PostgreSQL the loser may instead meet the winner's committed row in ``full_clean``'s
    one-log-a-day check, a ValidationError: a stored log with this ``client_id`` answers
    that too.)
    """
    try:
        with transaction.atomic():
            log, created = daily_log_save(user=user, date=date, client_id=client_id, **fields)
            if not created:
                # Raising inside the savepoint undoes the update daily_log_save made.
                raise DayAlreadyLogged
    except (IntegrityError, DayAlreadyLogged, ValidationError) as error:
        stored = (
            DailyLog.objects.filter(user=user, client_id=client_id).first()
            if client_id is not None
            else None
        )
        if stored is not None:
            return stored, False
        if isinstance(error, ValidationError):
            raise
        raise DayAlreadyLogged from None
    return log, True


def _check_checklist_items(slugs, *, already: list[str]) -> None:
    if not isinstance(slugs, list) or not all(isinstance(slug, str) for slug in slugs):
        return  # the model's full_clean() names a value of the wrong type
    published = set(ChecklistItem.objects.published().values_list("slug", flat=True))
    unknown = sorted(set(slugs) - published - set(already or []))
    if unknown:
        raise ValidationError(
            {
                "checklist_done": ValidationError(
                    "%(unknown)s is not on the checklist.",
                    code="invalid_choice",
                    params={"unknown": ", ".join(unknown)},
                )
            }
        )


@transaction.atomic
def daily_log_delete(*, log: DailyLog) -> None:
    log.delete()


PROFILE_FIELDS = frozenset(
    {"time_zone", "plan_started_on", "reminders_enabled", "reminder_time", "twitch_began_on"}
)


@transaction.atomic
def profile_update(*, profile: Profile, **fields: Any) -> Profile:
    """Change the given settings of ``profile``. ``twitch_began_on`` may not be after the
    person's local today (code ``future``) nor before 1900."""
    _assign(profile, PROFILE_FIELDS, fields)
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def emergency_seen_record(*, user, now: dt.datetime | None = None) -> Profile:
    """Record that ``user`` has been seen by a doctor about their warning signs, at ``now``.

    It takes the emergency banner off their other pages until a newer emergency sign is
    logged (journal.triage.banner_due). It never changes the triage result.
    """
    profile = Profile.objects.select_for_update().get(user=user)
    profile.emergency_seen_at = now or timezone.now()
    profile.save(update_fields=["emergency_seen_at"])
    return profile


TREATMENTS_NOTE = "Treatments so far (from the short start): {}"


@transaction.atomic
def short_start_save(
    *,
    user,
    twitch_began_on: dt.date | None = None,
    locations: list[str] | None = None,
    side: str = "",
    symptoms: list[str] | None = None,
    treatments: str = "",
    now: dt.datetime | None = None,
) -> Episode | None:
    """Store the answers of the short start where each belongs; returns the episode or None.

    ``twitch_began_on`` goes on the profile. Where, which side and the signs become the
    person's first episode, started ``now``, when a place and a side are given; the
    treatments so far ride in that episode's notes (there is no treatments journal yet).
    Nothing is stored when any answer is refused.
    """
    if twitch_began_on is not None:
        profile_update(profile=user.profile, twitch_began_on=twitch_began_on)
    if not locations or not side:
        return None
    notes = TREATMENTS_NOTE.format(treatments.strip()) if treatments.strip() else ""
    return episode_create(
        user=user,
        started_at=now or timezone.now(),
        locations=list(locations),
        side=side,
        symptoms=list(symptoms or []),
        notes=notes,
    )


# --- Your data: erasure and reminders --------------------------------------------------------


@transaction.atomic
def account_delete(*, user) -> None:
    """Erase ``user`` and everything TwitchCare holds about them (GDPR article 17): afterwards
    no row in any table belongs to them or names them.

    The user row's cascade removes the profile, episodes, daily logs and API tokens. Removed
    here as well, because nothing links them to the user row:
    - their sessions (``sessions_end_all``, which also clears everyone's expired ones);
    - django-axes' log-in records under any spelling of the username (case, surrounding
      white space, Unicode forms), since axes keeps the name as it was typed;
    - the admin's history of changes to their account.
    Content editors' guidance history keeps its entries with the author cleared, as
    simple-history does on delete.
    """
    user_id = str(user.pk)
    sessions_end_all(user=user)
    name = _login_name(user.get_username())
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        # Compared in Python, not SQL: SQLite folds only ASCII letters' case.
        typed = model.objects.exclude(username=None).values_list("username", flat=True)
        spellings = [each for each in typed.distinct().iterator() if _login_name(each) == name]
        model.objects.filter(username__in=spellings).delete()
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(user), object_id=user_id
    ).delete()
    user.delete()


def sessions_end_all(*, user) -> None:
    """End every session of ``user``, in every browser ("sign out everywhere").

    Expired sessions are cleared first (everyone's, as ``clearsessions`` does: they open
    nothing), so only the live ones are decoded to find the person's.
    """
    SessionStore.clear_expired()
    user_id = str(user.pk)
    theirs = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == user_id
    ]
    Session.objects.filter(pk__in=theirs).delete()


def _login_name(typed: str) -> str:
    """A username as typed, reduced to what tells one account from another."""
    return unicodedata.normalize("NFKC", typed).strip().casefold()


def reminder_claim(*, profile: Profile, day: dt.date) -> bool:
    """Mark ``profile``'s reminder for local ``day`` as sent; False if it already was.

    One conditional UPDATE, so of two overlapping runs exactly one wins the row and sends.
    It also re-checks that reminders are still on, in case the person just switched them off.
    """
    claimed = (
        Profile.objects.filter(pk=profile.pk, reminders_enabled=True)
        .filter(Q(last_reminder_sent_on__isnull=True) | ~Q(last_reminder_sent_on=day))
        .update(last_reminder_sent_on=day)
    )
    if claimed:
        profile.last_reminder_sent_on = day
    return bool(claimed)


def reminder_unclaim(*, profile: Profile, day: dt.date, previous: dt.date | None) -> None:
    """Undo ``reminder_claim`` when the e-mail could not be sent, so the next run retries."""
    Profile.objects.filter(pk=profile.pk, last_reminder_sent_on=day).update(
        last_reminder_sent_on=previous
    )
    profile.last_reminder_sent_on = previous


def reminders_turn_off(*, profile: Profile) -> None:
    """Stop the daily reminder e-mails (the unsubscribe link and the settings page)."""
    Profile.objects.filter(pk=profile.pk).update(reminders_enabled=False)
    profile.reminders_enabled = False


@transaction.atomic
def plan_start(*, profile: Profile, today: dt.date) -> Profile:
    """Start (or start again) the five-week plan on the person's local ``today``.

    Starting again only moves the start date; the journal itself is untouched.
    """
    return profile_update(profile=profile, plan_started_on=today)


@transaction.atomic
def checklist_set(*, user, date: dt.date, item_slugs: list[str]) -> DailyLog:
    """Store the checklist items ``user`` ticked on ``date`` (replacing that day's ticks).

    Refuses, storing nothing, what ``daily_log_save`` refuses: a ``date`` after the
    person's local today, or a slug that is not a published checklist item. The day's other
    factors keep their values.
    """
    log, _created = daily_log_save(user=user, date=date, checklist_done=sorted(set(item_slugs)))
    return log

"""Treatments and weekly self-ratings: the writes and reads the pages, the API, the report
and the exports share (SPEC, "Treatments").

Writes validate with ``full_clean()`` and save inside a transaction, as ``journal.services``
does. Reads load plain values with a fixed number of queries and leave the arithmetic to
``journal.treatment_effect``. The report and the exports take plain rows from here
(``treatment_rows``, ``rating_rows``), so their own modules only add a call.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from journal import selectors
from journal.dates import in_range, local_time
from journal.models import (
    RatingFrequency,
    RatingSeverity,
    SelfRating,
    Treatment,
    TreatmentKind,
)
from journal.treatment_effect import (
    BeforeDuring,
    Effect,
    baseline_window,
    compute_before_during,
    compute_effect,
    during_window,
    effect_window,
)

TREATMENT_FIELDS = frozenset({"kind", "name", "given_on", "ended_on", "dose", "notes"})
DEFAULT_INJECTION_NAME = "Botulinum toxin"
#: Book the next injection this many weeks before the last one wore off.
BOOKING_WEEKS_AHEAD = 2
#: Kinds whose page compares episodes per day before and during.
BEFORE_DURING_KINDS = frozenset(
    {TreatmentKind.MEDICATION, TreatmentKind.SUPPLEMENT, TreatmentKind.EYE_DROPS}
)


# --- Writes -----------------------------------------------------------------------------


def _assign(treatment: Treatment, fields: dict[str, Any]) -> None:
    unknown = set(fields) - TREATMENT_FIELDS
    if unknown:
        raise TypeError(f"unexpected fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(treatment, name, value)


@transaction.atomic
def treatment_create(*, user, **fields: Any) -> Treatment:
    """Record a new treatment for ``user``."""
    treatment = Treatment(user=user)
    _assign(treatment, fields)
    treatment.full_clean()
    treatment.save()
    return treatment


@transaction.atomic
def treatment_update(*, treatment: Treatment, **fields: Any) -> Treatment:
    """Change the given fields of ``treatment``; the others keep their values."""
    _assign(treatment, fields)
    treatment.full_clean()
    treatment.save()
    return treatment


@transaction.atomic
def treatment_delete(*, treatment: Treatment) -> None:
    treatment.delete()


def last_injection_name(user) -> str:
    """The name of ``user``'s latest botulinum toxin injection, or a plain default."""
    name = (
        Treatment.objects.for_user(user)
        .filter(kind=TreatmentKind.BOTULINUM_TOXIN)
        .order_by("-given_on", "-id")
        .values_list("name", flat=True)
        .first()
    )
    return name or DEFAULT_INJECTION_NAME


@transaction.atomic
def injection_today_record(*, user, today: dt.date) -> Treatment:
    """ "I had my injection today": a botulinum toxin injection on ``today``, named as the
    last one was (the person can change it afterwards)."""
    return treatment_create(
        user=user,
        kind=TreatmentKind.BOTULINUM_TOXIN,
        name=last_injection_name(user),
        given_on=today,
    )


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


@transaction.atomic
def rating_save(
    *, user, week_start: dt.date, severity: int, frequency: int
) -> tuple[SelfRating, bool]:
    """Store ``user``'s rating of the week beginning ``week_start`` (a Monday), replacing
    the one already there. Returns the rating and whether it is new."""
    rating = (
        SelfRating.objects.select_for_update().for_user(user).filter(week_start=week_start).first()
    )
    created = rating is None
    if created:
        rating = SelfRating(user=user, week_start=week_start)
    rating.severity, rating.frequency = severity, frequency
    rating.full_clean(validate_unique=created)
    rating.save()
    return rating, created


@transaction.atomic
def rating_delete(*, rating: SelfRating) -> None:
    rating.delete()


# --- Reads ------------------------------------------------------------------------------


def _counts(user, first: dt.date, last: dt.date) -> dict[dt.date, int]:
    """Episodes per local day, first..last; one grouped query (days without any omitted)."""
    if last < first:
        return {}
    return {day: n for day, n in selectors.episodes_per_day(user, first, last) if n}


def _usable(treatment: Treatment) -> bool:
    # A date outside the app's range (imported, raw SQL) could not be shifted by 28 days.
    days = (treatment.given_on, treatment.ended_on)
    return all(day is None or in_range(day) for day in days) and (
        dt.date(1900, 2, 1) <= treatment.given_on <= dt.date(2999, 8, 1)
    )


def effect_for(user, treatment: Treatment, *, today: dt.date) -> Effect | None:
    """The effect of ``treatment`` as ``today`` sees it; one query. None for a stored date
    the arithmetic cannot use."""
    if not _usable(treatment):
        return None
    first, last = effect_window(treatment.given_on)
    counts = _counts(user, first, min(last, today - dt.timedelta(days=1)))
    return compute_effect(counts, given_on=treatment.given_on, today=today)


def before_during_for(user, treatment: Treatment, *, today: dt.date) -> BeforeDuring | None:
    """Episodes per day before and during ``treatment``; one query."""
    if not _usable(treatment):
        return None
    first = baseline_window(treatment.given_on)[0]
    window = during_window(treatment.given_on, treatment.ended_on, today)
    last = window[1] if window else treatment.given_on - dt.timedelta(days=1)
    counts = _counts(user, first, last)
    return compute_before_during(
        counts, given_on=treatment.given_on, ended_on=treatment.ended_on, today=today
    )


def effects_for(user, treatments: list[Treatment], *, today: dt.date) -> dict[int, Effect]:
    """The effect of each botulinum toxin injection in ``treatments``, by id; one grouped
    query over all their windows together (none without an injection)."""
    injections = [t for t in treatments if t.kind == TreatmentKind.BOTULINUM_TOXIN and _usable(t)]
    if not injections:
        return {}
    first = min(effect_window(t.given_on)[0] for t in injections)
    last = min(max(effect_window(t.given_on)[1] for t in injections), today - dt.timedelta(days=1))
    counts = _counts(user, first, last)
    return {t.pk: compute_effect(counts, given_on=t.given_on, today=today) for t in injections}


@dataclass(frozen=True)
class NextInjection:
    """What the dashboard says about booking the next injection."""

    last: Treatment
    weeks_since: int
    wore_off_week: int  # when the effect wore off last time (the last injection's own, once
    # it has worn off, else the one before's)
    own: bool  # True when wore_off_week is the last injection's own

    @property
    def book_now(self) -> bool:
        return self.own or self.weeks_since >= self.wore_off_week - BOOKING_WEEKS_AHEAD

    @property
    def book_in_weeks(self) -> int:
        return max(0, self.wore_off_week - BOOKING_WEEKS_AHEAD - self.weeks_since)


def next_injection(user, *, today: dt.date) -> NextInjection | None:
    """When the last injection's effect can be expected to wear off; None without at least
    one injection whose effect wore off. Two queries at most (one with no injection)."""
    last_two = list(
        Treatment.objects.for_user(user)
        .filter(kind=TreatmentKind.BOTULINUM_TOXIN, given_on__lte=today)
        .order_by("-given_on", "-id")[:2]
    )
    if not last_two:
        return None
    effects = effects_for(user, last_two, today=today)
    last = last_two[0]
    own = effects.get(last.pk)
    previous = effects.get(last_two[1].pk) if len(last_two) > 1 else None
    if own is not None and own.wears_off_week is not None:
        wore_off, is_own = own.wears_off_week, True
    elif previous is not None and previous.wears_off_week is not None:
        wore_off, is_own = previous.wears_off_week, False
    else:
        return None
    return NextInjection(
        last=last,
        weeks_since=(today - last.given_on).days // 7,
        wore_off_week=wore_off,
        own=is_own,
    )


def ratings_for(user) -> list[SelfRating]:
    """All of ``user``'s weekly ratings, oldest first."""
    return list(SelfRating.objects.for_user(user).order_by("week_start"))


# --- Rows for the report and the exports ------------------------------------------------

#: The CSV export's treatments.csv columns; the JSON export's rows add ``weeks``.
TREATMENT_COLUMNS = (
    "id",
    "kind",
    "name",
    "given_on",
    "ended_on",
    "dose",
    "notes",
    "baseline_per_day",
    "onset_week",
    "wears_off_week",
    "created_at",
    "updated_at",
)
#: The CSV export's self_ratings.csv columns, and the JSON export's rows.
RATING_COLUMNS = (
    "week_start",
    "severity",
    "frequency",
    "severity_words",
    "frequency_words",
    "created_at",
    "updated_at",
)
KIND_LABELS = dict(TreatmentKind.choices)


def _local_iso(moment: dt.datetime | None, zone) -> str | None:
    return local_time(moment, zone).isoformat() if moment is not None else None


def _overlaps(t: Treatment, first: dt.date) -> bool:
    """Whether ``t`` matters to days from ``first`` on: given then or later, still taken
    or stopped then or later, or an injection whose 16 weeks reach them."""
    if t.given_on >= first:
        return True
    if t.kind == TreatmentKind.BOTULINUM_TOXIN:
        return _usable(t) and effect_window(t.given_on)[1] >= first
    return t.ended_on is None or t.ended_on >= first


def treatment_rows(
    user, *, today: dt.date, first: dt.date | None = None, last: dt.date | None = None
) -> list[dict[str, Any]]:
    """``user``'s treatments oldest first as plain rows: ``TREATMENT_COLUMNS`` plus
    ``weeks`` (an injection's effect week by week, None for other kinds). Dates are
    ``date`` objects, times ISO 8601 in the person's zone. With ``first``/``last``, only
    the treatments that matter to those days (see ``_overlaps``). Two queries."""
    zone = user.profile.zone
    found = Treatment.objects.for_user(user).order_by("given_on", "id")
    if last is not None:
        found = found.filter(given_on__lte=last)
    found = [t for t in found if first is None or _overlaps(t, first)]
    effects = effects_for(user, found, today=today)
    rows = []
    for t in found:
        effect = effects.get(t.pk)
        rows.append(
            {
                "id": t.pk,
                "kind": t.kind,
                "name": t.name,
                "given_on": t.given_on,
                "ended_on": t.ended_on,
                "dose": t.dose,
                "notes": t.notes,
                "baseline_per_day": effect.baseline_per_day if effect else None,
                "onset_week": effect.onset_week if effect else None,
                "wears_off_week": effect.wears_off_week if effect else None,
                "weeks": [w.as_dict() for w in effect.weeks] if effect else None,
                "created_at": _local_iso(t.created_at, zone),
                "updated_at": _local_iso(t.updated_at, zone),
            }
        )
    return rows


def _words(choices, value: int) -> str:
    return str(choices(value).label) if value in choices.values else str(value)


def rating_rows(
    user, *, first: dt.date | None = None, last: dt.date | None = None
) -> list[dict[str, Any]]:
    """``user``'s weekly ratings oldest first as plain rows (``RATING_COLUMNS``); one query.
    With ``first``/``last``, only the weeks that overlap those days."""
    zone = user.profile.zone
    ratings = SelfRating.objects.for_user(user).order_by("week_start")
    if first is not None:
        ratings = ratings.filter(week_start__gte=first - dt.timedelta(days=6))
    if last is not None:
        ratings = ratings.filter(week_start__lte=last)
    return [
        {
            "week_start": r.week_start,
            "severity": r.severity,
            "frequency": r.frequency,
            "severity_words": _words(RatingSeverity, r.severity),
            "frequency_words": _words(RatingFrequency, r.frequency),
            "created_at": _local_iso(r.created_at, zone),
            "updated_at": _local_iso(r.updated_at, zone),
        }
        for r in ratings
    ]


def report_section(user, *, first: dt.date, last: dt.date, today: dt.date) -> dict[str, Any]:
    """What the doctor report shows of treatments and ratings for ``first``..``last``:
    ``treatments`` (rows as ``treatment_rows``, with ``kind_label``), ``injections`` (the
    botulinum toxin ones), ``ratings`` (as ``rating_rows``) and ``latest_rating``. Three
    queries."""
    rows = treatment_rows(user, today=today, first=first, last=last)
    for row in rows:
        row["kind_label"] = KIND_LABELS.get(row["kind"], row["kind"])
    ratings = rating_rows(user, first=first, last=last)
    return {
        "treatments": rows,
        "injections": [r for r in rows if r["kind"] == TreatmentKind.BOTULINUM_TOXIN],
        "ratings": ratings,
        "latest_rating": ratings[-1] if ratings else None,
    }

"""Small display helpers for journal templates."""

import datetime as dt
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS, MONTHS_3, WEEKDAYS, WEEKDAYS_ABBR

from journal.dates import format_duration, local_time
from journal.models import SIDE_LABELS, Episode

register = template.Library()


@register.filter
def duration(seconds: int | None) -> str:
    """Seconds as words a person reads at a glance (``journal.dates.format_duration``):
    "45 s", "2 min 5 s", "1 h 30 min"; None (not known) becomes "Not recorded"."""
    return format_duration(seconds, "Not recorded")


class _ShownDateTime(dt.datetime):
    """A datetime already in the zone it is shown in: Django's templates leave it as is."""

    convert_to_local_time = False


@register.filter(name="local_time", expects_localtime=False)
def local_time_filter(moment):
    """A stored instant in the current time zone, for ``|date`` and ``|time`` after it.

    What those filters would show by themselves, except that a stored value the zone
    cannot show (the years 1 and 9999) is shown in UTC instead of failing the page: see
    ``journal.dates.local_time``. Anything but an aware datetime is returned as it is.
    """
    if not isinstance(moment, dt.datetime) or timezone.is_naive(moment):
        return moment
    shown = local_time(moment, timezone.get_current_timezone())
    return _ShownDateTime(
        *shown.timetuple()[:6], shown.microsecond, tzinfo=shown.tzinfo, fold=shown.fold
    )


# Dates written as the date filter writes them, without its per-call format lookups: pages
# that show a date per row (the journal, the glance, the insights table) call these instead.


def day_and_month(day: dt.date) -> str:
    """Like ``date:"j F"``: "3 March"."""
    return f"{day.day} {MONTHS[day.month]}"


def weekday_day_month(day: dt.date) -> str:
    """Like ``date:"l j F"``: "Tuesday 3 March"."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month]}"


def long_date(day: dt.date) -> str:
    """Like ``date:"l j F Y"``: "Tuesday 3 March 2026"."""
    return f"{weekday_day_month(day)} {day.year:04d}"


def short_date(day: dt.date) -> str:
    """Like ``date:"D j M"``: "Tue 3 Mar"."""
    return f"{WEEKDAYS_ABBR[day.weekday()]} {day.day} {str(MONTHS_3[day.month]).title()}"


def short_weekday(day: dt.date) -> str:
    """Like ``date:"D"|slice:":2"``: "Tu"."""
    return str(WEEKDAYS_ABBR[day.weekday()])[:2]


def one_decimal(value: float | Decimal) -> str:
    """``value`` as ``floatformat:"-1"`` writes it: "7" for 7.0, else one decimal, halves up."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if number == number.to_integral_value():
        return f"{int(number)}"
    return f"{number.quantize(Decimal('0.1'), ROUND_HALF_UP)}"


def _joined(labels: list[str]) -> str:
    """Labels (lazily translated) joined as ``|join:", "`` would."""
    return ", ".join(map(str, labels))


# Any id that cannot appear elsewhere in the journal's paths.
_ID_MARKER = 987654321


def _path_for_id(view_name: str) -> Callable[[int], str]:
    """``reverse(view_name, args=[pk])`` for any ``pk``, from a single reverse() call.

    A page of cards needs three links per episode; reversing each costs more than the rest
    of the card.
    """
    before, after = reverse(view_name, args=[_ID_MARKER]).rsplit(str(_ID_MARKER), 1)
    return lambda pk: f"{before}{pk}{after}"


@dataclass(frozen=True, slots=True)
class EpisodeCard:
    """What an episode's card in the journal list shows, worked out once per episode.

    Times are in the current time zone (the person's, set by UserTimezoneMiddleware), written
    exactly as the template filters would: ``datetime`` as ``date:"c"``, ``time`` as
    ``time:"H:i"``, ``date`` as ``date:"j F"``.
    """

    pk: int
    alert: bool  # a possible stroke sign
    datetime: str
    time: str
    date: str
    where: str  # "Eyelid, Cheek, left": the places, then the side
    intensity: int | None
    duration: str  # "2 min 5 s", "not recorded"
    signs: str | None  # "Pain, Redness"; None when no other signs were recorded
    url: str
    edit_url: str
    delete_url: str


@dataclass(frozen=True, slots=True)
class EpisodeDay:
    """One local day of a page of episodes: the ``id`` is its ISO date, for anchors."""

    id: str
    heading: str
    cards: list[EpisodeCard]
    #: The address of that day's daily log (to add or see it).
    log_url: str = ""
    #: That day's DailyLog, when the view loaded it (the journal list does), else None.
    log: Any = None


@register.simple_tag
def episode_days(episodes: Iterable[Episode]) -> list[EpisodeDay]:
    """Cards for ``episodes`` (newest first), grouped by local day as ``{% regroup %}`` would.

    No queries: everything comes from the episodes' own fields.
    """
    detail_path = _path_for_id("journal:episode_detail")
    edit_path = _path_for_id("journal:episode_edit")
    delete_path = _path_for_id("journal:episode_delete")
    log_before, log_after = reverse("journal:daily_log", args=["2000-01-01"]).rsplit("2000-01-01")
    zone = timezone.get_current_timezone()
    local = [(local_time(episode.started_at, zone), episode) for episode in episodes]
    days = []
    for day, group in itertools.groupby(local, key=lambda pair: pair[0].date()):
        cards = []
        for moment, episode in group:
            side = SIDE_LABELS.get(episode.side, episode.side)
            where = f"{_joined(episode.get_locations_display())}, {str(side).lower()}"
            cards.append(
                EpisodeCard(
                    pk=episode.pk,
                    alert=episode.has_emergency_signs,
                    datetime=moment.isoformat(),
                    time=f"{moment:%H:%M}",
                    date=day_and_month(moment),
                    where=where,
                    intensity=episode.intensity,
                    duration=duration(episode.duration_seconds).lower(),
                    signs=_joined(episode.get_symptoms_display()) if episode.symptoms else None,
                    url=detail_path(episode.pk),
                    edit_url=edit_path(episode.pk),
                    delete_url=delete_path(episode.pk),
                )
            )
        iso = day.isoformat()
        days.append(
            EpisodeDay(
                id=iso, heading=long_date(day), cards=cards, log_url=f"{log_before}{iso}{log_after}"
            )
        )
    return days

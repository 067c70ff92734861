"""The journal's month view: a calendar of the person's local days, each shaded by how many
twitches were logged on it, with the count written in the day (never colour alone)."""

import calendar as pycalendar
import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from journal import selectors
from journal.dates import EARLIEST, LATEST

#: Shade levels by count: 0, 1, 2-3, 4-5, 6 or more (the legend says so).
SHADE_BOUNDS = (1, 2, 4, 6)
SHADE_LABELS = ("None", "1", "2 to 3", "4 to 5", "6 or more")
WEEKDAYS = [
    ("Monday", "Mon"), ("Tuesday", "Tue"), ("Wednesday", "Wed"), ("Thursday", "Thu"),
    ("Friday", "Fri"), ("Saturday", "Sat"), ("Sunday", "Sun"),
]  # fmt: skip


def shade(count: int) -> int:
    """The shade level 0..4 for a day with ``count`` twitches."""
    return sum(count >= bound for bound in SHADE_BOUNDS)


def _add_months(first: dt.date, months: int) -> dt.date | None:
    """The first day of the month ``months`` away, or None outside the app's date range."""
    index = first.year * 12 + first.month - 1 + months
    year, month = divmod(index, 12)
    if not EARLIEST.year <= year <= LATEST.year:
        return None
    return dt.date(year, month + 1, 1)


def month_weeks(first: dt.date, counts: dict[dt.date, int], today: dt.date) -> list[list[Any]]:
    """The month's weeks, Monday first: each day a dict, days of other months None."""
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        row = []
        for day in week:
            if day.month != first.month:
                row.append(None)
                continue
            count = counts.get(day, 0)
            row.append(
                {
                    "date": day,
                    "count": count,
                    "shade": shade(count),
                    "future": day > today,
                    "today": day == today,
                }
            )
        weeks.append(row)
    return weeks


@login_required
@require_GET
def month(request: HttpRequest, first: dt.date | None = None) -> HttpResponse:
    """One month of the person's local days (this month without ``first``).

    Two queries beyond the session: the profile comes with the user, and the counts are
    one query grouped by local day (``selectors.episodes_per_day``).
    """
    today = request.user.profile.local_date()
    first = first or today.replace(day=1)
    last = first.replace(day=pycalendar.monthrange(first.year, first.month)[1])
    days = selectors.episodes_per_day(request.user, first, last)
    counts = dict(days)
    context = {
        "first": first,
        "weeks": month_weeks(first, counts, today),
        "total": sum(counts.values()),
        "previous": _add_months(first, -1),
        "next": _add_months(first, 1),
        "this_month": today.replace(day=1),
        "legend": list(enumerate(SHADE_LABELS)),
        "weekdays": WEEKDAYS,
    }
    return render(request, "journal/episode_month.html", context)

"""The one rule for dates a person can give the app, and times that can always be shown.

Every date typed or sent (forms, query strings, addresses, the API) must fall within
``EARLIEST``..``LATEST``. Anything outside is a typo, and keeping to it means every stored
instant can be shifted into any time zone: Python's ``datetime`` stops at the years 1 and
9999, and the year 1 in Los Angeles began before the year 1 in UTC.

Rows written before the rule, or around it (an import, the admin, raw SQL), may still
hold such a date; ``local_time`` shows them without failing.
"""

import datetime as dt
from typing import Final

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST: Final = dt.date(1900, 1, 1)
LATEST: Final = dt.date(2999, 12, 31)
DATE_RANGE_MESSAGE: Final = _("Enter a date between 1900 and 2999.")


def in_range(value: dt.date | dt.datetime) -> bool:
    """True when ``value``'s date (a datetime's own wall-clock date) is in the app's range."""
    day = value.date() if isinstance(value, dt.datetime) else value
    return EARLIEST <= day <= LATEST


def validate_date_in_range(value: dt.date | dt.datetime) -> None:
    """Refuse a date, or a datetime whose wall-clock date, is outside 1900..2999.

    A datetime is judged by the date it shows in its own zone, so the same local midnight
    of 1 January 1900 is accepted whatever zone the person is in.
    """
    if value is not None and not in_range(value):
        raise ValidationError(DATE_RANGE_MESSAGE, code="date_out_of_range")


def local_time(moment: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """``moment`` in ``zone``; in UTC when ``zone``'s wall clock would fall outside the
    years 1..9999 that Python can represent (only possible for a stored value outside the
    app's range). Never raises for an aware ``moment``.
    """
    try:
        return moment.astimezone(zone)
    except OverflowError:
        return moment.astimezone(dt.UTC)


def format_duration(seconds: int | None, unknown: str = "unknown") -> str:
    """A duration in words a reader takes in at a glance: "45 s", "2 min 5 s", "1 h 20 min".

    The one duration format: the report, the PDF and the journal's pages all use it.
    ``unknown`` is said for None.
    """
    if seconds is None or seconds == "":
        return unknown
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"

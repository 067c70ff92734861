"""URL converters for the journal."""

import datetime as dt

from django.urls import register_converter

from journal.dates import in_range


class IsoDateConverter:
    """A calendar date written YYYY-MM-DD, within the app's range (``journal.dates``).

    Anything else does not match, so the address is a 404: an impossible date such as
    2026-02-30, and a real one outside 1900..2999 such as 0001-01-01.
    """

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> dt.date:
        # A ValueError here makes the URL resolver treat the path as not matching.
        day = dt.date.fromisoformat(value)
        if not in_range(day):
            raise ValueError(f"{value} is outside the app's date range")
        return day

    def to_url(self, value: dt.date | str) -> str:
        return value.isoformat() if isinstance(value, dt.date) else value


class IsoMonthConverter:
    """A month written YYYY-MM, within the app's range: its first day, or no match (404).

    1899-12, 3000-01 and 2026-13 do not match.
    """

    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> dt.date:
        first = dt.date.fromisoformat(f"{value}-01")  # a ValueError is a 404
        if not in_range(first):
            raise ValueError(f"{value} is outside the app's date range")
        return first

    def to_url(self, value: dt.date | str) -> str:
        return f"{value:%Y-%m}" if isinstance(value, dt.date) else value


# Registered here, once, for the pages' and the API's addresses alike.
register_converter(IsoDateConverter, "isodate")
register_converter(IsoMonthConverter, "isomonth")

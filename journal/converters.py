"""URL converters for the journal."""

import datetime as dt


class IsoDateConverter:
    """A calendar date written YYYY-MM-DD. Anything else (2026-02-30 too) does not match: 404."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> dt.date:
        # A ValueError here makes the URL resolver treat the path as not matching.
        return dt.date.fromisoformat(value)

    def to_url(self, value: dt.date | str) -> str:
        return value.isoformat() if isinstance(value, dt.date) else value

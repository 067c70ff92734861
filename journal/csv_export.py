"""Every CSV TwitchCare writes, in one place: the report's, and the data export's three files.

Each writer yields its text a line at a time (header first), so a caller can stream it
(``journal.export.export_csv_zip_stream``) or join it (the report's CSV). Every cell is
quoted, and spreadsheet formulas are neutralised in every cell (``csv_safe``), so a note
typed as ``=HYPERLINK(...)`` stays text.
"""

import csv
import datetime as dt
import io
import re
import zoneinfo
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from journal.dates import local_time
from journal.models import (
    LOCATION_LABELS,
    SIDE_LABELS,
    SYMPTOM_LABELS,
    TRIGGER_LABELS,
    DailyLog,
    Episode,
)
from twitchcare.vocabulary import FACTORS

#: A formula character where a spreadsheet may start reading a cell: at the very start, or
#: after a separator it may split on (",", ";") or a line break, spaces between allowed.
FORMULA_AT_A_CELL_START = re.compile(r"(^|[,;\r\n])( *)(?=[=+\-@\t\r])")
#: Any character a formula could start with: a cell without one needs no look at its starts
#: (a tenth of the cost; most cells are codes like "eyelid;cheek").
FORMULA_CHARACTER = re.compile(r"[=+\-@\t\r]")

#: The data export's account.csv.
ACCOUNT_CSV_COLUMNS = (
    "username",
    "email",
    "date_joined",
    "time_zone",
    "plan_started_on",
    "twitch_began_on",
    "emergency_seen_at",
    "reminders_enabled",
    "reminder_time",
    "health_data_consent_at",
)

#: The data export's episodes.csv: the stored codes a program reads back.
EPISODE_CSV_COLUMNS = (
    "started_at",
    "local_date",
    "duration_seconds",
    "locations",
    "side",
    "intensity",
    "triggers",
    "symptoms",
    "notes",
)

#: The data export's daily_logs.csv.
DAILY_LOG_CSV_COLUMNS = ("date", *(factor.name for factor in FACTORS), "checklist_done", "notes")

#: The report CSV's header: words a doctor's spreadsheet shows as they are.
REPORT_CSV_COLUMNS = (
    "Started (local time, ISO 8601 with offset)",
    "Local date",
    "Duration (seconds)",
    "Where",
    "Side",
    "Strength (1-10)",
    "Possible triggers",
    "Other signs",
    "Notes",
)


def csv_safe(value) -> str:
    """The cell as text, with an apostrophe before every formula character (``= + - @``, tab,
    carriage return) a spreadsheet could read as the start of a cell: the text's first
    character, and the first after a ``,``, a ``;`` or a line break (a spreadsheet splitting
    on ``;`` would otherwise run ``note;=cmd``).

    Numbers we wrote ourselves (ints, decimals) are never prefixed; a negative number cannot
    occur in the journal anyway.
    """
    if value is None:
        return ""
    if isinstance(value, bool | int | Decimal | float):
        return str(value)
    text = str(value)
    if FORMULA_CHARACTER.search(text) is None:
        return text
    return FORMULA_AT_A_CELL_START.sub(r"\1\2'", text)


def _cell(value, zone: zoneinfo.ZoneInfo) -> str:
    """A stored value as a CSV cell; instants in the person's zone, with the offset."""
    if isinstance(value, dt.datetime):
        return local_time(value, zone).isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return csv_safe(value)


def csv_lines(columns: Sequence[str], rows: Iterable[dict]) -> Iterator[str]:
    """The header, then one line per row (a dict of cells already made safe).

    Every cell is quoted, so no separator inside one can split it.
    """
    buffer = io.StringIO()
    # "ignore": every row is built from ``columns``; DictWriter would otherwise compare each
    # row's keys with them, a third of the cost of writing a row.
    writer = csv.DictWriter(
        buffer, fieldnames=list(columns), quoting=csv.QUOTE_ALL, extrasaction="ignore"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if tail := buffer.getvalue():  # the header alone, when there are no rows
        yield tail


def rows_csv_lines(columns: Sequence[str], rows: Iterable[dict]) -> Iterator[str]:
    """Plain rows (dicts) under ``columns``, every cell through ``csv_safe``."""
    return csv_lines(columns, ({name: csv_safe(row.get(name)) for name in columns} for row in rows))


def episode_csv_row(episode: Mapping[str, Any], zone: zoneinfo.ZoneInfo) -> dict[str, str]:
    """One episode (a plain row of its fields, lists decoded) as CSV cells; ``started_at`` is
    ISO 8601 with the person's offset."""
    local = local_time(episode["started_at"], zone)
    return {
        "started_at": local.isoformat(),
        "local_date": local.date().isoformat(),
        "duration_seconds": csv_safe(episode["duration_seconds"]),
        "locations": csv_safe(";".join(episode["locations"])),
        "side": csv_safe(episode["side"]),
        "intensity": csv_safe(episode["intensity"]),
        "triggers": csv_safe(";".join(episode["triggers"])),
        "symptoms": csv_safe(";".join(episode["symptoms"])),
        "notes": csv_safe(episode["notes"]),
    }


def episodes_csv_lines(
    episodes: Iterable[Mapping[str, Any]],
    zone: zoneinfo.ZoneInfo,
    *,
    extra_columns: Sequence[str] = (),
) -> Iterator[str]:
    """One row per episode (plain rows, as ``journal.export`` reads them), in the order given.

    ``extra_columns`` (such as ``id``, ``created_at``) come first, read from the row as they
    are; the full data export uses them.
    """

    def rows():
        for episode in episodes:
            row = episode_csv_row(episode, zone)
            row.update({name: _cell(episode[name], zone) for name in extra_columns})
            yield row

    return csv_lines([*extra_columns, *EPISODE_CSV_COLUMNS], rows())


def daily_logs_csv_lines(
    logs: Iterable[DailyLog], zone: zoneinfo.ZoneInfo, *, extra_columns: Sequence[str] = ()
) -> Iterator[str]:
    """One row per daily log; lists are semicolon-joined, unknown factors empty."""

    def rows():
        for log in logs:
            row = {name: _cell(getattr(log, name), zone) for name in DAILY_LOG_CSV_COLUMNS}
            row["checklist_done"] = csv_safe(";".join(log.checklist_done))
            row.update({name: _cell(getattr(log, name), zone) for name in extra_columns})
            yield row

    return csv_lines([*DAILY_LOG_CSV_COLUMNS, *extra_columns], rows())


def _labels(codes: Iterable[str], labels: dict[str, str]) -> str:
    return "; ".join(str(labels.get(code, code)) for code in codes)


def report_csv_row(episode: Episode, zone: zoneinfo.ZoneInfo) -> dict:
    """One episode as the report CSV shows it: labels, not codes; local time with offset."""
    local = local_time(episode.started_at, zone)
    return dict(
        zip(
            REPORT_CSV_COLUMNS,
            (
                local.isoformat(),
                local.date().isoformat(),
                episode.duration_seconds,
                _labels(episode.locations, LOCATION_LABELS),
                str(SIDE_LABELS.get(episode.side, episode.side)),
                episode.intensity,
                _labels(episode.triggers, TRIGGER_LABELS),
                _labels(episode.symptoms, SYMPTOM_LABELS),
                episode.notes,
            ),
            strict=True,
        )
    )


def report_csv_lines(episodes: Iterable[Episode], zone: zoneinfo.ZoneInfo) -> Iterator[str]:
    """The report's CSV: one row per episode in the order given, for a person to read.

    The data export's episodes.csv keeps the stored codes a program reads back; this one is
    for people.
    """
    return rows_csv_lines(REPORT_CSV_COLUMNS, (report_csv_row(e, zone) for e in episodes))

"""Everything TwitchCare holds about one person, for them to download (GDPR articles 15 and 20).

``export_json_stream`` writes the JSON body that ``GET /api/export/`` answers and the
settings page offers as a file; ``export_csv_zip_stream`` packs the same rows as
spreadsheets (``journal.csv_export`` writes them). Both are streamed: the episodes and daily
logs are read ``CHUNK_ROWS`` at a time (``QuerySet.iterator``) and sent as they are
written, so a server process holds a chunk, never the whole history, however long the
journal is. Both read with a fixed number of queries (profile, episodes, daily logs).
Episodes and daily logs are shown by the API's own serializers, so an export reads exactly
like the API answers the person already knows. ``export_data`` and ``export_csv_zip`` build
the same bodies in memory, for tests and callers that want them whole.
"""

import datetime as dt
import json
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone
from rest_framework.compat import INDENT_SEPARATORS, LONG_SEPARATORS, SHORT_SEPARATORS
from rest_framework.renderers import JSONRenderer

from journal import attachments, csv_export, treatments
from journal.api.serializers import DailyLogSerializer, EpisodeSerializer
from journal.dates import local_time
from journal.models import DailyLog, Episode

#: Rows read from the database, and written out, at a time.
CHUNK_ROWS = 500


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _local_iso(moment: dt.datetime | None, zone) -> str | None:
    return local_time(moment, zone).isoformat() if moment is not None else None


def account_data(user) -> dict[str, Any]:
    """The account and its settings; times with the person's UTC offset."""
    profile = user.profile
    zone = profile.zone
    return {
        "username": user.username,
        "email": user.email,
        "date_joined": _local_iso(user.date_joined, zone),
        "time_zone": profile.time_zone,
        "plan_started_on": _iso(profile.plan_started_on),
        "twitch_began_on": _iso(profile.twitch_began_on),
        "emergency_seen_at": _iso(
            profile.emergency_seen_at and profile.emergency_seen_at.astimezone(zone)
        ),
        "reminders_enabled": profile.reminders_enabled,
        "reminder_time": profile.reminder_time.strftime("%H:%M"),
        "health_data_consent_at": _local_iso(profile.health_data_consent_at, zone),
    }


def _episodes(user):
    return Episode.objects.for_user(user).order_by("started_at", "id")


#: An episode's fields the spreadsheet reads as they are, and its JSON lists of codes.
EPISODE_CSV_FIELDS = (
    "id", "started_at", "duration_seconds", "side", "intensity", "notes",
    "created_at", "updated_at", "client_id",
)  # fmt: skip
EPISODE_LIST_FIELDS = ("locations", "triggers", "symptoms")


def _episode_csv_rows(user) -> Iterator[dict[str, Any]]:
    """``user``'s episodes as plain rows for episodes.csv, ``CHUNK_ROWS`` at a time.

    No model instances, and each JSON list is fetched as text and decoded once per distinct
    text (a person repeats the same few lists): those were half the cost of a long history's
    spreadsheet. Lists come back as the stored lists, so the cells are the same.
    """
    as_text = {f"{name}_text": Cast(name, TextField()) for name in EPISODE_LIST_FIELDS}
    rows = _episodes(user).values(*EPISODE_CSV_FIELDS, **as_text)
    decoded: dict[str | None, list] = {}
    for row in _chunked(rows):
        for name in EPISODE_LIST_FIELDS:
            text = row.pop(f"{name}_text")
            if text not in decoded:
                decoded[text] = json.loads(text) if text else []
            row[name] = decoded[text]
        yield row


def _daily_logs(user):
    return DailyLog.objects.for_user(user).order_by("date")


def _chunked(queryset):
    return queryset.iterator(chunk_size=CHUNK_ROWS)


def _context(user) -> dict:
    profile = user.profile
    return {"zone": profile.zone, "profile": profile}


def _head(user, now: dt.datetime | None) -> dict[str, Any]:
    """Everything but the two long lists: the account, the treatments and the weekly
    self-ratings (a handful of rows each, read at once)."""
    profile = user.profile
    return {
        "exported_at": (now or timezone.now()).astimezone(profile.zone).isoformat(),
        "account": account_data(user),
        "treatments": treatments.treatment_rows(user, today=profile.local_date(now)),
        "self_ratings": treatments.rating_rows(user),
        "attachments": attachments.export_listing(user),
    }


def _serialized(queryset, serializer_class, context: dict) -> Iterator[dict]:
    """Each row as the API shows it, read a chunk at a time."""
    child = serializer_class(context=context)
    for item in _chunked(queryset):
        yield child.to_representation(item)


def export_data(user, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """``{exported_at, account, treatments, self_ratings, episodes, daily_logs}``: all of
    ``user``'s data, oldest first, as one dict in memory (the streamed download is
    ``export_json_stream``)."""
    context = _context(user)
    return {
        **_head(user, now),
        "episodes": list(_serialized(_episodes(user), EpisodeSerializer, context)),
        "daily_logs": list(_serialized(_daily_logs(user), DailyLogSerializer, context)),
    }


# --- JSON, streamed -----------------------------------------------------------------------

_LISTS = ("episodes", "daily_logs")


class _JSONWriter:
    """Writes JSON exactly as DRF's ``JSONRenderer`` does (same encoder and separators, the
    same escaping of U+2028 and U+2029), so the streamed body equals the rendered one."""

    def __init__(self, indent: int | None):
        renderer = JSONRenderer()
        self.indent = indent or None
        self.options = {
            "cls": renderer.encoder_class,
            "ensure_ascii": renderer.ensure_ascii,
            "allow_nan": not renderer.strict,
        }
        if self.indent is not None:
            self.options["separators"] = INDENT_SEPARATORS
        else:
            self.options["separators"] = SHORT_SEPARATORS if renderer.compact else LONG_SEPARATORS

    def dumps(self, value, indent: int | None = None) -> str:
        text = json.dumps(value, indent=indent, **self.options)
        return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")

    def items(self, rows: Iterable[dict]) -> Iterator[str]:
        """A list that is the value of a top-level key, a chunk of rows at a time."""
        if self.indent is None:
            opening, between, closing = "[", ",", "]"
            pad = ""
        else:
            pad = " " * (2 * self.indent)
            opening, between, closing = "[\n", ",\n", "\n" + " " * self.indent + "]"
        written, chunk = 0, []
        for row in rows:
            text = self.dumps(row, self.indent)
            if pad:
                text = pad + text.replace("\n", "\n" + pad)
            chunk.append((between if written else opening) + text)
            written += 1
            if len(chunk) == CHUNK_ROWS:
                yield "".join(chunk)
                chunk = []
        chunk.append(closing if written else "[]")
        yield "".join(chunk)


def export_json_stream(
    user, *, indent: int | None = None, now: dt.datetime | None = None
) -> Iterator[bytes]:
    """The body of ``export_data`` as JSON (UTF-8), in pieces, reading a chunk at a time.

    Byte for byte what ``JSONRenderer().render(export_data(user), renderer_context={"indent":
    indent})`` gives. The account is read at once; the episodes and daily logs as the pieces
    are taken.
    """
    writer = _JSONWriter(indent)
    context = _context(user)
    # The frame, with a marker where each list goes; the lists come last.
    markers = {name: f"\x00{name}\x00" for name in _LISTS}
    frame = writer.dumps({**_head(user, now), **markers}, writer.indent)
    parts = []
    for name in reversed(_LISTS):
        frame, _, after = frame.rpartition(writer.dumps(markers[name]))
        parts.insert(0, after)
    sources = {
        "episodes": (_episodes(user), EpisodeSerializer),
        "daily_logs": (_daily_logs(user), DailyLogSerializer),
    }

    def pieces() -> Iterator[bytes]:
        yield frame.encode()
        for name, after in zip(_LISTS, parts, strict=True):
            queryset, serializer_class = sources[name]
            for text in writer.items(_serialized(queryset, serializer_class, context)):
                yield text.encode()
            yield after.encode()

    return pieces()


# --- CSV zip, streamed --------------------------------------------------------------------


def export_filename(user, extension: str, *, now: dt.datetime | None = None) -> str:
    day = user.profile.local_date(now)
    return f"twitchcare-export-{day.isoformat()}.{extension}"


class _Pipe:
    """A write-only file for ``zipfile``: it keeps what is written until taken.

    It has no ``tell`` or ``seek``, so ``zipfile`` writes each member's sizes after its
    data (a data descriptor) and never goes back: the zip can be sent as it is made.
    """

    def __init__(self):
        self.chunks: list[bytes] = []

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


def _csv_files(user) -> list[tuple[str, Iterable[str]]]:
    profile = user.profile
    zone = profile.zone
    today = profile.local_date()
    return [
        (
            "account.csv",
            csv_export.rows_csv_lines(csv_export.ACCOUNT_CSV_COLUMNS, [account_data(user)]),
        ),
        (
            "episodes.csv",
            csv_export.episodes_csv_lines(
                _episode_csv_rows(user),
                zone,
                extra_columns=("id", "created_at", "updated_at", "client_id"),
            ),
        ),
        (
            "daily_logs.csv",
            csv_export.daily_logs_csv_lines(
                _chunked(_daily_logs(user)),
                zone,
                extra_columns=("created_at", "updated_at", "client_id"),
            ),
        ),
        (
            "treatments.csv",
            csv_export.rows_csv_lines(
                treatments.TREATMENT_COLUMNS, treatments.treatment_rows(user, today=today)
            ),
        ),
        (
            "self_ratings.csv",
            csv_export.rows_csv_lines(treatments.RATING_COLUMNS, treatments.rating_rows(user)),
        ),
    ]


def _csv_bytes(lines: Iterable[str]) -> Iterator[bytes]:
    batch = []
    for line in lines:
        batch.append(line)
        if len(batch) == CHUNK_ROWS:
            yield "".join(batch).encode()
            batch = []
    yield "".join(batch).encode()


def export_csv_zip_stream(user) -> Iterator[bytes]:
    """A zip of CSV files (account.csv, episodes.csv, daily_logs.csv, treatments.csv and
    self_ratings.csv) and the person's photos and videos (``attachments.csv`` and
    ``attachments/<id>.<ext>``), in pieces.

    Each CSV file is deflated as its rows are written, ``CHUNK_ROWS`` lines at a time, and
    each photo or video a block at a time. Spreadsheet formulas are neutralised in every
    cell (see ``csv_export.csv_safe``).
    """
    members = [(name, _csv_bytes(lines)) for name, lines in _csv_files(user)]
    members += attachments.zip_members(user)

    def pieces() -> Iterator[bytes]:
        pipe = _Pipe()
        with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, blocks in members:
                with archive.open(name, "w") as member:
                    for block in blocks:
                        member.write(block)
                        yield pipe.take()
                yield pipe.take()
        yield pipe.take()

    return pieces()


def export_csv_zip(user) -> bytes:
    """The zip of ``export_csv_zip_stream``, whole."""
    return b"".join(export_csv_zip_stream(user))

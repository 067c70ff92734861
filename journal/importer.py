"""Bring a journal back in from the app's own exports (SPEC, "Interoperability").

``import_journal`` takes the bytes of an upload: the JSON export (``GET /api/export/``, the
settings page's JSON download) or the CSV zip (the settings page's spreadsheet download),
and stores its episodes, daily logs, treatments, weekly self-ratings, settings and (from
the zip) photos and videos for ``user``. The promise:

- **Checked first, all or nothing.** Every row is checked with the API's serializers and
  the models' own rules before anything is written; then everything is written in one
  transaction. Any problem raises ``ImportRefused`` with messages that name the file and
  the row ("episodes row 12: intensity: ..."), and nothing is stored.
- **An empty account only, unless merging.** An account that already has an episode, a
  daily log or a treatment is refused (``ImportRefused.code == "not_empty"``) unless
  ``merge`` is true.
- **Merging never duplicates.** An episode is the same entry as one already stored when
  their ``client_id``s match. An entry without one (an export made before exports carried
  them, or an entry typed on a page) gets a stable id derived from its content
  (``content_keys``), so importing the same file twice adds nothing the second time.
  Daily logs merge by date: factors the stored log lacks are filled in, nothing recorded is
  overwritten. Treatments have no ``client_id``: one with the same kind, name, dates, dose
  and notes is the same treatment. A week's self-rating already there is kept. A photo or
  video is already there when its episode holds the same bytes (as exported, or as the
  import would store them).
- **The account's settings** (time zone, plan start, when the twitching began, when an
  emergency was seen about, reminder preference) are taken from the file on a fresh import
  and left alone on a merge.
- **Photos and videos** come only from the zip (``attachments.csv`` says which episode each
  ``attachments/<id>.<ext>`` belongs to; the JSON export lists them but cannot carry them,
  and says so in ``ImportSummary.attachments_left_out``). Each file is checked exactly as an
  upload is (``journal.attachments.check_file``: type from its first bytes, size limits,
  photos re-encoded without metadata; 3 an episode at most). Files are written to the
  storage inside the import's transaction; if anything fails, every file written is
  deleted again, so a refused import leaves no file behind.
- **Limits.** At most ``MAX_UPLOAD_BYTES`` for a JSON file and ``MAX_ZIP_UPLOAD_BYTES`` for
  a zip; a zip's members are checked by their declared uncompressed sizes before any is
  read (``MAX_UNCOMPRESSED_BYTES`` in all, ``MAX_CSV_BYTES`` for the spreadsheets, each
  member at most ``MAX_RATIO`` times its compressed size), and read no further than that.
  Anything unreadable is an ``ImportRefused``, never a crash.
"""

import csv
import datetime as dt
import hashlib
import io
import json
import re
import shutil
import tempfile
import uuid
import zipfile
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from rest_framework import serializers

from guidance.models import ChecklistItem
from journal import attachments
from journal.api.serializers import DailyLogSerializer, EpisodeSerializer
from journal.models import (
    Attachment,
    DailyLog,
    Episode,
    Profile,
    SelfRating,
    Treatment,
    zone_named,
)

MB = 1024 * 1024
#: A JSON export is read whole into memory.
MAX_UPLOAD_BYTES = 20 * MB
#: A zip is read from the uploaded file a member at a time; with photos and videos it can
#: be large. 2 GB holds, say, 400 episodes with three phone photos each and a few dozen
#: clips.
MAX_ZIP_UPLOAD_BYTES = 2048 * MB
MAX_UNCOMPRESSED_BYTES = 2048 * MB
#: The spreadsheets are parsed in memory: their own, smaller, budget.
MAX_CSV_BYTES = 60 * MB
#: The CSV files and attachments.csv, plus up to three files an episode for this many.
MAX_ATTACHMENTS = 3_000
MAX_ZIP_MEMBERS = 10 + MAX_ATTACHMENTS
#: A member that unpacks to more than this many times its compressed size (and over
#: ``RATIO_FROM_BYTES``) is a zip bomb: photos and videos barely compress, and CSV text
#: compresses about tenfold.
MAX_RATIO = 100
RATIO_FROM_BYTES = 1 * MB
MAX_ROWS = 100_000
MAX_MESSAGES = 20
ZIP_MAGIC = b"PK\x03\x04"
ATTACHMENT_PREFIX = "attachments/"

#: Entries that carry no ``client_id`` get one derived from their content under this
#: namespace: the same content always gives the same id.
NAMESPACE = uuid.UUID("8f8d8a5e-1d7b-4e55-9a0e-6b1c5e3a7c21")

#: What ``journal.reports.csv_safe`` put before a formula character; taken off on the way in.
#: (A text that itself had an apostrophe just there loses it: the CSV cannot tell them apart;
#: the JSON export keeps every text as it was.)
CSV_FORMULA_GUARD = re.compile(r"(^|[,;\r\n])( *)'(?=[=+\-@\t\r])")

PROFILE_FIELDS = (
    "time_zone",
    "plan_started_on",
    "twitch_began_on",
    "emergency_seen_at",
    "reminders_enabled",
    "reminder_time",
)
DAILY_FACTOR_FIELDS = (
    "sleep_hours",
    "caffeine_servings",
    "alcohol_drinks",
    "stress_level",
    "screen_hours",
    "water_glasses",
)
#: What the export's treatment rows carry that is the person's (the rest is computed).
TREATMENT_FIELDS = ("kind", "name", "given_on", "ended_on", "dose", "notes")
#: What the export's self-rating rows carry that is the person's (the words are computed).
RATING_FIELDS = ("week_start", "severity", "frequency")


class ImportRefused(Exception):
    """The file cannot be imported; ``messages`` says why, row by row. Nothing was stored.

    ``code`` is ``"not_empty"`` when only the account's entries stand in the way (merging
    would go ahead), ``"invalid"`` otherwise.
    """

    def __init__(self, messages: list[str], *, code: str = "invalid"):
        super().__init__("; ".join(messages))
        self.messages = messages
        self.code = code


@dataclass
class Row:
    """One entry as read from the file, and where it was (for messages)."""

    where: str
    data: dict[str, Any]


@dataclass
class AttachmentRow:
    """A photo or video listed in the zip's attachments.csv: the episode (its ``id`` in the
    file) and the member holding the file."""

    where: str
    episode: str
    member: zipfile.ZipInfo


@dataclass
class Parsed:
    account: dict[str, Any] = field(default_factory=dict)
    episodes: list[Row] = field(default_factory=list)
    daily_logs: list[Row] = field(default_factory=list)
    treatments: list[Row] = field(default_factory=list)
    self_ratings: list[Row] = field(default_factory=list)
    attachments: list[AttachmentRow] = field(default_factory=list)
    #: The zip the attachments are read from (None for JSON).
    archive: zipfile.ZipFile | None = None
    #: Attachments the JSON export lists but cannot carry.
    attachments_left_out: int = 0


@dataclass
class ImportSummary:
    """What an import did: entries added, and entries it found already there."""

    episodes_added: int = 0
    episodes_already_there: int = 0
    daily_logs_added: int = 0
    daily_logs_merged: int = 0
    daily_logs_already_there: int = 0
    treatments_added: int = 0
    treatments_already_there: int = 0
    self_ratings_added: int = 0
    self_ratings_already_there: int = 0
    attachments_added: int = 0
    attachments_already_there: int = 0
    #: Photos and videos a JSON export listed: only the zip carries the files.
    attachments_left_out: int = 0

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {
            "episodes": {
                "added": self.episodes_added,
                "already_there": self.episodes_already_there,
            },
            "daily_logs": {
                "added": self.daily_logs_added,
                "merged": self.daily_logs_merged,
                "already_there": self.daily_logs_already_there,
            },
            "treatments": {
                "added": self.treatments_added,
                "already_there": self.treatments_already_there,
            },
            "self_ratings": {
                "added": self.self_ratings_added,
                "already_there": self.self_ratings_already_there,
            },
            "attachments": {
                "added": self.attachments_added,
                "already_there": self.attachments_already_there,
                "left_out": self.attachments_left_out,
            },
        }


# Reading the file ------------------------------------------------------------------------


def _size(source: IO[bytes]) -> int:
    size = source.seek(0, io.SEEK_END)
    source.seek(0)
    return size


def read_upload(source: bytes | IO[bytes]) -> Parsed:
    """The rows of an upload (bytes, or a binary file that can seek): a CSV zip if it starts
    like a zip, else the JSON export. A zip is read from the file as needed, never whole."""
    if isinstance(source, bytes | bytearray):
        source = io.BytesIO(source)
    size = _size(source)
    head = source.read(len(ZIP_MAGIC))
    source.seek(0)
    if head == ZIP_MAGIC:
        if size > MAX_ZIP_UPLOAD_BYTES:
            raise ImportRefused([too_big_message(MAX_ZIP_UPLOAD_BYTES, "A zip")])
        return parse_csv_zip(source)
    if size > MAX_UPLOAD_BYTES:
        raise ImportRefused([too_big_message(MAX_UPLOAD_BYTES, "A JSON file")])
    data = source.read(MAX_UPLOAD_BYTES + 1)
    if not data.strip():
        raise ImportRefused(["The file is empty. Choose the file you downloaded from TwitchCare."])
    return parse_json(data)


def too_big_message(limit: int, what: str = "The file") -> str:
    return f"The file is too big: {what} can be {limit // MB:,} MB at most. Nothing was stored."


def _rows(value, name: str) -> list[Row]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ImportRefused([f'"{name}" must be a list of entries.'])
    if len(value) > MAX_ROWS:
        raise ImportRefused([f"{name}: at most {MAX_ROWS:,} entries can be imported at once."])
    rows = []
    for number, item in enumerate(value, start=1):
        where = f"{name} row {number}"
        if not isinstance(item, dict):
            raise ImportRefused([f"{where}: each entry must be an object."])
        rows.append(Row(where, item))
    return rows


def parse_json(data: bytes) -> Parsed:
    """The JSON export's account, episodes, daily logs and treatments."""
    try:
        body = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ImportRefused(
            [
                "This is neither a TwitchCare JSON export nor a CSV zip: it could not be "
                "read as JSON. Choose the file you downloaded from TwitchCare."
            ]
        ) from None
    if not isinstance(body, dict) or not {"episodes", "daily_logs"} & set(body):
        raise ImportRefused(
            ["This JSON is not a TwitchCare export: it has no episodes or daily logs."]
        )
    account = body.get("account") or {}
    if not isinstance(account, dict):
        raise ImportRefused(['"account" must be an object.'])
    listed = body.get("attachments")
    return Parsed(
        account=account,
        episodes=_rows(body.get("episodes"), "episodes"),
        daily_logs=_rows(body.get("daily_logs"), "daily_logs"),
        treatments=_rows(body.get("treatments"), "treatments"),
        self_ratings=_rows(body.get("self_ratings"), "self_ratings"),
        attachments_left_out=len(listed) if isinstance(listed, list) else 0,
    )


def _uncsv(text: str) -> str:
    return CSV_FORMULA_GUARD.sub(r"\1\2", text)


def _csv_list(text: str) -> list[str]:
    return [item for item in _uncsv(text).split(";") if item]


def _csv_value(text: str) -> str | None:
    """An empty cell is "not recorded"."""
    return _uncsv(text) if text != "" else None


def _csv_rows(archive: zipfile.ZipFile, name: str) -> list[tuple[str, dict[str, str]]]:
    try:
        raw = archive.read(name)
    except (
        zipfile.BadZipFile,
        zlib.error,
        NotImplementedError,  # a compression method zipfile does not know
        RuntimeError,  # an encrypted member
        ValueError,
        OSError,
        EOFError,
    ):
        raise ImportRefused([f"{name} in the zip could not be read."]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused([f"{name} is not UTF-8 text."]) from None
    rows = []
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        for number, row in enumerate(reader, start=2):  # row 1 is the header
            if len(rows) >= MAX_ROWS:
                raise ImportRefused([f"{name}: at most {MAX_ROWS:,} rows can be imported."])
            if None in row or None in row.values():
                raise ImportRefused([f"{name} row {number}: the number of cells is wrong."])
            rows.append((f"{name} row {number}", row))
    except csv.Error as exc:
        raise ImportRefused([f"{name} could not be read as CSV ({exc})."]) from None
    return rows


def _unpacks_to_more(limit: int) -> ImportRefused:
    return ImportRefused(
        [
            f"The zip unpacks to more than {limit // MB:,} MB, too much to import. "
            "Nothing was stored."
        ]
    )


def _check_sizes(members: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip by its directory alone: too many members, too much in all or in the
    spreadsheets, or a member that unpacks far beyond its compressed size."""
    if len(members) > MAX_ZIP_MEMBERS:
        raise ImportRefused(["The zip holds too many files to be a TwitchCare export."])
    if sum(member.file_size for member in members) > MAX_UNCOMPRESSED_BYTES:
        raise _unpacks_to_more(MAX_UNCOMPRESSED_BYTES)
    sheets = [m for m in members if not m.filename.startswith(ATTACHMENT_PREFIX)]
    if sum(member.file_size for member in sheets) > MAX_CSV_BYTES:
        raise _unpacks_to_more(MAX_CSV_BYTES)
    for member in members:
        if member.file_size > RATIO_FROM_BYTES and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise ImportRefused(
                [
                    f"{member.filename} in the zip unpacks to {member.file_size // MB:,} MB "
                    "from almost nothing: this is not a TwitchCare export. Nothing was stored."
                ]
            )


def _attachment_rows(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> list:
    """attachments.csv's rows, each tied to its member; every file under attachments/ must
    be listed, and every listed file present."""
    by_name = {m.filename: m for m in members if m.filename.startswith(ATTACHMENT_PREFIX)}
    files = {name for name, m in by_name.items() if not m.is_dir()}
    listing = (
        _csv_rows(archive, "attachments.csv")
        if "attachments.csv" in {m.filename for m in members}
        else []
    )
    if len(listing) > MAX_ATTACHMENTS:
        raise ImportRefused(
            [f"attachments.csv: at most {MAX_ATTACHMENTS:,} files can be imported."]
        )
    rows, listed, errors = [], set(), []
    for where, row in listing:
        name = row.get("file") or ""
        if not name.startswith(ATTACHMENT_PREFIX) or name not in files:
            errors.append(f"{where}: file: {name!r} is not in the zip.")
            continue
        if name in listed:
            errors.append(f"{where}: file: {name} is listed twice.")
            continue
        listed.add(name)
        rows.append(AttachmentRow(f"{name} ({where})", row.get("episode") or "", by_name[name]))
    errors.extend(
        f"{name}: not listed in attachments.csv, so its episode is not known."
        for name in sorted(files - listed)
    )
    if errors:
        raise ImportRefused(errors[:MAX_MESSAGES])
    return rows


def parse_csv_zip(source: bytes | IO[bytes]) -> Parsed:
    """The CSV zip's account.csv, episodes.csv, daily_logs.csv, treatments.csv,
    self_ratings.csv and attachments.csv (the photos and videos are read later, one at a
    time, as they are stored).

    Sizes are checked from the zip's directory before anything is decompressed, and
    ``zipfile`` never gives more than a member's declared size, so a small file that
    would unpack to gigabytes is refused unopened.
    """
    if isinstance(source, bytes | bytearray):
        source = io.BytesIO(source)
    try:
        archive = zipfile.ZipFile(source)
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ImportRefused(["The zip file is damaged and could not be opened."]) from None
    _check_sizes(members)
    names = {member.filename for member in members}
    if not {"episodes.csv", "daily_logs.csv"} & names:
        raise ImportRefused(
            ["This zip is not a TwitchCare export: it has no episodes.csv or daily_logs.csv."]
        )
    parsed = Parsed(archive=archive)
    if "account.csv" in names:
        accounts = _csv_rows(archive, "account.csv")
        if accounts:
            parsed.account = {k: _csv_value(v) for k, v in accounts[0][1].items()}
    for where, row in _csv_rows(archive, "episodes.csv") if "episodes.csv" in names else []:
        parsed.episodes.append(Row(where, _episode_from_csv(row)))
    for where, row in _csv_rows(archive, "daily_logs.csv") if "daily_logs.csv" in names else []:
        parsed.daily_logs.append(Row(where, _daily_log_from_csv(row)))
    for where, row in _csv_rows(archive, "treatments.csv") if "treatments.csv" in names else []:
        parsed.treatments.append(Row(where, {k: _csv_value(v) for k, v in row.items()}))
    for where, row in _csv_rows(archive, "self_ratings.csv") if "self_ratings.csv" in names else []:
        parsed.self_ratings.append(Row(where, {k: _csv_value(v) for k, v in row.items()}))
    parsed.attachments = _attachment_rows(archive, members)
    return parsed


def _episode_from_csv(row: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {k: _csv_value(v) for k, v in row.items()}
    for name in ("locations", "triggers", "symptoms"):
        data[name] = _csv_list(row.get(name, ""))
    data["notes"] = _uncsv(row.get("notes", ""))
    return data


def _daily_log_from_csv(row: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {k: _csv_value(v) for k, v in row.items()}
    data["checklist_done"] = _csv_list(row.get("checklist_done", ""))
    data["notes"] = _uncsv(row.get("notes", ""))
    return data


# Checking every row ----------------------------------------------------------------------


def _messages(where: str, errors) -> list[str]:
    """``where: field: message`` for each message in a DRF or Django error structure."""
    out = []
    if isinstance(errors, ValidationError):
        errors = errors.message_dict if hasattr(errors, "error_dict") else errors.messages
    if isinstance(errors, dict):
        for name, value in errors.items():
            prefix = where if name in ("non_field_errors", "__all__") else f"{where}: {name}"
            out.extend(_messages(prefix, value))
    elif isinstance(errors, list):
        for value in errors:
            out.extend(_messages(where, value))
    else:
        out.append(f"{where}: {errors}")
    return out


def _content(episode: Episode) -> str:
    return json.dumps(
        {
            "started_at": episode.started_at.astimezone(dt.UTC).isoformat(),
            "duration_seconds": episode.duration_seconds,
            "locations": sorted(episode.locations),
            "side": episode.side,
            "intensity": episode.intensity,
            "triggers": sorted(episode.triggers),
            "symptoms": sorted(episode.symptoms),
            "notes": episode.notes,
        },
        sort_keys=True,
    )


def content_keys(episodes: list[Episode]) -> list[uuid.UUID]:
    """A stable id for each episode from what it says (its time as an instant, not as
    written). Episodes that say exactly the same are told apart by their order: the second
    of two twins gets the id of "the second such episode", so a file holding twins stores
    both, and importing it again finds both."""
    seen: Counter[str] = Counter()
    keys = []
    for episode in episodes:
        content = _content(episode)
        keys.append(uuid.uuid5(NAMESPACE, f"episode:{content}#{seen[content]}"))
        seen[content] += 1
    return keys


def treatment_key(treatment: Treatment) -> tuple:
    return (
        treatment.kind,
        treatment.name,
        treatment.given_on,
        treatment.ended_on,
        treatment.dose,
        treatment.notes,
    )


def _client_id(row: Row, errors: list[str]) -> uuid.UUID | None:
    value = row.data.get("client_id")
    if value in (None, ""):
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        errors.append(f"{row.where}: client_id: {value!r} is not a UUID.")
        return None


def _check_profile(user, account: dict[str, Any], errors: list[str]) -> dict[str, Any]:
    """The settings to take from the file, checked by the profile's own field rules."""
    profile = Profile(user=user)
    wanted = {}
    for name in PROFILE_FIELDS:
        value = account.get(name)
        if value in (None, ""):
            continue
        if name == "reminders_enabled" and isinstance(value, str):
            value = value.strip().lower() in ("true", "1", "yes")
        if not isinstance(value, str | bool):
            errors.append(f"account: {name}: Send text here.")
            continue
        try:
            wanted[name] = Profile._meta.get_field(name).clean(value, profile)
        except ValidationError as exc:
            errors.extend(_messages(f"account: {name}", exc))
    began = wanted.get("twitch_began_on")
    zone = zone_named(wanted.get("time_zone", user.profile.time_zone))
    if began and began > timezone.now().astimezone(zone).date():
        errors.append("account: twitch_began_on: That day has not come yet.")
    return wanted


def _check_episodes(rows: list[Row], context: dict, errors: list[str]) -> list[Episode]:
    episodes = []
    # One serializer for every row: building its fields is most of the cost of a row.
    serializer = EpisodeSerializer(context=context)
    for row in rows:
        client_id = _client_id(row, errors)
        try:
            data = serializer.run_validation(row.data)
        except serializers.ValidationError as exc:
            errors.extend(_messages(row.where, exc.detail))
            continue
        if "started_at" not in row.data:
            # The API's default is "now"; a journal entry without its time is not one.
            errors.append(f"{row.where}: started_at: This field is required.")
            continue
        episode = Episode(**data)
        try:
            # Constraints are the same ranges the field validators check; the database
            # enforces them again on insert.
            episode.full_clean(exclude=["user"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            errors.extend(_messages(row.where, exc))
            continue
        episode.client_id = client_id
        # The episode's id in the file: what attachments.csv points at.
        episode.source_id = str(row.data.get("id") or "")
        episodes.append(episode)
    return episodes


def _check_daily_logs(
    rows: list[Row], context: dict, today: dt.date, errors: list[str]
) -> list[DailyLog]:
    logs = []
    known_items = None
    dates: dict[dt.date, str] = {}
    serializer = DailyLogSerializer(context=context)
    for row in rows:
        client_id = _client_id(row, errors)
        try:
            log = DailyLog(**serializer.run_validation(row.data))
        except serializers.ValidationError as exc:
            errors.extend(_messages(row.where, exc.detail))
            continue
        try:
            log.full_clean(exclude=["user"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            errors.extend(_messages(row.where, exc))
            continue
        if log.date > today:
            errors.append(
                f"{row.where}: date: {log.date.isoformat()} has not come yet in the "
                "account's time zone."
            )
            continue
        if log.date in dates:
            errors.append(
                f"{row.where}: date: {log.date.isoformat()} is already in {dates[log.date]}."
            )
            continue
        dates[log.date] = row.where
        if log.checklist_done:
            if known_items is None:  # one query, only when some log ticked an item
                known_items = set(ChecklistItem.objects.values_list("slug", flat=True))
            unknown = sorted(set(log.checklist_done) - known_items)
            if unknown:
                errors.append(
                    f"{row.where}: checklist_done: {', '.join(unknown)} is not a checklist "
                    "item here."
                )
                continue
        log.client_id = client_id
        logs.append(log)
    return logs


def _check_treatments(rows: list[Row], errors: list[str]) -> list[Treatment]:
    treatments = []
    for row in rows:
        values = {name: row.data.get(name) for name in TREATMENT_FIELDS}
        for name in ("dose", "notes"):
            values[name] = values[name] or ""
        not_text = [
            name
            for name in TREATMENT_FIELDS
            if values[name] is not None and not isinstance(values[name], str)
        ]
        if not_text:
            errors.extend(f"{row.where}: {name}: Send text here." for name in not_text)
            continue
        treatment = Treatment(**values)
        try:
            treatment.full_clean(
                exclude=["user"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            errors.extend(_messages(row.where, exc))
            continue
        treatments.append(treatment)
    return treatments


def _check_self_ratings(rows: list[Row], errors: list[str]) -> list[SelfRating]:
    ratings = []
    weeks: dict[dt.date, str] = {}
    for row in rows:
        values = {name: row.data.get(name) for name in RATING_FIELDS}
        wrong = [
            name
            for name, value in values.items()
            if value is not None and (isinstance(value, bool) or not isinstance(value, str | int))
        ]
        if wrong:
            errors.extend(f"{row.where}: {name}: Send a date or a number here." for name in wrong)
            continue
        rating = SelfRating(**values)
        try:
            rating.full_clean(exclude=["user"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            errors.extend(_messages(row.where, exc))
            continue
        if rating.week_start in weeks:
            errors.append(
                f"{row.where}: week_start: {rating.week_start.isoformat()} is already in "
                f"{weeks[rating.week_start]}."
            )
            continue
        weeks[rating.week_start] = row.where
        ratings.append(rating)
    return ratings


def _check_attachments(
    rows: list[AttachmentRow], episodes: list[Episode], errors: list[str]
) -> list[tuple[AttachmentRow, Episode]]:
    """Each listed file with the file's episode it belongs to; at most
    ``attachments.MAX_PER_EPISODE`` an episode, none over the largest kind's limit (its
    content is checked as it is stored)."""
    by_source = {e.source_id: e for e in episodes if e.source_id}
    counts: Counter[int] = Counter()
    found = []
    for row in rows:
        episode = by_source.get(row.episode.strip())
        if episode is None:
            errors.append(f"{row.where}: episode: {row.episode!r} is not an episode in this file.")
            continue
        if row.member.file_size > attachments.MAX_VIDEO_BYTES:
            errors.append(
                f"{row.where}: {attachments._too_big('file', attachments.MAX_VIDEO_BYTES)}"
            )
            continue
        counts[id(episode)] += 1
        if counts[id(episode)] > attachments.MAX_PER_EPISODE:
            errors.append(f"{row.where}: {attachments.TOO_MANY}")
            continue
        found.append((row, episode))
    return found


@dataclass
class Checked:
    profile: dict[str, Any]
    episodes: list[Episode]
    daily_logs: list[DailyLog]
    treatments: list[Treatment]
    self_ratings: list[SelfRating] = field(default_factory=list)
    attachments: list[tuple[AttachmentRow, Episode]] = field(default_factory=list)
    archive: zipfile.ZipFile | None = None
    attachments_left_out: int = 0


def check(user, parsed: Parsed, *, merge: bool) -> Checked:
    """Every row checked; raises ``ImportRefused`` listing the problems (at most
    ``MAX_MESSAGES`` of them, and how many more)."""
    errors: list[str] = []
    profile = user.profile
    wanted = {} if merge else _check_profile(user, parsed.account, errors)
    zone = zone_named(wanted.get("time_zone", profile.time_zone))
    context = {"zone": zone, "profile": profile}
    episodes = _check_episodes(parsed.episodes, context, errors)
    today = timezone.now().astimezone(zone).date()
    logs = _check_daily_logs(parsed.daily_logs, context, today, errors)
    treatments = _check_treatments(parsed.treatments, errors)
    ratings = _check_self_ratings(parsed.self_ratings, errors)
    files = _check_attachments(parsed.attachments, episodes, errors)
    if errors:
        raise _refused(errors)
    return Checked(
        wanted,
        episodes,
        logs,
        treatments,
        self_ratings=ratings,
        attachments=files,
        archive=parsed.archive,
        attachments_left_out=parsed.attachments_left_out,
    )


def _refused(errors: list[str]) -> ImportRefused:
    shown = errors[:MAX_MESSAGES]
    if len(errors) > MAX_MESSAGES:
        shown.append(f"... and {len(errors) - MAX_MESSAGES} more problems.")
    return ImportRefused(shown)


# Writing ---------------------------------------------------------------------------------


def has_entries(user) -> bool:
    return (
        Episode.objects.for_user(user).exists()
        or DailyLog.objects.for_user(user).exists()
        or Treatment.objects.for_user(user).exists()
        or SelfRating.objects.for_user(user).exists()
    )


NOT_EMPTY_MESSAGE = (
    "Your journal already has entries. To add the file's entries to them, tick "
    '"Merge with my journal": entries already there are not added twice. Nothing was stored.'
)


def import_journal(*, user, data: bytes | IO[bytes], merge: bool = False) -> ImportSummary:
    """Import an export file (its bytes, or the uploaded file) into ``user``'s journal, all
    or nothing (see the module's docstring). Raises ``ImportRefused``; returns what was
    added and what was there."""
    if not merge and has_entries(user):
        raise ImportRefused([NOT_EMPTY_MESSAGE], code="not_empty")
    parsed = read_upload(data)
    checked = check(user, parsed, merge=merge)
    written: list[Attachment] = []
    try:
        with transaction.atomic():
            # One import at a time per person: the second waits, then sees the first's rows.
            Profile.objects.select_for_update().filter(user=user).first()
            if not merge and has_entries(user):
                raise ImportRefused([NOT_EMPTY_MESSAGE], code="not_empty")
            return _write(user, checked, written)
    except IntegrityError:
        _delete_files(written)
        raise ImportRefused(
            ["The file's entries clash with each other or with your journal. Nothing was stored."]
        ) from None
    except BaseException:
        # The rows were rolled back: the files written for them go too.
        _delete_files(written)
        raise


def _delete_files(written: list[Attachment]) -> None:
    for attachment in written:
        attachment.file.storage.delete(attachment.file.name)


def _write(user, checked: Checked, written: list[Attachment]) -> ImportSummary:
    """Store the checked rows; files written to the storage are added to ``written`` as
    they are, so the caller can remove them if the transaction does not commit."""
    summary = ImportSummary(attachments_left_out=checked.attachments_left_out)
    if checked.profile:
        Profile.objects.filter(user=user).update(**checked.profile)
        for name, value in checked.profile.items():
            setattr(user.profile, name, value)

    # Each stored episode is known by its client_id and by its content, so a file made
    # before exports carried client_ids still finds the entries it holds.
    existing = list(Episode.objects.for_user(user).order_by("started_at", "id"))
    # Each key an episode is known by -> that episode: a file's attachment of an episode
    # already there goes to the stored one.
    stored: dict[uuid.UUID, Episode] = {
        key: e for e, key in zip(existing, content_keys(existing), strict=True)
    }
    stored.update({e.client_id: e for e in existing if e.client_id})
    home: dict[int, Episode] = {}  # id() of the file's episode -> where its files go
    new_episodes = []
    for episode, content_key in zip(checked.episodes, content_keys(checked.episodes), strict=True):
        keys = {content_key, episode.client_id} - {None}
        there = next((stored[key] for key in keys if key in stored), None)
        if there is not None:
            home[id(episode)] = there
            summary.episodes_already_there += 1
            continue
        stored.update(dict.fromkeys(keys, episode))
        home[id(episode)] = episode
        episode.user = user
        episode.client_id = episode.client_id or content_key
        new_episodes.append(episode)
    Episode.objects.bulk_create(new_episodes, batch_size=500)
    summary.episodes_added = len(new_episodes)

    logs_by_date = {log.date: log for log in DailyLog.objects.for_user(user)}
    log_ids = {log.client_id for log in logs_by_date.values() if log.client_id}
    new_logs, changed_logs = [], []
    for log in checked.daily_logs:
        existing = logs_by_date.get(log.date)
        if existing is None:
            log.user = user
            if log.client_id in log_ids:
                log.client_id = None
            log_ids.add(log.client_id)
            new_logs.append(log)
        elif _fill_in(existing, log):
            changed_logs.append(existing)
        else:
            summary.daily_logs_already_there += 1
    DailyLog.objects.bulk_create(new_logs, batch_size=500)
    for log in changed_logs:
        log.save()
    summary.daily_logs_added = len(new_logs)
    summary.daily_logs_merged = len(changed_logs)

    stored_treatments = {treatment_key(t) for t in Treatment.objects.for_user(user)}
    new_treatments = []
    for treatment in checked.treatments:
        key = treatment_key(treatment)
        if key in stored_treatments:
            summary.treatments_already_there += 1
            continue
        stored_treatments.add(key)
        treatment.user = user
        new_treatments.append(treatment)
    Treatment.objects.bulk_create(new_treatments, batch_size=500)
    summary.treatments_added = len(new_treatments)

    weeks = set(SelfRating.objects.for_user(user).values_list("week_start", flat=True))
    new_ratings = []
    for rating in checked.self_ratings:
        if rating.week_start in weeks:
            summary.self_ratings_already_there += 1
            continue
        rating.user = user
        new_ratings.append(rating)
    SelfRating.objects.bulk_create(new_ratings, batch_size=500)
    summary.self_ratings_added = len(new_ratings)

    if checked.attachments:
        _write_attachments(checked, home, summary, written)
    return summary


def _digest(handle) -> str:
    handle.seek(0)
    digest = hashlib.sha256()
    while block := handle.read(attachments.CHUNK):
        digest.update(block)
    handle.seek(0)
    return digest.hexdigest()


def _stored_digests(episodes: list[Episode]) -> dict[int, set[str]]:
    """The digests of the files already on ``episodes`` (one query, then each file read)."""
    found: dict[int, set[str]] = defaultdict(set)
    for each in Attachment.objects.filter(episode__in=episodes).only("episode", "file"):
        with each.file.storage.open(each.file.name, "rb") as handle:
            found[each.episode_id].add(_digest(handle))
    return found


def _unpacked(archive: zipfile.ZipFile, row: AttachmentRow) -> File:
    """The member's bytes in a temporary file (kept in memory up to a megabyte), at most
    its declared size, which was checked against the limits."""
    spool = tempfile.SpooledTemporaryFile(max_size=MB)  # noqa: SIM115 (the caller closes it)
    try:
        with archive.open(row.member) as member:
            shutil.copyfileobj(member, spool, attachments.CHUNK)
    except (
        zipfile.BadZipFile,
        zlib.error,
        NotImplementedError,
        RuntimeError,
        ValueError,
        OSError,
        EOFError,
    ):
        spool.close()
        raise ImportRefused([f"{row.where}: the file could not be read from the zip."]) from None
    spool.seek(0)
    return File(spool, name=row.member.filename)


def _write_attachments(
    checked: Checked, home: dict[int, Episode], summary: ImportSummary, written: list
) -> None:
    """Check each file as an upload is checked, and store it on its episode unless that
    episode holds the same file already. The first file refused refuses the import."""
    targets = {id(ep): home[id(ep)] for _, ep in checked.attachments}
    # Episodes that were there before the import (a merge) may hold files already.
    already = list({t.pk: t for key, t in targets.items() if id(t) != key}.values())
    digests = _stored_digests(already) if already else defaultdict(set)
    counts = (
        Counter(
            dict(
                Attachment.objects.filter(episode__in=already)
                .values("episode")
                .annotate(n=models.Count("id"))
                .values_list("episode", "n")
            )
        )
        if already
        else Counter()
    )
    new = []
    for row, file_episode in checked.attachments:
        episode = targets[id(file_episode)]
        with _unpacked(checked.archive, row) as upload:
            try:
                clean = attachments.check_file(upload)
            except ValidationError as exc:
                raise ImportRefused(
                    _messages(row.where, exc.message_dict.get("file", exc))
                ) from None
            seen = digests[episode.pk]
            raw = _digest(upload)
            stored_as = (
                hashlib.sha256(clean.content).hexdigest()
                if isinstance(clean.content, bytes)
                else raw
            )
            if raw in seen or stored_as in seen:
                summary.attachments_already_there += 1
                continue
            counts[episode.pk] += 1
            if counts[episode.pk] > attachments.MAX_PER_EPISODE:
                raise ImportRefused([f"{row.where}: {attachments.TOO_MANY}"])
            attachment = attachments.store_checked(episode=episode, checked=clean)
            written.append(attachment)
            seen.add(stored_as)
            new.append(attachment)
    Attachment.objects.bulk_create(new, batch_size=500)
    summary.attachments_added = len(new)


def _fill_in(existing: DailyLog, incoming: DailyLog) -> bool:
    """Fill ``existing``'s unrecorded factors from ``incoming``, add its checklist ticks and
    its notes when ``existing`` has none; never overwrite. True when anything changed."""
    changed = False
    for name in DAILY_FACTOR_FIELDS:
        if getattr(existing, name) is None and getattr(incoming, name) is not None:
            setattr(existing, name, getattr(incoming, name))
            changed = True
    ticks = sorted(set(existing.checklist_done) | set(incoming.checklist_done))
    if ticks != sorted(existing.checklist_done):
        existing.checklist_done = ticks
        changed = True
    if not existing.notes and incoming.notes:
        existing.notes = incoming.notes
        changed = True
    return changed

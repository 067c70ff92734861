"""Bring a journal back in from the app's own exports (SPEC, "Interoperability").

``import_journal`` takes the bytes of an upload: the JSON export (``GET /api/export/``, the
settings page's JSON download) or the CSV zip (the settings page's spreadsheet download),
and stores its episodes, daily logs and treatments for ``user``. The promise:

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
  and notes is the same treatment.
- **The account's settings** (time zone, plan start, when the twitching began, reminder
  preference) are taken from the file on a fresh import and left alone on a merge.
- **Limits.** At most ``MAX_UPLOAD_BYTES`` uploaded; a zip's members are checked by their
  declared uncompressed sizes before any is read (``MAX_UNCOMPRESSED_BYTES`` in all), and
  read no further than that. Anything unreadable is an ``ImportRefused``, never a crash.

Attachments (photos and videos in the export zip) are another piece of work: members under
``attachments/`` are skipped today; ``ATTACHMENT_PREFIX`` and the ``attachments`` list on
``Parsed`` are where they come in.
"""

import csv
import datetime as dt
import io
import json
import re
import uuid
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework import serializers

from guidance.models import ChecklistItem
from journal.api.serializers import DailyLogSerializer, EpisodeSerializer
from journal.models import DailyLog, Episode, Profile, Treatment, zone_named

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
MAX_ZIP_MEMBERS = 20
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
TREATMENT_FIELDS = ("kind", "name", "given_on", "ended_on", "dose", "notes")


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
class Parsed:
    account: dict[str, Any] = field(default_factory=dict)
    episodes: list[Row] = field(default_factory=list)
    daily_logs: list[Row] = field(default_factory=list)
    treatments: list[Row] = field(default_factory=list)
    #: Hook for attachments from the export zip (another piece of work): always empty here.
    attachments: list[Any] = field(default_factory=list)


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
        }


# Reading the file ------------------------------------------------------------------------


def read_upload(data: bytes) -> Parsed:
    """The rows of an upload: a CSV zip if it starts like a zip, else the JSON export."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportRefused([_too_big_message()])
    if not data.strip():
        raise ImportRefused(["The file is empty. Choose the file you downloaded from TwitchCare."])
    if data.startswith(ZIP_MAGIC):
        return parse_csv_zip(data)
    return parse_json(data)


def _too_big_message() -> str:
    return (
        f"The file is too big: at most {MAX_UPLOAD_BYTES // (1024 * 1024)} MB can be "
        "imported. Nothing was stored."
    )


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
    return Parsed(
        account=account,
        episodes=_rows(body.get("episodes"), "episodes"),
        daily_logs=_rows(body.get("daily_logs"), "daily_logs"),
        treatments=_rows(body.get("treatments"), "treatments"),
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


def parse_csv_zip(data: bytes) -> Parsed:
    """The CSV zip's account.csv, episodes.csv, daily_logs.csv and treatments.csv.

    Sizes are checked from the zip's directory before anything is decompressed, and
    ``zipfile`` never gives more than a member's declared size, so a small file that
    would unpack to gigabytes is refused unopened.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ImportRefused(["The zip file is damaged and could not be opened."]) from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise ImportRefused(["The zip holds too many files to be a TwitchCare export."])
    if sum(member.file_size for member in members) > MAX_UNCOMPRESSED_BYTES:
        raise ImportRefused(
            [
                "The zip unpacks to more than "
                f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB, too much to import. "
                "Nothing was stored."
            ]
        )
    names = {member.filename for member in members}
    if not {"episodes.csv", "daily_logs.csv"} & names:
        raise ImportRefused(
            ["This zip is not a TwitchCare export: it has no episodes.csv or daily_logs.csv."]
        )
    parsed = Parsed()
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


@dataclass
class Checked:
    profile: dict[str, Any]
    episodes: list[Episode]
    daily_logs: list[DailyLog]
    treatments: list[Treatment]


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
    if errors:
        shown = errors[:MAX_MESSAGES]
        if len(errors) > MAX_MESSAGES:
            shown.append(f"... and {len(errors) - MAX_MESSAGES} more problems.")
        raise ImportRefused(shown)
    return Checked(wanted, episodes, logs, treatments)


# Writing ---------------------------------------------------------------------------------


def has_entries(user) -> bool:
    return (
        Episode.objects.for_user(user).exists()
        or DailyLog.objects.for_user(user).exists()
        or Treatment.objects.for_user(user).exists()
    )


NOT_EMPTY_MESSAGE = (
    "Your journal already has entries. To add the file's entries to them, tick "
    '"Merge with my journal": entries already there are not added twice. Nothing was stored.'
)


def import_journal(*, user, data: bytes, merge: bool = False) -> ImportSummary:
    """Import an export file into ``user``'s journal, all or nothing (see the module's
    docstring). Raises ``ImportRefused``; returns what was added and what was there."""
    if not merge and has_entries(user):
        raise ImportRefused([NOT_EMPTY_MESSAGE], code="not_empty")
    parsed = read_upload(data)
    checked = check(user, parsed, merge=merge)
    try:
        with transaction.atomic():
            # One import at a time per person: the second waits, then sees the first's rows.
            Profile.objects.select_for_update().filter(user=user).first()
            if not merge and has_entries(user):
                raise ImportRefused([NOT_EMPTY_MESSAGE], code="not_empty")
            return _write(user, checked)
    except IntegrityError:
        raise ImportRefused(
            ["The file's entries clash with each other or with your journal. Nothing was stored."]
        ) from None


def _write(user, checked: Checked) -> ImportSummary:
    summary = ImportSummary()
    if checked.profile:
        Profile.objects.filter(user=user).update(**checked.profile)
        for name, value in checked.profile.items():
            setattr(user.profile, name, value)

    # Each stored episode is known by its client_id and by its content, so a file made
    # before exports carried client_ids still finds the entries it holds.
    existing = list(Episode.objects.for_user(user).order_by("started_at", "id"))
    stored = {e.client_id for e in existing if e.client_id} | set(content_keys(existing))
    new_episodes = []
    for episode, content_key in zip(checked.episodes, content_keys(checked.episodes), strict=True):
        keys = {content_key, episode.client_id} - {None}
        if stored & keys:
            summary.episodes_already_there += 1
            continue
        stored |= keys
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
    return summary


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

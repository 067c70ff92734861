"""Everything TwitchCare holds about one person, for them to download (GDPR articles 15 and 20).

``export_data`` builds the JSON body that ``GET /api/export/`` answers and the settings page
offers as a file; ``export_csv_zip`` packs the same rows as spreadsheets. Both read with a
fixed number of queries (profile, episodes, daily logs) however long the journal is.
Episodes and daily logs are shown by the API's own serializers, so an export reads exactly
like the API answers the person already knows.
"""

import datetime as dt
import io
import zipfile
from typing import Any

from django.utils import timezone

from journal import reports
from journal.api.serializers import DailyLogSerializer, EpisodeSerializer
from journal.dates import local_time
from journal.models import DailyLog, Episode, Treatment

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


def _daily_logs(user):
    return DailyLog.objects.for_user(user).order_by("date")


def _treatments(user):
    return Treatment.objects.for_user(user).order_by("given_on", "id")


TREATMENT_COLUMNS = ("id", "kind", "name", "given_on", "ended_on", "dose", "notes")


def treatment_data(treatment: Treatment, zone) -> dict[str, Any]:
    return {
        **{name: getattr(treatment, name) for name in TREATMENT_COLUMNS},
        "given_on": treatment.given_on.isoformat(),
        "ended_on": _iso(treatment.ended_on),
        "created_at": _local_iso(treatment.created_at, zone),
        "updated_at": _local_iso(treatment.updated_at, zone),
    }


def _with_client_ids(rows, entries) -> list:
    """Each row with its entry's ``client_id`` (or None), so an import can tell entries it
    already holds (``journal.importer``)."""
    for row, entry in zip(rows, entries, strict=True):
        row["client_id"] = str(entry.client_id) if entry.client_id else None
    return rows


def export_data(user, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """``{exported_at, account, episodes, daily_logs, treatments}``: all of ``user``'s data,
    oldest first."""
    profile = user.profile
    context = {"zone": profile.zone, "profile": profile}
    episodes, logs = list(_episodes(user)), list(_daily_logs(user))
    return {
        "exported_at": (now or timezone.now()).astimezone(profile.zone).isoformat(),
        "account": account_data(user),
        "episodes": _with_client_ids(
            EpisodeSerializer(episodes, many=True, context=context).data, episodes
        ),
        "daily_logs": _with_client_ids(
            DailyLogSerializer(logs, many=True, context=context).data, logs
        ),
        "treatments": [treatment_data(t, profile.zone) for t in _treatments(user)],
    }


def export_filename(user, extension: str, *, now: dt.datetime | None = None) -> str:
    day = user.profile.local_date(now)
    return f"twitchcare-export-{day.isoformat()}.{extension}"


def export_csv_zip(user) -> bytes:
    """A zip of CSV files: account.csv, episodes.csv, daily_logs.csv and treatments.csv.

    Spreadsheet formulas are neutralised in every cell (see ``reports.csv_safe``).
    """
    zone = user.profile.zone
    account = io.StringIO()
    reports.write_rows_csv(account, ACCOUNT_CSV_COLUMNS, [account_data(user)])
    episodes = io.StringIO()
    reports.write_episodes_csv(
        episodes,
        _episodes(user),
        zone,
        extra_columns=("id", "created_at", "updated_at", "client_id"),
    )
    logs = io.StringIO()
    reports.write_daily_logs_csv(
        logs, _daily_logs(user), zone, extra_columns=("created_at", "updated_at", "client_id")
    )
    treatments = io.StringIO()
    reports.write_rows_csv(
        treatments,
        (*TREATMENT_COLUMNS, "created_at", "updated_at"),
        [treatment_data(t, zone) for t in _treatments(user)],
    )

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in (
            ("account.csv", account),
            ("episodes.csv", episodes),
            ("daily_logs.csv", logs),
            ("treatments.csv", treatments),
        ):
            archive.writestr(name, text.getvalue())
    return buffer.getvalue()

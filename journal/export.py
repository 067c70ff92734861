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

from journal import attachments, reports
from journal.api.serializers import DailyLogSerializer, EpisodeSerializer
from journal.dates import local_time
from journal.models import DailyLog, Episode

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


def export_data(user, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """``{exported_at, account, episodes, daily_logs, attachments}``: all of ``user``'s data,
    oldest first."""
    profile = user.profile
    context = {"zone": profile.zone, "profile": profile}
    return {
        "exported_at": (now or timezone.now()).astimezone(profile.zone).isoformat(),
        "account": account_data(user),
        "episodes": EpisodeSerializer(_episodes(user), many=True, context=context).data,
        "daily_logs": DailyLogSerializer(_daily_logs(user), many=True, context=context).data,
        "attachments": attachments.export_listing(user),
    }


def export_filename(user, extension: str, *, now: dt.datetime | None = None) -> str:
    day = user.profile.local_date(now)
    return f"twitchcare-export-{day.isoformat()}.{extension}"


def export_csv_zip(user) -> bytes:
    """A zip of three CSV files: account.csv, episodes.csv and daily_logs.csv.

    Spreadsheet formulas are neutralised in every cell (see ``reports.csv_safe``).
    """
    zone = user.profile.zone
    account = io.StringIO()
    reports.write_rows_csv(account, ACCOUNT_CSV_COLUMNS, [account_data(user)])
    episodes = io.StringIO()
    reports.write_episodes_csv(
        episodes, _episodes(user), zone, extra_columns=("id", "created_at", "updated_at")
    )
    logs = io.StringIO()
    reports.write_daily_logs_csv(
        logs, _daily_logs(user), zone, extra_columns=("created_at", "updated_at")
    )

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in (
            ("account.csv", account),
            ("episodes.csv", episodes),
            ("daily_logs.csv", logs),
        ):
            archive.writestr(name, text.getvalue())
        attachments.add_to_zip(archive, user)
    return buffer.getvalue()

"""The doctor report's content, built once for every place that shows it: the person's
report page and its PDF (``journal/views/report.py``) and the page a share link opens
(``journal/views/sharing.py``).

``journal.reports`` holds the pure rules (the figures, the chart's layout, the triage
section's words); this module reads what they need for one person and one range.
"""

import datetime as dt
from typing import Any

from journal import attachments, reports, selectors, treatments
from journal.models import DailyLog, Episode


def episodes_in(user, date_range: reports.DateRange):
    """``user``'s episodes that started on the range's local days, oldest first."""
    start, end = date_range.bounds(user.profile.zone)
    return Episode.objects.for_user(user).between(start, end).order_by("started_at", "id")


def report_context(
    user,
    date_range: reports.DateRange,
    *,
    now: dt.datetime,
    patient_name: str = "",
    date_of_birth: dt.date | None = None,
    thumbnails: bool = False,
) -> dict[str, Any]:
    """What the report templates (``report_heading.html``, ``report_body.html``,
    ``report_attachments.html``) show of ``user``'s ``date_range`` at ``now``: the report,
    the triage section, the treatments and ratings, the range's photos and videos (with
    ``thumbnails``, each photo as a small ``data:`` image for the PDF), and the name and date
    of birth typed for this report only. A fixed number of queries, however long the range.
    """
    profile = user.profile
    report = reports.build_report(
        episodes=episodes_in(user, date_range),
        daily_logs=DailyLog.objects.for_user(user).between_dates(date_range.first, date_range.last),
        date_range=date_range,
        zone=profile.zone,
        twitch_began_on=profile.twitch_began_on,
    )
    result = selectors.triage_for(user, now=now)
    return {
        "report": report,
        "triage": reports.triage_section(result, profile.zone, profile.emergency_seen_at),
        "treatments": treatments.report_section(
            user, first=date_range.first, last=date_range.last, today=profile.local_date(now)
        ),
        "episodes_with_attachments": attachments.report_rows(
            user, date_range, thumbnails=thumbnails
        ),
        "patient_name": patient_name,
        "date_of_birth": date_of_birth,
        "self_reported": reports.SELF_REPORTED,
        "generated_at": now,
    }

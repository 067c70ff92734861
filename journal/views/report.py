"""The doctor report: a printable page, and the same range as a PDF and a CSV download.

There is no report id in the address: each person only ever gets their own report.
"""

import io
import logging
import time

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from journal import reports, selectors
from journal.dates import validate_date_in_range
from journal.models import DailyLog, Episode
from journal.triage_cache import triage_for

log = logging.getLogger(__name__)

#: Stylesheets WeasyPrint draws the PDF with: the report's own and the print rules.
PDF_STYLESHEETS = ("css/report.css", "css/print.css")


class ReportRangeForm(forms.Form):
    start = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter the start date as a date, like 2026-11-24."},
        validators=[validate_date_in_range],
    )
    end = forms.DateField(
        label="To",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter the end date as a date, like 2026-11-24."},
        validators=[validate_date_in_range],
    )

    def __init__(self, query, *, default: reports.DateRange):
        # A bound left out of the address falls back to the default range.
        super().__init__(
            {
                "start": query.get("start") or default.first.isoformat(),
                "end": query.get("end") or default.last.isoformat(),
            }
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end"):
            cleaned["range"] = reports.check_range(cleaned["start"], cleaned["end"])
        return cleaned


def _range_form(request: HttpRequest) -> ReportRangeForm:
    default = reports.default_range(request.user.profile.local_date())
    return ReportRangeForm(request.GET, default=default)


def _episodes(request: HttpRequest, date_range: reports.DateRange):
    start, end = date_range.bounds(request.user.profile.zone)
    return Episode.objects.for_user(request.user).between(start, end).order_by("started_at", "id")


def _build(request: HttpRequest, date_range: reports.DateRange) -> reports.Report:
    logs = DailyLog.objects.for_user(request.user).between_dates(date_range.first, date_range.last)
    return reports.build_report(
        episodes=_episodes(request, date_range),
        daily_logs=logs,
        date_range=date_range,
        zone=request.user.profile.zone,
    )


def _context(request: HttpRequest, form: ReportRangeForm, report) -> dict:
    now = timezone.now()
    triage = None
    if report is not None:
        version = selectors.request_journal_version(request)
        result = triage_for(request.user, now=now, version=version)
        profile = request.user.profile
        triage = reports.triage_section(result, profile.zone, profile.emergency_seen_at)
    return {
        "form": form,
        "report": report,
        "triage": triage,
        "self_reported": reports.SELF_REPORTED,
        "generated_at": now,
        "range_query": f"start={report.range.first}&end={report.range.last}" if report else "",
    }


def _bad_range(request: HttpRequest, form: ReportRangeForm) -> HttpResponse:
    """The report page with the form's message; nothing to download for a bad range."""
    return render(request, "journal/report.html", _context(request, form, None), status=400)


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _refuse_fetch(url: str, *args, **kwargs):
    # The PDF needs nothing from the network or the disk beyond the stylesheets handed
    # to WeasyPrint; refusing keeps a crafted value from making the server fetch a URL.
    raise ValueError(f"the report PDF loads no resources ({url!r})")


def render_pdf(html: str) -> bytes:
    """Draw ``html`` as a PDF with the report stylesheets."""
    from weasyprint import CSS, HTML  # imported here: it is slow to import and PDF-only

    stylesheets = [CSS(filename=finders.find(path)) for path in PDF_STYLESHEETS]
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf(stylesheets=stylesheets)


@login_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    form = _range_form(request)
    if not form.is_valid():
        return _bad_range(request, form)
    report = _build(request, form.cleaned_data["range"])
    return render(request, "journal/report.html", _context(request, form, report))


@login_required
@require_GET
def report_pdf(request: HttpRequest) -> HttpResponse:
    """The report as an A4 PDF, drawn from the same report body as the page."""
    form = _range_form(request)
    if not form.is_valid():
        return _bad_range(request, form)
    report = _build(request, form.cleaned_data["range"])
    html = render_to_string("journal/report_pdf.html", _context(request, form, report), request)
    began = time.perf_counter()
    pdf = render_pdf(html)
    log.info(
        "report pdf episodes=%s seconds=%.2f", len(report.episodes), time.perf_counter() - began
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    return _attachment(response, f"twitchcare-report-{report.range.slug()}.pdf")


@login_required
@require_GET
def report_csv(request: HttpRequest) -> HttpResponse:
    """One row per episode in the range, oldest first."""
    form = _range_form(request)
    if not form.is_valid():
        return _bad_range(request, form)
    date_range = form.cleaned_data["range"]
    out = io.StringIO()
    reports.write_episodes_csv(out, _episodes(request, date_range), request.user.profile.zone)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    return _attachment(response, f"twitchcare-report-{date_range.slug()}.csv")

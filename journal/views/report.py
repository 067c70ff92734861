"""The doctor report: a printable page, and the same range as a PDF and a CSV download.

There is no report id in the address: each person only ever gets their own report.
"""

import datetime as dt
import logging
import time
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from journal import csv_export, doctor_report, reports
from journal.dates import validate_date_in_range
from journal.views import sharing

log = logging.getLogger(__name__)

#: Stylesheets WeasyPrint draws the PDF with: the report's own and the print rules.
PDF_STYLESHEETS = ("css/report.css", "css/print.css")


class ReportRangeForm(forms.Form):
    """The report's dates, and who it is for.

    The name and date of birth are optional and used for this one report only: they are
    never stored, and appear on it only when the person types them.
    """

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
    name = forms.CharField(
        label="Your name (optional)",
        required=False,
        max_length=100,
        help_text="Shown on the report only. Not saved.",
    )
    date_of_birth = forms.DateField(
        label="Date of birth (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter the date of birth as a date, like 1980-05-31."},
        help_text="Shown on the report only. Not saved.",
    )

    def __init__(self, query, *, default: reports.DateRange, today: dt.date):
        # A bound left out of the address falls back to the default range.
        super().__init__(
            {
                "start": query.get("start") or default.first.isoformat(),
                "end": query.get("end") or default.last.isoformat(),
                "name": query.get("name", ""),
                "date_of_birth": query.get("date_of_birth", ""),
            }
        )
        self.today = today

    def clean_date_of_birth(self) -> dt.date | None:
        born = self.cleaned_data.get("date_of_birth")
        if born is not None and not dt.date(1900, 1, 1) <= born <= self.today:
            raise forms.ValidationError(
                "Enter a date of birth between 1900 and today.", code="date_of_birth_range"
            )
        return born

    def query(self) -> str:
        """The address query that asks for this same report (for the PDF and CSV links)."""
        data = self.cleaned_data
        params = {"start": data["range"].first, "end": data["range"].last}
        if data.get("name"):
            params["name"] = data["name"]
        if data.get("date_of_birth"):
            params["date_of_birth"] = data["date_of_birth"]
        return urlencode(params)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end"):
            cleaned["range"] = reports.check_range(cleaned["start"], cleaned["end"])
        return cleaned


def _range_form(request: HttpRequest) -> ReportRangeForm:
    today = request.user.profile.local_date()
    return ReportRangeForm(request.GET, default=reports.default_range(today), today=today)


def _context(request: HttpRequest, form: ReportRangeForm, *, pdf: bool = False) -> dict:
    """The report of the form's range (``journal.doctor_report``), with the form."""
    data = form.cleaned_data
    context = doctor_report.report_context(
        request.user,
        data["range"],
        now=timezone.now(),
        patient_name=data.get("name", ""),
        date_of_birth=data.get("date_of_birth"),
        thumbnails=pdf,
    )
    context.update(form=form, range_query=form.query())
    return context


def _bad_range(request: HttpRequest, form: ReportRangeForm) -> HttpResponse:
    """The report page with the form's message; nothing to download for a bad range."""
    context = {
        "form": form,
        "report": None,
        "self_reported": reports.SELF_REPORTED,
        "generated_at": timezone.now(),
    }
    return render(request, "journal/report.html", context, status=400)


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _data_only_fetcher():
    """A WeasyPrint URL fetcher that reads ``data:`` URIs (the photos' thumbnails, made
    by ``attachments.thumbnail_data_uri``) and refuses every other address: the PDF needs
    nothing from the network or the disk beyond the stylesheets handed to WeasyPrint, so a
    crafted value can never make the server fetch a URL."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)


def render_pdf(html: str) -> bytes:
    """Draw ``html`` as a PDF with the report stylesheets."""
    from weasyprint import CSS, HTML  # loaded at a server's start (twitchcare.warmup)

    stylesheets = [CSS(filename=finders.find(path)) for path in PDF_STYLESHEETS]
    return HTML(string=html, url_fetcher=_data_only_fetcher()).write_pdf(stylesheets=stylesheets)


@login_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    form = _range_form(request)
    if not form.is_valid():
        return _bad_range(request, form)
    context = _context(request, form)
    context.update(sharing.report_page_extras(request, context["report"].range))
    return render(request, "journal/report.html", context)


@login_required
@require_GET
def report_pdf(request: HttpRequest) -> HttpResponse:
    """The report as an A4 PDF, drawn from the same report body as the page."""
    form = _range_form(request)
    if not form.is_valid():
        return _bad_range(request, form)
    context = _context(request, form, pdf=True)
    report = context["report"]
    html = render_to_string("journal/report_pdf.html", context, request)
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
    episodes = doctor_report.episodes_in(request.user, date_range)
    lines = csv_export.report_csv_lines(episodes, request.user.profile.zone)
    response = HttpResponse("".join(lines), content_type="text/csv; charset=utf-8")
    return _attachment(response, f"twitchcare-report-{date_range.slug()}.csv")

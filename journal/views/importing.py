"""Import a journal from a TwitchCare export: the page ``/accounts/import/``.

The API's ``POST /api/import/`` (``journal/api/interop.py``) uses the same form and the same
``journal.importer.import_journal``.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from journal import importer
from twitchcare.middleware import SESSION_TZ_KEY


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Your export file",
        help_text=(
            "The JSON file or the CSV zip you downloaded from TwitchCare (the zip brings "
            f"your photos and videos back too): a JSON file of at most "
            f"{importer.MAX_UPLOAD_BYTES // importer.MB} MB, a zip of at most "
            f"{importer.MAX_ZIP_UPLOAD_BYTES // importer.MB:,} MB."
        ),
        error_messages={"required": "Choose the file you downloaded from TwitchCare."},
    )
    merge = forms.BooleanField(
        label="Merge with my journal",
        required=False,
        help_text=(
            "Needed when your journal already has entries. Entries already there are not "
            "added twice; a day's log only gains what it did not record."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > importer.MAX_ZIP_UPLOAD_BYTES:
            raise forms.ValidationError(
                importer.too_big_message(importer.MAX_ZIP_UPLOAD_BYTES), code="too_big"
            )
        return upload

    def run(self, request: HttpRequest) -> importer.ImportSummary:
        """Import the checked upload for the signed-in person; raises
        ``importer.ImportRefused``."""
        upload = self.cleaned_data["file"]
        upload.open("rb")  # a zip is read from the uploaded file as needed, never whole
        summary = importer.import_journal(
            user=request.user, data=upload.file, merge=self.cleaned_data["merge"]
        )
        session = getattr(request, "session", None)
        if session is not None and SESSION_TZ_KEY in session:
            # A fresh import may bring the time zone: keep this session's pages in step.
            session[SESSION_TZ_KEY] = request.user.profile.time_zone
        return summary


def summary_message(summary: importer.ImportSummary) -> str:
    parts = [
        f"{summary.episodes_added} episodes",
        f"{summary.daily_logs_added} daily logs",
        f"{summary.treatments_added} treatments",
        f"{summary.self_ratings_added} weekly ratings",
        f"{summary.attachments_added} photos and videos",
    ]
    text = f"Imported {', '.join(parts)}."
    already = (
        summary.episodes_already_there
        + summary.daily_logs_already_there
        + summary.treatments_already_there
        + summary.self_ratings_already_there
        + summary.attachments_already_there
    )
    if summary.daily_logs_merged:
        text += f" {summary.daily_logs_merged} daily logs gained what they lacked."
    if already:
        text += f" {already} entries were already in your journal and were left as they were."
    if summary.attachments_left_out:
        text += (
            f" The JSON file lists {summary.attachments_left_out} photos and videos but cannot"
            " carry them: import the CSV zip to bring them back."
        )
    return text


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload an export; on success go to the journal with a summary, else say why."""
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    not_empty = False
    if request.method == "POST" and form.is_valid():
        try:
            summary = form.run(request)
        except importer.ImportRefused as refused:
            problems = refused.messages
            not_empty = refused.code == "not_empty"
        else:
            messages.success(request, summary_message(summary))
            return redirect("journal:episode_list")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "problems": problems, "not_empty": not_empty}
    return render(request, "journal/import.html", context, status=status)

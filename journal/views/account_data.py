"""Your data: download all of it (JSON or CSV), delete the account, stop reminder e-mails.

Export and deletion act only on the signed-in person, so there is no id in their addresses.
The unsubscribe link works without logging in: its signed token names the account.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from journal import export, reminders
from journal.models import Profile
from journal.services import account_delete as delete_account
from journal.services import reminders_turn_off

DELETED_MESSAGE = "Your account and all your data are deleted."


class AccountDeleteForm(forms.Form):
    """Asks for the password before erasing an account; the page and the API share it.

    The password is checked through ``authenticate`` so django-axes counts wrong guesses
    here as it does at log-in: a stolen session cannot be used to guess the password.
    """

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Type your password to confirm. Nothing was deleted."},
    )

    def __init__(self, request: HttpRequest, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        user = self.request.user
        confirmed = authenticate(self.request, username=user.get_username(), password=password)
        if confirmed is None or confirmed.pk != user.pk:
            raise ValidationError(
                "That password is not right. Nothing was deleted.", code="wrong_password"
            )
        return password


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def export_json(request: HttpRequest) -> StreamingHttpResponse:
    """All of the person's data as one JSON file: the same body as ``GET /api/export/``,
    indented; streamed, a chunk of rows at a time."""
    stream = export.export_json_stream(request.user, indent=2)
    response = StreamingHttpResponse(stream, content_type="application/json")
    return _attachment(response, export.export_filename(request.user, "json"))


@login_required
@require_GET
def export_csv_zip(request: HttpRequest) -> StreamingHttpResponse:
    """All of the person's data as spreadsheets: account.csv, episodes.csv, daily_logs.csv;
    streamed, a chunk of rows at a time."""
    stream = export.export_csv_zip_stream(request.user)
    response = StreamingHttpResponse(stream, content_type="application/zip")
    return _attachment(response, export.export_filename(request.user, "zip"))


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    """Erase the account after the password is confirmed, then log out and go home."""
    form = AccountDeleteForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_account(user=user)
        messages.success(request, DELETED_MESSAGE)
        return redirect("home")
    status = 400 if request.method == "POST" else 200
    return render(request, "journal/account_delete.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def reminders_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm; POST turns the reminders off. No log-in needed."""
    template = "journal/reminders_unsubscribe.html"
    user_id = reminders.user_id_from_token(token)
    if user_id is None:
        return render(request, template, {"state": "invalid"}, status=400)
    profile = Profile.objects.filter(user_id=user_id).first()
    if profile is None:
        return render(request, template, {"state": "gone"}, status=404)
    if request.method == "POST":
        reminders_turn_off(profile=profile)
        return render(request, template, {"state": "done"})
    return render(request, template, {"state": "confirm"})

"""An episode's photos and videos on the pages: add one (the no-script form; the page's
script sends the same file to the API with a progress bar), see one, delete one.

Everything answers only the episode's owner; anyone else gets a 404.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_http_methods, require_POST

from journal import attachments
from journal.models import Attachment
from journal.views.pages import _own_episode


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="Add a photo or video",
        error_messages={"required": "Choose a photo or video first. Nothing was saved."},
    )


def _own_attachment(request: HttpRequest, pk: int) -> Attachment:
    """The signed-in person's attachment ``pk``; a 404 for anyone else's."""
    return get_object_or_404(Attachment.objects.for_user(request.user), pk=pk)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    episode = _own_episode(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = attachments.attachment_add(
                episode=episode, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            for message in error.message_dict.get("file", error.messages):
                messages.error(request, message)
        else:
            messages.success(request, f"Your {attachment.get_kind_display()} is saved.")
    else:
        for message in form.errors.get("file", []):
            messages.error(request, message)
    return redirect(f"{episode.get_absolute_url()}#attachments")


@login_required
@require_http_methods(["GET", "HEAD"])
def attachment_file(request: HttpRequest, pk: int) -> HttpResponse:
    return attachments.file_response(request, _own_attachment(request, pk))


@login_required
@require_POST
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _own_attachment(request, pk)
    episode_url = attachment.episode.get_absolute_url()
    attachments.attachment_delete(attachment=attachment)
    messages.success(request, "The photo or video is deleted.")
    return redirect(f"{episode_url}#attachments")

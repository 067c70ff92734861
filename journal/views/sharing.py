"""Share the report with a doctor: make a link, revoke it, and the page the link opens.

The person's side (``share_create``, ``share_revoke``) lives on the report page. The shared
page (``shared_report``) and its files (``shared_file``) need no account: the secret in the
address is the key. A revoked, expired or unknown link is a plain 404; openings and tries
are throttled per client address.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_http_methods, require_POST

from journal import attachments, doctor_report, reports, sharing
from journal.models import Attachment, ShareLink
from twitchcare.client_ip import client_ip
from twitchcare.ratelimit import over_limit

#: Each shared page's files (a video seeks with several range requests) per address.
FILES_PER_ADDRESS = 600


class ShareForm(forms.Form):
    start = forms.DateField(
        label="From", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label="To", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    days = forms.IntegerField(
        label="Link works for (days)",
        min_value=sharing.MIN_DAYS,
        max_value=sharing.MAX_DAYS,
        initial=sharing.DEFAULT_DAYS,
        error_messages={
            "min_value": sharing.DAYS_MESSAGE,
            "max_value": sharing.DAYS_MESSAGE,
            "invalid": sharing.DAYS_MESSAGE,
        },
    )


def share_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("journal:shared_report", args=[token]))


def report_page_extras(request: HttpRequest, date_range) -> dict:
    """What the person's report page adds: the form to share the range on screen, and the
    person's links with their openings."""
    form = ShareForm(
        initial={"start": date_range.first, "end": date_range.last, "days": sharing.DEFAULT_DAYS}
    )
    return {
        "share_form": form,
        "share_links": sharing.links_with_openings(request.user),
        "now": timezone.now(),
    }


@login_required
@require_POST
def share_create(request: HttpRequest) -> HttpResponse:
    """Make a link and show it, once: it is not stored anywhere it could be shown again."""
    form = ShareForm(request.POST)
    if form.is_valid():
        try:
            link, token = sharing.share_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            context = {"link": link, "url": share_url(request, token)}
            return render(request, "journal/share_created.html", context, status=201)
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, f"The link was not made: {message}")
    return redirect(f"{reverse('journal:report')}#share")


@login_required
@require_POST
def share_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(ShareLink.objects.for_user(request.user), pk=pk)
    sharing.share_revoke(link=link)
    messages.success(request, "The link is revoked: it no longer opens.")
    return redirect(f"{reverse('journal:report')}#share")


def _private(response: HttpResponse) -> HttpResponse:
    """Never stored, never indexed, and the address (the secret) never sent on as a
    referrer."""
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "journal/share_throttled.html", status=429)
    response["Retry-After"] = str(sharing.OPENINGS_WINDOW_SECONDS)
    return _private(response)


def _live_link(token: str, now) -> ShareLink:
    link = sharing.share_find(token, now=now)
    if link is None:
        raise Http404
    return link


@require_http_methods(["GET", "HEAD"])
def shared_report(request: HttpRequest, token: str) -> HttpResponse:
    if over_limit(
        "share_open",
        client_ip(request),
        limit=sharing.OPENINGS_PER_ADDRESS,
        period=sharing.OPENINGS_WINDOW_SECONDS,
    ):
        return _too_many(request)
    now = timezone.now()
    link = _live_link(token, now)
    if request.method == "GET":  # a link preview's HEAD is not someone reading it
        sharing.share_opening_record(link=link, now=now)
    context = doctor_report.report_context(
        link.user, reports.DateRange(link.start, link.end), now=now
    )
    context["token"] = token
    return _private(render(request, "journal/share_page.html", context))


@require_http_methods(["GET", "HEAD"])
def shared_file(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    """A file of the shared range: the link's person's, of an episode in its dates."""
    if over_limit(
        "share_file",
        client_ip(request),
        limit=FILES_PER_ADDRESS,
        period=sharing.OPENINGS_WINDOW_SECONDS,
    ):
        return _too_many(request)
    link = _live_link(token, timezone.now())
    start, end = sharing.range_bounds(link)
    attachment = get_object_or_404(
        Attachment.objects.for_user(link.user).filter(
            episode__started_at__gte=start, episode__started_at__lt=end
        ),
        pk=pk,
    )
    return _private(attachments.file_response(request, attachment))

"""Person-neutral shells of the two log forms, for the service worker to keep offline.

The real pages (``/journal/quick/``, ``/journal/new/``) carry the emergency banner and
personal navigation, and answer ``no-store``. These render the same templates with an
empty form and no person: the service worker fetches them without cookies at install
(``twitchcare/pwa.py``) and shows them at the real addresses when the network is gone.
There, ``static/js/outbox.js`` keeps what is saved until it can be sent. The daily log's
shell answers offline for every ``/journal/daily/...`` address: the page's script lets it
save only today's log (the browser's date), as a new log. They need no
log-in (they hold nothing of anyone's) and only answer GET.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from journal.forms import DailyLogForm, EpisodeForm, QuickEpisodeForm
from journal.models import EMERGENCY_SIGNS


@require_GET
def quick_shell(request: HttpRequest) -> HttpResponse:
    return render(request, "journal/episode_quick.html", {"form": QuickEpisodeForm()})


@require_GET
def create_shell(request: HttpRequest) -> HttpResponse:
    # No start time: the page's script fills in the moment the form is opened.
    return render(
        request,
        "journal/episode_form.html",
        {"form": EpisodeForm(), "stroke_signs": sorted(EMERGENCY_SIGNS)},
    )


@require_GET
def daily_shell(request: HttpRequest) -> HttpResponse:
    return render(request, "journal/daily_log_offline.html", {"form": DailyLogForm()})

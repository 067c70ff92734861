"""The journal's HTML pages: the Today dashboard, episodes and daily logs.

Views stay short: forms validate, journal.services writes, journal.selectors reads.
Every page is the signed-in person's own; someone else's episode is a 404.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.views.decorators.http import require_http_methods

from guidance import safety
from journal import attachments, selectors, services, treatments, triage
from journal.context_processors import banner_due, request_triage
from journal.dates import EARLIEST
from journal.forms import (
    DAILY_FACTOR_FIELDS,
    FACE_SIGNS_HELP,
    DailyLogForm,
    EpisodeFilterForm,
    EpisodeForm,
    QuickEpisodeForm,
    ShortStartForm,
    add_model_errors,
)
from journal.models import EMERGENCY_SIGNS, DailyLog, Episode, Trigger
from journal.templatetags.journal_format import episode_days, short_weekday, weekday_day_month

EPISODES_PER_PAGE = 25
GLANCE_DAYS = 14


def _own_episode(request: HttpRequest, pk: int) -> Episode:
    """The signed-in person's episode ``pk``; a 404 for anyone else's, as if it did not exist."""
    return get_object_or_404(Episode.objects.for_user(request.user), pk=pk)


def _save(form, write: Callable[..., Any], **kwargs) -> Any | None:
    """Call a service with the form's values; on a ValidationError put it on the form.

    Returns what the service returned, or None when nothing was stored.
    """
    try:
        return write(**kwargs)
    except ValidationError as error:
        add_model_errors(form, error)
        return None


def _create_episode(request: HttpRequest, form) -> Episode | None:
    """Store the twitch on a valid log form once per ``client_id`` (a page that resends
    after a lost answer, or whose outbox got there first, finds it already stored)."""
    saved = _save(
        form,
        services.episode_create_once,
        user=request.user,
        client_id=form.cleaned_data.get("client_id"),
        **form.episode_fields(),
    )
    return saved[0] if saved else None


def _go_to(request: HttpRequest, episode: Episode) -> HttpResponse:
    """Where a saved log form leads: a redirect, or for the page's script (which posts
    with ``Accept: application/json`` so that a post with no answer can go to the outbox)
    the address to go to. The message waits in the session for that page either way."""
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"location": episode.get_absolute_url()}, status=201)
    return redirect(episode)


def _saved_message(request: HttpRequest, episode: Episode, text: str) -> None:
    # With a stroke sign or a new weak face the emergency card must be the first thing on
    # the next page, so no cheerful "saved" note goes above it.
    if not episode.has_emergency_signs:
        messages.success(request, text)


def home(request: HttpRequest) -> HttpResponse:
    """A welcome for visitors; the Today dashboard for a signed-in person."""
    if not request.user.is_authenticated:
        return render(request, "home.html")
    return dashboard(request)


def _glance(days: list[tuple[dt.date, int]]) -> list[dict[str, Any]]:
    """Per-day counts with a bar height from 0 to 100, scaled to the busiest day, and the
    day's name short ("Tu") and in full ("Tuesday 3 March")."""
    busiest = max((count for _, count in days), default=0)
    return [
        {
            "date": day,
            "count": count,
            "height": round(100 * count / busiest) if busiest else 0,
            "weekday": short_weekday(day),
            "label": weekday_day_month(day),
        }
        for day, count in days
    ]


def _care_card(request: HttpRequest) -> dict[str, Any]:
    """The dashboard's compact care card: the level in words and a link to /triage/.

    Once the person has recorded being seen about an emergency, the card keeps the level
    (the result never changes) but says so instead of offering the numbers to call.
    """
    level = request_triage(request).level
    due = banner_due(request)
    lead = safety.LEVEL_SUMMARIES[level]
    profile = request.user.profile
    seen_at = profile.emergency_seen_at
    if seen_at and level in (triage.URGENT, triage.EMERGENCY) and not due:
        lead = safety.SEEN_NOTE.format(day=date_format(seen_at.astimezone(profile.zone), "j F Y"))
    return {
        "level": level,
        "title": safety.LEVEL_HEADINGS[level],
        "lead": lead,
        "calls": due,
        "link_text": "How this works" if level == "no_data" else "See why and what to do",
    }


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Today: the count, the care card, today's log and checklist, the last 14 days."""
    user = request.user
    today = user.profile.local_date()
    days = selectors.episodes_per_day(user, today - dt.timedelta(days=GLANCE_DAYS - 1), today)
    context = {
        "today": today,
        "today_count": days[-1][1],
        "care_card": _care_card(request),
        "daily_log": DailyLog.objects.for_user(user).filter(date=today).first(),
        "checklist": selectors.checklist_today(user),
        "glance": _glance(days),
        "glance_total": sum(count for _, count in days),
        "next_injection": treatments.next_injection(user, today=today),
    }
    return render(request, "journal/dashboard.html", context)


@login_required
def episode_list(request: HttpRequest) -> HttpResponse:
    filters = EpisodeFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_bound and filters.is_valid() else {}
    episodes = selectors.episodes_filtered(
        request.user,
        date_from=criteria.get("date_from"),
        date_to=criteria.get("date_to"),
        location=criteria.get("location", ""),
        side=criteria.get("side", ""),
    )
    page = Paginator(episodes, EPISODES_PER_PAGE).get_page(request.GET.get("page"))
    # Each day's heading shows that day's factors: the page's logs in one query.
    days = episode_days(page.object_list)
    logs = selectors.daily_logs_on(request.user, [dt.date.fromisoformat(day.id) for day in days])
    days = [replace(day, log=logs.get(dt.date.fromisoformat(day.id))) for day in days]
    # Page links keep the filters but not the page number itself.
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "page_obj": page,
        "days": days,
        "filter_query": query.urlencode(),
        "today": request.user.profile.local_date(),
    }
    return render(request, "journal/episode_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def short_start(request: HttpRequest) -> HttpResponse:
    """The short start after sign-up: when it began, where, which side, new weakness or
    drooping, treatments so far. Every answer is optional and the page can be skipped."""
    profile = request.user.profile
    posted = request.POST if request.method == "POST" else None  # an empty POST: a skip
    form = ShortStartForm(posted, initial={"twitch_began_on": profile.twitch_began_on})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "twitch_began_on": data["twitch_began_on"],
            "locations": data["locations"],
            "side": data["side"],
            "symptoms": data["symptoms"],
            "treatments": data["treatments"],
        }
        try:
            episode = services.short_start_save(user=request.user, **fields)
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            if episode is not None and episode.has_emergency_signs:
                return redirect(episode)  # the FAST card comes first there
            messages.success(request, "Thank you. Your answers are saved.")
            return redirect("home")
    context = {
        "form": form,
        "stroke_signs": sorted(EMERGENCY_SIGNS),
        "face_signs_help": FACE_SIGNS_HELP,
    }
    return render(request, "journal/start.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def episode_quick(request: HttpRequest) -> HttpResponse:
    """ "Twitching now": where, which side, and a timer for how long.

    ``?duration_seconds=N`` (from the "twitching now" bar's Stop) fills the duration; a
    value that is not a whole number of seconds within a day is ignored.
    """
    initial = {}
    handed_over = request.GET.get("duration_seconds", "")
    if handed_over.isdigit() and 1 <= int(handed_over) <= 86400:
        initial["duration_seconds"] = int(handed_over)
    form = QuickEpisodeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        episode = _create_episode(request, form)
        if episode:
            messages.success(request, "Saved. Add what set it off with Change or add details.")
            return _go_to(request, episode)
    return render(request, "journal/episode_quick.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def episode_create(request: HttpRequest) -> HttpResponse:
    # A guidance cause page links here with ?trigger=<code> to log that trigger.
    trigger = request.GET.get("trigger")
    initial = {"started_at": timezone.now()}
    if trigger in Trigger.values:
        initial["triggers"] = [trigger]
    form = EpisodeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        episode = _create_episode(request, form)
        if episode:
            _saved_message(request, episode, "Your twitch is saved.")
            return _go_to(request, episode)
    return render(
        request,
        "journal/episode_form.html",
        {"form": form, "stroke_signs": sorted(EMERGENCY_SIGNS)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def episode_edit(request: HttpRequest, pk: int) -> HttpResponse:
    episode = _own_episode(request, pk)
    form = EpisodeForm(request.POST or None, episode=episode)
    if request.method == "POST" and form.is_valid():
        saved = _save(form, services.episode_update, episode=episode, **form.episode_fields())
        if saved:
            _saved_message(request, saved, "Your changes are saved.")
            return redirect(saved)
        # The service changed the instance in memory before refusing it; show the stored one.
        episode.refresh_from_db()
    context = {"form": form, "episode": episode, "stroke_signs": sorted(EMERGENCY_SIGNS)}
    return render(request, "journal/episode_form.html", context)


@login_required
def episode_detail(request: HttpRequest, pk: int) -> HttpResponse:
    episode = _own_episode(request, pk)
    context = {"episode": episode, **attachments.episode_section(episode)}
    return render(request, "journal/episode_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def episode_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; only POST deletes."""
    episode = _own_episode(request, pk)
    if request.method == "POST":
        services.episode_delete(episode=episode)
        messages.success(request, "The twitch is deleted.")
        return redirect("journal:episode_list")
    return render(request, "journal/episode_confirm_delete.html", {"episode": episode})


@login_required
def daily_log_today(request: HttpRequest) -> HttpResponse:
    """Today's log, at an address that needs no date (the offline page links here: with
    no connection the service worker answers it with the daily log's shell)."""
    return redirect("journal:daily_log", day=request.user.profile.local_date())


@login_required
@require_http_methods(["GET", "POST"])
def daily_log(request: HttpRequest, day: dt.date) -> HttpResponse:
    """The person's log for one of their local days: create it or change it."""
    today = request.user.profile.local_date()
    log = DailyLog.objects.for_user(request.user).filter(date=day).first()
    context: dict[str, Any] = {
        "day": day,
        "today": today,
        "log": log,
        # No link to a day the address would refuse (journal.dates).
        "previous_day": day - dt.timedelta(days=1) if day > EARLIEST else None,
        "next_day": day + dt.timedelta(days=1) if day < today else None,
    }
    if day > today:
        # A day that has not happened yet cannot be logged.
        return render(
            request,
            "journal/daily_log.html",
            {**context, "future": True},
            status=400 if request.method == "POST" else 200,
        )
    yesterday = (
        DailyLog.objects.for_user(request.user).filter(date=day - dt.timedelta(days=1)).first()
        if day > EARLIEST
        else None
    )
    if request.method == "POST" and "same_as_yesterday" in request.POST:
        return _same_as_yesterday(request, day, yesterday)
    form = DailyLogForm(request.POST or None, instance=log or DailyLog(user=request.user, date=day))
    if request.method == "POST" and form.is_valid():
        saved = _save(
            form, services.daily_log_save, user=request.user, date=day, **form.log_fields()
        )
        if saved:
            messages.success(request, f"Your log for {day:%A} {day.day} {day:%B} is saved.")
            return redirect("journal:daily_log", day=day)
    episode_count = selectors.episodes_per_day(request.user, day, day)[0][1]
    context.update(
        form=form,
        episode_count=episode_count,
        yesterday=yesterday,
        # Today's checklist, ticked in place (static/js/checklist.js).
        checklist=selectors.checklist_today(request.user) if day == today else None,
    )
    return render(request, "journal/daily_log.html", context)


def _same_as_yesterday(request: HttpRequest, day: dt.date, yesterday: DailyLog | None):
    """Copy the day before's factors (not its notes or checklist) onto ``day`` and save."""
    if yesterday is None:
        messages.error(request, "There is no log for the day before to copy.")
        return redirect("journal:daily_log", day=day)
    fields = {name: getattr(yesterday, name) for name in DAILY_FACTOR_FIELDS}
    try:
        services.daily_log_save(user=request.user, date=day, **fields)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, "Copied from the day before and saved. Change anything that was different."
        )
    return redirect("journal:daily_log", day=day)

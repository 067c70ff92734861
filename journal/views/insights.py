"""Insights, the five-week plan and the daily checklist: the signed-in person's own pages.

The counting lives in ``journal.insights`` (pure) and ``journal.selectors`` (loading); the
writes in ``journal.services``. These views pick the inputs, call them and render.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from journal import selectors, services
from journal.insights import (
    DEFAULT_DAYS,
    FACTOR_RULES,
    MIN_DAYS_TO_COMPARE,
    PERIOD_CHOICES,
    FactorComparison,
    Insights,
    InvalidDays,
    Verdict,
    parse_days,
)
from journal.models import Location, Side, Trigger
from journal.templatetags.journal_format import one_decimal, short_date


def _counted(counts: dict[str, int], labels: dict[str, str], *, keep_zeros: bool) -> list:
    """Rows of ``{label, count, width}``, most first; ``width`` (0-100) scales each bar to
    the largest count, for the plain bars beside the numbers."""
    rows = [
        {"label": labels.get(code, code), "count": count}
        for code, count in counts.items()
        if count or keep_zeros
    ]
    rows.sort(key=lambda row: -row["count"])
    largest = max((row["count"] for row in rows), default=0)
    for row in rows:
        row["width"] = round(100 * row["count"] / largest) if largest else 0
    return rows


def _chart_data(result: Insights) -> dict[str, Any]:
    """What static/js/insights_chart.js draws: one bar of episodes per day.

    The daily factors are not drawn: six lines on a second scale were unreadable on a
    phone. Their numbers are in the table under the chart, and each factor's card says
    what it shows.
    """
    return {
        "labels": [f"{row.date:%-d %b}" for row in result.days],
        "episodes": [row.count for row in result.days],
    }


def _number(value: float) -> str:
    """One decimal place, halves up (0.25 is "0.3"), a true minus sign, never "-0.0"."""
    text = str(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    return "0.0" if text == "-0.0" else text.replace("-", "\u2212")


def _days(count: int) -> str:
    return f"{count} more logged day{'s' if count != 1 else ''}"


def factor_card(comparison: FactorComparison) -> dict[str, str]:
    """What a factor's card says, verdict first: ``verdict``, ``headline`` and ``detail``.

    The headline is the verdict in words with its interval; the detail gives the figures
    behind it, or, without enough data, how many more days of each kind are needed.
    """
    rule = comparison.rule
    bad_kind, other_kind = rule.bad_label.lower(), rule.other_label
    verdict = comparison.verdict
    if verdict == Verdict.NOT_ENOUGH_DATA:
        # "We need N more logged days", never "log N days with over 2 drinks": the page
        # asks for records, not for more bad days.
        bad_needed, other_needed = comparison.bad_days_needed, comparison.other_days_needed
        needed = []
        if bad_needed:
            needed.append(f"{_days(bad_needed)} with {bad_kind}")
        if other_needed:
            # The second half of "3 more logged days with X and 2 more with Y".
            needed.append(
                f"{other_needed} more with {other_kind}"
                if bad_needed
                else f"{_days(other_needed)} with {other_kind}"
            )
        logged = (
            f"So far you logged {rule.title.lower()} on {comparison.bad_days} "
            f"day{pluralize(comparison.bad_days)} with {bad_kind} and "
            f"{comparison.other_days} with {other_kind}."
            if comparison.logged_days
            else f"You have not logged {rule.title.lower()} in these days."
        )
        return {
            "verdict": verdict,
            "headline": f"Not enough data yet: we need {' and '.join(needed)}.",
            "detail": f"{logged} We need at least {MIN_DAYS_TO_COMPARE} of each to compare.",
        }
    low, high = comparison.interval
    difference = comparison.difference
    detail = (
        f"{_number(comparison.bad_episodes_per_day)} twitches a day on the "
        f"{comparison.bad_days} days with {bad_kind}; "
        f"{_number(comparison.other_episodes_per_day)} a day on the "
        f"{comparison.other_days} days with {other_kind}."
    )
    if verdict == Verdict.MORE:
        headline = (
            f"On days when {rule.bad_phrase} you had about {_number(difference)} more "
            f"twitches a day (somewhere between {_number(low)} and {_number(high)})."
        )
    elif verdict == Verdict.FEWER:
        headline = (
            f"On days when {rule.bad_phrase} you had about {_number(-difference)} fewer "
            f"twitches a day (somewhere between {_number(-high)} and {_number(-low)} fewer)."
        )
    else:
        headline = "No clear difference."
        detail += (
            f" The difference could be anywhere from {_number(low)} to {_number(high)} "
            "twitches a day, so these days may not matter for you."
        )
    return {"verdict": verdict, "headline": headline, "detail": detail}


def _table_rows(result: Insights) -> list[dict[str, Any]]:
    """The chart's numbers as table rows, newest day first: the day as "Tue 3 Mar", its
    count, and each factor as ``floatformat:"-1"`` writes it (None: not logged)."""
    return [
        {
            "day": short_date(row.date),
            "count": row.count,
            "factors": [
                None if value is None else one_decimal(value) for value in row.factors.values()
            ],
        }
        for row in reversed(result.days)
    ]


@login_required
@require_GET
def insights(request: HttpRequest) -> HttpResponse:
    """``/insights/?days=30|60|90``: a bad ``days`` shows a message and the default period."""
    days_error = None
    try:
        days = parse_days(request.GET.get("days"))
    except InvalidDays:
        days = DEFAULT_DAYS
        days_error = f"We can show the last 30, 60 or 90 days. Here are the last {days}."
    result = selectors.insights_for(request.user, days=days)
    context = {
        "insights": result,
        "has_chart": not result.is_empty,
        "days_error": days_error,
        "period_choices": PERIOD_CHOICES,
        "chart_data": _chart_data(result),
        "table_rows": _table_rows(result),
        "factor_rules": FACTOR_RULES,
        "factor_cards": [
            {"rule": comparison.rule, **factor_card(comparison)} for comparison in result.factors
        ],
        "locations": _counted(result.by_location, dict(Location.choices), keep_zeros=False),
        "sides": _counted(result.by_side, dict(Side.choices), keep_zeros=True),
        "triggers": _counted(dict(result.top_triggers), dict(Trigger.choices), keep_zeros=False),
    }
    return render(request, "journal/insights.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest) -> HttpResponse:
    """``/plan/``: the five-week plan. POST starts it today; starting again asks first."""
    profile = request.user.profile
    confirm_restart = False
    if request.method == "POST":
        if profile.plan_started_on is not None and request.POST.get("confirm") != "yes":
            # Starting again resets the weeks; make sure it was meant.
            confirm_restart = True
        else:
            restarting = profile.plan_started_on is not None
            services.plan_start(profile=profile, today=profile.local_date())
            messages.success(
                request,
                "Your plan starts again today, from week 1."
                if restarting
                else "Your five-week plan starts today. This is week 1.",
            )
            return redirect("journal:plan")
    overview = selectors.plan_overview(request.user)
    return render(
        request,
        "journal/plan.html",
        {"overview": overview, "confirm_restart": confirm_restart},
    )


def _next_page(request: HttpRequest) -> str:
    """Where to go after saving: the page the form came from, if it is on this site."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@login_required
@require_POST
def checklist_save(request: HttpRequest, day: dt.date) -> HttpResponse:
    """Store the items ticked on ``day`` (the ticked boxes replace the day's ticks).

    A day after today, or an item not on the checklist, is refused with a message and
    nothing is stored. A request that accepts JSON (static/js/checklist.js, ticking in
    place) gets ``{"saved": true, "done_count": n, "message": ...}``, or a 400 with the
    message; a plain form post is redirected back with the message.
    """
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        log = services.checklist_set(
            user=request.user, date=day, item_slugs=request.POST.getlist("done")
        )
    except ValidationError as error:
        if wants_json:
            return JsonResponse({"saved": False, "message": " ".join(error.messages)}, status=400)
        for message in error.messages:
            messages.error(request, message)
    else:
        today = request.user.profile.local_date()
        text = (
            "Today's checklist is saved."
            if day == today
            else f"Your checklist for {day:%A %-d %B} is saved."
        )
        if wants_json:
            return JsonResponse(
                {"saved": True, "done_count": len(log.checklist_done), "message": text}
            )
        messages.success(request, text)
    return redirect(_next_page(request))

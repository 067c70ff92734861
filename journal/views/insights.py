"""Insights, the five-week plan and the daily checklist: the signed-in person's own pages.

The counting lives in ``journal.insights`` (pure) and ``journal.selectors`` (loading); the
writes in ``journal.services``. These views pick the inputs, call them and render.
"""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from journal import selectors, services
from journal.insights import (
    DEFAULT_DAYS,
    FACTOR_RULES,
    PERIOD_CHOICES,
    Insights,
    InvalidDays,
    parse_days,
)
from journal.models import Location, Side, Trigger
from journal.templatetags.journal_format import one_decimal, short_date

# Shown on the chart from the start; the other factors can be switched on in its legend.
CHART_FACTORS_SHOWN = frozenset({"sleep_hours", "stress_level"})


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
    """What static/js/insights_chart.js draws: episodes per day and the logged factors."""
    return {
        "labels": [f"{row.date:%-d %b}" for row in result.days],
        "episodes": [row.count for row in result.days],
        "factors": [
            {
                "key": rule.factor,
                "label": f"{rule.title} ({rule.unit})",
                "values": [row.factors[rule.factor] for row in result.days],
                "shown": rule.factor in CHART_FACTORS_SHOWN,
            }
            for rule in FACTOR_RULES
            # A factor never logged in the period would only be an empty line.
            if any(row.factors[rule.factor] is not None for row in result.days)
        ],
    }


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
    nothing is stored.
    """
    try:
        services.checklist_set(user=request.user, date=day, item_slugs=request.POST.getlist("done"))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        today = request.user.profile.local_date()
        messages.success(
            request,
            "Today's checklist is saved."
            if day == today
            else f"Your checklist for {day:%A %-d %B} is saved.",
        )
    return redirect(_next_page(request))

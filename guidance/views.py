"""Public guidance pages. No sign-in; only published items are ever shown.

Each view runs a fixed number of queries whatever the amount of content: one per kind of
item it shows. Pages other than search are cached for visitors who are not signed in
(guidance/cache.py); the cache is invalidated whenever any guidance item is saved or deleted.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from guidance import safety
from guidance import search as guidance_search
from guidance.cache import cache_public_page
from guidance.models import (
    Advice,
    Cause,
    ChecklistItem,
    Condition,
    CriterionChange,
    EscalationCriterion,
    Faq,
    GuidanceItem,
    Level,
    PlanStep,
    Treatment,
)

SEARCH_MIN_LENGTH = 2
SEARCH_MAX_LENGTH = 100
#: The triage levels shown on "When to get help", most serious first, with the care card
#: style each uses (after the NHS care cards).
LEVEL_CARDS = [
    (Level.EMERGENCY, "emergency"),
    (Level.URGENT, "urgent"),
    (Level.SEE_DOCTOR, "see-doctor"),
]


@dataclass(frozen=True)
class Thresholds:
    """The two numbers the safety cards state, as the criteria hold them."""

    persistent_days: int = safety.PERSISTENT_DAYS
    emergency_hours: int = safety.EMERGENCY_HOURS


def safety_thresholds() -> Thresholds:
    """The "see a doctor" days and the emergency hours from the criteria (one query).

    The criteria are the one source of both (SPEC, "Triage"). Every row counts whatever its
    status, as in triage; an empty threshold means the SPEC's value.
    """
    rows = {
        code: (days, hours)
        for code, days, hours in EscalationCriterion.objects.filter(
            code__in=["persistent", "stroke_signs"]
        ).values_list("code", "threshold_days", "threshold_hours")
    }
    return Thresholds(
        persistent_days=rows.get("persistent", (None, None))[0] or safety.PERSISTENT_DAYS,
        emergency_hours=rows.get("stroke_signs", (None, None))[1] or safety.EMERGENCY_HOURS,
    )


def _render(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """Render a guidance page with the thresholds its safety cards state."""
    return render(request, template, {**context, "thresholds": safety_thresholds()})


@dataclass(frozen=True)
class ReviewDates:
    """The review dates a page shows: the newest review and the soonest next one."""

    last_reviewed: dt.date | None
    next_review_due: dt.date | None


def review_dates(items: Iterable[GuidanceItem]) -> ReviewDates:
    """Review dates for a page built from ``items`` (already loaded; no query).

    A page is only as fresh as its stalest item is due, so "next review due" is the
    earliest of the items' dates. Both are ``None`` when there are no items.
    """
    items = list(items)
    if not items:
        return ReviewDates(None, None)
    return ReviewDates(
        last_reviewed=max(item.last_reviewed for item in items),
        next_review_due=min(item.next_review_due for item in items),
    )


@cache_public_page
def index(request: HttpRequest) -> HttpResponse:
    causes = list(Cause.objects.published())
    conditions = list(Condition.objects.published())
    return _render(
        request,
        "guidance/index.html",
        {
            "causes": causes,
            "conditions": conditions,
            "review": review_dates([*causes, *conditions]),
        },
    )


@cache_public_page
def cause_list(request: HttpRequest) -> HttpResponse:
    causes = list(Cause.objects.published())
    return _render(
        request, "guidance/cause_list.html", {"causes": causes, "review": review_dates(causes)}
    )


@cache_public_page
def cause_detail(request: HttpRequest, slug: str) -> HttpResponse:
    cause = get_object_or_404(Cause.objects.published(), slug=slug)
    return _render(
        request,
        "guidance/cause_detail.html",
        {
            "cause": cause,
            # Only the conditions an editor linked by topic (Cause.related_conditions).
            "conditions": cause.related_conditions.published().only("slug", "title"),
            "review": review_dates([cause]),
        },
    )


@cache_public_page
def condition_list(request: HttpRequest) -> HttpResponse:
    conditions = list(Condition.objects.published())
    return _render(
        request,
        "guidance/condition_list.html",
        {"conditions": conditions, "review": review_dates(conditions)},
    )


@cache_public_page
def condition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    condition = get_object_or_404(Condition.objects.published(), slug=slug)
    return _render(
        request,
        "guidance/condition_detail.html",
        {
            "condition": condition,
            "causes": condition.related_causes.published().only("slug", "title"),
            "review": review_dates([condition]),
        },
    )


@cache_public_page
def advice(request: HttpRequest) -> HttpResponse:
    items = list(Advice.objects.published())
    return _render(
        request,
        "guidance/advice.html",
        {
            "dos": [item for item in items if item.kind == Advice.Kind.DO],
            "donts": [item for item in items if item.kind == Advice.Kind.DONT],
            "review": review_dates(items),
        },
    )


@cache_public_page
def faq(request: HttpRequest) -> HttpResponse:
    faqs = list(Faq.objects.published())
    return _render(request, "guidance/faq.html", {"faqs": faqs, "review": review_dates(faqs)})


@cache_public_page
def plan(request: HttpRequest) -> HttpResponse:
    steps = list(PlanStep.objects.published())
    return _render(request, "guidance/plan.html", {"steps": steps, "review": review_dates(steps)})


@cache_public_page
def treatments(request: HttpRequest) -> HttpResponse:
    items = list(Treatment.objects.published())
    return _render(
        request, "guidance/treatments.html", {"treatments": items, "review": review_dates(items)}
    )


@cache_public_page
def checklist(request: HttpRequest) -> HttpResponse:
    items = list(ChecklistItem.objects.published())
    return _render(
        request, "guidance/checklist.html", {"items": items, "review": review_dates(items)}
    )


#: The most approved changes the public change log lists.
CHANGE_LOG_LIMIT = 50


def approved_changes() -> list[CriterionChange]:
    """Approved changes to published criteria, newest first (one query)."""
    return list(
        CriterionChange.objects.filter(
            status=CriterionChange.Status.APPROVED, criterion__status="published"
        )
        .select_related("criterion")
        .order_by("-decided_at", "-pk")[:CHANGE_LOG_LIMIT]
    )


@cache_public_page
def criteria(request: HttpRequest) -> HttpResponse:
    items = list(EscalationCriterion.objects.published())
    groups = [
        {
            "level": level,
            "style": style,
            # The FAST card above already says "call now": this card explains the signs.
            "heading": (
                "Emergency: these signs in more detail"
                if level == Level.EMERGENCY
                else safety.LEVEL_ACTIONS[level]
            ),
            "criteria": [item for item in items if item.level == level],
        }
        for level, style in LEVEL_CARDS
    ]
    return _render(
        request,
        "guidance/criteria.html",
        {
            # Urgent always shows: an emergency sign that is older becomes urgent.
            "groups": [g for g in groups if g["criteria"] or g["level"] == Level.URGENT],
            "review": review_dates(items),
            "change_log": approved_changes(),
        },
    )


def search(request: HttpRequest) -> HttpResponse:
    """Search published guidance (guidance/search.py), best match first.

    A missing, too short or too long query gets a message. Never cached: it reads the
    published items on every request, so a change an editor publishes shows at once.
    """
    query = request.GET.get("q", "").strip()
    message = ""
    results = []
    if not query:
        message = "Type a word to search for, such as “sleep” or “eyelid”."
    elif len(query) < SEARCH_MIN_LENGTH:
        message = f"Type at least {SEARCH_MIN_LENGTH} letters to search."
    elif len(query) > SEARCH_MAX_LENGTH:
        message = f"That search is too long. Use {SEARCH_MAX_LENGTH} characters or fewer."
    else:
        results = guidance_search.search(query)
        if not results:
            message = f"Nothing matched “{query}”. Try a different word."
    return _render(
        request,
        "guidance/search.html",
        {
            "query": query[:SEARCH_MAX_LENGTH],
            "message": message,
            "results": results,
            "max_length": SEARCH_MAX_LENGTH,
        },
    )

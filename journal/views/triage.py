"""The triage page: "Should I see a doctor?", answered from the person's own entries.

journal.selectors loads (from the database, every time), journal.triage decides, the
template shows.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from journal import selectors, services
from journal.context_processors import REQUEST_ATTRIBUTE, banner_due
from journal.triage import EMERGENCY, SELF_CARE, URGENT, MatchedCriterion

#: Episodes linked under each reason; the rest are counted.
EVIDENCE_SHOWN = 5


@dataclass(frozen=True)
class Reason:
    """A matched criterion with its most recent episodes, for display."""

    criterion: MatchedCriterion
    episodes: list[tuple[int, dt.datetime]]  # (id, started_at), newest first
    more: int


def _reasons(criteria, started: dict[int, dt.datetime]) -> list[Reason]:
    reasons = []
    for criterion in criteria:
        episodes = sorted(
            ((pk, started[pk]) for pk in criterion.evidence if pk in started),
            key=lambda item: item[1],
            reverse=True,
        )
        reasons.append(
            Reason(criterion, episodes[:EVIDENCE_SHOWN], max(0, len(episodes) - EVIDENCE_SHOWN))
        )
    return reasons


@login_required
@require_http_methods(["GET", "POST"])
def triage_page(request: HttpRequest) -> HttpResponse:
    """GET shows the answer; POST records "I have been seen about this" and comes back."""
    if request.method == "POST":
        services.emergency_seen_record(user=request.user)
        messages.success(request, "Thank you. We have noted that a doctor has seen you.")
        return redirect("journal:triage")
    assessment = selectors.triage_assessment(request.user)
    result = assessment.result
    setattr(request, REQUEST_ATTRIBUTE, result)  # the banner shows this same result
    self_care = None
    if result.level == SELF_CARE:
        self_care = selectors.self_care_guidance(
            request.user, triggers=assessment.triggers, now=result.assessed_at
        )
    seen_at = request.user.profile.emergency_seen_at
    context = {
        "result": result,
        "reasons": _reasons(result.criteria, assessment.started),
        "self_care": self_care,
        # "I have been seen about this": offered while the banner shows; once recorded, the
        # date stays beside an urgent or emergency result (it never changes the result).
        "offer_seen": banner_due(request),
        "seen_at": seen_at if result.level in (URGENT, EMERGENCY) else None,
    }
    return render(request, "journal/triage.html", context)

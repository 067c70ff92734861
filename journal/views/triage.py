"""The triage page: "Should I see a doctor?", answered from the person's own entries.

journal.selectors loads (from the database, every time), journal.triage decides, the
template shows.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from journal import selectors
from journal.context_processors import REQUEST_ATTRIBUTE
from journal.triage import SELF_CARE, MatchedCriterion

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
def triage_page(request: HttpRequest) -> HttpResponse:
    assessment = selectors.triage_assessment(request.user)
    result = assessment.result
    setattr(request, REQUEST_ATTRIBUTE, result)  # the banner shows this same result
    self_care = None
    if result.level == SELF_CARE:
        self_care = selectors.self_care_guidance(
            request.user, triggers=assessment.triggers, now=result.assessed_at
        )
    context = {
        "result": result,
        "reasons": _reasons(result.criteria, assessment.started),
        "self_care": self_care,
    }
    return render(request, "journal/triage.html", context)

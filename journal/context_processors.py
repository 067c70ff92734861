"""The emergency banner's data, for every page rendered with a request.

Registered in ``TEMPLATES`` (twitchcare/settings.py), so every view that renders with
``render(request, ...)`` loads it; the template tags only format it.
"""

from django.http import HttpRequest

from journal import selectors, triage
from journal.triage import TriageResult

#: The request attribute holding this request's triage result: the banner, the dashboard's
#: care card and the triage page itself show the same answer.
REQUEST_ATTRIBUTE = "triage_result"


def request_triage(request: HttpRequest) -> TriageResult | None:
    """The signed-in person's triage result, computed once per request; None for a visitor."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    result = getattr(request, REQUEST_ATTRIBUTE, None)
    if result is None:
        result = selectors.triage_for(user)
        setattr(request, REQUEST_ATTRIBUTE, result)
    return result


def banner_due(request: HttpRequest) -> bool:
    """Whether this request's pages carry the emergency banner: an emergency the person has
    not recorded being seen about since its latest sign (``journal.triage.banner_due``)."""
    result = request_triage(request)
    if result is None:
        return False
    return triage.banner_due(result, request.user.profile.emergency_seen_at)


def triage_banner(request: HttpRequest) -> dict:
    """``banner_triage``: the person's result (None for visitors); ``banner_due``: whether
    the emergency banner shows."""
    return {"banner_triage": request_triage(request), "banner_due": banner_due(request)}

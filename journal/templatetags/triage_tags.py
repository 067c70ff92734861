"""Triage on every page: the emergency banner, the dashboard's care card, level words.

The banner and the dashboard card read the person's result through journal.triage_cache.
Within one request the result is kept on the request, so the banner, the card and the
triage page itself always agree.
"""

from django import template
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.text import capfirst
from django.utils.timezone import localtime

from journal import triage
from journal.selectors import request_journal_version
from journal.triage import LEVEL_HEADINGS, LEVEL_SUMMARIES, LEVEL_WORDS, TriageResult
from journal.triage_cache import triage_for

register = template.Library()

REQUEST_ATTRIBUTE = "triage_result"

#: Who to see, as a sentence start (the words themselves are journal.triage's).
SPECIALIST_LINES = {
    **{code: capfirst(words) for code, words in triage.SPECIALIST_WORDS.items()},
    "emergency": "Emergency services: call your local emergency number",
}


def request_triage(request) -> TriageResult | None:
    """The signed-in person's result for this request; None for a visitor."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    result = getattr(request, REQUEST_ATTRIBUTE, None)
    if result is None:
        result = triage_for(user, version=request_journal_version(request))
        setattr(request, REQUEST_ATTRIBUTE, result)
    return result


@register.simple_tag(takes_context=True)
def triage_alert(context) -> TriageResult | None:
    """``{% triage_alert as triage %}``: the person's result, or None (visitors, error pages)."""
    return request_triage(context.get("request"))


def banner_due(request) -> bool:
    """Whether this request's pages carry the emergency banner: an emergency the person has
    not recorded being seen about since its latest sign (journal.triage.banner_due)."""
    result = request_triage(request)
    if result is None:
        return False
    return triage.banner_due(result, request.user.profile.emergency_seen_at)


@register.simple_tag(takes_context=True)
def emergency_banner_due(context) -> bool:
    """``{% emergency_banner_due as due %}``: see ``banner_due``."""
    request = context.get("request")
    return banner_due(request) if request is not None else False


@register.inclusion_tag("journal/includes/care_card.html", takes_context=True)
def triage_summary(context) -> dict:
    """The dashboard's compact care card: the level in words and a link to /triage/.

    Once the person has recorded being seen about an emergency, the card keeps the level
    (the result never changes) but says so instead of offering the numbers to call.
    """
    request = context.get("request")
    result = request_triage(request)
    level = result.level if result else "no_data"
    lead = LEVEL_SUMMARIES[level]
    seen_at = request.user.profile.emergency_seen_at if result else None
    if seen_at and level in (triage.URGENT, triage.EMERGENCY) and not banner_due(request):
        lead = triage.SEEN_NOTE.format(day=date_format(localtime(seen_at), "j F Y"))
    return {
        "level": level,
        "heading_tag": "h2",
        "heading_id": "triage-summary-heading",
        "title": LEVEL_HEADINGS[level],
        "lead": lead,
        "calls": banner_due(request),
        "link_url": reverse("journal:triage"),
        "link_text": "How this works" if level == "no_data" else "See why and what to do",
    }


@register.simple_tag
def emergency_words() -> dict:
    """``{% emergency_words as words %}``: the emergency card's words, from journal.triage."""
    return {
        "numbers": triage.EMERGENCY_NUMBERS,
        "fast": triage.FAST_SIGNS,
        "fast_text": triage.FAST,  # the same signs as one sentence (a next step, the API)
        "even_if_gone": triage.CALL_EVEN_IF_GONE,
    }


@register.filter
def level_heading(level: str) -> str:
    return LEVEL_HEADINGS.get(level, level)


@register.filter
def level_summary(level: str) -> str:
    return LEVEL_SUMMARIES.get(level, "")


@register.filter
def level_words(level: str) -> str:
    return LEVEL_WORDS.get(level, level)


@register.filter
def level_class(level: str) -> str:
    """``see_doctor`` -> ``see-doctor``, for the ``care-card--*`` and ``level-*`` classes."""
    return str(level).replace("_", "-")


@register.filter
def specialist_words(code: str | None) -> str:
    """Who to see, starting a sentence ("Your GP or family doctor")."""
    return SPECIALIST_LINES.get(code or "", "")


@register.filter
def specialist_phrase(code: str | None) -> str:
    """Who to see, inside a sentence ("a neurologist (a doctor for the brain and nerves)")."""
    return triage.SPECIALIST_WORDS.get(code or "", "")


@register.filter
def local_path(value: str) -> str:
    """``value`` when it is a path on this site, else "" (no ``//host`` or ``javascript:``)."""
    value = str(value or "")
    if value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return ""

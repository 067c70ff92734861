"""Triage on every page: the emergency banner, the dashboard's care card, level words.

The banner and the dashboard card read the person's result through journal.triage_cache.
Within one request the result is kept on the request, so the banner, the card and the
triage page itself always agree.
"""

from django import template
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from journal.selectors import request_journal_version
from journal.triage import TriageResult
from journal.triage_cache import triage_for

register = template.Library()

REQUEST_ATTRIBUTE = "triage_result"

#: A care card's heading: the answer, in words (colour and icon only repeat it).
LEVEL_HEADINGS = {
    "no_data": "No recent twitches logged",
    "self_care": "Self-care: you can look after this at home",
    "see_doctor": "See a doctor: book an appointment",
    "urgent": "Urgent: contact a doctor within 24 hours",
    "emergency": "Emergency: call your local emergency number now",
}
#: Short words for one matched criterion's level.
LEVEL_WORDS = {
    "no_data": "No entries",
    "self_care": "Self-care",
    "see_doctor": "See a doctor",
    "urgent": "Urgent",
    "emergency": "Emergency",
}
#: What the dashboard card says under its heading.
LEVEL_SUMMARIES = {
    "no_data": "Log your twitches and we will check them for warning signs.",
    "self_care": "Nothing you logged in the last 60 days needs a doctor.",
    "see_doctor": "Something you logged is worth showing a doctor.",
    "urgent": "Something you logged needs a doctor soon.",
    "emergency": "You logged a possible sign of a stroke.",
}
SPECIALIST_WORDS = {
    "gp": "Your GP or family doctor",
    "neurologist": "A neurologist (a doctor for the brain and nerves)",
    "ophthalmologist": "An ophthalmologist (an eye doctor)",
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


@register.inclusion_tag("journal/includes/care_card.html", takes_context=True)
def triage_summary(context) -> dict:
    """The dashboard's compact care card: the level in words and a link to /triage/."""
    result = request_triage(context.get("request"))
    level = result.level if result else "no_data"
    return {
        "level": level,
        "heading_tag": "h2",
        "heading_id": "triage-summary-heading",
        "title": LEVEL_HEADINGS[level],
        "lead": LEVEL_SUMMARIES[level],
        "calls": level == "emergency",
        "link_url": reverse("journal:triage"),
        "link_text": "How this works" if level == "no_data" else "See why and what to do",
    }


@register.filter
def level_heading(level: str) -> str:
    return LEVEL_HEADINGS.get(level, level)


@register.filter
def level_words(level: str) -> str:
    return LEVEL_WORDS.get(level, level)


@register.filter
def level_class(level: str) -> str:
    """``see_doctor`` -> ``see-doctor``, for the ``care-card--*`` and ``level-*`` classes."""
    return str(level).replace("_", "-")


@register.filter
def specialist_words(code: str | None) -> str:
    return SPECIALIST_WORDS.get(code or "", "")


@register.filter
def local_path(value: str) -> str:
    """``value`` when it is a path on this site, else "" (no ``//host``, ``/\\host``,
    ``/<TAB>/host`` or ``javascript:``: Django's own check for safe redirects decides)."""
    value = str(value or "")
    if value.startswith("/") and url_has_allowed_host_and_scheme(value, allowed_hosts=set()):
        return value
    return ""

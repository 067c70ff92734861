"""Triage words for templates: level headings, level words, specialists, CSS classes.

Formatting only: the views and ``journal.context_processors`` load the results.
"""

from django import template

register = template.Library()

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
    """``value`` when it is a path on this site, else "" (no ``//host`` or ``javascript:``)."""
    value = str(value or "")
    if value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return ""

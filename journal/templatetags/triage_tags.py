"""Triage words for templates: level headings, level words, who to see, the emergency card.

Formatting only: the views and ``journal.context_processors`` load the result; the words
themselves live in ``guidance.safety``.
"""

from django import template
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst

from guidance import safety
from guidance.safety import LEVEL_HEADINGS, LEVEL_SUMMARIES, LEVEL_WORDS

register = template.Library()

#: Who to see, as a sentence start (the words themselves are guidance.safety's).
SPECIALIST_LINES = {
    **{code: capfirst(words) for code, words in safety.SPECIALIST_WORDS.items()},
    "emergency": "Emergency services: call your local emergency number",
}


@register.simple_tag
def emergency_words() -> dict:
    """``{% emergency_words as words %}``: the emergency card's words, from guidance.safety."""
    return {
        "numbers": safety.EMERGENCY_NUMBERS_TEXT,
        "fast": safety.FAST_PAIRS,
        "fast_text": safety.FAST_LINE,  # the same signs as one sentence (a next step, the API)
        "even_if_gone": safety.FAST_EVEN_IF_GONE,
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
    return safety.SPECIALIST_WORDS.get(code or "", "")


@register.filter
def local_path(value: str) -> str:
    """``value`` when it is a path on this site, else "" (no ``//host``, ``/\\host``,
    ``/<TAB>/host`` or ``javascript:``: Django's own check for safe redirects decides)."""
    value = str(value or "")
    if value.startswith("/") and url_has_allowed_host_and_scheme(value, allowed_hosts=set()):
        return value
    return ""

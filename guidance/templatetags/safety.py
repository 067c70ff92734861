"""Render the safety words of ``guidance.safety``: format only, never a query.

The thresholds come in as arguments (the views load the criteria); left out, the SPEC's
values apply, as on the 500 page, which is rendered without a request or a database.
"""

from django import template

from guidance import safety

register = template.Library()


@register.inclusion_tag("includes/fast.html")
def fast_card(heading_tag: str = "h2", variant: str = "") -> dict:
    """The emergency card with the FAST signs; ``variant="footer"`` for the quiet footer."""
    return {
        "heading": safety.EMERGENCY_IF_HEADING if variant == "footer" else safety.EMERGENCY_HEADING,
        "lead": safety.FAST_LEAD,
        "signs": safety.FAST_SIGNS,
        "even_if_gone": safety.FAST_EVEN_IF_GONE,
        "confusion": safety.FAST_CONFUSION,
        "not_a_new_droop": safety.NOT_A_NEW_DROOP,
        "numbers": safety.EMERGENCY_NUMBERS,
        "heading_tag": heading_tag,
        "variant": variant,
    }


@register.inclusion_tag("includes/urgent.html")
def urgent_card(hours: int | None = None, heading_tag: str = "h2") -> dict:
    """Contact a doctor today, and when."""
    return {
        "heading": safety.URGENT_HEADING,
        "how": safety.URGENT_HOW,
        "reasons": safety.urgent_if(hours or safety.EMERGENCY_HOURS),
        "heading_tag": heading_tag,
    }


@register.inclusion_tag("includes/see_gp.html")
def see_gp_card(days: int | None = None, heading_tag: str = "h2") -> dict:
    """See a GP if your twitch..., with the persistent threshold given in days."""
    return {
        "heading": safety.SEE_GP_HEADING,
        "reasons": safety.see_gp_if(days or safety.PERSISTENT_DAYS),
        "how": safety.SEE_GP_HOW,
        "heading_tag": heading_tag,
    }


@register.simple_tag
def disclaimer() -> str:
    return safety.DISCLAIMER


@register.simple_tag
def emergency_numbers() -> str:
    return safety.EMERGENCY_NUMBERS_TEXT


@register.simple_tag
def persistent_threshold(days: int | None = None) -> str:
    return safety.persistent_threshold(days or safety.PERSISTENT_DAYS)


@register.inclusion_tag("includes/reason_list.html")
def urgent_reasons(hours: int | None = None) -> dict:
    """The "contact a doctor today if" lines, as a list, for a card that has its own heading."""
    return {"reasons": safety.urgent_if(hours or safety.EMERGENCY_HOURS)}


@register.simple_tag
def urgent_how() -> str:
    return safety.URGENT_HOW

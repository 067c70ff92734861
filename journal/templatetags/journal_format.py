"""Small display helpers for journal templates."""

from django import template

register = template.Library()


@register.filter
def duration(seconds: int | None) -> str:
    """Seconds as words a person reads at a glance: "45 seconds", "2 min 5 s", "1 h 30 min".

    None (not known) becomes "Not recorded".
    """
    if seconds is None or seconds == "":
        return "Not recorded"
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes, secs = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"

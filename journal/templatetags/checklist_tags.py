"""``{% today_checklist %}``: today's checklist, with tick boxes and the streak, for the dashboard.

The markup is templates/journal/includes/checklist_form.html.
"""

from typing import Any

from django import template

from guidance.cache import content_key
from journal import selectors
from journal.kept import kept_for_journal

register = template.Library()


@register.inclusion_tag("journal/includes/checklist_form.html", takes_context=True)
def today_checklist(context: template.Context) -> dict[str, Any]:
    """The signed-in person's checklist for their local today (nothing for a visitor).

    Three queries at most, whatever the history (see ``selectors.checklist_today``), and
    none while the journal and guidance stay the same.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"checklist": None}
    # The ticks are in the journal, the items in guidance: kept until either changes.
    checklist = kept_for_journal(
        request, "checklist", content_key(), lambda: selectors.checklist_today(user)
    )
    return {
        "checklist": checklist,
        "request": request,  # the streak prompt is left out beside an emergency (triage_tags)
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }

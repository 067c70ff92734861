"""The safety words TwitchCare shows, each written once (SPEC: "Triage", one source).

The FAST block, the "see a GP if" list, the urgent line and the disclaimer live here and
nowhere else. Pages render them through ``guidance/templatetags/safety.py`` and the
templates in ``templates/includes/safety_*.html``; the triage module may import them too.
Plain constants and pure functions: no database and no import of ``journal``, so any part
of the project, and the 500 page (rendered with no request), can use them.

Two numbers come from the escalation criteria, which editors own: how long a twitch may last
before a doctor should see it (``persistent``, 21 days) and how long a stroke sign or a new
droop stays an emergency (``stroke_signs``, 72 hours). The functions below take them as
arguments; the defaults are the SPEC's values, used only where no database is at hand.
"""

from dataclasses import dataclass

#: The SPEC's values; the criteria rows are the source (see module docstring).
PERSISTENT_DAYS = 21
EMERGENCY_HOURS = 72

#: (number, where) for the call buttons, in the order the words say them.
EMERGENCY_NUMBERS = (("999", "UK"), ("112", "EU"), ("911", "US"))
EMERGENCY_NUMBERS_TEXT = "999 in the UK, 112 in the EU, 911 in the US"

EMERGENCY_HEADING = "Call your local emergency number now"
#: The same instruction where nothing logged calls for it (the footer of every page): it
#: says when, so a person with a plain twitch is not told to call.
EMERGENCY_IF_HEADING = "Signs of a stroke? Call your local emergency number now"


@dataclass(frozen=True)
class FastSign:
    """One letter of FAST: the letter, its name, and what to look for."""

    letter: str
    name: str
    text: str


FAST_LEAD = "These can be signs of a stroke. A stroke needs help straight away."
FAST_SIGNS = (
    FastSign(
        "F",
        "Face drooping",
        "One side of the face has newly drooped, or will not move or smile. "
        "This is a new droop, not the pull of a twitch.",
    ),
    FastSign("A", "Arm weakness", "One arm is weak or numb and cannot be lifted and kept up."),
    FastSign("S", "Speech trouble", "Speech is slurred or muddled, or words will not come."),
    FastSign(
        "T",
        "Time to call",
        f"Call your local emergency number: {EMERGENCY_NUMBERS_TEXT}.",
    ),
)
#: The advice for a mini-stroke (TIA): the call does not wait for the signs to stay.
FAST_EVEN_IF_GONE = (
    "Call even if the signs go away. Do not wait to see if they pass. Do not drive yourself."
)
FAST_CONFUSION = "Sudden confusion is a warning sign too."
#: What a new droop is not. Said wherever a droop is an emergency, so a known droop does
#: not send someone to emergency services needlessly.
NOT_A_NEW_DROOP = (
    "Not a new droop: a face pulled to one side only while it twitches (as in hemifacial "
    "spasm, twitching that spreads over one side of the face), an old droop from Bell's "
    "palsy that a doctor has seen, or a droopy eyelid after Botox injections. "
    "If you are not sure a droop is new, call."
)

URGENT_HEADING = "Contact a doctor today"
URGENT_HOW = (
    "Ask for a same-day GP appointment, go to an urgent care centre, or call NHS 111 in the UK."
)

SEE_GP_HEADING = "See a GP or family doctor if your twitch"
SEE_GP_HOW = (
    "Book an appointment. Your GP can send you to a specialist if you need one. "
    "Take your twitch report with you."
)

DISCLAIMER = (
    "This is not a diagnosis. TwitchCare does not replace a doctor. "
    "If you are worried, or something feels wrong, contact a doctor."
)


def days_phrase(days: int) -> str:
    """``21`` -> ``"3 weeks"``; a count that is not whole weeks stays in days."""
    if days % 7 == 0:
        weeks = days // 7
        return f"{weeks} week" if weeks == 1 else f"{weeks} weeks"
    return f"{days} day" if days == 1 else f"{days} days"


def hours_phrase(hours: int) -> str:
    """``72`` -> ``"3 days"``; a count that is not whole days stays in hours."""
    if hours % 24 == 0:
        days = hours // 24
        return f"{days} day" if days == 1 else f"{days} days"
    return f"{hours} hour" if hours == 1 else f"{hours} hours"


def persistent_threshold(days: int = PERSISTENT_DAYS) -> str:
    """The one "see a doctor" threshold: ``"more than 3 weeks since it began"``."""
    return f"more than {days_phrase(days)} since it began"


def see_gp_if(days: int = PERSISTENT_DAYS) -> tuple[str, ...]:
    """The "see a GP if your twitch..." list: one line per see-a-doctor rule."""
    return (
        f"has gone on for {persistent_threshold(days)}",
        "spreads to other parts of your face on the same side",
        "affects both sides of your face, or both eyes",
        "squeezes your eye shut",
        "comes with redness, swelling or pain",
        "comes with numbness, or changes in your sight or balance",
        "is getting worse quickly",
    )


def urgent_if(hours: int = EMERGENCY_HOURS) -> tuple[str, ...]:
    """When to contact a doctor today: the emergency signs once they are older."""
    ago = hours_phrase(hours)
    return (
        f"your face drooped or went weak more than {ago} ago, and no doctor has checked it",
        f"signs of a stroke came and went more than {ago} ago, and no doctor has seen you",
        "your eye is very painful, or your sight changes suddenly",
    )


#: The care card heading for each level a criterion can have, on the criteria page.
LEVEL_HEADINGS = {
    "emergency": EMERGENCY_HEADING,
    "urgent": URGENT_HEADING,
    "see_doctor": "Book an appointment with your GP or family doctor",
    "self_care": "You can look after this at home",
}

"""The safety words TwitchCare shows, each written once (SPEC: "Triage", one source).

The FAST block, the "see a GP if" list, the urgent line and the disclaimer live here and
nowhere else, and so do all the words of a triage answer (level headings and summaries,
next steps, who to see, the notes a rule adds): ``journal.triage`` decides, this module
says it. The levels are ``twitchcare.vocabulary.Level``'s, and the words for who to
see are the labels of its ``Specialist``. Pages render them through
``guidance/templatetags/safety.py`` and the templates in ``templates/includes/``; the
triage module imports them. Plain constants and pure functions: no database and no import
of ``journal``, so any part of the project, and the 500 page (rendered with no request), can
use them.

Two numbers come from the escalation criteria, which editors own: how long a twitch may last
before a doctor should see it (``persistent``, 21 days) and how long a stroke sign or a new
droop stays an emergency (``stroke_signs``, 72 hours). The functions below take them as
arguments; the defaults are the SPEC's values, used only where no database is at hand.
"""

from dataclasses import dataclass

from django.utils.text import format_lazy

from twitchcare.vocabulary import Level, Specialist

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


# --- A triage answer's words ------------------------------------------------------------------

NO_DATA, SELF_CARE, SEE_DOCTOR, URGENT, EMERGENCY = Level.values

#: Who to see, inside a sentence ("a neurologist (a doctor for the brain and nerves)").
SPECIALIST_WORDS = {specialist.value: specialist.label for specialist in Specialist}
#: Short words for a level, such as one matched criterion's.
LEVEL_WORDS = {
    NO_DATA: "No entries",
    SELF_CARE: "Self-care",
    SEE_DOCTOR: "See a doctor",
    URGENT: "Urgent",
    EMERGENCY: "Emergency",
}
#: What to do at each level a criterion can have: the criteria page's group headings, and
#: after the level's word, a care card's heading.
LEVEL_ACTIONS = {
    EMERGENCY: EMERGENCY_HEADING,
    URGENT: URGENT_HEADING,
    SEE_DOCTOR: "Book an appointment with your GP or family doctor",
    SELF_CARE: "You can look after this at home",
}
#: A care card's heading: the answer, in words (colour and icon only repeat it).
LEVEL_HEADINGS = {
    NO_DATA: "No recent twitches logged",
    **{
        level: f"{LEVEL_WORDS[level]}: {action[0].lower()}{action[1:]}"
        for level, action in LEVEL_ACTIONS.items()
    },
}
#: The report's words: the headings, with the two lowest put for a reader of the report.
REPORT_LEVEL_HEADINGS = {
    **LEVEL_HEADINGS,
    NO_DATA: "Nothing logged in the last 60 days to check",
    SELF_CARE: "Self-care: nothing logged needs a doctor now",
}
#: What the dashboard card says under its heading.
LEVEL_SUMMARIES = {
    NO_DATA: "Log your twitches and we will check them for warning signs.",
    SELF_CARE: "Nothing you logged in the last 60 days needs a doctor.",
    SEE_DOCTOR: "Something you logged is worth showing your GP or family doctor.",
    URGENT: "Something you logged needs a doctor today.",
    EMERGENCY: "You logged a possible sign of a stroke.",
}

EMERGENCY_CALL = f"{EMERGENCY_HEADING} ({EMERGENCY_NUMBERS_TEXT})."
#: FAST as (sign, what it means) pairs, and as one sentence (a next step, the API).
FAST_PAIRS: tuple[tuple[str, str], ...] = tuple(
    (sign.name, sign.text.rstrip(".")) for sign in FAST_SIGNS
)
FAST_LINE = "Think FAST. " + " ".join(f"{word}: {meaning}." for word, meaning in FAST_PAIRS)
#: Said wherever a lower level is shown: what would make it an emergency.
SEE_SOONER = (
    "If your face newly droops or goes weak (not just pulled during a twitch), or you get "
    f"slurred speech, a weak arm or confusion, call your local emergency number at once "
    f"({EMERGENCY_NUMBERS_TEXT})."
)
BRING_REPORT = "Bring your doctor report. It lists your twitches and the signs you noted."
NEXT_STEPS: dict[str, tuple[str, ...]] = {
    EMERGENCY: (
        EMERGENCY_CALL,
        FAST_LINE,
        FAST_EVEN_IF_GONE,
        "Note the time the signs started. Show your doctor report to the doctors if you can.",
    ),
    URGENT: (
        f"{URGENT_HEADING}. {URGENT_HOW}",
        BRING_REPORT,
        SEE_SOONER,
    ),
    # The see_doctor steps start with the appointment and who to ask about
    # (journal.triage._next_steps).
    SEE_DOCTOR: (BRING_REPORT, SEE_SOONER),
    SELF_CARE: (
        "Nothing you logged needs a doctor right now. Most twitches fade on their own.",
        "Follow this week's step of the five-week plan.",
        "Work through today's checklist.",
        "Look at the causes your own triggers point to.",
        "Keep logging. Check again here if your twitching keeps going for more than 3 weeks, "
        "spreads, or comes with weakness, drooping, pain, redness or swelling.",
        SEE_SOONER,
    ),
    NO_DATA: (
        "Log your twitches when they happen. We will check them for you here.",
        SEE_SOONER,
    ),
}
BOOK_GP = f"{LEVEL_ACTIONS[SEE_DOCTOR]}."
#: For see_doctor: the specialist the matched criteria suggest, to ask the GP about.
ASK_ABOUT = {
    Specialist.NEUROLOGIST.value: format_lazy(
        "Ask them about seeing {}. Your GP can refer you.", Specialist.NEUROLOGIST.label
    ),
    Specialist.OPHTHALMOLOGIST.value: format_lazy(
        "Ask them about seeing {}. Your GP or an optician can refer you.",
        Specialist.OPHTHALMOLOGIST.label,
    ),
}
#: Notes a rule adds to its reason.
STROKE_SIGNS_OLD_NOTE = (
    "You noted these signs more than {hours} hours ago. If any of them are happening now, "
    "call your local emergency number at once."
)
FACIAL_WEAKNESS_OLD_NOTE = (
    "You first noted this more than {hours} hours ago, so it is not new. A doctor should "
    "still check it today. If your face droops or weakens more, or you get slurred speech, "
    "a weak arm or confusion, call your local emergency number at once."
)
FACIAL_WEAKNESS_NEW_NOTE = (
    "A face that newly droops or goes weak can be a sign of a stroke. Call even if it has gone."
)
PERSISTENT_SINCE_NOTE = "Counted from {day}, when you said your twitching began."
SEEN_NOTE = "You recorded that you have been seen on {day}."

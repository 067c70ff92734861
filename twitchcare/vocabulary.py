"""Words both apps share: the journal records them, guidance explains them.

guidance never imports journal (docs/ARCHITECTURE.md); where both need the same words,
they live here, each written once: the triggers, the daily factors, the triage levels and
who to see. The sentences a triage answer is made of are ``guidance.safety``'s.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Trigger(models.TextChoices):
    """What a person thinks set a twitch off; a guidance cause page is about one of them."""

    STRESS = "stress", _("Stress")
    POOR_SLEEP = "poor_sleep", _("Poor sleep")
    CAFFEINE = "caffeine", _("Caffeine")
    ALCOHOL = "alcohol", _("Alcohol")
    SCREEN_TIME = "screen_time", _("Screen time")
    EYE_STRAIN = "eye_strain", _("Eye strain")
    DRY_EYES = "dry_eyes", _("Dry eyes")
    DEHYDRATION = "dehydration", _("Dehydration")
    EXERCISE = "exercise", _("Exercise")
    BRIGHT_LIGHT = "bright_light", _("Bright light")
    OTHER = "other", _("Other")


@dataclass(frozen=True)
class DailyFactor:
    """One factor of the daily log: its field, the form's question, and the short name and
    unit the report and the insights show it with."""

    name: str
    question: str
    title: str
    unit: str


#: The daily log's factors, in the order every page lists them. A plan week may focus on any.
FACTORS: tuple[DailyFactor, ...] = (
    DailyFactor("sleep_hours", _("hours of sleep last night"), "Sleep", "hours"),
    DailyFactor("caffeine_servings", _("caffeine drinks"), "Caffeine", "drinks"),
    DailyFactor("alcohol_drinks", _("alcoholic drinks"), "Alcohol", "drinks"),
    DailyFactor("stress_level", _("stress (0 to 10)"), "Stress", "out of 10"),
    DailyFactor("screen_hours", _("hours of screen time"), "Screen time", "hours"),
    DailyFactor("water_glasses", _("glasses of water"), "Water", "glasses"),
)
FACTORS_BY_NAME: dict[str, DailyFactor] = {factor.name: factor for factor in FACTORS}
#: Each factor's field and its plain name, as the daily log form asks it.
DAILY_FACTORS = {factor.name: factor.question for factor in FACTORS}


class Level(models.TextChoices):
    """Triage levels, lowest first. The order matters: a result takes the highest.

    The labels tell an editor choosing a criterion's level what it means; the words a
    person reads (headings, summaries, short words) are ``guidance.safety``'s.
    """

    NO_DATA = "no_data", _("No entries yet")
    SELF_CARE = "self_care", _("Self-care")
    SEE_DOCTOR = "see_doctor", _("See a doctor")
    URGENT = "urgent", _("Urgent: contact a doctor today")
    EMERGENCY = "emergency", _("Emergency: call for help now")


class Specialist(models.TextChoices):
    """Who to see. The labels read inside a sentence: "Ask your GP about seeing ..."."""

    GP = "gp", _("your GP or family doctor")
    NEUROLOGIST = "neurologist", _("a neurologist (a doctor for the brain and nerves)")
    OPHTHALMOLOGIST = "ophthalmologist", _("an ophthalmologist (an eye doctor)")
    EMERGENCY = "emergency", _("emergency services")

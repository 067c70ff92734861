"""Words both apps share: the journal records them, guidance explains them.

guidance never imports journal (docs/ARCHITECTURE.md); where both need the same words,
they live here.
"""

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


#: The daily log's factor fields and their plain names, as the daily log form shows them.
#: A plan week may focus on any of them.
DAILY_FACTORS = {
    "sleep_hours": _("hours of sleep last night"),
    "caffeine_servings": _("caffeine drinks"),
    "alcohol_drinks": _("alcoholic drinks"),
    "stress_level": _("stress (0 to 10)"),
    "screen_hours": _("hours of screen time"),
    "water_glasses": _("glasses of water"),
}

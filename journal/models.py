"""The symptom journal: episodes, daily logs and each person's profile.

Everything here belongs to one person and is never shown to anyone else.
"""

import datetime as dt
import zoneinfo
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from journal.dates import EARLIEST, validate_date_in_range
from twitchcare.vocabulary import DAILY_FACTORS, Trigger

FUTURE_TOLERANCE = dt.timedelta(minutes=5)
NOTES_MAX_LENGTH = 2000


class Location(models.TextChoices):
    EYELID = "eyelid", _("Eyelid")
    EYEBROW = "eyebrow", _("Eyebrow")
    FOREHEAD = "forehead", _("Forehead")
    CHEEK = "cheek", _("Cheek")
    NOSE = "nose", _("Nose")
    MOUTH = "mouth", _("Mouth")
    CHIN = "chin", _("Chin")
    JAW = "jaw", _("Jaw")


class Side(models.TextChoices):
    LEFT = "left", _("Left")
    RIGHT = "right", _("Right")
    BOTH = "both", _("Both sides")


class Symptom(models.TextChoices):
    # The four face signs raise the emergency card: their labels ask for something NEW, so a
    # twitch's pull, an old droop after Bell's palsy or a droop after Botox is not ticked.
    WEAKNESS = (
        "weakness",
        _("Face newly weak: it won't move as it should, not just during a twitch"),
    )
    DROOPING = (
        "drooping",
        _("Face or eyelid newly drooping or won't move — not just pulled during a twitch"),
    )
    ASYMMETRY = "asymmetry", _("One side of the face newly looks different, even between twitches")
    EYE_CLOSURE_DIFFICULTY = "eye_closure_difficulty", _("Newly hard to close the eye fully")
    FORCED_EYE_CLOSURE = "forced_eye_closure", _("Eye forced shut")
    PAIN = "pain", _("Pain")
    REDNESS = "redness", _("Redness")
    SWELLING = "swelling", _("Swelling")
    NUMBNESS = "numbness", _("Numbness")
    VISION_CHANGE = "vision_change", _("Change in vision")
    BALANCE_PROBLEMS = "balance_problems", _("Balance problems")
    SLURRED_SPEECH = "slurred_speech", _("Slurred speech")
    ARM_WEAKNESS = "arm_weakness", _("Arm weakness")
    CONFUSION = "confusion", _("Confusion")
    LIGHT_SENSITIVITY = "light_sensitivity", _("Sensitive to light")


# Labels by code, built once: `Location.values` makes a new list on every call, and a page
# of episode cards looks up several labels per card.
LOCATION_LABELS: dict[str, str] = dict(Location.choices)
SIDE_LABELS: dict[str, str] = dict(Side.choices)
TRIGGER_LABELS: dict[str, str] = dict(Trigger.choices)
SYMPTOM_LABELS: dict[str, str] = dict(Symptom.choices)

#: Signs of a possible stroke.
STROKE_SIGNS = frozenset({Symptom.SLURRED_SPEECH, Symptom.ARM_WEAKNESS, Symptom.CONFUSION})
#: A new weak or drooping face: may also be a stroke (FAST's F).
FACE_SIGNS = frozenset(
    {Symptom.WEAKNESS, Symptom.DROOPING, Symptom.ASYMMETRY, Symptom.EYE_CLOSURE_DIFFICULTY}
)
#: Ticking one of these shows the FAST emergency card at once (SPEC, "Logging must be fast
#: and safe"); a saved episode that reports one keeps it on screen.
EMERGENCY_SIGNS = STROKE_SIGNS | FACE_SIGNS


@cache
def valid_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in valid_time_zones():
        raise ValidationError(
            _("%(value)s is not a time zone we know. Pick one such as Europe/London."),
            code="invalid_time_zone",
            params={"value": value},
        )


def zone_named(name: str) -> zoneinfo.ZoneInfo:
    """The time zone called ``name``; UTC if that name is not (or no longer) known."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


@deconstructible
class ChoiceListValidator:
    """Validate a JSON list whose items must be distinct values of a set of choices."""

    def __init__(self, choices: list[str], *, required: bool):
        self.choices = list(choices)
        self.required = required

    def __call__(self, value) -> None:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValidationError(_("Send a list of choices."), code="invalid_list")
        if self.required and not value:
            raise ValidationError(_("Pick at least one."), code="required")
        unknown = sorted(set(value) - set(self.choices))
        if unknown:
            raise ValidationError(
                _("%(unknown)s is not a valid choice."),
                # Not "invalid_choice": JSONField swaps in its own message for that code.
                code="unknown_choice",
                params={"unknown": ", ".join(unknown)},
            )
        if len(set(value)) != len(value):
            raise ValidationError(_("Each choice may appear only once."), code="duplicate")

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, ChoiceListValidator)
            and self.choices == other.choices
            and self.required == other.required
        )


class EpisodeQuerySet(models.QuerySet):
    def for_user(self, user) -> "EpisodeQuerySet":
        return self.filter(user=user)

    def between(self, start: dt.datetime | None, end: dt.datetime | None) -> "EpisodeQuerySet":
        """Episodes that started in [start, end); either bound may be None (open)."""
        qs = self
        if start is not None:
            qs = qs.filter(started_at__gte=start)
        if end is not None:
            qs = qs.filter(started_at__lt=end)
        return qs

    def with_location(self, location: str) -> "EpisodeQuerySet":
        # Locations are a JSON list of fixed codes; matching the quoted code in the stored
        # text works the same on SQLite and PostgreSQL, and no code is a substring of
        # another once quoted.
        return self.filter(locations__icontains=f'"{location}"')

    def on_side(self, side: str) -> "EpisodeQuerySet":
        return self.filter(side=side)


class Episode(models.Model):
    """One twitch occurrence, as the person recorded it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="episodes"
    )
    started_at = models.DateTimeField(
        _("started at"), default=timezone.now, validators=[validate_date_in_range]
    )
    duration_seconds = models.PositiveIntegerField(
        _("duration in seconds"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(86400)],
        help_text=_("Leave empty if you don't know. At most one day (86,400 seconds)."),
    )
    locations = models.JSONField(
        _("where on the face"),
        default=list,
        validators=[ChoiceListValidator(Location.values, required=True)],
    )
    side = models.CharField(_("side"), max_length=5, choices=Side.choices)
    intensity = models.PositiveSmallIntegerField(
        _("how strong (1 to 10)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    triggers = models.JSONField(
        _("possible triggers"),
        default=list,
        blank=True,
        validators=[ChoiceListValidator(Trigger.values, required=False)],
    )
    symptoms = models.JSONField(
        _("other signs"),
        default=list,
        blank=True,
        validators=[ChoiceListValidator(Symptom.values, required=False)],
    )
    notes = models.TextField(
        _("notes"), blank=True, validators=[MaxLengthValidator(NOTES_MAX_LENGTH)]
    )
    #: A UUID the person's device made for this entry, so that sending it twice (an
    #: offline outbox retrying, an import merged again) stores it once (SPEC, "Offline").
    client_id = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EpisodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("episode")
        verbose_name_plural = _("episodes")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["user", "-started_at"], name="episode_user_started")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "client_id"],
                condition=Q(client_id__isnull=False),
                name="episode_one_per_client_id",
                violation_error_message=_("This entry has already been saved."),
            ),
            models.CheckConstraint(
                condition=Q(duration_seconds__isnull=True)
                | Q(duration_seconds__gte=1, duration_seconds__lte=86400),
                name="episode_duration_range",
                violation_error_message=_("Duration must be between 1 second and one day."),
            ),
            models.CheckConstraint(
                condition=Q(intensity__isnull=True) | Q(intensity__gte=1, intensity__lte=10),
                name="episode_intensity_range",
                violation_error_message=_("Intensity must be between 1 and 10."),
            ),
            models.CheckConstraint(
                condition=Q(side__in=Side.values),
                name="episode_side_valid",
                violation_error_message=_("Side must be left, right or both."),
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("notes"), NOTES_MAX_LENGTH),
                name="episode_notes_length",
                violation_error_message=_("Notes can be at most 2,000 characters."),
            ),
        ]

    def __str__(self) -> str:
        where = ", ".join(self.locations)
        return f"{self.get_side_display()} {where} at {self.started_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("journal:episode_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.started_at and self.started_at > timezone.now() + FUTURE_TOLERANCE:
            raise ValidationError(
                {"started_at": _("That time is in the future. Pick a time up to now.")},
                code="future",
            )
        for field in ("locations", "triggers", "symptoms"):
            # Store choices in a stable order so equal entries compare equal.
            value = getattr(self, field)
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                setattr(self, field, sorted(value))

    @property
    def has_stroke_signs(self) -> bool:
        """True when the episode reports a sign of a possible stroke (speech, arm, confusion)."""
        return bool(STROKE_SIGNS.intersection(self.symptoms))

    @property
    def has_emergency_signs(self) -> bool:
        """True when the episode reports a stroke sign or a new weak or drooping face: its
        page shows the FAST emergency card."""
        return bool(EMERGENCY_SIGNS.intersection(self.symptoms))

    def get_locations_display(self) -> list[str]:
        """The labels of the stored locations, in stored order; unknown codes are left out."""
        return [LOCATION_LABELS[code] for code in self.locations if code in LOCATION_LABELS]

    def get_triggers_display(self) -> list[str]:
        return [TRIGGER_LABELS[code] for code in self.triggers if code in TRIGGER_LABELS]

    def get_symptoms_display(self) -> list[str]:
        return [SYMPTOM_LABELS[code] for code in self.symptoms if code in SYMPTOM_LABELS]


class DailyLogQuerySet(models.QuerySet):
    def for_user(self, user) -> "DailyLogQuerySet":
        return self.filter(user=user)

    def between_dates(self, first: dt.date, last: dt.date) -> "DailyLogQuerySet":
        """Logs dated first..last, both included."""
        return self.filter(date__gte=first, date__lte=last)


def _range(name: str, low, high, message):
    return models.CheckConstraint(
        condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": low, f"{name}__lte": high}),
        name=f"dailylog_{name}_range",
        violation_error_message=message,
    )


class DailyLog(models.Model):
    """What a person knows about one of their local days. Every factor is optional."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="daily_logs"
    )
    date = models.DateField(_("date"), validators=[validate_date_in_range])
    sleep_hours = models.DecimalField(
        DAILY_FACTORS["sleep_hours"],
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    caffeine_servings = models.PositiveSmallIntegerField(
        DAILY_FACTORS["caffeine_servings"],
        null=True,
        blank=True,
        validators=[MaxValueValidator(30)],
        help_text=_("Cups of coffee, tea, energy or cola drinks."),
    )
    alcohol_drinks = models.PositiveSmallIntegerField(
        DAILY_FACTORS["alcohol_drinks"], null=True, blank=True, validators=[MaxValueValidator(30)]
    )
    stress_level = models.PositiveSmallIntegerField(
        DAILY_FACTORS["stress_level"], null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    screen_hours = models.DecimalField(
        DAILY_FACTORS["screen_hours"],
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    water_glasses = models.PositiveSmallIntegerField(
        DAILY_FACTORS["water_glasses"], null=True, blank=True, validators=[MaxValueValidator(40)]
    )
    checklist_done = models.JSONField(
        _("checklist items done"),
        default=list,
        blank=True,
        help_text=_("Slugs of the daily checklist items ticked that day."),
    )
    notes = models.TextField(
        _("notes"), blank=True, validators=[MaxLengthValidator(NOTES_MAX_LENGTH)]
    )
    #: As Episode.client_id.
    client_id = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DailyLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("daily log")
        verbose_name_plural = _("daily logs")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "date"],
                name="dailylog_one_per_day",
                violation_error_message=_("There is already a log for this day."),
            ),
            models.UniqueConstraint(
                fields=["user", "client_id"],
                condition=Q(client_id__isnull=False),
                name="dailylog_one_per_client_id",
                violation_error_message=_("This entry has already been saved."),
            ),
            _range("sleep_hours", 0, 24, _("Sleep must be between 0 and 24 hours.")),
            _range("caffeine_servings", 0, 30, _("Caffeine must be between 0 and 30.")),
            _range("alcohol_drinks", 0, 30, _("Alcohol must be between 0 and 30 drinks.")),
            _range("stress_level", 0, 10, _("Stress must be between 0 and 10.")),
            _range("screen_hours", 0, 24, _("Screen time must be between 0 and 24 hours.")),
            _range("water_glasses", 0, 40, _("Water must be between 0 and 40 glasses.")),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("notes"), NOTES_MAX_LENGTH),
                name="dailylog_notes_length",
                violation_error_message=_("Notes can be at most 2,000 characters."),
            ),
        ]

    def __str__(self) -> str:
        return f"Daily log {self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("journal:daily_log", args=[self.date.isoformat()])

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.checklist_done, list) or not all(
            isinstance(item, str) and len(item) <= 100 for item in self.checklist_done
        ):
            raise ValidationError(
                {"checklist_done": _("Send a list of checklist items.")}, code="invalid_list"
            )
        self.checklist_done = sorted(set(self.checklist_done))


class Profile(models.Model):
    """A person's settings: their time zone, plan and reminders, and their consent."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("Your days start and end at midnight in this time zone."),
    )
    plan_started_on = models.DateField(
        _("five-week plan started on"),
        null=True,
        blank=True,
        validators=[validate_date_in_range],
    )
    twitch_began_on = models.DateField(
        _("when did this twitching start?"),
        null=True,
        blank=True,
        validators=[validate_date_in_range],
        help_text=_("Your best guess is fine. We use it to tell how long it has gone on."),
    )
    #: When the person recorded "I have been seen about this" on the triage page. It takes
    #: the emergency banner off the other pages (journal.triage.banner_due); it never
    #: changes the triage result.
    emergency_seen_at = models.DateTimeField(
        _("recorded being seen by a doctor at"), null=True, blank=True, editable=False
    )
    reminders_enabled = models.BooleanField(_("send me a daily reminder"), default=False)
    reminder_time = models.TimeField(
        _("reminder time"), default=dt.time(20, 0), help_text=_("Your local time.")
    )
    last_reminder_sent_on = models.DateField(null=True, blank=True, editable=False)
    health_data_consent_at = models.DateTimeField(
        _("consented to storing health data at"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(twitch_began_on__isnull=True) | Q(twitch_began_on__gte=EARLIEST),
                name="profile_twitch_began_on_from_1900",
                violation_error_message=_("Pick a date in 1900 or later."),
            ),
        ]

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    def clean(self) -> None:
        super().clean()
        if self.twitch_began_on and self.twitch_began_on > self.local_date():
            raise ValidationError(
                {"twitch_began_on": _("That day has not come yet. Pick today or an earlier day.")},
                code="future",
            )

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The person's time zone; UTC if the stored name is no longer known."""
        return zone_named(self.time_zone)

    def local_date(self, moment: dt.datetime | None = None) -> dt.date:
        """The person's local date at ``moment`` (now when None)."""
        return (moment or timezone.now()).astimezone(self.zone).date()

    def day_bounds(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        """The aware instants where the person's local ``day`` starts and the next one starts."""
        start = dt.datetime.combine(day, dt.time.min, tzinfo=self.zone)
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=self.zone)
        return start, end


class TreatmentKind(models.TextChoices):
    BOTULINUM_TOXIN = "botulinum_toxin", _("Botulinum toxin injection")
    MEDICATION = "medication", _("Medicine")
    SUPPLEMENT = "supplement", _("Supplement")
    EYE_DROPS = "eye_drops", _("Eye drops")
    OTHER = "other", _("Other")


class TreatmentQuerySet(models.QuerySet):
    def for_user(self, user) -> "TreatmentQuerySet":
        return self.filter(user=user)


class Treatment(models.Model):
    """Something a person tried for their twitching (SPEC, "Treatments")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="treatments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TreatmentKind.choices)
    name = models.CharField(_("name"), max_length=100)
    given_on = models.DateField(
        _("given on"),
        validators=[validate_date_in_range],
        help_text=_("The injection day, or the first day you took it."),
    )
    ended_on = models.DateField(
        _("stopped on"),
        null=True,
        blank=True,
        validators=[validate_date_in_range],
        help_text=_("Leave empty if you still take it, or for an injection."),
    )
    dose = models.CharField(_("dose"), max_length=100, blank=True)
    notes = models.TextField(
        _("notes"), blank=True, validators=[MaxLengthValidator(NOTES_MAX_LENGTH)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TreatmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("treatment")
        verbose_name_plural = _("treatments")
        ordering = ["-given_on", "-id"]
        indexes = [models.Index(fields=["user", "-given_on"], name="treatment_user_given")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=TreatmentKind.values),
                name="treatment_kind_valid",
                violation_error_message=_("Pick a kind of treatment from the list."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("given_on")),
                name="treatment_ends_after_given",
                violation_error_message=_("A treatment cannot stop before it was given."),
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("notes"), NOTES_MAX_LENGTH),
                name="treatment_notes_length",
                violation_error_message=_("Notes can be at most 2,000 characters."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} on {self.given_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("journal:treatment_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.given_on and self.ended_on and self.ended_on < self.given_on:
            raise ValidationError(
                {"ended_on": _("This is before the day it was given. Pick that day or later.")},
                code="ended_before_given",
            )


class RatingSeverity(models.IntegerChoices):
    """How strong the spasms were this week, after the Jankovic Rating Scale's severity."""

    NONE = 0, _("None")
    LIGHT = 1, _("More blinking, only with bright light, wind, reading or driving")
    MILD = 2, _("Mild: fluttering I can see, maybe embarrassing, but it does not stop me")
    MODERATE = 3, _("Moderate: clear spasms that make some things harder")
    SEVERE = 4, _("Severe: spasms stop me doing things, and may spread across my face")


class RatingFrequency(models.IntegerChoices):
    """How often they came this week, after the Jankovic Rating Scale's frequency."""

    NONE = 0, _("None")
    SLIGHT = 1, _("A little more blinking than usual")
    SHORT = 2, _("Fluttering that lasts less than a second")
    LONG = 3, _("Spasms longer than a second, but my eyes are open most of the day")
    CLOSED = 4, _("My eyes are shut by spasms more than half the time I am awake")


class SelfRatingQuerySet(models.QuerySet):
    def for_user(self, user) -> "SelfRatingQuerySet":
        return self.filter(user=user)


class SelfRating(models.Model):
    """A person's own rating of one week (Monday to Sunday, their local days), after the
    Jankovic Rating Scale's anchors: severity 0-4 and frequency 0-4 (SPEC, "Treatments")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_ratings"
    )
    week_start = models.DateField(
        _("week starting"),
        validators=[validate_date_in_range],
        help_text=_("The Monday the week began."),
    )
    severity = models.PositiveSmallIntegerField(_("how strong"), choices=RatingSeverity.choices)
    frequency = models.PositiveSmallIntegerField(_("how often"), choices=RatingFrequency.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SelfRatingQuerySet.as_manager()

    class Meta:
        verbose_name = _("weekly self-rating")
        verbose_name_plural = _("weekly self-ratings")
        ordering = ["-week_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "week_start"],
                name="selfrating_one_per_week",
                violation_error_message=_("There is already a rating for this week."),
            ),
            models.CheckConstraint(
                condition=Q(severity__gte=0, severity__lte=4),
                name="selfrating_severity_range",
                violation_error_message=_("Pick how strong, from 0 to 4."),
            ),
            models.CheckConstraint(
                condition=Q(frequency__gte=0, frequency__lte=4),
                name="selfrating_frequency_range",
                violation_error_message=_("Pick how often, from 0 to 4."),
            ),
        ]

    def __str__(self) -> str:
        return f"Week of {self.week_start:%Y-%m-%d}: {self.severity}/{self.frequency}"

    def clean(self) -> None:
        super().clean()
        if self.week_start and self.week_start.weekday() != 0:
            raise ValidationError(
                {"week_start": _("A week starts on a Monday. Pick the Monday of that week.")},
                code="not_monday",
            )


# --- Attachments and share links (SPEC: "Attachments", "Sharing with a doctor") -------------


def attachment_storage():
    """The private storage attachments live in: ``STORAGES["attachments"]`` (a folder outside
    ``static/`` by default, an S3-compatible bucket when configured). A callable, so the
    migration does not depend on the deployment's storage."""
    from django.core.files.storage import storages

    return storages["attachments"]


def attachment_upload_to(instance: "Attachment", filename: str) -> str:
    """A random name: nothing of the person's file name reaches the storage."""
    import secrets

    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"attachments/{secrets.token_hex(16)}.{extension}"


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("photo")
    VIDEO = "video", _("video")


class AttachmentQuerySet(models.QuerySet):
    def for_user(self, user) -> "AttachmentQuerySet":
        return self.filter(user=user)


class Attachment(models.Model):
    """A photo or short video of an episode, kept in private storage (SPEC, "Attachments").

    ``content_type`` and ``kind`` come from the file's content, never from its name.
    The file is removed from the storage when the row is deleted (journal.signals).
    """

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="attachments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=5, choices=AttachmentKind.choices)
    content_type = models.CharField(_("content type"), max_length=40)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    file = models.FileField(
        _("file"), storage=attachment_storage, upload_to=attachment_upload_to, max_length=200
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AttachmentKind.values), name="attachment_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} of episode {self.episode_id}"

    def get_absolute_url(self) -> str:
        return reverse("journal:attachment_file", args=[self.pk])

    @property
    def is_video(self) -> bool:
        return self.kind == AttachmentKind.VIDEO


class ShareLinkQuerySet(models.QuerySet):
    def for_user(self, user) -> "ShareLinkQuerySet":
        return self.filter(user=user)

    def live(self, now: dt.datetime) -> "ShareLinkQuerySet":
        """Links neither revoked nor expired at ``now``."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ShareLink(models.Model):
    """A read-only link to a person's report for a date range, for a doctor.

    Only the SHA-256 digest of the link's secret is stored; the secret itself is shown to
    the person once, when the link is made (journal.sharing).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links"
    )
    start = models.DateField(_("from"), validators=[validate_date_in_range])
    end = models.DateField(_("to"), validators=[validate_date_in_range])
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="share_link_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"share of {self.start:%Y-%m-%d} to {self.end:%Y-%m-%d}"

    def is_live(self, now: dt.datetime) -> bool:
        """True when the link opens at ``now``: not revoked and not expired."""
        return self.revoked_at is None and self.expires_at > now


class ShareOpening(models.Model):
    """One opening of a share link's page: when (nothing about who)."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="openings")
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("share link opening")
        verbose_name_plural = _("share link openings")
        ordering = ["-opened_at", "-id"]

    def __str__(self) -> str:
        return f"opened {self.opened_at:%Y-%m-%d %H:%M}"

"""Forms for the journal pages. They only validate and normalise what was typed.

Saving goes through journal.services, whose model validation is the final word: a
``ValidationError`` it raises is put back on the form's fields with ``add_model_errors``.
"""

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from journal.dates import local_time, validate_date_in_range
from journal.models import (
    EMERGENCY_SIGNS,
    FACE_SIGNS,
    NOTES_MAX_LENGTH,
    DailyLog,
    Location,
    Side,
    Symptom,
    Trigger,
)

INTENSITY_CHOICES = [
    ("", _("Not sure")),
    ("1", _("1 (barely there)")),
    *[(str(n), str(n)) for n in range(2, 10)],
    ("10", _("10 (the worst)")),
]

#: How triggers and signs are grouped on the page, so a long list reads in small chunks.
TRIGGER_GROUPS: list[tuple[str, list[str]]] = [
    (_("Daily life"), [Trigger.STRESS, Trigger.POOR_SLEEP, Trigger.CAFFEINE, Trigger.ALCOHOL,
                       Trigger.DEHYDRATION, Trigger.EXERCISE]),
    (_("Eyes and screens"), [Trigger.SCREEN_TIME, Trigger.EYE_STRAIN, Trigger.DRY_EYES,
                             Trigger.BRIGHT_LIGHT]),
    (_("Something else"), [Trigger.OTHER]),
]  # fmt: skip
#: The first two groups are the emergency signs (models.EMERGENCY_SIGNS): ticking one shows
#: the FAST card at once (static/js/stroke_alert.js).
SYMPTOM_GROUPS: list[tuple[str, list[str]]] = [
    (_("Signs of a possible stroke: get help now"),
     [Symptom.SLURRED_SPEECH, Symptom.ARM_WEAKNESS, Symptom.CONFUSION]),
    (_("A new weak or drooping face: get help now"),
     [Symptom.DROOPING, Symptom.WEAKNESS, Symptom.ASYMMETRY, Symptom.EYE_CLOSURE_DIFFICULTY]),
    (_("Face"), [Symptom.NUMBNESS, Symptom.PAIN]),
    (_("Eye"), [Symptom.FORCED_EYE_CLOSURE, Symptom.REDNESS, Symptom.SWELLING,
                Symptom.VISION_CHANGE, Symptom.LIGHT_SENSITIVITY]),
    (_("Body"), [Symptom.BALANCE_PROBLEMS]),
]  # fmt: skip
#: Said under the face signs, so a twitch's pull or an old, known droop is not ticked.
FACE_SIGNS_HELP = _(
    "Tick these only if it is new. Not the pull of a twitch, not an old droop after Bell's "
    "palsy, and not a droop after Botox (botulinum toxin) injections that a doctor knows about."
)


def add_model_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a model or service ``ValidationError`` on the form's matching fields.

    Messages for fields the form does not have, and non-field messages, go to the top of
    the form so nothing is lost.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        if field in form.fields and field != NON_FIELD_ERRORS:
            form.add_error(field, messages)
        else:
            form.add_error(None, messages)


def _checkboxes(choices, *, required: bool, **kwargs) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=choices,
        required=required,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        **kwargs,
    )


#: Strength as a row of big buttons: "Not sure" first, then 1 to 10 (the legend says which
#: end is which, so each button can be just its number).
STRENGTH_CHOICES = [("", _("Not sure")), *[(str(n), str(n)) for n in range(1, 11)]]
MAX_DURATION_SECONDS = 86400  # an episode lasts at most one day


class ErrorSummaryMixin:
    """The form's errors as a list for the summary at the top of a page (GOV.UK pattern).

    Each entry links to the field's first control: a group of checkboxes or radio buttons
    is linked at its first option. ``error_anchors`` maps a field to another control's id.
    """

    error_anchors: dict[str, str] = {}

    def error_summary(self) -> list[dict[str, str]]:
        entries = []
        for name, errors in self.errors.items():
            if name == NON_FIELD_ERRORS or name not in self.fields:
                anchor = ""
            elif name in self.error_anchors:
                anchor = self.error_anchors[name]
            else:
                widget = self.fields[name].widget
                anchor = self[name].auto_id
                if isinstance(widget, forms.RadioSelect):  # CheckboxSelectMultiple too
                    anchor += "_0"
            entries.extend({"anchor": anchor, "message": message} for message in errors)
        return entries


class QuickEpisodeForm(ErrorSummaryMixin, forms.Form):
    """ "Twitching now": only where and which side are required.

    The duration is posted as ``duration_seconds`` (the timer and the steppers keep it
    filled), or, without JavaScript, as minutes and seconds typed into the two boxes.
    ``started_at`` is optional: the timer's start, sent by the page's script.
    """

    error_anchors = {"duration_seconds": "id_duration_min", "started_at": "id_duration_min"}

    #: The page's script labels each new twitch with a UUID it makes when Save is pressed,
    #: the same one the offline outbox sends to the API if this post never gets an answer
    #: (SPEC, "Offline"): the twitch is stored once, whichever arrives. Empty without
    #: JavaScript; ignored when an episode is changed.
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    locations = _checkboxes(
        Location.choices,
        required=True,
        label=_("Where on your face?"),
        help_text=_("Tick every place that twitches."),
        error_messages={"required": _("Pick at least one place on your face.")},
    )
    side = forms.ChoiceField(
        choices=Side.choices,
        label=_("Which side?"),
        help_text=_("Your own left or right."),
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Pick left, right or both sides.")},
    )
    duration_seconds = forms.IntegerField(
        label=_("How long did it last, in seconds?"),
        required=False,
        min_value=1,
        max_value=MAX_DURATION_SECONDS,
        widget=forms.HiddenInput(),
    )
    duration_min = forms.IntegerField(
        label=_("Minutes"),
        required=False,
        min_value=0,
        max_value=MAX_DURATION_SECONDS // 60,
        widget=forms.NumberInput(
            attrs={"inputmode": "numeric", "min": 0, "max": 1440, "class": "form-control"}
        ),
    )
    duration_sec = forms.IntegerField(
        label=_("Seconds"),
        required=False,
        min_value=0,
        max_value=59,
        widget=forms.NumberInput(
            attrs={"inputmode": "numeric", "min": 0, "max": 59, "class": "form-control"}
        ),
    )
    intensity = forms.TypedChoiceField(
        label=_("How strong was it?"),
        choices=STRENGTH_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "btn-check"}),
    )
    started_at = forms.DateTimeField(
        required=False,
        widget=forms.HiddenInput(),
        validators=[validate_date_in_range],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Shown as minutes and seconds: fill the two boxes from a duration in seconds (the
        # timer's, or one handed over in the address by the "twitching now" bar).
        seconds = self.initial.get("duration_seconds")
        if seconds and not self.is_bound:
            self.initial.setdefault("duration_min", seconds // 60)
            self.initial.setdefault("duration_sec", seconds % 60)

    def duration_parts(self) -> list[forms.BoundField]:
        """The minutes and seconds boxes, for the steppers."""
        return [self["duration_min"], self["duration_sec"]]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        minutes, seconds = data.get("duration_min"), data.get("duration_sec")
        typed = "duration_min" in self.fields and (
            self.data.get("duration_min") or self.data.get("duration_sec")
        )
        if typed and "duration_min" not in self.errors and "duration_sec" not in self.errors:
            # The boxes are what the person sees, so they win over the hidden total.
            total = (minutes or 0) * 60 + (seconds or 0)
            if total > MAX_DURATION_SECONDS:
                self.add_error(
                    "duration_seconds",
                    ValidationError(_("A twitch can last at most one day."), code="max_value"),
                )
            else:
                data["duration_seconds"] = total or None
        started = data.get("started_at")
        if started and not self.fields["started_at"].required and started > timezone.now():
            # A phone's clock a few seconds ahead must not turn a twitch into a future one.
            data["started_at"] = timezone.now()
        return data

    def episode_fields(self) -> dict[str, Any]:
        """The cleaned values as keyword arguments for ``episode_create``.

        Without a start from the timer, the twitch started ``duration_seconds`` ago (or just
        now when the duration is unknown), because the person logs it as it ends.
        """
        data = {
            name: self.cleaned_data.get(name)
            for name in ("locations", "side", "duration_seconds", "intensity")
        }
        seconds = data["duration_seconds"] or 0
        data["started_at"] = self.cleaned_data.get("started_at") or (
            timezone.now() - dt.timedelta(seconds=max(0, min(seconds, MAX_DURATION_SECONDS)))
        )
        return data


class EpisodeForm(QuickEpisodeForm):
    """Every field of an episode."""

    field_order = [
        "started_at", "locations", "side", "duration_seconds", "intensity",
        "triggers", "symptoms", "notes",
    ]  # fmt: skip

    duration_seconds = forms.IntegerField(
        label=_("How long did it last, in seconds?"),
        required=False,
        help_text=_("Leave empty if you don't know. 1 minute is 60 seconds."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 86400}),
    )
    duration_min = None
    duration_sec = None
    intensity = forms.TypedChoiceField(
        label=_("How strong was it?"),
        choices=INTENSITY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    started_at = forms.DateTimeField(
        label=_("When did it start?"),
        help_text=_("Your local time."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": _("Enter when it started.")},
        validators=[validate_date_in_range],
    )
    triggers = _checkboxes(Trigger.choices, required=False, label=_("What might have set it off?"))
    symptoms = _checkboxes(
        Symptom.choices, required=False, label=_("Did you notice anything else?")
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=NOTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anything else worth remembering. At most 2,000 characters."),
    )

    def __init__(self, *args, episode=None, **kwargs):
        if episode is not None:
            kwargs.setdefault(
                "initial",
                {
                    # As a wall-clock time: a stored start outside the app's range may
                    # not exist in the person's zone (see journal.dates.local_time).
                    "started_at": local_time(
                        episode.started_at, timezone.get_current_timezone()
                    ).replace(tzinfo=None),
                    "locations": episode.locations,
                    "side": episode.side,
                    "duration_seconds": episode.duration_seconds,
                    "intensity": episode.intensity,
                    "triggers": episode.triggers,
                    "symptoms": episode.symptoms,
                    "notes": episode.notes,
                },
            )
        else:
            kwargs.setdefault("initial", {"started_at": timezone.now()})
        super().__init__(*args, **kwargs)

    def episode_fields(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "client_id"}

    def has_emergency_signs(self) -> bool:
        """True when the answers on screen (typed or stored) include a sign of a stroke or
        a new weak or drooping face: the FAST card shows."""
        return _has_emergency_signs(self)

    def trigger_groups(self) -> list[tuple[str, list]]:
        return _grouped(self["triggers"], TRIGGER_GROUPS)

    def symptom_groups(self) -> list[tuple[str, list]]:
        return _grouped(self["symptoms"], SYMPTOM_GROUPS)

    face_signs_help = FACE_SIGNS_HELP


def _has_emergency_signs(form: forms.Form) -> bool:
    if form.is_bound:
        chosen = form.data.getlist("symptoms") if hasattr(form.data, "getlist") else []
    else:
        chosen = form.initial.get("symptoms") or []
    return bool(EMERGENCY_SIGNS.intersection(chosen))


class ShortStartForm(forms.Form):
    """The short start after sign-up: every answer is optional (SPEC, Profile).

    Where, which side and the signs become a first episode, so a place and a side are
    needed as soon as any of them, or the treatments (kept in that episode's notes), is given.
    """

    twitch_began_on = forms.DateField(
        label=_("When did this twitching start?"),
        required=False,
        help_text=_("Your best guess is fine."),
        validators=[validate_date_in_range],
        widget=forms.DateInput(attrs={"type": "date", "min": "1900-01-01"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date, like 2026-03-10.")},
    )
    locations = _checkboxes(Location.choices, required=False, label=_("Where on your face?"))
    side = forms.ChoiceField(
        choices=Side.choices,
        required=False,
        label=_("Which side?"),
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    symptoms = _checkboxes(
        [(code, label) for code, label in Symptom.choices if code in FACE_SIGNS],
        required=False,
        label=_("Any new weakness or drooping?"),
    )
    treatments = forms.CharField(
        label=_("What have you tried so far?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example eye drops, less coffee, Botox. At most 1,000 characters."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("locations") and (
            data.get("side") or data.get("symptoms") or data.get("treatments")
        ):
            self.add_error(
                "locations",
                ValidationError(
                    _("Pick where it twitches, so we can keep your answers as your first entry."),
                    code="required",
                ),
            )
        if data.get("locations") and not data.get("side"):
            self.add_error(
                "side", ValidationError(_("Pick left, right or both sides."), code="required")
            )
        return data

    def has_emergency_signs(self) -> bool:
        return _has_emergency_signs(self)


def _grouped(bound_field, groups: list[tuple[str, list[str]]]) -> list[tuple[str, list]]:
    """Split a checkbox field's options into labelled groups, in the groups' order."""
    by_value = {widget.data["value"]: widget for widget in bound_field}
    return [(label, [by_value[code] for code in codes]) for label, codes in groups]


class EpisodeFilterForm(forms.Form):
    """The episode list's filters, read from the query string. Every filter is optional."""

    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the 'from' date as a date, like 2026-03-10.")},
        validators=[validate_date_in_range],
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the 'to' date as a date, like 2026-03-10.")},
        validators=[validate_date_in_range],
    )
    location = forms.ChoiceField(
        label=_("Where"),
        required=False,
        choices=[("", _("Anywhere")), *Location.choices],
        error_messages={"invalid_choice": _("Pick a place on the face from the list.")},
    )
    side = forms.ChoiceField(
        label=_("Side"),
        required=False,
        choices=[("", _("Any side")), *Side.choices],
        error_messages={"invalid_choice": _("Pick left, right or both sides.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and first > last:
            raise ValidationError(
                _("The 'from' date is after the 'to' date. Swap them and try again."),
                code="reversed_range",
            )
        return data

    def is_filtering(self) -> bool:
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())


#: The daily log's numbers as steppers: (field, step, where + starts from an empty box).
DAILY_STEPPERS = [
    ("sleep_hours", "0.5", "7"), ("caffeine_servings", "1", "1"), ("alcohol_drinks", "1", "1"),
    ("screen_hours", "0.5", "4"), ("water_glasses", "1", "6"),
]  # fmt: skip
#: The factors "same as yesterday" copies (not the notes, not the checklist).
DAILY_FACTOR_FIELDS = (
    "sleep_hours", "caffeine_servings", "alcohol_drinks", "stress_level", "screen_hours",
    "water_glasses",
)  # fmt: skip


class DailyLogForm(ErrorSummaryMixin, forms.ModelForm):
    """What the person knows about one day. The checklist is ticked elsewhere, not here.

    The numbers are shown as steppers (static/js/steppers.js adds the minus and plus
    buttons; the boxes can always be typed into), stress as a row of big radio buttons.
    """

    class Meta:
        model = DailyLog
        fields = (
            "sleep_hours", "caffeine_servings", "alcohol_drinks", "stress_level",
            "screen_hours", "water_glasses", "notes",
        )  # fmt: skip
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "stress_level": forms.RadioSelect(
                choices=[("", _("Not said")), *[(str(n), str(n)) for n in range(11)]],
                attrs={"class": "btn-check"},
            ),
        }
        help_texts = {
            "sleep_hours": _("The night before this day. For example 6.5."),
            "stress_level": _("0 is calm, 10 is the most stressed you can imagine."),
            "screen_hours": _("Phone, computer and TV together."),
            "alcohol_drinks": _("Glasses of wine, pints, shots."),
        }
        error_messages = {
            name: {
                "max_digits": _("Enter a number of hours from 0 to 24."),
                "max_whole_digits": _("Enter a number of hours from 0 to 24."),
                "max_decimal_places": _("Enter hours with at most one decimal, like 6.5."),
            }
            for name in ("sleep_hours", "screen_hours")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, _step, _start in DAILY_STEPPERS:
            self.fields[name].widget.attrs["class"] = "form-control"
        for name in ("caffeine_servings", "alcohol_drinks", "water_glasses"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"
        for name in ("sleep_hours", "screen_hours"):
            self.fields[name].widget.attrs["inputmode"] = "decimal"

    def steppers(self) -> list[dict[str, Any]]:
        """The number boxes with their step and start, in the page's order."""
        return [
            {"field": self[name], "step": step, "start": start}
            for name, step, start in DAILY_STEPPERS
        ]

    def log_fields(self) -> dict[str, Any]:
        """The cleaned values as keyword arguments for ``daily_log_save``."""
        return {name: self.cleaned_data.get(name) for name in self._meta.fields}

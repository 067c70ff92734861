"""Forms for the treatments pages: a treatment, and a week's self-rating. They only validate
and normalise; ``journal.treatments`` saves (its ``ValidationError`` goes back on the form
through ``journal.forms.add_model_errors``)."""

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from journal.dates import DATE_RANGE_MESSAGE, validate_date_in_range
from journal.models import RatingFrequency, RatingSeverity, Treatment

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TreatmentForm(forms.ModelForm):
    """One treatment: what, when, how much."""

    class Meta:
        model = Treatment
        fields = ("kind", "name", "given_on", "ended_on", "dose", "notes")
        widgets = {
            "given_on": DATE_INPUT,
            "ended_on": DATE_INPUT,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "kind": _("What kind of treatment"),
            "name": _("Name"),
            "given_on": _("Injection day, or the first day you took it"),
            "ended_on": _("Last day you took it (optional)"),
            "dose": _("Dose (optional)"),
        }
        help_texts = {
            "name": _("For example Botox, Dysport, clonazepam, magnesium or eye drops."),
            "given_on": "",
            "ended_on": _("Leave empty if you still take it, or for an injection."),
            "dose": _("For example 25 units, or 400 mg a day."),
        }
        error_messages = {
            "given_on": {"invalid": DATE_RANGE_MESSAGE},
            "ended_on": {"invalid": DATE_RANGE_MESSAGE},
        }

    def treatment_fields(self) -> dict[str, Any]:
        """The cleaned values as keyword arguments for ``treatment_create``/``_update``."""
        return {name: self.cleaned_data.get(name) for name in self._meta.fields}


class SelfRatingForm(forms.Form):
    """A week's own rating: how strong and how often, after the Jankovic Rating Scale."""

    week_start = forms.DateField(
        label=_("Which week"),
        widget=forms.Select,
        validators=[validate_date_in_range],
        error_messages={"invalid": _("Pick a week from the list.")},
    )
    severity = forms.TypedChoiceField(
        label=_("How strong were the spasms?"),
        choices=[(value, f"{value}: {label}") for value, label in RatingSeverity.choices],
        coerce=int,
        widget=forms.RadioSelect,
    )
    frequency = forms.TypedChoiceField(
        label=_("How often did they come?"),
        choices=[(value, f"{value}: {label}") for value, label in RatingFrequency.choices],
        coerce=int,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, weeks: list[dt.date], **kwargs):
        super().__init__(*args, **kwargs)
        self.weeks = weeks
        self.fields["week_start"].widget.choices = [
            (week.isoformat(), _week_label(week, n)) for n, week in enumerate(weeks)
        ]

    def clean_week_start(self) -> dt.date:
        week = self.cleaned_data["week_start"]
        if week not in self.weeks:
            raise forms.ValidationError(_("Pick a week from the list."), code="unknown_week")
        return week


def _week_label(week: dt.date, n: int) -> str:
    end = week + dt.timedelta(days=6)
    span = f"{week.day} {week:%b} to {end.day} {end:%b}"
    return {0: f"This week ({span})", 1: f"Last week ({span})"}.get(n, span)

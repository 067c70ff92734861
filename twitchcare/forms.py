from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from journal.models import Profile, validate_time_zone


class SignupForm(UserCreationForm):
    """Sign-up asks for the person's time zone and their explicit consent to store health data."""

    email = forms.EmailField(
        label=_("Email (optional)"),
        required=False,
        help_text=_("Only for resetting your password and reminders you ask for."),
    )
    time_zone = forms.CharField(
        label=_("Your time zone"),
        initial="UTC",
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("We fill this in from your device. Your days start at midnight here."),
        widget=forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that TwitchCare stores the health information I enter (twitches, "
            "symptoms, sleep and other daily factors) so it can show it back to me."
        ),
        required=True,
        error_messages={"required": _("We can only keep a journal for you if you agree.")},
        help_text=_("Only you can see it. You can download or delete all of it at any time."),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ("time_zone", "twitch_began_on", "reminders_enabled", "reminder_time")
        widgets = {
            "time_zone": forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off"}),
            "twitch_began_on": forms.DateInput(
                attrs={"type": "date", "min": "1900-01-01"}, format="%Y-%m-%d"
            ),
            "reminder_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        error_messages = {
            "twitch_began_on": {"invalid": _("Enter a date, like 2026-03-10.")},
        }

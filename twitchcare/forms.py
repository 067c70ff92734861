from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.mfa.base.forms import AuthenticateForm as AllauthMFAAuthenticateForm
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from journal.models import Profile, validate_time_zone

PASSWORD_HELP = _(
    "At least 8 characters. Avoid a common password, only numbers, or one like your username."
)
SHOW_PASSWORD_ATTRS = {"data-show-password": "true"}


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, asking only what a journal needs: a username, one password, an
    optional e-mail, the time zone (filled in from the device) and explicit consent to
    store health data, whose time is kept on the profile."""

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

    field_order = ["username", "password1", "email", "time_zone", "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.help_text = _("What you log in with. Letters, numbers and . _ - + @ only.")
        username.widget.attrs.pop("placeholder", None)
        if "email" in self.fields:
            email = self.fields["email"]
            email.help_text = _(
                "Only for resetting your password and reminders you ask for. We send a link "
                "to check it is yours."
            )
            email.widget.attrs.pop("placeholder", None)
        password = self.fields["password1"]
        password.help_text = PASSWORD_HELP
        password.widget.attrs.pop("placeholder", None)
        password.widget.attrs.update(SHOW_PASSWORD_ATTRS)

    def signup(self, request, user):
        """Called by allauth once the user is saved: keep the time zone and the consent."""
        profile = user.profile
        profile.time_zone = self.cleaned_data["time_zone"]
        profile.health_data_consent_at = timezone.now()
        profile.full_clean()
        profile.save(update_fields=["time_zone", "health_data_consent_at"])


class LoginForm(AllauthLoginForm):
    """allauth's log-in with plain labels and a "show password" control."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Username or e-mail")
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["password"].widget.attrs.pop("placeholder", None)
        self.fields["password"].widget.attrs.update(SHOW_PASSWORD_ATTRS)
        self.fields["password"].help_text = ""


class MFAAuthenticateForm(AllauthMFAAuthenticateForm):
    """The second step of log-in. A wrong code counts toward django-axes' lock-out like a
    wrong password (``twitchcare.accounts.on_mfa_failed``), and a locked account is
    refused here too, so a guesser who knows the password cannot keep trying codes."""

    def clean_code(self):
        from allauth.core import context
        from axes.handlers.proxy import AxesProxyHandler

        request = context.request
        credentials = {"username": self.user.get_username()}
        if AxesProxyHandler.is_locked(request, credentials):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            raise forms.ValidationError(
                _("Too many failed attempts. Wait a while, then try again."), code="locked"
            )
        return super().clean_code()


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

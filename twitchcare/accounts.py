"""Accounts: the glue between django-allauth and TwitchCare.

allauth (``allauth.account`` and ``allauth.mfa``) does sign-up, log-in, log-out, password
reset and change, e-mail addresses and two-factor sign-in; its pages live under
``/accounts/`` (``twitchcare/account_urls.py``). Here: the adapters, the settings page,
"sign out everywhere", what the settings page says about e-mail and two-factor, the
lock-out hook for wrong two-factor codes, and the log-in log (never a password).
"""

import logging
import time
from dataclasses import dataclass

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.mfa import signals as mfa_signals
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from journal.models import valid_time_zones
from journal.services import profile_update, sessions_end_all
from twitchcare.client_ip import client_ip
from twitchcare.forms import ProfileForm
from twitchcare.middleware import SESSION_REFRESHED_KEY, SESSION_TZ_KEY
from twitchcare.tokens import api_tokens_revoke_all

auth_log = logging.getLogger("twitchcare.auth")


@transaction.atomic
def account_create(*, username: str, password: str, email: str = "", time_zone: str = "UTC"):
    """Create an account whose owner has just consented to storing health data (the API's
    registration; the sign-up page goes through allauth and ``SignupForm.signup``).

    An e-mail given here is kept unverified: the person verifies it from the settings page
    before reminders go to it.
    """
    from django.contrib.auth.models import User

    user = User.objects.create_user(username=username, email=email, password=password)
    profile = user.profile
    profile.time_zone = time_zone
    profile.health_data_consent_at = timezone.now()
    profile.full_clean()
    profile.save()
    if email:
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    return user


class AccountAdapter(DefaultAccountAdapter):
    def get_signup_redirect_url(self, request):
        # A person who has just arrived sees the short start (a few questions, skippable).
        return reverse("journal:start")

    def get_client_ip(self, request):
        # The same address as axes, the throttles and the page rate limits use.
        return client_ip(request)


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_label(self, user) -> str:
        return user.get_username()


# --- What the settings page says ------------------------------------------------------------


@dataclass(frozen=True)
class AccountStatus:
    email: EmailAddress | None  # the primary address, or the only one
    totp: bool
    recovery_codes_left: int | None  # None: no recovery codes set up
    passkeys: int

    @property
    def email_verified(self) -> bool:
        return bool(self.email and self.email.verified)

    @property
    def two_factor(self) -> bool:
        return self.totp or self.passkeys > 0


def account_status(user) -> AccountStatus:
    """The person's e-mail and two-factor state, in two queries."""
    addresses = list(EmailAddress.objects.filter(user=user).order_by("-primary", "pk"))
    totp = False
    recovery_left = None
    passkeys = 0
    for authenticator in Authenticator.objects.filter(user=user):
        if authenticator.type == Authenticator.Type.TOTP:
            totp = True
        elif authenticator.type == Authenticator.Type.WEBAUTHN:
            passkeys += 1
        elif authenticator.type == Authenticator.Type.RECOVERY_CODES:
            recovery_left = len(authenticator.wrap().get_unused_codes())
    return AccountStatus(
        email=addresses[0] if addresses else None,
        totp=totp,
        recovery_codes_left=recovery_left,
        passkeys=passkeys,
    )


def reminders_blocked_reason(status: AccountStatus) -> str:
    """Why reminders cannot be sent to this person, in plain words; "" when they can."""
    if status.email is None:
        return "no_email"
    if not status.email.verified:
        return "unverified"
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request):
    profile = request.user.profile
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        profile_update(profile=profile, **form.cleaned_data)
        request.session[SESSION_TZ_KEY] = profile.time_zone
        status = account_status(request.user)
        if profile.reminders_enabled and reminders_blocked_reason(status):
            messages.warning(
                request,
                "Your settings are saved, but reminders cannot be sent until you add an "
                "e-mail address and confirm it (see E-mail below).",
            )
        else:
            messages.success(request, "Your settings are saved.")
        return redirect("account_settings")
    status = account_status(request.user)
    return render(
        request,
        "registration/settings.html",
        {
            "form": form,
            "time_zones": sorted(valid_time_zones()),
            "status": status,
            "reminders_blocked": reminders_blocked_reason(status),
        },
    )


@login_required
@require_http_methods(["POST"])
def sign_out_everywhere(request):
    """End all the person's sessions, this one included, and revoke their API tokens."""
    user = request.user
    logout(request)
    sessions_end_all(user=user)
    api_tokens_revoke_all(user=user)
    auth_log.info("signed out everywhere user_id=%s", user.pk)
    messages.success(request, "You are signed out on every device and app. Log in again here.")
    return redirect("login")


# --- Lock-out and the log-in log ------------------------------------------------------------


def axes_username(request, credentials) -> str | None:
    """The account name axes counts failures under (``AXES_USERNAME_CALLABLE``).

    allauth's log-in form takes a username or an e-mail address in one field, ``login``,
    and hands ``authenticate()`` either ``username=`` or ``email=``. Both spellings of one
    account count together: an address that belongs to an account is counted under that
    account's username (one query, on log-in attempts only).
    """
    credentials = credentials or {}
    typed = credentials.get("username") or credentials.get("email")
    if not typed and request is not None and request.method == "POST":
        typed = request.POST.get("login") or request.POST.get("username")
    if not typed:
        return None
    if "@" in typed:
        from django.contrib.auth.models import User

        owner = (
            EmailAddress.objects.filter(email__iexact=typed).values_list(
                "user__username", flat=True
            )
        ).first() or User.objects.filter(email__iexact=typed).values_list(
            "username", flat=True
        ).first()
        if owner:
            return owner
    return typed


@receiver(mfa_signals.authentication_failed, dispatch_uid="tc_mfa_failed_counts")
def on_mfa_failed(sender, request, user, reauthentication=False, **kwargs):
    """A wrong two-factor code at log-in counts toward the lock-out like a wrong password:
    django-axes hears it as a failed log-in for that username from that address."""
    if reauthentication:
        return
    auth_log.warning("two-factor code refused user_id=%s ip=%s", user.pk, _address(request))
    user_login_failed.send(
        sender=__name__,
        credentials={"username": user.get_username()},
        request=request,
    )


def _address(request) -> str:
    return client_ip(request) if request is not None else ""


@receiver(user_logged_in, dispatch_uid="tc_log_login")
def on_logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_TZ_KEY] = user.profile.time_zone
        # Logging in saves the session with a fresh expiry: that counts as a refresh.
        request.session[SESSION_REFRESHED_KEY] = int(time.time())
    auth_log.info("login succeeded user_id=%s ip=%s", user.pk, _address(request))


@receiver(user_login_failed, dispatch_uid="tc_log_login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    if sender == __name__:
        return  # a wrong two-factor code, logged above
    # Never log the password; credentials are already cleansed by Django but the
    # username (or the e-mail typed instead) is all we keep.
    typed = credentials.get("username") or credentials.get("email") or ""
    auth_log.warning("login failed username=%r ip=%s", typed, _address(request))


@receiver(user_logged_out, dispatch_uid="tc_log_logout")
def on_logged_out(sender, request, user, **kwargs):
    auth_log.info("logout user_id=%s", getattr(user, "pk", None))

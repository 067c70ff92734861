"""Account views: sign-up, settings and signing out everywhere. Log-in, log-out and password
reset are Django's own."""

import logging
import time

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from journal.models import valid_time_zones
from journal.services import profile_update, sessions_end_all
from twitchcare.client_ip import client_ip
from twitchcare.forms import ProfileForm, SignupForm
from twitchcare.middleware import SESSION_REFRESHED_KEY, SESSION_TZ_KEY
from twitchcare.tokens import api_tokens_revoke_all

auth_log = logging.getLogger("twitchcare.auth")


@transaction.atomic
def account_create(*, username: str, password: str, email: str = "", time_zone: str = "UTC"):
    """Create an account whose owner has just consented to storing health data."""
    from django.contrib.auth.models import User

    user = User.objects.create_user(username=username, email=email, password=password)
    profile = user.profile
    profile.time_zone = time_zone
    profile.health_data_consent_at = timezone.now()
    profile.full_clean()
    profile.save()
    return user


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = account_create(
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password1"],
            email=form.cleaned_data["email"],
            time_zone=form.cleaned_data["time_zone"],
        )
        login(request, user, backend="twitchcare.backends.ModelBackend")
        messages.success(request, "Welcome to TwitchCare. Your journal is ready.")
        return redirect("journal:start")  # the short start: a few questions, skippable
    return render(
        request,
        "registration/signup.html",
        {"form": form, "time_zones": sorted(valid_time_zones())},
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request):
    profile = request.user.profile
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        profile_update(profile=profile, **form.cleaned_data)
        request.session[SESSION_TZ_KEY] = profile.time_zone
        messages.success(request, "Your settings are saved.")
        return redirect("account_settings")
    return render(
        request,
        "registration/settings.html",
        {"form": form, "time_zones": sorted(valid_time_zones())},
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
    # Never log the password; credentials are already cleansed by Django but the
    # username is all we keep.
    auth_log.warning(
        "login failed username=%r ip=%s", credentials.get("username", ""), _address(request)
    )


@receiver(user_logged_out, dispatch_uid="tc_log_logout")
def on_logged_out(sender, request, user, **kwargs):
    auth_log.info("logout user_id=%s", getattr(user, "pk", None))

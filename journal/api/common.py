"""Pieces every journal API view shares: throttling, errors and the person's zone."""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property

import knox.auth
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.crypto import hash_token
from knox.models import AuthToken
from rest_framework import exceptions, serializers
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from journal.api.throttling import RatesFromSettingsMixin
from journal.models import Profile


class TokenAuthentication(knox.auth.TokenAuthentication):
    """An API token from ``Authorization: Token <token>`` (django-rest-knox's tokens).

    The database holds only each token's SHA-512 digest, which is also its primary key, so
    the token is found in one query that loads the person and their profile too (every
    journal endpoint reads their time zone). A token past its expiry is deleted and refused.
    Knox's own class instead sweeps all the person's expired tokens on every request, a
    query each time; the token endpoint sweeps them when it issues a new one.
    """

    def authenticate_credentials(self, token: bytes):
        invalid = exceptions.AuthenticationFailed(_("Invalid token."))
        try:
            digest = hash_token(token.decode())
        except UnicodeDecodeError:
            raise invalid from None
        try:
            auth_token = AuthToken.objects.select_related("user", "user__profile").get(
                digest=digest
            )
        except AuthToken.DoesNotExist:
            raise invalid from None
        if auth_token.expiry is not None and auth_token.expiry <= timezone.now():
            auth_token.delete()
            raise invalid
        return self.validate_user(auth_token)


class AuthRateThrottle(RatesFromSettingsMixin, SimpleRateThrottle):
    """Slows password guessing and mass sign-ups on the register and token endpoints.

    Counts requests per client address under the ``"auth"`` rate of
    ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (``DJANGO_THROTTLE_AUTH``). Both endpoints
    share one budget, so an attacker cannot double it by alternating between them.
    """

    scope = "auth"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


@contextmanager
def django_errors_as_drf() -> Iterator[None]:
    """Turn a Django ``ValidationError`` from a service into a DRF 400 with field messages.

    Model-wide messages (Django's ``__all__``) are reported under ``non_field_errors``, as
    DRF reports its own.
    """
    try:
        yield
    except DjangoValidationError as exc:
        detail = serializers.as_serializer_error(exc)
        if NON_FIELD_ERRORS in detail:
            detail.setdefault(api_settings.NON_FIELD_ERRORS_KEY, [])
            detail[api_settings.NON_FIELD_ERRORS_KEY] += detail.pop(NON_FIELD_ERRORS)
        raise serializers.ValidationError(detail) from exc


class PersonalDataMixin:
    """For views over the signed-in person's own journal.

    Gives serializers the person's time zone in their context (``"zone"``) and the profile
    (``"profile"``), so times are read and shown in the person's zone however they signed in
    (a token request never passes through the session-based time zone middleware).
    """

    @cached_property
    def profile(self) -> Profile | None:
        user = self.request.user
        # Schema generation asks for serializers with an anonymous request.
        return user.profile if user.is_authenticated else None

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if self.profile is not None:
            context["profile"] = self.profile
            context["zone"] = self.profile.zone
        return context

"""Getting into the API and out again: create an account (``/api/auth/register/``) or swap a
username and password for a new token for this device (``/api/auth/token/``); revoke the
token used (``/api/auth/logout/``) or all the person's tokens (``/api/auth/logout-all/``).
Send the token as ``Authorization: Token <token>``; see ``twitchcare/tokens.py``.

Register and token are open to anyone and throttled per client address (the ``"auth"``
rate). The token endpoint also goes through ``authenticate()`` with the request, so axes
counts its failures and locks a username out from an address, as on the log-in page; that
is a 429 too.
"""

import logging

from axes.helpers import get_cool_off
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from journal.api.common import AuthRateThrottle, TokenAuthentication, django_errors_as_drf
from journal.api.fields import StrictCharField, StrictEmailField
from journal.api.serializers import LocalDateTimeField
from journal.models import validate_time_zone
from twitchcare.accounts import account_create
from twitchcare.tokens import api_token_issue, api_token_revoke, api_tokens_revoke_all

auth_log = logging.getLogger("twitchcare.auth")

USERNAME_TAKEN = _("That username is taken. Pick another one.")


class RegisterSerializer(serializers.Serializer):
    """A new account. Registering through the API is the person's explicit consent to
    TwitchCare storing their health data, and its time is kept."""

    username = StrictCharField(max_length=150, validators=[UnicodeUsernameValidator()])
    password = StrictCharField(
        write_only=True, trim_whitespace=False, style={"input_type": "password"}
    )
    email = StrictEmailField(required=False, allow_blank=True, default="")
    time_zone = StrictCharField(
        required=False,
        default="UTC",
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("IANA name such as Europe/London. Your days start at midnight here."),
    )

    def validate_username(self, value: str) -> str:
        # Case-insensitive, like the sign-up page: "Ada" and "ada" would be confused.
        if User.objects.filter(username__iexact=value).exists():
            raise serializers.ValidationError(USERNAME_TAKEN, code="unique")
        return value

    def validate(self, attrs: dict) -> dict:
        candidate = User(username=attrs["username"], email=attrs.get("email", ""))
        try:
            validate_password(attrs["password"], user=candidate)
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"password": list(exc.messages)}) from exc
        return attrs


class RegisteredSerializer(serializers.Serializer):
    username = serializers.CharField()
    token = serializers.CharField(help_text=_("Send as: Authorization: Token <token>"))


class TokenRequestSerializer(serializers.Serializer):
    username = StrictCharField()
    password = StrictCharField(
        write_only=True, trim_whitespace=False, style={"input_type": "password"}
    )

    def validate(self, attrs: dict) -> dict:
        user = authenticate(
            request=self.context["request"],
            username=attrs["username"],
            password=attrs["password"],
        )
        if user is None and getattr(self.context["request"], "axes_locked_out", False):
            # axes has locked this username from this address after repeated failures; say
            # so, rather than claim a correct password is wrong.
            cool_off = get_cool_off(self.context["request"])
            raise exceptions.Throttled(
                wait=cool_off.total_seconds() if cool_off else None,
                detail=gettext("Too many failed attempts. Wait a while, then try again."),
            )
        if user is None:
            raise serializers.ValidationError(
                _("That username and password don't match an account."), code="authorization"
            )
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("Send as: Authorization: Token <token>"))
    expiry = LocalDateTimeField(help_text=_("When the token stops working, in your time zone."))


class RegisterView(APIView):
    """Create an account and return its API token (201 ``{username, token}``)."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [AuthRateThrottle]
    serializer_class = RegisterSerializer

    @extend_schema(request=RegisterSerializer, responses={201: RegisteredSerializer})
    def post(self, request: Request) -> Response:
        serializer = RegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            with django_errors_as_drf(), transaction.atomic():
                user = account_create(**serializer.validated_data)
                token, _expiry = api_token_issue(user=user)
        except IntegrityError:
            # Someone took the username between the check and the insert.
            raise serializers.ValidationError({"username": [USERNAME_TAKEN]}) from None
        auth_log.info("api registration user_id=%s", user.pk)
        answer = RegisteredSerializer({"username": user.username, "token": token})
        return Response(answer.data, status=status.HTTP_201_CREATED)


class TokenView(APIView):
    """Swap a username and password for a new token for this device (200 ``{token, expiry}``).

    Each call issues another token; the others keep working until they expire or are revoked.
    """

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [AuthRateThrottle]
    serializer_class = TokenRequestSerializer

    @extend_schema(request=TokenRequestSerializer, responses={200: TokenSerializer})
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        token, expiry = api_token_issue(user=user)
        auth_log.info("api token issued user_id=%s", user.pk)
        answer = TokenSerializer(
            {"token": token, "expiry": expiry}, context={"zone": user.profile.zone}
        )
        return Response(answer.data)


class LogoutView(APIView):
    """Revoke the token this request was sent with, at once (204). Only a token can log out
    here: a browser session logs out from the site."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None, responses={204: OpenApiResponse(description="The token is revoked.")}
    )
    def post(self, request: Request) -> Response:
        api_token_revoke(auth_token=request.auth)
        auth_log.info("api logout user_id=%s", request.user.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutAllView(APIView):
    """Revoke every token of the person, on every device (204)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None, responses={204: OpenApiResponse(description="All your tokens are revoked.")}
    )
    def post(self, request: Request) -> Response:
        revoked = api_tokens_revoke_all(user=request.user)
        auth_log.info("api logout everywhere user_id=%s tokens=%s", request.user.pk, revoked)
        return Response(status=status.HTTP_204_NO_CONTENT)

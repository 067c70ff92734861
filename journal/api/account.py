"""The signed-in person's account (``/api/account/``) and all their data (``/api/export/``).

``DELETE /api/account/`` with ``{"password": ...}`` erases the account and everything in it,
through the same form and service as the settings page; a wrong or missing password is a
400 and deletes nothing.
"""

import re

from axes.helpers import get_cool_off
from django.contrib.auth import logout
from django.http import StreamingHttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import exceptions, generics, serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from journal.api.common import PersonalDataMixin, django_errors_as_drf
from journal.api.fields import ModelSerializer, StrictCharField
from journal.api.serializers import DailyLogSerializer, EpisodeSerializer, LocalDateTimeField
from journal.api.treatments import ExportSelfRatingSerializer, ExportTreatmentSerializer
from journal.dates import validate_date_in_range
from journal.export import export_json_stream
from journal.models import Profile, validate_time_zone
from journal.services import account_delete, profile_update
from journal.views.account_data import AccountDeleteForm
from twitchcare.middleware import SESSION_TZ_KEY

LOCKED_OUT = _("Too many wrong passwords. Nothing was deleted. Wait a while, then try again.")
HH_MM = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")


@extend_schema_field({"type": "string", "pattern": f"^{HH_MM.pattern}$", "example": "20:00"})
class HourMinuteField(serializers.TimeField):
    """A time of day as ``HH:MM``, read and written (OpenAPI's "time" format wants seconds
    and an offset, so the schema states the pattern instead)."""

    default_error_messages = {"invalid": _("Send the time as HH:MM, such as 20:00.")}

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", input_formats=["%H:%M"], **kwargs)

    def to_internal_value(self, value):
        # strptime alone also takes "7:5" or " 07:05"; the schema promises exactly HH:MM.
        if not isinstance(value, str) or not HH_MM.fullmatch(value):
            self.fail("invalid")
        return super().to_internal_value(value)


class AccountSerializer(ModelSerializer):
    """The account's settings. PATCH changes ``time_zone``, ``reminders_enabled``,
    ``reminder_time`` and ``twitch_began_on``; the rest is read-only."""

    username = serializers.CharField(source="user.username", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    time_zone = StrictCharField(
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("IANA name such as Europe/London. Your days start at midnight here."),
    )
    reminder_time = HourMinuteField(help_text=_("Your local time for the daily reminder, HH:MM."))
    health_data_consent_at = LocalDateTimeField(read_only=True, allow_null=True)
    twitch_began_on = serializers.DateField(
        required=False,
        allow_null=True,
        validators=[validate_date_in_range],
        help_text=_(
            "When the twitching started (YYYY-MM-DD), or null. Not after your local today, "
            "not before 1900. Triage counts how long it has gone on from here."
        ),
    )

    class Meta:
        model = Profile
        fields = [
            "username",
            "email",
            "time_zone",
            "reminders_enabled",
            "reminder_time",
            "plan_started_on",
            "twitch_began_on",
            "health_data_consent_at",
        ]
        read_only_fields = ["plan_started_on"]


class AccountDeleteSerializer(serializers.Serializer):
    """Documents the DELETE body; the check itself is the settings page's form."""

    password = StrictCharField(write_only=True, trim_whitespace=False)


class AccountView(PersonalDataMixin, generics.GenericAPIView):
    """Read or change the account's settings, or delete the account and all its data."""

    serializer_class = AccountSerializer

    def get_object(self) -> Profile:
        return Profile.objects.select_related("user").get(user=self.request.user)

    def get(self, request: Request) -> Response:
        return Response(self.get_serializer(self.get_object()).data)

    def patch(self, request: Request) -> Response:
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        with django_errors_as_drf():
            profile = profile_update(profile=serializer.instance, **serializer.validated_data)
        if SESSION_TZ_KEY in getattr(request, "session", {}):
            # Keep this browser session's pages in step with the new zone.
            request.session[SESSION_TZ_KEY] = profile.time_zone
        context = {**self.get_serializer_context(), "zone": profile.zone}
        return Response(AccountSerializer(profile, context=context).data)

    @extend_schema(
        request=AccountDeleteSerializer,
        responses={
            204: OpenApiResponse(description="The account and all its data are deleted."),
            400: OpenApiResponse(description="Wrong or missing password; nothing deleted."),
            429: OpenApiResponse(description="Too many wrong passwords; try again later."),
        },
    )
    def delete(self, request: Request) -> Response:
        data = request.data if hasattr(request.data, "get") else {}
        form = AccountDeleteForm(request._request, data=data)
        if not form.is_valid():
            if getattr(request._request, "axes_locked_out", False):
                # Too many wrong passwords: answer in JSON here, rather than let axes'
                # middleware swap in its HTML lock-out page.
                del request._request.axes_locked_out
                # Throttled goes through the API's error handler, which adds Retry-After.
                cool_off = get_cool_off(request._request)
                raise exceptions.Throttled(
                    wait=cool_off.total_seconds() if cool_off else None, detail=str(LOCKED_OUT)
                )
            errors = {name: list(messages) for name, messages in form.errors.items()}
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        user = request.user
        logout(request._request)
        account_delete(user=user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ExportView(PersonalDataMixin, generics.GenericAPIView):
    """All of the person's data: ``{exported_at, account, episodes, daily_logs,
    treatments, self_ratings}``."""

    @extend_schema(
        responses=inline_serializer(
            "Export",
            {
                "exported_at": serializers.DateTimeField(),
                "account": inline_serializer(
                    "ExportAccount",
                    {
                        **{name: serializers.CharField() for name in ("username", "email")},
                        "date_joined": serializers.DateTimeField(),
                        "time_zone": serializers.CharField(),
                        "plan_started_on": serializers.DateField(allow_null=True),
                        "twitch_began_on": serializers.DateField(allow_null=True),
                        "emergency_seen_at": serializers.DateTimeField(allow_null=True),
                        "reminders_enabled": serializers.BooleanField(),
                        "reminder_time": HourMinuteField(),
                        "health_data_consent_at": serializers.DateTimeField(allow_null=True),
                    },
                ),
                "episodes": EpisodeSerializer(many=True),
                "daily_logs": DailyLogSerializer(many=True),
                "treatments": ExportTreatmentSerializer(many=True),
                "self_ratings": ExportSelfRatingSerializer(many=True),
            },
        )
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        """Streamed a chunk of rows at a time (``journal.export.export_json_stream``): the
        same bytes DRF's JSON renderer would give, indented as the Accept header asks."""
        indent = JSONRenderer().get_indent(request.accepted_media_type, {})
        stream = export_json_stream(request.user, indent=indent)
        return StreamingHttpResponse(stream, content_type="application/json")

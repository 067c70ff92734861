"""Serializers for the journal API: they check types and ranges and normalise; the services
in ``journal/services.py`` apply the model's rules and save.

Times are read and shown in the person's own time zone, which the views put in the serializer
context as ``"zone"`` (see ``journal.api.common.PersonalDataMixin``).
"""

import datetime as dt
import re

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from journal.api.fields import (
    ModelSerializer,
    StrictCharField,
    StrictChoiceField,
    StrictSlugField,
    StrictUUIDField,
)
from journal.dates import DATE_RANGE_MESSAGE, in_range, local_time, validate_date_in_range
from journal.models import NOTES_MAX_LENGTH, DailyLog, Episode, Location, Side, Symptom, Trigger


class LocalDateTimeField(serializers.DateTimeField):
    """An ISO 8601 date and time in the person's zone, its date within 1900..2999.

    Shown with the person's UTC offset (in UTC for a stored value that zone cannot show,
    see ``journal.dates.local_time``); a value sent without an offset is read as the
    person's wall-clock time.
    """

    default_error_messages = {
        "date_out_of_range": DATE_RANGE_MESSAGE,
        # DRF's own words when a value cannot be shifted into the zone (the years 1, 9999).
        "overflow": DATE_RANGE_MESSAGE,
    }

    def default_timezone(self):
        return self.context.get("zone") or super().default_timezone()

    def enforce_timezone(self, value: dt.datetime) -> dt.datetime:
        if timezone.is_naive(value):
            # In the hour the clocks repeat, DRF would refuse the time as ambiguous. People
            # log what their clock showed, so take the first reading of it instead.
            return value.replace(tzinfo=self.default_timezone())
        return super().enforce_timezone(value)

    def to_internal_value(self, value) -> dt.datetime:
        moment = super().to_internal_value(value)
        if not in_range(moment):
            self.fail("date_out_of_range")
        return moment

    def to_representation(self, value: dt.datetime | None) -> str | None:
        return _local_iso(value, self.default_timezone())


def _client_id_field() -> StrictUUIDField:
    return StrictUUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_(
            "A UUID your device made for this entry. Sending the same one again stores "
            "nothing new and answers 200 with the entry already stored. Set on POST only."
        ),
    )


def _choice_list(choices, *, required: bool, help_text: str) -> serializers.ListField:
    return serializers.ListField(
        child=StrictChoiceField(choices=choices),
        allow_empty=not required,
        help_text=help_text,
        **({} if required else {"default": list}),
    )


class EpisodeSerializer(ModelSerializer):
    """One twitch episode.

    POST and PUT: optional fields left out are cleared (``null``, ``[]`` or ``""``), except
    ``started_at``, which defaults to now on POST and keeps its value on PUT. PATCH changes
    only the fields sent.
    """

    started_at = LocalDateTimeField(
        required=False,
        help_text=_("ISO 8601. Without an offset it is read in your time zone. Default: now."),
    )
    duration_seconds = serializers.IntegerField(
        min_value=1, max_value=86400, allow_null=True, default=None
    )
    locations = _choice_list(
        Location.choices, required=True, help_text=_("One or more places on the face.")
    )
    side = StrictChoiceField(choices=Side.choices)
    intensity = serializers.IntegerField(min_value=1, max_value=10, allow_null=True, default=None)
    triggers = _choice_list(Trigger.choices, required=False, help_text=_("Possible triggers."))
    symptoms = _choice_list(
        Symptom.choices, required=False, help_text=_("Accompanying signs, if any.")
    )
    notes = StrictCharField(
        max_length=NOTES_MAX_LENGTH, allow_blank=True, required=False, default=""
    )
    has_stroke_signs = serializers.BooleanField(
        read_only=True,
        help_text=_("True when a sign of a possible stroke is reported: call emergency services."),
    )
    has_emergency_signs = serializers.BooleanField(
        read_only=True,
        help_text=_(
            "True when a stroke sign or a new weak or drooping face is reported: show the FAST "
            "emergency card (call the local emergency number now)."
        ),
    )
    client_id = _client_id_field()
    created_at = LocalDateTimeField(read_only=True)
    updated_at = LocalDateTimeField(read_only=True)

    class Meta:
        model = Episode
        fields = [
            "id",
            "started_at",
            "duration_seconds",
            "locations",
            "side",
            "intensity",
            "triggers",
            "symptoms",
            "notes",
            "has_stroke_signs",
            "has_emergency_signs",
            "client_id",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id"]

    def to_representation(self, episode: Episode) -> dict:
        """What DRF's field-by-field conversion gives (the fields above stay the contract and
        the schema), built directly: a page of 50 episodes took three times as long through
        the generic path. tests/test_api_episodes.py compares the two for every field.
        """
        zone = self.context.get("zone") or timezone.get_current_timezone()
        return {
            "id": episode.pk,
            "started_at": _local_iso(episode.started_at, zone),
            "duration_seconds": episode.duration_seconds,
            "locations": list(episode.locations),
            "side": episode.side,
            "intensity": episode.intensity,
            "triggers": list(episode.triggers),
            "symptoms": list(episode.symptoms),
            "notes": episode.notes,
            "has_stroke_signs": episode.has_stroke_signs,
            "has_emergency_signs": episode.has_emergency_signs,
            "client_id": str(episode.client_id) if episode.client_id else None,
            "created_at": _local_iso(episode.created_at, zone),
            "updated_at": _local_iso(episode.updated_at, zone),
        }


def _local_iso(moment: dt.datetime | None, zone) -> str | None:
    """DRF's ISO 8601 output of an aware datetime in ``zone``: "Z" for UTC."""
    if moment is None:
        return None
    text = local_time(moment, zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


class ChecklistSlugField(StrictSlugField):
    """A checklist item's slug, sent as text. Whether it is a published item is checked by
    ``journal.services.daily_log_save``."""

    default_error_messages = {"not_text": _("Send the slug of a checklist item, as text.")}


class DailyLogSerializer(ModelSerializer):
    """What the person knows about one local day. Every factor is optional.

    POST and PUT: factors left out are cleared; PATCH changes only the factors sent.
    """

    sleep_hours = serializers.DecimalField(
        max_digits=3,
        decimal_places=1,
        min_value=0,
        max_value=24,
        allow_null=True,
        default=None,
        coerce_to_string=False,
        help_text=_("Hours of sleep the night before, 0 to 24, one decimal."),
    )
    caffeine_servings = serializers.IntegerField(
        min_value=0, max_value=30, allow_null=True, default=None
    )
    alcohol_drinks = serializers.IntegerField(
        min_value=0, max_value=30, allow_null=True, default=None
    )
    stress_level = serializers.IntegerField(
        min_value=0, max_value=10, allow_null=True, default=None
    )
    screen_hours = serializers.DecimalField(
        max_digits=3,
        decimal_places=1,
        min_value=0,
        max_value=24,
        allow_null=True,
        default=None,
        coerce_to_string=False,
        help_text=_("Hours of screen time, 0 to 24, one decimal."),
    )
    water_glasses = serializers.IntegerField(
        min_value=0, max_value=40, allow_null=True, default=None
    )
    checklist_done = serializers.ListField(
        child=ChecklistSlugField(max_length=100),
        default=list,
        help_text=_("Slugs of the published daily checklist items done that day."),
    )
    notes = StrictCharField(
        max_length=NOTES_MAX_LENGTH, allow_blank=True, required=False, default=""
    )
    client_id = _client_id_field()
    created_at = LocalDateTimeField(read_only=True)
    updated_at = LocalDateTimeField(read_only=True)

    class Meta:
        model = DailyLog
        fields = [
            "date",
            "sleep_hours",
            "caffeine_servings",
            "alcohol_drinks",
            "stress_level",
            "screen_hours",
            "water_glasses",
            "checklist_done",
            "notes",
            "client_id",
            "created_at",
            "updated_at",
        ]


class DailyLogUpdateSerializer(DailyLogSerializer):
    """A daily log being changed: its date is its address and cannot change, nor can the
    ``client_id`` it was created with."""

    client_id = StrictUUIDField(read_only=True, allow_null=True)

    class Meta(DailyLogSerializer.Meta):
        read_only_fields = ["date"]


# In a query string an unencoded "+" arrives as a space: "08:30 13:00" meant "08:30+13:00".
_SPACED_OFFSET = re.compile(
    r"(?P<moment>.*\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (?P<offset>\d{2}:?\d{2})"
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@extend_schema_field({"type": "string", "minLength": 1, "maxLength": 64})
class DayOrMomentField(serializers.Field):
    """A query parameter that is either a local day (``2026-03-10``) or an instant.

    Returns a ``date`` for a day, an aware ``datetime`` for an instant; an instant without
    an offset is read in the person's zone.
    """

    default_error_messages = {
        "invalid": _(
            "Use a date like 2026-03-10 or a date and time like 2026-03-10T08:30 "
            "(an offset such as +01:00 is optional)."
        ),
        "date_out_of_range": DATE_RANGE_MESSAGE,
    }

    def to_internal_value(self, data) -> dt.date | dt.datetime:
        if not isinstance(data, str) or len(data) > 64:
            self.fail("invalid")
        text = data.strip()
        if spaced := _SPACED_OFFSET.fullmatch(text):
            text = f"{spaced['moment']}+{spaced['offset']}"
        try:
            if _ISO_DATE.fullmatch(text):
                moment = dt.date.fromisoformat(text)
            else:
                moment = parse_datetime(text)
        except ValueError:  # well formed but impossible, such as 2026-02-30
            self.fail("invalid")
        if moment is None:
            self.fail("invalid")
        if not in_range(moment):
            self.fail("date_out_of_range")
        if not isinstance(moment, dt.datetime):
            return moment
        if timezone.is_naive(moment):
            moment = moment.replace(
                tzinfo=self.context.get("zone") or timezone.get_current_timezone()
            )
        return moment

    def to_representation(self, value):
        return value.isoformat()


class EpisodeFilterSerializer(serializers.Serializer):
    """The episode list's query parameters, turned into an instant range and choices.

    ``since`` a day means from that local midnight; ``until`` a day means to the end of that
    local day; instants are included at both ends. The validated data holds ``start``
    (inclusive) and ``end`` (exclusive), either possibly None, and ``location``/``side``.
    """

    since = DayOrMomentField(
        required=False,
        help_text=_("A date (from that local midnight) or a date and time (from then)."),
    )
    until = DayOrMomentField(
        required=False,
        help_text=_("A date (to the end of that local day) or a date and time (up to then)."),
    )
    location = serializers.ChoiceField(choices=Location.choices, required=False)
    side = serializers.ChoiceField(choices=Side.choices, required=False)

    def validate(self, attrs: dict) -> dict:
        profile = self.context["profile"]
        since, until = attrs.pop("since", None), attrs.pop("until", None)
        if isinstance(since, dt.date) and not isinstance(since, dt.datetime):
            since = profile.day_bounds(since)[0]
        if isinstance(until, dt.date) and not isinstance(until, dt.datetime):
            until = profile.day_bounds(until)[1]
        elif until is not None:
            # An instant given as "until" is included; the range's end is exclusive.
            until = until + dt.timedelta(microseconds=1)
        if since is not None and until is not None and until <= since:
            raise serializers.ValidationError({"until": _("Pick an end on or after the start.")})
        attrs["start"], attrs["end"] = since, until
        return attrs


class DailyLogFilterSerializer(serializers.Serializer):
    """The daily-log list's query parameters: a range of local dates, both ends included."""

    since = serializers.DateField(required=False, validators=[validate_date_in_range])
    until = serializers.DateField(required=False, validators=[validate_date_in_range])

    def validate(self, attrs: dict) -> dict:
        since, until = attrs.get("since"), attrs.get("until")
        if since and until and until < since:
            raise serializers.ValidationError({"until": _("Pick an end on or after the start.")})
        return attrs

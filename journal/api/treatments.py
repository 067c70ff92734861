"""The treatments API: ``/api/treatments/``, ``/api/treatments/{id}/``, the effect of one at
``/api/treatments/{id}/effect/``, and weekly self-ratings at ``/api/ratings/``.

As the episodes API: every queryset starts from the signed-in person's own rows (another
person's is a 404), serializers check types and ranges, and ``journal.treatments`` applies
the model's rules and saves, as the pages do.
"""

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from journal import treatments
from journal.api.common import PersonalDataMixin, django_errors_as_drf
from journal.api.fields import ModelSerializer, StrictCharField, StrictChoiceField
from journal.api.serializers import LocalDateTimeField
from journal.dates import validate_date_in_range
from journal.models import (
    NOTES_MAX_LENGTH,
    SelfRating,
    Treatment,
    TreatmentKind,
)
from twitchcare.api_pagination import PagePagination

ENDED_BEFORE_GIVEN = _("This is before the day it was given. Pick that day or later.")


# Guidance has its own "Treatment" (the public articles), so the schema names this one apart.
@extend_schema_serializer(component_name="JournalTreatment")
class TreatmentSerializer(ModelSerializer):
    """Something the person tried. POST and PUT: optional fields left out are cleared;
    PATCH changes only the fields sent."""

    kind = StrictChoiceField(choices=TreatmentKind.choices)
    name = StrictCharField(max_length=100)
    given_on = serializers.DateField(
        validators=[validate_date_in_range],
        help_text=_("The injection day, or the first day it was taken."),
    )
    ended_on = serializers.DateField(
        allow_null=True,
        default=None,
        validators=[validate_date_in_range],
        help_text=_("The last day it was taken; null while still taken, or for an injection."),
    )
    dose = StrictCharField(max_length=100, allow_blank=True, required=False, default="")
    notes = StrictCharField(
        max_length=NOTES_MAX_LENGTH, allow_blank=True, required=False, default=""
    )
    created_at = LocalDateTimeField(read_only=True)
    updated_at = LocalDateTimeField(read_only=True)

    class Meta:
        model = Treatment
        fields = [
            "id",
            "kind",
            "name",
            "given_on",
            "ended_on",
            "dose",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id"]

    def validate(self, attrs: dict) -> dict:
        given = attrs.get("given_on", getattr(self.instance, "given_on", None))
        ended = attrs.get("ended_on", getattr(self.instance, "ended_on", None))
        if given and ended and ended < given:
            raise serializers.ValidationError({"ended_on": [ENDED_BEFORE_GIVEN]})
        return attrs


class TreatmentList(PersonalDataMixin, generics.ListCreateAPIView):
    """List the person's treatments, latest first, or record a new one."""

    serializer_class = TreatmentSerializer
    pagination_class = PagePagination

    def get_queryset(self) -> QuerySet[Treatment]:
        return Treatment.objects.for_user(self.request.user).order_by("-given_on", "-id")

    def perform_create(self, serializer: TreatmentSerializer) -> None:
        with django_errors_as_drf():
            serializer.instance = treatments.treatment_create(
                user=self.request.user, **serializer.validated_data
            )


class TreatmentDetail(PersonalDataMixin, generics.RetrieveUpdateDestroyAPIView):
    """Read, change (PUT replaces, PATCH changes the fields sent) or delete one treatment."""

    serializer_class = TreatmentSerializer

    def get_queryset(self) -> QuerySet[Treatment]:
        return Treatment.objects.for_user(self.request.user)

    def perform_update(self, serializer: TreatmentSerializer) -> None:
        with django_errors_as_drf():
            serializer.instance = treatments.treatment_update(
                treatment=serializer.instance, **serializer.validated_data
            )

    def perform_destroy(self, instance: Treatment) -> None:
        treatments.treatment_delete(treatment=instance)


class EffectWeekSerializer(serializers.Serializer):
    week = serializers.IntegerField(min_value=1, max_value=16)
    start = serializers.DateField()
    end = serializers.DateField()
    episodes = serializers.IntegerField(min_value=0)
    per_day = serializers.FloatField(min_value=0)


@extend_schema_serializer(component_name="TreatmentEffect")
class EffectSerializer(serializers.Serializer):
    """Documents the effect answer (built by ``journal.treatment_effect``)."""

    treatment = TreatmentSerializer()
    baseline_days = serializers.IntegerField(help_text=_("Always 28."))
    baseline_per_day = serializers.FloatField(
        help_text=_("Episodes per day over the 28 local days before given_on.")
    )
    weeks = EffectWeekSerializer(
        many=True, help_text=_("Weeks 1 to 16 after given_on that have ended before today.")
    )
    onset_week = serializers.IntegerField(
        allow_null=True,
        help_text=_("The first week at or under half the baseline; null if none."),
    )
    wears_off_week = serializers.IntegerField(
        allow_null=True,
        help_text=_("The first week after the onset back to 0.8 of the baseline; null if none."),
    )


class TreatmentEffect(PersonalDataMixin, generics.GenericAPIView):
    """Weekly episodes after a treatment against the 28 days before it (SPEC, "Treatments")."""

    serializer_class = EffectSerializer

    def get_queryset(self) -> QuerySet[Treatment]:
        return Treatment.objects.for_user(self.request.user)

    def get(self, request: Request, pk: int) -> Response:
        treatment = self.get_object()
        today = self.profile.local_date()
        effect = treatments.effect_for(request.user, treatment, today=today)
        figures = (
            effect.as_dict()
            if effect is not None
            else {
                "baseline_days": 28,
                "baseline_per_day": 0.0,
                "weeks": [],
                "onset_week": None,
                "wears_off_week": None,
            }
        )
        context = self.get_serializer_context()
        return Response(
            {"treatment": TreatmentSerializer(treatment, context=context).data, **figures}
        )


class SelfRatingSerializer(ModelSerializer):
    """A week's own rating after the Jankovic Rating Scale: severity and frequency, 0 to 4."""

    week_start = serializers.DateField(
        validators=[validate_date_in_range], help_text=_("The Monday the week began.")
    )
    severity = serializers.IntegerField(
        min_value=0,
        max_value=4,
        help_text=_(
            "0 none, 1 only with bright light, wind or reading, 2 mild, 3 moderate, 4 severe."
        ),
    )
    frequency = serializers.IntegerField(
        min_value=0,
        max_value=4,
        help_text=_(
            "0 none, 1 more blinking, 2 fluttering under a second, 3 spasms over a second, "
            "4 eyes shut more than half the waking day."
        ),
    )
    created_at = LocalDateTimeField(read_only=True)
    updated_at = LocalDateTimeField(read_only=True)

    class Meta:
        model = SelfRating
        fields = ["id", "week_start", "severity", "frequency", "created_at", "updated_at"]
        read_only_fields = ["id"]

    def validate_week_start(self, value):
        if value.weekday() != 0:
            raise serializers.ValidationError(
                _("A week starts on a Monday. Pick the Monday of that week.")
            )
        return value


DUPLICATE_WEEK = _(
    "There is already a rating for this week. Change it with PUT or PATCH /api/ratings/<id>/."
)


class SelfRatingList(PersonalDataMixin, generics.ListCreateAPIView):
    """List the person's weekly self-ratings, latest week first, or rate a new week."""

    serializer_class = SelfRatingSerializer
    pagination_class = PagePagination

    def get_queryset(self) -> QuerySet[SelfRating]:
        return SelfRating.objects.for_user(self.request.user).order_by("-week_start")

    def perform_create(self, serializer: SelfRatingSerializer) -> None:
        data = serializer.validated_data
        try:
            with django_errors_as_drf(), transaction.atomic():
                rating, created = treatments.rating_save(user=self.request.user, **data)
                if not created:
                    raise serializers.ValidationError({"week_start": [DUPLICATE_WEEK]})
        except IntegrityError:
            raise serializers.ValidationError({"week_start": [DUPLICATE_WEEK]}) from None
        serializer.instance = rating


class SelfRatingDetail(PersonalDataMixin, generics.RetrieveUpdateDestroyAPIView):
    """Read, change or delete one week's rating (its week cannot change)."""

    serializer_class = SelfRatingSerializer

    def get_queryset(self) -> QuerySet[SelfRating]:
        return SelfRating.objects.for_user(self.request.user)

    def perform_update(self, serializer: SelfRatingSerializer) -> None:
        rating = serializer.instance
        data = serializer.validated_data
        if data.get("week_start", rating.week_start) != rating.week_start:
            raise serializers.ValidationError(
                {"week_start": [_("A rating's week cannot change. Delete it and rate that week.")]}
            )
        with django_errors_as_drf():
            serializer.instance, _created = treatments.rating_save(
                user=self.request.user,
                week_start=rating.week_start,
                severity=data.get("severity", rating.severity),
                frequency=data.get("frequency", rating.frequency),
            )

    def perform_destroy(self, instance: SelfRating) -> None:
        treatments.rating_delete(rating=instance)


class ExportTreatmentSerializer(serializers.Serializer):
    """Documents a treatment in ``GET /api/export/`` (rows from ``journal.treatments``)."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=TreatmentKind.choices)
    name = serializers.CharField()
    given_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)
    dose = serializers.CharField()
    notes = serializers.CharField()
    baseline_per_day = serializers.FloatField(allow_null=True)
    onset_week = serializers.IntegerField(allow_null=True)
    wears_off_week = serializers.IntegerField(allow_null=True)
    weeks = EffectWeekSerializer(many=True, allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class ExportSelfRatingSerializer(serializers.Serializer):
    """Documents a weekly self-rating in ``GET /api/export/``."""

    week_start = serializers.DateField()
    severity = serializers.IntegerField(min_value=0, max_value=4)
    frequency = serializers.IntegerField(min_value=0, max_value=4)
    severity_words = serializers.CharField()
    frequency_words = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

"""``GET /api/insights/?days=30|60|90``: the person's insights, as the insights page shows them.

The numbers come from ``journal.selectors.insights_for``, the same call the page makes.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from journal import selectors
from journal.insights import DEFAULT_DAYS, PERIOD_CHOICES, InvalidDays, Verdict, parse_days


class DayCountSerializer(serializers.Serializer):
    date = serializers.DateField()
    count = serializers.IntegerField(min_value=0)


class TriggerCountSerializer(serializers.Serializer):
    trigger = serializers.CharField()
    count = serializers.IntegerField(min_value=1)


class FactorSerializer(serializers.Serializer):
    factor = serializers.CharField(help_text="The daily-log field, e.g. sleep_hours.")
    bad_when = serializers.CharField(help_text='The cut-off, e.g. "< 6".')
    bad_days = serializers.IntegerField(min_value=0)
    bad_twitch_days = serializers.IntegerField(min_value=0)
    other_days = serializers.IntegerField(min_value=0)
    other_twitch_days = serializers.IntegerField(min_value=0)
    bad_rate = serializers.FloatField(
        allow_null=True, help_text="bad_twitch_days / bad_days, 0 to 1; null with no days."
    )
    other_rate = serializers.FloatField(
        allow_null=True, help_text="other_twitch_days / other_days, 0 to 1; null with no days."
    )
    enough_data = serializers.BooleanField(help_text="Both sides have at least 3 days.")
    bad_episodes_per_day = serializers.FloatField(
        allow_null=True,
        help_text="Mean episodes per bad day, days without twitching counted as 0; "
        "null with no bad days.",
    )
    other_episodes_per_day = serializers.FloatField(
        allow_null=True,
        help_text="Mean episodes per other day, days without twitching counted as 0; "
        "null with no other days.",
    )
    difference = serializers.FloatField(
        allow_null=True,
        help_text="bad_episodes_per_day - other_episodes_per_day; null unless enough_data.",
    )
    interval = serializers.ListField(
        child=serializers.FloatField(),
        min_length=2,
        max_length=2,
        allow_null=True,
        help_text="[low, high]: the 95% Welch two-sample t confidence interval for "
        "difference (Welch-Satterthwaite degrees of freedom); [difference, difference] when "
        "neither group varies; null unless enough_data.",
    )
    verdict = serializers.ChoiceField(
        choices=Verdict.CHOICES,
        help_text="not_enough_data unless both sides have at least 3 days; else more when "
        "interval's low > 0, fewer when its high < 0, otherwise no_clear_difference.",
    )


class InsightsSerializer(serializers.Serializer):
    """The shape of the answer (documentation only: the data is built in journal.insights)."""

    days = serializers.ChoiceField(choices=PERIOD_CHOICES)
    start = serializers.DateField()
    end = serializers.DateField()
    episodes_per_day = DayCountSerializer(many=True)
    by_location = serializers.DictField(child=serializers.IntegerField(min_value=0))
    by_side = serializers.DictField(child=serializers.IntegerField(min_value=0))
    top_triggers = TriggerCountSerializer(many=True)
    factors = FactorSerializer(many=True)


class InsightsView(APIView):
    """Twitching per day, where and which side, triggers and daily-factor comparisons.

    The period is the last ``days`` local days ending today (30, 60 or 90; default 30).
    Any other ``days`` is a 400 naming the field.
    """

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "days", int, enum=list(PERIOD_CHOICES), default=DEFAULT_DAYS, required=False
            )
        ],
        responses=InsightsSerializer,
    )
    def get(self, request: Request) -> Response:
        try:
            days = parse_days(request.query_params.get("days"))
        except InvalidDays:
            raise serializers.ValidationError({"days": [InvalidDays.message]}) from None
        return Response(selectors.insights_for(request.user, days=days).as_dict())

"""``GET /api/triage/``: the person's triage result, as the triage page shows it.

The answer is ``journal.triage.TriageResult.to_dict()``, computed from the database on
every request (``journal.selectors.triage_for``).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from guidance.models import CRITERION_LEVEL_CHOICES, CriterionCode, Level, Specialist
from journal.selectors import triage_for
from journal.triage import WINDOW_DAYS

# Choice fields document the enums: SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] gives each
# choice set one name (LevelEnum, CriterionLevelEnum, SpecialistEnum), shared with guidance.


class MatchedCriterionSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=CriterionCode.choices, help_text="The rule.")
    title = serializers.CharField()
    level = serializers.ChoiceField(
        choices=CRITERION_LEVEL_CHOICES, help_text="The level this match raises."
    )
    explanation = serializers.CharField()
    evidence = serializers.ListField(
        child=serializers.IntegerField(), help_text="Ids of the episodes behind the match."
    )
    learn_more = serializers.CharField(help_text="A guidance page on this site, or empty.")
    specialist = serializers.ChoiceField(
        choices=Specialist.choices, help_text="Who this criterion says to see."
    )
    weight = serializers.IntegerField(min_value=0, max_value=100)
    note = serializers.CharField(allow_blank=True, help_text="An extra sentence, or empty.")


class BoutSerializer(serializers.Serializer):
    first_day = serializers.DateField()
    last_day = serializers.DateField()
    counted_from = serializers.DateField(
        help_text="The day its length counts from: the person's twitch_began_on when that is "
        "earlier than first_day, else first_day."
    )
    days = serializers.IntegerField(min_value=0, help_text="Last day minus counted_from.")


class TriageSerializer(serializers.Serializer):
    """The shape of the answer (documentation only: the data is built in journal.triage)."""

    level = serializers.ChoiceField(choices=Level.choices, help_text="Listed lowest first.")
    score = serializers.IntegerField(min_value=0, max_value=100)
    window_days = serializers.IntegerField(default=WINDOW_DAYS)
    assessed_at = serializers.DateTimeField()
    criteria = MatchedCriterionSerializer(many=True, help_text="Highest level first.")
    next_steps = serializers.ListField(child=serializers.CharField())
    disclaimer = serializers.CharField()
    specialist = serializers.ChoiceField(
        choices=Specialist.choices, allow_null=True, help_text="Who to see; null below see_doctor."
    )
    bout = BoutSerializer(allow_null=True, help_text="The current bout of twitching, if any.")
    episode_count = serializers.IntegerField(min_value=0, help_text="Episodes in the window.")


class TriageView(APIView):
    """Should I see a doctor? The signed-in person's episodes of the last 60 days, checked
    against the escalation criteria: a level, a score, the reasons and the next steps.

    Only the signed-in person's own episodes are ever looked at.
    """

    @extend_schema(responses=TriageSerializer, operation_id="triage_retrieve")
    def get(self, request: Request) -> Response:
        return Response(triage_for(request.user).to_dict())

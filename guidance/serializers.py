"""Read-only representations of published guidance for the public API.

Only the sanitised HTML is sent, never the editor's Markdown: a client can show it as is.
"""

from rest_framework import serializers

from guidance.models import (
    Advice,
    Cause,
    ChecklistItem,
    Condition,
    EscalationCriterion,
    Faq,
    PlanStep,
    Treatment,
)

COMMON_FIELDS = ["slug", "title", "summary", "body_html", "url", "last_reviewed", "next_review_due"]


class GuidanceItemSerializer(serializers.ModelSerializer):
    """The fields every guidance item shares; ``url`` is the item's public page."""

    url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class CauseSerializer(GuidanceItemSerializer):
    # A plain string in the schema: the trigger choices are already published as the
    # journal's enum, and naming the same set twice confuses generated clients.
    trigger = serializers.CharField(
        read_only=True, help_text="The journal trigger this cause matches, or empty."
    )

    class Meta:
        model = Cause
        fields = [*COMMON_FIELDS, "trigger"]


class ConditionSerializer(GuidanceItemSerializer):
    class Meta:
        model = Condition
        fields = [*COMMON_FIELDS, "differs_from_twitch_html", "specialist"]


class AdviceSerializer(GuidanceItemSerializer):
    class Meta:
        model = Advice
        fields = [*COMMON_FIELDS, "kind"]


class FaqSerializer(GuidanceItemSerializer):
    class Meta:
        model = Faq
        fields = COMMON_FIELDS


class PlanStepSerializer(GuidanceItemSerializer):
    class Meta:
        model = PlanStep
        fields = [*COMMON_FIELDS, "week", "focus_factors"]


class TreatmentSerializer(GuidanceItemSerializer):
    class Meta:
        model = Treatment
        fields = [*COMMON_FIELDS, "first_line"]


class ChecklistItemSerializer(GuidanceItemSerializer):
    class Meta:
        model = ChecklistItem
        fields = COMMON_FIELDS


class EscalationCriterionSerializer(GuidanceItemSerializer):
    # Same choices as ``level`` (plus empty): one enum in the schema, not two names for it.
    level_after_hours = serializers.CharField(
        read_only=True,
        help_text="Stroke signs only: the level once the episode is older than the hours.",
    )

    class Meta:
        model = EscalationCriterion
        fields = [
            *COMMON_FIELDS,
            "code",
            "level",
            "level_after_hours",
            "weight",
            "threshold_hours",
            "threshold_days",
            "threshold_count",
            "specialist",
            "learn_more",
        ]

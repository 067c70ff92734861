"""The public, read-only guidance API: published items only, listed and by slug.

Anyone may read it, signed in or not. Each list is one page query plus a count, whatever
the amount of content.
"""

from rest_framework import permissions, viewsets

from guidance import serializers
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
from twitchcare.api_pagination import PagePagination


class PublishedGuidanceViewSet(viewsets.ReadOnlyModelViewSet):
    """List and retrieve (by slug) the published items of one guidance model."""

    model = None
    permission_classes = [permissions.AllowAny]
    pagination_class = PagePagination
    lookup_field = "slug"

    def get_queryset(self):
        # Drafts are never served: a draft's slug is a 404 like a missing one.
        return self.model.objects.published()


class CauseViewSet(PublishedGuidanceViewSet):
    model = Cause
    serializer_class = serializers.CauseSerializer


class ConditionViewSet(PublishedGuidanceViewSet):
    model = Condition
    serializer_class = serializers.ConditionSerializer


class AdviceViewSet(PublishedGuidanceViewSet):
    model = Advice
    serializer_class = serializers.AdviceSerializer


class FaqViewSet(PublishedGuidanceViewSet):
    model = Faq
    serializer_class = serializers.FaqSerializer


class PlanStepViewSet(PublishedGuidanceViewSet):
    model = PlanStep
    serializer_class = serializers.PlanStepSerializer


class TreatmentViewSet(PublishedGuidanceViewSet):
    model = Treatment
    serializer_class = serializers.TreatmentSerializer


class ChecklistItemViewSet(PublishedGuidanceViewSet):
    model = ChecklistItem
    serializer_class = serializers.ChecklistItemSerializer


class EscalationCriterionViewSet(PublishedGuidanceViewSet):
    model = EscalationCriterion
    serializer_class = serializers.EscalationCriterionSerializer

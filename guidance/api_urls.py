"""Routes of the public guidance API, included under /api/guidance/."""

from rest_framework.routers import SimpleRouter

from guidance import api

router = SimpleRouter()
router.register("causes", api.CauseViewSet, basename="api-guidance-cause")
router.register("conditions", api.ConditionViewSet, basename="api-guidance-condition")
router.register("advice", api.AdviceViewSet, basename="api-guidance-advice")
router.register("faqs", api.FaqViewSet, basename="api-guidance-faq")
router.register("plan", api.PlanStepViewSet, basename="api-guidance-plan")
router.register("treatments", api.TreatmentViewSet, basename="api-guidance-treatment")
router.register("checklist", api.ChecklistItemViewSet, basename="api-guidance-checklist")
router.register("criteria", api.EscalationCriterionViewSet, basename="api-guidance-criterion")

urlpatterns = router.urls

"""The REST API's addresses. Each feature adds its routes here."""

from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt

from journal import converters  # noqa: F401 - registers <isodate:...>
from journal.api import account, attachments, auth, episodes, errors, interop, shares, treatments
from journal.api.insights import InsightsView
from journal.api.triage import TriageView

urlpatterns = [
    # The OpenAPI schema and its docs (public): /api/schema/, /api/docs/
    path("", include("twitchcare.api_docs")),
    # Guidance (public, read-only)
    path("guidance/", include("guidance.api_urls")),
    # Accounts and tokens
    path("auth/register/", auth.RegisterView.as_view(), name="api-register"),
    path("auth/token/", auth.TokenView.as_view(), name="api-token"),
    path("auth/logout/", auth.LogoutView.as_view(), name="api-logout"),
    path("auth/logout-all/", auth.LogoutAllView.as_view(), name="api-logout-all"),
    path("account/", account.AccountView.as_view(), name="api-account"),
    path("export/", account.ExportView.as_view(), name="api-export"),
    path("export/fhir/", interop.FhirExportView.as_view(), name="api-export-fhir"),
    path("import/", interop.ImportView.as_view(), name="api-import"),
    # Journal
    path("episodes/", episodes.EpisodeList.as_view(), name="api-episode-list"),
    path("episodes/<int:pk>/", episodes.EpisodeDetail.as_view(), name="api-episode-detail"),
    path("daily-logs/", episodes.DailyLogList.as_view(), name="api-daily-log-list"),
    path(
        "daily-logs/<isodate:date>/",
        episodes.DailyLogDetail.as_view(),
        name="api-daily-log-detail",
    ),
    path("treatments/", treatments.TreatmentList.as_view(), name="api-treatment-list"),
    path("treatments/<int:pk>/", treatments.TreatmentDetail.as_view(), name="api-treatment-detail"),
    path(
        "treatments/<int:pk>/effect/",
        treatments.TreatmentEffect.as_view(),
        name="api-treatment-effect",
    ),
    path("ratings/", treatments.SelfRatingList.as_view(), name="api-rating-list"),
    path("ratings/<int:pk>/", treatments.SelfRatingDetail.as_view(), name="api-rating-detail"),
    path(
        "episodes/<int:pk>/attachments/",
        attachments.AttachmentList.as_view(),
        name="api-attachment-list",
    ),
    path(
        "attachments/<int:pk>/",
        attachments.AttachmentDetail.as_view(),
        name="api-attachment-detail",
    ),
    path("shares/", shares.ShareList.as_view(), name="api-share-list"),
    path("shares/<int:pk>/", shares.ShareDetail.as_view(), name="api-share-detail"),
    path("insights/", InsightsView.as_view(), name="api-insights"),
    path("triage/", TriageView.as_view(), name="api-triage"),
    # Anything else under /api/ is a JSON 404, never a redirect to an address with a slash
    # (which a POST cannot follow) nor an HTML page; nor a CSRF failure page, as nothing
    # here acts on a session.
    re_path(r"^", csrf_exempt(errors.not_found)),
]

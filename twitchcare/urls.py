from django.contrib import admin
from django.urls import include, path

from journal.views import pages as journal_pages
from twitchcare import pwa
from twitchcare.views import healthz

urlpatterns = [
    path("", journal_pages.home, name="home"),
    path("", include("journal.urls")),
    path("accounts/", include("twitchcare.account_urls")),
    path("guidance/", include("guidance.urls")),
    path("api/", include("twitchcare.api_urls")),
    path("admin/", admin.site.urls),
    path("healthz/", healthz, name="healthz"),
    # The installable app (SPEC, "Offline")
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("offline/", pwa.offline, name="offline"),
]

# JSON errors under /api/ (one shape, see journal/api/errors.py); the usual pages elsewhere.
handler400 = "journal.api.errors.bad_request"
handler403 = "journal.api.errors.permission_denied"
handler404 = "journal.api.errors.not_found"
handler500 = "journal.api.errors.server_error"

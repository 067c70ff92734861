from django.contrib import admin
from django.urls import include, path

from journal.views import pages as journal_pages
from twitchcare.views import healthz

urlpatterns = [
    path("", journal_pages.home, name="home"),
    path("", include("journal.urls")),
    path("accounts/", include("twitchcare.account_urls")),
    path("guidance/", include("guidance.urls")),
    path("api/", include("twitchcare.api_urls")),
    path("admin/", admin.site.urls),
    path("healthz/", healthz, name="healthz"),
]

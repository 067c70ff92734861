from django.contrib import admin
from django.urls import include, path

from journal.views import pages as journal_pages

urlpatterns = [
    path("", journal_pages.home, name="home"),
    path("", include("journal.urls")),
    path("accounts/", include("twitchcare.account_urls")),
    path("api/", include("twitchcare.api_urls")),
    path("admin/", admin.site.urls),
]

from django.contrib import admin
from django.urls import include, path

from journal import views as journal_views

urlpatterns = [
    path("", journal_views.home, name="home"),
    path("", include("journal.urls")),
    path("accounts/", include("twitchcare.account_urls")),
    path("api/", include("twitchcare.api_urls")),
    path("admin/", admin.site.urls),
]

from django.urls import path

from journal.views import pages

app_name = "journal"

urlpatterns = [
    path("journal/", pages.episode_list, name="episode_list"),
]

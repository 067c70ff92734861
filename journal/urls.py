from django.urls import path

from journal import views

app_name = "journal"

urlpatterns = [
    path("journal/", views.episode_list, name="episode_list"),
]

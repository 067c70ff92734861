"""URLs for the 500-page test: one view that always fails."""

from django.urls import path


def broken(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [path("broken/", broken)]

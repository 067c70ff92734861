"""The REST API's addresses. Each feature adds its routes here."""

from django.urls import path  # noqa: F401

urlpatterns = []

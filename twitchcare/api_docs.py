"""The API's own description: the OpenAPI 3 schema (``/api/schema/``) and browsable docs
(``/api/docs/``), both public. What the schema says is shaped in ``twitchcare/api_schema.py``.

The docs page is Swagger UI from drf-spectacular-sidecar: every script, style sheet and
image comes from this site's static files, and its start-up script is a file of its own,
so it runs under the site's strict Content-Security-Policy.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema: YAML by default, JSON with ``?format=json`` (or ``Accept:
    application/vnd.oai.openapi+json``). Public: it describes the API, not anyone's data."""

    authentication_classes = []
    permission_classes = [AllowAny]


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI over the schema, with its start-up script served as a separate file."""

    authentication_classes = []
    permission_classes = [AllowAny]
    template_name = "api/swagger_ui.html"
    url_name = "api-schema"
    title = _("TwitchCare API")


urlpatterns = [
    path("schema/", SchemaView.as_view(), name="api-schema"),
    path("docs/", DocsView.as_view(), name="api-docs"),
]

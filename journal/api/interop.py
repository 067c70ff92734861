"""Moving a journal in and out: the FHIR R4 export (``GET /api/export/fhir/``) and the
import of the app's own exports (``POST /api/import/``).

Both act only on the signed-in person, so there is no id in their addresses. The builders
and the importer are plain modules (``journal/fhir.py``, ``journal/importer.py``); these
views only read the request and shape the answer.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from journal import fhir
from journal.api.common import PersonalDataMixin
from journal.dates import validate_date_in_range


class FhirJSONRenderer(JSONRenderer):
    media_type = "application/fhir+json"


class FhirQuerySerializer(serializers.Serializer):
    """Optional words for this one download, as on the doctor report: never stored."""

    name = serializers.CharField(
        max_length=100,
        required=False,
        help_text=_("A name for the Patient, for this download only. Left out by default."),
    )
    date_of_birth = serializers.DateField(
        required=False,
        validators=[validate_date_in_range],
        help_text=_("A birth date for the Patient, for this download only."),
    )

    def validate_date_of_birth(self, value):
        if value > self.context["profile"].local_date():
            raise serializers.ValidationError(_("Enter a date of birth up to today."))
        return value


class FhirExportView(PersonalDataMixin, generics.GenericAPIView):
    """All of the person's journal as a FHIR R4 ``Bundle`` of type ``collection``.

    A ``Patient`` (no name unless ``name`` is given), an ``Observation`` per episode and
    per recorded daily factor, and each treatment as a ``MedicationStatement`` or a
    ``Procedure``. See ``journal/fhir.py`` for the codes used.
    """

    renderer_classes = [JSONRenderer, FhirJSONRenderer]

    @extend_schema(
        parameters=[FhirQuerySerializer],
        responses={200: OpenApiResponse(description="A FHIR R4 Bundle (type collection).")},
    )
    def get(self, request: Request) -> Response:
        query = FhirQuerySerializer(
            data=request.query_params.dict(), context=self.get_serializer_context()
        )
        query.is_valid(raise_exception=True)
        bundle = fhir.fhir_bundle(
            request.user,
            name=query.validated_data.get("name", ""),
            birth_date=query.validated_data.get("date_of_birth"),
        )
        response = Response(bundle, content_type="application/fhir+json")
        response["Cache-Control"] = "no-store"
        response["Content-Disposition"] = (
            f'attachment; filename="{fhir.bundle_filename(request.user)}"'
        )
        return response

"""Moving a journal in and out: the FHIR R4 export (``GET /api/export/fhir/``) and the
import of the app's own exports (``POST /api/import/``).

Both act only on the signed-in person, so there is no id in their addresses. The builders
and the importer are plain modules (``journal/fhir.py``, ``journal/importer.py``); these
views only read the request and shape the answer.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import generics, parsers, serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from journal import fhir, importer
from journal.api.common import PersonalDataMixin
from journal.dates import validate_date_in_range
from journal.views.importing import ImportForm


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


_COUNTS = {"added": serializers.IntegerField(), "already_there": serializers.IntegerField()}


class ImportView(generics.GenericAPIView):
    """Import a TwitchCare export (the JSON file or the CSV zip) into the person's journal.

    ``multipart/form-data`` with ``file`` and optional ``merge`` (``true`` to add to a
    journal that already has entries; entries already there are not added twice). Checked
    first, all or nothing: a 400 lists every problem by row, under ``file``; a journal that
    is not empty without ``merge`` is a 409. 201 answers what was added.
    """

    parser_classes = [parsers.MultiPartParser]
    metadata_class = None  # no serializer to describe: OPTIONS is a 405, never a 500

    @extend_schema(
        request={
            "multipart/form-data": inline_serializer(
                "ImportUpload",
                {
                    "file": serializers.FileField(),
                    "merge": serializers.BooleanField(required=False),
                },
            )
        },
        responses={
            201: inline_serializer(
                "ImportSummary",
                {
                    "episodes": inline_serializer("ImportEpisodes", _COUNTS),
                    "daily_logs": inline_serializer(
                        "ImportDailyLogs", {**_COUNTS, "merged": serializers.IntegerField()}
                    ),
                    "treatments": inline_serializer("ImportTreatments", _COUNTS),
                    "self_ratings": inline_serializer("ImportSelfRatings", _COUNTS),
                    "attachments": inline_serializer(
                        "ImportAttachments", {**_COUNTS, "left_out": serializers.IntegerField()}
                    ),
                },
            ),
            400: OpenApiResponse(description="The file or a row in it is wrong; nothing stored."),
            409: OpenApiResponse(description="The journal has entries and merge was not asked."),
        },
    )
    def post(self, request: Request) -> Response:
        form = ImportForm(request.data, request.FILES)
        if not form.is_valid():
            errors = {name: list(messages) for name, messages in form.errors.items()}
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        try:
            summary = form.run(request._request)
        except importer.ImportRefused as refused:
            if refused.code == "not_empty":
                return Response({"detail": refused.messages[0]}, status=status.HTTP_409_CONFLICT)
            return Response({"file": refused.messages}, status=status.HTTP_400_BAD_REQUEST)
        return Response(summary.as_dict(), status=status.HTTP_201_CREATED)

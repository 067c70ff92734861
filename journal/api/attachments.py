"""An episode's photos and videos through the API.

- ``GET /api/episodes/{id}/attachments/``: the episode's attachments (a page);
- ``POST /api/episodes/{id}/attachments/``: multipart with ``file``; 201 with
  ``{id, kind, content_type, size, url}``, or 400 ``{"file": [message]}`` and nothing stored;
- ``GET /api/attachments/{id}/``: the file itself (range requests answered);
- ``DELETE /api/attachments/{id}/``: 204, and the file leaves the storage.

The rules are journal.attachments'. Anything not the person's own is a 404.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from journal import attachments
from journal.api.common import django_errors_as_drf
from journal.models import Attachment, Episode
from twitchcare.api_pagination import PagePagination

NO_FILE = "Send the photo or video as the multipart field 'file'. Nothing was saved."


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "episode", "kind", "content_type", "size", "created_at", "url"]
        read_only_fields = fields

    def get_url(self, attachment: Attachment) -> str:
        path = reverse("api-attachment-detail", args=[attachment.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class AnyAccept(BaseContentNegotiation):
    """The file answers whatever a browser's ``<img>`` or ``<video>`` says it accepts; the
    errors stay JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class AttachmentList(generics.ListCreateAPIView):
    """The episode's photos and videos, oldest first, or add one (multipart, ``file``)."""

    serializer_class = AttachmentSerializer
    pagination_class = PagePagination
    parser_classes = [MultiPartParser, FormParser]

    def episode(self) -> Episode:
        return get_object_or_404(Episode.objects.for_user(self.request.user), pk=self.kwargs["pk"])

    def get_queryset(self) -> QuerySet[Attachment]:
        return (
            Attachment.objects.for_user(self.request.user)
            .filter(episode=self.episode())
            .order_by("created_at", "id")
        )

    @extend_schema(
        request={
            "multipart/form-data": inline_serializer(
                "AttachmentUpload", {"file": serializers.FileField()}
            )
        },
        responses={201: AttachmentSerializer},
    )
    def post(self, request: Request, *args, **kwargs) -> Response:
        episode = self.episode()
        upload = request.FILES.get("file")
        if upload is None:
            raise serializers.ValidationError({"file": [NO_FILE]})
        with django_errors_as_drf():
            attachment = attachments.attachment_add(episode=episode, upload=upload)
        data = self.get_serializer(attachment).data
        return Response(data, status=status.HTTP_201_CREATED)


class AttachmentDetail(generics.GenericAPIView):
    """The file itself (``Range`` requests answered with 206), or delete it (204)."""

    content_negotiation_class = AnyAccept
    serializer_class = AttachmentSerializer

    def get_queryset(self) -> QuerySet[Attachment]:
        return Attachment.objects.for_user(self.request.user)

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY),
            (206, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The byte range asked for (Content-Range)."
            ),
            416: OpenApiResponse(
                description="The Range asks for bytes the file does not have, or is malformed."
            ),
        }
    )
    def get(self, request: Request, *args, **kwargs):
        return attachments.file_response(request, self.get_object())

    @extend_schema(responses={204: None})
    def delete(self, request: Request, *args, **kwargs) -> Response:
        attachments.attachment_delete(attachment=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

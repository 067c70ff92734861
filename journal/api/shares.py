"""Share links through the API (SPEC, "Sharing with a doctor").

- ``GET /api/shares/``: the person's links, newest first, with their openings (a page);
- ``POST /api/shares/`` ``{start, end, days}`` (days 1 to 30, 14 if left out): 201 with
  ``{id, url, expires_at}``; the ``url`` holds the secret and is never given again;
- ``GET /api/shares/{id}/``: one link; ``DELETE /api/shares/{id}/``: revoke it, 204.
"""

from django.db.models import Count, Max, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from journal import sharing
from journal.api.common import django_errors_as_drf
from journal.models import ShareLink, ShareOpening
from twitchcare.api_pagination import PagePagination


class ShareCreateSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    days = serializers.IntegerField(
        min_value=sharing.MIN_DAYS,
        max_value=sharing.MAX_DAYS,
        default=sharing.DEFAULT_DAYS,
        error_messages={
            "min_value": sharing.DAYS_MESSAGE,
            "max_value": sharing.DAYS_MESSAGE,
        },
    )


class ShareCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField()
    expires_at = serializers.DateTimeField()


class ShareLinkSerializer(serializers.ModelSerializer):
    opening_count = serializers.IntegerField(read_only=True)
    openings = serializers.SerializerMethodField()

    class Meta:
        model = ShareLink
        fields = [
            "id", "start", "end", "created_at", "expires_at", "revoked_at",
            "opening_count", "openings",
        ]  # fmt: skip
        read_only_fields = fields

    def get_openings(self, link: ShareLink) -> list[str]:
        """When the link's page was opened, latest first (at most 50)."""
        recent = getattr(link, "recent", None)
        if recent is None:
            recent = [each.opened_at for each in link.openings.all()[:50]]
        field = serializers.DateTimeField()
        return [field.to_representation(moment) for moment in recent]


class ShareList(generics.ListCreateAPIView):
    """The person's share links, newest first, or make one."""

    serializer_class = ShareLinkSerializer
    pagination_class = PagePagination

    def get_queryset(self) -> QuerySet[ShareLink]:
        return (
            ShareLink.objects.for_user(self.request.user)
            .annotate(opening_count=Count("openings"), last_opened_at=Max("openings__opened_at"))
            .order_by("-created_at", "-id")
        )

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        links = page if page is not None else list(queryset)
        _attach_openings(links)
        return page

    @extend_schema(request=ShareCreateSerializer, responses={201: ShareCreatedSerializer})
    def post(self, request: Request, *args, **kwargs) -> Response:
        wanted = ShareCreateSerializer(data=request.data)
        wanted.is_valid(raise_exception=True)
        with django_errors_as_drf():
            link, token = sharing.share_create(user=request.user, **wanted.validated_data)
        url = request.build_absolute_uri(reverse("journal:shared_report", args=[token]))
        body = ShareCreatedSerializer({"id": link.pk, "url": url, "expires_at": link.expires_at})
        return Response(body.data, status=status.HTTP_201_CREATED)


def _attach_openings(links: list[ShareLink], limit: int = 50) -> None:
    """Give each link ``recent``: its latest ``limit`` openings' times (one query)."""
    recent: dict[int, list] = {link.pk: [] for link in links}
    if any(getattr(link, "opening_count", 1) for link in links):
        found = ShareOpening.objects.filter(link__in=list(recent)).order_by("-opened_at", "-id")
        for link_id, opened_at in found.values_list("link_id", "opened_at"):
            if len(recent[link_id]) < limit:
                recent[link_id].append(opened_at)
    for link in links:
        link.recent = recent[link.pk]


class ShareDetail(generics.GenericAPIView):
    """One share link, or revoke it (204): from then on it is a 404 for everyone."""

    serializer_class = ShareLinkSerializer

    def get_object(self) -> ShareLink:
        queryset = ShareLink.objects.for_user(self.request.user).annotate(
            opening_count=Count("openings")
        )
        link = get_object_or_404(queryset, pk=self.kwargs["pk"])
        _attach_openings([link])
        return link

    def get(self, request: Request, *args, **kwargs) -> Response:
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, *args, **kwargs) -> Response:
        link = get_object_or_404(ShareLink.objects.for_user(request.user), pk=self.kwargs["pk"])
        sharing.share_revoke(link=link)
        return Response(status=status.HTTP_204_NO_CONTENT)

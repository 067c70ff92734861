"""The journal API: a person's episodes (``/api/episodes/``) and daily logs
(``/api/daily-logs/``).

Views only fetch, filter and hand over: serializers check the input, the services in
``journal/services.py`` apply the rules and save, so the pages and the API behave alike.
Every queryset starts from the signed-in person's own rows, so another person's entry is
a 404, never a 403 that would confirm it exists.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from journal.api.common import PersonalDataMixin, django_errors_as_drf
from journal.api.serializers import (
    DailyLogFilterSerializer,
    DailyLogSerializer,
    DailyLogUpdateSerializer,
    EpisodeFilterSerializer,
    EpisodeSerializer,
)
from journal.models import DailyLog, Episode
from journal.services import (
    DayAlreadyLogged,
    daily_log_create_once,
    daily_log_delete,
    daily_log_save,
    episode_create_once,
    episode_delete,
    episode_update,
)
from twitchcare.api_pagination import PagePagination


class CreateOnceMixin:
    """POST answers 201 for a new entry and 200 with the stored entry for a repeat of a
    ``client_id`` the person already used (SPEC, "Offline").

    ``perform_create`` sets ``serializer.instance`` and returns whether it created it.
    """

    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = self.perform_create(serializer)
        return Response(
            serializer.data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
            headers=self.get_success_headers(serializer.data),
        )


@extend_schema_view(
    get=extend_schema(parameters=[EpisodeFilterSerializer]),
    post=extend_schema(responses={201: EpisodeSerializer, 200: EpisodeSerializer}),
)
class EpisodeList(CreateOnceMixin, PersonalDataMixin, generics.ListCreateAPIView):
    """List the person's episodes, newest first, or record a new one.

    A POST with a ``client_id`` the person already used stores nothing and answers 200 with
    the episode stored the first time.

    Filters: ``since`` and ``until`` (a date is a whole local day; a date and time without
    an offset is local time), ``location`` and ``side``. A bad or empty value is a 400
    naming it.
    """

    serializer_class = EpisodeSerializer
    pagination_class = PagePagination

    def get_queryset(self) -> QuerySet[Episode]:
        return Episode.objects.for_user(self.request.user)

    def filter_queryset(self, queryset: QuerySet[Episode]) -> QuerySet[Episode]:
        # A plain dict: DRF reads an empty value in a QueryDict as "not sent".
        filters = EpisodeFilterSerializer(
            data=self.request.query_params.dict(), context=self.get_serializer_context()
        )
        filters.is_valid(raise_exception=True)
        wanted = filters.validated_data
        queryset = queryset.between(wanted["start"], wanted["end"])
        if "location" in wanted:
            queryset = queryset.with_location(wanted["location"])
        if "side" in wanted:
            queryset = queryset.on_side(wanted["side"])
        return queryset

    def perform_create(self, serializer: EpisodeSerializer) -> bool:
        with django_errors_as_drf():
            serializer.instance, created = episode_create_once(
                user=self.request.user, **serializer.validated_data
            )
        return created


class EpisodeDetail(PersonalDataMixin, generics.RetrieveUpdateDestroyAPIView):
    """Read, change (PUT replaces, PATCH changes the fields sent) or delete one episode."""

    serializer_class = EpisodeSerializer

    def get_queryset(self) -> QuerySet[Episode]:
        return Episode.objects.for_user(self.request.user)

    def perform_update(self, serializer: EpisodeSerializer) -> None:
        fields = dict(serializer.validated_data)
        fields.pop("client_id", None)  # set when the episode was created, never changed
        with django_errors_as_drf():
            serializer.instance = episode_update(episode=serializer.instance, **fields)

    def perform_destroy(self, instance: Episode) -> None:
        episode_delete(episode=instance)


DUPLICATE_DAY = _(
    "There is already a log for this day. Change it with PUT or PATCH /api/daily-logs/<date>/."
)


@extend_schema_view(
    get=extend_schema(parameters=[DailyLogFilterSerializer]),
    post=extend_schema(responses={201: DailyLogSerializer, 200: DailyLogSerializer}),
)
class DailyLogList(CreateOnceMixin, PersonalDataMixin, generics.ListCreateAPIView):
    """List the person's daily logs, newest date first, or add the log for a new day.

    Filters ``since`` and ``until`` are dates, both included. Posting a day that already
    has a log is a 400: change it at its own address instead. The one exception is a
    repeat: a POST with a ``client_id`` the person already used stores nothing and answers
    200 with the log stored the first time (whatever date the repeat names).
    """

    serializer_class = DailyLogSerializer
    pagination_class = PagePagination

    def get_queryset(self) -> QuerySet[DailyLog]:
        return DailyLog.objects.for_user(self.request.user)

    def filter_queryset(self, queryset: QuerySet[DailyLog]) -> QuerySet[DailyLog]:
        filters = DailyLogFilterSerializer(data=self.request.query_params.dict())
        filters.is_valid(raise_exception=True)
        wanted = filters.validated_data
        if "since" in wanted:
            queryset = queryset.filter(date__gte=wanted["since"])
        if "until" in wanted:
            queryset = queryset.filter(date__lte=wanted["until"])
        return queryset

    def perform_create(self, serializer: DailyLogSerializer) -> bool:
        try:
            with django_errors_as_drf():
                serializer.instance, created = daily_log_create_once(
                    user=self.request.user, **serializer.validated_data
                )
        except DayAlreadyLogged:
            raise serializers.ValidationError({"date": [DUPLICATE_DAY]}) from None
        return created


class DailyLogDetail(PersonalDataMixin, generics.RetrieveUpdateDestroyAPIView):
    """Read, change or delete the log of one day, addressed by its date (``YYYY-MM-DD``).

    A day without a log, or a date that does not exist, is a 404; create a log with POST
    to ``/api/daily-logs/``.
    """

    serializer_class = DailyLogUpdateSerializer
    lookup_field = "date"

    def get_queryset(self) -> QuerySet[DailyLog]:
        return DailyLog.objects.for_user(self.request.user)

    def perform_update(self, serializer: DailyLogUpdateSerializer) -> None:
        with django_errors_as_drf():
            serializer.instance, _created = daily_log_save(
                user=self.request.user, date=serializer.instance.date, **serializer.validated_data
            )

    def perform_destroy(self, instance: DailyLog) -> None:
        daily_log_delete(log=instance)

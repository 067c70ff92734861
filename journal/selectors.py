"""Reusable reads of the journal, in the person's own local days.

Plain functions over querysets: the pages, the API and the reports share them, so a "day"
means the same thing everywhere (midnight to midnight in the person's time zone).
"""

import datetime as dt
import itertools
import json
import zoneinfo
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from guidance import cache as guidance_cache
from guidance.models import Cause, ChecklistItem, EscalationCriterion, PlanStep
from journal import insights, triage
from journal.dates import in_range
from journal.models import DailyLog, Episode, Profile, zone_named


def local_range_bounds(
    profile: Profile, first_day: dt.date | None, last_day: dt.date | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The aware instants [start, end) covering the local days first_day..last_day.

    Either day may be None, which leaves that end open (None).
    """
    start = profile.day_bounds(first_day)[0] if first_day else None
    end = profile.day_bounds(last_day)[1] if last_day else None
    return start, end


class JournalVersion(NamedTuple):
    """A person's ``Profile.journal_version`` and time zone name, as read at one moment.

    Together they say whether anything cached from their journal still holds.
    """

    version: str
    time_zone: str


def journal_version(user) -> JournalVersion:
    """``user``'s journal version and time zone, read from the database now. One query.

    Never taken from a profile loaded earlier: that could predate a write. In SQL because
    cached answers outside a request ask it, and building the ORM query took three times
    as long as running it. Within a request, use ``request_journal_version``.
    """
    quote = connection.ops.quote_name
    table = quote(Profile._meta.db_table)
    # Table and column names come from model metadata; the id is a parameter.
    sql = f"SELECT {quote('journal_version')}, {quote('time_zone')} FROM {table}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} WHERE {quote('user_id')} = %s", [user.pk])
        row = cursor.fetchone()
    if row is None:
        raise Profile.DoesNotExist(f"No profile for user {user.pk}")
    return JournalVersion(row[0], row[1])


#: Requests that never write a journal: every journal write is a POST, PUT, PATCH or DELETE.
READ_ONLY_METHODS = frozenset({"GET", "HEAD"})


def request_journal_version(request) -> JournalVersion:
    """The signed-in person's journal version and time zone, as ``request`` must see them.

    A GET or HEAD request writes no journal, so the profile loaded with the person in this
    request is as current as a new read: the session backend (twitchcare.backends) and the
    token authentication (journal.api.common) load it in the same query as the user, and
    a user object lives for one request. Any other request may have written since it
    loaded the profile, so it reads the row again.
    """
    if request.method in READ_ONLY_METHODS:
        profile = request.user.profile
        return JournalVersion(profile.journal_version, profile.time_zone)
    return journal_version(request.user)


def episodes_per_day(user, first_day: dt.date, last_day: dt.date) -> list[tuple[dt.date, int]]:
    """How many episodes ``user`` recorded on each local day first_day..last_day (both included).

    Every day in the range is present, zeros included, oldest first. One query (plus the
    profile, if ``user.profile`` is not loaded yet) answering with a single row: for each
    local midnight after the first, how many of the range's episodes started before it.
    Days are the person's own (DST included) and no episode rows are sent back.

    Written in SQL because the ORM spelling (a filtered Count per day) took ten times as
    long to build as to run, and fetching every episode of the range instead costs one
    GIL hand-off per row on SQLite, which is what hurts under threaded servers.
    """
    profile = user.profile
    days = [first_day + dt.timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    bounds = [profile.day_bounds(day)[0] for day in days] + [profile.day_bounds(last_day)[1]]
    quote, adapt = connection.ops.quote_name, connection.ops.adapt_datetimefield_value
    started = quote("started_at")
    before_each = ", ".join(f"COUNT(CASE WHEN {started} < %s THEN 1 END)" for _ in bounds[1:])
    table = quote(Episode._meta.db_table)
    # Table and column names come from model metadata; every value is a parameter.
    sql = f"SELECT {before_each} FROM {table} WHERE {quote('user_id')} = %s"  # noqa: S608
    sql += f" AND {started} >= %s AND {started} < %s"
    params = [*(adapt(bound) for bound in bounds[1:]), user.pk, adapt(bounds[0]), adapt(bounds[-1])]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        before = cursor.fetchone()
    counts = [before[0], *(later - earlier for earlier, later in itertools.pairwise(before))]
    return list(zip(days, counts, strict=True))


def episodes_filtered(
    user,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    location: str = "",
    side: str = "",
) -> QuerySet[Episode]:
    """The person's episodes, newest first, narrowed by local date range, location and side.

    Empty values do not filter. Dates are the person's local days, both ends included.
    """
    start, end = local_range_bounds(user.profile, date_from, date_to)
    episodes = Episode.objects.for_user(user).between(start, end)
    if location:
        episodes = episodes.with_location(location)
    if side:
        episodes = episodes.on_side(side)
    return episodes.order_by("-started_at", "-id")


# --- Insights, the five-week plan and the daily checklist ------------------------------


#: How long computed insights are kept while the person's journal stays the same.
INSIGHTS_CACHE_SECONDS = 3600


def insights_for(
    user, *, days: int, now: dt.datetime | None = None, version: JournalVersion | None = None
) -> insights.Insights:
    """``user``'s insights over the last ``days`` local days ending today (``now``'s date).

    The page and the API both call this. The answer depends only on the journal, the time
    zone and today's date, so it is kept under exactly those. ``version`` is the journal
    version to check against (a request passes ``request_journal_version``); without it
    one query reads it. Three more when computed (the profile unless ``user.profile`` is
    loaded, the period's episodes, its daily logs). The counting is
    ``journal.insights.compute_insights``.
    """
    version = version or journal_version(user)
    today = (now or timezone.now()).astimezone(zone_named(version.time_zone)).date()
    key = f"insights:v1:{user.pk}:{version.version}:{version.time_zone}:{today.isoformat()}:{days}"
    result = cache.get(key)
    if not isinstance(result, insights.Insights):
        result = _compute_insights(user, user.profile, today=today, days=days)
        cache.set(key, result, timeout=INSIGHTS_CACHE_SECONDS)
    return result


def _compute_insights(user, profile: Profile, *, today: dt.date, days: int) -> insights.Insights:
    period = insights.Period.ending(today, days)
    start, end = local_range_bounds(profile, period.start, period.end)
    episodes = (
        Episode.objects.for_user(user)
        .between(start, end)
        .order_by()
        .values_list("started_at", "locations", "side", "triggers")
    )
    logs = (
        DailyLog.objects.for_user(user)
        .between_dates(period.start, period.end)
        .order_by()
        .values("date", *insights.FACTOR_FIELDS)
    )
    return insights.compute_insights(
        episodes=episodes, logs=logs, zone=profile.zone, today=today, days=days
    )


@dataclass(frozen=True)
class PlanWeek:
    """One week of the plan as the person sees it: its step, status and journal summary."""

    week: int
    status: str
    step: PlanStep | None  # None when the guidance has no published step for this week
    summary: insights.WeekSummary | None  # None for weeks to come


@dataclass(frozen=True)
class PlanOverview:
    today: dt.date
    progress: insights.PlanProgress | None  # None until the person starts the plan
    weeks: list[PlanWeek]

    @property
    def current(self) -> PlanWeek | None:
        """This week's entry; None before the start and after the end."""
        return next((w for w in self.weeks if w.status == insights.WeekStatus.CURRENT), None)


def plan_overview(user, *, now: dt.datetime | None = None) -> PlanOverview:
    """Where ``user`` is in the five-week plan and what their journal shows for each week.

    Four queries at most: profile, published plan steps, and (once started) the episodes and
    daily logs from the week before the start to today or the plan's end.
    """
    profile = user.profile
    today = profile.local_date(now)
    steps = {step.week: step for step in PlanStep.objects.published()}
    # A start outside the app's range (never stored by plan_start) reads as no plan.
    if profile.plan_started_on is None or not in_range(profile.plan_started_on):
        weeks = [
            PlanWeek(week, insights.WeekStatus.TO_COME, steps.get(week), None)
            for week in range(1, insights.PLAN_WEEKS + 1)
        ]
        return PlanOverview(today=today, progress=None, weeks=weeks)

    progress = insights.PlanProgress(started_on=profile.plan_started_on, today=today)
    first = progress.started_on - dt.timedelta(days=7)
    last = min(today, progress.week_last_day(insights.PLAN_WEEKS))
    start, end = local_range_bounds(profile, first, last)
    instants = (
        Episode.objects.for_user(user)
        .between(start, end)
        .order_by()
        .values_list("started_at", flat=True)
    )
    logs = (
        DailyLog.objects.for_user(user)
        .between_dates(first, last)
        .order_by()
        .values("date", *insights.FACTOR_FIELDS)
    )
    summaries = insights.plan_week_summaries(
        progress=progress,
        episode_dates=[profile.local_date(moment) for moment in instants],
        logs=logs,
        focus={week: step.focus_factors or [] for week, step in steps.items()},
    )
    by_week = {summary.week: summary for summary in summaries}
    weeks = [
        PlanWeek(week, progress.status(week), steps.get(week), by_week.get(week))
        for week in range(1, insights.PLAN_WEEKS + 1)
    ]
    return PlanOverview(today=today, progress=progress, weeks=weeks)


@dataclass(frozen=True)
class TodayChecklist:
    today: dt.date
    items: list[ChecklistItem]
    done: frozenset[str]
    streak: int

    @property
    def done_count(self) -> int:
        """Items on today's checklist that are ticked (a retired item's tick is not counted)."""
        return sum(1 for item in self.items if item.slug in self.done)


def _ticked_days(user, today: dt.date) -> dict[dt.date, list[str]]:
    """Days up to ``today`` with at least one checklist item ticked, and the slugs ticked."""
    rows = (
        DailyLog.objects.for_user(user)
        .filter(date__lte=today)
        .exclude(checklist_done=[])
        .order_by()
        .values_list("date", "checklist_done")
    )
    return {day: slugs for day, slugs in rows if slugs}


def checklist_streak(user, *, today: dt.date) -> int:
    """Days in a row up to ``today`` (or yesterday, if today has no tick yet) with a tick."""
    return insights.checklist_streak(_ticked_days(user, today), today)


def checklist_today(user, *, now: dt.datetime | None = None) -> TodayChecklist:
    """The published checklist, what ``user`` ticked on their local today, and their streak.

    Three queries at most: profile, checklist items, the logs with ticks.
    """
    today = user.profile.local_date(now)
    ticked = _ticked_days(user, today)
    return TodayChecklist(
        today=today,
        items=list(ChecklistItem.objects.published()),
        done=frozenset(ticked.get(today, [])),
        streak=insights.checklist_streak(ticked, today),
    )


# --- Triage -----------------------------------------------------------------------------------
# journal.triage decides; these load its inputs. journal.triage_cache keeps the answers: call
# its triage_for / triage_assessment rather than assess_triage, which always computes afresh.

#: Each ``CriterionConfig`` field and the ``EscalationCriterion`` field it is read from.
TRIAGE_CRITERION_FIELDS = {
    "code": "code", "title": "title", "explanation": "summary", "level": "level",
    "level_after_hours": "level_after_hours", "weight": "weight",
    "threshold_hours": "threshold_hours", "threshold_days": "threshold_days",
    "threshold_count": "threshold_count", "specialist": "specialist", "learn_more": "learn_more",
}  # fmt: skip


def _codes(value) -> tuple[str, ...]:
    # JSON lists of choice codes; anything else (never stored through the services) is empty.
    return tuple(item for item in value if isinstance(item, str)) if isinstance(value, list) else ()


def _codes_from_json(text: str | None) -> tuple[str, ...]:
    # Same result as JSONField's decoding followed by _codes: unreadable text is empty.
    if text is None:
        return ()
    try:
        return _codes(json.loads(text))
    except ValueError:
        return ()


def triage_episode_facts(user, *, now: dt.datetime) -> list[triage.EpisodeFacts]:
    """What triage needs of ``user``'s episodes from the window's start on. One query.

    Starts after the window's end (a clock far ahead) are included: ``assess`` ignores them,
    and ``unchanged_until`` needs them to know when they enter the window.
    Plain rows rather than model instances: triage reads six fields and never writes.
    The JSON lists are fetched as text and decoded here, once per distinct text: a person's
    episodes repeat the same few lists, and Django's per-value JSON converters were most of
    the cost of a 60-day window (measured: half the time on SQLite and PostgreSQL).
    """
    rows = (
        Episode.objects.for_user(user)
        .filter(started_at__gte=now - triage.WINDOW)
        .order_by()
        .values_list(
            "id",
            "started_at",
            Cast("locations", TextField()),
            "side",
            Cast("symptoms", TextField()),
            Cast("triggers", TextField()),
        )
    )
    decoded: dict[str | None, tuple[str, ...]] = {}

    def codes(text: str | None) -> tuple[str, ...]:
        if text not in decoded:
            decoded[text] = _codes_from_json(text)
        return decoded[text]

    return [
        triage.EpisodeFacts(
            id=pk,
            started_at=started_at,
            locations=codes(locations),
            side=side,
            symptoms=codes(symptoms),
            triggers=codes(triggers),
        )
        for pk, started_at, locations, side, symptoms, triggers in rows
    ]


def triage_criteria() -> list[triage.CriterionConfig]:
    """Every escalation criterion row, published or draft, in display order. One query.

    Status only decides whether a criterion's guidance page is public; a rule keeps
    protecting people while an editor reworks its words. A deleted row's rule does not apply.
    In SQL because building the ORM query took longer than running it. Triage reads them
    through ``current_triage_criteria``.
    """
    quote, meta = connection.ops.quote_name, EscalationCriterion._meta
    columns = ", ".join(
        quote(meta.get_field(name).column) for name in TRIAGE_CRITERION_FIELDS.values()
    )
    order = ", ".join(quote(meta.get_field(name).column) for name in ("order", "code"))
    # Table and column names come from model metadata; there are no values.
    sql = f"SELECT {columns} FROM {quote(meta.db_table)} ORDER BY {order}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    return [
        triage.CriterionConfig(**dict(zip(TRIAGE_CRITERION_FIELDS, row, strict=True)))
        for row in rows
    ]


def current_triage_criteria() -> list[triage.CriterionConfig]:
    """``triage_criteria()``, kept under the guidance content key (guidance.cache).

    An editor's change applies at once in the process that saved it and within a second
    in the others; one that bypasses model signals and ``updated_at`` within
    ``PAGE_TIMEOUT`` seconds. No query while it holds: every signed-in page (the banner)
    and every triage answer asks for the criteria.
    """
    key = f"triage:criteria:v1:{guidance_cache.content_key()}"
    criteria = cache.get(key)
    if criteria is None:
        criteria = triage_criteria()
        cache.set(key, criteria, guidance_cache.PAGE_TIMEOUT)
    return criteria


@dataclass(frozen=True)
class TriageAssessment:
    """A triage result with what the triage page shows beside it, and how long it holds.

    ``started`` maps each evidence episode's id to its start; ``triggers`` counts the
    triggers logged on the window's episodes (for the self-care causes). Nothing here may
    depend on the clock except through ``unchanged_until``.
    """

    result: triage.TriageResult
    unchanged_until: dt.datetime
    started: dict[int, dt.datetime]
    triggers: dict[str, int]


def assess_triage(
    user,
    *,
    now: dt.datetime,
    zone: zoneinfo.ZoneInfo,
    criteria: list[triage.CriterionConfig],
) -> TriageAssessment:
    """``user``'s triage at ``now``, computed afresh from their episodes. One query.

    Others' episodes never count: only ``user``'s are loaded. The onset date is read from
    ``user.profile`` (loaded with the user in a request).
    """
    facts = triage_episode_facts(user, now=now)
    began_on = user.profile.twitch_began_on
    result = triage.assess(facts, criteria, now=now, tz=zone, began_on=began_on)
    evidence = {pk for matched in result.criteria for pk in matched.evidence}
    first, last = now - triage.WINDOW, now + triage.FUTURE_GRACE
    in_window = [fact for fact in facts if first <= fact.started_at <= last]
    return TriageAssessment(
        result=result,
        unchanged_until=triage.unchanged_until(facts, criteria, now=now, tz=zone),
        started={fact.id: fact.started_at for fact in in_window if fact.id in evidence},
        triggers=dict(Counter(trigger for fact in in_window for trigger in fact.triggers)),
    )


@dataclass(frozen=True)
class SelfCareGuidance:
    """What a self-care result points to: this week's plan step, today's checklist, causes."""

    week: int
    plan_started: bool
    plan_step: PlanStep | None
    checklist: TodayChecklist
    causes: list[Cause]


def self_care_guidance(
    user, *, triggers: dict[str, int], now: dt.datetime | None = None, causes: int = 3
) -> SelfCareGuidance:
    """The guidance behind a self-care result for ``user``.

    The plan week follows ``profile.plan_started_on`` (week 1 before the plan starts). The
    causes are the published ones whose journal trigger ``user`` logged most often
    (``triggers``: how often each was logged in the triage window), most logged first, at
    most ``causes``. Four queries at most: plan step, causes, and the checklist's two.
    """
    profile = user.profile
    today = profile.local_date(now)
    week = 1
    if profile.plan_started_on:
        week = insights.PlanProgress(started_on=profile.plan_started_on, today=today).week
    logged = Counter(triggers)
    matching = Cause.objects.published().filter(trigger__in=list(logged)) if logged else []
    ranked = sorted(matching, key=lambda cause: (-logged[cause.trigger], cause.order, cause.title))
    return SelfCareGuidance(
        week=week,
        plan_started=profile.plan_started_on is not None,
        plan_step=PlanStep.objects.published().filter(week=week).first(),
        checklist=checklist_today(user, now=now),
        causes=ranked[:causes],
    )

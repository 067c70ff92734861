"""Reusable reads of the journal, in the person's own local days.

Plain functions over querysets: the pages, the API and the reports share them, so a "day"
means the same thing everywhere (midnight to midnight in the person's time zone).
"""

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, QuerySet, TextField
from django.db.models.functions import Cast, TruncDate
from django.utils import timezone

from guidance.models import Cause, ChecklistItem, EscalationCriterion, PlanStep
from journal import insights, plan, triage
from journal.dates import in_range
from journal.models import DailyLog, Episode, Profile


def local_range_bounds(
    profile: Profile, first_day: dt.date | None, last_day: dt.date | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The aware instants [start, end) covering the local days first_day..last_day.

    Either day may be None, which leaves that end open (None).
    """
    start = profile.day_bounds(first_day)[0] if first_day else None
    end = profile.day_bounds(last_day)[1] if last_day else None
    return start, end


def episodes_per_day(user, first_day: dt.date, last_day: dt.date) -> list[tuple[dt.date, int]]:
    """How many episodes ``user`` recorded on each local day first_day..last_day (both included).

    Every day in the range is present, zeros included, oldest first. One query (plus the
    profile, if ``user.profile`` is not loaded yet), grouped by the person's local day in
    the database, so no episode rows are sent back. Days are the person's own, DST included.
    """
    profile = user.profile
    start, end = local_range_bounds(profile, first_day, last_day)
    counts = dict(
        Episode.objects.for_user(user)
        .between(start, end)
        .order_by()
        .annotate(day=TruncDate("started_at", tzinfo=profile.zone))
        .values("day")
        .annotate(count=Count("id"))
        .values_list("day", "count")
    )
    days = (first_day + dt.timedelta(days=n) for n in range((last_day - first_day).days + 1))
    return [(day, counts.get(day, 0)) for day in days]


def daily_logs_on(user, days: Iterable[dt.date]) -> dict[dt.date, DailyLog]:
    """``user``'s daily logs for ``days``, by date. One query, whatever the number of days."""
    return {log.date: log for log in DailyLog.objects.for_user(user).filter(date__in=list(days))}


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


def insights_for(user, *, days: int, now: dt.datetime | None = None) -> insights.Insights:
    """``user``'s insights over the last ``days`` local days ending today (``now``'s date).

    The page and the API both call this. Two queries (the period's episodes and daily logs),
    plus the profile unless ``user.profile`` is loaded. The counting is
    ``journal.insights.compute_insights``.
    """
    profile = user.profile
    today = profile.local_date(now)
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
    summary: plan.WeekSummary | None  # None for weeks to come


@dataclass(frozen=True)
class PlanOverview:
    today: dt.date
    progress: plan.PlanProgress | None  # None until the person starts the plan
    weeks: list[PlanWeek]

    @property
    def current(self) -> PlanWeek | None:
        """This week's entry; None before the start and after the end."""
        return next((w for w in self.weeks if w.status == plan.WeekStatus.CURRENT), None)


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
            PlanWeek(week, plan.WeekStatus.TO_COME, steps.get(week), None)
            for week in range(1, plan.PLAN_WEEKS + 1)
        ]
        return PlanOverview(today=today, progress=None, weeks=weeks)

    progress = plan.PlanProgress(started_on=profile.plan_started_on, today=today)
    first = progress.started_on - dt.timedelta(days=7)
    last = min(today, progress.week_last_day(plan.PLAN_WEEKS))
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
    summaries = plan.plan_week_summaries(
        progress=progress,
        episode_dates=[profile.local_date(moment) for moment in instants],
        logs=logs,
        focus={week: step.focus_factors or [] for week, step in steps.items()},
    )
    by_week = {summary.week: summary for summary in summaries}
    weeks = [
        PlanWeek(week, progress.status(week), steps.get(week), by_week.get(week))
        for week in range(1, plan.PLAN_WEEKS + 1)
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
    return plan.checklist_streak(_ticked_days(user, today), today)


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
        streak=plan.checklist_streak(ticked, today),
    )


# --- Triage -----------------------------------------------------------------------------------
# journal.triage decides; these load its inputs from the database on every call.

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

    Plain rows rather than model instances: triage reads six fields and never writes.
    The JSON lists are fetched as text and decoded here, once per distinct text: a person's
    episodes repeat the same few lists, and Django's per-value JSON converters were most of
    the cost of a 60-day window (measured: half the time on SQLite and PostgreSQL).
    """
    rows = (
        Episode.objects.for_user(user)
        .filter(started_at__gte=now - triage.WINDOW, started_at__lte=now + triage.FUTURE_GRACE)
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
    Read on every assessment, so an editor's change applies to the next request.
    """
    rows = EscalationCriterion.objects.order_by("order", "code").values_list(
        *TRIAGE_CRITERION_FIELDS.values()
    )
    return [
        triage.CriterionConfig(**dict(zip(TRIAGE_CRITERION_FIELDS, row, strict=True)))
        for row in rows
    ]


@dataclass(frozen=True)
class TriageAssessment:
    """A triage result with what the triage page shows beside it.

    ``started`` maps each evidence episode's id to its start; ``triggers`` counts the
    triggers logged on the window's episodes (for the self-care causes).
    """

    result: triage.TriageResult
    started: dict[int, dt.datetime]
    triggers: dict[str, int]


def triage_assessment(user, *, now: dt.datetime | None = None) -> TriageAssessment:
    """``user``'s triage at ``now`` (default: now), computed from the database. Two queries
    (the criteria, the window's episodes), plus the profile unless ``user.profile`` is loaded.

    Others' episodes never count: only ``user``'s are loaded. The onset date is read from
    ``user.profile`` (loaded with the user in a request).
    """
    now = (now or timezone.now()).astimezone(dt.UTC)
    facts = triage_episode_facts(user, now=now)
    profile = user.profile
    result = triage.assess(
        facts, triage_criteria(), now=now, tz=profile.zone, began_on=profile.twitch_began_on
    )
    evidence = {pk for matched in result.criteria for pk in matched.evidence}
    return TriageAssessment(
        result=result,
        started={fact.id: fact.started_at for fact in facts if fact.id in evidence},
        triggers=dict(Counter(trigger for fact in facts for trigger in fact.triggers)),
    )


def triage_for(user, *, now: dt.datetime | None = None) -> triage.TriageResult:
    """``user``'s triage result at ``now`` (default: now). See ``triage_assessment``."""
    return triage_assessment(user, now=now).result


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
        week = plan.PlanProgress(started_on=profile.plan_started_on, today=today).week
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

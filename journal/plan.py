"""The five-week plan and the daily checklist streak: plain arithmetic, no database.

``journal.selectors`` loads plain values (the person's local dates, daily-log mappings as
``DailyLog.objects.values(...)`` gives them, each week's focus factors from
``guidance.PlanStep``) and passes them in; the functions here count, so every figure the
plan page shows can be checked by hand in a test. A plan week's factors are described by
``journal.insights.FACTOR_RULES`` (what counts as a bad day, in words).
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from journal.insights import DAY, RULES_BY_FACTOR, FactorRule

PLAN_WEEKS = 5


class WeekStatus:
    DONE = "done"
    CURRENT = "current"
    TO_COME = "to_come"


@dataclass(frozen=True)
class PlanProgress:
    """Where a person is in the five-week plan they started on ``started_on``.

    ``week`` is ``(today - started_on).days // 7 + 1``, at least 1 (a start date later than
    today, after a change of time zone, still reads as week 1) and capped at 5. ``finished``
    is true from day 35 on, i.e. once all five weeks have passed.
    """

    started_on: dt.date
    today: dt.date

    @property
    def day_number(self) -> int:
        """Days since the start: 0 on the first day."""
        return max(0, (self.today - self.started_on).days)

    @property
    def week(self) -> int:
        return min(PLAN_WEEKS, self.day_number // 7 + 1)

    @property
    def finished(self) -> bool:
        return self.day_number >= 7 * PLAN_WEEKS

    def week_first_day(self, week: int) -> dt.date:
        return self.started_on + dt.timedelta(days=7 * (week - 1))

    def week_last_day(self, week: int) -> dt.date:
        return self.week_first_day(week) + dt.timedelta(days=6)

    def status(self, week: int) -> str:
        if self.finished or week < self.week:
            return WeekStatus.DONE
        if week == self.week:
            return WeekStatus.CURRENT
        return WeekStatus.TO_COME


@dataclass(frozen=True)
class FactorAverage:
    """A factor's average per logged day in a plan week and in the 7 days before it."""

    rule: FactorRule
    average: float | None
    days: int
    previous_average: float | None
    previous_days: int


@dataclass(frozen=True)
class WeekSummary:
    """What the journal shows for one plan week that has begun, and for the week before it.

    ``days_so_far`` is 7 for a past week and fewer for the current one, so "this week so
    far" is never mistaken for a whole week. ``days_logged`` counts days with a daily log or
    at least one episode.
    """

    week: int
    first_day: dt.date
    last_day: dt.date
    days_so_far: int
    days_logged: int
    episodes: int
    previous_episodes: int
    previous_days_logged: int
    averages: list[FactorAverage]


def _average(values: list[Any]) -> float | None:
    return round(sum(float(v) for v in values) / len(values), 1) if values else None


def plan_week_summaries(
    *,
    progress: PlanProgress,
    episode_dates: Iterable[dt.date],
    logs: Iterable[Mapping[str, Any]],
    focus: Mapping[int, Sequence[str]],
) -> list[WeekSummary]:
    """One summary per plan week that has begun (weeks to come are left out).

    ``episode_dates`` are the local dates of the person's episodes; ``logs`` are daily-log
    mappings as for ``compute_insights``; ``focus`` maps a week to its focus factors (unknown
    field names are skipped). The week before week 1 is the 7 days before the plan started.
    Averages are per logged day, to one decimal place, None when no day recorded the factor.
    """
    per_day = Counter(episode_dates)
    log_by_day = {log["date"]: log for log in logs}

    def window(first: dt.date, last: dt.date) -> list[dt.date]:
        last = min(last, progress.today)
        return [first + n * DAY for n in range((last - first).days + 1)]

    def stats(days: list[dt.date]) -> tuple[int, int]:
        episodes = sum(per_day[day] for day in days)
        logged = sum(1 for day in days if per_day[day] or day in log_by_day)
        return episodes, logged

    def values(days: list[dt.date], factor: str) -> list[Any]:
        return [
            log_by_day[day][factor]
            for day in days
            if day in log_by_day and log_by_day[day].get(factor) is not None
        ]

    summaries = []
    for week in range(1, PLAN_WEEKS + 1):
        first = progress.week_first_day(week)
        if first > progress.today:
            break
        this = window(first, progress.week_last_day(week))
        before = window(first - 7 * DAY, first - DAY)
        episodes, logged = stats(this)
        previous_episodes, previous_logged = stats(before)
        averages = []
        for factor in focus.get(week, ()):
            if factor not in RULES_BY_FACTOR:
                continue
            now_values, before_values = values(this, factor), values(before, factor)
            averages.append(
                FactorAverage(
                    rule=RULES_BY_FACTOR[factor],
                    average=_average(now_values),
                    days=len(now_values),
                    previous_average=_average(before_values),
                    previous_days=len(before_values),
                )
            )
        summaries.append(
            WeekSummary(
                week=week,
                first_day=first,
                last_day=progress.week_last_day(week),
                days_so_far=len(this),
                days_logged=logged,
                episodes=episodes,
                previous_episodes=previous_episodes,
                previous_days_logged=previous_logged,
                averages=averages,
            )
        )
    return summaries


# --- The daily checklist streak -------------------------------------------------------


def checklist_streak(ticked_days: Iterable[dt.date], today: dt.date) -> int:
    """Consecutive local days with at least one checklist item ticked, ending today.

    When today has nothing ticked yet the run may end yesterday instead: the day is not
    over, so an unticked morning does not break yesterday's streak. Days after today are
    ignored. 0 when neither today nor yesterday has a tick.
    """
    ticked = {day for day in ticked_days if day <= today}
    day = today if today in ticked else today - DAY
    streak = 0
    while day in ticked:
        streak += 1
        day -= DAY
    return streak

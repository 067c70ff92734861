"""The doctor report: what a person's journal says about a range of their local days.

``build_report`` is pure arithmetic over the episodes and daily logs it is given (the view
loads them with one query each), so the page, the PDF and the tests all see the same figures.
``episodes_chart`` lays out the episodes-per-day bar chart; the template
``journal/includes/report_chart.html`` draws it as SVG, which the page shows inline and
WeasyPrint draws into the PDF. The report's CSV is written by ``journal.csv_export``.

A doctor reads the first page in a minute: a clinical summary (who, when it began, episodes
per week, where and which side, signs, the triage result). The detail follows, kept short
for long ranges: a weekly table, and every episode only up to ``EVERY_EPISODE_LIMIT`` of
them; beyond that the ``NOTABLE_LIMIT`` notable ones (those with other signs first, then the
strongest). The CSV holds every episode.
"""

import datetime as dt
import statistics
import zoneinfo
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError

from guidance.safety import REPORT_LEVEL_HEADINGS, SPECIALIST_WORDS
from journal.dates import format_duration, local_time
from journal.models import (
    DailyLog,
    Episode,
    Location,
    Side,
    Symptom,
    Trigger,
)
from journal.triage import EMERGENCY, LEVELS, URGENT
from twitchcare.vocabulary import FACTORS

DEFAULT_RANGE_DAYS = 30
MAX_RANGE_DAYS = 366
#: Up to this many episodes the report lists each one; beyond it, only the notable ones.
EVERY_EPISODE_LIMIT = 40
NOTABLE_LIMIT = 30
#: Up to this many daily logs (a month) the report lists them day by day; beyond, averages only.
DAY_BY_DAY_LIMIT = 31

#: The self-report notice shown on the page and at the foot of every PDF page.
SELF_REPORTED = "Self-reported by the patient — not a clinical record"


# --- The date range ---------------------------------------------------------------------


@dataclass(frozen=True)
class DateRange:
    """Local days ``first`` to ``last``, both included."""

    first: dt.date
    last: dt.date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def dates(self) -> list[dt.date]:
        return [self.first + dt.timedelta(days=n) for n in range(self.days)]

    def bounds(self, zone: zoneinfo.ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
        """The aware instants where ``first`` starts and the day after ``last`` starts."""
        start = dt.datetime.combine(self.first, dt.time.min, tzinfo=zone)
        end = dt.datetime.combine(self.last + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        return start, end

    def slug(self) -> str:
        """The range as it appears in download file names: 2026-10-25-to-2026-11-24."""
        return f"{self.first.isoformat()}-to-{self.last.isoformat()}"


def default_range(today: dt.date) -> DateRange:
    """The last 30 local days, today included."""
    return DateRange(today - dt.timedelta(days=DEFAULT_RANGE_DAYS - 1), today)


def check_range(first: dt.date, last: dt.date) -> DateRange:
    """Return the range, or raise ``ValidationError`` with a message a person can act on."""
    if first > last:
        raise ValidationError(
            "The start date is after the end date. Pick a start date on or before the end date.",
            code="start_after_end",
        )
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        raise ValidationError(
            "That is more than a year. Pick a range of at most %(max)s days.",
            code="too_long",
            params={"max": MAX_RANGE_DAYS},
        )
    return DateRange(first, last)


# --- The report ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    code: str
    label: str
    count: int


@dataclass(frozen=True)
class DayCount:
    date: dt.date
    count: int


@dataclass(frozen=True)
class EpisodeRow:
    """One episode as the report shows it, in the person's local time."""

    id: int
    started_local: dt.datetime
    duration_seconds: int | None
    duration: str
    locations: list[str]
    side: str
    intensity: int | None
    triggers: list[str]
    symptoms: list[str]
    notes: str


@dataclass(frozen=True)
class FactorSummary:
    """The average of one daily factor over the days that recorded it."""

    name: str
    label: str
    unit: str
    average: Decimal | None
    days: int


@dataclass(frozen=True)
class Summary:
    range_days: int
    episodes: int
    twitch_days: int
    days_logged: int
    average_intensity: Decimal | None
    intensity_known: int
    median_duration_seconds: float | None
    total_duration_seconds: int
    duration_known: int
    top_locations: list[Count]
    sides: list[Count]

    @property
    def episodes_per_week(self) -> Decimal:
        """Episodes per 7 days over the whole range, to one decimal place."""
        return (Decimal(self.episodes * 7) / self.range_days).quantize(ONE_PLACE)

    @property
    def median_duration(self) -> str:
        if self.median_duration_seconds is None:
            return "unknown"
        return format_duration(round(self.median_duration_seconds))

    @property
    def total_duration(self) -> str:
        return format_duration(self.total_duration_seconds) if self.duration_known else "unknown"


@dataclass(frozen=True)
class WeekRow:
    """One week of the range (the last may be shorter): local days ``first`` to ``last``."""

    first: dt.date
    last: dt.date
    episodes: int
    twitch_days: int
    average_intensity: Decimal | None
    total_duration_seconds: int
    duration_known: int

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def total_duration(self) -> str:
        if not self.duration_known:
            return "\N{EN DASH}"
        return format_duration(self.total_duration_seconds)


@dataclass(frozen=True)
class Report:
    range: DateRange
    time_zone: str
    summary: Summary
    per_day: list[DayCount]
    weeks: list[WeekRow]
    #: The episodes the detail table lists: every one, or only the notable ones.
    episodes: list[EpisodeRow]
    shows_every_episode: bool
    signs: list[Count]
    triggers: list[Count]
    factors: list[FactorSummary]
    daily_logs: list[DailyLog] = field(default_factory=list)
    #: When the person says the twitching began (``Profile.twitch_began_on``); None: not said.
    twitch_began_on: dt.date | None = None

    @property
    def chart(self) -> "Chart":
        return episodes_chart(self.per_day)

    @property
    def shows_day_by_day(self) -> bool:
        return len(self.daily_logs) <= DAY_BY_DAY_LIMIT


ONE_PLACE = Decimal("0.1")


def _average(values: Sequence) -> Decimal | None:
    if not values:
        return None
    return (sum(Decimal(v) for v in values) / len(values)).quantize(ONE_PLACE)


def _counts(values: Iterable[str], labels: dict[str, str]) -> list[Count]:
    """Counts of codes, most first, then in the order the choices are declared."""
    order = {code: n for n, code in enumerate(labels)}
    counter = Counter(values)
    return [
        Count(code, labels.get(code, code), n)
        for code, n in sorted(counter.items(), key=lambda item: (-item[1], order.get(item[0], 99)))
    ]


def _weeks(date_range: DateRange, episodes: Sequence[EpisodeRow]) -> list[WeekRow]:
    """Seven-day weeks from the range's first day; the last week ends with the range."""
    by_week: dict[int, list[EpisodeRow]] = {}
    for row in episodes:
        by_week.setdefault((row.started_local.date() - date_range.first).days // 7, []).append(row)
    weeks = []
    for index in range((date_range.days + 6) // 7):
        first = date_range.first + dt.timedelta(days=7 * index)
        rows = by_week.get(index, [])
        intensities = [row.intensity for row in rows if row.intensity is not None]
        durations = [row.duration_seconds for row in rows if row.duration_seconds is not None]
        weeks.append(
            WeekRow(
                first=first,
                last=min(first + dt.timedelta(days=6), date_range.last),
                episodes=len(rows),
                twitch_days=len({row.started_local.date() for row in rows}),
                average_intensity=_average(intensities),
                total_duration_seconds=sum(durations),
                duration_known=len(durations),
            )
        )
    return weeks


def notable_episodes(rows: Sequence[EpisodeRow], limit: int = NOTABLE_LIMIT) -> list[EpisodeRow]:
    """At most ``limit`` episodes a doctor should see, oldest first.

    Chosen in this order: episodes with other signs, then the strongest (unrated last),
    then the latest.
    """
    ranked = sorted(
        rows,
        key=lambda row: (
            not row.symptoms,
            -(row.intensity or 0),
            -row.started_local.timestamp(),
        ),
    )
    return sorted(ranked[:limit], key=lambda row: (row.started_local, row.id))


def build_report(
    *,
    episodes: Iterable[Episode],
    daily_logs: Iterable[DailyLog],
    date_range: DateRange,
    zone: zoneinfo.ZoneInfo,
    twitch_began_on: dt.date | None = None,
) -> Report:
    """Summarise the episodes and daily logs of ``date_range`` (the caller filters by range).

    Figures, all over the person's local days:
    - episodes per week: episodes x 7 / days in the range; the weekly table counts seven-day
      weeks from the range's first day;
    - twitch days: days with at least one episode; days logged: days with an episode or a
      daily log;
    - average intensity and the duration figures use only the episodes where the person
      recorded them, and say how many that was;
    - locations and sides count episodes (an episode on the eyelid and cheek counts once
      for each); signs and triggers likewise;
    - each factor's average is over the days whose log recorded that factor;
    - the episode table lists every episode up to ``EVERY_EPISODE_LIMIT``, else the
      ``notable_episodes``.
    """
    episodes = sorted(episodes, key=lambda e: (e.started_at, e.pk))
    logs = sorted(
        (log for log in daily_logs if date_range.first <= log.date <= date_range.last),
        key=lambda log: log.date,
    )
    location_labels = dict(Location.choices)
    side_labels = dict(Side.choices)
    symptom_labels = dict(Symptom.choices)
    trigger_labels = dict(Trigger.choices)

    rows: list[EpisodeRow] = []
    per_day: Counter[dt.date] = Counter()
    for episode in episodes:
        local = local_time(episode.started_at, zone)
        per_day[local.date()] += 1
        rows.append(
            EpisodeRow(
                id=episode.pk,
                started_local=local,
                duration_seconds=episode.duration_seconds,
                duration=format_duration(episode.duration_seconds),
                locations=[location_labels.get(c, c) for c in episode.locations],
                side=side_labels.get(episode.side, episode.side),
                intensity=episode.intensity,
                triggers=[trigger_labels.get(c, c) for c in episode.triggers],
                symptoms=[symptom_labels.get(c, c) for c in episode.symptoms],
                notes=episode.notes,
            )
        )

    intensities = [e.intensity for e in episodes if e.intensity is not None]
    durations = [e.duration_seconds for e in episodes if e.duration_seconds is not None]
    twitch_days = {day for day, n in per_day.items() if n}
    summary = Summary(
        range_days=date_range.days,
        episodes=len(episodes),
        twitch_days=len(twitch_days),
        days_logged=len(twitch_days | {log.date for log in logs}),
        average_intensity=_average(intensities),
        intensity_known=len(intensities),
        median_duration_seconds=statistics.median(durations) if durations else None,
        total_duration_seconds=sum(durations),
        duration_known=len(durations),
        top_locations=_counts((c for e in episodes for c in e.locations), location_labels),
        sides=_counts((e.side for e in episodes), side_labels),
    )

    factors = []
    for factor in FACTORS:
        values = [getattr(log, factor.name) for log in logs]
        values = [value for value in values if value is not None]
        factors.append(
            FactorSummary(factor.name, factor.title, factor.unit, _average(values), len(values))
        )

    every = len(rows) <= EVERY_EPISODE_LIMIT
    return Report(
        range=date_range,
        time_zone=zone.key,
        summary=summary,
        per_day=[DayCount(day, per_day[day]) for day in date_range.dates()],
        weeks=_weeks(date_range, rows),
        episodes=rows if every else notable_episodes(rows),
        shows_every_episode=every,
        twitch_began_on=twitch_began_on,
        signs=_counts((c for e in episodes for c in e.symptoms), symptom_labels),
        triggers=_counts((c for e in episodes for c in e.triggers), trigger_labels),
        factors=factors,
        daily_logs=logs,
    )


# --- The triage result, as the report shows it --------------------------------------------


def triage_words(level: str) -> str:
    """A level in words a doctor and a patient both read the same way (guidance.safety)."""
    return REPORT_LEVEL_HEADINGS.get(level, level.replace("_", " ").capitalize())


def triage_card_class(level: str) -> str:
    """The care-card style for a level (static/css/app.css)."""
    return f"care-card--{(level if level in LEVELS else 'no_data').replace('_', '-')}"


@dataclass(frozen=True)
class TriageReason:
    title: str
    level: str
    level_words: str
    explanation: str
    note: str
    episodes: int


@dataclass(frozen=True)
class TriageSection:
    """The triage result (``journal.triage.TriageResult``) in the report's words."""

    level: str
    level_words: str
    card_class: str
    assessed_at: dt.datetime
    window_days: int
    reasons: list[TriageReason]
    specialist: str
    disclaimer: str
    seen_on: dt.date | None = None  # "I have been seen about this", shown when urgent or above


def triage_section(
    result, zone: zoneinfo.ZoneInfo, seen_at: dt.datetime | None = None
) -> TriageSection:
    """Reword a triage result for the report: each matched criterion becomes a reason.

    ``seen_at`` is when the person recorded being seen about it; shown beside an urgent or
    emergency result (the result itself stays what it is).
    """
    seen = seen_at is not None and result.level in (URGENT, EMERGENCY)
    return TriageSection(
        seen_on=seen_at.astimezone(zone).date() if seen else None,
        level=result.level,
        level_words=triage_words(result.level),
        card_class=triage_card_class(result.level),
        assessed_at=local_time(result.assessed_at, zone),
        window_days=result.window_days,
        reasons=[
            TriageReason(
                title=criterion.title,
                level=criterion.level,
                level_words=triage_words(criterion.level),
                explanation=criterion.explanation,
                note=getattr(criterion, "note", ""),
                episodes=len(criterion.evidence),
            )
            for criterion in result.criteria
        ],
        # The GP comes first (see_doctor and urgent); this names the specialist to refer to.
        specialist=""
        if result.specialist == "gp"
        else SPECIALIST_WORDS.get(result.specialist or "", ""),
        disclaimer=result.disclaimer,
    )


# --- The chart ----------------------------------------------------------------------------

CHART_WIDTH = 520
CHART_HEIGHT = 220


def _nice_top(value: int) -> int:
    """The smallest 'round' axis top at or above ``value`` (at least 1)."""
    for top in (1, 2, 4, 5, 10, 15, 20, 25, 30, 40, 50, 75, 100):
        if value <= top:
            return top
    return (value + 49) // 50 * 50


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    title: str


@dataclass(frozen=True)
class AxisText:
    x: float
    y: float
    text: str
    anchor: str = "middle"


@dataclass(frozen=True)
class GridLine:
    y: float
    value: int

    @property
    def label_y(self) -> float:
        return round(self.y + 4, 1)


@dataclass(frozen=True)
class Chart:
    """The episodes-per-day bar chart, laid out: every coordinate ready for the template."""

    width: int
    height: int
    left: int
    right: int
    baseline: float
    summary: str
    bars: list[Bar]
    grid: list[GridLine]
    dates: list[AxisText]


def episodes_chart(per_day: Sequence[DayCount]) -> Chart:
    """Lay out the bar chart of episodes per day that ``report_chart.html`` draws as SVG.

    One bar per day with episodes, on a 'round' scale; the first and last day and a few
    between are labelled, the end labels hugging the plot's edges so they are never cut off.
    Each bar's title gives its date and count, for pointers and screen readers.
    """
    left, right, top, bottom = 36, 10, 12, 28
    plot_w = CHART_WIDTH - left - right
    plot_h = CHART_HEIGHT - top - bottom
    baseline = top + plot_h
    n = max(len(per_day), 1)
    highest = max((d.count for d in per_day), default=0)
    axis_top = _nice_top(highest)
    slot = plot_w / n
    bar_w = max(slot * 0.75, 0.5)

    if per_day:
        total = sum(d.count for d in per_day)
        summary = (
            f"Episodes per day from {per_day[0].date:%-d %B %Y} to {per_day[-1].date:%-d %B %Y}: "
            f"{total} in all, at most {highest} on one day."
        )
    else:
        summary = "No days to show."

    ticks = sorted({0, axis_top // 2, axis_top}) if axis_top > 1 else [0, 1]
    grid = [GridLine(round(baseline - plot_h * tick / axis_top, 1), tick) for tick in ticks]
    bars = []
    for index, day in enumerate(per_day):
        if day.count:
            height = plot_h * day.count / axis_top
            noun = "episode" if day.count == 1 else "episodes"
            bars.append(
                Bar(
                    x=round(left + index * slot + (slot - bar_w) / 2, 2),
                    y=round(baseline - height, 2),
                    width=round(bar_w, 2),
                    height=round(height, 2),
                    title=f"{day.date:%-d %b %Y}: {day.count} {noun}",
                )
            )
    label_every = max(1, round(n / 5))
    indexes = set(range(0, n, label_every)) | {n - 1}
    # Drop a label that would crowd the last one.
    indexes = {i for i in indexes if i == n - 1 or n - 1 - i >= label_every}
    dates = []
    for index in sorted(i for i in indexes if i < len(per_day)):
        anchor = "middle"
        if n > 1 and index == 0:
            anchor = "start"
        elif n > 1 and index == n - 1:
            anchor = "end"
        x = round(left + index * slot + slot / 2, 1)
        dates.append(AxisText(x, baseline + 20, f"{per_day[index].date:%-d %b}", anchor))
    return Chart(
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        left=left,
        right=CHART_WIDTH - right,
        baseline=baseline,
        summary=summary,
        bars=bars,
        grid=grid,
        dates=dates,
    )

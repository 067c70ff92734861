"""Insights: plain arithmetic, no database (the five-week plan and the streak: ``journal.plan``).

``journal.selectors`` loads plain values and passes them in; the functions here count. Keeping
the counting pure means every figure a person sees can be checked by hand in a test.

Inputs
- Episodes: ``(started_at, locations, side, triggers)`` tuples (``EpisodeRow`` or any tuple
  in that order); ``started_at`` is an aware datetime.
- Daily logs: mappings with ``"date"`` and the factor fields (``sleep_hours``, ...), as
  ``DailyLog.objects.values(...)`` gives them. A factor that is ``None`` was not recorded.
- The person's time zone and their local "today".

Conventions (SPEC, Journal > Insights)
- Days are the person's local days. An episode belongs to the local date of its
  ``started_at`` in their zone (23:30 in Auckland is that Auckland day, not the UTC day).
- The period is the last N local days ending today: ``start = today - (N - 1)``,
  ``end = today``, both included.
- Sleep: a day's sleep is the night before it. The daily log for date D records "hours of
  sleep last night", i.e. the night before D, so its ``sleep_hours`` already belongs to D and
  nothing is shifted.
- A factor's days are the days in the period whose log records that factor (not null). A
  twitch day is a day with at least one episode. A comparison has enough data when both the
  bad days and the other days number at least 3.
- Rates are twitch days / days, a fraction from 0 to 1 rounded to 4 decimal places (enough
  for a percentage to two decimals), and ``None`` where there are no days.
- How many, not only whether: a factor day's count is its number of episodes (0 included).
  ``bad_episodes_per_day`` and ``other_episodes_per_day`` are the mean counts (``None`` with
  no days); ``difference`` is bad minus other and ``interval`` the 95% Welch two-sample t
  confidence interval for it (Welch-Satterthwaite degrees of freedom, from scipy), both
  ``None`` unless the comparison has enough data. ``verdict`` reads the interval: ``more``
  when it lies wholly above 0, ``fewer`` wholly below, else ``no_clear_difference``; and
  ``not_enough_data`` unless both groups have at least 3 days. The API gives these figures
  rounded to 4 decimal places; the verdict is read from the unrounded interval.
"""

import datetime as dt
import math
import operator
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from scipy import special

from journal.models import Location, Side
from twitchcare.vocabulary import FACTORS_BY_NAME

DAY = dt.timedelta(days=1)

#: The periods a person can look at, in days.
PERIOD_CHOICES: tuple[int, ...] = (30, 60, 90)
DEFAULT_DAYS = 30
#: Fewer bad days (or other days) than this and a comparison says "not enough data yet".
MIN_DAYS_TO_COMPARE = 3
RATE_DECIMALS = 4
#: The confidence level of a factor's ``interval``.
CONFIDENCE = 0.95


class InvalidDays(ValueError):
    """The period asked for is not one of ``PERIOD_CHOICES``."""

    message = "Choose 30, 60 or 90 days."


def parse_days(raw: str | None) -> int:
    """The period length from a query string value.

    Missing (``None``) means ``DEFAULT_DAYS``. Anything other than exactly "30", "60" or "90"
    (an empty value too) raises ``InvalidDays``.
    """
    if raw is None:
        return DEFAULT_DAYS
    if raw not in {str(days) for days in PERIOD_CHOICES}:
        raise InvalidDays(InvalidDays.message)
    return int(raw)


@dataclass(frozen=True)
class Period:
    """The local days ``start``..``end``, both included."""

    days: int
    start: dt.date
    end: dt.date

    @classmethod
    def ending(cls, today: dt.date, days: int) -> "Period":
        """The last ``days`` local days, today included."""
        return cls(days=days, start=today - dt.timedelta(days=days - 1), end=today)

    def dates(self) -> list[dt.date]:
        return [self.start + n * DAY for n in range(self.days)]

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


class EpisodeRow(NamedTuple):
    started_at: dt.datetime
    locations: Sequence[str]
    side: str
    triggers: Sequence[str]


# Comparison operators a cut-off may use, by the symbol shown to people and in the API.
_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    ">": operator.gt,
    ">=": operator.ge,
}


@dataclass(frozen=True)
class FactorRule:
    """When a daily factor counts as "bad", and how to say it in plain words."""

    factor: str  # the DailyLog field name (twitchcare.vocabulary.FACTORS)
    op: str
    threshold: int
    bad_label: str  # a short name for the bad days, e.g. "Under 6 hours' sleep"
    bad_phrase: str  # completes "On days when ..."
    other_label: str  # a short name for the other days, e.g. "6 hours' sleep or more"

    @property
    def title(self) -> str:
        return FACTORS_BY_NAME[self.factor].title

    @property
    def unit(self) -> str:
        return FACTORS_BY_NAME[self.factor].unit

    @property
    def bad_when(self) -> str:
        return f"{self.op} {self.threshold}"

    def is_bad(self, value: Any) -> bool:
        return _OPERATORS[self.op](value, self.threshold)


FACTOR_RULES: tuple[FactorRule, ...] = (
    FactorRule(
        "sleep_hours", "<", 6,
        "Under 6 hours' sleep", "you slept under 6 hours", "6 hours' sleep or more",
    ),
    FactorRule(
        "caffeine_servings", ">", 3,
        "Over 3 caffeine drinks", "you had more than 3 caffeine drinks",
        "3 caffeine drinks or fewer",
    ),
    FactorRule(
        "alcohol_drinks", ">", 2,
        "Over 2 alcoholic drinks", "you had more than 2 alcoholic drinks",
        "2 alcoholic drinks or fewer",
    ),
    FactorRule(
        "stress_level", ">=", 7,
        "Stress 7 or more", "your stress was 7 or more out of 10", "stress under 7",
    ),
    FactorRule(
        "screen_hours", ">", 8,
        "Over 8 hours on screens", "you spent more than 8 hours on screens",
        "8 hours on screens or less",
    ),
    FactorRule(
        "water_glasses", "<", 6,
        "Under 6 glasses of water", "you drank fewer than 6 glasses of water",
        "6 glasses of water or more",
    ),
)  # fmt: skip
FACTOR_FIELDS: tuple[str, ...] = tuple(rule.factor for rule in FACTOR_RULES)
RULES_BY_FACTOR: dict[str, FactorRule] = {rule.factor: rule for rule in FACTOR_RULES}


def rate(twitch_days: int, days: int) -> float | None:
    """``twitch_days / days`` rounded to ``RATE_DECIMALS``; None when there are no days."""
    if days == 0:
        return None
    return round(twitch_days / days, RATE_DECIMALS)


def percent(part: int, whole: int) -> int | None:
    """``part`` of ``whole`` as a whole percentage, halves rounded up; None when whole is 0."""
    if whole == 0:
        return None
    # Integer arithmetic: 1 of 8 is 12.5%, shown as 13%, never float-rounded down to 12.
    return (200 * part + whole) // (2 * whole)


class Verdict:
    """What a factor comparison says, as the API spells it."""

    NOT_ENOUGH_DATA = "not_enough_data"
    MORE = "more"
    FEWER = "fewer"
    NO_CLEAR_DIFFERENCE = "no_clear_difference"

    CHOICES: tuple[str, ...] = (NOT_ENOUGH_DATA, MORE, FEWER, NO_CLEAR_DIFFERENCE)


def mean(counts: Sequence[int]) -> float | None:
    """The mean of ``counts``; None when there are none."""
    return statistics.fmean(counts) if counts else None


def welch_interval(bad: Sequence[int], other: Sequence[int]) -> tuple[float, float]:
    """The ``CONFIDENCE`` Welch two-sample t interval for ``mean(bad) - mean(other)``.

    Each group needs at least 2 values. The degrees of freedom are Welch-Satterthwaite's
    and the quantile is scipy's Student t (``special.stdtrit``). When both groups have zero
    variance the difference is known exactly and the interval is ``(difference,
    difference)``; when one has zero variance the other's variance alone sets the width.

    The same interval as ``stats.ttest_ind(bad, other, equal_var=False)
    .confidence_interval(CONFIDENCE)``, worked out directly: that call spent about 0.7 ms
    per factor on checking and broadcasting arrays, a fifth of the insights page.
    """
    difference = statistics.fmean(bad) - statistics.fmean(other)
    share_bad = statistics.variance(bad) / len(bad)
    share_other = statistics.variance(other) / len(other)
    if share_bad == 0 and share_other == 0:
        return difference, difference
    spread = share_bad + share_other
    freedom = spread**2 / (share_bad**2 / (len(bad) - 1) + share_other**2 / (len(other) - 1))
    half_width = float(special.stdtrit(freedom, (1 + CONFIDENCE) / 2)) * math.sqrt(spread)
    return difference - half_width, difference + half_width


def verdict_for(interval: tuple[float, float] | None) -> str:
    """What an interval for a difference says: ``more`` when it lies wholly above 0,
    ``fewer`` wholly below, else ``no_clear_difference``; ``not_enough_data`` for None."""
    if interval is None:
        return Verdict.NOT_ENOUGH_DATA
    low, high = interval
    if low > 0:
        return Verdict.MORE
    if high < 0:
        return Verdict.FEWER
    return Verdict.NO_CLEAR_DIFFERENCE


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, RATE_DECIMALS)


@dataclass(frozen=True)
class FactorComparison:
    """A factor's bad days versus its other days: twitch rates and episodes per day.

    ``bad_counts`` and ``other_counts`` hold one episode count per day whose log recorded
    the factor (0 on a day without twitching), split by whether the day was bad.
    """

    rule: FactorRule
    bad_counts: tuple[int, ...]
    other_counts: tuple[int, ...]

    @property
    def factor(self) -> str:
        return self.rule.factor

    @property
    def bad_days(self) -> int:
        return len(self.bad_counts)

    @property
    def other_days(self) -> int:
        return len(self.other_counts)

    @property
    def bad_twitch_days(self) -> int:
        return sum(1 for count in self.bad_counts if count)

    @property
    def other_twitch_days(self) -> int:
        return sum(1 for count in self.other_counts if count)

    @property
    def bad_rate(self) -> float | None:
        return rate(self.bad_twitch_days, self.bad_days)

    @property
    def other_rate(self) -> float | None:
        return rate(self.other_twitch_days, self.other_days)

    @property
    def bad_percent(self) -> int | None:
        return percent(self.bad_twitch_days, self.bad_days)

    @property
    def other_percent(self) -> int | None:
        return percent(self.other_twitch_days, self.other_days)

    @property
    def logged_days(self) -> int:
        return self.bad_days + self.other_days

    @property
    def enough_data(self) -> bool:
        return self.bad_days >= MIN_DAYS_TO_COMPARE and self.other_days >= MIN_DAYS_TO_COMPARE

    @property
    def bad_days_needed(self) -> int:
        """How many more bad days must be logged before the comparison can be made."""
        return max(0, MIN_DAYS_TO_COMPARE - self.bad_days)

    @property
    def other_days_needed(self) -> int:
        """How many more other days must be logged before the comparison can be made."""
        return max(0, MIN_DAYS_TO_COMPARE - self.other_days)

    @property
    def bad_episodes_per_day(self) -> float | None:
        return mean(self.bad_counts)

    @property
    def other_episodes_per_day(self) -> float | None:
        return mean(self.other_counts)

    @property
    def difference(self) -> float | None:
        """Bad minus other episodes per day; None unless ``enough_data``."""
        if not self.enough_data:
            return None
        return statistics.fmean(self.bad_counts) - statistics.fmean(self.other_counts)

    @cached_property
    def interval(self) -> tuple[float, float] | None:
        """The 95% Welch interval for ``difference``; None unless ``enough_data``."""
        if not self.enough_data:
            return None
        return welch_interval(self.bad_counts, self.other_counts)

    @property
    def verdict(self) -> str:
        return verdict_for(self.interval)

    def as_dict(self) -> dict[str, Any]:
        interval = self.interval
        return {
            "factor": self.factor,
            "bad_when": self.rule.bad_when,
            "bad_days": self.bad_days,
            "bad_twitch_days": self.bad_twitch_days,
            "other_days": self.other_days,
            "other_twitch_days": self.other_twitch_days,
            "bad_rate": self.bad_rate,
            "other_rate": self.other_rate,
            "enough_data": self.enough_data,
            "bad_episodes_per_day": _rounded(self.bad_episodes_per_day),
            "other_episodes_per_day": _rounded(self.other_episodes_per_day),
            "difference": _rounded(self.difference),
            "interval": None if interval is None else [_rounded(v) for v in interval],
            "verdict": self.verdict,
        }


@dataclass(frozen=True)
class DayRow:
    """One local day: its episode count and the factors its daily log records (None: not)."""

    date: dt.date
    count: int
    factors: dict[str, float | None]


@dataclass(frozen=True)
class Insights:
    """Everything the insights page and ``GET /api/insights/`` show, for one period."""

    period: Period
    days: list[DayRow]
    by_location: dict[str, int]
    by_side: dict[str, int]
    top_triggers: list[tuple[str, int]]
    factors: list[FactorComparison]
    logged_days: int = field(default=0)

    @property
    def total_episodes(self) -> int:
        return sum(day.count for day in self.days)

    @property
    def twitch_days(self) -> int:
        return sum(1 for day in self.days if day.count)

    @property
    def is_empty(self) -> bool:
        """Nothing at all recorded in the period: no episodes and no daily logs."""
        return self.total_episodes == 0 and self.logged_days == 0

    def as_dict(self) -> dict[str, Any]:
        """The API contract, JSON-ready (dates as YYYY-MM-DD)."""
        return {
            "days": self.period.days,
            "start": self.period.start.isoformat(),
            "end": self.period.end.isoformat(),
            "episodes_per_day": [
                {"date": day.date.isoformat(), "count": day.count} for day in self.days
            ],
            "by_location": dict(self.by_location),
            "by_side": dict(self.by_side),
            "top_triggers": [
                {"trigger": trigger, "count": count} for trigger, count in self.top_triggers
            ],
            "factors": [comparison.as_dict() for comparison in self.factors],
        }


def _number(value: Any) -> float | None:
    # DecimalField values arrive as Decimal; charts and JSON want plain numbers.
    return None if value is None else float(value)


def compute_insights(
    *,
    episodes: Iterable[EpisodeRow | tuple],
    logs: Iterable[Mapping[str, Any]],
    zone: dt.tzinfo,
    today: dt.date,
    days: int,
) -> Insights:
    """Count the person's journal over the last ``days`` local days ending ``today``.

    Episodes and logs outside the period are ignored, so callers may pass a superset.

    - ``by_location``: every known location (zeros included, in the form's order) with the
      number of episodes that list it; an episode listing two locations counts once for each.
    - ``by_side``: every side (zeros included) with its number of episodes.
    - ``top_triggers``: ``(trigger, episodes listing it)``, most first, ties by name; only
      triggers listed at least once.
    - ``factors``: one comparison per ``FACTOR_RULES`` entry, in that order, each holding
      the episode count of every day whose log recorded the factor.
    """
    period = Period.ending(today, days)
    per_day: Counter[dt.date] = Counter()
    by_location: Counter[str] = Counter({code: 0 for code in Location.values})
    by_side: Counter[str] = Counter({code: 0 for code in Side.values})
    triggers: Counter[str] = Counter()
    # The hot loop of the insights page (hundreds of episodes): plain comparisons and
    # counting rather than Period.__contains__ and Counter.update per episode.
    for started_at, locations, side, episode_triggers in episodes:
        day = started_at.astimezone(zone).date()
        if not period.start <= day <= period.end:
            continue
        per_day[day] += 1
        for code in set(locations):
            by_location[code] += 1
        by_side[side] += 1
        for code in set(episode_triggers):
            triggers[code] += 1

    factor_values: dict[dt.date, dict[str, Any]] = {}
    for log in logs:
        if log["date"] in period:
            factor_values[log["date"]] = {name: log.get(name) for name in FACTOR_FIELDS}

    comparisons = []
    for rule in FACTOR_RULES:
        bad: list[int] = []
        other: list[int] = []
        for day in sorted(factor_values):
            value = factor_values[day][rule.factor]
            if value is not None:
                (bad if rule.is_bad(value) else other).append(per_day[day])
        comparisons.append(
            FactorComparison(rule=rule, bad_counts=tuple(bad), other_counts=tuple(other))
        )

    empty = dict.fromkeys(FACTOR_FIELDS)
    rows = [
        DayRow(
            date=day,
            count=per_day[day],
            factors={name: _number(value) for name, value in factor_values.get(day, empty).items()},
        )
        for day in period.dates()
    ]
    return Insights(
        period=period,
        days=rows,
        by_location=dict(by_location),
        by_side=dict(by_side),
        top_triggers=sorted(triggers.items(), key=lambda item: (-item[1], item[0])),
        factors=comparisons,
        logged_days=len(factor_values),
    )

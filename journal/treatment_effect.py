"""What a treatment did: plain arithmetic over episodes per local day, no database.

``journal.treatments`` loads the per-day counts (one grouped query, in the person's local
days) and passes them in; the functions here count, so every figure can be checked by hand.

The effect of an injection (SPEC, "Treatments")
- ``baseline_per_day``: the episodes per day over the ``BASELINE_DAYS`` (28) local days before
  ``given_on`` (``given_on - 28`` .. ``given_on - 1``; ``given_on`` itself is not baseline).
- Week k, 1..``WEEKS`` (16), covers the local days ``given_on + 7(k-1)`` .. ``given_on + 7k - 1``.
  Only weeks that ended before today are listed: a week still running, or to come, is not.
- ``onset_week``: the first listed week whose ``per_day`` is at most half the baseline.
- ``wears_off_week``: the first listed week after ``onset_week`` whose ``per_day`` is at least
  0.8 of the baseline.
- Both are ``None`` when no week qualifies, and when the baseline is 0 (nothing to halve).
Comparisons are made on exact fractions, so "exactly half" and "exactly 0.8" count; the
figures given out are rounded to ``DECIMALS`` places.

Before and during (medicines, supplements, eye drops)
- Before: the ``BASELINE_DAYS`` local days before ``given_on``. During: ``given_on`` to
  ``ended_on``, or to yesterday while it is still taken (today is not over), at most
  ``DURING_DAYS_MAX`` days. A day without entries counts as 0 episodes.
- The difference (during minus before) and its interval are Insights' own: the 95% Welch
  interval (``journal.insights.welch_interval``) and its verdict
  (``journal.insights.verdict_for``), ``not_enough_data`` unless both sides have at least
  ``journal.insights.MIN_DAYS_TO_COMPARE`` days.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from journal import insights

BASELINE_DAYS = 28
WEEKS = 16
DAYS_IN_WEEK = 7
DURING_DAYS_MAX = 365
DECIMALS = 4
ONSET_SHARE = Fraction(1, 2)
WEAR_OFF_SHARE = Fraction(4, 5)

DAY = dt.timedelta(days=1)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + n * DAY for n in range((last - first).days + 1)]


def baseline_window(given_on: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last local day of the baseline before ``given_on``."""
    return given_on - BASELINE_DAYS * DAY, given_on - DAY


def effect_window(given_on: dt.date) -> tuple[dt.date, dt.date]:
    """All the local days the effect reads: the baseline's first day to week 16's last."""
    return given_on - BASELINE_DAYS * DAY, given_on + (WEEKS * DAYS_IN_WEEK - 1) * DAY


@dataclass(frozen=True)
class EffectWeek:
    week: int
    start: dt.date
    end: dt.date
    episodes: int

    @property
    def exact_per_day(self) -> Fraction:
        return Fraction(self.episodes, DAYS_IN_WEEK)

    @property
    def per_day(self) -> float:
        return round(float(self.exact_per_day), DECIMALS)

    def as_dict(self) -> dict[str, Any]:
        return {
            "week": self.week,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "episodes": self.episodes,
            "per_day": self.per_day,
        }


@dataclass(frozen=True)
class Effect:
    """An injection's weekly episodes against its baseline (see the module's docstring)."""

    given_on: dt.date
    baseline_episodes: int
    weeks: tuple[EffectWeek, ...]
    onset_week: int | None
    wears_off_week: int | None

    baseline_days: int = BASELINE_DAYS

    @property
    def exact_baseline_per_day(self) -> Fraction:
        return Fraction(self.baseline_episodes, BASELINE_DAYS)

    @property
    def baseline_per_day(self) -> float:
        return round(float(self.exact_baseline_per_day), DECIMALS)

    @property
    def onset_threshold(self) -> float:
        """Half the baseline: a week at or under it has an effect."""
        return round(float(self.exact_baseline_per_day * ONSET_SHARE), DECIMALS)

    @property
    def wear_off_threshold(self) -> float:
        """0.8 of the baseline: a week at or over it, after the onset, has worn off."""
        return round(float(self.exact_baseline_per_day * WEAR_OFF_SHARE), DECIMALS)

    def as_dict(self) -> dict[str, Any]:
        """The effect endpoint's figures, without the treatment itself."""
        return {
            "baseline_days": self.baseline_days,
            "baseline_per_day": self.baseline_per_day,
            "weeks": [week.as_dict() for week in self.weeks],
            "onset_week": self.onset_week,
            "wears_off_week": self.wears_off_week,
        }


def compute_effect(counts: Mapping[dt.date, int], *, given_on: dt.date, today: dt.date) -> Effect:
    """The effect of a treatment given on ``given_on``, as the person's ``today`` sees it.

    ``counts`` maps local days to episode counts; a day missing from it had none.
    """
    first, last = baseline_window(given_on)
    baseline_episodes = sum(counts.get(day, 0) for day in _days(first, last))
    baseline = Fraction(baseline_episodes, BASELINE_DAYS)

    weeks = []
    for k in range(1, WEEKS + 1):
        start = given_on + DAYS_IN_WEEK * (k - 1) * DAY
        end = given_on + (DAYS_IN_WEEK * k - 1) * DAY
        if end >= today:
            break
        episodes = sum(counts.get(day, 0) for day in _days(start, end))
        weeks.append(EffectWeek(week=k, start=start, end=end, episodes=episodes))

    onset = wears_off = None
    if baseline > 0:
        onset = next((w.week for w in weeks if w.exact_per_day <= baseline * ONSET_SHARE), None)
        if onset is not None:
            wears_off = next(
                (
                    w.week
                    for w in weeks
                    if w.week > onset and w.exact_per_day >= baseline * WEAR_OFF_SHARE
                ),
                None,
            )
    return Effect(
        given_on=given_on,
        baseline_episodes=baseline_episodes,
        weeks=tuple(weeks),
        onset_week=onset,
        wears_off_week=wears_off,
    )


def during_window(
    given_on: dt.date, ended_on: dt.date | None, today: dt.date
) -> tuple[dt.date, dt.date] | None:
    """The local days "during" a treatment (see the module's docstring); None before any
    whole day of it has passed."""
    last = ended_on if ended_on is not None and ended_on < today else today - DAY
    last = min(last, given_on + (DURING_DAYS_MAX - 1) * DAY)
    return (given_on, last) if last >= given_on else None


@dataclass(frozen=True)
class BeforeDuring:
    """Episodes per day before a treatment and during it, compared as Insights compares."""

    before_counts: tuple[int, ...]
    during_counts: tuple[int, ...]
    during_first: dt.date | None
    during_last: dt.date | None

    @property
    def enough_data(self) -> bool:
        least = insights.MIN_DAYS_TO_COMPARE
        return len(self.before_counts) >= least and len(self.during_counts) >= least

    @property
    def before_per_day(self) -> float | None:
        return insights.mean(self.before_counts)

    @property
    def during_per_day(self) -> float | None:
        return insights.mean(self.during_counts)

    @property
    def difference(self) -> float | None:
        """During minus before, episodes per day; None unless ``enough_data``."""
        if not self.enough_data:
            return None
        return self.during_per_day - self.before_per_day

    @property
    def interval(self) -> tuple[float, float] | None:
        if not self.enough_data:
            return None
        return insights.welch_interval(self.during_counts, self.before_counts)

    @property
    def verdict(self) -> str:
        """``fewer`` (fewer twitches during), ``more``, ``no_clear_difference`` or
        ``not_enough_data``: Insights' reading of the interval."""
        return insights.verdict_for(self.interval)

    def as_dict(self) -> dict[str, Any]:
        interval = self.interval

        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, DECIMALS)

        return {
            "before_days": len(self.before_counts),
            "during_days": len(self.during_counts),
            "before_per_day": rounded(self.before_per_day),
            "during_per_day": rounded(self.during_per_day),
            "difference": rounded(self.difference),
            "interval": None if interval is None else [rounded(v) for v in interval],
            "verdict": self.verdict,
        }


def compute_before_during(
    counts: Mapping[dt.date, int],
    *,
    given_on: dt.date,
    ended_on: dt.date | None,
    today: dt.date,
) -> BeforeDuring:
    """Episodes per day in the 28 days before ``given_on`` against the days during it."""
    first, last = baseline_window(given_on)
    before = tuple(counts.get(day, 0) for day in _days(first, last))
    window = during_window(given_on, ended_on, today)
    during = () if window is None else tuple(counts.get(day, 0) for day in _days(*window))
    return BeforeDuring(
        before_counts=before,
        during_counts=during,
        during_first=window[0] if window else None,
        during_last=window[1] if window else None,
    )

"""Triage: from a person's recent episodes, decide how soon they should get help.

This is the most safety-critical code in TwitchCare, so it is pure: plain data in (episodes,
criteria, the current instant and the person's time zone), a ``TriageResult`` out. Nothing
here touches the database or Django; ``journal.selectors.triage_assessment`` loads the data and
calls ``assess``.

The rule logic lives here, keyed by criterion code. The editable half of each rule (title,
explanation, level, weight, thresholds, who to see) comes from ``guidance.EscalationCriterion``
as ``CriterionConfig``. Every criterion row is used whatever its publishing status: status only
decides whether the criterion's page is shown publicly, never whether the rule protects
someone. A code the module does not know is ignored (the model refuses such codes anyway).

The contract, with every boundary decided (SPEC, "Triage"):

- **Window.** Episodes with ``now - 60 days <= started_at <= now + 5 minutes``. Both ends are
  included. The 5 minutes match the journal's tolerance for a phone clock that runs a little
  fast: such an episode is treated as happening now, never dropped.
- **Local days.** An episode's day is its start converted to the person's time zone ``tz``,
  so 23:30 and 00:30 in Auckland are two days even when they are one UTC day. Day lengths
  are calendar-date differences, so a 23- or 25-hour DST day is still one day.
- **Current bout** (``current_bout``): the run of episode days, each at most 7 days after the
  one before (a gap of 7 days keeps the bout going, 8 starts a new one), that ends with the
  most recent episode day, provided that day is at most 7 days before today (local): a last
  episode 7 days ago still makes a current bout, 8 days ago means the bout is over and the
  bout rules (persistent, spreading, bilateral) do not apply. Only episodes inside the window
  count, so a bout is at most 60 days long. Its length is last day minus first day.
- **stroke_signs**: an episode reports ``slurred_speech``, ``arm_weakness`` or ``confusion``.
  Its level is the criterion's ``level`` (emergency) when the episode started at most
  ``threshold_hours`` (72) hours before now, exactly 72 hours included (when in doubt, the
  safer answer), else ``level_after_hours`` (urgent; the criterion's level when blank). With
  several such episodes the highest level wins; the evidence is all of them.
- **facial_weakness**: an episode reports ``weakness``, ``drooping``, ``asymmetry`` or
  ``eye_closure_difficulty``. Its level is the criterion's ``level`` (emergency: a new weak
  or drooping face may be a stroke, FAST) when the window's FIRST such episode started at
  most ``threshold_hours`` (72) hours before now, exactly 72 hours included, else
  ``level_after_hours`` (urgent; the criterion's level when blank). A face that has been weak
  for longer is not new: a later episode with the same sign does not restart the clock.
  Evidence is every such episode in the window.
- **forced_closure, eye_inflammation, neuro_signs, pain**: an episode anywhere in the window
  reports one of the rule's symptoms; evidence is those episodes.
- **persistent**: the current bout's length is MORE than ``threshold_days`` (21): 21 days
  does not match, 22 does. The length is counted from the person's ``began_on`` (their
  answer to "when did this twitching start?") when that is earlier than the bout's first
  day: last bout day minus ``began_on``, so a twitch that began five weeks ago and is logged
  for the first time today is persistent. A ``began_on`` on or after the bout's first day
  changes nothing. Evidence is the bout's episodes.
- **spreading**: in the current bout, one side has episodes in ``threshold_count`` (2) or
  more facial areas: eye (eyelid, eyebrow), forehead, mid-face (cheek, nose), lower face
  (mouth, chin, jaw). Side ``both`` counts for left and for right. Two locations in one area
  are one area. Evidence is what shows the spread: for each matching side, the bout's first
  episode in each of that side's areas (``both`` included), never an episode from the other
  side or a repeat of an area already shown.
- **bilateral**: an episode in the current bout has side ``both``, or the bout has both
  ``left`` and ``right`` episodes. Evidence is the ``both`` episodes, plus every left and
  right episode of the bout when both sides appear.
- **worsening**: with D = ``threshold_days`` (7) and N = ``threshold_count`` (7), at least N
  episodes started in ``(now - D days, now]`` and the D days before, ``(now - 2D, now - D]``,
  had at least one episode and no more than half as many (``prev >= 1`` and
  ``2 * prev <= recent``). No episode in the week before means a new twitch, not a worsening
  one. Evidence is the episodes of both periods. Periods are instants, not local days.
- A threshold left empty takes the SPEC's value (``DEFAULT_THRESHOLDS``).
- **Level**: the highest level among the matched criteria; ``self_care`` when the window
  has episodes and nothing matched; ``no_data`` when the window has no episodes. A matched
  criterion whose stored level is unknown counts as ``see_doctor`` (the cautious reading of
  a broken row), and ``no_data`` on a criterion counts as ``self_care``.
- **Score**: ``min(100, sum of the matched criteria's weights)`` (a negative weight counts
  as 0). It is for the API only: people see the level and the reasons, never "N out of 100".
- **Order**: matched criteria highest level first, then highest weight, then code.
- **Specialist**: ``emergency`` for an emergency; for urgent and see_doctor, of the matched
  criteria at the result's level, a neurologist before an ophthalmologist before a GP (GP
  when none says otherwise); ``None`` for self_care and no_data. A see_doctor result still
  sends the person to their GP or family doctor first, naming the specialist to ask about.
- **Latest emergency sign** (``latest_emergency_at``): the latest start among the evidence
  of the criteria matched at ``emergency``, or None. The emergency banner leaves the other
  pages once the person records "I have been seen about this" at or after that instant
  (``banner_due``); a newer qualifying episode brings it back. The acknowledgement never
  changes the result.

All the words people read about a triage result (level headings, next steps, FAST, who to
see, the notes) are ``guidance.safety``'s, so every page, the report and the API say the
same thing; this module only decides.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from guidance.safety import (
    ASK_ABOUT,
    BOOK_GP,
    DISCLAIMER,
    FACIAL_WEAKNESS_NEW_NOTE,
    FACIAL_WEAKNESS_OLD_NOTE,
    LEVEL_HEADINGS,
    NEXT_STEPS,
    PERSISTENT_SINCE_NOTE,
    STROKE_SIGNS_OLD_NOTE,
)
from twitchcare.vocabulary import Level

#: Triage levels, lowest first: ``twitchcare.vocabulary.Level``'s values (plain strings).
LEVELS: tuple[str, ...] = tuple(Level.values)
NO_DATA, SELF_CARE, SEE_DOCTOR, URGENT, EMERGENCY = LEVELS
_RANK = {level: rank for rank, level in enumerate(LEVELS)}

WINDOW_DAYS = 60
WINDOW = dt.timedelta(days=WINDOW_DAYS)
#: Same as the journal's tolerance for a start time slightly in the future.
FUTURE_GRACE = dt.timedelta(minutes=5)
#: The current bout: days at most this far apart, ending at most this long before today.
BOUT_GAP_DAYS = 7
BOUT_RECENT_DAYS = 7

STROKE_SIGNS = "stroke_signs"
FACIAL_WEAKNESS = "facial_weakness"
PERSISTENT = "persistent"
SPREADING = "spreading"
BILATERAL = "bilateral"
FORCED_CLOSURE = "forced_closure"
EYE_INFLAMMATION = "eye_inflammation"
NEURO_SIGNS = "neuro_signs"
PAIN = "pain"
WORSENING = "worsening"

#: The symptoms that make each symptom rule match.
SYMPTOM_RULES: dict[str, frozenset[str]] = {
    STROKE_SIGNS: frozenset({"slurred_speech", "arm_weakness", "confusion"}),
    FACIAL_WEAKNESS: frozenset({"weakness", "drooping", "asymmetry", "eye_closure_difficulty"}),
    FORCED_CLOSURE: frozenset({"forced_eye_closure"}),
    EYE_INFLAMMATION: frozenset({"redness", "swelling"}),
    NEURO_SIGNS: frozenset({"numbness", "vision_change", "balance_problems"}),
    PAIN: frozenset({"pain"}),
}

#: Facial areas for the spreading rule.
AREAS: dict[str, str] = {
    "eyelid": "eye",
    "eyebrow": "eye",
    "forehead": "forehead",
    "cheek": "mid_face",
    "nose": "mid_face",
    "mouth": "lower_face",
    "chin": "lower_face",
    "jaw": "lower_face",
}

#: The SPEC's thresholds, used when a criterion leaves one empty.
DEFAULT_THRESHOLDS: dict[str, dict[str, int]] = {
    STROKE_SIGNS: {"hours": 72},
    FACIAL_WEAKNESS: {"hours": 72},
    PERSISTENT: {"days": 21},
    SPREADING: {"count": 2},
    WORSENING: {"days": 7, "count": 7},
}

#: Who to see, most specialised first; "emergency" is only ever chosen for an emergency.
SPECIALIST_PREFERENCE = ("neurologist", "ophthalmologist", "gp")

# The words people read are guidance.safety's (imported above), so every page, the report
# and the API say the same thing.


@dataclass(frozen=True, slots=True)
class EpisodeFacts:
    """What triage needs to know about one episode. ``started_at`` must be aware.

    ``triggers`` is not used by the rules; it rides along so a page can point at causes.
    """

    id: int
    started_at: dt.datetime
    locations: tuple[str, ...]
    side: str
    symptoms: tuple[str, ...]
    triggers: tuple[str, ...] = ()


@dataclass(frozen=True)
class CriterionConfig:
    """The editable half of a rule, from ``guidance.EscalationCriterion``.

    ``explanation`` is the criterion's summary. Thresholds a rule does not use are ignored;
    one it uses left as ``None`` takes the SPEC's value.
    """

    code: str
    title: str
    explanation: str
    level: str
    level_after_hours: str = ""
    weight: int = 0
    threshold_hours: int | None = None
    threshold_days: int | None = None
    threshold_count: int | None = None
    specialist: str = "gp"
    learn_more: str = ""


@dataclass(frozen=True)
class MatchedCriterion:
    """A criterion that matched, with the level it raised and the episodes behind it.

    ``evidence`` holds episode ids, sorted. ``note`` adds a sentence the rule itself knows,
    e.g. that stroke signs were noted more than 72 hours ago; it is empty otherwise.
    """

    code: str
    title: str
    level: str
    explanation: str
    evidence: tuple[int, ...]
    learn_more: str
    specialist: str
    weight: int = 0
    note: str = ""

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "title": self.title,
            "level": self.level,
            "explanation": self.explanation,
            "evidence": list(self.evidence),
            "learn_more": self.learn_more,
            "specialist": self.specialist,
            "weight": self.weight,
            "note": self.note,
        }


@dataclass(frozen=True)
class TriageResult:
    """The answer: a level, a 0-100 score, the criteria that matched and what to do next.

    ``bout`` is the current bout's (first_day, last_day) in local days, or None;
    ``counted_from`` is the day its length counts from (the person's ``began_on`` when that
    is earlier than the first day, else the first day), None without a bout.
    ``latest_emergency_at`` is the latest start behind an emergency-level criterion, or None.
    """

    level: str
    score: int
    window_days: int
    assessed_at: dt.datetime
    criteria: tuple[MatchedCriterion, ...]
    next_steps: tuple[str, ...]
    disclaimer: str
    specialist: str | None
    bout: tuple[dt.date, dt.date] | None
    episode_count: int = 0
    counted_from: dt.date | None = None
    latest_emergency_at: dt.datetime | None = None

    @property
    def is_emergency(self) -> bool:
        return self.level == EMERGENCY

    @property
    def heading(self) -> str:
        return LEVEL_HEADINGS[self.level]

    def to_dict(self) -> dict:
        """The ``GET /api/triage/`` answer (SPEC's keys plus specialist, bout, episode_count)."""
        assessed = self.assessed_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
        return {
            "level": self.level,
            "score": self.score,
            "window_days": self.window_days,
            "assessed_at": assessed,
            "criteria": [criterion.to_dict() for criterion in self.criteria],
            "next_steps": list(self.next_steps),
            "disclaimer": self.disclaimer,
            "specialist": self.specialist,
            "bout": (
                {
                    "first_day": self.bout[0].isoformat(),
                    "last_day": self.bout[1].isoformat(),
                    "counted_from": (self.counted_from or self.bout[0]).isoformat(),
                    "days": (self.bout[1] - (self.counted_from or self.bout[0])).days,
                }
                if self.bout
                else None
            ),
            "episode_count": self.episode_count,
        }


def level_rank(level: str) -> int:
    """0 for no_data up to 4 for emergency."""
    return _RANK[level]


def banner_due(result: TriageResult | None, seen_at: dt.datetime | None) -> bool:
    """Whether the emergency banner shows on the person's pages (the triage page aside).

    True for an emergency result unless the person recorded "I have been seen about this"
    (``seen_at``) at or after its latest emergency sign started. The acknowledgement only
    takes the banner away; the result stays what it is.
    """
    if result is None or not result.is_emergency:
        return False
    latest = result.latest_emergency_at
    return seen_at is None or latest is None or seen_at < latest


def current_bout(
    episode_days: Iterable[dt.date],
    *,
    today: dt.date,
    gap_days: int = BOUT_GAP_DAYS,
    recent_days: int = BOUT_RECENT_DAYS,
) -> tuple[dt.date, dt.date] | None:
    """The current bout's (first_day, last_day), or None when there is none.

    The bout ends with the most recent episode day and reaches back through days each at
    most ``gap_days`` apart. It is current only when ``today - last_day <= recent_days``
    (a last day exactly ``recent_days`` ago still counts). Days after ``today`` (a clock a
    few minutes fast, past midnight) count as recent.
    """
    days = sorted(set(episode_days), reverse=True)
    if not days or (today - days[0]).days > recent_days:
        return None
    first = last = days[0]
    for day in days[1:]:
        if (first - day).days > gap_days:
            break
        first = day
    return first, last


@dataclass(frozen=True)
class _Context:
    """What every rule sees: now, the window's episodes, and the current bout and its episodes."""

    now: dt.datetime
    episodes: tuple[EpisodeFacts, ...]
    bout: tuple[dt.date, dt.date] | None
    bout_episodes: tuple[EpisodeFacts, ...]
    counted_from: dt.date | None  # where the bout's length counts from


def _level(value: str) -> str:
    """A criterion's stored level, read cautiously (see the module docstring)."""
    if value == NO_DATA:
        return SELF_CARE
    return value if value in _RANK else SEE_DOCTOR


def _threshold(criterion: CriterionConfig, name: str) -> int:
    value = getattr(criterion, f"threshold_{name}")
    if value is None:
        value = DEFAULT_THRESHOLDS[criterion.code][name]
    return max(0, int(value))


def _match(
    criterion: CriterionConfig, evidence: Iterable[EpisodeFacts], *, level: str = "", note=""
) -> MatchedCriterion:
    return MatchedCriterion(
        code=criterion.code,
        title=criterion.title,
        level=level or _level(criterion.level),
        explanation=criterion.explanation,
        evidence=tuple(sorted({episode.id for episode in evidence})),
        learn_more=criterion.learn_more,
        specialist=criterion.specialist,
        weight=max(0, int(criterion.weight or 0)),
        note=note,
    )


def _with_symptoms(episodes: Iterable[EpisodeFacts], code: str) -> list[EpisodeFacts]:
    wanted = SYMPTOM_RULES[code]
    return [episode for episode in episodes if wanted.intersection(episode.symptoms)]


def _symptom_rule(criterion: CriterionConfig, ctx: _Context) -> MatchedCriterion | None:
    matched = _with_symptoms(ctx.episodes, criterion.code)
    return _match(criterion, matched) if matched else None


def _recent_level(criterion: CriterionConfig, ctx: _Context, started_at: dt.datetime) -> str:
    """The criterion's level for a sign that started at ``started_at``: ``level`` within
    ``threshold_hours`` of now (exactly the threshold included), else ``level_after_hours``."""
    if ctx.now - started_at <= dt.timedelta(hours=_threshold(criterion, "hours")):
        return _level(criterion.level)
    return _level(criterion.level_after_hours or criterion.level)


def _stroke_signs(criterion: CriterionConfig, ctx: _Context) -> MatchedCriterion | None:
    matched = _with_symptoms(ctx.episodes, STROKE_SIGNS)
    if not matched:
        return None
    hours = _threshold(criterion, "hours")
    limit = dt.timedelta(hours=hours)
    levels = [_recent_level(criterion, ctx, e.started_at) for e in matched]
    note = ""
    if all(ctx.now - e.started_at > limit for e in matched):
        note = STROKE_SIGNS_OLD_NOTE.format(hours=hours)
    return _match(criterion, matched, level=max(levels, key=level_rank), note=note)


def _facial_weakness(criterion: CriterionConfig, ctx: _Context) -> MatchedCriterion | None:
    matched = _with_symptoms(ctx.episodes, FACIAL_WEAKNESS)  # oldest first
    if not matched:
        return None
    hours = _threshold(criterion, "hours")
    new = ctx.now - matched[0].started_at <= dt.timedelta(hours=hours)
    note = FACIAL_WEAKNESS_NEW_NOTE if new else FACIAL_WEAKNESS_OLD_NOTE.format(hours=hours)
    level = _recent_level(criterion, ctx, matched[0].started_at)
    return _match(criterion, matched, level=level, note=note)


def _persistent(criterion: CriterionConfig, ctx: _Context) -> MatchedCriterion | None:
    if not ctx.bout or ctx.counted_from is None:
        return None
    if (ctx.bout[1] - ctx.counted_from).days <= _threshold(criterion, "days"):
        return None
    note = ""
    if ctx.counted_from < ctx.bout[0]:
        note = PERSISTENT_SINCE_NOTE.format(day=f"{ctx.counted_from.day} {ctx.counted_from:%B %Y}")
    return _match(criterion, ctx.bout_episodes, note=note)


def _sides(episode: EpisodeFacts) -> tuple[str, ...]:
    return ("left", "right") if episode.side == "both" else (episode.side,)


def _spreading(criterion: CriterionConfig, ctx: _Context) -> MatchedCriterion | None:
    if not ctx.bout_episodes:
        return None
    areas: dict[str, set[str]] = {}
    contributors: dict[str, list[EpisodeFacts]] = {}
    for episode in ctx.bout_episodes:
        episode_areas = {AREAS[loc] for loc in episode.locations if loc in AREAS}
        if not episode_areas:
            continue
        for side in _sides(episode):
            areas.setdefault(side, set()).update(episode_areas)
            contributors.setdefault(side, []).append(episode)
    needed = _threshold(criterion, "count")
    matching = [side for side in areas if len(areas[side]) >= needed]
    if not matching:
        return None
    # The episodes that show the spread: the first one in each area of a matching side.
    evidence = []
    for side in matching:
        shown: set[str] = set()
        for episode in contributors[side]:  # oldest first
            episode_areas = {AREAS[loc] for loc in episode.locations if loc in AREAS}
            if not episode_areas <= shown:
                evidence.append(episode)
                shown |= episode_areas
    return _match(criterion, evidence)


def _bilateral(criterion: CriterionConfig, ctx: _Context) -> MatchedCriterion | None:
    both = [e for e in ctx.bout_episodes if e.side == "both"]
    left = [e for e in ctx.bout_episodes if e.side == "left"]
    right = [e for e in ctx.bout_episodes if e.side == "right"]
    evidence = both + (left + right if left and right else [])
    return _match(criterion, evidence) if evidence else None


def _worsening(criterion: CriterionConfig, ctx: _Context) -> MatchedCriterion | None:
    span = dt.timedelta(days=_threshold(criterion, "days"))
    needed = _threshold(criterion, "count")
    recent = [e for e in ctx.episodes if e.started_at > ctx.now - span]
    before = [e for e in ctx.episodes if ctx.now - 2 * span < e.started_at <= ctx.now - span]
    if len(recent) >= needed and before and 2 * len(before) <= len(recent):
        return _match(criterion, recent + before)
    return None


_RULES = {
    STROKE_SIGNS: _stroke_signs,
    FACIAL_WEAKNESS: _facial_weakness,
    **{
        code: _symptom_rule for code in SYMPTOM_RULES if code not in (STROKE_SIGNS, FACIAL_WEAKNESS)
    },
    PERSISTENT: _persistent,
    SPREADING: _spreading,
    BILATERAL: _bilateral,
    WORSENING: _worsening,
}
#: Every code the rules know.
CODES = frozenset(_RULES)


def _specialist(level: str, matched: Iterable[MatchedCriterion]) -> str | None:
    if level == EMERGENCY:
        return "emergency"
    if level not in (URGENT, SEE_DOCTOR):
        return None
    at_level = {m.specialist for m in matched if m.level == level}
    return next((s for s in SPECIALIST_PREFERENCE if s in at_level), "gp")


def _next_steps(level: str, specialist: str | None) -> tuple[str, ...]:
    if level == SEE_DOCTOR:
        ask = ASK_ABOUT.get(specialist or "")
        book = f"{BOOK_GP} {ask}" if ask else BOOK_GP
        return (book, *NEXT_STEPS[SEE_DOCTOR])
    return NEXT_STEPS[level]


def assess(
    episodes: Iterable[EpisodeFacts],
    criteria: Iterable[CriterionConfig],
    *,
    now: dt.datetime,
    tz: ZoneInfo,
    began_on: dt.date | None = None,
) -> TriageResult:
    """Score ``episodes`` against ``criteria`` at ``now``, with days in the zone ``tz``.

    ``began_on`` is the person's answer to "when did this twitching start?" (None when not
    given): the persistent rule counts from it when it is earlier than the bout's first day.

    Episodes outside the window are ignored, so callers may pass more than the window.
    The result does not depend on the order of either argument. Raises ``ValueError`` for
    a naive ``now`` or a naive episode start: a wrong day boundary could hide a warning.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    episodes = tuple(episodes)
    if any(e.started_at.tzinfo is None or e.started_at.utcoffset() is None for e in episodes):
        raise ValueError("every episode's started_at must be an aware datetime")
    # Python compares and subtracts two datetimes that share a tzinfo by wall clock, which
    # is wrong by an hour across a DST change. In UTC, every difference is real time.
    now = now.astimezone(dt.UTC)
    episodes = tuple(
        e
        if e.started_at.tzinfo is dt.UTC
        else replace(e, started_at=e.started_at.astimezone(dt.UTC))
        for e in episodes
    )
    first, last = now - WINDOW, now + FUTURE_GRACE
    in_window = tuple(
        sorted(
            (e for e in episodes if first <= e.started_at <= last),
            key=lambda e: (e.started_at, e.id),
        )
    )
    local_days = [e.started_at.astimezone(tz).date() for e in in_window]
    bout = current_bout(local_days, today=now.astimezone(tz).date())
    bout_episodes = ()
    if bout:
        bout_episodes = tuple(
            e for e, day in zip(in_window, local_days, strict=True) if bout[0] <= day <= bout[1]
        )
    counted_from = None
    if bout:
        counted_from = min(bout[0], began_on) if began_on else bout[0]
    ctx = _Context(
        now=now,
        episodes=in_window,
        bout=bout,
        bout_episodes=bout_episodes,
        counted_from=counted_from,
    )

    matched = []
    if in_window:
        for criterion in criteria:
            rule = _RULES.get(criterion.code)  # an unknown code is ignored
            result = rule(criterion, ctx) if rule else None
            if result is not None:
                matched.append(result)
    matched.sort(key=lambda m: (-level_rank(m.level), -m.weight, m.code, m.title, m.evidence))

    level = NO_DATA
    if in_window:
        level = max((m.level for m in matched), key=level_rank, default=SELF_CARE)
    specialist = _specialist(level, matched)
    starts = {e.id: e.started_at for e in in_window}
    emergency_starts = [
        starts[pk] for m in matched if m.level == EMERGENCY for pk in m.evidence if pk in starts
    ]
    return TriageResult(
        level=level,
        score=min(100, sum(m.weight for m in matched)),
        window_days=WINDOW_DAYS,
        assessed_at=now,
        criteria=tuple(matched),
        next_steps=_next_steps(level, specialist),
        disclaimer=DISCLAIMER,
        specialist=specialist,
        bout=bout,
        episode_count=len(in_window),
        counted_from=counted_from,
        latest_emergency_at=max(emergency_starts, default=None),
    )

"""Search of the published guidance: what a worried reader types, best match first.

Pure Python over the published items, so SQLite and PostgreSQL give the same results
(docs/ARCHITECTURE.md, "Search", says why not the databases' full-text search). The
content is a few dozen items; ``search`` loads them (one query per kind) and ranks them.

How a query is read:

- words are lower-cased, accents and apostrophes dropped ("Bell's" is "bells"), common
  little words ("is", "it", "my") ignored, and every word stemmed with the Snowball English
  stemmer ("twitching", "twitches" and "twitch" are one word);
- each query word is a *concept* that may also match its everyday-to-medical synonyms
  (``SYNONYMS``: "eye" finds eyelid and blepharospasm pages) and, when the word is in no
  item at all, the closest one or two words of the content (a typo: "blepharospsm");
- an item's score adds, for each concept, the best of its alternatives: the word's rarity
  across the items (so "stroke" counts more than "twitch") times where it was found (title
  over summary over body) times how direct the match was (the word itself over a typo fix
  over a synonym). Items that match more of the concepts come first; words may come in any
  order.

Only public text is searched and shown: an escalation criterion's summary is the message a
person sees about their own journal ("You noted slurred speech..."), so for criteria only
the title and the public explanation (body) are read.
"""

from __future__ import annotations

import difflib
import functools
import html
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import snowballstemmer
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from guidance.models import (
    Advice,
    Cause,
    ChecklistItem,
    Condition,
    EscalationCriterion,
    Faq,
    GuidanceItem,
    PlanStep,
    Treatment,
)

#: What search looks through: (label, model, how much a tie leans towards this kind).
#: Answers to questions and the condition and cause pages come before one-line tips.
SEARCHABLE: list[tuple[str, type[GuidanceItem], float]] = [
    ("Question", Faq, 1.2),
    ("Condition", Condition, 1.25),
    ("Cause", Cause, 1.15),
    ("When to get help", EscalationCriterion, 1.1),
    ("Treatment", Treatment, 1.05),
    ("Do's and don'ts", Advice, 1.0),
    ("Five-week plan", PlanStep, 0.95),
    ("Daily checklist", ChecklistItem, 0.95),
]

#: Kinds whose summary is public text. A criterion's summary is journal wording.
PRIVATE_SUMMARY = (EscalationCriterion,)

RESULT_LIMIT = 10
SNIPPET_LENGTH = 200

#: Where a word was found, and how much that counts.
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 4.0, 2.0, 1.0
#: How direct a match is: the word itself, a typo's correction, a synonym.
EXACT, TYPO, SYNONYM = 1.0, 0.8, 0.6
#: How close a word must be to count as a typo of a content word (difflib's ratio).
TYPO_CUTOFF = 0.8
TYPO_MIN_LENGTH = 4

_STOP_WORDS_TEXT = """
    a an and any are am be been but by can could do does did for from get got had has have
    how i if in into is it its me my of on or so than that the their them then there these
    they this to too was we were what when where which whom why will with would you your
    im ive"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

#: Everyday words and the content's words for the same thing (both ways where it helps).
#: Keys and values are plain words; they are stemmed when the module loads.
_SYNONYM_WORDS: dict[str, tuple[str, ...]] = {
    "eye": ("eyelid", "blepharospasm", "blink"),
    "eyes": ("eyelid", "blepharospasm", "blink"),
    "eyelid": ("eye", "blepharospasm", "blink"),
    "lid": ("eyelid", "eye"),
    "face": ("facial", "hemifacial"),
    "facial": ("face",),
    "cheek": ("hemifacial", "face"),
    "mouth": ("hemifacial", "face"),
    "lip": ("hemifacial", "mouth"),
    "jaw": ("hemifacial", "face"),
    "droop": ("drooping", "stroke", "weakness"),
    "drooping": ("stroke", "weakness"),
    "droopy": ("drooping", "stroke", "weakness"),
    "sag": ("drooping", "weakness", "stroke"),
    "numb": ("numbness",),
    "weak": ("weakness", "stroke"),
    "paralysis": ("palsy", "weakness", "stroke"),
    "palsy": ("bells", "facial"),
    "serious": ("doctor", "harmless", "worry", "emergency"),
    "dangerous": ("serious", "harmless", "doctor", "emergency"),
    "worried": ("serious", "harmless", "doctor"),
    "worry": ("serious", "harmless", "doctor"),
    "normal": ("harmless", "common", "serious"),
    "cancer": ("tumour", "serious"),
    "tumor": ("tumour",),
    "doctor": ("gp", "neurologist", "ophthalmologist"),
    "gp": ("doctor",),
    "specialist": ("neurologist", "ophthalmologist", "doctor"),
    "emergency": ("stroke", "999", "call"),
    "tic": ("twitch", "spasm"),
    "tics": ("twitch", "spasm"),
    "spasm": ("twitch",),
    "jump": ("twitch",),
    "jumping": ("twitch",),
    "flutter": ("twitch",),
    "fluttering": ("twitch",),
    "quiver": ("twitch",),
    "pulse": ("twitch",),
    "coffee": ("caffeine",),
    "tea": ("caffeine",),
    "cola": ("caffeine",),
    "energy": ("caffeine",),
    "caffeine": ("coffee",),
    "alcohol": ("caffeine",),
    "tired": ("sleep", "tiredness", "rest"),
    "tiredness": ("sleep", "rest"),
    "insomnia": ("sleep",),
    "fatigue": ("sleep", "tired"),
    "anxiety": ("stress",),
    "anxious": ("stress", "anxiety"),
    "stressed": ("stress",),
    "screen": ("strain", "computer", "20-20-20"),
    "computer": ("screen", "strain"),
    "phone": ("screen",),
    "laptop": ("screen",),
    "glasses": ("eye", "test"),
    "botox": ("botulinum",),
    "injection": ("botulinum",),
    "surgery": ("decompression", "operation"),
    "operation": ("surgery", "decompression"),
    "scan": ("mri",),
    "pills": ("medicines",),
    "medication": ("medicines",),
    "drugs": ("medicines",),
    "ms": ("multiple", "sclerosis"),
    "magnesium": ("mineral",),
    "vitamin": ("minerals", "b12"),
    "vitamins": ("minerals", "b12"),
    "supplements": ("magnesium", "vitamin"),
    "water": ("dehydration", "drink"),
    "thirsty": ("dehydration",),
    "dehydrated": ("dehydration",),
    "long": ("weeks", "last"),
    "forever": ("weeks", "last"),
    "stop": ("last", "weeks"),
    "help": ("treatment", "doctor"),
    "cure": ("treatment",),
    "treat": ("treatment",),
    "both": ("bilateral",),
    "side": ("hemifacial", "one"),
}

_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TOKEN = re.compile("[\\w\u2019'`-]+")


@dataclass(frozen=True)
class Result:
    """One item found: its kind, the item, its score and the title and snippet to show.

    ``title`` and ``snippet`` are escaped HTML with the matched words in ``<mark>``.
    """

    label: str
    item: GuidanceItem
    score: float
    title: SafeString
    snippet: SafeString


@dataclass
class _Doc:
    label: str
    item: GuidanceItem
    prior: float
    title: str
    summary: str
    body: str
    fields: list[tuple[float, frozenset[str]]] = field(default_factory=list)


@dataclass(frozen=True)
class _Concept:
    """One word the reader typed, and every stem that may stand for it, with its weight."""

    word: str
    alternatives: dict[str, float]


_STEMMER = snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """The Snowball English stem of a lower-case ``word`` ("twitches" -> "twitch")."""
    return _STEMMER.stemWord(word)


def normalise(text: str) -> str:
    """Lower case, no accents, no apostrophes: "Bell\u2019s Palsy" -> "bells palsy"."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub("['\u2019\u2018`]", "", text)


def words(text: str) -> list[str]:
    """The words of ``text`` after ``normalise``, hyphenated words split into parts too."""
    found = []
    for word in _WORD.findall(normalise(text)):
        found.append(word)
        if "-" in word:
            found.extend(part for part in word.split("-") if part)
    return found


def stems(text: str) -> set[str]:
    return {stem(word) for word in words(text)}


SYNONYMS: dict[str, tuple[str, ...]] = {
    stem(key): tuple(stem(value) for value in values) for key, values in _SYNONYM_WORDS.items()
}


@functools.lru_cache(maxsize=4096)
def _analyse(title: str, summary: str, body_html: str) -> tuple[str, list]:
    """An item's plain body text and the stems of its title, summary and body.

    Keyed on the texts themselves, so an edited item is analysed afresh whichever way it
    was saved; an unchanged one is not analysed again on every search.
    """
    body = " ".join(html.unescape(strip_tags(body_html)).split())
    return body, [
        (TITLE_WEIGHT, frozenset(stems(title))),
        (SUMMARY_WEIGHT, frozenset(stems(summary))),
        (BODY_WEIGHT, frozenset(stems(body))),
    ]


def _load_documents() -> list[_Doc]:
    """Every published item, one query per kind, as the text search reads.

    Which items are published is read from the database on every search, so an item an
    editor publishes or unpublishes is found, or not, at once.
    """
    docs = []
    for label, model, prior in SEARCHABLE:
        for item in model.objects.published().defer("body"):
            summary = "" if isinstance(item, PRIVATE_SUMMARY) else item.summary
            body, fields = _analyse(item.title, summary, item.body_html)
            docs.append(_Doc(label, item, prior, item.title, summary, body, fields))
    return docs


def parse(query: str, vocabulary: Iterable[str]) -> list[_Concept]:
    """The concepts of ``query``: one per distinct word that is not a little word.

    A word found in no item (not in ``vocabulary``) also stands for the content's closest
    words, when they are close enough to be a typo.
    """
    vocabulary = set(vocabulary)
    concepts: list[_Concept] = []
    seen: set[str] = set()
    query_words = words(query)
    meaningful = [w for w in query_words if w not in STOP_WORDS] or query_words
    for word in meaningful:
        root = stem(word)
        if root in seen:
            continue
        seen.add(root)
        alternatives = {root: EXACT}
        if root not in vocabulary and len(word) >= TYPO_MIN_LENGTH:
            for close in difflib.get_close_matches(root, vocabulary, n=2, cutoff=TYPO_CUTOFF):
                alternatives.setdefault(close, TYPO)
        for synonym in SYNONYMS.get(root, ()):
            alternatives.setdefault(synonym, SYNONYM)
        concepts.append(_Concept(word, alternatives))
    return concepts


def _idf(docs: Sequence[_Doc]) -> dict[str, float]:
    counts: dict[str, int] = {}
    for doc in docs:
        for term in frozenset().union(*(terms for _weight, terms in doc.fields)):
            counts[term] = counts.get(term, 0) + 1
    total = len(docs)
    return {term: math.log(1 + total / count) for term, count in counts.items()}


def _score(doc: _Doc, concepts: Sequence[_Concept], idf: dict[str, float]) -> tuple:
    """(concepts matched, score, matched stems) for one item."""
    matched = 0
    score = 0.0
    hit_stems: set[str] = set()
    for concept in concepts:
        best = 0.0
        for term, directness in concept.alternatives.items():
            for weight, terms in doc.fields:
                if term in terms:
                    best = max(best, weight * directness * idf.get(term, 0.0))
                    hit_stems.add(term)
        if best:
            matched += 1
            score += best
    # Every word the reader typed in the title: the page is about exactly that.
    title_terms = doc.fields[0][1]
    if concepts and all(any(term in title_terms for term in c.alternatives) for c in concepts):
        score *= 1.5
    return matched, score * doc.prior, hit_stems


def search(query: str, *, limit: int = RESULT_LIMIT) -> list[Result]:
    """Published items that match ``query``, best first, at most ``limit``.

    Items that match more of the query's words come first, then by score; ties go to the
    editors' display order, then the shorter title (a page about just that). A query of
    only little words ("is it") searches for them; a query of no words finds nothing.
    """
    docs = _load_documents()
    if not docs:
        return []
    idf = _idf(docs)
    concepts = parse(query, idf)
    if not concepts:
        return []
    ranked = []
    for doc in docs:
        matched, score, hit_stems = _score(doc, concepts, idf)
        if matched:
            ranked.append((matched, score, doc, hit_stems))
    ranked.sort(
        key=lambda row: (-row[0], -row[1], row[2].item.order, len(row[2].title), row[2].title)
    )
    return [
        Result(
            label=doc.label,
            item=doc.item,
            score=round(score, 3),
            title=highlight(doc.title, hit_stems),
            snippet=snippet(_snippet_source(doc, hit_stems), hit_stems),
        )
        for _matched, score, doc, hit_stems in ranked[:limit]
    ]


def _snippet_source(doc: _Doc, hit_stems: set[str]) -> str:
    """The summary (the answer first) when a word matched in it, else the body."""
    if doc.summary and (_marked(doc.summary, hit_stems) or not doc.body):
        return doc.summary
    return doc.body or doc.summary


def _marked(text: str, hit_stems: set[str]) -> list[tuple[int, int]]:
    """Spans of the words in ``text`` whose stem (or a part's) is one of ``hit_stems``."""
    return [
        match.span()
        for match in _TOKEN.finditer(text)
        if not _token_stems(match.group()).isdisjoint(hit_stems)
    ]


@functools.lru_cache(maxsize=20_000)
def _token_stems(token: str) -> frozenset[str]:
    return frozenset(stems(token))


def highlight(text: str, hit_stems: set[str]) -> SafeString:
    """``text`` escaped, with the words that matched wrapped in ``<mark>``."""
    out, position = [], 0
    for start, end in _marked(text, hit_stems):
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


def snippet(text: str, hit_stems: set[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """About ``length`` characters of ``text`` around its first matched word, highlighted.

    Starts at a word boundary and adds "…" where text was cut. The start of the text when
    no word matched.
    """
    spans = _marked(text, hit_stems)
    first = spans[0][0] if spans else 0
    start = max(0, first - length // 4)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    piece = highlight(text[start:end], hit_stems)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{piece}{suffix}")  # noqa: S308 - highlight escapes the text

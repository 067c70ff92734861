"""The guidance content the migrations load: complete, accurate, linked and easy to read."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from guidance.models import (
    Advice,
    Cause,
    ChecklistItem,
    Condition,
    EscalationCriterion,
    Faq,
    PlanStep,
    Treatment,
)

pytestmark = pytest.mark.django_db

ALL_MODELS = [Cause, Condition, Advice, Faq, PlanStep, Treatment, ChecklistItem,
              EscalationCriterion]  # fmt: skip
MAX_GRADE = 9.0


# Readability ------------------------------------------------------------------------------


def syllables(word: str) -> int:
    """A common heuristic: vowel groups, less a silent final e or -ed/-es; at least one."""
    word = re.sub(r"[^a-z]", "", word.lower())
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", word)))


def plain_text(markdown: str) -> str:
    """Markdown as sentences: each paragraph, heading or list item ends a sentence."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    units = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-+*]\s|#))", text):
        block = re.sub(r"^\s*(?:[-+*]|#+)\s+", "", block)
        block = " ".join(re.sub(r"[*_`>|]", "", block).split())
        if block:
            units.append(block if block[-1] in ".!?" else block + ".")
    return " ".join(units)


def flesch_kincaid_grade(markdown: str) -> float:
    """0.39 x words per sentence + 11.8 x syllables per word - 15.59."""
    text = plain_text(markdown)
    sentences = [s for s in re.split(r"[.!?]+(?:\s|$)", text) if re.search(r"[A-Za-z]", s)]
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9'\u2019-]*", text)
    syllable_count = sum(syllables(word) for word in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * syllable_count / len(words) - 15.59


def test_the_grade_function_tells_easy_from_hard_text():
    easy = "The cat sat on the mat. It was warm. The sun was out."
    hard = (
        "Elevated cortisol concentrations consequent to chronic psychological stress "
        "increase neuromuscular excitability, predisposing musculature to involuntary "
        "fasciculations."
    )
    assert flesch_kincaid_grade(easy) < 3
    assert flesch_kincaid_grade(hard) > 13


def item_markdown(item) -> str:
    """What a reader sees of an item, in the order pages show it."""
    parts = [item.summary, getattr(item, "differs_from_twitch", ""), item.body]
    return "\n\n".join(part for part in parts if part)


def published_items() -> list:
    return [item for model in ALL_MODELS for item in model.objects.published()]


def test_every_published_item_reads_at_grade_9_or_lower(capsys):
    grades = {
        f"{type(item).__name__}:{item.slug}": flesch_kincaid_grade(item_markdown(item))
        for item in published_items()
    }

    with capsys.disabled():
        worst = max(grades, key=grades.get)
        print(f"\n{len(grades)} items; worst {worst} at grade {grades[worst]:.1f}")
    assert {slug: grade for slug, grade in grades.items() if grade > MAX_GRADE} == {}


def test_the_readability_check_fails_an_item_written_like_the_article():
    article_style = (
        "Elevated cortisol levels due to chronic stress can increase neuromuscular "
        "excitability, making muscles more prone to twitching. Botulinum toxin is approved "
        "for blepharospasm and hemifacial spasm, and reduces spasms for three to four months "
        "per session."
    )
    assert flesch_kincaid_grade(article_style) > MAX_GRADE


# Amounts and review dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "count"),
    [
        (Cause, 5),
        (Condition, 4),
        (Faq, 15),
        (PlanStep, 5),
        (Treatment, 5),
        (ChecklistItem, 7),
        (EscalationCriterion, 10),
    ],
)
def test_a_fresh_database_has_all_the_published_guidance(model, count):
    assert model.objects.published().count() == count


def test_there_are_five_dos_and_five_donts():
    assert Advice.objects.published().filter(kind="do").count() == 5
    assert Advice.objects.published().filter(kind="dont").count() == 5


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_every_item_has_review_dates_and_rendered_html(model):
    for item in model.objects.all():
        # Reviewed when first written, or again in the safety review of 30 November 2026.
        assert item.last_reviewed in {dt.date(2026, 11, 1), dt.date(2026, 11, 30)}
        assert item.next_review_due == item.last_reviewed.replace(year=2027)
        assert item.body_html.startswith("<")
        assert item.summary


# Facts ----------------------------------------------------------------------------------------


def all_text() -> str:
    parts = []
    for model in ALL_MODELS:
        for item in model.objects.all():
            parts += [item.title, item.summary, item.body]
            parts.append(getattr(item, "differs_from_twitch", ""))
    # Markdown wraps lines; a fact may span a line break.
    return " ".join(" ".join(parts).split())


@pytest.mark.parametrize(
    "fact",
    [
        "20-20-20",
        "20 feet (6 metres)",
        "7 to 9 hours",
        "3 to 4 months",
        "cranial nerve VII",
        "magnesium",
        "calcium",
        "potassium",
        "vitamin B12",
        "8 glasses",
        "more than 3 weeks (21 days)",
        "spinach, almonds, avocado",
        "pumpkin seeds",
        "dark chocolate",
        "myokymia (the medical name for a common eyelid twitch)",
        "dystonia",
        "functional blindness",
        "clonazepam",
        "baclofen",
        "carbamazepine",
        "off-label",
        "small pad",
        "blue-light filter",
        "sodium, potassium and magnesium",
        "slurred speech",
        "progressive muscle relaxation",
        "cortisol",
        "more than 3 weeks since it began",
        "tumour",
    ],
)
def test_the_articles_facts_are_carried_over(fact):
    assert fact in all_text()


@pytest.mark.parametrize("name", ["Torres", "Sarah", "Boston", "Lena"])
def test_the_quoted_clinician_and_the_case_study_are_left_out(name):
    assert name.lower() not in all_text().lower()


def test_the_causes_map_to_journal_triggers():
    assert dict(Cause.objects.values_list("slug", "trigger")) == {
        "stress-anxiety": "stress",
        "sleep-deprivation": "poor_sleep",
        "caffeine": "caffeine",
        "nutritional-deficiencies": "",
        "dry-eyes-eye-strain": "dry_eyes",
    }


def test_each_condition_says_how_it_differs_and_who_to_see():
    assert dict(Condition.objects.values_list("slug", "specialist")) == {
        "blepharospasm": "neurologist",
        "hemifacial-spasm": "neurologist",
        "multiple-sclerosis": "neurologist",
        "facial-nerve-injury": "gp",
    }
    for condition in Condition.objects.all():
        assert "An ordinary" in condition.differs_from_twitch
        assert "## Who to see" in condition.body


def test_the_plan_weeks_focus_on_the_right_daily_factors():
    assert list(PlanStep.objects.values_list("week", "focus_factors")) == [
        (1, []),
        (2, ["caffeine_servings", "sleep_hours", "stress_level"]),
        (3, ["water_glasses"]),
        (4, ["screen_hours"]),
        (5, []),
    ]


def test_only_the_gentle_options_are_first_line_and_they_come_first():
    treatments = list(Treatment.objects.published())
    assert [t.slug for t in treatments if t.first_line] == ["gentle-options"]
    assert treatments[0].slug == "gentle-options"
    for word in ["Rest", "Sleep", "Less caffeine", "Eye drops", "warm compress"]:
        assert word in treatments[0].body
    for treatment in treatments[1:]:
        assert "not a first-line treatment" in treatment.body or "not a treatment" in (
            treatment.body
        )


def test_the_checklist_slugs_are_stable():
    # People's daily logs store these slugs; renaming one would lose their ticks.
    assert list(ChecklistItem.objects.values_list("slug", flat=True)) == [
        "cut-caffeine-alcohol",
        "drink-water",
        "screen-break",
        "warm-compress",
        "set-bedtime",
        "magnesium-food",
        "deep-breathing",
    ]


# Escalation criteria (the triage engineer codes against these) --------------------------------

FAQ = "/guidance/faq/"
CONDITIONS = "/guidance/conditions/"
CRITERIA = {
    # code: (level, level_after_hours, weight, hours, days, count, specialist, learn_more)
    "stroke_signs": ("emergency", "urgent", 100, 72, None, None, "emergency", FAQ + "#stroke"),
    # guidance 0006: a new weak face is an emergency for 72 hours, then urgent.
    "facial_weakness": (
        "emergency", "urgent", 60, 72, None, None, "gp", CONDITIONS + "facial-nerve-injury/"
    ),
    "persistent": (
        "see_doctor", "", 25, None, 21, None, "neurologist", CONDITIONS + "hemifacial-spasm/"
    ),
    "spreading": (
        "see_doctor", "", 25, None, None, 2, "neurologist", CONDITIONS + "hemifacial-spasm/"
    ),
    "bilateral": (
        "see_doctor", "", 25, None, None, None, "neurologist", CONDITIONS + "blepharospasm/"
    ),
    "forced_closure": (
        "see_doctor", "", 25, None, None, None, "neurologist", CONDITIONS + "blepharospasm/"
    ),
    "eye_inflammation": (
        "see_doctor", "", 15, None, None, None, "ophthalmologist",
        "/guidance/causes/dry-eyes-eye-strain/",
    ),
    "neuro_signs": (
        "see_doctor", "", 30, None, None, None, "neurologist",
        CONDITIONS + "multiple-sclerosis/",
    ),
    "pain": ("see_doctor", "", 15, None, None, None, "gp", FAQ + "#when-to-see-a-doctor"),
    "worsening": ("see_doctor", "", 20, None, 7, 7, "gp", FAQ + "#when-to-see-a-doctor"),
}  # fmt: skip


def test_the_escalation_criteria_are_exactly_as_triage_expects():
    rows = EscalationCriterion.objects.values_list(
        "code", "level", "level_after_hours", "weight", "threshold_hours", "threshold_days",
        "threshold_count", "specialist", "learn_more", "slug", "status",
    )  # fmt: skip

    assert {row[0]: row[1:9] for row in rows} == CRITERIA
    for row in rows:
        assert row[9] == row[0].replace("_", "-")
        assert row[10] == "published"


def test_the_persistent_criterion_explains_itself_plainly():
    persistent = EscalationCriterion.objects.get(code="persistent")
    assert persistent.title == "Twitching for more than 3 weeks"
    assert persistent.summary.startswith(
        "Your twitching has gone on for more than 3 weeks since it began."
    )


# Links ---------------------------------------------------------------------------------------


def internal_links() -> set[str]:
    links = {c.learn_more for c in EscalationCriterion.objects.all()}
    for model in ALL_MODELS:
        for item in model.objects.all():
            for html in [item.body_html, getattr(item, "differs_from_twitch_html", "")]:
                links |= set(re.findall(r'href="(/guidance/[^"]*)"', html))
    return links


def test_every_link_between_guidance_pages_leads_to_a_page_and_anchor_that_exist(client):
    links = internal_links()
    assert len(links) > 10
    for link in sorted(links):
        path, _, anchor = link.partition("#")
        response = client.get(path)
        assert response.status_code == 200, link
        if anchor:
            assert f'id="{anchor}"' in response.content.decode(), link


def test_the_learn_more_pages_are_the_ones_other_features_link_to():
    for path in [
        reverse("guidance:condition", args=["blepharospasm"]),
        reverse("guidance:condition", args=["hemifacial-spasm"]),
        reverse("guidance:condition", args=["multiple-sclerosis"]),
        reverse("guidance:condition", args=["facial-nerve-injury"]),
        reverse("guidance:cause", args=["dry-eyes-eye-strain"]),
    ]:
        assert path in internal_links()

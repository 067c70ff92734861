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


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_each_kind_of_guidance_reads_at_grade_9_or_lower_on_average(model, capsys):
    grades = {item.slug: flesch_kincaid_grade(item.body) for item in model.objects.published()}

    average = sum(grades.values()) / len(grades)
    with capsys.disabled():
        print(f"\n{model.__name__}: average grade {average:.1f}, worst {max(grades.values()):.1f}")
    assert average <= MAX_GRADE, grades


# Amounts and review dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "count"),
    [
        (Cause, 5),
        (Condition, 4),
        (Faq, 3),
        (PlanStep, 5),
        (Treatment, 4),
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
        assert item.last_reviewed == dt.date(2026, 11, 1)
        assert item.next_review_due == dt.date(2027, 11, 1)
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
        "3 to 4 weeks",
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
        "more than a month",
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


def test_no_treatment_is_first_line_and_each_says_so():
    for treatment in Treatment.objects.all():
        assert treatment.first_line is False
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
    assert persistent.summary.startswith("Your twitching has gone on for more than three weeks.")


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

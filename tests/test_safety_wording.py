"""Each finding of the clinical review (issue 22) about what TwitchCare says, one test each.

The hazard log (docs/CLINICAL_SAFETY.md) names these tests as the controls.
"""

import ast
import html
import pathlib
import re

import pytest
from django.template import loader
from django.urls import reverse

from guidance import safety
from guidance.models import (
    Advice,
    Condition,
    EscalationCriterion,
    Faq,
    PlanStep,
    Treatment,
)
from tests.test_guidance_content import ALL_MODELS
from tests.test_safety_consistency import page_text

pytestmark = pytest.mark.django_db

ROOT = pathlib.Path(__file__).resolve().parent.parent


def items():
    return [item for model in ALL_MODELS for item in model.objects.published()]


def reader_text(item) -> str:
    """What a reader sees of an item, in page order, links reduced to their words."""
    parts = [item.summary, getattr(item, "differs_from_twitch", ""), item.body]
    text = "\n\n".join(p for p in parts if p)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(re.sub(r"[*_]", "", text).split())


def all_reader_text() -> str:
    return " ".join(f"{item.title}. {reader_text(item)}" for item in items())


def fast_section(body: str) -> str:
    match = re.search(
        r'<section class="care-card care-card--emergency fast-card.*?</section>', body, re.S
    )
    assert match, "no FAST card"
    return match.group(0)


# One source --------------------------------------------------------------------------------


def test_the_safety_module_does_not_import_journal():
    tree = ast.parse((ROOT / "guidance" / "safety.py").read_text())
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ] + [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [name for name in imported if name.startswith("journal")]


def test_the_fast_block_names_the_four_signs_and_the_three_numbers():
    assert [(s.letter, s.name) for s in safety.FAST_SIGNS] == [
        ("F", "Face drooping"),
        ("A", "Arm weakness"),
        ("S", "Speech trouble"),
        ("T", "Time to call"),
    ]
    assert "newly drooped" in safety.FAST_SIGNS[0].text
    assert "not the pull of a twitch" in safety.FAST_SIGNS[0].text
    assert "999 in the UK, 112 in the EU, 911 in the US" in safety.FAST_SIGNS[3].text
    assert "Call even if the signs go away" in safety.FAST_EVEN_IF_GONE


@pytest.mark.parametrize(
    "url",
    [
        reverse("home"),
        reverse("guidance:index"),
        reverse("guidance:faq"),
        reverse("guidance:criteria"),
        reverse("guidance:advice"),
        reverse("guidance:treatments"),
        reverse("login"),
        "/no-such-page/",
    ],
)
def test_every_page_shows_the_fast_block_exactly_once(client, url):
    body = client.get(url).content.decode()

    assert body.count("fast-card") >= 1
    assert len(re.findall(r'<section class="care-card care-card--emergency fast-card', body)) == 1
    for sign in safety.FAST_SIGNS:
        assert html.escape(sign.text) in body, url
    assert html.escape(safety.FAST_EVEN_IF_GONE) in body
    assert html.escape(safety.NOT_A_NEW_DROOP) in body
    for number, _where in safety.EMERGENCY_NUMBERS:
        assert f'href="tel:{number}"' in body
    assert html.escape(safety.DISCLAIMER) in body


def test_a_signed_in_page_shows_the_fast_block_in_the_footer(signed_in_client):
    body = signed_in_client.get(reverse("journal:episode_list")).content.decode()
    footer = body[body.index('<footer class="site-footer') :]
    assert "fast-card--footer" in footer
    assert html.escape(safety.FAST_SIGNS[0].text) in footer


def test_the_500_page_shows_the_same_fast_words_as_the_home_page(client, settings):
    home = fast_section(client.get(reverse("home")).content.decode())
    static = loader.get_template("500.html").render()  # as Django renders it: no request

    assert page_text(fast_section(static)) == page_text(home)
    assert html.escape(safety.DISCLAIMER) in static


@pytest.mark.parametrize(
    "url",
    [reverse("guidance:faq"), reverse("guidance:plan"), reverse("guidance:cause_list")],
)
def test_guidance_pages_end_with_the_urgent_line_and_the_see_a_gp_list(client, url):
    text = page_text(client.get(url).content.decode())

    assert "Contact a doctor today if" in text
    assert safety.URGENT_HOW in text
    assert safety.SEE_GP_HEADING in text
    for line in safety.see_gp_if(21):
        assert line in text


def test_the_urgent_level_means_today_not_within_24_hours():
    assert "today" in str(EscalationCriterion._meta.get_field("level").choices[2][1])
    assert safety.LEVEL_ACTIONS["urgent"] == "Contact a doctor today"
    assert safety.LEVEL_HEADINGS["urgent"] == "Urgent: contact a doctor today"
    assert "24 hours" not in safety.URGENT_HOW
    assert "NHS 111" in safety.URGENT_HOW


def test_the_threshold_words_come_from_days():
    assert safety.persistent_threshold(21) == "more than 3 weeks since it began"
    assert safety.persistent_threshold(28) == "more than 4 weeks since it began"
    assert safety.persistent_threshold(10) == "more than 10 days since it began"
    assert safety.hours_phrase(72) == "3 days"
    assert safety.hours_phrase(36) == "36 hours"


# One threshold ------------------------------------------------------------------------------


def test_the_do_s_and_don_ts_say_3_weeks_not_3_to_4():
    item = Advice.objects.get(slug="dont-ignore-a-long-twitch")
    assert "more than 3 weeks" in item.title
    assert "since it began" in item.summary
    assert "3 to 4" not in f"{item.title} {item.summary} {item.body}"


def test_plan_week_5_counts_3_weeks_from_when_the_twitch_began_not_the_plan():
    week5 = reader_text(PlanStep.objects.get(week=5))
    assert "more than 3 weeks since it began" in week5
    assert "not the day you began this plan" in week5
    assert "month" not in week5


def test_plan_week_5_does_not_let_weakness_or_drooping_wait():
    week5 = reader_text(PlanStep.objects.get(week=5))
    assert "weakness, pain or drooping" not in week5
    assert "do not wait for an appointment. Call your local emergency number now" in week5


@pytest.mark.parametrize("week", [1, 2, 3, 4])
def test_every_earlier_plan_week_says_do_not_wait_for_week_5(week):
    text = reader_text(PlanStep.objects.get(week=week))
    assert "Don't wait for week 5 if:" in text
    assert "newly droops" in text and "Call your local emergency number now" in text
    assert "more than 3 weeks since it began" in text


def test_the_persistent_criterion_is_21_days_and_its_words_say_3_weeks():
    persistent = EscalationCriterion.objects.get(code="persistent")
    assert persistent.threshold_days == 21
    assert "more than 3 weeks since it began" in persistent.summary


# Every safety line shown --------------------------------------------------------------------


def test_the_criteria_page_shows_each_criterion_s_explanation_not_its_title_alone(client):
    body = client.get(reverse("guidance:criteria")).content.decode()

    for criterion in EscalationCriterion.objects.published():
        assert f'id="{criterion.code}"' in body
        assert criterion.body_html in body, criterion.code
    text = page_text(body)
    assert (
        "If your eye is very painful, or your sight changes suddenly, contact a doctor today"
        in text
    )
    assert "If these signs came on suddenly, call your local emergency number now" in text


def test_the_criteria_page_always_shows_the_urgent_card(client):
    EscalationCriterion.objects.filter(level="urgent").update(level="emergency")

    text = page_text(client.get(reverse("guidance:criteria")).content.decode())

    assert "Contact a doctor today if" in text
    assert safety.URGENT_HOW in text


def test_the_criteria_page_does_not_call_the_triage_page_jargon(client):
    text = page_text(client.get(reverse("guidance:criteria")).content.decode())
    assert "triage page" not in text.lower()


# Stroke signs and a new droop ---------------------------------------------------------------


def test_stroke_signs_say_call_even_if_they_have_gone():
    stroke = EscalationCriterion.objects.get(code="stroke_signs")
    text = reader_text(stroke)
    assert "Call even if the signs go away" in text
    assert "even if they have gone" in stroke.summary
    assert "still contact a doctor today" not in text


@pytest.mark.parametrize("code", ["stroke_signs", "facial_weakness"])
def test_an_emergency_criterion_s_explanation_holds_at_either_level(code):
    # The explanation is shown at emergency (new) and at urgent (older): it must say both.
    summary = EscalationCriterion.objects.get(code=code).summary
    assert "in the last 3 days, call your local emergency number now" in summary
    assert "contact a doctor today" in summary
    assert not summary.startswith("Call")


@pytest.mark.parametrize(
    ("model", "slug"),
    [
        (Faq, "stroke"),
        (Faq, "when-to-see-a-doctor"),
        (Advice, "dont-ignore-weakness"),
        (Condition, "facial-nerve-injury"),
        (Condition, "hemifacial-spasm"),
        (EscalationCriterion, "facial-weakness"),
    ],
)
def test_a_new_droop_is_an_emergency_wherever_it_is_mentioned(model, slug):
    text = f"{model.objects.get(slug=slug).title}. {reader_text(model.objects.get(slug=slug))}"
    assert re.search(r"newly (?:droops|drooped)", text)
    assert "call your local emergency number" in text.lower()
    assert "within 24 hours" not in text


@pytest.mark.parametrize(
    ("model", "slug"),
    [
        (Faq, "stroke"),
        (Advice, "dont-ignore-weakness"),
        (EscalationCriterion, "facial-weakness"),
    ],
)
def test_a_new_droop_is_told_apart_from_a_twitch_s_pull_an_old_droop_and_botox(model, slug):
    text = reader_text(model.objects.get(slug=slug))
    assert "pull of a twitch" in text
    assert "old droop" in text
    assert "Botox" in text


def test_the_stroke_faq_opens_with_the_safety_answer_not_a_bold_no():
    faq = Faq.objects.get(slug="stroke")
    assert not faq.body.lstrip("*").startswith("No")
    assert not faq.summary.startswith("No")
    assert faq.body.startswith("**If a face has newly drooped")
    assert "Call even if the signs go away" in reader_text(faq)


def test_botox_side_effects_are_listed_with_a_drooping_eyelid():
    botox = reader_text(Treatment.objects.get(slug="botulinum-toxin"))
    assert "Side effects can include" in botox
    for effect in ["a drooping eyelid", "a dry or watery eye", "blurred or double vision"]:
        assert effect in botox
    assert "not a stroke" in botox


# Overclaims ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "claim",
    [
        "A stress twitch is harmless",
        "It is harmless",
        "Most twitches are harmless",
        "not dangerous in itself",
        "do not hurt",
        "does not hurt. Pain",
        "almost always comes with other signs",
        "very unlikely to be MS",
    ],
)
def test_no_claim_is_stronger_than_the_article(claim):
    assert claim not in all_reader_text()


@pytest.mark.parametrize("url", [reverse("home"), reverse("guidance:index")])
def test_the_front_pages_say_usually_harmless(client, url):
    assert "usually harmless" in page_text(client.get(url).content.decode())


def test_ms_is_uncommon_without_other_signs():
    ms = Condition.objects.get(slug="multiple-sclerosis")
    assert "uncommon without other signs" in ms.summary


def test_one_eye_forced_shut_is_not_tied_to_blepharospasm():
    text = reader_text(EscalationCriterion.objects.get(code="forced_closure"))
    assert "When both eyes do this, it may be blepharospasm" in text
    assert "When one eye closes" in text and "hemifacial spasm" in text


# Plain English --------------------------------------------------------------------------------

#: Words a worried reader stumbles on, each with the same idea under another name.
MEDICAL_WORDS = {
    "hemifacial spasm": ["hemifacial spasm"],
    "blepharospasm": ["blepharospasm"],
    "botulinum toxin": ["botulinum toxin", "botox"],
    "MRI": ["mri"],
}


def first_use_is_explained(text: str, names: list[str]) -> bool:
    """The first mention is followed by a bracketed explanation or "means"/"is a"/"uses"."""
    lower = text.lower()
    starts = [lower.find(name) for name in names if name in lower]
    start = min(starts)
    after = lower[start : start + 60]
    return bool(re.match(r"[\w ]{0,32}?(?:\(| means | is a | uses )", after))


@pytest.mark.parametrize("word", MEDICAL_WORDS)
def test_each_medical_word_is_explained_on_first_use_in_each_item(word):
    names = MEDICAL_WORDS[word]
    unexplained = []
    for item in items():
        text = reader_text(item)
        if not any(name in text.lower() for name in names):
            continue
        if any(item.title.lower().startswith(name) for name in names):
            continue  # The item is about it: its summary is the explanation.
        if not first_use_is_explained(text, names):
            unexplained.append(item.slug)
    assert unexplained == []


def test_the_explanation_check_fails_an_unexplained_word():
    assert not first_use_is_explained("Used for blepharospasm and more.", ["blepharospasm"])
    assert first_use_is_explained("It may be blepharospasm (both eyes close).", ["blepharospasm"])


def test_no_fda_and_medicines_are_not_licensed_for_twitching():
    text = all_reader_text()
    assert "FDA" not in text
    assert "regulators" in text and "licensed it for" in text
    assert "not licensed for twitching" in reader_text(Treatment.objects.get(slug="medications"))
    assert "not made for twitching" not in text


# Gentle options first ----------------------------------------------------------------------------


def test_the_treatments_page_leads_with_the_gentle_options(client):
    body = client.get(reverse("guidance:treatments")).content.decode()

    gentle = body.index('id="gentle-options"')
    for slug in ["botulinum-toxin", "medications", "mri-scan", "microvascular-decompression"]:
        assert gentle < body.index(f'id="{slug}"')
    text = page_text(body[gentle : body.index('id="botulinum-toxin"')])
    for option in ["Rest", "Sleep", "Less caffeine", "Eye drops", "warm compress"]:
        assert option in text
    assert "First-line: tried early" in text


# The hazard log ---------------------------------------------------------------------------------


def hazard_log_tests() -> list[tuple[str, str]]:
    """(file under tests/, test name) for every test the hazard log names (``test_x.py::``,
    ``tests/e2e/test_x.py::`` or ``e2e/test_x.py::``); ``::name`` uses the last file."""
    named = []
    for line in (ROOT / "docs" / "CLINICAL_SAFETY.md").read_text().splitlines():
        current = None
        pattern = r"`(?:(?:tests/)?((?:e2e/)?test_\w+\.py))?::(test_\w+)`"
        for file, name in re.findall(pattern, line):
            current = file or current
            assert current, f"no file before ::{name}"
            named.append((current, name))
    return named


def test_the_hazard_log_names_only_tests_that_exist():
    named = hazard_log_tests()

    assert len(named) > 60
    missing = [
        f"{file}::{name}"
        for file, name in named
        if not re.search(rf"^def {name}\(", (ROOT / "tests" / file).read_text(), re.M)
    ]
    assert missing == []

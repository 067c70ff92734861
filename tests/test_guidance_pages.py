"""The public guidance pages: open to all, published items only, safe HTML, fixed queries."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guidance.models import Advice, Cause, ChecklistItem, Condition, Faq, Treatment
from guidance.views import SEARCH_MAX_LENGTH
from tests.factories import (
    AdviceFactory,
    CauseFactory,
    ChecklistItemFactory,
    ConditionFactory,
    FaqFactory,
    TreatmentFactory,
)

pytestmark = pytest.mark.django_db

EVIL_BODY = (
    "Hello <script>alert(1)</script>\n\n"
    "<img src=x onerror=alert(1)>\n\n"
    "[x](javascript:alert(1))\n\n"
    '<a href="#" onclick="alert(1)">y</a>'
)

PAGES = [
    reverse("guidance:index"),
    reverse("guidance:cause_list"),
    reverse("guidance:cause", args=["caffeine"]),
    reverse("guidance:condition_list"),
    reverse("guidance:condition", args=["hemifacial-spasm"]),
    reverse("guidance:advice"),
    reverse("guidance:faq"),
    reverse("guidance:plan"),
    reverse("guidance:treatments"),
    reverse("guidance:checklist"),
    reverse("guidance:criteria"),
]


def assert_no_script(html: str) -> None:
    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "onclick" not in html
    assert "javascript:" not in html
    assert "<img" not in html


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", PAGES)
def test_every_page_opens_without_signing_in_and_shows_its_review_dates(client, url):
    response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="review-date"' in html
    # Written on 1 November 2026; the items the safety review rewrote, on 30 November.
    assert re.search(
        r'Page last reviewed: <time datetime="2026-11-(01|30)">(1|30) November 2026</time>', html
    )
    assert re.search(
        r'Next review due: <time datetime="2027-11-(01|30)">(1|30) November 2027</time>', html
    )
    assert "not medical advice" in html


@pytest.mark.parametrize("url", PAGES)
def test_every_page_works_for_a_signed_in_person_too(signed_in_client, url):
    assert signed_in_client.get(url).status_code == 200


def test_the_main_menu_links_to_the_guidance(client):
    html = client.get(reverse("guidance:faq")).content.decode()

    assert f'href="{reverse("guidance:index")}" aria-current="page">Guidance</a>' in html


def test_the_index_links_to_every_section_and_has_a_search_box(client):
    html = client.get(reverse("guidance:index")).content.decode()

    for name in ["cause_list", "condition_list", "advice", "faq", "plan", "treatments",
                 "checklist", "criteria"]:  # fmt: skip
        assert f'href="{reverse(f"guidance:{name}")}"' in html
    assert f'action="{reverse("guidance:search")}"' in html
    assert '<label class="form-label fw-semibold" for="guidance-search-q">' in html


def test_a_cause_page_offers_to_log_its_trigger(client):
    html = client.get(reverse("guidance:cause", args=["sleep-deprivation"])).content.decode()

    assert 'href="/journal/new/?trigger=poor_sleep"' in html
    assert "You will be asked to log in first" in html


def test_a_cause_without_a_journal_trigger_offers_no_log_link(client):
    html = client.get(reverse("guidance:cause", args=["nutritional-deficiencies"])).content
    assert b"/journal/new/" not in html


def test_a_condition_page_says_how_it_differs_and_links_to_causes_and_the_faq(client):
    html = client.get(reverse("guidance:condition", args=["blepharospasm"])).content.decode()

    assert "How it differs from an ordinary twitch" in html
    assert "<strong>both</strong> eyes" in html
    assert reverse("guidance:cause", args=["stress-anxiety"]) in html
    assert reverse("guidance:faq") + "#when-to-see-a-doctor" in html
    assert "a neurologist" in html


def test_a_cause_page_links_to_the_conditions_of_its_topic(client):
    # Issue 20: chosen by topic (tests/test_guidance_related.py), not every condition.
    html = client.get(reverse("guidance:cause", args=["stress-anxiety"])).content.decode()

    assert reverse("guidance:condition", args=["blepharospasm"]) in html
    assert reverse("guidance:condition", args=["multiple-sclerosis"]) not in html


def test_dos_and_donts_are_tick_and_cross_lists_with_words(client):
    html = client.get(reverse("guidance:advice")).content.decode()

    assert "do-dont-list--do" in html
    assert "do-dont-list--dont" in html
    assert html.count('<span class="visually-hidden">Do: </span>') == 5
    assert html.count('<span class="visually-hidden">Don\'t: </span>') == 5
    assert html.count("guidance-icon--tick") == 5
    assert html.count("guidance-icon--cross") == 5


def test_treatments_say_in_words_whether_they_are_first_line(client):
    html = client.get(reverse("guidance:treatments")).content.decode()

    assert html.count("Not first-line: for lasting or severe cases") == 4
    assert "doctors try gentle options first" in html


def test_the_plan_shows_five_weeks_with_what_to_log(client):
    html = client.get(reverse("guidance:plan")).content.decode()

    for week in range(1, 6):
        assert f'id="week-{week}"' in html
    assert "hours of screen time" in html
    assert "20-20-20" in html


def test_when_to_get_help_groups_the_criteria_by_level_most_serious_first(client):
    html = client.get(reverse("guidance:criteria")).content.decode()

    emergency = html.index("care-card--emergency")
    urgent = html.index("care-card--urgent")
    see_doctor = html.index("care-card--see-doctor")
    assert emergency < urgent < see_doctor
    # A new weak or drooping face is an emergency; its explanation says what to do once
    # it is older than 3 days (72 hours).
    assert emergency < html.index('id="facial_weakness"') < urgent
    assert "began more than 3 days ago and no doctor has checked it, contact a doctor" in html
    assert "Call your local emergency number now" in html
    assert 'id="stroke_signs"' in html
    assert 'href="/guidance/faq/#stroke"' in html


@pytest.mark.parametrize(
    ("factory", "url_name"),
    [(CauseFactory, "guidance:cause"), (ConditionFactory, "guidance:condition")],
)
def test_a_draft_is_a_404_on_its_own_page(client, factory, url_name):
    draft = factory(status="draft")

    assert client.get(reverse(url_name, args=[draft.slug])).status_code == 404


def test_a_missing_slug_is_a_404(client):
    assert client.get(reverse("guidance:cause", args=["no-such-cause"])).status_code == 404


@pytest.mark.parametrize(
    ("factory", "url_name", "extra"),
    [
        (CauseFactory, "guidance:cause_list", {}),
        (ConditionFactory, "guidance:condition_list", {}),
        (AdviceFactory, "guidance:advice", {"kind": "dont"}),
        (FaqFactory, "guidance:faq", {}),
        (TreatmentFactory, "guidance:treatments", {}),
        (ChecklistItemFactory, "guidance:checklist", {}),
    ],
)
def test_drafts_are_absent_from_lists_and_search(client, factory, url_name, extra):
    factory(status="draft", title="Secret zebra draft", summary="zebra", **extra)

    assert b"zebra" not in client.get(reverse(url_name)).content
    assert b"zebra" not in client.get(reverse("guidance:index")).content
    search = client.get(reverse("guidance:search"), {"q": "zebra"}).content.decode()
    assert "Secret zebra draft" not in search
    assert "Nothing matched" in search


def test_editor_markdown_cannot_inject_script_into_a_page(client):
    cause = CauseFactory(body=EVIL_BODY)
    condition = ConditionFactory(body=EVIL_BODY, differs_from_twitch=EVIL_BODY)
    faq = FaqFactory(body=EVIL_BODY)

    for url in [
        cause.get_absolute_url(),
        condition.get_absolute_url(),
        reverse("guidance:faq"),
        reverse("guidance:search") + "?q=Hello",
    ]:
        html = client.get(url).content.decode()
        assert "Hello" in html or faq.title in html
        assert_no_script(html)


def test_search_finds_published_items_across_kinds(client):
    html = client.get(reverse("guidance:search"), {"q": "magnesium"}).content.decode()
    html = re.sub(r"</?mark>", "", html)  # matched words are highlighted

    assert "Low minerals or vitamins" in html  # a cause
    assert "Eat foods rich in magnesium" in html  # a do
    assert "Eat one food rich in magnesium" in html  # a checklist item
    assert 'value="magnesium"' in html


def test_search_ignores_case(client):
    html = client.get(reverse("guidance:search"), {"q": "BLEPHAROSPASM"}).content.decode()
    assert "Blepharospasm" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a word to search for"),
        ("   ", "Type a word to search for"),
        ("a", "Type at least 2 letters"),
        ("x" * (SEARCH_MAX_LENGTH + 1), "That search is too long"),
        ("qwertyuiop", "Nothing matched “qwertyuiop”"),
    ],
)
def test_a_bad_search_gets_a_friendly_message(client, query, message):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("guidance:search"), {"q": query})

    assert response.status_code == 200
    assert message in response.content.decode()
    if query.strip() != "qwertyuiop":
        # No search runs; the one query reads the thresholds the safety cards state.
        assert len(queries) == 1


def test_search_escapes_what_was_typed(client):
    html = client.get(reverse("guidance:search"), {"q": "<script>x</script>"}).content.decode()

    assert "<script>x</script>" not in html
    assert "&lt;script&gt;" in html


def _add_published(count: int) -> None:
    """Add ``count`` published items of every kind the pages list."""
    for model, factory, extra in [
        (Cause, CauseFactory, {}),
        (Condition, ConditionFactory, {}),
        (Advice, AdviceFactory, {}),
        (Faq, FaqFactory, {}),
        (Treatment, TreatmentFactory, {}),
        (ChecklistItem, ChecklistItemFactory, {}),
    ]:
        model.objects.bulk_create(factory.build_batch(count, summary="bulk words", **extra))


@pytest.mark.parametrize(
    "url",
    [
        reverse("guidance:index"),
        reverse("guidance:cause_list"),
        reverse("guidance:cause", args=["caffeine"]),
        reverse("guidance:condition_list"),
        reverse("guidance:condition", args=["blepharospasm"]),
        reverse("guidance:advice"),
        reverse("guidance:faq"),
        reverse("guidance:treatments"),
        reverse("guidance:checklist"),
        reverse("guidance:plan"),
        reverse("guidance:criteria"),
        reverse("guidance:search") + "?q=bulk",
    ],
)
def test_pages_run_the_same_number_of_queries_with_5_and_500_items(client, url):
    _add_published(5)
    cache.clear()  # count a full render, not the cached page
    with_5 = query_count(client, url)
    _add_published(495)
    cache.clear()
    with_500 = query_count(client, url)

    assert with_5 == with_500
    # One query per kind searched (8), plus one for the safety cards' thresholds.
    assert with_500 <= 9

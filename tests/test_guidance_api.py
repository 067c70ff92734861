"""The public guidance API: read-only, published items only, sanitised HTML, fixed queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guidance.models import Cause, Condition
from tests.factories import CauseFactory, ConditionFactory

pytestmark = pytest.mark.django_db

EVIL_BODY = (
    "Hello <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))"
)

ENDPOINTS = {
    "causes": 5,
    "conditions": 4,
    "advice": 10,
    "faqs": 15,  # the article's 3 and 12 more (guidance migration 0009_faq)
    "plan": 5,
    "treatments": 5,
    "checklist": 7,
    "criteria": 10,
}
COMMON = {"slug", "title", "summary", "body_html", "url", "last_reviewed", "next_review_due"}


@pytest.mark.parametrize(("name", "count"), ENDPOINTS.items())
def test_anyone_can_list_the_published_guidance(api_client, name, count):
    response = api_client.get(f"/api/guidance/{name}/")

    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] == count
    first = data["results"][0]
    assert set(first) >= COMMON
    assert "body" not in first
    # Written on 1 November 2026; rewritten items reviewed again on 30 November.
    assert first["last_reviewed"] in {"2026-11-01", "2026-11-30"}
    assert first["next_review_due"] == first["last_reviewed"].replace("2026", "2027")


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("causes/caffeine/", {"trigger": "caffeine"}),
        ("conditions/hemifacial-spasm/", {"specialist": "neurologist"}),
        ("advice/do-eat-magnesium/", {"kind": "do"}),
        ("plan/week-4-environment/", {"week": 4, "focus_factors": ["screen_hours"]}),
        ("treatments/botulinum-toxin/", {"first_line": False}),
        ("faqs/stroke/", {"title": "Is facial twitching a sign of a stroke?"}),
        ("checklist/drink-water/", {"title": "Drink at least 8 glasses of water"}),
        (
            "criteria/persistent/",
            {"code": "persistent", "level": "see_doctor", "weight": 25, "threshold_days": 21},
        ),
    ],
)
def test_an_item_is_read_by_its_slug_with_its_own_fields(api_client, path, fields):
    response = api_client.get(f"/api/guidance/{path}")

    assert response.status_code == 200
    data = response.json()
    for key, value in fields.items():
        assert data[key] == value
    assert data["url"].startswith("http://testserver/guidance/")


def test_a_condition_carries_its_sanitised_differs_html(api_client):
    data = api_client.get("/api/guidance/conditions/blepharospasm/").json()
    assert "<strong>both</strong>" in data["differs_from_twitch_html"]
    assert "differs_from_twitch" not in data


def test_a_draft_is_a_404_and_absent_from_the_list(api_client):
    draft = CauseFactory(status="draft", slug="draft-cause")

    assert api_client.get(f"/api/guidance/causes/{draft.slug}/").status_code == 404
    slugs = [item["slug"] for item in api_client.get("/api/guidance/causes/").json()["results"]]
    assert draft.slug not in slugs


def test_the_api_is_read_only(api_client, signed_in_api_client):
    for client in (api_client, signed_in_api_client):
        assert client.post("/api/guidance/causes/", {"title": "x"}).status_code in (401, 403, 405)
        assert client.delete("/api/guidance/causes/caffeine/").status_code in (401, 403, 405)
    assert Cause.objects.filter(slug="caffeine").exists()


def test_editor_markdown_cannot_inject_script_through_the_api(api_client):
    cause = CauseFactory(body=EVIL_BODY)
    condition = ConditionFactory(body=EVIL_BODY, differs_from_twitch=EVIL_BODY)

    for url in [
        f"/api/guidance/causes/{cause.slug}/",
        f"/api/guidance/conditions/{condition.slug}/",
        "/api/guidance/causes/",
    ]:
        text = api_client.get(url).content.decode()
        assert "Hello" in text
        assert "<script" not in text
        assert "onerror" not in text
        assert "javascript:" not in text


def test_lists_are_paginated_with_page_size(api_client):
    Cause.objects.bulk_create(CauseFactory.build_batch(60))

    data = api_client.get("/api/guidance/causes/", {"page_size": 10}).json()
    assert data["count"] == 65
    assert len(data["results"]) == 10
    assert data["next"].endswith("page=2&page_size=10")


def _count(api_client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert api_client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ENDPOINTS)
def test_lists_run_the_same_number_of_queries_with_5_and_500_items(api_client, name):
    Cause.objects.bulk_create(CauseFactory.build_batch(5))
    Condition.objects.bulk_create(ConditionFactory.build_batch(5))
    with_5 = _count(api_client, f"/api/guidance/{name}/")
    Cause.objects.bulk_create(CauseFactory.build_batch(495))
    Condition.objects.bulk_create(ConditionFactory.build_batch(495))
    with_500 = _count(api_client, f"/api/guidance/{name}/")

    assert with_5 == with_500 <= 2

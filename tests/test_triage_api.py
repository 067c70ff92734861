"""GET /api/triage/: the person's triage result over the API."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from guidance.models import EscalationCriterion
from journal.selectors import triage_for
from tests.conftest import api_token, sign_in_with_token
from tests.factories import EpisodeFactory, UserFactory
from tests.test_triage_pages import bulk

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)
URL = reverse("api-triage")
SPEC_KEYS = {"level", "score", "window_days", "assessed_at", "criteria", "next_steps", "disclaimer"}
SPEC_CRITERION_KEYS = {"code", "title", "level", "explanation", "evidence", "learn_more"}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def log(user, *, hours_ago: float = 1, **fields):
    return EpisodeFactory(user=user, started_at=NOW - dt.timedelta(hours=hours_ago), **fields)


def get(client) -> dict:
    response = client.get(URL)
    assert response.status_code == 200
    return response.json()


# Access ---------------------------------------------------------------------------------


def test_without_credentials_it_answers_401(api_client):
    response = api_client.get(URL)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_a_token_is_enough(api_client, user):
    log(user, symptoms=["pain"])
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")

    assert get(api_client)["level"] == "see_doctor"


def test_a_session_is_enough(client, user):
    client.force_login(user)

    assert client.get(URL).json()["level"] == "no_data"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_it_only_reads(signed_in_api_client, method):
    assert getattr(signed_in_api_client, method)(URL).status_code == 405


def test_the_answer_is_never_stored(signed_in_api_client):
    assert "no-store" in signed_in_api_client.get(URL)["Cache-Control"]


def test_another_person_s_episodes_never_change_my_result(signed_in_api_client, other_user):
    log(other_user, symptoms=["confusion"])
    log(other_user, hours_ago=2, symptoms=["drooping", "pain"], side="both")

    data = get(signed_in_api_client)

    assert data["level"] == "no_data"
    assert data["criteria"] == []
    assert data["score"] == 0


# The contract ---------------------------------------------------------------------------


def test_the_answer_has_exactly_the_spec_s_keys_and_a_few_more(signed_in_api_client, user):
    episode = log(user, symptoms=["redness"])

    data = get(signed_in_api_client)

    assert SPEC_KEYS <= set(data) <= SPEC_KEYS | {"specialist", "bout", "episode_count"}
    assert data["level"] == "see_doctor"
    assert data["window_days"] == 60
    assert data["assessed_at"] == "2026-03-12T09:00:00Z"
    assert data["disclaimer"].startswith("This is not a diagnosis.")
    assert data["next_steps"][0].startswith(
        "Book an appointment with your GP or family doctor. "
        "Ask them about seeing an ophthalmologist"
    )
    assert data["specialist"] == "ophthalmologist"
    [criterion] = data["criteria"]
    eye = EscalationCriterion.objects.get(code="eye_inflammation")
    assert set(criterion) >= SPEC_CRITERION_KEYS
    assert criterion == criterion | {
        "code": "eye_inflammation",
        "title": eye.title,
        "level": "see_doctor",
        "explanation": eye.summary,
        "evidence": [episode.pk],
        "learn_more": eye.learn_more,
    }
    assert data["score"] == eye.weight


def test_no_episodes_is_no_data(signed_in_api_client):
    data = get(signed_in_api_client)

    assert data["level"] == "no_data"
    assert data["bout"] is None
    assert data["specialist"] is None


def test_a_stroke_sign_is_an_emergency_and_the_call_comes_first(signed_in_api_client, user):
    old = log(user, hours_ago=100, symptoms=["arm_weakness"])
    new = log(user, hours_ago=2, symptoms=["slurred_speech"])

    data = get(signed_in_api_client)

    assert data["level"] == "emergency"
    assert data["next_steps"][0].startswith("Call your local emergency number now")
    assert data["criteria"][0]["code"] == "stroke_signs"
    assert data["criteria"][0]["evidence"] == sorted([old.pk, new.pk])


def test_criteria_come_highest_level_first(signed_in_api_client, user):
    log(user, symptoms=["pain", "drooping"])

    levels = [c["level"] for c in get(signed_in_api_client)["criteria"]]

    assert levels == ["emergency", "see_doctor"]


def test_the_api_and_the_banner_give_the_same_answer(signed_in_api_client, user):
    assert get(signed_in_api_client)["level"] == triage_for(user).level == "no_data"

    log(user, symptoms=["confusion"])

    assert get(signed_in_api_client)["level"] == triage_for(user).level == "emergency"


# Editable criteria ---------------------------------------------------------------------


def test_a_shorter_persistent_threshold_changes_the_answer(signed_in_api_client, user):
    for day in range(0, 16, 3):
        log(user, hours_ago=24 * day)
    assert get(signed_in_api_client)["level"] == "self_care"

    persistent = EscalationCriterion.objects.get(code="persistent")
    persistent.threshold_days = 10
    persistent.save()

    data = get(signed_in_api_client)
    assert data["level"] == "see_doctor"
    assert [c["code"] for c in data["criteria"]] == ["persistent"]


def test_pain_raised_to_urgent_changes_the_answer(signed_in_api_client, user):
    log(user, symptoms=["pain"])
    pain = EscalationCriterion.objects.get(code="pain")
    pain.level = "urgent"
    pain.save()

    assert get(signed_in_api_client)["level"] == "urgent"


# Query counts ---------------------------------------------------------------------------


def test_it_runs_the_same_queries_for_5_and_500_episodes(django_assert_num_queries):
    few, many = UserFactory(), UserFactory()
    bulk(few, 5, spread_days=50, symptoms=["pain"])
    bulk(many, 500, spread_days=50, symptoms=["pain"])
    client = APIClient()
    sign_in_with_token(client, few)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).json()["level"] == "see_doctor"
    sign_in_with_token(client, many)

    with django_assert_num_queries(len(captured)):
        assert client.get(URL).json()["level"] == "see_doctor"
    # The token (with the user and profile), the episodes, the criteria.
    assert len(captured) == 3

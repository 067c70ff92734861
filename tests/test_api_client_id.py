"""``client_id`` on POST /api/episodes/ and /api/daily-logs/: an offline outbox that sends an
entry twice stores it once (SPEC, "Offline").

A repeat with a ``client_id`` the person already used answers 200 with the stored entry; the
database's unique constraint decides, so concurrent repeats (tested with threads on SQLite
and PostgreSQL) store exactly one row.
"""

import datetime as dt
import threading
import uuid

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from journal.models import DailyLog, Episode
from tests.conftest import api_token, sign_in_with_token
from tests.factories import DailyLogFactory, UserFactory

NOW = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)
EPISODES = reverse("api-episode-list")
DAILY_LOGS = reverse("api-daily-log-list")
EPISODE = {"started_at": "2026-03-12T08:30:00Z", "locations": ["eyelid"], "side": "left"}
DAILY_LOG = {"date": "2026-03-12", "sleep_hours": 6.5}
CLIENT_ID = "6f1c2a3e-6b0e-4d3c-9d8f-2a1b3c4d5e6f"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


pytestmark = pytest.mark.usefixtures("frozen")


# Episodes ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_episode_posted_with_a_client_id_keeps_it_and_shows_it(signed_in_api_client, user):
    response = signed_in_api_client.post(
        EPISODES, {**EPISODE, "client_id": CLIENT_ID}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["client_id"] == CLIENT_ID
    assert str(Episode.objects.get(user=user).client_id) == CLIENT_ID


@pytest.mark.django_db
def test_an_episode_without_a_client_id_shows_null(signed_in_api_client):
    response = signed_in_api_client.post(EPISODES, EPISODE, format="json")

    assert response.status_code == 201
    assert response.json()["client_id"] is None


@pytest.mark.django_db
def test_a_repeated_episode_answers_200_with_the_stored_one(signed_in_api_client, user):
    first = signed_in_api_client.post(EPISODES, {**EPISODE, "client_id": CLIENT_ID}, format="json")
    # The repeat's body differs: the stored entry wins, untouched.
    repeat = signed_in_api_client.post(
        EPISODES, {**EPISODE, "side": "right", "client_id": CLIENT_ID}, format="json"
    )

    assert repeat.status_code == 200
    assert repeat.json() == first.json()
    assert Episode.objects.filter(user=user).count() == 1
    assert Episode.objects.get(user=user).side == "left"


@pytest.mark.django_db
def test_a_repeat_in_another_spelling_of_the_uuid_is_still_a_repeat(signed_in_api_client, user):
    signed_in_api_client.post(EPISODES, {**EPISODE, "client_id": CLIENT_ID}, format="json")
    repeat = signed_in_api_client.post(
        EPISODES, {**EPISODE, "client_id": CLIENT_ID.upper().replace("-", "")}, format="json"
    )

    assert repeat.status_code == 200
    assert Episode.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_another_persons_same_client_id_is_unrelated(signed_in_api_client, user):
    stranger = UserFactory()
    theirs = sign_in_with_token(APIClient(), stranger).post(
        EPISODES, {**EPISODE, "client_id": CLIENT_ID}, format="json"
    )
    mine = signed_in_api_client.post(EPISODES, {**EPISODE, "client_id": CLIENT_ID}, format="json")

    assert theirs.status_code == 201
    assert mine.status_code == 201
    assert mine.json()["id"] != theirs.json()["id"]
    assert Episode.objects.filter(client_id=CLIENT_ID).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad", ["not-a-uuid", "", 12, 3.5, True, ["6f1c2a3e-6b0e-4d3c-9d8f-2a1b3c4d5e6f"], {}]
)
def test_a_malformed_client_id_is_a_400_naming_it(signed_in_api_client, user, bad):
    response = signed_in_api_client.post(EPISODES, {**EPISODE, "client_id": bad}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["client_id"]
    assert not Episode.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_a_null_client_id_is_the_same_as_none(signed_in_api_client, user):
    for _ in range(2):
        response = signed_in_api_client.post(
            EPISODES, {**EPISODE, "client_id": None}, format="json"
        )
        assert response.status_code == 201

    assert Episode.objects.filter(user=user).count() == 2


@pytest.mark.django_db
def test_a_repeat_of_an_invalid_entry_is_still_a_400(signed_in_api_client, user):
    body = {**EPISODE, "locations": [], "client_id": CLIENT_ID}
    assert signed_in_api_client.post(EPISODES, body, format="json").status_code == 400
    assert signed_in_api_client.post(EPISODES, body, format="json").status_code == 400
    assert not Episode.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_a_change_cannot_set_or_replace_the_client_id(signed_in_api_client, user):
    created = signed_in_api_client.post(
        EPISODES, {**EPISODE, "client_id": CLIENT_ID}, format="json"
    ).json()
    other = str(uuid.uuid4())
    url = reverse("api-episode-detail", args=[created["id"]])

    put = signed_in_api_client.put(url, {**EPISODE, "client_id": other}, format="json")
    patch = signed_in_api_client.patch(url, {"client_id": other}, format="json")

    assert put.status_code == 200
    assert patch.status_code == 200
    assert str(Episode.objects.get(user=user).client_id) == CLIENT_ID


@pytest.mark.django_db
def test_a_repeat_costs_only_the_rolled_back_insert_and_one_read(signed_in_api_client):
    body = {**EPISODE, "client_id": CLIENT_ID}
    with CaptureQueriesContext(connection) as first:
        assert signed_in_api_client.post(EPISODES, body, format="json").status_code == 201
    with CaptureQueriesContext(connection) as repeat:
        assert signed_in_api_client.post(EPISODES, body, format="json").status_code == 200

    # ROLLBACK TO SAVEPOINT and the SELECT of the stored row; no look-up before the insert.
    assert len(repeat) == len(first) + 2
    assert repeat.captured_queries[-1]["sql"].startswith("SELECT")


# Daily logs ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_daily_log_posted_with_a_client_id_keeps_it_and_shows_it(signed_in_api_client, user):
    response = signed_in_api_client.post(
        DAILY_LOGS, {**DAILY_LOG, "client_id": CLIENT_ID}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["client_id"] == CLIENT_ID
    assert str(DailyLog.objects.get(user=user).client_id) == CLIENT_ID


@pytest.mark.django_db
def test_a_repeated_daily_log_answers_200_with_the_stored_one(signed_in_api_client, user):
    first = signed_in_api_client.post(
        DAILY_LOGS, {**DAILY_LOG, "client_id": CLIENT_ID}, format="json"
    )
    repeat = signed_in_api_client.post(
        DAILY_LOGS, {**DAILY_LOG, "sleep_hours": 9, "client_id": CLIENT_ID}, format="json"
    )

    assert repeat.status_code == 200
    assert repeat.json() == first.json()
    assert DailyLog.objects.get(user=user).sleep_hours == 6.5


@pytest.mark.django_db
def test_a_repeated_daily_log_for_another_day_answers_with_the_stored_one(
    signed_in_api_client, user
):
    first = signed_in_api_client.post(
        DAILY_LOGS, {**DAILY_LOG, "client_id": CLIENT_ID}, format="json"
    )
    repeat = signed_in_api_client.post(
        DAILY_LOGS, {**DAILY_LOG, "date": "2026-03-11", "client_id": CLIENT_ID}, format="json"
    )

    assert repeat.status_code == 200
    assert repeat.json() == first.json()
    assert DailyLog.objects.filter(user=user).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("stored_client_id", [None, uuid.UUID(int=7)])
def test_a_new_client_id_for_a_day_that_has_a_log_is_still_the_duplicate_day_400(
    signed_in_api_client, user, stored_client_id
):
    DailyLogFactory(user=user, date=dt.date(2026, 3, 12), sleep_hours=8, client_id=stored_client_id)

    response = signed_in_api_client.post(
        DAILY_LOGS, {**DAILY_LOG, "client_id": CLIENT_ID}, format="json"
    )

    assert response.status_code == 400
    assert "date" in str(response.json())
    log = DailyLog.objects.get(user=user)
    assert log.sleep_hours == 8  # the stored log is left as it was
    assert log.client_id == stored_client_id


@pytest.mark.django_db
def test_another_persons_daily_log_client_id_is_unrelated(signed_in_api_client):
    sign_in_with_token(APIClient(), UserFactory()).post(
        DAILY_LOGS, {**DAILY_LOG, "client_id": CLIENT_ID}, format="json"
    )
    mine = signed_in_api_client.post(
        DAILY_LOGS, {**DAILY_LOG, "client_id": CLIENT_ID}, format="json"
    )

    assert mine.status_code == 201


@pytest.mark.django_db
def test_a_malformed_daily_log_client_id_is_a_400(signed_in_api_client, user):
    response = signed_in_api_client.post(
        DAILY_LOGS, {**DAILY_LOG, "client_id": "12345"}, format="json"
    )

    assert response.status_code == 400
    assert not DailyLog.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_a_daily_log_change_cannot_set_the_client_id(signed_in_api_client, user):
    DailyLogFactory(user=user, date=dt.date(2026, 3, 12))
    url = reverse("api-daily-log-detail", args=["2026-03-12"])

    response = signed_in_api_client.patch(url, {"client_id": CLIENT_ID}, format="json")

    assert response.status_code in (200, 400)
    assert DailyLog.objects.get(user=user).client_id is None


# Concurrent repeats ---------------------------------------------------------------------

THREADS = 8


def _post_at_once(url: str, body: dict, token: str) -> list:
    """POST ``body`` from THREADS threads released together; the answers, in any order."""
    barrier = threading.Barrier(THREADS)
    answers: list = []
    errors: list = []

    def send():
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        try:
            barrier.wait(timeout=10)
            answers.append(client.post(url, body, format="json"))
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    return answers


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("url", "body", "model"),
    [(EPISODES, EPISODE, Episode), (DAILY_LOGS, DAILY_LOG, DailyLog)],
    ids=["episode", "daily-log"],
)
def test_concurrent_repeats_store_exactly_one_row(url, body, model):
    user = UserFactory()
    answers = _post_at_once(url, {**body, "client_id": CLIENT_ID}, api_token(user))

    assert len(answers) == THREADS
    assert sorted(answer.status_code for answer in answers) == [200] * (THREADS - 1) + [201]
    assert len({answer.json()["client_id"] for answer in answers}) == 1
    ids = {answer.json().get("id", answer.json().get("date")) for answer in answers}
    assert len(ids) == 1
    assert model.objects.filter(user=user).count() == 1

"""/api/treatments/, /api/treatments/{id}/, its effect, and /api/ratings/."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from journal.models import Episode, SelfRating, Treatment
from tests.conftest import sign_in_with_token
from tests.factories import EpisodeFactory, JournalTreatmentFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)  # a Monday
TODAY = NOW.date()
LIST = reverse("api-treatment-list")
RATINGS = reverse("api-rating-list")


def detail(pk: int) -> str:
    return reverse("api-treatment-detail", args=[pk])


def effect_url(pk: int) -> str:
    return reverse("api-treatment-effect", args=[pk])


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def client_for(api_client, user):
    return sign_in_with_token(api_client, user)


GOOD = {
    "kind": "medication",
    "name": "Clonazepam",
    "given_on": "2026-05-01",
    "ended_on": None,
    "dose": "0.5 mg at night",
    "notes": "",
}


def test_it_needs_credentials(api_client):
    assert api_client.get(LIST).status_code == 401
    assert api_client.post(LIST, GOOD, format="json").status_code == 401


def test_it_records_a_treatment(client_for, user):
    response = client_for.post(LIST, GOOD, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert {k: body[k] for k in GOOD} == GOOD
    treatment = Treatment.objects.get(pk=body["id"])
    assert treatment.user == user
    assert treatment.given_on == dt.date(2026, 5, 1)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "surgery"}, "kind"),
        ({"kind": 1}, "kind"),
        ({"name": ""}, "name"),
        ({"name": 42}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"ended_on": "2026-04-30"}, "ended_on"),
        ({"given_on": "1899-12-31"}, "given_on"),
        ({"given_on": "3000-01-01"}, "given_on"),
        ({"ended_on": "3000-01-01"}, "ended_on"),
        ({"given_on": "2026-02-30"}, "given_on"),
        ({"notes": "x" * 2001}, "notes"),
    ],
)
def test_bad_input_is_a_clear_400(client_for, change, field):
    response = client_for.post(LIST, {**GOOD, **change}, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert Treatment.objects.count() == 0


def test_a_patch_cannot_end_before_the_stored_given_on(client_for, user):
    treatment = JournalTreatmentFactory(user=user, given_on=dt.date(2026, 5, 1))
    response = client_for.patch(detail(treatment.pk), {"ended_on": "2026-04-01"}, format="json")
    assert response.status_code == 400
    assert "ended_on" in response.json()


def test_it_changes_and_deletes_own_treatments(client_for, user):
    treatment = JournalTreatmentFactory(user=user, name="Botox")
    response = client_for.patch(detail(treatment.pk), {"dose": "25 units"}, format="json")
    assert response.status_code == 200
    treatment.refresh_from_db()
    assert treatment.dose == "25 units"
    assert client_for.delete(detail(treatment.pk)).status_code == 204
    assert not Treatment.objects.exists()


def test_it_checks_ownership(client_for):
    theirs = JournalTreatmentFactory(user=UserFactory())
    for url in (detail(theirs.pk), effect_url(theirs.pk)):
        assert client_for.get(url).status_code == 404
    assert client_for.patch(detail(theirs.pk), {"name": "x"}, format="json").status_code == 404
    assert client_for.delete(detail(theirs.pk)).status_code == 404
    assert client_for.get(LIST).json()["count"] == 0
    assert Treatment.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_runs_the_same_queries_however_many(
    api_client, user, django_assert_num_queries, rows
):
    JournalTreatmentFactory.create_batch(rows, user=user)
    sign_in_with_token(api_client, user)
    # The token (with its user and profile), the count and the page.
    with django_assert_num_queries(3):
        response = api_client.get(LIST)
    assert response.json()["count"] == rows


def test_the_effect_follows_the_spec(client_for, user):
    given = TODAY - dt.timedelta(weeks=5)
    treatment = JournalTreatmentFactory(user=user, given_on=given)
    # Baseline: 2 a day over the 28 days before.
    for n in range(1, 29):
        day = given - dt.timedelta(days=n)
        for hour in (9, 15):
            EpisodeFactory(user=user, started_at=dt.datetime.combine(day, dt.time(hour), dt.UTC))
    # Week 1: 14 (no change); week 2: 3 (onset); weeks 3 and 4: nothing; week 5: 12 (0.8).
    for week, count in ((1, 14), (2, 3), (5, 12)):
        start = given + dt.timedelta(weeks=week - 1)
        for i in range(count):
            EpisodeFactory(
                user=user,
                started_at=dt.datetime.combine(start, dt.time(8), dt.UTC) + dt.timedelta(minutes=i),
            )
    response = client_for.get(effect_url(treatment.pk))
    assert response.status_code == 200
    body = response.json()
    assert body["treatment"]["id"] == treatment.pk
    assert body["baseline_days"] == 28
    assert body["baseline_per_day"] == 2.0
    # Week 5 ends on TODAY - 1: listed; week 6 is still running.
    assert [w["week"] for w in body["weeks"]] == [1, 2, 3, 4, 5]
    assert [w["episodes"] for w in body["weeks"]] == [14, 3, 0, 0, 12]
    assert body["weeks"][1] == {
        "week": 2,
        "start": (given + dt.timedelta(days=7)).isoformat(),
        "end": (given + dt.timedelta(days=13)).isoformat(),
        "episodes": 3,
        "per_day": round(3 / 7, 4),
    }
    assert body["onset_week"] == 2
    assert body["wears_off_week"] == 5


def test_the_effect_counts_local_days(client_for):
    # In Los Angeles 23:30 is the next day in UTC: each episode counts on its local day.
    user = UserFactory(time_zone="America/Los_Angeles")
    sign_in_with_token(client_for, user)
    given = dt.date(2026, 5, 1)
    treatment = JournalTreatmentFactory(user=user, given_on=given)
    la = dt.timezone(dt.timedelta(hours=-7))
    # 23:30 local on the day before given_on: 06:30 UTC on given_on, but baseline locally.
    Episode.objects.create(
        user=user,
        started_at=dt.datetime(2026, 4, 30, 23, 30, tzinfo=la),
        locations=["eyelid"],
        side="left",
    )
    # 23:30 local on week 1's last day: the next UTC day, but still week 1 locally.
    Episode.objects.create(
        user=user,
        started_at=dt.datetime(2026, 5, 7, 23, 30, tzinfo=la),
        locations=["eyelid"],
        side="left",
    )
    body = client_for.get(effect_url(treatment.pk)).json()
    assert body["baseline_per_day"] == round(1 / 28, 4)
    assert body["weeks"][0]["episodes"] == 1
    assert body["weeks"][1]["episodes"] == 0


def test_the_effect_takes_two_queries_after_sign_in(api_client, user, django_assert_num_queries):
    treatment = JournalTreatmentFactory(user=user, given_on=TODAY - dt.timedelta(weeks=20))
    sign_in_with_token(api_client, user)
    # The token (user and profile), the treatment, the grouped counts.
    with django_assert_num_queries(3):
        assert api_client.get(effect_url(treatment.pk)).status_code == 200


# Ratings ------------------------------------------------------------------------------


def test_it_rates_a_week_once(client_for, user):
    body = {"week_start": "2026-06-08", "severity": 2, "frequency": 3}
    response = client_for.post(RATINGS, body, format="json")
    assert response.status_code == 201, response.json()
    again = client_for.post(RATINGS, {**body, "severity": 1}, format="json")
    assert again.status_code == 400
    assert "week_start" in again.json()
    rating = SelfRating.objects.get()
    assert (rating.user, rating.severity, rating.frequency) == (user, 2, 3)
    patched = client_for.patch(
        reverse("api-rating-detail", args=[rating.pk]), {"severity": 4}, format="json"
    )
    assert patched.status_code == 200
    rating.refresh_from_db()
    assert rating.severity == 4


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"week_start": "2026-06-09"}, "week_start"),  # a Tuesday
        ({"week_start": "1899-12-25"}, "week_start"),
        ({"severity": 5}, "severity"),
        ({"frequency": -1}, "frequency"),
        ({"frequency": "often"}, "frequency"),
    ],
)
def test_a_bad_rating_is_a_clear_400(client_for, change, field):
    body = {"week_start": "2026-06-08", "severity": 2, "frequency": 3, **change}
    response = client_for.post(RATINGS, body, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_ratings_check_ownership(client_for):
    theirs = SelfRating.objects.create(
        user=UserFactory(), week_start=dt.date(2026, 6, 8), severity=1, frequency=1
    )
    url = reverse("api-rating-detail", args=[theirs.pk])
    assert client_for.get(url).status_code == 404
    assert client_for.delete(url).status_code == 404
    assert client_for.get(RATINGS).json()["count"] == 0

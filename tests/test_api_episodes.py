"""/api/episodes/ and /api/episodes/{id}/: the person's own twitch episodes over the API."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse
from rest_framework import serializers
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.test import APIClient

from journal.api.common import django_errors_as_drf
from journal.api.serializers import EpisodeSerializer
from journal.models import Episode
from tests.conftest import api_token, sign_in_with_token
from tests.factories import EpisodeFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)
LIST = reverse("api-episode-list")


def detail(episode_or_id) -> str:
    return reverse("api-episode-detail", args=[getattr(episode_or_id, "pk", episode_or_id)])


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


GOOD = {
    "started_at": "2026-03-12T08:30:00Z",
    "duration_seconds": 45,
    "locations": ["eyelid"],
    "side": "left",
    "intensity": 4,
    "triggers": ["stress", "caffeine"],
    "symptoms": [],
    "notes": "During a long meeting.",
}


def snapshot(episode: Episode) -> dict:
    episode.refresh_from_db()
    fields = ["started_at", "duration_seconds", "locations", "side", "intensity"]
    fields += ["triggers", "symptoms", "notes", "updated_at"]
    return {name: getattr(episode, name) for name in fields}


# Access -------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_list_answers_401_without_credentials(api_client, method):
    response = getattr(api_client, method)(LIST, GOOD)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert not Episode.objects.exists()


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_an_episode_answers_401_without_credentials(api_client, method):
    episode = EpisodeFactory()
    before = snapshot(episode)

    response = getattr(api_client, method)(detail(episode), GOOD)

    assert response.status_code == 401
    assert snapshot(episode) == before


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_another_persons_episode_is_a_404_and_stays_unchanged(signed_in_api_client, method):
    theirs = EpisodeFactory(notes="private")
    before = snapshot(theirs)

    response = getattr(signed_in_api_client, method)(detail(theirs), {**GOOD, "notes": "mine"})

    assert response.status_code == 404
    assert snapshot(theirs) == before


def test_an_id_that_does_not_exist_is_a_404(signed_in_api_client):
    assert signed_in_api_client.get(detail(99999999999999999999)).status_code == 404


def test_a_token_gives_access(api_client, user):
    EpisodeFactory(user=user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")

    response = api_client.get(LIST)

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_a_wrong_token_is_a_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    assert api_client.get(LIST).status_code == 401


def test_a_session_needs_a_csrf_token_to_write(user):
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(user)

    assert browser.get(LIST).status_code == 200
    assert browser.post(LIST, GOOD, format="json").status_code == 403
    assert not Episode.objects.exists()


def test_answers_are_never_cached(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")

    response = api_client.get(LIST)

    assert "no-store" in response["Cache-Control"]


# List ---------------------------------------------------------------------------------


def test_the_list_shows_only_my_episodes_newest_first(signed_in_api_client, user):
    older = EpisodeFactory(user=user, started_at=NOW - dt.timedelta(days=2))
    newer = EpisodeFactory(user=user, started_at=NOW - dt.timedelta(hours=1))
    EpisodeFactory()  # someone else's

    response = signed_in_api_client.get(LIST)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert body["next"] is None and body["previous"] is None
    assert [item["id"] for item in body["results"]] == [newer.pk, older.pk]


def test_the_list_is_paginated(signed_in_api_client, user):
    for hours in range(1, 6):
        EpisodeFactory(user=user, started_at=NOW - dt.timedelta(hours=hours))

    first = signed_in_api_client.get(LIST, {"page_size": 2}).json()
    last = signed_in_api_client.get(LIST, {"page_size": 2, "page": 3}).json()

    assert first["count"] == 5
    assert len(first["results"]) == 2
    assert "page=2" in first["next"]
    assert len(last["results"]) == 1
    assert last["next"] is None


def test_an_episode_is_shown_with_every_field(signed_in_api_client, user):
    episode = EpisodeFactory(
        user=user,
        started_at=dt.datetime(2026, 3, 11, 7, 15, tzinfo=dt.UTC),
        duration_seconds=None,
        locations=["cheek", "eyelid"],
        side="both",
        intensity=None,
        triggers=["poor_sleep"],
        symptoms=["slurred_speech"],
        notes="Woke up with it.",
    )

    body = signed_in_api_client.get(detail(episode)).json()

    assert body == {
        "id": episode.pk,
        "started_at": "2026-03-11T07:15:00Z",
        "duration_seconds": None,
        "locations": ["cheek", "eyelid"],
        "side": "both",
        "intensity": None,
        "triggers": ["poor_sleep"],
        "symptoms": ["slurred_speech"],
        "notes": "Woke up with it.",
        "has_stroke_signs": True,
        "has_emergency_signs": True,
        "client_id": None,
        "created_at": "2026-03-12T09:00:00Z",
        "updated_at": "2026-03-12T09:00:00Z",
    }


@pytest.mark.parametrize("rows", [5, 500])
def test_the_list_runs_the_same_queries_however_many_episodes(
    api_client, user, django_assert_num_queries, rows
):
    Episode.objects.bulk_create(
        Episode(user=user, started_at=NOW - dt.timedelta(minutes=i), locations=["jaw"], side="left")
        for i in range(rows)
    )
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")

    # The token (with its user and profile), the count and the page; read afresh each time.
    with django_assert_num_queries(3):
        response = api_client.get(LIST, {"location": "jaw", "since": "2026-01-01"})
    with django_assert_num_queries(3):
        again = api_client.get(LIST, {"location": "jaw", "since": "2026-01-01"})

    assert response.status_code == again.status_code == 200
    assert response.json()["count"] == rows
    assert again.json() == response.json()


# The list: always read from the database --------------------------------------


def listed(client, **params) -> dict:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return response.json()


def test_every_change_through_the_api_shows_in_the_next_list(signed_in_api_client):
    assert listed(signed_in_api_client)["count"] == 0
    created = signed_in_api_client.post(LIST, GOOD, format="json").json()
    assert [e["id"] for e in listed(signed_in_api_client)["results"]] == [created["id"]]

    signed_in_api_client.patch(detail(created["id"]), {"intensity": 9}, format="json")
    assert listed(signed_in_api_client)["results"][0]["intensity"] == 9

    signed_in_api_client.delete(detail(created["id"]))
    assert listed(signed_in_api_client)["count"] == 0


def test_a_token_client_sees_a_change_made_by_another_process(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    assert listed(api_client)["count"] == 0

    EpisodeFactory(user=user)  # e.g. through the pages, served by another worker

    assert listed(api_client)["count"] == 1


def test_a_change_that_sends_no_signal_shows_in_the_next_list(signed_in_api_client, user):
    episode = EpisodeFactory(user=user, intensity=2)
    assert listed(signed_in_api_client)["results"][0]["intensity"] == 2

    Episode.objects.filter(pk=episode.pk).update(intensity=7)  # no signal: e.g. a raw fix

    assert listed(signed_in_api_client)["results"][0]["intensity"] == 7


def test_the_same_address_never_lists_another_person_s_episodes(api_client, user, other_user):
    EpisodeFactory(user=user)
    sign_in_with_token(api_client, user)
    assert listed(api_client)["count"] == 1
    sign_in_with_token(api_client, other_user)

    assert listed(api_client)["count"] == 0


def test_a_new_time_zone_shows_new_local_times(signed_in_api_client, user):
    EpisodeFactory(user=user, started_at=NOW)
    assert listed(signed_in_api_client)["results"][0]["started_at"] == "2026-03-12T09:00:00Z"
    user.profile.time_zone = "Pacific/Auckland"
    user.profile.save()

    started = listed(signed_in_api_client)["results"][0]["started_at"]

    assert started == "2026-03-12T22:00:00+13:00"


def test_page_links_point_at_the_host_that_was_asked(signed_in_api_client, user):
    for minutes in range(3):
        EpisodeFactory(user=user, started_at=NOW - dt.timedelta(minutes=minutes))

    first = signed_in_api_client.get(LIST, {"page_size": 2}, HTTP_HOST="localhost").json()
    second = signed_in_api_client.get(LIST, {"page_size": 2}, HTTP_HOST="127.0.0.1").json()

    assert first["next"].startswith("http://localhost/")
    assert second["next"].startswith("http://127.0.0.1/")


# The serializer's direct conversion equals DRF's field by field ---------------------------


@pytest.mark.parametrize("zone", ["UTC", "Europe/London", "America/St_Johns", "Asia/Kolkata"])
def test_the_fast_conversion_gives_what_drf_s_fields_give(user, zone):
    episodes = [
        EpisodeFactory(user=user, started_at=NOW - dt.timedelta(days=200)),  # winter time
        EpisodeFactory(
            user=user,
            started_at=dt.datetime(2026, 7, 1, 23, 59, 59, 123456, tzinfo=dt.UTC),
            duration_seconds=None,
            intensity=None,
            triggers=[],
            symptoms=["arm_weakness", "pain"],
            notes='Quotes " and <tags> & ünïcode',
            locations=["eyelid", "jaw"],
            side="both",
        ),
    ]
    context = {"zone": ZoneInfo(zone)}
    for episode in episodes:
        episode.refresh_from_db()
        fast = EpisodeSerializer(episode, context=context).data
        generic = serializers.ModelSerializer.to_representation(
            EpisodeSerializer(context=context), episode
        )

        assert fast == dict(generic)
        assert list(fast) == list(generic)  # same keys in the same order


# Create -------------------------------------------------------------------------------


def test_posting_records_an_episode(signed_in_api_client, user):
    response = signed_in_api_client.post(LIST, GOOD, format="json")

    assert response.status_code == 201
    episode = Episode.objects.get(user=user)
    assert response.json()["id"] == episode.pk
    assert episode.started_at == dt.datetime(2026, 3, 12, 8, 30, tzinfo=dt.UTC)
    assert episode.duration_seconds == 45
    assert episode.locations == ["eyelid"]
    assert episode.side == "left"
    assert episode.intensity == 4
    assert episode.triggers == ["caffeine", "stress"]
    assert episode.notes == "During a long meeting."
    assert response.json()["has_stroke_signs"] is False


def test_only_location_and_side_are_needed_and_the_time_defaults_to_now(signed_in_api_client, user):
    response = signed_in_api_client.post(
        LIST, {"locations": ["mouth"], "side": "right"}, format="json"
    )

    assert response.status_code == 201
    episode = Episode.objects.get(user=user)
    assert episode.started_at == NOW
    assert episode.duration_seconds is None
    assert episode.intensity is None
    assert (episode.triggers, episode.symptoms, episode.notes) == ([], [], "")


def test_a_stroke_sign_is_flagged_so_the_app_can_show_the_emergency_card(signed_in_api_client):
    response = signed_in_api_client.post(
        LIST, {**GOOD, "symptoms": ["arm_weakness", "pain"]}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["has_stroke_signs"] is True
    assert response.json()["has_emergency_signs"] is True


@pytest.mark.parametrize("sign", ["weakness", "drooping", "asymmetry", "eye_closure_difficulty"])
def test_a_new_weak_or_drooping_face_is_flagged_for_the_emergency_card(signed_in_api_client, sign):
    response = signed_in_api_client.post(LIST, {**GOOD, "symptoms": [sign]}, format="json")

    assert response.status_code == 201
    assert response.json()["has_emergency_signs"] is True
    assert response.json()["has_stroke_signs"] is False  # a face sign, not speech/arm/confusion


def test_other_signs_raise_no_emergency_flag(signed_in_api_client):
    response = signed_in_api_client.post(
        LIST, {**GOOD, "symptoms": ["pain", "redness", "forced_eye_closure"]}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["has_emergency_signs"] is False


def test_a_time_without_offset_is_read_in_my_time_zone(api_client):
    kiwi = UserFactory(time_zone="Pacific/Auckland")
    sign_in_with_token(api_client, kiwi)

    response = api_client.post(LIST, {**GOOD, "started_at": "2026-03-10T23:30:00"}, format="json")

    assert response.status_code == 201
    assert response.json()["started_at"] == "2026-03-10T23:30:00+13:00"
    assert Episode.objects.get().started_at == dt.datetime(2026, 3, 10, 10, 30, tzinfo=dt.UTC)


def test_a_time_with_an_offset_is_kept_and_shown_in_my_time_zone(api_client):
    kiwi = UserFactory(time_zone="Pacific/Auckland")
    sign_in_with_token(api_client, kiwi)

    response = api_client.post(
        LIST, {**GOOD, "started_at": "2026-03-11T08:00:00+00:00"}, format="json"
    )

    assert response.json()["started_at"] == "2026-03-11T21:00:00+13:00"


def test_a_time_in_the_hour_the_clocks_go_back_is_taken_as_its_first_reading(api_client):
    # Clocks in London went back from 02:00 BST to 01:00 GMT on 2026-10-25.
    londoner = UserFactory(time_zone="Europe/London")

    with time_machine.travel(dt.datetime(2026, 10, 26, tzinfo=dt.UTC), tick=False):
        # Signed in that day: a token issued at NOW, months before, has expired.
        sign_in_with_token(api_client, londoner)
        response = api_client.post(
            LIST, {**GOOD, "started_at": "2026-10-25T01:30:00"}, format="json"
        )

    assert response.status_code == 201
    assert response.json()["started_at"] == "2026-10-25T01:30:00+01:00"
    assert Episode.objects.get().started_at == dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)


BAD_EPISODES = [
    pytest.param({"duration_seconds": 0}, "duration_seconds", id="duration-0"),
    pytest.param({"duration_seconds": 86401}, "duration_seconds", id="duration-86401"),
    pytest.param({"duration_seconds": "long"}, "duration_seconds", id="duration-text"),
    pytest.param({"duration_seconds": 1.5}, "duration_seconds", id="duration-fraction"),
    pytest.param({"intensity": 0}, "intensity", id="intensity-0"),
    pytest.param({"intensity": 11}, "intensity", id="intensity-11"),
    pytest.param({"intensity": True}, "intensity", id="intensity-bool"),
    pytest.param({"started_at": "2026-03-12T09:10:00Z"}, "started_at", id="10-min-ahead"),
    pytest.param({"started_at": "yesterday"}, "started_at", id="started-at-text"),
    pytest.param({"started_at": None}, "started_at", id="started-at-null"),
    pytest.param({"started_at": "0001-01-01T00:00:00"}, "started_at", id="year-1"),
    pytest.param({"started_at": "1899-12-31T23:00:00Z"}, "started_at", id="before-1900"),
    pytest.param({"locations": ["ear"]}, "locations", id="unknown-location"),
    pytest.param({"locations": []}, "locations", id="no-location"),
    pytest.param({"locations": "eyelid"}, "locations", id="locations-not-a-list"),
    pytest.param({"locations": ["eyelid", "eyelid"]}, "locations", id="location-twice"),
    pytest.param({"locations": None}, "locations", id="locations-null"),
    pytest.param({"side": "up"}, "side", id="bad-side"),
    pytest.param({"side": ["left"]}, "side", id="side-a-list"),
    pytest.param({"triggers": ["moonlight"]}, "triggers", id="unknown-trigger"),
    pytest.param({"triggers": "stress"}, "triggers", id="triggers-not-a-list"),
    pytest.param({"symptoms": ["sneezing"]}, "symptoms", id="unknown-symptom"),
    pytest.param({"symptoms": [{"pain": True}]}, "symptoms", id="symptom-an-object"),
    pytest.param({"notes": "x" * 2001}, "notes", id="notes-2001"),
    pytest.param({"notes": ["a list"]}, "notes", id="notes-a-list"),
]


@pytest.mark.parametrize(("change", "field"), BAD_EPISODES)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_stored(
    signed_in_api_client, change, field
):
    response = signed_in_api_client.post(LIST, {**GOOD, **change}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Episode.objects.exists()


@pytest.mark.parametrize("field", ["locations", "side"])
def test_location_and_side_are_required(signed_in_api_client, field):
    payload = {key: value for key, value in GOOD.items() if key != field}

    response = signed_in_api_client.post(LIST, payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Episode.objects.exists()


def test_notes_of_exactly_2000_characters_are_fine(signed_in_api_client):
    response = signed_in_api_client.post(LIST, {**GOOD, "notes": "x" * 2000}, format="json")

    assert response.status_code == 201


def test_a_body_that_is_not_an_object_is_refused(signed_in_api_client):
    response = signed_in_api_client.post(LIST, [GOOD], format="json")

    assert response.status_code == 400
    assert not Episode.objects.exists()


def test_broken_json_is_refused(signed_in_api_client):
    response = signed_in_api_client.post(LIST, "{not json", content_type="application/json")

    assert response.status_code == 400
    assert not Episode.objects.exists()


# Change and delete --------------------------------------------------------------------


def test_put_replaces_the_episode(signed_in_api_client, user):
    episode = EpisodeFactory(user=user, triggers=["stress"], notes="old", intensity=8)

    response = signed_in_api_client.put(
        detail(episode), {"locations": ["chin", "jaw"], "side": "right"}, format="json"
    )

    assert response.status_code == 200
    after = snapshot(episode)
    assert after["locations"] == ["chin", "jaw"]
    assert after["side"] == "right"
    # Left out of a PUT: cleared, except the start time, which stays.
    assert (after["intensity"], after["triggers"], after["notes"]) == (None, [], "")
    assert after["started_at"] == NOW - dt.timedelta(hours=1)
    assert response.json()["locations"] == ["chin", "jaw"]


def test_put_needs_location_and_side(signed_in_api_client, user):
    episode = EpisodeFactory(user=user)
    before = snapshot(episode)

    response = signed_in_api_client.put(detail(episode), {"notes": "just this"}, format="json")

    assert response.status_code == 400
    assert {"locations", "side"} <= set(response.json())
    assert snapshot(episode) == before


def test_patch_changes_only_the_fields_sent(signed_in_api_client, user):
    episode = EpisodeFactory(user=user, triggers=["stress"], intensity=8)

    response = signed_in_api_client.patch(
        detail(episode), {"intensity": 3, "started_at": "2026-03-12T07:00:00"}, format="json"
    )

    assert response.status_code == 200
    after = snapshot(episode)
    assert after["intensity"] == 3
    assert after["started_at"] == dt.datetime(2026, 3, 12, 7, 0, tzinfo=dt.UTC)
    assert after["triggers"] == ["stress"]
    assert after["locations"] == ["eyelid"]


@pytest.mark.parametrize(("change", "field"), BAD_EPISODES)
def test_a_bad_patch_changes_nothing(signed_in_api_client, user, change, field):
    episode = EpisodeFactory(user=user)
    before = snapshot(episode)

    response = signed_in_api_client.patch(detail(episode), change, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert snapshot(episode) == before


def test_the_id_cannot_be_changed(signed_in_api_client, user):
    episode = EpisodeFactory(user=user)

    response = signed_in_api_client.patch(detail(episode), {"id": 999}, format="json")

    assert response.json()["id"] == episode.pk
    assert Episode.objects.get().pk == episode.pk


def test_delete_removes_the_episode(signed_in_api_client, user):
    episode = EpisodeFactory(user=user)
    kept = EpisodeFactory(user=user)

    response = signed_in_api_client.delete(detail(episode))

    assert response.status_code == 204
    assert list(Episode.objects.all()) == [kept]


# Filters ------------------------------------------------------------------------------


def ids(response) -> set[int]:
    assert response.status_code == 200, response.json()
    return {item["id"] for item in response.json()["results"]}


def test_filters_pick_by_location_and_side(signed_in_api_client, user):
    left_eye = EpisodeFactory(user=user, locations=["eyebrow", "eyelid"], side="left")
    right_eye = EpisodeFactory(user=user, locations=["eyelid"], side="right")
    left_cheek = EpisodeFactory(user=user, locations=["cheek"], side="left")

    assert ids(signed_in_api_client.get(LIST, {"location": "eyelid"})) == {
        left_eye.pk,
        right_eye.pk,
    }
    assert ids(signed_in_api_client.get(LIST, {"side": "left"})) == {left_eye.pk, left_cheek.pk}
    assert ids(signed_in_api_client.get(LIST, {"location": "eyelid", "side": "left"})) == {
        left_eye.pk
    }
    # An empty value is refused (SPEC: present but empty is a 400), not read as "any".
    empty = signed_in_api_client.get(LIST, {"location": "", "side": ""})
    assert empty.status_code == 400
    assert set(empty.json()) == {"location", "side"}


def test_since_and_until_dates_include_whole_days(signed_in_api_client, user):
    def at(*args):
        return EpisodeFactory(user=user, started_at=dt.datetime(*args, tzinfo=dt.UTC)).pk

    before = at(2026, 3, 9, 23, 59)
    first = at(2026, 3, 10, 0, 0)
    last = at(2026, 3, 11, 23, 59)
    after = at(2026, 3, 12, 0, 0)

    found = ids(signed_in_api_client.get(LIST, {"since": "2026-03-10", "until": "2026-03-11"}))

    assert found == {first, last}
    assert before not in found and after not in found


def test_since_and_until_instants_are_included(signed_in_api_client, user):
    def at(hour, minute=0):
        return EpisodeFactory(
            user=user, started_at=dt.datetime(2026, 3, 11, hour, minute, tzinfo=dt.UTC)
        ).pk

    early, start, end, late = at(7, 59), at(8), at(10), at(10, 1)

    found = ids(
        signed_in_api_client.get(
            LIST, {"since": "2026-03-11T08:00:00Z", "until": "2026-03-11T10:00:00+00:00"}
        )
    )

    assert found == {start, end}
    assert early not in found and late not in found


def test_an_unencoded_plus_in_an_offset_still_works(signed_in_api_client, user):
    episode = EpisodeFactory(user=user, started_at=dt.datetime(2026, 3, 11, 8, tzinfo=dt.UTC))

    # "?since=2026-03-11T09:00+01:00" typed without encoding arrives with a space.
    response = signed_in_api_client.get(LIST + "?since=2026-03-11T09:00+01:00")

    assert ids(response) == {episode.pk}


def test_days_are_my_local_days(api_client):
    kiwi = UserFactory(time_zone="Pacific/Auckland")
    sign_in_with_token(api_client, kiwi)

    def post(local_time: str) -> int:
        response = api_client.post(LIST, {**GOOD, "started_at": local_time}, format="json")
        assert response.status_code == 201
        return response.json()["id"]

    late_evening = post("2026-03-10T23:30:00")  # 10:30 UTC on the 10th
    early_morning = post("2026-03-10T08:00:00")  # 19:00 UTC on the 9th
    next_morning = post("2026-03-11T06:00:00")  # 17:00 UTC on the 10th

    found = ids(api_client.get(LIST, {"since": "2026-03-10", "until": "2026-03-10"}))

    # A UTC reading of "the 10th" would hold late_evening and next_morning instead.
    assert found == {late_evening, early_morning}
    assert next_morning not in found


def test_an_instant_without_offset_in_a_filter_is_my_local_time(api_client):
    kiwi = UserFactory(time_zone="Pacific/Auckland")
    sign_in_with_token(api_client, kiwi)
    episode = EpisodeFactory(
        user=kiwi, started_at=dt.datetime(2026, 3, 10, 10, 30, tzinfo=dt.UTC)
    )  # 23:30 in Auckland

    assert ids(api_client.get(LIST, {"since": "2026-03-10T23:00"})) == {episode.pk}
    assert ids(api_client.get(LIST, {"since": "2026-03-10T23:31"})) == set()


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"since": "yesterday"}, "since"),
        ({"until": "2026-13-01"}, "until"),
        ({"since": "2026-02-30"}, "since"),
        ({"until": "2026-03-10T25:00"}, "until"),
        ({"since": "10/03/2026"}, "since"),
        ({"since": "0001-01-01"}, "since"),
        ({"until": "9999-12-31"}, "until"),
        ({"since": "0001-01-01T00:00:00+14:00"}, "since"),
        ({"since": "2026-03-10T08:00:00." + "1" * 5000 + " 01:00"}, "since"),
        ({"location": "ear"}, "location"),
        ({"side": "up"}, "side"),
        ({"since": "2026-03-11", "until": "2026-03-10"}, "until"),
    ],
)
def test_a_bad_filter_is_a_400_naming_it(signed_in_api_client, params, named):
    response = signed_in_api_client.get(LIST, params)

    assert response.status_code == 400
    assert named in response.json()


# Errors from the services -------------------------------------------------------------


def test_a_model_wide_error_from_a_service_is_reported_as_non_field_errors():
    with pytest.raises(DRFValidationError) as caught, django_errors_as_drf():
        raise ValidationError({NON_FIELD_ERRORS: ["Overall."], "side": ["Pick a side."]})

    assert caught.value.detail == {"non_field_errors": ["Overall."], "side": ["Pick a side."]}


def test_a_page_is_sent_the_same_each_time(signed_in_api_client, user):
    for minutes in range(3):
        EpisodeFactory(user=user, started_at=NOW - dt.timedelta(minutes=minutes))
    first = signed_in_api_client.get(LIST, {"page_size": 2})

    again = signed_in_api_client.get(LIST, {"page_size": 2})

    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"] == "application/json"
    assert again["Allow"] == first["Allow"] == "GET, POST, HEAD, OPTIONS"
    assert again.json()["count"] == 3
    assert again.json()["next"] == "http://testserver/api/episodes/?page=2&page_size=2"


def test_a_page_asked_for_indented_is_indented(signed_in_api_client, user):
    EpisodeFactory(user=user)
    compact = signed_in_api_client.get(LIST)

    indented = signed_in_api_client.get(LIST, HTTP_ACCEPT="application/json; indent=2")

    assert b"\n" not in compact.content
    assert indented.content.startswith(b'{\n  "count": 1')
    assert indented.json() == compact.json()

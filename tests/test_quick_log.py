"""The quick log on a phone (issue 15): the form a person fills in five seconds.

Strength is a row of radio buttons, the duration comes from the timer or from minutes and
seconds (typed without JavaScript), errors are summarised at the top with links to their
fields, and a failed save keeps what was entered.
"""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from journal.models import Episode
from tests.factories import EpisodeFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
QUICK = {"locations": ["eyelid"], "side": "left"}
URL = "journal:episode_quick"


def html(response) -> str:
    return response.content.decode()


def test_the_form_posts_the_models_field_names_for_the_offline_outbox(signed_in_client):
    page = html(signed_in_client.get(reverse(URL)))

    assert 'id="quick-log-form"' in page
    for name in ("locations", "side", "intensity", "duration_seconds", "started_at"):
        assert f'name="{name}"' in page


def test_strength_is_a_row_of_radio_buttons_with_not_sure_chosen(signed_in_client):
    page = html(signed_in_client.get(reverse(URL)))

    assert page.count('type="radio" name="intensity"') == 11
    assert 'name="intensity" value="" class="btn-check" id="id_intensity_0" checked>' in page
    assert "1 is barely there, 10 is the worst." in page


@time_machine.travel(NOW, tick=False)
def test_minutes_and_seconds_typed_without_javascript_make_the_duration(signed_in_client, user):
    signed_in_client.post(
        reverse(URL), {**QUICK, "duration_min": "2", "duration_sec": "5", "intensity": "7"}
    )

    episode = Episode.objects.get(user=user)
    assert episode.duration_seconds == 125
    assert episode.intensity == 7
    assert episode.started_at == NOW - dt.timedelta(seconds=125)


@time_machine.travel(NOW, tick=False)
def test_the_boxes_the_person_sees_win_over_the_hidden_total(signed_in_client, user):
    signed_in_client.post(
        reverse(URL),
        {**QUICK, "duration_seconds": "99", "duration_min": "0", "duration_sec": "30"},
    )

    assert Episode.objects.get(user=user).duration_seconds == 30


@time_machine.travel(NOW, tick=False)
def test_zero_minutes_and_zero_seconds_mean_not_known(signed_in_client, user):
    signed_in_client.post(reverse(URL), {**QUICK, "duration_min": "0", "duration_sec": "0"})

    episode = Episode.objects.get(user=user)
    assert episode.duration_seconds is None
    assert episode.started_at == NOW


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"duration_min": "1441"}, "less than or equal to 1440"),
        ({"duration_sec": "60"}, "less than or equal to 59"),
        ({"duration_min": "1440", "duration_sec": "1"}, "A twitch can last at most one day."),
        ({"duration_min": "soon"}, "Enter a whole number."),
    ],
)
def test_a_bad_duration_is_refused_with_a_message(signed_in_client, data, message):
    response = signed_in_client.post(reverse(URL), {**QUICK, **data})

    assert response.status_code == 200
    assert message in html(response)
    assert not Episode.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_timers_start_dates_the_twitch(signed_in_client, user):
    signed_in_client.post(
        reverse(URL),
        {**QUICK, "duration_seconds": "20", "started_at": "2026-03-10T11:58:00.000Z"},
    )

    episode = Episode.objects.get(user=user)
    assert episode.started_at == dt.datetime(2026, 3, 10, 11, 58, tzinfo=dt.UTC)
    assert episode.duration_seconds == 20


@time_machine.travel(NOW, tick=False)
def test_a_start_a_little_in_the_future_from_a_fast_phone_clock_is_now(signed_in_client, user):
    signed_in_client.post(reverse(URL), {**QUICK, "started_at": "2026-03-10T12:00:04Z"})

    assert Episode.objects.get(user=user).started_at == NOW


def test_a_start_outside_the_apps_years_is_refused(signed_in_client):
    response = signed_in_client.post(reverse(URL), {**QUICK, "started_at": "1899-12-31T10:00Z"})

    assert response.status_code == 200
    assert 'id="error-summary"' in html(response)
    assert not Episode.objects.exists()


def test_a_failed_save_lists_the_errors_at_the_top_with_links_to_the_fields(signed_in_client):
    response = signed_in_client.post(
        reverse(URL), {"intensity": "7", "duration_min": "1", "duration_sec": "10"}
    )
    page = html(response)

    assert response.status_code == 200
    assert "<title>Error: Twitching now" in page
    start = page.index('id="error-summary"')
    summary = page[start : page.index("</ul>", start)]
    assert '<a href="#id_locations_0">Pick at least one place on your face.</a>' in summary
    assert '<a href="#id_side_0">Pick left, right or both sides.</a>' in summary
    # Nothing entered is lost.
    assert 'value="7" class="btn-check" id="id_intensity_7" checked' in page
    assert 'name="duration_min" value="1"' in page
    assert 'name="duration_sec" value="10"' in page


def test_the_bars_stop_hands_the_duration_over_in_the_address(signed_in_client):
    page = html(signed_in_client.get(reverse(URL) + "?duration_seconds=75"))

    assert 'name="duration_seconds" value="75"' in page
    assert 'name="duration_min" value="1"' in page
    assert 'name="duration_sec" value="15"' in page


@pytest.mark.parametrize("value", ["0", "86401", "-5", "1e3", "soon", ""])
def test_a_duration_in_the_address_that_is_not_sensible_is_ignored(signed_in_client, value):
    response = signed_in_client.get(reverse(URL) + f"?duration_seconds={value}")

    assert response.status_code == 200
    assert 'name="duration_seconds" value=' not in html(response)


def test_the_twitching_now_bar_is_on_pages_for_signed_in_people_only(client, signed_in_client):
    assert 'id="twitching-bar"' in html(signed_in_client.get(reverse("home")))
    assert "js/twitching_now.js" in html(signed_in_client.get(reverse("home")))
    signed_in_client.logout()
    assert 'id="twitching-bar"' not in html(client.get(reverse("home")))
    assert "js/twitching_now.js" not in html(client.get(reverse("home")))


CLIENT_ID = "3f0c7a4e-2b8d-4c57-9a51-0d2f3e6b1c88"


@pytest.mark.parametrize("name", [URL, "journal:episode_create"])
def test_a_log_form_posted_twice_with_one_client_id_stores_one_twitch(signed_in_client, user, name):
    """The page's script labels each save (static/js/outbox.js): a resend after a lost
    answer, or the outbox's copy sent to the API, finds the twitch already stored."""
    data = {**QUICK, "client_id": CLIENT_ID, "started_at": "2026-03-10T11:00"}
    with time_machine.travel(NOW, tick=False):
        first = signed_in_client.post(reverse(name), data)
        second = signed_in_client.post(reverse(name), data)

    episode = Episode.objects.get(user=user)
    assert str(episode.client_id) == CLIENT_ID
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == episode.get_absolute_url()


def test_another_persons_client_id_is_unrelated(signed_in_client, user, other_user):
    EpisodeFactory(user=other_user, client_id=CLIENT_ID)
    with time_machine.travel(NOW, tick=False):
        signed_in_client.post(reverse(URL), {**QUICK, "client_id": CLIENT_ID})

    assert Episode.objects.filter(user=user, client_id=CLIENT_ID).count() == 1


def test_the_pages_script_is_told_where_to_go_and_the_message_waits_for_that_page(
    signed_in_client, user
):
    with time_machine.travel(NOW, tick=False):
        response = signed_in_client.post(
            reverse(URL), {**QUICK, "client_id": CLIENT_ID}, HTTP_ACCEPT="application/json"
        )
        episode = Episode.objects.get(user=user)
        assert response.status_code == 201
        assert response.json() == {"location": episode.get_absolute_url()}
        page = html(signed_in_client.get(response.json()["location"]))
    assert "Saved. Add what set it off" in page


def test_a_form_with_errors_posted_by_the_script_is_answered_as_a_page(signed_in_client, user):
    response = signed_in_client.post(
        reverse(URL), {"side": "left", "client_id": CLIENT_ID}, HTTP_ACCEPT="application/json"
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert not Episode.objects.exists()


def test_a_client_id_that_is_not_a_uuid_is_refused(signed_in_client, user):
    response = signed_in_client.post(reverse(URL), {**QUICK, "client_id": "not-a-uuid"})

    assert response.status_code == 200
    assert not Episode.objects.exists()

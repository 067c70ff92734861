"""/start/: the short start after sign-up (SPEC, Profile), and the onset date in settings."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import User
from django.urls import reverse

from journal.models import Episode
from journal.services import TREATMENTS_NOTE
from tests.factories import EpisodeFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 30, 10, 30, tzinfo=dt.UTC)
START = reverse("journal:start")


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def post(client, **data):
    return client.post(START, data)


def test_sign_up_leads_to_the_short_start(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "ada",
            "email": "",
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
            "time_zone": "Europe/London",
            "consent": "on",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == START
    assert User.objects.filter(username="ada").exists()


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(START)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_page_asks_each_question_and_can_be_skipped(signed_in_client):
    page = signed_in_client.get(START).content.decode()

    assert 'name="twitch_began_on"' in page
    assert page.count('name="locations"') == 8
    assert page.count('name="side"') == 3
    assert page.count('name="symptoms"') == 4  # the new weak or drooping face
    assert 'name="treatments"' in page
    assert f'href="{reverse("home")}"' in page and "Skip for now" in page
    card = page[page.index('id="stroke-card"') - 200 : page.index('id="stroke-card"') + 200]
    assert " hidden" in card


def test_an_empty_answer_stores_nothing_and_goes_home(signed_in_client, user):
    response = post(signed_in_client)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    user.profile.refresh_from_db()
    assert user.profile.twitch_began_on is None
    assert not Episode.objects.exists()


def test_each_answer_lands_where_it_belongs(signed_in_client, user, other_user):
    response = post(
        signed_in_client,
        twitch_began_on="2026-10-01",
        locations=["eyelid", "cheek"],
        side="left",
        treatments="Eye drops, less coffee",
    )

    assert response.status_code == 302
    user.profile.refresh_from_db()
    assert user.profile.twitch_began_on == dt.date(2026, 10, 1)
    episode = Episode.objects.get()
    assert episode.user == user
    assert episode.started_at == NOW
    assert episode.locations == ["cheek", "eyelid"]
    assert episode.side == "left"
    assert episode.symptoms == []
    assert episode.notes == TREATMENTS_NOTE.format("Eye drops, less coffee")
    other_user.profile.refresh_from_db()
    assert other_user.profile.twitch_began_on is None


def test_the_date_alone_is_enough(signed_in_client, user):
    post(signed_in_client, twitch_began_on="2026-10-01")

    user.profile.refresh_from_db()
    assert user.profile.twitch_began_on == dt.date(2026, 10, 1)
    assert not Episode.objects.exists()


def test_a_start_five_weeks_ago_and_a_place_gives_see_a_doctor_at_once(signed_in_client):
    post(
        signed_in_client,
        twitch_began_on=(NOW.date() - dt.timedelta(weeks=5)).isoformat(),
        locations=["eyelid"],
        side="right",
    )

    page = signed_in_client.get(reverse("journal:triage")).content.decode()
    assert "care-card--see-doctor" in page


@pytest.mark.parametrize("sign", ["drooping", "weakness", "asymmetry", "eye_closure_difficulty"])
def test_a_new_droop_becomes_the_first_episode_and_shows_the_fast_card(signed_in_client, sign):
    response = post(signed_in_client, locations=["mouth"], side="right", symptoms=[sign])

    episode = Episode.objects.get()
    assert response["Location"] == episode.get_absolute_url()
    page = signed_in_client.get(response["Location"]).content.decode()
    main = page[page.index('<main id="main"') :]
    assert main.index('id="stroke-card"') < main.index("<h1")
    assert "Think FAST" in main
    assert 'class="emergency-banner"' in page


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"twitch_began_on": "2026-12-01"}, "twitch_began_on"),  # tomorrow
        ({"twitch_began_on": "1899-12-31"}, "twitch_began_on"),
        ({"twitch_began_on": "yesterday"}, "twitch_began_on"),
        ({"symptoms": ["drooping"]}, "locations"),
        ({"treatments": "Botox"}, "locations"),
        ({"side": "left"}, "locations"),
        ({"locations": ["eyelid"]}, "side"),
        ({"locations": ["ear"], "side": "left"}, "locations"),
        ({"locations": ["eyelid"], "side": "left", "symptoms": ["pain"]}, "symptoms"),
        ({"locations": ["eyelid"], "side": "left", "treatments": "x" * 1001}, "treatments"),
    ],
)
def test_a_refused_answer_stores_nothing_and_says_which(signed_in_client, user, data, field):
    response = post(signed_in_client, **{"twitch_began_on": "2026-10-01", **data})

    assert response.status_code == 200
    assert field in response.context["form"].errors
    user.profile.refresh_from_db()
    assert user.profile.twitch_began_on is None
    assert not Episode.objects.exists()


def test_a_form_sent_back_with_a_droop_keeps_the_card_on_screen(signed_in_client):
    response = post(signed_in_client, symptoms=["drooping"])

    page = response.content.decode()
    card = page[page.index('id="stroke-card"') - 200 : page.index('id="stroke-card"') + 200]
    assert " hidden" not in card


def test_it_shows_the_stored_date_again(signed_in_client, user):
    post(signed_in_client, twitch_began_on="2026-10-01")

    assert 'value="2026-10-01"' in signed_in_client.get(START).content.decode()


# Settings ---------------------------------------------------------------------------------


def _settings(client, **data):
    return client.post(
        reverse("account_settings"),
        {"time_zone": "UTC", "reminder_time": "20:00", **data},
    )


def test_settings_change_and_clear_the_onset_date(signed_in_client, user):
    assert _settings(signed_in_client, twitch_began_on="2026-09-15").status_code == 302
    user.profile.refresh_from_db()
    assert user.profile.twitch_began_on == dt.date(2026, 9, 15)

    assert _settings(signed_in_client, twitch_began_on="").status_code == 302
    user.profile.refresh_from_db()
    assert user.profile.twitch_began_on is None


@pytest.mark.parametrize("day", ["2026-12-01", "1899-12-31", "soon"])
def test_settings_refuse_a_bad_onset_date(signed_in_client, user, day):
    response = _settings(signed_in_client, twitch_began_on=day)

    assert response.status_code == 200
    assert "twitch_began_on" in response.context["form"].errors
    user.profile.refresh_from_db()
    assert user.profile.twitch_began_on is None


def test_settings_onset_date_changes_triage(signed_in_client, user):
    EpisodeFactory(user=user, started_at=NOW - dt.timedelta(hours=1))
    assert (
        "care-card--self-care" in signed_in_client.get(reverse("journal:triage")).content.decode()
    )

    _settings(signed_in_client, twitch_began_on="2026-10-01")

    assert (
        "care-card--see-doctor" in signed_in_client.get(reverse("journal:triage")).content.decode()
    )

"""The journal pages: the Today dashboard, quick log, episode form, list, detail, delete and
the daily log. Each works, keeps to its owner (404 for anyone else), sends an anonymous
visitor to log in, refuses bad input with a message, and counts days in the person's zone."""

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from journal.models import EMERGENCY_SIGNS, DailyLog, Episode
from journal.selectors import episodes_per_day
from tests.factories import ChecklistItemFactory, DailyLogFactory, EpisodeFactory, UserFactory
from twitchcare.middleware import SESSION_TZ_KEY

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
QUICK = {"locations": ["eyelid"], "side": "left"}
FULL = {
    "started_at": "2026-03-10T09:15",
    "locations": ["eyelid", "cheek"],
    "side": "right",
    "duration_seconds": "45",
    "intensity": "6",
    "triggers": ["stress", "caffeine"],
    "symptoms": ["light_sensitivity"],
    "notes": "After a long meeting.",
}


def html(response) -> str:
    return response.content.decode()


# --- Access: anonymous visitors and other people ----------------------------------------


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("journal:episode_list", []),
        ("journal:episode_quick", []),
        ("journal:episode_create", []),
        ("journal:episode_detail", [1]),
        ("journal:episode_edit", [1]),
        ("journal:episode_delete", [1]),
        ("journal:daily_log", ["2026-03-10"]),
    ],
)
def test_every_journal_page_sends_an_anonymous_visitor_to_log_in(client, name, args):
    response = client.get(reverse(name, args=args))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    "name", ["journal:episode_detail", "journal:episode_edit", "journal:episode_delete"]
)
def test_another_persons_episode_is_not_found(signed_in_client, other_user, name):
    theirs = EpisodeFactory(user=other_user)

    assert signed_in_client.get(reverse(name, args=[theirs.pk])).status_code == 404


def test_another_persons_episode_cannot_be_changed_or_deleted(signed_in_client, other_user):
    theirs = EpisodeFactory(user=other_user, intensity=3)

    edit = signed_in_client.post(reverse("journal:episode_edit", args=[theirs.pk]), FULL)
    delete = signed_in_client.post(reverse("journal:episode_delete", args=[theirs.pk]))

    assert (edit.status_code, delete.status_code) == (404, 404)
    theirs.refresh_from_db()
    assert theirs.intensity == 3


@time_machine.travel(NOW, tick=False)
def test_a_daily_log_page_shows_only_my_own_log(signed_in_client, user, other_user):
    DailyLogFactory(user=other_user, date=dt.date(2026, 3, 9), stress_level=9, notes="theirs")

    response = signed_in_client.get(reverse("journal:daily_log", args=["2026-03-09"]))

    assert response.status_code == 200
    assert response.context["log"] is None
    assert "theirs" not in html(response)


@time_machine.travel(NOW, tick=False)
def test_saving_my_daily_log_leaves_another_persons_log_alone(signed_in_client, user, other_user):
    DailyLogFactory(user=other_user, date=dt.date(2026, 3, 9), stress_level=9)

    signed_in_client.post(reverse("journal:daily_log", args=["2026-03-09"]), {"stress_level": "2"})

    assert DailyLog.objects.get(user=other_user).stress_level == 9
    assert DailyLog.objects.get(user=user).stress_level == 2


def test_the_list_shows_only_my_episodes(signed_in_client, user, other_user):
    EpisodeFactory(user=user, notes="mine")
    EpisodeFactory(user=other_user)

    response = signed_in_client.get(reverse("journal:episode_list"))

    assert response.context["page_obj"].paginator.count == 1


# --- Home and the Today dashboard --------------------------------------------------------


def test_a_visitor_sees_the_welcome_with_sign_up_and_log_in(client):
    page = html(client.get("/"))

    assert reverse("signup") in page
    assert reverse("login") in page
    assert "Log a twitch now" not in page


@time_machine.travel(NOW, tick=False)
def test_the_dashboard_offers_the_quick_log_and_todays_log(signed_in_client, user):
    page = html(signed_in_client.get("/"))

    assert "Log a twitch now" in page
    assert reverse("journal:episode_quick") in page
    assert reverse("journal:daily_log", args=["2026-03-10"]) in page
    assert "Nothing logged for today yet" in page


@time_machine.travel(NOW, tick=False)
def test_the_dashboard_summarises_todays_log(signed_in_client, user):
    DailyLogFactory(user=user, date=dt.date(2026, 3, 10), sleep_hours=Decimal("5.5"))

    page = html(signed_in_client.get("/"))

    assert "5.5 hours" in page
    assert "Change today's log" in page


@time_machine.travel(NOW, tick=False)
def test_the_dashboard_counts_the_last_14_days(signed_in_client, user):
    EpisodeFactory(user=user, started_at=NOW - dt.timedelta(hours=2))
    EpisodeFactory(user=user, started_at=NOW - dt.timedelta(days=3))
    EpisodeFactory(user=user, started_at=NOW - dt.timedelta(days=3, hours=1))
    EpisodeFactory(user=user, started_at=NOW - dt.timedelta(days=14))  # outside the window

    glance = signed_in_client.get("/").context["glance"]

    assert len(glance) == 14
    assert glance[0]["date"] == dt.date(2026, 2, 25)
    assert glance[-1] == {
        "date": dt.date(2026, 3, 10),
        "count": 1,
        "height": 50,
        "weekday": "Tu",
        "label": "Tuesday 10 March",
    }
    assert glance[-4]["count"] == 2
    assert sum(day["count"] for day in glance) == 3


# --- Quick log -----------------------------------------------------------------------------


def test_the_quick_log_page_has_the_timer_and_the_face_map(signed_in_client):
    page = html(signed_in_client.get(reverse("journal:episode_quick")))

    assert 'id="timer"' in page
    assert 'id="facemap"' in page
    assert "js/quicklog.js" in page
    assert 'name="locations"' in page
    assert 'name="side"' in page


@time_machine.travel(NOW, tick=False)
def test_the_quick_log_needs_only_where_and_which_side(signed_in_client, user):
    response = signed_in_client.post(reverse("journal:episode_quick"), QUICK)

    episode = Episode.objects.get(user=user)
    assert response.status_code == 302
    assert response.url == episode.get_absolute_url()
    assert episode.duration_seconds is None
    assert episode.intensity is None
    assert episode.started_at == NOW


@time_machine.travel(NOW, tick=False)
def test_the_quick_log_dates_the_twitch_from_when_the_timer_started(signed_in_client, user):
    signed_in_client.post(
        reverse("journal:episode_quick"), {**QUICK, "duration_seconds": "42", "intensity": "3"}
    )

    episode = Episode.objects.get(user=user)
    assert episode.duration_seconds == 42
    assert episode.started_at == NOW - dt.timedelta(seconds=42)
    assert episode.intensity == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"side": "left"}, "Pick at least one place on your face."),
        ({"locations": ["eyelid"]}, "Pick left, right or both sides."),
        ({**QUICK, "duration_seconds": "0"}, "greater than or equal to 1"),
        ({**QUICK, "duration_seconds": "86401"}, "less than or equal to 86400"),
        ({**QUICK, "duration_seconds": "soon"}, "Enter a whole number."),
        ({**QUICK, "locations": ["elbow"]}, "Select a valid choice."),
        ({**QUICK, "intensity": "11"}, "Select a valid choice."),
    ],
)
def test_the_quick_log_refuses_bad_answers_with_a_message(signed_in_client, data, message):
    response = signed_in_client.post(reverse("journal:episode_quick"), data)

    assert response.status_code == 200
    assert message in html(response)
    assert not Episode.objects.exists()


# --- Full episode form -------------------------------------------------------------------


def test_the_episode_form_has_the_face_map_the_checkboxes_and_the_hidden_stroke_card(
    signed_in_client,
):
    page = html(signed_in_client.get(reverse("journal:episode_create")))

    assert 'id="facemap"' in page
    assert "Your left" in page
    assert "Your right" in page
    assert 'data-location="eyelid" data-side="left"' in page
    assert page.count('name="locations"') == 8
    assert page.count('name="triggers"') == 11
    assert page.count('name="symptoms"') == 15
    assert 'type="datetime-local"' in page
    card = page[page.index('id="stroke-card"') - 200 : page.index('id="stroke-card"') + 200]
    assert " hidden" in card
    assert 'id="stroke-signs"' in page
    assert "js/stroke_alert.js" in page


@time_machine.travel(NOW, tick=False)
def test_the_episode_form_stores_every_field(signed_in_client, user):
    response = signed_in_client.post(reverse("journal:episode_create"), FULL)

    episode = Episode.objects.get(user=user)
    assert response.status_code == 302
    assert episode.started_at == dt.datetime(2026, 3, 10, 9, 15, tzinfo=dt.UTC)
    assert episode.locations == ["cheek", "eyelid"]
    assert episode.side == "right"
    assert episode.duration_seconds == 45
    assert episode.intensity == 6
    assert episode.triggers == ["caffeine", "stress"]
    assert episode.symptoms == ["light_sensitivity"]
    assert episode.notes == "After a long meeting."


@time_machine.travel(NOW, tick=False)
def test_the_start_time_is_read_in_the_persons_own_time_zone(client):
    person = UserFactory(time_zone="Pacific/Auckland")
    client.force_login(person)

    client.post(reverse("journal:episode_create"), {**FULL, "started_at": "2026-03-10T23:30"})

    # 23:30 in Auckland (NZDT, UTC+13) is 10:30 UTC.
    episode = Episode.objects.get(user=person)
    assert episode.started_at == dt.datetime(2026, 3, 10, 10, 30, tzinfo=dt.UTC)


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"started_at": "2026-03-10T12:06"}, "started_at", "That time is in the future"),
        ({"started_at": "yesterday"}, "started_at", "Enter a valid date/time."),
        ({"started_at": ""}, "started_at", "Enter when it started."),
        ({"duration_seconds": "0"}, "duration_seconds", "greater than or equal to 1"),
        ({"intensity": "0"}, "intensity", "Select a valid choice."),
        ({"side": "middle"}, "side", "Select a valid choice."),
        ({"locations": []}, "locations", "Pick at least one place on your face."),
        ({"triggers": ["full_moon"]}, "triggers", "Select a valid choice."),
        ({"symptoms": ["sneezing"]}, "symptoms", "Select a valid choice."),
        ({"notes": "x" * 2001}, "notes", "at most 2000 characters"),
    ],
)
def test_the_episode_form_refuses_bad_answers_on_the_field(
    signed_in_client, change, field, message
):
    response = signed_in_client.post(reverse("journal:episode_create"), {**FULL, **change})

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert message in html(response)
    assert not Episode.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_start_four_minutes_ahead_is_accepted_on_the_form(signed_in_client, user):
    signed_in_client.post(
        reverse("journal:episode_create"), {**FULL, "started_at": "2026-03-10T12:04"}
    )

    assert Episode.objects.filter(user=user).exists()


@time_machine.travel(NOW, tick=False)
def test_editing_changes_the_episode(signed_in_client, user):
    episode = EpisodeFactory(user=user, intensity=2)

    response = signed_in_client.post(reverse("journal:episode_edit", args=[episode.pk]), FULL)

    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.intensity == 6
    assert episode.side == "right"


@time_machine.travel(NOW, tick=False)
def test_the_edit_form_starts_with_the_stored_answers_in_local_time(client):
    person = UserFactory(time_zone="Pacific/Auckland")
    episode = EpisodeFactory(
        user=person, started_at=dt.datetime(2026, 3, 10, 10, 30, tzinfo=dt.UTC), side="right"
    )
    client.force_login(person)

    page = html(client.get(reverse("journal:episode_edit", args=[episode.pk])))

    assert 'value="2026-03-10T23:30"' in page
    assert re.search(r'<input type="radio" name="side" value="right"[^>]* checked', page)


@time_machine.travel(NOW, tick=False)
def test_an_edit_that_breaks_a_rule_stores_nothing(signed_in_client, user):
    episode = EpisodeFactory(user=user, intensity=2, started_at=NOW - dt.timedelta(hours=1))

    response = signed_in_client.post(
        reverse("journal:episode_edit", args=[episode.pk]),
        {**FULL, "started_at": "2026-03-11T09:00"},
    )

    assert response.status_code == 200
    assert "That time is in the future" in html(response)
    episode.refresh_from_db()
    assert episode.intensity == 2


# --- Stroke signs ------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    "sign",
    [
        "slurred_speech",
        "arm_weakness",
        "confusion",
        "weakness",
        "drooping",
        "asymmetry",
        "eye_closure_difficulty",
    ],
)
def test_a_saved_stroke_sign_or_new_weak_face_shows_the_emergency_card_first(
    signed_in_client, user, sign
):
    response = signed_in_client.post(
        reverse("journal:episode_create"), {**FULL, "symptoms": [sign]}, follow=True
    )

    page = html(response)
    main = page[page.index('<main id="main"') :]
    assert 'id="stroke-card"' in main
    assert main.index('id="stroke-card"') < main.index("<h1")
    assert "Your twitch is saved." not in main  # no note above the card
    card = main[main.index('id="stroke-card"') - 200 : main.index('id="stroke-card"') + 200]
    assert " hidden" not in card
    assert "999" in main and "911" in main and "112" in main
    assert "Call your local emergency number now" in main
    assert "Think FAST" in main
    assert "Call even if the signs go away" in main


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("sign", ["confusion", "drooping"])
def test_a_form_sent_back_with_an_emergency_sign_shows_the_card_at_once(signed_in_client, sign):
    response = signed_in_client.post(
        reverse("journal:episode_create"), {**FULL, "symptoms": [sign], "side": ""}
    )

    page = html(response)
    card = page[page.index('id="stroke-card"') - 200 : page.index('id="stroke-card"') + 200]
    assert " hidden" not in card


def test_an_episode_without_stroke_signs_has_no_emergency_card(signed_in_client, user):
    episode = EpisodeFactory(user=user, symptoms=["pain"])

    page = html(signed_in_client.get(episode.get_absolute_url()))

    assert 'id="stroke-card"' not in page
    assert "Pain" in page


def test_the_form_sends_every_emergency_sign_to_the_card_script(signed_in_client):
    page = html(signed_in_client.get(reverse("journal:episode_create")))

    script = page[
        page.index('id="stroke-signs"') : page.index("</script>", page.index('id="stroke-signs"'))
    ]
    for sign in EMERGENCY_SIGNS:
        assert f'"{sign}"' in script
    assert '"pain"' not in script


def test_the_face_signs_are_worded_as_new_not_a_twitch_s_pull(signed_in_client):
    page = html(signed_in_client.get(reverse("journal:episode_create")))

    assert (
        "Face or eyelid newly drooping or won&#x27;t move — not just pulled during a twitch" in page
    )
    assert "not an old droop after Bell&#x27;s palsy" in page
    assert "Botox" in page


def test_the_quick_form_names_a_new_droop_beside_the_stroke_signs(signed_in_client):
    page = html(signed_in_client.get(reverse("journal:episode_quick")))

    assert "Face newly drooping or won't move (not just pulled during a twitch)" in page
    assert "999 in the UK, 112 in the EU, 911 in the US" in page


def test_the_list_marks_an_episode_with_a_stroke_sign_in_words(signed_in_client, user):
    EpisodeFactory(user=user, symptoms=["arm_weakness"])

    page = html(signed_in_client.get(reverse("journal:episode_list")))

    assert "Possible stroke sign" in page
    assert "Arm weakness" in page


# --- Detail and delete -------------------------------------------------------------------


def test_the_detail_page_shows_the_episode(signed_in_client, user):
    episode = EpisodeFactory(user=user, duration_seconds=125, triggers=["stress"], notes="Hmm")

    page = html(signed_in_client.get(episode.get_absolute_url()))

    assert "2 min 5 s" in page
    assert "Stress" in page
    assert "Hmm" in page
    assert reverse("journal:episode_edit", args=[episode.pk]) in page


def test_delete_asks_for_confirmation_first(signed_in_client, user):
    episode = EpisodeFactory(user=user)

    response = signed_in_client.get(reverse("journal:episode_delete", args=[episode.pk]))

    assert response.status_code == 200
    assert "Delete this twitch?" in html(response)
    assert 'method="post"' in html(response)
    assert Episode.objects.filter(pk=episode.pk).exists()


def test_delete_happens_only_on_post(signed_in_client, user):
    episode = EpisodeFactory(user=user)

    response = signed_in_client.post(reverse("journal:episode_delete", args=[episode.pk]))

    assert response.status_code == 302
    assert response.url == reverse("journal:episode_list")
    assert not Episode.objects.filter(pk=episode.pk).exists()


# --- Episode list: filters and pages ------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_the_list_filters_by_date_location_and_side(signed_in_client, user):
    wanted = EpisodeFactory(
        user=user, started_at=NOW - dt.timedelta(days=2), locations=["cheek"], side="right"
    )
    EpisodeFactory(user=user, started_at=NOW - dt.timedelta(days=2), locations=["eyelid"])
    EpisodeFactory(user=user, started_at=NOW - dt.timedelta(days=2), locations=["cheek"])
    EpisodeFactory(
        user=user, started_at=NOW - dt.timedelta(days=9), locations=["cheek"], side="right"
    )

    response = signed_in_client.get(
        reverse("journal:episode_list"),
        {"date_from": "2026-03-05", "date_to": "2026-03-10", "location": "cheek", "side": "right"},
    )

    assert list(response.context["page_obj"]) == [wanted]
    assert "1 twitch matches your filters" in html(response)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"date_from": "last tuesday"}, "Enter the &#x27;from&#x27; date as a date"),
        ({"date_to": "2026-02-30"}, "Enter the &#x27;to&#x27; date as a date"),
        ({"location": "elbow"}, "Pick a place on the face from the list."),
        ({"side": "up"}, "Pick left, right or both sides."),
        ({"date_from": "2026-03-10", "date_to": "2026-03-01"}, "Swap them and try again."),
    ],
)
def test_bad_filters_get_a_clear_message_and_the_whole_list(signed_in_client, user, query, message):
    EpisodeFactory(user=user)

    response = signed_in_client.get(reverse("journal:episode_list"), query)

    assert response.status_code == 200
    assert message in html(response)
    assert "We could not use those filters" in html(response)
    assert response.context["page_obj"].paginator.count == 1


def test_the_list_shows_25_episodes_a_page_newest_first(signed_in_client, user):
    start = timezone.now() - dt.timedelta(days=40)
    for n in range(30):
        EpisodeFactory(user=user, started_at=start + dt.timedelta(hours=n))

    first = signed_in_client.get(reverse("journal:episode_list"))
    second = signed_in_client.get(reverse("journal:episode_list"), {"page": "2"})

    assert len(first.context["page_obj"]) == 25
    assert len(second.context["page_obj"]) == 5
    assert first.context["page_obj"][0].started_at == start + dt.timedelta(hours=29)
    assert "page=2" in html(first)


def test_page_links_keep_the_filters(signed_in_client, user):
    for _ in range(26):
        EpisodeFactory(user=user, side="right")

    page = html(signed_in_client.get(reverse("journal:episode_list"), {"side": "right"}))

    assert "?side=right&amp;page=2" in page


@pytest.mark.parametrize("number", ["abc", "999", "-1", "0"])
def test_a_bad_page_number_shows_a_page_not_an_error(signed_in_client, user, number):
    EpisodeFactory(user=user)

    response = signed_in_client.get(reverse("journal:episode_list"), {"page": number})

    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 1


def test_an_empty_journal_says_what_to_do(signed_in_client):
    assert "No twitches yet" in html(signed_in_client.get(reverse("journal:episode_list")))


# --- Daily log ------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_a_daily_log_is_created_then_updated(signed_in_client, user):
    url = reverse("journal:daily_log", args=["2026-03-09"])

    first = signed_in_client.post(url, {"sleep_hours": "6.5", "stress_level": "7"})
    second = signed_in_client.post(url, {"sleep_hours": "7", "water_glasses": "8"})

    assert (first.status_code, second.status_code) == (302, 302)
    log = DailyLog.objects.get(user=user)
    assert log.date == dt.date(2026, 3, 9)
    assert log.sleep_hours == Decimal("7")
    assert log.water_glasses == 8
    assert log.stress_level is None  # emptied on the form


@time_machine.travel(NOW, tick=False)
def test_the_daily_log_form_keeps_the_checklist(signed_in_client, user):
    DailyLogFactory(user=user, date=dt.date(2026, 3, 9), checklist_done=["warm-compress"])

    page = html(signed_in_client.get(reverse("journal:daily_log", args=["2026-03-09"])))
    signed_in_client.post(reverse("journal:daily_log", args=["2026-03-09"]), {"stress_level": "1"})

    assert "checklist_done" not in page
    assert DailyLog.objects.get(user=user).checklist_done == ["warm-compress"]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"sleep_hours": "24.1"}, "less than or equal to 24"),
        ({"sleep_hours": "6.25"}, "at most one decimal"),
        ({"stress_level": "11"}, "less than or equal to 10"),
        ({"water_glasses": "41"}, "less than or equal to 40"),
        ({"caffeine_servings": "31"}, "less than or equal to 30"),
        ({"alcohol_drinks": "-1"}, "greater than or equal to 0"),
        ({"screen_hours": "24.5"}, "less than or equal to 24"),
        ({"stress_level": "lots"}, "Enter a whole number."),
        ({"notes": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_the_daily_log_refuses_bad_values_with_a_message(signed_in_client, data, message):
    response = signed_in_client.post(reverse("journal:daily_log", args=["2026-03-09"]), data)

    assert response.status_code == 200
    assert message in html(response)
    assert not DailyLog.objects.exists()


@pytest.mark.parametrize("day", ["2026-02-30", "2026-13-01", "10-03-2026", "tomorrow", "2026-3-1"])
def test_a_daily_log_for_a_date_that_does_not_exist_is_not_found(signed_in_client, day):
    assert signed_in_client.get(f"/journal/daily/{day}/").status_code == 404


@time_machine.travel(NOW, tick=False)
def test_a_daily_log_for_a_future_day_is_refused_with_a_message(signed_in_client, user):
    url = reverse("journal:daily_log", args=["2026-03-11"])

    shown = signed_in_client.get(url)
    posted = signed_in_client.post(url, {"stress_level": "3"})

    assert shown.status_code == 200
    assert "This day has not happened yet." in html(shown)
    assert 'name="stress_level"' not in html(shown)
    assert posted.status_code == 400
    assert not DailyLog.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_daily_log_links_to_the_day_before_and_after(signed_in_client):
    page = html(signed_in_client.get(reverse("journal:daily_log", args=["2026-03-08"])))
    today = html(signed_in_client.get(reverse("journal:daily_log", args=["2026-03-10"])))

    assert reverse("journal:daily_log", args=["2026-03-07"]) in page
    assert reverse("journal:daily_log", args=["2026-03-09"]) in page
    assert reverse("journal:daily_log", args=["2026-03-11"]) not in today


# --- Time zones: the person's local days ---------------------------------------------------

AUCKLAND_NOW = dt.datetime(2026, 3, 11, 0, 0, tzinfo=dt.UTC)  # 13:00 on 11 March in Auckland


@pytest.fixture
def aucklander(client):
    person = UserFactory(time_zone="Pacific/Auckland")
    # 23:30 on 10 March in Auckland is 10:30 UTC on the 10th;
    # 00:30 on 11 March in Auckland is 11:30 UTC on the 10th, a UTC date that would mislead.
    late = EpisodeFactory(user=person, started_at=dt.datetime(2026, 3, 10, 10, 30, tzinfo=dt.UTC))
    after_midnight = EpisodeFactory(
        user=person, started_at=dt.datetime(2026, 3, 10, 11, 30, tzinfo=dt.UTC)
    )
    client.force_login(person)
    return person, late, after_midnight


@time_machine.travel(AUCKLAND_NOW, tick=False)
def test_an_episode_late_at_night_is_listed_under_its_local_day(client, aucklander):
    _, late, after_midnight = aucklander

    response = client.get(reverse("journal:episode_list"))

    page = html(response)
    assert 'id="day-2026-03-10"' in page
    assert 'id="day-2026-03-11"' in page
    tenth = page[page.index('id="day-2026-03-10"') :]
    assert f'id="episode-{late.pk}"' in tenth
    assert f'id="episode-{after_midnight.pk}"' not in tenth
    assert "23:30" in tenth


@time_machine.travel(AUCKLAND_NOW, tick=False)
def test_the_glance_counts_an_episode_on_its_local_day(client, aucklander):
    glance = client.get("/").context["glance"]

    by_day = {day["date"]: day["count"] for day in glance}
    assert by_day[dt.date(2026, 3, 10)] == 1
    assert by_day[dt.date(2026, 3, 11)] == 1
    assert glance[-1]["date"] == dt.date(2026, 3, 11)


@time_machine.travel(AUCKLAND_NOW, tick=False)
def test_the_date_filter_uses_local_days(client, aucklander):
    _, late, _ = aucklander

    response = client.get(
        reverse("journal:episode_list"), {"date_from": "2026-03-10", "date_to": "2026-03-10"}
    )

    assert list(response.context["page_obj"]) == [late]


@time_machine.travel(dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC), tick=False)
def test_todays_log_is_the_persons_local_today_not_utcs(client):
    person = UserFactory(time_zone="Pacific/Auckland")  # 01:00 on 11 March there
    client.force_login(person)

    dashboard = html(client.get("/"))
    saved = client.post(reverse("journal:daily_log", args=["2026-03-11"]), {"stress_level": "2"})
    future = client.post(reverse("journal:daily_log", args=["2026-03-12"]), {"stress_level": "2"})

    assert reverse("journal:daily_log", args=["2026-03-11"]) in dashboard
    assert saved.status_code == 302
    assert future.status_code == 400
    assert DailyLog.objects.get(user=person).date == dt.date(2026, 3, 11)


# --- Query counts: the same whatever the amount of data ----------------------------------


def _many_episodes(user, count: int) -> None:
    now = timezone.now()
    Episode.objects.bulk_create(
        Episode(
            user=user,
            started_at=now - dt.timedelta(hours=3 * n + 1),
            locations=["eyelid"],
            side="left",
            intensity=3,
            symptoms=["pain"] if n % 7 == 0 else [],
            triggers=["stress"],
        )
        for n in range(count)
    )


# The journal list: 7, one of them the daily logs of the days on the page.
@pytest.mark.parametrize(("name", "expected"), [("home", 9), ("journal:episode_list", 7)])
@time_machine.travel(NOW, tick=False)
def test_pages_run_the_same_number_of_queries_for_5_and_500_episodes(
    client, user, django_assert_num_queries, name, expected
):
    client.force_login(user)
    client.get(reverse("home"))  # the first page after log-in writes the session
    counts = []
    for total in (5, 500):
        Episode.objects.all().delete()
        _many_episodes(user, total)
        with django_assert_num_queries(expected) as captured:
            response = client.get(reverse(name))
        assert response.status_code == 200
        counts.append(len(captured))

    assert counts[0] == counts[1]


def test_a_cause_page_link_preselects_its_trigger(signed_in_client):
    response = signed_in_client.get(reverse("journal:episode_create") + "?trigger=caffeine")

    page = html(response)
    caffeine = page[page.index('value="caffeine"') :].split(">", 1)[0]
    stress = page[page.index('value="stress"') :].split(">", 1)[0]
    assert "checked" in caffeine
    assert "checked" not in stress


def test_an_unknown_trigger_in_the_link_is_ignored(signed_in_client):
    response = signed_in_client.get(reverse("journal:episode_create") + "?trigger=<script>")

    assert response.status_code == 200
    assert "triggers" not in response.context["form"].initial


def test_episodes_per_day_counts_local_days_across_a_clock_change(user):
    user.profile.time_zone = "Europe/London"  # clocks go forward at 01:00 on 29 March 2026
    user.profile.save()
    utc = dt.UTC
    for moment in (
        dt.datetime(2026, 3, 28, 23, 59, tzinfo=utc),  # 23:59 on the 28th (GMT)
        dt.datetime(2026, 3, 29, 0, 0, tzinfo=utc),  # 00:00 on the 29th
        dt.datetime(2026, 3, 29, 22, 59, tzinfo=utc),  # 23:59 on the 29th (BST)
        dt.datetime(2026, 3, 29, 23, 0, tzinfo=utc),  # 00:00 on the 30th
        dt.datetime(2026, 3, 31, 12, 0, tzinfo=utc),  # after the last day asked for
    ):
        EpisodeFactory(user=user, started_at=moment)
    EpisodeFactory(user=UserFactory(), started_at=dt.datetime(2026, 3, 29, 12, 0, tzinfo=utc))

    days = episodes_per_day(user, dt.date(2026, 3, 28), dt.date(2026, 3, 30))

    assert days == [
        (dt.date(2026, 3, 28), 1),
        (dt.date(2026, 3, 29), 2),
        (dt.date(2026, 3, 30), 1),
    ]


# --- The listing: always read afresh ------------------------------


def _listing(response) -> str:
    """The page's count, cards and page links."""
    body = html(response)
    return body[body.index('<p class="result-count"') : body.index("</main>")]


def test_an_episode_saved_or_deleted_shows_on_the_next_visit(signed_in_client, user):
    kept = EpisodeFactory(user=user, started_at=NOW)
    assert "1 twitch." in html(signed_in_client.get(reverse("journal:episode_list")))

    signed_in_client.post(reverse("journal:episode_quick"), QUICK)
    assert "2 twitches." in html(signed_in_client.get(reverse("journal:episode_list")))

    signed_in_client.post(reverse("journal:episode_delete", args=[kept.pk]))
    assert "1 twitch." in html(signed_in_client.get(reverse("journal:episode_list")))


def test_each_filter_and_page_has_its_own_listing(signed_in_client, user):
    EpisodeFactory(user=user, locations=["eyelid"])
    EpisodeFactory(user=user, locations=["cheek"])
    everything = html(signed_in_client.get(reverse("journal:episode_list")))

    cheek = html(signed_in_client.get(reverse("journal:episode_list"), {"location": "cheek"}))

    assert "2 twitches." in everything
    assert "1 twitch matches your filters." in cheek


def test_the_same_address_never_shows_another_persons_listing(client, user, other_user):
    EpisodeFactory(user=user, notes="mine")
    client.force_login(user)
    assert "1 twitch." in html(client.get(reverse("journal:episode_list")))

    client.force_login(other_user)
    theirs = html(client.get(reverse("journal:episode_list")))

    assert "No twitches yet." in theirs
    assert "1 twitch." not in theirs


@time_machine.travel(NOW, tick=False)
def test_a_new_time_zone_rewrites_the_times(client):
    person = UserFactory(time_zone="Europe/London")
    EpisodeFactory(user=person, started_at=dt.datetime(2026, 3, 10, 10, 30, tzinfo=dt.UTC))
    client.force_login(person)
    assert "10:30" in _listing(client.get(reverse("journal:episode_list")))

    client.post(
        reverse("account_settings"),
        {"time_zone": "Pacific/Auckland", "reminder_time": "20:00"},
    )

    assert "23:30" in _listing(client.get(reverse("journal:episode_list")))


@time_machine.travel(NOW, tick=False)
def test_each_session_gets_the_times_in_its_own_zone(client, user):
    """A session started before a time zone change elsewhere keeps showing its own zone."""
    EpisodeFactory(user=user, started_at=dt.datetime(2026, 3, 10, 10, 30, tzinfo=dt.UTC))
    client.force_login(user)
    session = client.session
    session[SESSION_TZ_KEY] = "Pacific/Auckland"
    session.save()
    assert "23:30" in _listing(client.get(reverse("journal:episode_list")))

    session[SESSION_TZ_KEY] = "UTC"
    session.save()

    assert "10:30" in _listing(client.get(reverse("journal:episode_list")))


# --- The dashboard, read afresh ---------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_the_dashboard_shows_a_new_twitch_and_a_new_log_at_once(signed_in_client, user):
    assert "No twitches logged today." in html(signed_in_client.get("/"))

    signed_in_client.post(reverse("journal:episode_quick"), QUICK)
    DailyLogFactory(user=user, date=dt.date(2026, 3, 10), sleep_hours=Decimal("5.5"))
    page = html(signed_in_client.get("/"))

    assert "1 twitch logged today so far." in page
    assert "1 twitch in the last 14 days." in page
    assert "5.5 hours" in page


@time_machine.travel(dt.datetime(2026, 3, 10, 12, 59, 59, tzinfo=dt.UTC), tick=False)
def test_the_dashboard_starts_a_new_day_at_local_midnight(client):
    person = UserFactory(time_zone="Pacific/Noumea")  # UTC+11: 23:59:59 on 10 March
    EpisodeFactory(user=person, started_at=NOW)
    client.force_login(person)
    assert "1 twitch logged today so far." in html(client.get("/"))

    with time_machine.travel(dt.datetime(2026, 3, 10, 13, 0, 1, tzinfo=dt.UTC), tick=False):
        page = html(client.get("/"))

    assert "No twitches logged today." in page
    assert "Wednesday 11 March" in page


@time_machine.travel(NOW, tick=False)
def test_a_new_checklist_item_shows_on_the_dashboard_at_once(signed_in_client):
    assert "Stretch your face" not in html(signed_in_client.get("/"))

    ChecklistItemFactory(title="Stretch your face", slug="stretch-your-face")

    assert "Stretch your face" in html(signed_in_client.get("/"))


def _queries_and_page(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), html(response)


def _main(page: str) -> str:
    # Without the checklist form's token, which is new with every page.
    main = page[page.index('<main id="main"') : page.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)

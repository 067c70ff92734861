"""'I have been seen about this', the emergency banner it takes away, and the onset date.

SPEC, Triage: the acknowledgement takes the emergency banner off the other pages; it never
changes the result, which the triage page and the report keep showing with the date. A
new qualifying episode after it brings the banner back.
"""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from journal import services
from journal.selectors import triage_for
from tests.factories import EpisodeFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)
PAGE = reverse("journal:triage")
BANNER = 'class="emergency-banner"'
SEEN_BUTTON = "I have been seen about this"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def log(user, *, hours_ago: float = 1, **fields):
    return services.episode_create(
        user=user,
        started_at=NOW - dt.timedelta(hours=hours_ago),
        locations=fields.pop("locations", ["eyelid"]),
        side=fields.pop("side", "left"),
        **fields,
    )


def html(client, url=PAGE) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def banner_shown(client, url) -> bool:
    return BANNER in html(client, url)


def test_an_anonymous_post_is_sent_to_log_in_and_records_nothing(client, user):
    response = client.post(PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    user.profile.refresh_from_db()
    assert user.profile.emergency_seen_at is None


def test_the_button_is_offered_with_an_emergency_banner(signed_in_client, user):
    log(user, symptoms=["drooping"])

    page = html(signed_in_client)

    assert SEEN_BUTTON in page
    assert BANNER in page


def test_no_button_without_an_emergency(signed_in_client, user):
    log(user, symptoms=["pain"])

    assert SEEN_BUTTON not in html(signed_in_client)


def test_the_post_stores_the_time_on_the_person_s_own_profile_only(
    signed_in_client, user, other_user
):
    log(user, symptoms=["confusion"])

    response = signed_in_client.post(PAGE)

    assert response.status_code == 302
    assert response["Location"] == PAGE
    user.profile.refresh_from_db()
    other_user.profile.refresh_from_db()
    assert user.profile.emergency_seen_at == NOW
    assert other_user.profile.emergency_seen_at is None


@pytest.mark.parametrize(
    "url",
    [
        reverse("home"),
        reverse("journal:episode_list"),
        "/guidance/",
        reverse("journal:report"),
    ],
)
def test_it_takes_the_banner_off_the_other_pages(signed_in_client, user, url):
    log(user, symptoms=["drooping"])
    assert banner_shown(signed_in_client, url)

    signed_in_client.post(PAGE)

    assert not banner_shown(signed_in_client, url)


def test_the_banner_stays_on_the_delete_page_until_acknowledged(signed_in_client, user):
    episode = log(user, symptoms=["slurred_speech"])
    url = reverse("journal:episode_delete", args=[episode.pk])

    assert banner_shown(signed_in_client, url)
    signed_in_client.post(PAGE)
    assert not banner_shown(signed_in_client, url)


def test_it_never_changes_the_result(signed_in_client, user, api_client):
    log(user, symptoms=["drooping"])
    signed_in_client.post(PAGE)

    assert triage_for(user).level == "emergency"
    page = html(signed_in_client)
    assert "care-card--emergency" in page
    assert "You recorded that you have been seen on 12 March 2026." in page
    assert SEEN_BUTTON not in page
    api_client.force_authenticate(user)
    assert api_client.get("/api/triage/").json()["level"] == "emergency"


def test_the_dashboard_card_keeps_the_level_says_seen_and_drops_the_call_buttons(
    signed_in_client, user
):
    def care_card(page: str) -> str:
        # The dashboard's card only: the footer's FAST block always offers the numbers.
        start = page.index('aria-labelledby="triage-summary-heading"')
        return page[start : page.index("</section>", start)]

    log(user, symptoms=["drooping"])
    assert 'href="tel:999"' in care_card(html(signed_in_client, reverse("home")))

    signed_in_client.post(PAGE)

    card = care_card(html(signed_in_client, reverse("home")))
    assert "You recorded that you have been seen on 12 March 2026." in card
    assert 'href="tel:999"' not in card
    assert "care-card--emergency" in html(signed_in_client, reverse("home"))


def test_the_report_keeps_the_result_and_shows_the_date(signed_in_client, user):
    log(user, symptoms=["drooping"])
    signed_in_client.post(PAGE)

    page = html(signed_in_client, reverse("journal:report"))

    assert "Emergency: call your local emergency number now" in page
    assert "You recorded that you have been seen on 12 March 2026." in page


def test_the_date_stays_beside_an_urgent_result(signed_in_client, user, frozen):
    log(user, symptoms=["drooping"])
    signed_in_client.post(PAGE)

    frozen.shift(dt.timedelta(hours=72))  # the first droop is now older than 72 hours
    signed_in_client.force_login(user)  # the session has idled out meanwhile

    page = html(signed_in_client)
    assert "care-card--urgent" in page
    assert "You recorded that you have been seen on 12 March 2026." in page


def test_a_new_qualifying_episode_after_it_brings_the_banner_back(signed_in_client, user, frozen):
    log(user, symptoms=["confusion"])
    signed_in_client.post(PAGE)
    assert not banner_shown(signed_in_client, reverse("home"))

    frozen.shift(dt.timedelta(minutes=30))
    services.episode_create(
        user=user,
        started_at=NOW + dt.timedelta(minutes=20),
        locations=["cheek"],
        side="left",
        symptoms=["slurred_speech"],
    )

    assert banner_shown(signed_in_client, reverse("home"))
    assert SEEN_BUTTON in html(signed_in_client)


def test_a_new_episode_without_an_emergency_sign_does_not_bring_it_back(
    signed_in_client, user, frozen
):
    log(user, symptoms=["confusion"])
    signed_in_client.post(PAGE)

    frozen.shift(dt.timedelta(minutes=30))
    services.episode_create(
        user=user, started_at=NOW + dt.timedelta(minutes=20), locations=["cheek"], side="left"
    )

    assert not banner_shown(signed_in_client, reverse("home"))


def test_no_streak_prompt_beside_an_emergency(signed_in_client, user):
    log(user, symptoms=["arm_weakness"])

    page = html(signed_in_client, reverse("home"))

    assert "checklist__streak" not in page
    assert "streak" not in page.lower()


def test_the_streak_prompt_shows_without_an_emergency(signed_in_client, user):
    log(user)

    assert "start a streak" in html(signed_in_client, reverse("home"))


# The onset date counts in triage ---------------------------------------------------------


def test_a_new_person_whose_twitch_began_five_weeks_ago_logs_one_twitch_and_is_told_to_see_a_doctor(
    client,
):
    person = UserFactory()
    services.profile_update(
        profile=person.profile, twitch_began_on=NOW.date() - dt.timedelta(weeks=5)
    )
    client.force_login(person)
    EpisodeFactory(user=person, started_at=NOW - dt.timedelta(minutes=5))

    page = html(client)

    assert triage_for(person).level == "see_doctor"
    assert "care-card--see-doctor" in page
    assert "when you said your twitching began" in page


def test_changing_the_onset_date_changes_the_answer_at_once(user):
    log(user)
    assert triage_for(user).level == "self_care"

    services.profile_update(
        profile=user.profile, twitch_began_on=NOW.date() - dt.timedelta(days=30)
    )
    user.refresh_from_db()

    assert triage_for(user).level == "see_doctor"


def test_onset_21_days_before_today_in_auckland_is_not_persistent_but_22_is(client):
    # 09:00 UTC on 12 March is 22:00 in Auckland (UTC+13): the same local date.
    person = UserFactory(time_zone="Pacific/Auckland")
    local_today = dt.date(2026, 3, 12)
    EpisodeFactory(user=person, started_at=NOW - dt.timedelta(minutes=5))

    services.profile_update(
        profile=person.profile, twitch_began_on=local_today - dt.timedelta(days=21)
    )
    person.refresh_from_db()
    assert triage_for(person).level == "self_care"

    services.profile_update(
        profile=person.profile, twitch_began_on=local_today - dt.timedelta(days=22)
    )
    person.refresh_from_db()
    assert triage_for(person).level == "see_doctor"

"""The daily checklist: ticks on the dashboard, stored in the daily log, and the streak."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guidance.models import ChecklistItem
from journal.models import DailyLog
from journal.selectors import checklist_streak, checklist_today
from journal.services import checklist_set
from tests.factories import ChecklistItemFactory, DailyLogFactory, UserFactory
from twitchcare.backends import ModelBackend

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 3, 20, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def items(db):
    """Two published items and a draft, whatever the content migration loaded."""
    ChecklistItem.objects.all().delete()
    return [
        ChecklistItemFactory(slug="drink-water", title="Drink 8 glasses of water", order=2),
        ChecklistItemFactory(slug="screen-break", title="Take a screen break", order=1),
        ChecklistItemFactory(slug="secret-draft", title="Not ready yet", status="draft"),
    ]


def save_url(day: dt.date) -> str:
    return reverse("journal:checklist_save", args=[day])


def ticks(user, day: dt.date = TODAY) -> list[str]:
    return DailyLog.objects.get(user=user, date=day).checklist_done


def tick_days(user, *days_ago: int) -> None:
    for n in days_ago:
        DailyLogFactory(
            user=user, date=TODAY - dt.timedelta(days=n), checklist_done=["drink-water"]
        )


def render_tag(user) -> str:
    """The dashboard's checklist, as the dashboard view loads it and its include shows it."""
    user = signed_in_request(user).user if user.is_authenticated else user
    checklist = checklist_today(user) if user.is_authenticated else None
    return render_to_string(
        "journal/includes/checklist_form.html", {"checklist": checklist, "next": "/"}
    )


def signed_in_request(user):
    """A request whose user is loaded afresh, with the profile, as the session backend does."""
    request = RequestFactory().get("/")
    request.user = ModelBackend().get_user(user.pk)
    return request


# The page pieces


def test_the_dashboard_shows_todays_checklist(signed_in_client):
    html = signed_in_client.get("/").content.decode()

    assert "Today&#x27;s checklist" in html or "Today's checklist" in html
    assert 'name="done" value="screen-break"' in html
    assert 'name="done" value="drink-water"' in html
    assert "secret-draft" not in html
    assert html.index("screen-break") < html.index("drink-water")  # in the editors' order
    assert f'action="{save_url(TODAY)}"' in html
    assert "Save today&#x27;s checklist" in html or "Save today's checklist" in html


def test_ticked_items_show_as_ticked(user):
    DailyLogFactory(user=user, date=TODAY, checklist_done=["drink-water"])

    html = render_tag(user)

    assert 'value="drink-water" id="checklist-drink-water" checked' in html
    assert 'value="screen-break" id="checklist-screen-break">' in html
    assert "1 of 2 ticked." in html


def test_a_visitor_gets_no_checklist():
    from django.contrib.auth.models import AnonymousUser

    assert render_tag(AnonymousUser()).strip() == ""


def test_the_streak_is_shown_in_words(user):
    tick_days(user, 0, 1, 2)

    assert "3 days in a row</strong> with at least one thing ticked." in render_tag(user)


def test_without_a_streak_it_invites_a_first_tick(user):
    assert "Tick one thing today to start a streak." in render_tag(user)


def test_the_checklist_query_count_does_not_grow_with_history(user):
    def count() -> int:
        request = signed_in_request(user)
        with CaptureQueriesContext(connection) as queries:
            checklist_today(request.user)
        return len(queries)

    tick_days(user, *range(5))
    few = count()
    tick_days(user, *range(5, 200))
    many = count()

    assert many == few == 2  # the ticks, the items: read afresh every time


# Saving


def test_ticking_stores_the_slugs_in_todays_log(signed_in_client, user):
    response = signed_in_client.post(
        save_url(TODAY), {"done": ["screen-break", "drink-water"], "next": "/"}
    )

    assert response.status_code == 302
    assert response.url == "/"
    assert ticks(user) == ["drink-water", "screen-break"]
    assert "Today&#x27;s checklist is saved." in signed_in_client.get("/").content.decode()


def test_unticking_replaces_the_days_ticks_and_keeps_the_rest_of_the_log(signed_in_client, user):
    DailyLogFactory(user=user, date=TODAY, sleep_hours=5, checklist_done=["drink-water"])

    signed_in_client.post(save_url(TODAY), {"done": ["screen-break"]})

    log = DailyLog.objects.get(user=user, date=TODAY)
    assert log.checklist_done == ["screen-break"]
    assert log.sleep_hours == 5


def test_sending_no_ticks_clears_the_day(signed_in_client, user):
    DailyLogFactory(user=user, date=TODAY, checklist_done=["drink-water"])

    signed_in_client.post(save_url(TODAY), {})

    assert ticks(user) == []


def test_an_earlier_day_can_be_ticked(signed_in_client, user):
    yesterday = TODAY - dt.timedelta(days=1)

    signed_in_client.post(save_url(yesterday), {"done": ["drink-water"]})

    assert ticks(user, yesterday) == ["drink-water"]


def test_a_day_in_the_future_is_refused(signed_in_client, user):
    tomorrow = TODAY + dt.timedelta(days=1)

    response = signed_in_client.post(save_url(tomorrow), {"done": ["drink-water"]}, follow=True)

    assert "That day has not come yet." in response.content.decode()
    assert not DailyLog.objects.exists()


def test_the_persons_local_today_is_not_the_future(client):
    # 12:00 UTC on 20 March is already 21 March in Auckland.
    person = UserFactory(time_zone="Pacific/Auckland")
    client.force_login(person)

    client.post(save_url(dt.date(2025, 3, 21)), {"done": ["drink-water"]})

    assert ticks(person, dt.date(2025, 3, 21)) == ["drink-water"]
    assert f'action="{save_url(dt.date(2025, 3, 21))}"' in client.get("/").content.decode()


@pytest.mark.parametrize("slug", ["secret-draft", "not-an-item", "<script>"])
def test_an_item_not_on_the_checklist_is_refused(signed_in_client, slug):
    response = signed_in_client.post(save_url(TODAY), {"done": ["drink-water", slug]}, follow=True)

    assert "is not on the checklist." in response.content.decode()
    assert not DailyLog.objects.exists()


def test_a_date_that_does_not_exist_is_a_404(signed_in_client):
    assert signed_in_client.post("/journal/checklist/2025-02-30/", {}).status_code == 404
    assert signed_in_client.post("/journal/checklist/today/", {}).status_code == 404


def test_it_goes_back_only_to_pages_on_this_site(signed_in_client):
    response = signed_in_client.post(save_url(TODAY), {"next": "https://evil.example/"})

    assert response.url == "/"


def test_it_returns_to_the_page_the_form_came_from(signed_in_client):
    response = signed_in_client.post(save_url(TODAY), {"next": "/journal/"})

    assert response.url == "/journal/"


def test_anonymous_people_are_sent_to_log_in(client):
    response = client.post(save_url(TODAY), {"done": ["drink-water"]})

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not DailyLog.objects.exists()


def test_it_only_accepts_post(signed_in_client):
    assert signed_in_client.get(save_url(TODAY)).status_code == 405


def test_ticks_go_to_my_own_log_only(signed_in_client, user, other_user):
    DailyLogFactory(user=other_user, date=TODAY, checklist_done=["screen-break"])

    signed_in_client.post(save_url(TODAY), {"done": ["drink-water"]})

    assert ticks(user) == ["drink-water"]
    assert ticks(other_user) == ["screen-break"]


# The service and the streak


def test_the_service_refuses_the_future_with_a_code(user):
    with pytest.raises(ValidationError) as error:
        checklist_set(user=user, date=TODAY + dt.timedelta(days=1), item_slugs=[])

    assert error.value.error_dict["date"][0].code == "future"


def test_the_service_refuses_unknown_items_with_a_code(user):
    with pytest.raises(ValidationError) as error:
        checklist_set(user=user, date=TODAY, item_slugs=["nope"])

    assert error.value.error_dict["checklist_done"][0].code == "invalid_choice"


def test_the_service_stores_each_slug_once_in_order(user):
    log = checklist_set(
        user=user, date=TODAY, item_slugs=["screen-break", "drink-water", "screen-break"]
    )

    assert log.checklist_done == ["drink-water", "screen-break"]


def test_a_streak_counts_days_in_a_row_up_to_today(user):
    tick_days(user, 0, 1, 2, 4)

    assert checklist_streak(user, today=TODAY) == 3


def test_a_streak_holds_until_today_is_over(user):
    tick_days(user, 1, 2)

    assert checklist_streak(user, today=TODAY) == 2


def test_a_missed_day_ends_the_streak(user):
    tick_days(user, 2, 3, 4)

    assert checklist_streak(user, today=TODAY) == 0


def test_a_log_without_ticks_does_not_count(user):
    tick_days(user, 1)
    DailyLogFactory(user=user, date=TODAY - dt.timedelta(days=2), checklist_done=[])
    tick_days(user, 3)

    assert checklist_streak(user, today=TODAY) == 1


def test_the_streak_grows_day_by_day(client, user):
    for day_number in range(3):
        with time_machine.travel(NOW + dt.timedelta(days=day_number), tick=False):
            client.force_login(user)  # sessions end after two idle hours
            day = TODAY + dt.timedelta(days=day_number)
            client.post(save_url(day), {"done": ["drink-water"]})
            assert checklist_today(user).streak == day_number + 1

    # The next morning, before anything is ticked, the streak still stands at 3.
    with time_machine.travel(NOW + dt.timedelta(days=3), tick=False):
        assert checklist_today(user).streak == 3
    # A day later with nothing ticked, it is gone.
    with time_machine.travel(NOW + dt.timedelta(days=4), tick=False):
        assert checklist_today(user).streak == 0


def test_another_persons_ticks_do_not_count(user, other_user):
    tick_days(other_user, 0, 1, 2)

    assert checklist_streak(user, today=TODAY) == 0


def test_without_published_items_it_says_so(user):
    ChecklistItem.objects.all().delete()

    html = render_tag(user)

    assert "The checklist is not available right now." in html
    assert "Save today" not in html

"""The daily log without typing (issue 15): steppers and stress buttons, "same as the day
before" in one tap, and the checklist ticked and saved in place (JSON for the script, a
redirect without JavaScript)."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from guidance.models import ChecklistItem
from journal.models import DailyLog
from tests.factories import ChecklistItemFactory, DailyLogFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()
YESTERDAY = TODAY - dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def items(db):
    ChecklistItem.objects.all().delete()
    return [ChecklistItemFactory(slug="drink-water", title="Drink water", order=1)]


def page_of(client, day=TODAY) -> str:
    return client.get(reverse("journal:daily_log", args=[day])).content.decode()


def test_the_numbers_are_steppers_and_stress_is_a_row_of_buttons(signed_in_client):
    page = page_of(signed_in_client)

    assert page.count('class="stepper stepper--daily') == 5
    assert 'data-step-by="0.5" data-start="7"' in page  # sleep
    assert page.count('type="radio" name="stress_level"') == 12  # not said, 0 to 10
    assert "js/steppers.js" in page


def test_same_as_the_day_before_copies_the_factors_in_one_tap(signed_in_client, user):
    DailyLogFactory(
        user=user, date=YESTERDAY, sleep_hours=Decimal("6.5"), caffeine_servings=3,
        stress_level=7, notes="Busy day", checklist_done=[],
    )  # fmt: skip
    assert "Same as the day before" in page_of(signed_in_client)

    response = signed_in_client.post(
        reverse("journal:daily_log", args=[TODAY]), {"same_as_yesterday": "1"}
    )

    assert response.status_code == 302
    log = DailyLog.objects.get(user=user, date=TODAY)
    assert (log.sleep_hours, log.caffeine_servings, log.stress_level) == (Decimal("6.5"), 3, 7)
    assert log.notes == ""


def test_same_as_the_day_before_keeps_todays_notes_and_ticks(signed_in_client, user, items):
    DailyLogFactory(user=user, date=YESTERDAY, sleep_hours=8, checklist_done=[])
    DailyLogFactory(
        user=user, date=TODAY, sleep_hours=5, notes="Mine", checklist_done=["drink-water"]
    )

    signed_in_client.post(reverse("journal:daily_log", args=[TODAY]), {"same_as_yesterday": "1"})

    log = DailyLog.objects.get(user=user, date=TODAY)
    assert (log.sleep_hours, log.notes, log.checklist_done) == (8, "Mine", ["drink-water"])


def test_without_a_log_the_day_before_there_is_nothing_to_copy(signed_in_client, user):
    assert "Same as the day before" not in page_of(signed_in_client)

    response = signed_in_client.post(
        reverse("journal:daily_log", args=[TODAY]), {"same_as_yesterday": "1"}, follow=True
    )

    assert "There is no log for the day before to copy." in response.content.decode()
    assert not DailyLog.objects.filter(user=user, date=TODAY).exists()


def test_the_day_before_is_the_persons_own(signed_in_client, other_user):
    DailyLogFactory(user=other_user, date=YESTERDAY, sleep_hours=9)

    assert "Same as the day before" not in page_of(signed_in_client)


def test_a_future_day_cannot_be_copied_onto(signed_in_client, user):
    tomorrow = TODAY + dt.timedelta(days=1)
    DailyLogFactory(user=user, date=TODAY)

    response = signed_in_client.post(
        reverse("journal:daily_log", args=[tomorrow]), {"same_as_yesterday": "1"}
    )

    assert response.status_code == 400
    assert not DailyLog.objects.filter(user=user, date=tomorrow).exists()


def test_todays_log_has_the_checklist_to_tick_in_place(signed_in_client, items):
    page = page_of(signed_in_client)

    assert "data-save-in-place" in page
    assert "js/checklist.js" in page
    assert "data-save-in-place" not in page_of(signed_in_client, YESTERDAY)


def test_a_tick_sent_by_the_script_is_answered_in_json(signed_in_client, user, items):
    response = signed_in_client.post(
        reverse("journal:checklist_save", args=[TODAY]),
        {"done": ["drink-water"]},
        headers={"accept": "application/json"},
    )

    assert response.status_code == 200
    assert response.json() == {
        "saved": True, "done_count": 1, "message": "Today's checklist is saved.",
    }  # fmt: skip
    assert DailyLog.objects.get(user=user, date=TODAY).checklist_done == ["drink-water"]


def test_a_refused_tick_is_a_400_with_the_message_in_json(signed_in_client, items):
    response = signed_in_client.post(
        reverse("journal:checklist_save", args=[TODAY]),
        {"done": ["made-up"]},
        headers={"accept": "application/json"},
    )

    assert response.status_code == 400
    assert response.json()["saved"] is False
    assert response.json()["message"]


def test_without_javascript_the_checklist_still_posts_and_comes_back(signed_in_client, user, items):
    day_url = reverse("journal:daily_log", args=[TODAY])
    response = signed_in_client.post(
        reverse("journal:checklist_save", args=[TODAY]), {"done": ["drink-water"], "next": day_url}
    )

    assert response.status_code == 302
    assert response.url == day_url
    assert DailyLog.objects.get(user=user, date=TODAY).checklist_done == ["drink-water"]


def test_the_tick_endpoint_needs_the_csrf_token(client, user, items):
    client.handler.enforce_csrf_checks = True
    client.force_login(user)

    response = client.post(
        reverse("journal:checklist_save", args=[TODAY]),
        {"done": ["drink-water"]},
        headers={"accept": "application/json"},
    )

    assert response.status_code == 403

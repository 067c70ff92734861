"""The five-week plan: /plan/."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guidance.models import PlanStep
from journal.plan import PlanProgress
from journal.selectors import plan_overview
from tests.factories import DailyLogFactory, EpisodeFactory, UserFactory
from tests.test_insights_pages import seed

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 3, 20, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()
URL = "/plan/"
FOCUS = {1: [], 2: ["caffeine_servings", "sleep_hours"], 3: ["water_glasses"],
         4: ["screen_hours"], 5: []}  # fmt: skip


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def steps(db):
    """Five known plan steps, whatever the content migration loaded."""
    PlanStep.objects.all().delete()
    return [
        PlanStep.objects.create(
            week=week,
            slug=f"week-{week}",
            title=f"Week {week}: Step {week}",
            summary=f"Summary of week {week}.",
            body=f"- Do thing {week}\n- <script>alert(1)</script>",
            focus_factors=FOCUS[week],
            status="published",
            next_review_due=timezone.localdate() + dt.timedelta(days=365),
        )
        for week in range(1, 6)
    ]


def start(user, days_ago: int) -> None:
    user.profile.plan_started_on = TODAY - dt.timedelta(days=days_ago)
    user.profile.save()


def test_it_sends_an_anonymous_person_to_log_in(client):
    for method in (client.get, client.post):
        response = method(URL)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_before_starting_it_offers_to_start(signed_in_client):
    html = signed_in_client.get(URL).content.decode()

    assert "Start my plan today" in html
    assert "Week 1: Step 1" in html
    assert "Week 5: Step 5" in html
    assert "This week" not in html


def test_starting_sets_the_persons_local_today(client):
    # 12:00 UTC on 20 March is 01:00 on 21 March in Auckland.
    person = UserFactory(time_zone="Pacific/Auckland")
    client.force_login(person)

    response = client.post(URL)

    assert response.status_code == 302
    person.profile.refresh_from_db()
    assert person.profile.plan_started_on == dt.date(2025, 3, 21)
    page = client.get(URL).content.decode()
    assert "Your five-week plan starts today. This is week 1." in page
    assert "week 1 of 5" in page


@pytest.mark.parametrize(
    ("days_ago", "week"), [(0, 1), (6, 1), (7, 2), (13, 2), (14, 3), (27, 4), (34, 5)]
)
def test_the_page_shows_the_current_week(signed_in_client, user, days_ago, week):
    start(user, days_ago)

    response = signed_in_client.get(URL)

    html = response.content.decode()
    assert f"You are in <strong>week {week} of 5</strong>" in html
    assert f"This week: Week {week}: Step {week}" in html
    assert f"<li>Do thing {week}</li>" in html
    assert "<script>alert" not in html  # the step's body is sanitised
    assert response.context["overview"].current.week == week


def test_after_five_weeks_the_plan_is_finished(signed_in_client, user):
    start(user, 35)

    html = signed_in_client.get(URL).content.decode()

    assert "You have finished the five weeks" in html
    assert "This week:" not in html
    assert html.count('<p class="plan-week__status">Done</p>') == 5
    assert "Start the plan again" in html


def test_progress_is_in_words_not_only_colour(signed_in_client, user):
    start(user, 15)  # week 3

    html = signed_in_client.get(URL).content.decode()

    assert html.count('<p class="plan-week__status">Done</p>') == 2
    assert html.count('<p class="plan-week__status">This week</p>') == 1
    assert html.count('<p class="plan-week__status">To come</p>') == 2
    assert 'id="week-3" aria-current="step"' in html


def test_starting_again_asks_first_and_changes_nothing(signed_in_client, user):
    start(user, 10)

    response = signed_in_client.post(URL)

    assert response.status_code == 200
    assert "Start your plan again?" in response.content.decode()
    user.profile.refresh_from_db()
    assert user.profile.plan_started_on == TODAY - dt.timedelta(days=10)


def test_starting_again_once_confirmed_starts_today(signed_in_client, user):
    start(user, 40)

    response = signed_in_client.post(URL, {"confirm": "yes"})

    assert response.status_code == 302
    user.profile.refresh_from_db()
    assert user.profile.plan_started_on == TODAY
    assert (
        "Your plan starts again today, from week 1." in signed_in_client.get(URL).content.decode()
    )


def test_each_week_shows_what_the_journal_says_about_its_focus(signed_in_client, user):
    # Started 10 March: week 1 is 10-16 March, week 2 is 17-23 March (so far 17-20).
    start(user, 10)
    for n, caffeine, sleep in [(10, 4, 6), (11, 4, 6), (12, 2, 7), (17, 1, 8), (18, 2, 7)]:
        DailyLogFactory(user=user, date=dt.date(2025, 3, n), caffeine_servings=caffeine,
                        sleep_hours=sleep)  # fmt: skip
    for n in (3, 10, 11, 11, 12, 19):
        EpisodeFactory(user=user, started_at=dt.datetime(2025, 3, n, 9, tzinfo=dt.UTC))

    response = signed_in_client.get(URL)

    week1, week2 = (w.summary for w in response.context["overview"].weeks[:2])
    # Week 1: logs on 10, 11, 12; episodes on 10, 11 (two), 12. The week before: 3 March.
    assert (week1.days_so_far, week1.days_logged, week1.episodes) == (7, 3, 4)
    assert week1.previous_episodes == 1
    # Week 2 so far: logs on 17 and 18, an episode on 19: three days written in.
    assert (week2.days_so_far, week2.days_logged, week2.episodes) == (4, 3, 1)
    caffeine, sleep = week2.averages
    assert (caffeine.average, caffeine.days, caffeine.previous_average) == (1.5, 2, 3.3)
    assert (sleep.average, sleep.previous_average) == (7.5, 6.3)
    html = " ".join(response.content.decode().split())
    assert "You wrote in your journal on 3 of 4 days so far." in html
    assert "Twitches: 1 this week so far, 4 in the week before." in html
    assert "Caffeine: average 1.5 drinks over 2 logged days." in html
    assert "The week before: average 3.3 drinks over 3 days." in html
    assert "Twitches: 4 this week, 1 in the week before you started." in html


def test_another_persons_entries_do_not_change_my_plan(signed_in_client, user, other_user):
    start(user, 3)
    start(other_user, 3)
    seed(other_user, 30)

    summary = signed_in_client.get(URL).context["overview"].weeks[0].summary

    assert (summary.episodes, summary.days_logged, summary.previous_episodes) == (0, 0, 0)


def test_the_query_count_does_not_grow_with_the_data(signed_in_client, user):
    start(user, 20)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert signed_in_client.get(URL).status_code == 200
        return len(queries)

    seed(user, 5)
    signed_in_client.get(URL)
    few = count()
    seed(user, 495)
    many = count()

    assert many == few
    assert few <= 10


def test_without_published_steps_the_page_still_works(signed_in_client, user):
    PlanStep.objects.all().delete()
    start(user, 8)

    html = signed_in_client.get(URL).content.decode()

    assert "This week: Week 2" in html
    assert "This week's step is not available right now." in html


def test_the_overview_is_none_for_weeks_to_come(user):
    start(user, 8)

    overview = plan_overview(user)

    assert overview.progress == PlanProgress(started_on=TODAY - dt.timedelta(days=8), today=TODAY)
    assert [w.summary is not None for w in overview.weeks] == [True, True, False, False, False]


def test_a_start_date_after_today_still_shows_week_one(signed_in_client, user):
    # Moving to a time zone further west can put the start date a day after "today".
    start(user, -1)

    response = signed_in_client.get(URL)

    assert response.status_code == 200
    assert "You are in <strong>week 1 of 5</strong>" in response.content.decode()

"""The journal as a diary (issue 15): days with their logged factors, a quiet delete inside
the episode, plain pagination, and a month calendar of the person's local days."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from journal.models import DailyLog, Episode
from journal.views.calendar import shade
from tests.factories import DailyLogFactory, EpisodeFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def html(response) -> str:
    return response.content.decode()


def _history(user, count: int) -> None:
    """``count`` episodes, one every 3 hours back from now, and a daily log for each day."""
    now = timezone.now()
    Episode.objects.bulk_create(
        Episode(
            user=user, started_at=now - dt.timedelta(hours=3 * n + 1), locations=["eyelid"],
            side="left", intensity=3,
        )
        for n in range(count)
    )  # fmt: skip
    days = {(now - dt.timedelta(hours=3 * n + 1)).date() for n in range(count)}
    DailyLog.objects.bulk_create(
        DailyLog(user=user, date=day, sleep_hours=7, caffeine_servings=2) for day in days
    )


# --- The list, grouped by day ----------------------------------------------------------------


def test_each_day_heading_shows_that_days_factors(signed_in_client, user):
    EpisodeFactory(user=user, started_at=NOW - dt.timedelta(hours=1))
    DailyLogFactory(
        user=user, date=NOW.date(), sleep_hours=6.5, caffeine_servings=3, stress_level=8,
        alcohol_drinks=None, screen_hours=None, water_glasses=None,
    )  # fmt: skip

    page = html(signed_in_client.get(reverse("journal:episode_list")))

    factors = page[page.index('class="day-factors"') :].split("</p>", 1)[0]
    assert "Sleep 6.5 h" in factors
    assert "Caffeine 3" in factors
    assert "Stress 8/10" in factors
    assert "Alcohol" not in factors


def test_a_day_without_a_log_offers_to_add_one(signed_in_client, user):
    EpisodeFactory(user=user, started_at=NOW - dt.timedelta(hours=1))

    page = html(signed_in_client.get(reverse("journal:episode_list")))

    assert "No daily log." in page
    assert reverse("journal:daily_log", args=[NOW.date()]) in page


def test_another_persons_log_never_shows_on_my_days(signed_in_client, user, other_user):
    EpisodeFactory(user=user, started_at=NOW - dt.timedelta(hours=1))
    DailyLogFactory(user=other_user, date=NOW.date(), sleep_hours=3)

    page = html(signed_in_client.get(reverse("journal:episode_list")))

    assert "Sleep 3" not in page
    assert "No daily log." in page


@pytest.mark.parametrize("count", [5, 500])
def test_the_list_runs_seven_queries_however_long_the_history(
    client, user, django_assert_num_queries, count
):
    client.force_login(user)
    client.get(reverse("home"))  # the first page after log-in writes the session
    _history(user, count)

    # Session, user with profile, count, page of episodes, the page's daily logs, and the
    # two the banner's triage needs (episodes in the window, criteria).
    with django_assert_num_queries(7):
        response = client.get(reverse("journal:episode_list"))

    assert response.status_code == 200
    assert "Sleep 7 h" in html(response)


def test_delete_is_inside_the_episode_not_on_every_row(signed_in_client, user):
    episode = EpisodeFactory(user=user)
    delete_url = reverse("journal:episode_delete", args=[episode.pk])

    assert delete_url not in html(signed_in_client.get(reverse("journal:episode_list")))
    detail = html(signed_in_client.get(episode.get_absolute_url()))
    assert f'<p class="quiet-delete"><a href="{delete_url}">Delete this twitch</a></p>' in detail
    assert "btn-outline-danger" not in detail


def test_pagination_is_a_nav_of_links_with_the_page_as_plain_text(signed_in_client, user):
    _history(user, 60)

    page = html(signed_in_client.get(reverse("journal:episode_list") + "?page=2"))

    nav = page[page.index('<nav aria-label="Pages of twitches"') :].split("</nav>", 1)[0]
    assert 'rel="prev" href="?page=1"' in nav
    assert 'rel="next" href="?page=3"' in nav
    assert '<p class="pager__where" aria-current="page">Page 2 of 3</p>' in nav
    assert "btn" not in nav and "page-link" not in nav


# --- The month view ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "level"), [(0, 0), (1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (6, 4), (40, 4)]
)
def test_a_days_shade_follows_its_count(count, level):
    assert shade(count) == level


def test_the_month_shows_each_days_count_in_a_table(signed_in_client, user):
    for hours in (1, 2, 3):
        EpisodeFactory(user=user, started_at=NOW - dt.timedelta(hours=hours))
    EpisodeFactory(user=user, started_at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC))

    response = signed_in_client.get(reverse("journal:episode_month", args=["2026-03"]))
    page = html(response)

    assert response.status_code == 200
    assert "<caption" in page and "Twitches logged each day of March 2026" in page
    assert '<th scope="col"><abbr title="Monday">Mon</abbr></th>' in page
    assert "4 twitches logged in March 2026." in page
    tenth = page[page.index('10<span class="visually-hidden"> March, today:') :]
    assert tenth.split("month-day__count", 1)[1].startswith(
        '">3<span class="visually-hidden"> twitches'
    )
    assert "month-day--shade2 month-day--today" in page


def test_this_month_is_the_default(signed_in_client):
    page = html(signed_in_client.get(reverse("journal:episode_month_current")))

    assert "March 2026" in page
    assert reverse("journal:episode_month", args=["2026-02"]) in page


def test_a_local_midnight_in_another_zone_counts_on_the_local_day(client):
    # 11:30 UTC on 9 March is 00:30 on 10 March in Auckland (UTC+13).
    person = UserFactory(time_zone="Pacific/Auckland")
    EpisodeFactory(user=person, started_at=dt.datetime(2026, 3, 9, 11, 30, tzinfo=dt.UTC))
    client.force_login(person)

    page = html(client.get(reverse("journal:episode_month", args=["2026-03"])))

    tenth = page[page.index('10<span class="visually-hidden"> March') :]
    assert tenth.split("month-day__count", 1)[1].startswith('">1<')
    ninth = page[page.index('9<span class="visually-hidden"> March') :]
    assert ninth.split("month-day__count", 1)[1].startswith('">0<')


@pytest.mark.parametrize("month", ["1899-12", "3000-01", "2026-13", "2026-00", "26-03", "march"])
def test_a_month_outside_1900_to_2999_or_not_a_month_is_a_404(signed_in_client, month):
    response = signed_in_client.get(f"/journal/month/{month}/")

    assert response.status_code == 404


def test_the_first_and_last_months_have_no_link_beyond_the_range(signed_in_client):
    first = html(signed_in_client.get(reverse("journal:episode_month", args=["1900-01"])))
    last = html(signed_in_client.get(reverse("journal:episode_month", args=["2999-12"])))

    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="next"' not in last and 'rel="prev"' in last


def test_the_month_shows_only_the_persons_own_twitches(signed_in_client, other_user):
    EpisodeFactory(user=other_user, started_at=NOW - dt.timedelta(hours=1))

    page = html(signed_in_client.get(reverse("journal:episode_month", args=["2026-03"])))

    assert "0 twitches logged in March 2026." in page


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("journal:episode_month", args=["2026-03"]))

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


@pytest.mark.parametrize("count", [5, 500])
def test_the_month_runs_the_same_queries_however_long_the_history(
    client, user, django_assert_num_queries, count
):
    client.force_login(user)
    client.get(reverse("home"))
    _history(user, count)

    # Session, user with profile, the month's counts, and the banner's two.
    with django_assert_num_queries(5):
        response = client.get(reverse("journal:episode_month", args=["2026-03"]))

    assert response.status_code == 200

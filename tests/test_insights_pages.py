"""The insights page: /insights/?days=30|60|90."""

import datetime as dt
import json

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from journal.insights import RULES_BY_FACTOR, FactorComparison
from journal.models import DailyLog, Episode
from journal.selectors import insights_for
from journal.views.insights import _number, factor_card
from tests.factories import DailyLogFactory, EpisodeFactory, UserFactory
from tests.test_insights_arithmetic import welch_by_hand

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 3, 20, 12, 0, tzinfo=dt.UTC)
URL = "/insights/"


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def march(n: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2025, 3, n, hour, tzinfo=dt.UTC)


def make_history(user) -> None:
    """Sleep logged 1-17 March: under 6 h on 1-5 (twitching on 1-4), 7 h on 6-17
    (twitching on 6, 7, 8). So 4 of 5 (80%) against 3 of 12 (25%)."""
    for n in range(1, 18):
        DailyLogFactory(user=user, date=dt.date(2025, 3, n), sleep_hours=5 if n <= 5 else 7)
    for n in (1, 2, 3, 4, 6, 7, 8):
        EpisodeFactory(user=user, started_at=march(n), triggers=["poor_sleep"])


def seed(user, episodes: int, *, log_days: int = 60) -> None:
    """``episodes`` episodes spread over the last 30 days and ``log_days`` daily logs."""
    Episode.objects.bulk_create(
        Episode(
            user=user,
            started_at=NOW - dt.timedelta(hours=1 + (i * 7) % (30 * 24)),
            locations=["eyelid", "cheek"] if i % 3 else ["jaw"],
            side=["left", "right", "both"][i % 3],
            triggers=["stress", "caffeine"][: i % 3],
        )
        for i in range(episodes)
    )
    DailyLog.objects.bulk_create(
        DailyLog(
            user=user,
            date=NOW.date() - dt.timedelta(days=n),
            sleep_hours=4 + n % 5,
            caffeine_servings=n % 6,
            stress_level=n % 11,
            screen_hours=n % 12,
            water_glasses=n % 9,
        )
        for n in range(log_days)
        if not DailyLog.objects.filter(user=user, date=NOW.date() - dt.timedelta(days=n)).exists()
    )


def test_insights_follow_each_new_episode(user):
    EpisodeFactory(user=user, started_at=NOW - dt.timedelta(hours=2), triggers=["stress"])
    assert insights_for(user, days=30).top_triggers == [("stress", 1)]

    EpisodeFactory(user=user, started_at=NOW - dt.timedelta(hours=3), triggers=["stress"])

    assert insights_for(user, days=30).top_triggers == [("stress", 2)]


def test_a_daily_log_change_gives_new_insights(user):
    log = DailyLogFactory(user=user, date=NOW.date(), sleep_hours=5)
    before = insights_for(user, days=7)

    log.sleep_hours = 8
    log.save()

    assert insights_for(user, days=7) != before


def test_it_sends_an_anonymous_person_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_shows_the_last_30_days_by_default(signed_in_client, user):
    make_history(user)

    response = signed_in_client.get(URL)

    assert response.status_code == 200
    insights = response.context["insights"]
    assert insights.period.days == 30
    assert insights.period.start == dt.date(2025, 2, 19)
    assert insights.period.end == dt.date(2025, 3, 20)
    html = response.content.decode()
    assert "You logged <strong>7 twitches</strong> on 7 of the 30 days." in html
    assert 'aria-current="page">30 days</a>' in html


def test_it_says_the_comparison_in_plain_words(signed_in_client, user):
    make_history(user)  # 0.8 twitches a day under 6 h of sleep, 0.25 on the other days

    html = signed_in_client.get(URL).content.decode()

    assert "No clear difference." in html
    assert (
        "0.8 twitches a day on the 5 days with under 6 hours&#x27; sleep; "
        "0.3 a day on the 12 days with 6 hours&#x27; sleep or more."  # 0.25, halves up
    ) in html
    assert "does not prove that caffeine, or anything else, causes your twitching" in html
    # The two long bars that both read near 100% are gone.
    assert "%</span>" not in html


def test_a_clear_difference_leads_with_how_many_more(signed_in_client, user):
    # Caffeine over 3 on 1-5 March with 3 twitches each day; 1 caffeine drink on 6-11 March
    # with 1 twitch on 6-8. Difference 3 - 0.5 = 2.5; both interval ends worked out apart.
    for n in range(1, 12):
        DailyLogFactory(user=user, date=dt.date(2025, 3, n), caffeine_servings=5 if n <= 5 else 1)
    for n in range(1, 6):
        for hour in (8, 12, 16):
            EpisodeFactory(user=user, started_at=march(n).replace(hour=hour))
    for n in (6, 7, 8):
        EpisodeFactory(user=user, started_at=march(n))
    low, high = welch_by_hand([3] * 5, [1, 1, 1, 0, 0, 0])

    response = signed_in_client.get(URL)

    html = response.content.decode()
    assert (
        "On days when you had more than 3 caffeine drinks you had about 2.5 more twitches a "
        f"day (somewhere between {low:.1f} and {high:.1f})."
    ) in html
    assert html.index("about 2.5 more") < html.index("3.0 twitches a day on the 5 days")


def test_fewer_twitches_are_said_with_positive_numbers(signed_in_client, user):
    for n in range(1, 11):
        DailyLogFactory(user=user, date=dt.date(2025, 3, n), stress_level=8 if n <= 4 else 2)
    for n in range(5, 11):
        for hour in (8, 12):
            EpisodeFactory(user=user, started_at=march(n).replace(hour=hour))

    html = signed_in_client.get(URL).content.decode()

    # 0 a day on the stressed days, 2 on the others, with no variance: exactly 2 fewer.
    assert (
        "On days when your stress was 7 or more out of 10 you had about 2.0 fewer twitches a "
        "day (somewhere between 2.0 and 2.0 fewer)."
    ) in html


def test_it_says_how_many_more_days_are_needed(signed_in_client, user):
    make_history(user)  # alcohol is 0 every day: no bad days at all

    html = signed_in_client.get(URL).content.decode()

    assert "Not enough data yet: we need 3 more logged days with over 2 alcoholic drinks." in html
    assert "So far you logged alcohol on 0 days with over 2 alcoholic drinks and 17 with" in html
    assert "We need at least 3 of each to compare." in html


def test_it_counts_the_days_needed_on_each_side(signed_in_client, user):
    DailyLogFactory(user=user, date=dt.date(2025, 3, 1), sleep_hours=5)
    DailyLogFactory(user=user, date=dt.date(2025, 3, 2), sleep_hours=5)
    DailyLogFactory(user=user, date=dt.date(2025, 3, 3), sleep_hours=8)

    html = signed_in_client.get(URL).content.decode()

    assert (
        "Not enough data yet: we need 1 more logged day with under 6 hours&#x27; sleep and 2 "
        "more with 6 hours&#x27; sleep or more."
    ) in html


def test_a_factor_never_logged_says_so(signed_in_client, user):
    EpisodeFactory(user=user, started_at=march(19))

    html = signed_in_client.get(URL).content.decode()

    assert "You have not logged sleep in these days." in html
    assert "we need 3 more logged days with under 6 hours&#x27; sleep and 3 more with 6" in html


@pytest.mark.parametrize("days", [30, 60, 90])
def test_it_shows_the_period_asked_for(signed_in_client, user, days):
    make_history(user)

    response = signed_in_client.get(URL, {"days": days})

    assert response.status_code == 200
    assert response.context["insights"].period.days == days
    assert len(response.context["chart_data"]["episodes"]) == days
    assert f'aria-current="page">{days} days</a>' in response.content.decode()


@pytest.mark.parametrize("bad", ["7", "", "abc", "1000000000000000000000", "30; DROP"])
def test_any_other_period_shows_a_message_and_the_default(signed_in_client, user, bad):
    make_history(user)

    response = signed_in_client.get(URL, {"days": bad})

    assert response.status_code == 200
    assert response.context["insights"].period.days == 30
    assert "We can show the last 30, 60 or 90 days. Here are the last 30." in (
        response.content.decode()
    )


def test_the_chart_data_is_passed_as_json_without_inline_script(signed_in_client, user):
    make_history(user)

    html = signed_in_client.get(URL).content.decode()

    start = html.index('<script id="insights-data" type="application/json">')
    data = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    assert len(data["labels"]) == 30
    assert data["labels"][-1] == "20 Mar"
    assert sum(data["episodes"]) == 7
    # One series on one scale: the daily log is in the table, not six lines on the chart.
    assert list(data) == ["labels", "episodes"]
    assert "js/insights_chart.js" in html
    assert "vendor/chartjs/chart.umd.min.js" in html
    # Every other <script> is a file: the strict CSP allows no inline code.
    for tag in html.split("<script")[1:]:
        assert ' src="' in tag.split(">")[0] or 'type="application/json"' in tag.split(">")[0]


def test_the_numbers_are_also_a_table(signed_in_client, user):
    make_history(user)

    html = signed_in_client.get(URL).content.decode()

    assert "<summary>Show the numbers as a table</summary>" in html
    assert '<th scope="row">Mon 3 Mar</th>' in html
    assert html.count('<th scope="row">') >= 30


def test_it_shows_places_sides_and_triggers(signed_in_client, user):
    EpisodeFactory(user=user, started_at=march(18), locations=["eyelid", "cheek"], side="left",
                   triggers=["caffeine", "stress"])  # fmt: skip
    EpisodeFactory(user=user, started_at=march(19), locations=["eyelid"], side="right",
                   triggers=["stress"])  # fmt: skip

    response = signed_in_client.get(URL)

    ctx = response.context
    assert [(r["label"], r["count"]) for r in ctx["locations"]] == [("Eyelid", 2), ("Cheek", 1)]
    assert [(r["label"], r["count"]) for r in ctx["sides"]] == [
        ("Left", 1),
        ("Right", 1),
        ("Both sides", 0),
    ]
    assert [(r["label"], r["count"]) for r in ctx["triggers"]] == [("Stress", 2), ("Caffeine", 1)]
    assert ctx["triggers"][0]["width"] == 100
    assert ctx["triggers"][1]["width"] == 50


def test_an_empty_journal_gets_a_friendly_start(signed_in_client):
    response = signed_in_client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing logged in these 30 days yet" in html
    assert "insights_chart.js" not in html


def test_another_persons_entries_do_not_change_my_numbers(signed_in_client, user, other_user):
    make_history(user)
    before = signed_in_client.get(URL).context["insights"].as_dict()

    make_history(other_user)
    EpisodeFactory(user=other_user, started_at=march(19), side="both", triggers=["alcohol"])

    assert signed_in_client.get(URL).context["insights"].as_dict() == before


def test_days_are_the_persons_local_days(client):
    # 23:30 on 19 March in Auckland is 10:30 UTC on 19 March; 00:30 on 20 March in Auckland
    # is 11:30 UTC on 19 March, but that is Auckland's 20 March.
    person = UserFactory(time_zone="Pacific/Auckland")
    EpisodeFactory(user=person, started_at=dt.datetime(2025, 3, 19, 10, 30, tzinfo=dt.UTC))
    EpisodeFactory(user=person, started_at=dt.datetime(2025, 3, 19, 11, 30, tzinfo=dt.UTC))
    client.force_login(person)

    insights = client.get(URL).context["insights"]

    counts = {row.date: row.count for row in insights.days}
    assert insights.period.end == dt.date(2025, 3, 21)  # 01:00 on 21 March in Auckland
    assert counts[dt.date(2025, 3, 19)] == 1
    assert counts[dt.date(2025, 3, 20)] == 1


def test_the_period_boundaries_are_local_midnights():
    # In Auckland (UTC+13) the 30 days ending 21 March start at 00:00 on 20 February,
    # which is 11:00 UTC on 19 February.
    person = UserFactory(time_zone="Pacific/Auckland")
    start = dt.datetime(2025, 2, 19, 11, 0, tzinfo=dt.UTC)
    EpisodeFactory(user=person, started_at=start - dt.timedelta(minutes=1))
    EpisodeFactory(user=person, started_at=start)

    insights = insights_for(person, days=30)

    assert insights.period.start == dt.date(2025, 2, 20)
    assert insights.total_episodes == 1
    assert insights.days[0].count == 1


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_data(signed_in_client, user):
    seed(user, 5)
    signed_in_client.get(URL)  # the first request of a session also stores its time zone
    few = query_count(signed_in_client, URL + "?days=90")

    seed(user, 495)
    many = query_count(signed_in_client, URL + "?days=90")

    assert Episode.objects.filter(user=user).count() == 500
    assert many == few
    assert few <= 10


def test_it_is_not_stored_by_browsers(signed_in_client):
    response = signed_in_client.get(URL)

    assert "no-store" in response["Cache-Control"]


def test_it_answers_get_only(signed_in_client):
    assert signed_in_client.post(URL).status_code == 405


def _content(response) -> str:
    body = response.content.decode()
    return body[body.index("<h1>Insights</h1>") : body.index("</main>")]


def test_a_new_entry_shows_on_the_next_visit(signed_in_client, user):
    EpisodeFactory(user=user, started_at=NOW - dt.timedelta(hours=2))
    assert "<strong>1 twitch</strong>" in _content(signed_in_client.get(URL))

    signed_in_client.post(
        reverse("journal:episode_quick"), {"locations": ["cheek"], "side": "left"}
    )

    assert "<strong>2 twitches</strong>" in _content(signed_in_client.get(URL))


def test_the_period_message_is_never_kept_for_a_good_address(signed_in_client, user):
    make_history(user)
    assert "We can show the last" in _content(signed_in_client.get(URL, {"days": "7"}))

    assert "We can show the last" not in _content(signed_in_client.get(URL, {"days": "30"}))
    assert "We can show the last" not in _content(signed_in_client.get(URL))


def test_a_card_counts_the_days_still_needed_on_one_side_only():
    card = factor_card(
        FactorComparison(
            rule=RULES_BY_FACTOR["caffeine_servings"], bad_counts=(2, 3, 1, 4), other_counts=(1,)
        )
    )

    assert card["verdict"] == "not_enough_data"
    assert card["headline"] == (
        "Not enough data yet: we need 2 more logged days with 3 caffeine drinks or fewer."
    )


def test_a_tiny_negative_bound_is_written_as_zero_not_minus_zero():
    assert (_number(-0.04), _number(-0.05), _number(0.25), _number(-1.26)) == (
        "0.0",
        "\u22120.1",
        "0.3",
        "\u22121.3",
    )

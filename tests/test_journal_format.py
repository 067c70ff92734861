"""The display helpers in journal.templatetags.journal_format write exactly what Django's
template filters wrote before them (the pages call the helpers to save the filters' cost),
in the person's time zone, DST changes and times past local midnight included."""

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone

from journal.models import Episode
from journal.templatetags.journal_format import (
    day_and_month,
    episode_days,
    long_date,
    one_decimal,
    short_date,
    short_weekday,
    weekday_day_month,
)
from tests.factories import EpisodeFactory

UTC = dt.UTC

# What the journal list's card and day headings wrote with filters before episode_days.
OLD_CARD = Template(
    "{% load journal_format %}"
    "{{ e.started_at|date:'Y-m-d' }}|{{ e.started_at|date:'l j F Y' }}|"
    "{{ e.started_at|date:'c' }}|{{ e.started_at|time:'H:i' }}|{{ e.started_at|date:'j F' }}|"
    "{{ e.get_locations_display|join:', ' }}, {{ e.get_side_display|lower }}|"
    "{{ e.duration_seconds|duration|lower }}|{{ e.get_symptoms_display|join:', ' }}|"
    "{{ e.get_absolute_url }}|{% url 'journal:episode_edit' e.pk %}|"
    "{% url 'journal:episode_delete' e.pk %}"
)

ZONES_AND_MOMENTS = [
    # London: the clocks go forward at 01:00 UTC on 29 March 2026 and back on 25 October.
    ("Europe/London", dt.datetime(2026, 3, 29, 0, 59, tzinfo=UTC)),
    ("Europe/London", dt.datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
    ("Europe/London", dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
    ("Europe/London", dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),
    # Auckland: 11:30 UTC is half past midnight the next local day.
    ("Pacific/Auckland", dt.datetime(2026, 3, 10, 11, 30, tzinfo=UTC)),
    ("Pacific/Auckland", dt.datetime(2026, 3, 10, 10, 59, tzinfo=UTC)),
    # New York: 03:30 UTC is still the evening before, locally.
    ("America/New_York", dt.datetime(2026, 3, 8, 3, 30, tzinfo=UTC)),
    ("America/New_York", dt.datetime(2026, 3, 8, 7, 0, tzinfo=UTC)),
    ("Asia/Kolkata", dt.datetime(2026, 12, 31, 18, 45, 7, 123456, tzinfo=UTC)),
    ("UTC", dt.datetime(2026, 1, 1, 0, 0, tzinfo=UTC)),
]


def new_card_text(day, card) -> str:
    return "|".join(
        [
            day.id,
            day.heading,
            card.datetime,
            card.time,
            card.date,
            card.where,
            card.duration,
            card.signs or "",
            card.url,
            card.edit_url,
            card.delete_url,
        ]
    )


@pytest.mark.parametrize(("zone", "moment"), ZONES_AND_MOMENTS)
def test_a_card_says_what_the_old_template_filters_said(zone, moment):
    episode = Episode(
        pk=4321,
        started_at=moment,
        locations=["eyelid", "cheek"],
        side="both",
        duration_seconds=3725,
        symptoms=["pain", "arm_weakness"],
    )

    with timezone.override(zone):
        old = OLD_CARD.render(Context({"e": episode}))
        [day] = episode_days([episode])

    assert new_card_text(day, day.cards[0]) == old
    assert day.cards[0].alert is True


def test_the_local_day_and_time_differ_from_utc_past_local_midnight():
    episode = Episode(pk=1, started_at=dt.datetime(2026, 3, 10, 11, 30, tzinfo=UTC),
                      locations=["eyelid"], side="left", symptoms=[])  # fmt: skip

    with timezone.override("Pacific/Auckland"):
        [day] = episode_days([episode])

    assert day.id == "2026-03-11"
    assert day.heading == "Wednesday 11 March 2026"
    assert day.cards[0].time == "00:30"
    assert day.cards[0].datetime == "2026-03-11T00:30:00+13:00"


def test_episodes_are_grouped_by_local_day_newest_first():
    moments = [
        dt.datetime(2026, 3, 10, 23, 30, tzinfo=UTC),  # 11 March in Auckland
        dt.datetime(2026, 3, 10, 11, 30, tzinfo=UTC),  # 11 March
        dt.datetime(2026, 3, 10, 10, 30, tzinfo=UTC),  # 10 March
    ]
    episodes = [
        Episode(pk=n, started_at=moment, locations=["jaw"], side="right", symptoms=[])
        for n, moment in enumerate(moments, start=1)
    ]

    with timezone.override("Pacific/Auckland"):
        days = episode_days(episodes)

    assert [(day.id, [card.pk for card in day.cards]) for day in days] == [
        ("2026-03-11", [1, 2]),
        ("2026-03-10", [3]),
    ]


def test_a_card_without_other_signs_has_none_and_no_alert():
    episode = Episode(
        pk=7,
        started_at=dt.datetime(2026, 3, 10, 9, 5, tzinfo=UTC),
        locations=["nose"],
        side="left",
        symptoms=[],
        duration_seconds=None,
    )

    with timezone.override("UTC"):
        [card] = episode_days([episode])[0].cards

    assert card.signs is None
    assert card.alert is False
    assert card.duration == "not recorded"
    assert card.where == "Nose, left"


@pytest.mark.parametrize("pk", [1, 9, 10, 987654321, 1234567890123])
def test_the_links_are_the_reversed_urls(pk):
    episode = Episode(pk=pk, started_at=dt.datetime(2026, 3, 10, tzinfo=UTC),
                      locations=["chin"], side="left", symptoms=[])  # fmt: skip

    [card] = episode_days([episode])[0].cards

    assert card.url == reverse("journal:episode_detail", args=[pk])
    assert card.edit_url == reverse("journal:episode_edit", args=[pk])
    assert card.delete_url == reverse("journal:episode_delete", args=[pk])


@pytest.mark.django_db
def test_the_journal_list_runs_no_query_for_its_cards(signed_in_client, user,
                                                      django_assert_num_queries):  # fmt: skip
    EpisodeFactory.create_batch(3, user=user)
    episodes = list(Episode.objects.filter(user=user))

    with django_assert_num_queries(0):
        days = episode_days(episodes)

    assert sum(len(day.cards) for day in days) == 3


def test_the_date_helpers_write_what_the_date_filter_writes():
    first = dt.date(2025, 12, 20)
    for offset in range(400):
        day = first + dt.timedelta(days=offset)
        assert day_and_month(day) == date_filter(day, "j F")
        assert weekday_day_month(day) == date_filter(day, "l j F")
        assert long_date(day) == date_filter(day, "l j F Y")
        assert short_date(day) == date_filter(day, "D j M")
        assert short_weekday(day) == date_filter(day, "D")[:2]


def test_one_decimal_writes_what_floatformat_minus_one_writes():
    rng = random.Random(9)
    values = [0.0, 7.0, 6.5, 6.05, 6.04, 6.95, 0.05, 0.25, 2.675, 23.9, 99.95, 12.349]
    values += [round(rng.uniform(0, 24), rng.choice([0, 1, 2, 3])) for _ in range(2000)]
    values += [Decimal("6.5"), Decimal("7.0"), Decimal("7"), 3, 0]

    for value in values:
        assert one_decimal(value) == floatformat(value, "-1"), value


@pytest.mark.django_db
def test_a_filter_with_a_bad_value_is_marked_on_the_field(signed_in_client):
    page = signed_in_client.get("/journal/?date_from=soon&side=up").content.decode()

    assert (
        '<input type="date" name="date_from" value="soon" class="dateinput form-control '
        'is-invalid" aria-invalid="true" aria-describedby="id_date_from_error" '
        'id="id_date_from">'
    ) in page
    assert '<div id="id_date_from_error" class="invalid-feedback">' in page
    assert '<p id="error_1_id_side"><strong>Pick left, right or both sides.</strong></p>' in page
    assert '<select name="location" class="select form-select" id="id_location">' in page


@pytest.mark.django_db
def test_the_empty_filters_kept_between_pages_never_hide_a_bad_value(signed_in_client):
    empty = signed_in_client.get("/journal/").content.decode()
    bad = signed_in_client.get("/journal/?date_from=soon").content.decode()
    empty_again = signed_in_client.get("/journal/").content.decode()

    assert 'name="date_from" value="soon"' in bad
    assert "is-invalid" in bad
    assert "is-invalid" not in empty_again
    assert 'value="soon"' not in empty_again
    assert '<select name="side" class="select form-select" id="id_side">' in empty
    assert empty_again.count('class="select form-select"') == 2

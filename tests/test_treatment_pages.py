"""The treatments pages: list, add, change, delete, "I had my injection today", one
treatment's effect, the weekly self-rating, and the dashboard's word about the next one."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from journal.models import Episode, SelfRating, Treatment, TreatmentKind
from journal.treatments import next_injection
from tests.factories import JournalTreatmentFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 17, 12, 0, tzinfo=dt.UTC)  # a Wednesday
TODAY = NOW.date()
MONDAY = dt.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def html(response) -> str:
    return response.content.decode()


def _episodes(user, day: dt.date, count: int) -> None:
    Episode.objects.bulk_create(
        Episode(
            user=user,
            started_at=dt.datetime.combine(day, dt.time(12), dt.UTC) + dt.timedelta(minutes=i),
            locations=["eyelid"],
            side="left",
        )
        for i in range(count)
    )


def _injection_with_effect(user, given_on: dt.date, weekly: list[int]) -> Treatment:
    """An injection with 2 twitches a day before it, then ``weekly`` counts."""
    for n in range(1, 29):
        _episodes(user, given_on - dt.timedelta(days=n), 2)
    for k, count in enumerate(weekly, start=1):
        _episodes(user, given_on + dt.timedelta(weeks=k - 1), count)
    return JournalTreatmentFactory(user=user, given_on=given_on, name="Botox")


@pytest.mark.parametrize(
    "name",
    ["journal:treatment_list", "journal:treatment_create"],
)
def test_pages_ask_a_visitor_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_list_shows_own_treatments_only(signed_in_client, user):
    JournalTreatmentFactory(user=user, name="Dysport")
    JournalTreatmentFactory(user=UserFactory(), name="Someone else's")
    page = html(signed_in_client.get(reverse("journal:treatment_list")))
    assert "Dysport" in page
    assert "Someone else" not in page
    assert "I had my injection today" in page
    assert reverse("guidance:treatments") in page


def test_it_checks_ownership(signed_in_client):
    theirs = JournalTreatmentFactory(user=UserFactory())
    for name in ("treatment_detail", "treatment_edit", "treatment_delete"):
        url = reverse(f"journal:{name}", args=[theirs.pk])
        assert signed_in_client.get(url).status_code == 404
        assert signed_in_client.post(url, {"name": "x"}).status_code == 404
    assert Treatment.objects.filter(pk=theirs.pk).exists()


def test_it_adds_a_treatment(signed_in_client, user):
    response = signed_in_client.post(
        reverse("journal:treatment_create"),
        {"kind": "supplement", "name": "Magnesium", "given_on": "2026-06-01", "dose": "400 mg"},
    )
    treatment = Treatment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == treatment.get_absolute_url()
    assert (treatment.user, treatment.kind, treatment.name) == (user, "supplement", "Magnesium")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"ended_on": "2026-05-01"}, "before the day it was given"),
        ({"given_on": "1899-12-31"}, "between 1900 and 2999"),
        ({"kind": "surgery"}, "Select a valid choice"),
        ({"name": ""}, "This field is required"),
    ],
)
def test_bad_input_is_shown_on_the_form(signed_in_client, change, message):
    data = {"kind": "medication", "name": "Baclofen", "given_on": "2026-06-01", **change}
    response = signed_in_client.post(reverse("journal:treatment_create"), data)
    assert response.status_code == 200
    assert message in html(response)
    assert not Treatment.objects.exists()


def test_it_changes_a_treatment(signed_in_client, user):
    treatment = JournalTreatmentFactory(user=user, kind="medication", name="Baclofen")
    url = reverse("journal:treatment_edit", args=[treatment.pk])
    assert signed_in_client.get(url).status_code == 200
    data = {"kind": "medication", "name": "Baclofen", "given_on": "2026-06-01"}
    response = signed_in_client.post(url, {**data, "ended_on": "2026-06-10"})
    assert response.status_code == 302
    treatment.refresh_from_db()
    assert treatment.ended_on == dt.date(2026, 6, 10)


def test_delete_asks_first_and_deletes_only_on_post(signed_in_client, user):
    treatment = JournalTreatmentFactory(user=user)
    url = reverse("journal:treatment_delete", args=[treatment.pk])
    page = html(signed_in_client.get(url))
    assert "Yes, delete it" in page
    assert Treatment.objects.exists()
    response = signed_in_client.post(url)
    assert response["Location"] == reverse("journal:treatment_list")
    assert not Treatment.objects.exists()


def test_injection_today_takes_the_last_injections_name(signed_in_client, user):
    JournalTreatmentFactory(user=user, name="Xeomin", given_on=TODAY - dt.timedelta(weeks=12))
    JournalTreatmentFactory(user=user, kind="medication", name="Baclofen", given_on=TODAY)
    assert signed_in_client.get(reverse("journal:injection_today")).status_code == 405
    response = signed_in_client.post(reverse("journal:injection_today"))
    new = Treatment.objects.filter(given_on=TODAY, kind=TreatmentKind.BOTULINUM_TOXIN).get()
    assert response["Location"] == new.get_absolute_url()
    assert new.name == "Xeomin"


def test_injection_today_has_a_plain_name_the_first_time(signed_in_client):
    signed_in_client.post(reverse("journal:injection_today"))
    assert Treatment.objects.get().name == "Botulinum toxin"


def test_injection_today_is_the_persons_local_today():
    # 23:30 on 16 June in Los Angeles is 17 June in UTC.
    user = UserFactory(time_zone="America/Los_Angeles")
    from django.test import Client

    client = Client()
    client.force_login(user)
    with time_machine.travel(dt.datetime(2026, 6, 17, 6, 30, tzinfo=dt.UTC), tick=False):
        client.post(reverse("journal:injection_today"))
    assert Treatment.objects.get().given_on == dt.date(2026, 6, 16)


def test_an_injection_page_shows_its_effect_chart_and_table(signed_in_client, user):
    given = TODAY - dt.timedelta(weeks=6)
    treatment = _injection_with_effect(user, given, [14, 3, 2, 5, 13, 14])
    response = signed_in_client.get(treatment.get_absolute_url())
    page = html(response)
    assert response.context["effect"].onset_week == 2
    assert response.context["effect"].wears_off_week == 5
    assert "Began working in week 2, wore off in week 5." in page
    assert 'id="effect-chart"' in page
    assert 'id="effect-data"' in page
    assert "chart.umd.min.js" in page
    assert page.count("treatment-table__marked") == 2
    assert reverse("guidance:treatments") + "#botulinum-toxin" in page


def test_a_new_injection_has_no_chart_yet(signed_in_client, user):
    treatment = JournalTreatmentFactory(user=user, given_on=TODAY - dt.timedelta(days=3))
    page = html(signed_in_client.get(treatment.get_absolute_url()))
    assert "The first week is not over yet." in page
    assert "effect-chart" not in page


def test_a_medicine_page_compares_before_and_during(signed_in_client, user):
    given = TODAY - dt.timedelta(days=20)
    for n in range(1, 29):
        _episodes(user, given - dt.timedelta(days=n), 4 + n % 2)
    for n in range(20):
        _episodes(user, given + dt.timedelta(days=n), n % 2)
    treatment = JournalTreatmentFactory(
        user=user, kind="medication", name="Clonazepam", given_on=given
    )
    response = signed_in_client.get(treatment.get_absolute_url())
    words = response.context["before_during_words"]
    assert words["verdict"] == "fewer"
    assert "fewer twitches a day" in words["headline"]
    assert "effect-chart" not in html(response)


@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_runs_the_same_queries_however_many(client, user, django_assert_num_queries, rows):
    client.force_login(user)
    client.get(reverse("home"))  # the first page after log-in writes the session
    for n in range(rows):
        kind = "botulinum_toxin" if n % 2 else "medication"
        JournalTreatmentFactory(user=user, kind=kind, given_on=TODAY - dt.timedelta(weeks=n))
    for n in range(rows):
        SelfRating.objects.create(
            user=user, week_start=MONDAY - dt.timedelta(weeks=n), severity=2, frequency=1
        )
    # Session, user with profile, triage (2), treatments, grouped counts, ratings.
    with django_assert_num_queries(7):
        response = client.get(reverse("journal:treatment_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("kind", ["botulinum_toxin", "eye_drops"])
def test_a_treatment_page_runs_a_fixed_number_of_queries(
    client, user, django_assert_num_queries, kind
):
    client.force_login(user)
    client.get(reverse("home"))
    treatment = JournalTreatmentFactory(
        user=user, kind=kind, given_on=TODAY - dt.timedelta(weeks=8)
    )
    # Session, user with profile, triage (2), the treatment, grouped counts.
    with django_assert_num_queries(6):
        assert client.get(treatment.get_absolute_url()).status_code == 200


# The weekly self-rating ----------------------------------------------------------------


def test_it_rates_this_week_and_replaces_a_second_rating(signed_in_client, user):
    url = reverse("journal:rating_save")
    response = signed_in_client.post(
        url, {"week_start": MONDAY.isoformat(), "severity": "2", "frequency": "3"}
    )
    assert response.status_code == 302
    signed_in_client.post(
        url, {"week_start": MONDAY.isoformat(), "severity": "1", "frequency": "1"}
    )
    rating = SelfRating.objects.get()
    assert (rating.user, rating.week_start, rating.severity, rating.frequency) == (
        user,
        MONDAY,
        1,
        1,
    )
    page = html(signed_in_client.get(reverse("journal:treatment_list")))
    assert 'id="ratings-chart"' in page
    assert "ratings_chart.js" in page


@pytest.mark.parametrize(
    "data",
    [
        {"week_start": "2026-06-16", "severity": "2", "frequency": "3"},  # not a Monday
        {"week_start": "2026-01-05", "severity": "2", "frequency": "3"},  # not offered
        {"week_start": MONDAY.isoformat(), "severity": "5", "frequency": "3"},
        {"week_start": MONDAY.isoformat(), "severity": "2"},
    ],
)
def test_a_bad_rating_is_refused_with_a_message(signed_in_client, data):
    response = signed_in_client.post(reverse("journal:rating_save"), data)
    assert response.status_code == 400
    assert "Please check the answers marked below." in html(response)
    assert not SelfRating.objects.exists()


# The dashboard -------------------------------------------------------------------------


def test_the_dashboard_says_when_to_book_the_next_injection(signed_in_client, user):
    # The one before: 2 a day before, began working in week 2, wore off in week 11.
    earlier = TODAY - dt.timedelta(weeks=26)
    _injection_with_effect(user, earlier, [14, 3, 3, 3, 3, 3, 3, 3, 3, 3, 12, 14])
    last = JournalTreatmentFactory(user=user, given_on=TODAY - dt.timedelta(weeks=10, days=2))
    result = next_injection(user, today=TODAY)
    assert (result.last, result.weeks_since, result.wore_off_week) == (last, 10, 11)
    page = html(signed_in_client.get("/"))
    assert "Your last injection was 10 weeks ago; last time it wore off in week 11:" in page
    assert "time to book the next" in page


def test_the_dashboard_says_nothing_without_a_worn_off_injection(signed_in_client, user):
    JournalTreatmentFactory(user=user, given_on=TODAY - dt.timedelta(weeks=3))
    assert next_injection(user, today=TODAY) is None
    assert "Your last injection" not in html(signed_in_client.get("/"))


def test_the_guidance_page_links_to_record_a_treatment(client):
    page = html(client.get(reverse("guidance:treatments")))
    assert reverse("journal:treatment_create") in page

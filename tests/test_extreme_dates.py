"""Dates at and beyond the app's range (1900-01-01..2999-12-31): refused wherever a person
can type one, and harmless wherever one is already stored.

Rows are written straight through the ORM (no validation), as an older release, an import
or an admin could have left them, then every page, export, report and API answer of their
owner is read in time zones on both sides of UTC: none may fail.
"""

import datetime as dt
import json
import zoneinfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse

from journal import services
from journal.dates import DATE_RANGE_MESSAGE, in_range, local_time, validate_date_in_range
from journal.models import DailyLog, Episode, Profile
from tests.conftest import sign_in_with_token
from tests.factories import ChecklistItemFactory, DailyLogFactory, EpisodeFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)

#: Stored instants Python can hold in UTC but not always in a person's zone: a minute after
#: the year 1 began is still the year 0 in Los Angeles, and the last minute of 9999 is
#: already the year 10000 in Kiritimati. The others sit at the edges of the app's range.
STORED_STARTS = [
    dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.UTC),
    dt.datetime(1899, 12, 31, 23, 59, tzinfo=dt.UTC),
    dt.datetime(1900, 1, 1, 0, 0, tzinfo=dt.UTC),
    dt.datetime(2999, 12, 31, 23, 59, tzinfo=dt.UTC),
    dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.UTC),
]
STORED_DAYS = [moment.date() for moment in STORED_STARTS]
ZONES = ["UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Pago_Pago"]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _store_extremes(person: User) -> list[Episode]:
    """Episodes and daily logs at every extreme, written without any validation."""
    episodes = [
        Episode.objects.create(
            user=person,
            started_at=moment,
            locations=["eyelid"],
            side="left",
            symptoms=["pain"],
            triggers=["stress"],
        )
        for moment in STORED_STARTS
    ]
    for episode, moment in zip(episodes, STORED_STARTS, strict=True):
        # auto_now and auto_now_add ignore the value given; update() does not.
        Episode.objects.filter(pk=episode.pk).update(created_at=moment, updated_at=moment)
    for day, moment in zip(STORED_DAYS, STORED_STARTS, strict=True):
        log = DailyLog.objects.create(user=person, date=day, sleep_hours=7, checklist_done=["a"])
        DailyLog.objects.filter(pk=log.pk).update(created_at=moment, updated_at=moment)
    # And an ordinary entry today, so every summary has something to count.
    EpisodeFactory(user=person, started_at=NOW - dt.timedelta(hours=1))
    DailyLogFactory(user=person, date=NOW.date())
    User.objects.filter(pk=person.pk).update(date_joined=STORED_STARTS[0])
    Profile.objects.filter(user=person).update(health_data_consent_at=STORED_STARTS[-1])
    return episodes


def _outcome(client, address: str) -> int | str:
    """The status code, or the name of the exception the request raised (a 500)."""
    try:
        response = client.get(address)
        if response.streaming:  # the exports: a failure shows only as the body is read
            response.getvalue()
        return response.status_code
    except Exception as error:  # every failure is reported, not only the first
        return f"{type(error).__name__}: {error}"


def _pages(episodes: list[Episode]) -> list[str]:
    """Every page, export and report a person can open, with the extremes in their filters."""
    today = NOW.date().isoformat()
    pages = [
        reverse("home"),
        reverse("journal:episode_list"),
        reverse("journal:episode_list") + "?date_from=1900-01-01&date_to=2999-12-31",
        reverse("journal:episode_list") + "?date_from=1900-01-01",
        reverse("journal:episode_list") + "?date_to=2999-12-31",
        reverse("journal:daily_log", args=["1900-01-01"]),
        reverse("journal:daily_log", args=[today]),
        reverse("journal:triage"),
        reverse("journal:insights"),
        reverse("journal:plan"),
        reverse("journal:report") + "?start=1900-01-01&end=1900-12-31",
        reverse("journal:report") + "?start=2999-01-01&end=2999-12-31",
        reverse("journal:report"),
        reverse("journal:report_pdf") + "?start=1900-01-01&end=1900-12-31",
        reverse("journal:report_csv") + "?start=1900-01-01&end=1900-12-31",
        reverse("journal:report_csv") + "?start=2999-01-01&end=2999-12-31",
        reverse("journal:export_json"),
        reverse("journal:export_csv"),
        reverse("account_settings"),
    ]
    for episode in episodes:
        pages += [
            reverse("journal:episode_detail", args=[episode.pk]),
            reverse("journal:episode_edit", args=[episode.pk]),
            reverse("journal:episode_delete", args=[episode.pk]),
        ]
    return pages


def _api_addresses(episodes: list[Episode]) -> list[str]:
    addresses = [
        "/api/episodes/",
        "/api/episodes/?since=1900-01-01&until=2999-12-31",
        "/api/episodes/?since=2999-12-31",
        "/api/episodes/?until=1900-01-01",
        "/api/daily-logs/",
        "/api/daily-logs/?since=1900-01-01&until=2999-12-31",
        "/api/daily-logs/1900-01-01/",
        "/api/daily-logs/2999-12-31/",
        "/api/triage/",
        "/api/insights/",
        "/api/export/",
        "/api/account/",
    ]
    return addresses + [f"/api/episodes/{episode.pk}/" for episode in episodes]


@pytest.mark.parametrize("zone", ZONES)
def test_every_page_export_and_report_opens_with_extreme_dates_stored(client, zone):
    person = UserFactory(time_zone=zone)
    ChecklistItemFactory(slug="a")
    episodes = _store_extremes(person)
    Profile.objects.filter(user=person).update(plan_started_on=dt.date(2026, 11, 1))
    client.force_login(person)

    answers = {address: _outcome(client, address) for address in _pages(episodes)}

    assert {address: got for address, got in answers.items() if got != 200} == {}


@pytest.mark.parametrize("zone", ZONES)
def test_every_api_answer_opens_with_extreme_dates_stored(api_client, zone):
    person = UserFactory(time_zone=zone)
    episodes = _store_extremes(person)
    sign_in_with_token(api_client, person)

    answers = {address: _outcome(api_client, address) for address in _api_addresses(episodes)}

    assert {address: got for address, got in answers.items() if got != 200} == {}


def test_a_stored_start_the_zone_cannot_show_is_shown_in_utc(client, api_client):
    person = UserFactory(time_zone="America/Los_Angeles")
    year_1 = _store_extremes(person)[0]
    client.force_login(person)
    sign_in_with_token(api_client, person)

    page = client.get(reverse("journal:episode_detail", args=[year_1.pk])).content.decode()
    api = api_client.get(f"/api/episodes/{year_1.pk}/").json()
    exported = json.loads(client.get(reverse("journal:export_json")).getvalue())

    assert "Twitch on Monday 1 January 0001 at 00:30" in page
    assert api["started_at"] == api["created_at"] == "0001-01-01T00:30:00Z"
    assert exported["episodes"][0]["started_at"] == "0001-01-01T00:30:00Z"
    assert exported["account"]["date_joined"] == "0001-01-01T00:30:00+00:00"
    # Where the zone can show it, it does: the last day of 1899 in UTC is local time here.
    assert exported["episodes"][1]["started_at"] == "1899-12-31T15:59:00-08:00"


def test_a_stored_extreme_entry_can_still_be_deleted(client, api_client):
    person = UserFactory(time_zone="Pacific/Kiritimati")
    year_1, *_, year_9999 = _store_extremes(person)
    client.force_login(person)
    sign_in_with_token(api_client, person)

    page = client.post(reverse("journal:episode_delete", args=[year_1.pk]))
    api = api_client.delete(f"/api/episodes/{year_9999.pk}/")

    assert (page.status_code, api.status_code) == (302, 204)
    assert not Episode.objects.filter(pk__in=[year_1.pk, year_9999.pk]).exists()


#: What reads a person's most recent or earliest entry on its own (triage, the dashboard's
#: banner and card, the plan): with one stored entry, no other can hide a failure.
SINGLE_ENTRY_PAGES = [
    "/",
    reverse("journal:triage"),
    reverse("journal:plan"),
    reverse("journal:insights"),
    "/api/triage/",
    "/api/insights/",
]


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("started_at", STORED_STARTS, ids=str)
def test_triage_and_the_dashboard_open_with_one_extreme_episode(client, zone, started_at):
    person = UserFactory(time_zone=zone)
    Episode.objects.create(user=person, started_at=started_at, locations=["eyelid"], side="left")
    client.force_login(person)

    answers = {address: _outcome(client, address) for address in SINGLE_ENTRY_PAGES}

    assert {address: got for address, got in answers.items() if got != 200} == {}


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("day", STORED_DAYS, ids=str)
def test_the_plan_and_checklist_open_with_an_extreme_start_or_log_stored(client, zone, day):
    person = UserFactory(time_zone=zone)
    ChecklistItemFactory(slug="a")
    DailyLog.objects.create(user=person, date=day, checklist_done=["a"])
    Profile.objects.filter(user=person).update(plan_started_on=day)
    client.force_login(person)

    addresses = [*SINGLE_ENTRY_PAGES, reverse("account_settings"), reverse("journal:export_json")]
    answers = {address: _outcome(client, address) for address in addresses}

    assert {address: got for address, got in answers.items() if got != 200} == {}


# --- The one rule, at its edges, wherever a date is typed or sent ------------------------------

#: The message every refusal carries, on a form field, a page or an API field.
MESSAGE = str(DATE_RANGE_MESSAGE)
EPISODE_FORM = {"locations": ["eyelid"], "side": "left"}


def test_the_rule_is_1900_to_2999_and_judges_a_time_by_its_own_wall_clock_date():
    before = dt.datetime(1900, 1, 1, 0, 0, tzinfo=zoneinfo.ZoneInfo("Pacific/Auckland"))
    edges = [dt.date(1899, 12, 31), dt.date(1900, 1, 1), dt.date(2999, 12, 31), dt.date(3000, 1, 1)]

    assert [in_range(day) for day in edges] == [False, True, True, False]
    # Midnight on 1 January 1900 in Auckland is still 1899 in UTC: accepted all the same.
    assert before.astimezone(dt.UTC).year == 1899
    assert in_range(before)
    validate_date_in_range(dt.date(1900, 1, 1))
    with pytest.raises(ValidationError) as refused:
        validate_date_in_range(dt.date(3000, 1, 1))
    assert refused.value.messages == [MESSAGE]
    assert refused.value.error_list[0].code == "date_out_of_range"


@pytest.mark.parametrize(
    ("moment", "zone", "shown"),
    [
        (
            dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC),
            "Pacific/Auckland",
            "2026-03-11T01:00:00+13:00",
        ),
        (STORED_STARTS[0], "America/Los_Angeles", "0001-01-01T00:30:00+00:00"),
        (STORED_STARTS[-1], "Pacific/Kiritimati", "9999-12-31T23:30:00+00:00"),
        (STORED_STARTS[-1], "America/Los_Angeles", "9999-12-31T15:30:00-08:00"),
    ],
)
def test_local_time_shows_a_time_in_the_zone_or_in_utc_when_the_zone_cannot(moment, zone, shown):
    assert local_time(moment, zoneinfo.ZoneInfo(zone)).isoformat() == shown


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Kiritimati", "America/Los_Angeles"])
@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("1899-12-31T23:59", MESSAGE),
        ("1900-01-01T00:00", None),
        # In range, but still the future: the other rule refuses it.
        ("2999-12-31T23:59", "That time is in the future. Pick a time up to now."),
        ("3000-01-01T00:00", MESSAGE),
        ("0001-01-01T00:30", MESSAGE),
        ("9999-12-31T23:30", MESSAGE),
    ],
)
def test_the_episode_form_takes_only_starts_from_1900_to_now(client, zone, typed, refusal):
    person = UserFactory(time_zone=zone)
    client.force_login(person)

    response = client.post(reverse("journal:episode_create"), {**EPISODE_FORM, "started_at": typed})

    stored = Episode.objects.filter(user=person)
    if refusal is None:
        assert response.status_code == 302
        assert stored.get().started_at == dt.datetime.fromisoformat(typed).replace(
            tzinfo=zoneinfo.ZoneInfo(zone)
        )
    else:
        assert response.status_code == 200
        assert response.context["form"].errors["started_at"] == [refusal]
        assert not stored.exists()


def test_the_edit_form_refuses_a_start_out_of_range_and_keeps_the_stored_one(client, user):
    episode = EpisodeFactory(user=user, started_at=NOW - dt.timedelta(days=1))
    client.force_login(user)

    response = client.post(
        reverse("journal:episode_edit", args=[episode.pk]),
        {**EPISODE_FORM, "started_at": "3000-01-01T00:00"},
    )

    assert response.context["form"].errors["started_at"] == [MESSAGE]
    episode.refresh_from_db()
    assert episode.started_at == NOW - dt.timedelta(days=1)


@pytest.mark.parametrize("zone", ["UTC", "America/Los_Angeles"])
def test_the_edit_form_shows_a_stored_year_1_start_and_lets_it_be_corrected(client, zone):
    person = UserFactory(time_zone=zone)
    episode = Episode.objects.create(
        user=person, started_at=STORED_STARTS[0], locations=["eyelid"], side="left"
    )
    client.force_login(person)
    address = reverse("journal:episode_edit", args=[episode.pk])

    shown = client.get(address)
    corrected = client.post(address, {**EPISODE_FORM, "started_at": "2026-11-29T08:00"})

    assert shown.status_code == 200
    assert corrected.status_code == 302
    episode.refresh_from_db()
    assert episode.started_at.astimezone(zoneinfo.ZoneInfo(zone)).date() == dt.date(2026, 11, 29)


@pytest.mark.parametrize(
    ("day", "status"),
    [("0001-01-01", 404), ("1899-12-31", 404), ("1900-01-01", 200), ("2999-12-31", 200),
     ("3000-01-01", 404), ("9999-12-31", 404), ("2026-02-30", 404)],
)  # fmt: skip
def test_a_daily_log_address_outside_the_range_is_not_found(signed_in_client, day, status):
    assert signed_in_client.get(f"/journal/daily/{day}/").status_code == status


def test_the_first_day_in_range_can_be_logged_and_links_to_no_day_before(signed_in_client, user):
    address = reverse("journal:daily_log", args=["1900-01-01"])

    page = signed_in_client.get(address)
    saved = signed_in_client.post(address, {"sleep_hours": "7"})

    assert page.status_code == 200
    assert "1899-12-31" not in page.content.decode()
    assert saved.status_code == 302
    assert DailyLog.objects.get(user=user).date == dt.date(1900, 1, 1)


@pytest.mark.parametrize(
    ("day", "status"),
    [("0001-01-01", 404), ("1899-12-31", 404), ("1900-01-01", 302), ("3000-01-01", 404)],
)
def test_the_checklist_stores_no_tick_outside_the_range(signed_in_client, user, day, status):
    ChecklistItemFactory(slug="water")

    response = signed_in_client.post(f"/journal/checklist/{day}/", {"done": ["water"]})

    assert response.status_code == status
    assert [log.date.isoformat() for log in DailyLog.objects.filter(user=user)] == (
        [day] if status == 302 else []
    )


def test_the_services_refuse_a_date_out_of_range_whatever_calls_them(user):
    with pytest.raises(ValidationError) as log_refused:
        services.checklist_set(user=user, date=dt.date(1, 1, 1), item_slugs=[])
    with pytest.raises(ValidationError) as episode_refused:
        services.episode_create(
            user=user, started_at=STORED_STARTS[1], locations=["eyelid"], side="left"
        )
    with pytest.raises(ValidationError) as plan_refused:
        services.plan_start(profile=user.profile, today=dt.date(3000, 1, 1))

    assert log_refused.value.message_dict == {"date": [MESSAGE]}
    assert episode_refused.value.message_dict == {"started_at": [MESSAGE]}
    assert plan_refused.value.message_dict == {"plan_started_on": [MESSAGE]}
    assert not DailyLog.objects.exists()
    assert not Episode.objects.exists()


@pytest.mark.parametrize(
    ("query", "field", "refused"),
    [
        ("date_to=9999-12-31", "date_to", True),
        ("date_from=1899-12-31", "date_from", True),
        ("date_from=1900-01-01", "date_from", False),
        ("date_to=2999-12-31", "date_to", False),
        ("date_to=3000-01-01", "date_to", True),
        ("date_from=0001-01-01&date_to=0001-01-01", "date_from", True),
    ],
)
def test_the_journal_filters_refuse_a_date_outside_the_range(
    signed_in_client, query, field, refused
):
    response = signed_in_client.get(f"{reverse('journal:episode_list')}?{query}")

    assert response.status_code == 200
    assert response.context["filters"].errors.get(field, []) == ([MESSAGE] if refused else [])
    assert (MESSAGE in response.content.decode()) is refused


#: (start, end, the fields refused): nothing refused means the report is made.
REPORT_RANGES = [
    ("9999-12-31", "9999-12-31", ["start", "end"]),
    ("1899-12-31", "1900-01-01", ["start"]),
    ("1900-01-01", "1900-01-01", []),
    ("2999-12-31", "2999-12-31", []),
    ("2999-12-31", "3000-01-01", ["end"]),
]


@pytest.mark.parametrize(
    ("view", "start", "end", "refused"),
    [
        (view, start, end, refused)
        for view in ("journal:report", "journal:report_pdf", "journal:report_csv")
        for start, end, refused in REPORT_RANGES
        # A good range's PDF is drawn in the walk above: drawing it takes most of a second.
        if refused or view != "journal:report_pdf"
    ],
)
def test_the_report_refuses_a_range_outside_the_years_1900_to_2999(
    signed_in_client, view, start, end, refused
):
    response = signed_in_client.get(f"{reverse(view)}?start={start}&end={end}")

    if refused:
        assert response.status_code == 400
        assert response.context["form"].errors == {name: [MESSAGE] for name in refused}
    else:
        assert response.status_code == 200


# --- The API ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "refusal"),
    [
        ("1899-12-31T23:59", MESSAGE),
        ("1900-01-01T00:00", None),
        ("2999-12-31T23:59", "That time is in the future. Pick a time up to now."),
        ("3000-01-01T00:00", MESSAGE),
        ("0001-01-01T00:30", MESSAGE),
        # Python cannot move these into Los Angeles time; DRF's own words would say so.
        ("0001-01-01T00:30:00Z", MESSAGE),
        ("9999-12-31T23:59:00-12:00", MESSAGE),
    ],
)
def test_the_api_takes_only_episode_starts_from_1900_to_now(api_client, sent, refusal):
    person = UserFactory(time_zone="America/Los_Angeles")
    sign_in_with_token(api_client, person)
    body = {**EPISODE_FORM, "started_at": sent}

    response = api_client.post("/api/episodes/", body, format="json")

    if refusal is None:
        assert response.status_code == 201, response.json()
        assert response.json()["started_at"] == "1900-01-01T00:00:00-08:00"
    else:
        assert response.status_code == 400
        assert response.json() == {"started_at": [refusal]}
        assert not Episode.objects.exists()


def test_the_api_refuses_to_move_an_episode_out_of_range(signed_in_api_client, user):
    episode = EpisodeFactory(user=user)

    response = signed_in_api_client.patch(
        f"/api/episodes/{episode.pk}/", {"started_at": "3000-01-01T00:00"}, format="json"
    )

    assert (response.status_code, response.json()) == (400, {"started_at": [MESSAGE]})


@pytest.mark.parametrize(
    ("sent", "refusal"),
    [
        ("1899-12-31", MESSAGE),
        ("1900-01-01", None),
        ("2999-12-31", services.FUTURE_DAY_MESSAGE),
        ("3000-01-01", MESSAGE),
    ],
)
def test_the_api_takes_only_daily_logs_from_1900_to_today(
    signed_in_api_client, user, sent, refusal
):
    response = signed_in_api_client.post("/api/daily-logs/", {"date": sent}, format="json")

    if refusal is None:
        assert response.status_code == 201
        assert DailyLog.objects.get(user=user).date == dt.date(1900, 1, 1)
    else:
        assert (response.status_code, response.json()) == (400, {"date": [refusal]})
        assert not DailyLog.objects.exists()


@pytest.mark.parametrize("address", ["/api/episodes/", "/api/daily-logs/"])
@pytest.mark.parametrize("name", ["since", "until"])
@pytest.mark.parametrize(
    ("day", "refused"),
    [("1899-12-31", True), ("1900-01-01", False), ("2999-12-31", False), ("3000-01-01", True)],
)
def test_the_api_list_filters_refuse_a_date_outside_the_range(
    signed_in_api_client, address, name, day, refused
):
    response = signed_in_api_client.get(f"{address}?{name}={day}")

    if refused:
        assert (response.status_code, response.json()) == (400, {name: [MESSAGE]})
    else:
        assert response.status_code == 200


@pytest.mark.parametrize(
    ("day", "status"),
    [("1899-12-31", 404), ("1900-01-01", 200), ("3000-01-01", 404), ("0001-01-01", 404)],
)
def test_a_daily_log_api_address_outside_the_range_is_not_found(
    signed_in_api_client, user, day, status
):
    # Stored without validation, so that only the address can refuse it.
    DailyLog.objects.create(user=user, date=dt.date.fromisoformat(day))

    response = signed_in_api_client.get(f"/api/daily-logs/{day}/")

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"

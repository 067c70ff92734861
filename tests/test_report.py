"""The doctor report: page, PDF and CSV, checked against a small history counted by hand."""

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
import zoneinfo
from decimal import Decimal
from html import unescape

import pytest
import time_machine
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from guidance.models import EscalationCriterion
from journal import csv_export, reports
from journal.models import Location, Trigger
from tests.factories import DailyLogFactory, EpisodeFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
# 07:00 on Tuesday 24 November 2026 in New York: the default range is 26 Oct to 24 Nov.
NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)
INJECTION = '=HYPERLINK("http://evil.example","click")'


def local(day: int, hour: int, minute: int = 0, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=NEW_YORK)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def person(db):
    return UserFactory(username="ada", time_zone="America/New_York")


@pytest.fixture
def history(person):
    """Four episodes and three daily logs in the default range, one episode just before it.

    day     episodes (New York time)                                   daily log
    25 Oct  22:00 eyelid left                 (outside the range)       -
    1 Nov   23:30 eyelid left 30 s, 4/10, stress+caffeine  (04:30 UTC on 2 Nov)
                                                                        sleep 5, caffeine 4,
                                                                        stress 8
    5 Nov   -                                                           sleep 7, caffeine 1
    10 Nov  08:00 eyelid+cheek left 90 s, 6/10, caffeine, pain          sleep 6.5, water 4
            18:00 eyelid right, no duration, no intensity
    20 Nov  09:00 eyebrow both 600 s, 8/10, poor sleep, pain+redness,
            notes are a spreadsheet formula
    """
    EpisodeFactory(user=person, started_at=local(25, 22, month=10), notes="too early")
    EpisodeFactory(
        user=person,
        started_at=local(1, 23, 30),
        duration_seconds=30,
        locations=["eyelid"],
        side="left",
        intensity=4,
        triggers=["caffeine", "stress"],
        notes="After a long shift",
    )
    EpisodeFactory(
        user=person,
        started_at=local(10, 8),
        duration_seconds=90,
        locations=["cheek", "eyelid"],
        side="left",
        intensity=6,
        triggers=["caffeine"],
        symptoms=["pain"],
    )
    EpisodeFactory(
        user=person,
        started_at=local(10, 18),
        duration_seconds=None,
        locations=["eyelid"],
        side="right",
        intensity=None,
    )
    EpisodeFactory(
        user=person,
        started_at=local(20, 9),
        duration_seconds=600,
        locations=["eyebrow"],
        side="both",
        intensity=8,
        triggers=["poor_sleep"],
        symptoms=["pain", "redness"],
        notes=INJECTION,
    )
    nothing = dict.fromkeys(
        ["sleep_hours", "caffeine_servings", "alcohol_drinks", "stress_level", "screen_hours",
         "water_glasses"]
    )  # fmt: skip
    DailyLogFactory(
        user=person,
        date=dt.date(2026, 11, 1),
        **{**nothing, "sleep_hours": 5, "caffeine_servings": 4, "stress_level": 8},
    )
    DailyLogFactory(
        user=person,
        date=dt.date(2026, 11, 5),
        **{**nothing, "sleep_hours": 7, "caffeine_servings": 1},
        notes="Slept well",
    )
    DailyLogFactory(
        user=person,
        date=dt.date(2026, 11, 10),
        **{**nothing, "sleep_hours": Decimal("6.5"), "water_glasses": 4},
    )
    return person


@pytest.fixture
def signed_in(client, person):
    client.force_login(person)
    return client


def counts(items: list[reports.Count]) -> list[tuple[str, int]]:
    return [(item.code, item.count) for item in items]


# --- The figures --------------------------------------------------------------------------


def test_report_figures_match_the_history_counted_by_hand(signed_in, history):
    report = signed_in.get(reverse("journal:report")).context["report"]

    assert report.range == reports.DateRange(dt.date(2026, 10, 26), dt.date(2026, 11, 24))
    summary = report.summary
    assert summary.episodes == 4
    assert summary.twitch_days == 3
    assert summary.days_logged == 4  # 1, 5, 10 and 20 November
    assert summary.average_intensity == Decimal("6.0")
    assert summary.intensity_known == 3
    assert summary.median_duration_seconds == 90
    assert summary.total_duration_seconds == 720
    assert summary.duration_known == 3
    assert summary.total_duration == "12 min"
    assert counts(summary.top_locations) == [("eyelid", 3), ("eyebrow", 1), ("cheek", 1)]
    assert counts(summary.sides) == [("left", 2), ("right", 1), ("both", 1)]
    assert counts(report.signs) == [("pain", 2), ("redness", 1)]
    assert counts(report.triggers) == [("caffeine", 2), ("stress", 1), ("poor_sleep", 1)]


def test_daily_factor_averages_count_only_the_days_that_recorded_them(signed_in, history):
    report = signed_in.get(reverse("journal:report")).context["report"]

    factors = {f.name: (f.average, f.days) for f in report.factors}
    assert factors == {
        "sleep_hours": (Decimal("6.2"), 3),  # (5 + 7 + 6.5) / 3 = 6.17
        "caffeine_servings": (Decimal("2.5"), 2),
        "alcohol_drinks": (None, 0),
        "stress_level": (Decimal("8.0"), 1),
        "screen_hours": (None, 0),
        "water_glasses": (Decimal("4.0"), 1),
    }
    assert [log.date.day for log in report.daily_logs] == [1, 5, 10]


def test_episodes_count_on_the_persons_local_day(signed_in, history):
    report = signed_in.get(reverse("journal:report")).context["report"]

    per_day = {d.date: d.count for d in report.per_day if d.count}
    # 23:30 on 1 November in New York is 2 November in UTC: it counts on the 1st.
    assert per_day == {
        dt.date(2026, 11, 1): 1,
        dt.date(2026, 11, 10): 2,
        dt.date(2026, 11, 20): 1,
    }
    assert len(report.per_day) == 30
    assert report.episodes[0].started_local.strftime("%Y-%m-%d %H:%M") == "2026-11-01 23:30"


def test_a_chosen_range_includes_both_end_days(signed_in, history):
    response = signed_in.get(
        reverse("journal:report"), {"start": "2026-10-25", "end": "2026-11-01"}
    )

    report = response.context["report"]
    assert report.summary.episodes == 2
    assert report.summary.range_days == 8


def test_an_empty_range_says_so_without_dividing_by_zero(signed_in, person):
    response = signed_in.get(reverse("journal:report"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "No episodes were recorded in these dates." in html
    assert response.context["report"].summary.average_intensity is None


def test_the_page_shows_the_figures_notes_and_the_self_report_notice(signed_in, history):
    html = signed_in.get(reverse("journal:report")).content.decode()

    assert "After a long shift" in html
    assert "Slept well" in html
    assert reports.SELF_REPORTED in html
    assert "<svg" in html and "style=" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'href="/report.pdf?start=2026-10-26&amp;end=2026-11-24"' in html
    assert 'href="/report.csv?start=2026-10-26&amp;end=2026-11-24"' in html
    assert 'media="print"' in html


def test_the_page_shows_the_triage_result_with_its_reasons(signed_in, history):
    html = signed_in.get(reverse("journal:report")).content.decode()

    pain = EscalationCriterion.objects.get(code="pain")
    assert pain.title in html
    assert str(reports.triage_words("see_doctor")) in html
    assert "This is not a diagnosis" in html
    # GP first (SPEC, Triage: see_doctor), never a specialist straight away.
    assert "Who to see: a GP or family doctor first" in html
    assert "Suggested doctor" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2026-11-20", "end": "2026-11-01"}, "The start date is after the end date."),
        ({"start": "2025-01-01", "end": "2026-11-01"}, "Pick a range of at most 366 days."),
        ({"start": "2026-02-30"}, "Enter the start date as a date"),
        ({"end": "yesterday"}, "Enter the end date as a date"),
    ],
)
@pytest.mark.parametrize("name", ["journal:report", "journal:report_pdf", "journal:report_csv"])
def test_a_bad_range_gets_a_clear_message(signed_in, history, query, message, name):
    response = signed_in.get(reverse(name), query)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()


def test_a_range_of_366_days_is_allowed(signed_in, history):
    response = signed_in.get(
        reverse("journal:report"), {"start": "2025-11-24", "end": "2026-11-24"}
    )

    assert response.status_code == 200
    assert response.context["report"].summary.range_days == 366


# --- Privacy --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["journal:report", "journal:report_pdf", "journal:report_csv"])
def test_an_anonymous_person_is_sent_to_log_in(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def _text(response) -> str:
    if response["Content-Type"] == "application/pdf":
        reader = PdfReader(io.BytesIO(response.content))
        return "\n".join(page.extract_text() for page in reader.pages)
    return response.content.decode()


@pytest.mark.parametrize("name", ["journal:report", "journal:report_pdf", "journal:report_csv"])
def test_my_report_never_holds_another_persons_entries(signed_in, history, name):
    stranger = UserFactory(time_zone="America/New_York")
    EpisodeFactory(user=stranger, started_at=local(10, 9), notes="Stranger secret note")
    DailyLogFactory(user=stranger, date=dt.date(2026, 11, 10), notes="Stranger log note")

    response = signed_in.get(reverse(name))

    assert response.status_code == 200
    text = _text(response)
    assert "Stranger" not in text
    assert "After a long shift" in text


def test_the_report_is_never_stored_by_a_browser_or_proxy(signed_in, history):
    for name in ["journal:report", "journal:report_pdf", "journal:report_csv"]:
        assert "no-store" in signed_in.get(reverse(name))["Cache-Control"]


# --- The PDF ----------------------------------------------------------------------------------


def test_the_pdf_holds_the_figures_a_note_and_the_notice(signed_in, history):
    response = signed_in.get(reverse("journal:report_pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="twitchcare-report-2026-10-26-to-2026-11-24.pdf"'
    )
    text = " ".join(_text(response).split())
    assert "0.9 a week (4 in 30 days; twitching on 3 of them)" in text
    assert "After a long shift" in text
    assert "Self-reported by the patient" in text
    assert "Pain 2" in text


def test_every_pdf_page_says_the_report_is_self_reported(signed_in, person):
    for n in range(120):
        EpisodeFactory(user=person, started_at=NOW - dt.timedelta(hours=5 * n + 1))

    response = signed_in.get(reverse("journal:report_pdf"))

    pages = PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) > 2
    for page in pages:
        assert "Self-reported by the patient" in page.extract_text()


# --- The CSV ----------------------------------------------------------------------------------


def test_the_csv_has_one_row_per_episode_in_the_range(signed_in, history):
    response = signed_in.get(reverse("journal:report_csv"))

    assert response["Content-Disposition"] == (
        'attachment; filename="twitchcare-report-2026-10-26-to-2026-11-24.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == [
        "Started (local time, ISO 8601 with offset)",
        "Local date",
        "Duration (seconds)",
        "Where",
        "Side",
        "Strength (1-10)",
        "Possible triggers",
        "Other signs",
        "Notes",
    ]
    assert len(rows) == 4
    first = rows[0]
    # 04:30 UTC on 2 November is 23:30 on 1 November in New York, five hours behind.
    assert first["Started (local time, ISO 8601 with offset)"] == "2026-11-01T23:30:00-05:00"
    assert first["Local date"] == "2026-11-01"
    assert first["Duration (seconds)"] == "30"
    assert first["Where"] == "Eyelid"
    assert first["Side"] == "Left"
    assert first["Possible triggers"] == "Caffeine; Stress"
    assert first["Notes"] == "After a long shift"
    assert rows[1]["Where"] == "Cheek; Eyelid"
    assert rows[2]["Duration (seconds)"] == "" and rows[2]["Strength (1-10)"] == ""
    assert rows[2]["Side"] == "Right"
    assert rows[3]["Side"] == "Both sides"
    assert rows[3]["Possible triggers"] == "Poor sleep"
    assert rows[3]["Other signs"] == "Pain; Redness"


def test_the_csv_gives_local_times_with_the_offset_of_their_own_date(signed_in, person):
    # New York leaves summer time on 1 November 2026: -04:00 before, -05:00 after.
    EpisodeFactory(user=person, started_at=local(31, 21, month=10))
    EpisodeFactory(user=person, started_at=local(2, 9))

    rows = list(csv.DictReader(io.StringIO(signed_in.get(reverse("journal:report_csv")).text)))

    started = [row["Started (local time, ISO 8601 with offset)"] for row in rows]
    assert started == ["2026-10-31T21:00:00-04:00", "2026-11-02T09:00:00-05:00"]


def test_the_csv_neutralises_spreadsheet_formulas(signed_in, history):
    rows = list(csv.DictReader(io.StringIO(signed_in.get(reverse("journal:report_csv")).text)))

    assert rows[3]["Notes"] == "'" + INJECTION


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("+44 20", "'+44 20"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("fine = ok", "fine = ok"),
        (30, "30"),
        (None, ""),
    ],
)
def test_csv_safe_prefixes_only_cells_a_spreadsheet_would_run(value, cell):
    assert csv_export.csv_safe(value) == cell


# --- The chart --------------------------------------------------------------------------------


def chart_svg(per_day: list[reports.DayCount]) -> str:
    return render_to_string(
        "journal/includes/report_chart.html", {"chart": reports.episodes_chart(per_day)}
    )


def test_the_chart_draws_one_bar_per_day_with_episodes_and_no_style_attributes():
    per_day = [reports.DayCount(dt.date(2026, 11, d), n) for d, n in [(1, 0), (2, 3), (3, 1)]]

    svg = chart_svg(per_day)

    assert svg.count("<rect") == 2
    assert "2 Nov 2026: 3 episodes" in svg
    assert "3 Nov 2026: 1 episode<" in svg
    assert "style=" not in svg
    assert 'role="img"' in svg


def test_the_chart_copes_with_no_days_and_a_single_day():
    assert "No days to show." in chart_svg([])
    one = chart_svg([reports.DayCount(dt.date(2026, 11, 1), 2)])
    assert one.count("<rect") == 1


def test_the_chart_coordinates_stay_plain_decimals_in_any_language():
    per_day = [reports.DayCount(dt.date(2026, 11, 1) + dt.timedelta(days=d), d) for d in range(90)]

    with translation.override("de"):  # German writes 152,5 for 152.5
        svg = chart_svg(per_day)

    for value in re.findall(r'\s(?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"', svg):
        assert re.fullmatch(r"-?\d+(\.\d+)?", value), value
    assert svg.count("<rect") == 89  # day 0 has no episodes
    assert "Episodes per day from 1 November 2026 to 29 January 2027: 4005 in all" in svg


# --- Queries ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["journal:report", "journal:report_csv"])
def test_the_report_runs_the_same_queries_for_5_or_500_episodes(
    client, django_assert_num_queries, name
):
    def signed_in_with(episodes: int) -> None:
        person = UserFactory(time_zone="America/New_York")
        EpisodeFactory.create_batch(
            episodes,
            user=person,
            started_at=NOW - dt.timedelta(days=3),
            symptoms=["pain"],
            triggers=["stress"],
        )
        DailyLogFactory(user=person, date=dt.date(2026, 11, 20))
        client.force_login(person)
        client.get(reverse(name))  # the first request after log-in also stores the session

    signed_in_with(5)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse(name)).status_code == 200
    few = len(captured)  # read now: the next request clears the query log

    signed_in_with(500)
    with django_assert_num_queries(few):
        response = client.get(reverse(name))
    assert response.status_code == 200


# --- Page one: the clinical summary -----------------------------------------------------------


@pytest.mark.parametrize("name", ["journal:report", "journal:report_pdf"])
def test_the_report_is_titled_for_a_doctor_not_with_the_username(signed_in, history, name):
    text = _text(signed_in.get(reverse(name)))

    assert "Facial twitching: patient-reported summary" in text
    assert "ada" not in text.replace("Canada", "")


def test_a_name_and_date_of_birth_appear_only_when_given_and_are_not_stored(signed_in, history):
    query = {"name": "Ada Lovelace", "date_of_birth": "1985-12-10"}
    html = signed_in.get(reverse("journal:report"), query).content.decode()

    assert "<strong>Ada Lovelace</strong>, born 10 December 1985" in html
    # The downloads carry them, so the PDF says the same.
    assert "name=Ada+Lovelace&amp;date_of_birth=1985-12-10" in html
    pdf = _text(signed_in.get(reverse("journal:report_pdf"), query))
    assert "Ada Lovelace, born 10 December 1985" in " ".join(pdf.split())
    # Nothing was kept: the next report, asked for without them, has neither.
    again = signed_in.get(reverse("journal:report")).content.decode()
    assert "Lovelace" not in again and "1985" not in again
    history.refresh_from_db()
    assert (history.first_name, history.last_name) == ("", "")


def test_a_name_is_shown_as_text_not_markup(signed_in, history):
    html = signed_in.get(reverse("journal:report"), {"name": "<b>Ada</b>"}).content.decode()

    assert "<strong>&lt;b&gt;Ada&lt;/b&gt;</strong>" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"date_of_birth": "2026-11-25"}, "Enter a date of birth between 1900 and today."),
        ({"date_of_birth": "1899-12-31"}, "Enter a date of birth between 1900 and today."),
        ({"date_of_birth": "1985-13-01"}, "Enter the date of birth as a date"),
        ({"name": "x" * 101}, "at most 100 characters"),
    ],
)
def test_a_bad_name_or_date_of_birth_gets_a_clear_message(signed_in, history, query, message):
    response = signed_in.get(reverse("journal:report"), query)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_date_of_birth_of_today_is_allowed(signed_in, history):
    # Today is 24 November in New York.
    response = signed_in.get(reverse("journal:report"), {"date_of_birth": "2026-11-24"})

    assert response.status_code == 200


def test_the_onset_says_not_recorded_until_the_person_gives_it(signed_in, history, person):
    html = signed_in.get(reverse("journal:report")).content.decode()
    assert "<dt>Twitching began</dt><dd>Not recorded</dd>" in html

    person.profile.twitch_began_on = dt.date(2026, 9, 14)
    person.profile.save()
    html = signed_in.get(reverse("journal:report")).content.decode()
    assert "<dt>Twitching began</dt><dd>14 September 2026</dd>" in html


def test_page_one_gives_episodes_per_week_where_side_and_signs(signed_in, history):
    html = signed_in.get(reverse("journal:report")).content.decode()

    # 4 episodes in 30 days: 4 x 7 / 30 = 0.93 a week.
    assert "<strong>0.9 a week</strong> (4 in 30 days; twitching on 3 of them)" in html
    assert "<dt>Where</dt><dd>Eyelid 3, Eyebrow 1, Cheek 1</dd>" in html
    assert "<dt>Which side</dt><dd>Left 2, Right 1, Both sides 1</dd>" in html
    assert "<dt>Other signs</dt><dd>Pain 2, Redness 1</dd>" in html
    # The triage result follows the summary, before the detail tables.
    assert html.index("Clinical summary") < html.index("check of warning signs")
    assert html.index("check of warning signs") < html.index("Week by week")


def test_the_weekly_table_counts_seven_day_weeks_from_the_first_day(signed_in, history):
    weeks = signed_in.get(reverse("journal:report")).context["report"].weeks

    assert [
        (w.first.isoformat(), w.days, w.episodes, w.twitch_days, w.average_intensity) for w in weeks
    ] == [
        ("2026-10-26", 7, 1, 1, Decimal("4.0")),  # 23:30 on 1 November
        ("2026-11-02", 7, 0, 0, None),
        ("2026-11-09", 7, 2, 1, Decimal("6.0")),  # one of the two is unrated
        ("2026-11-16", 7, 1, 1, Decimal("8.0")),
        ("2026-11-23", 2, 0, 0, None),  # the range ends on the 24th
    ]
    assert [w.total_duration for w in weeks] == [
        "30 s",
        "\N{EN DASH}",
        "1 min 30 s",
        "10 min",
        "\N{EN DASH}",
    ]


def _episodes(person, count: int, **fields) -> None:
    for n in range(count):
        EpisodeFactory(
            user=person, started_at=NOW - dt.timedelta(hours=3 + n), symptoms=[], **fields
        )


def test_up_to_40_episodes_are_each_listed(signed_in, person):
    _episodes(person, reports.EVERY_EPISODE_LIMIT, intensity=3)

    report = signed_in.get(reverse("journal:report")).context["report"]

    assert report.shows_every_episode is True
    assert len(report.episodes) == 40


def test_beyond_40_only_the_notable_episodes_are_listed(signed_in, person):
    _episodes(person, 50, intensity=3)
    signs = EpisodeFactory(user=person, started_at=local(2, 9), intensity=1, symptoms=["pain"])
    strongest = EpisodeFactory(user=person, started_at=local(3, 9), intensity=9, symptoms=[])

    response = signed_in.get(reverse("journal:report"))

    report = response.context["report"]
    assert report.shows_every_episode is False
    assert report.summary.episodes == 52
    assert len(report.episodes) == reports.NOTABLE_LIMIT
    ids = [row.id for row in report.episodes]
    assert ids[:2] == [signs.pk, strongest.pk]  # oldest first
    assert [row.started_local for row in report.episodes] == sorted(
        row.started_local for row in report.episodes
    )
    html = response.content.decode()
    assert "Notable episodes" in html and "30 of 52 episodes" in html


def test_notable_episodes_put_signs_first_then_strength_then_the_latest():
    def row(n: int, intensity, symptoms=()) -> reports.EpisodeRow:
        started = dt.datetime(2026, 11, n, 9, tzinfo=NEW_YORK)
        return reports.EpisodeRow(n, started, None, "", [], "", intensity, [], list(symptoms), "")

    rows = [row(1, 2), row(2, 9), row(3, None, ["pain"]), row(4, 9), row(5, 5)]

    assert [r.id for r in reports.notable_episodes(rows, limit=3)] == [2, 3, 4]
    assert [r.id for r in reports.notable_episodes(rows, limit=2)] == [3, 4]


def test_long_ranges_list_daily_factors_as_averages_only(signed_in, person):
    for n in range(32):
        DailyLogFactory(user=person, date=dt.date(2026, 11, 24) - dt.timedelta(days=n))

    month = signed_in.get(reverse("journal:report"), {"start": "2026-10-25"})
    assert month.context["report"].shows_day_by_day is True  # 31 logs
    longer = signed_in.get(reverse("journal:report"), {"start": "2026-10-24"})
    assert longer.context["report"].shows_day_by_day is False
    assert "32 daily logs: too many to list here" in longer.content.decode()


# --- The PDF, read back: no text runs into other text ------------------------------------------

WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def _pdf_words(pdf: bytes, tmp_path) -> list[list[tuple[float, float, float, float, str]]]:
    """Every word of every page with its box, as pdftotext (poppler-utils) reads them."""
    assert shutil.which("pdftotext"), "install poppler-utils: the PDF tests read it back"
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = html.split("<page ")[1:]
    return [
        [(float(a), float(b), float(c), float(d), unescape(w)) for a, b, c, d, w in WORD.findall(p)]
        for p in pages
    ]


def _overlaps(page) -> list[tuple[str, str]]:
    """Pairs of words whose boxes overlap: text drawn over other text."""
    found = []
    for i, (x0, y0, x1, y1, word) in enumerate(page):
        for a0, b0, a1, b1, other in page[i + 1 :]:
            if min(x1, a1) - max(x0, a0) > 0.5 and min(y1, b1) - max(y0, b0) > 0.5:
                found.append((word, other))
    return found


@pytest.fixture
def wordy(person):
    """Episodes with every place, trigger and sign, long notes, and the longest durations."""
    everything = {
        "locations": [code for code, _ in Location.choices],
        "triggers": [code for code, _ in Trigger.choices],
        "symptoms": ["pain", "redness", "swelling", "numbness", "light_sensitivity"],
    }
    for n, seconds in enumerate([144, 3599, 86400, 5, None, 45296]):
        EpisodeFactory(
            user=person,
            started_at=local(2 + n, 10, 5),
            duration_seconds=seconds,
            side="both",
            intensity=10,
            notes=("Twitching around the left eye after a night shift. " * 6)
            + "x" * 120,  # one long unbroken "word"
            **everything,
        )
    DailyLogFactory(user=person, date=dt.date(2026, 11, 2), caffeine_servings=12, notes="y" * 90)
    return person


def test_no_text_in_the_pdf_overlaps_other_text(signed_in, wordy, tmp_path):
    pdf = signed_in.get(reverse("journal:report_pdf")).content

    pages = _pdf_words(pdf, tmp_path)

    assert len(pages) >= 2
    for page in pages:
        assert _overlaps(page) == []


def test_each_date_and_duration_stands_apart_in_the_pdf(signed_in, wordy, tmp_path):
    pdf = signed_in.get(reverse("journal:report_pdf")).content

    words = [w[4] for page in _pdf_words(pdf, tmp_path) for w in page]
    text = " ".join(words)

    for when in ["Mon 2 Nov 2026", "Tue 3 Nov 2026", "Wed 4 Nov 2026"]:
        assert when in text
    for duration in ["2 min 24 s", "59 min 59 s", "24 h", "12 h 34 min"]:
        assert duration in text
    # Whatever follows a date's year on its line starts at least a space (2 pt) after it: the
    # duration never begins under the date ("Mon 2 Nov 2026" + "2 min 24 s" read "2026 min").
    for page in _pdf_words(pdf, tmp_path):
        for x0, y0, x1, y1, word in page:
            if word != "2026":
                continue
            right = [a0 for a0, b0, _a1, b1, _w in page if a0 > x0 and min(y1, b1) > max(y0, b0)]
            if right:
                assert min(right) - x1 >= 2, f"{word} at x={x1:.1f}, next at {min(right):.1f}"


def test_no_pdf_header_breaks_inside_a_word(signed_in, wordy, tmp_path):
    pdf = signed_in.get(reverse("journal:report_pdf")).content

    words = {w[4] for page in _pdf_words(pdf, tmp_path) for w in page}

    headers = ["When", "Length", "Where", "Side", "Strength", "Triggers", "Other", "signs",
               "Notes", "Week", "Episodes", "Average", "Caffeine", "Alcohol", "Screen",
               "Water"]  # fmt: skip
    for header in headers:
        assert header in words, header
    for fragment in ["Caffein", "Streng", "Trigg", "Episod", "Scree"]:
        assert fragment not in words

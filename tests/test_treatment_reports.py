"""Treatments, each injection's effect and the weekly self-ratings in the doctor report
(its first page and detail), the JSON export and the CSV zip."""

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from journal.models import Episode, SelfRating
from journal.treatments import TREATMENT_COLUMNS, report_section
from tests.factories import JournalTreatmentFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def person(db):
    return UserFactory()


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


@pytest.fixture
def treated(person):
    """An injection 12 weeks ago that began working in week 2 and wore off in week 9, a
    magnesium supplement, two weekly ratings; and a stranger's treatment."""
    given = TODAY - dt.timedelta(weeks=12)
    for n in range(1, 29):
        _episodes(person, given - dt.timedelta(days=n), 2)
    for k, count in enumerate([14, 4, 2, 2, 3, 5, 8, 10, 13, 14, 14], start=1):
        _episodes(person, given + dt.timedelta(weeks=k - 1), count)
    JournalTreatmentFactory(user=person, given_on=given, name="Botox", dose="20 units")
    JournalTreatmentFactory(
        user=person, kind="supplement", name="Magnesium", given_on=TODAY - dt.timedelta(days=20)
    )
    SelfRating.objects.create(user=person, week_start=dt.date(2026, 11, 9), severity=3, frequency=2)
    SelfRating.objects.create(
        user=person, week_start=dt.date(2026, 11, 16), severity=2, frequency=1
    )
    JournalTreatmentFactory(user=UserFactory(), name="Stranger's botox", given_on=TODAY)
    return person


@pytest.fixture
def signed_in(client, person):
    client.force_login(person)
    return client


def test_the_report_section_gives_each_injections_effect(treated):
    section = report_section(treated, first=TODAY - dt.timedelta(days=29), last=TODAY, today=TODAY)
    names = [row["name"] for row in section["treatments"]]
    assert names == ["Botox", "Magnesium"]
    (botox,) = section["injections"]
    assert (botox["onset_week"], botox["wears_off_week"]) == (2, 9)
    assert botox["baseline_per_day"] == 2.0
    assert section["latest_rating"]["week_start"] == dt.date(2026, 11, 16)


def test_an_injection_whose_16_weeks_ended_before_the_range_is_left_out(treated):
    JournalTreatmentFactory(user=treated, name="Old", given_on=TODAY - dt.timedelta(weeks=30))
    section = report_section(treated, first=TODAY - dt.timedelta(days=5), last=TODAY, today=TODAY)
    assert [row["name"] for row in section["treatments"]] == ["Botox", "Magnesium"]


def test_the_reports_first_page_shows_treatments_and_ratings(signed_in, treated):
    page = " ".join(signed_in.get(reverse("journal:report")).content.decode().split())
    summary = page[page.index("Clinical summary") : page.index("check of warning signs")]
    botox = "Botox (botulinum toxin injection) on 1 Sep 2026: began working in week 2"
    assert f"{botox}, wore off in week 9" in summary
    assert "Magnesium (supplement) from 4 Nov 2026" in summary
    assert "Week of 16 Nov 2026: severity 2 of 4, frequency 1 of 4" in summary
    assert 'id="treatments-title"' in page
    assert "Stranger" not in page


def test_the_pdf_shows_treatments_on_its_first_page(signed_in, treated):
    response = signed_in.get(reverse("journal:report_pdf"))
    first_page = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert "began working in week 2, wore off in week 9" in first_page


def test_the_report_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    counts = []
    for treatments in (5, 50):
        person = UserFactory()
        for n in range(treatments):
            kind = "botulinum_toxin" if n % 2 else "eye_drops"
            JournalTreatmentFactory(user=person, kind=kind, given_on=TODAY - dt.timedelta(days=n))
        client.force_login(person)
        client.get(reverse("journal:report"))
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("journal:report")).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_json_export_holds_treatments_with_effects_and_ratings(signed_in, treated):
    data = json.loads(signed_in.get(reverse("journal:export_json")).getvalue())
    botox, magnesium = data["treatments"]
    assert botox["name"] == "Botox"
    assert botox["given_on"] == "2026-09-01"
    assert (botox["onset_week"], botox["wears_off_week"]) == (2, 9)
    assert len(botox["weeks"]) == 12
    assert botox["weeks"][1]["episodes"] == 4
    assert magnesium["weeks"] is None
    assert [r["week_start"] for r in data["self_ratings"]] == ["2026-11-09", "2026-11-16"]
    assert data["self_ratings"][0]["severity"] == 3
    assert json.loads(signed_in.get("/api/export/").getvalue()) == data


def test_the_csv_zip_holds_treatments_and_ratings(signed_in, treated):
    archive = zipfile.ZipFile(io.BytesIO(signed_in.get(reverse("journal:export_csv")).getvalue()))

    def rows(name):
        return list(csv.DictReader(io.StringIO(archive.read(name).decode())))

    treatments = rows("treatments.csv")
    assert list(treatments[0]) == list(TREATMENT_COLUMNS)
    assert [t["name"] for t in treatments] == ["Botox", "Magnesium"]
    assert treatments[0]["onset_week"] == "2"
    assert treatments[0]["wears_off_week"] == "9"
    assert treatments[1]["onset_week"] == ""
    ratings = rows("self_ratings.csv")
    assert [r["severity"] for r in ratings] == ["3", "2"]
    assert b"Stranger" not in b"".join(archive.read(n) for n in archive.namelist())

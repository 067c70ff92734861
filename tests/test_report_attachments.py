"""The report's photos and videos: the PDF draws small thumbnails of the range's photos
(as data: images, fetching nothing) and a line for each video; one report builder
(journal.doctor_report) serves the page, the PDF and a share link's page."""

import datetime as dt
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from journal import attachments, doctor_report, reports, sharing
from journal.views.report import _data_only_fetcher, render_pdf
from tests.attachment_helpers import (
    jpeg_with_gps,
    png_bytes,
    private_storage_fixture,  # noqa: F401 - the private_storage fixture
    upload,
    webm_bytes,
)
from tests.factories import EpisodeFactory, JournalTreatmentFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_storage")]

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)
PDF = reverse("journal:report_pdf")


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def person(db):
    return UserFactory(username="ada", time_zone="Pacific/Auckland")


def _images(content: bytes) -> list[bytes]:
    """Each distinct image the PDF holds (WeasyPrint may list one on several pages)."""
    reader = PdfReader(io.BytesIO(content))
    found = {image.data for page in reader.pages for image in page.images}
    return sorted(found)


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_pdf_shows_a_thumbnail_of_each_photo_and_a_line_for_a_video(client, person):
    episode = EpisodeFactory(user=person, started_at=NOW - dt.timedelta(days=2))
    attachments.attachment_add(episode=episode, upload=upload("a.jpg", jpeg_with_gps((900, 600))))
    attachments.attachment_add(episode=episode, upload=upload("b.png", png_bytes((30, 20))))
    attachments.attachment_add(episode=episode, upload=upload("c.webm", webm_bytes(3000)))
    client.force_login(person)

    response = client.get(PDF)

    assert response.status_code == 200
    images = _images(response.content)
    assert len(images) == 2
    sizes = sorted(Image.open(io.BytesIO(image)).size for image in images)
    # Turned upright (the EXIF said so), shrunk to 320 px on its longest side.
    assert sizes == [(30, 20), (213, 320)]
    text = _text(response.content)
    assert "Photos and videos" in text
    assert "Video 3 (2.9 KB): play it in TwitchCare" in text


def test_the_pdf_has_no_image_when_the_range_has_no_photo(client, person):
    EpisodeFactory(user=person, started_at=NOW - dt.timedelta(days=2))
    old = EpisodeFactory(user=person, started_at=NOW - dt.timedelta(days=200))
    attachments.attachment_add(episode=old, upload=upload("a.png", png_bytes()))
    client.force_login(person)

    response = client.get(PDF)

    assert response.status_code == 200
    assert _images(response.content) == []
    assert "Photos and videos" not in _text(response.content)


def test_another_persons_photos_never_reach_my_pdf(client, person):
    EpisodeFactory(user=person, started_at=NOW - dt.timedelta(days=2))
    stranger = UserFactory(time_zone="Pacific/Auckland")
    theirs = EpisodeFactory(user=stranger, started_at=NOW - dt.timedelta(days=2))
    attachments.attachment_add(episode=theirs, upload=upload("a.png", png_bytes()))
    client.force_login(person)

    assert _images(client.get(PDF).content) == []


def test_a_photo_that_cannot_be_drawn_gets_a_line_not_a_crash(client, person, private_storage):
    episode = EpisodeFactory(user=person, started_at=NOW - dt.timedelta(days=2))
    photo = attachments.attachment_add(episode=episode, upload=upload("a.png", png_bytes()))
    (private_storage / photo.file.name).write_bytes(b"\x89PNG\r\n\x1a\n broken")
    client.force_login(person)

    response = client.get(PDF)

    assert response.status_code == 200
    assert _images(response.content) == []
    assert "Photo 1 could not be drawn here" in _text(response.content)


@pytest.mark.parametrize(
    "address",
    ["http://127.0.0.1:9/x.png", "file:///etc/passwd", "/static/icons/icon-192.png", "x.png"],
)
def test_the_pdf_still_fetches_nothing_but_data_images(address):
    html = f'<p>before</p><img src="{address}" alt="x"><p>after</p>'
    pdf = render_pdf(html)
    assert _images(pdf) == []
    with pytest.raises(ValueError):
        _data_only_fetcher()(address if ":" in address else "https://example.com/x.png")


def test_the_pdf_reads_the_same_queries_with_one_photo_or_many(client, django_assert_num_queries):
    def person_with(photos: int):
        person = UserFactory(time_zone="Pacific/Auckland")
        for n in range(photos):
            episode = EpisodeFactory(user=person, started_at=NOW - dt.timedelta(days=n + 1))
            photo = png_bytes((8 + n, 8))  # each its own picture
            attachments.attachment_add(episode=episode, upload=upload("a.png", photo))
        client.force_login(person)
        client.get(reverse("journal:report"))  # the first request stores the session
        return person

    person_with(1)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(PDF).status_code == 200
    few = len(captured)

    person_with(9)
    with django_assert_num_queries(few):
        response = client.get(PDF)
    assert len(_images(response.content)) == 9


def test_the_shared_page_and_the_report_are_built_by_one_function(client, person):
    episode = EpisodeFactory(user=person, started_at=NOW - dt.timedelta(days=2))
    attachments.attachment_add(episode=episode, upload=upload("a.png", png_bytes()))
    JournalTreatmentFactory(user=person, name="Botox", given_on=dt.date(2026, 11, 1))
    first, last = dt.date(2026, 10, 26), dt.date(2026, 11, 24)
    _link, token = sharing.share_create(user=person, start=first, end=last)

    built = doctor_report.report_context(person, reports.DateRange(first, last), now=NOW)
    shared = client.get(reverse("journal:shared_report", args=[token]))

    assert shared.status_code == 200
    for key in ("report", "triage", "treatments", "episodes_with_attachments"):
        assert key in shared.context
    assert len(shared.context["report"].episodes) == len(built["report"].episodes) == 1
    # The doctor sees the treatments too, as on the person's own report.
    assert "Botox" in shared.content.decode()
    assert not hasattr(sharing, "report_context")
    assert not hasattr(sharing, "episodes_with_attachments")

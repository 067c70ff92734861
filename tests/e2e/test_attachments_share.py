"""A clip recorded on a phone-sized screen plays back on the episode page, and a share link
opens in a fresh browser without an account, then dies when revoked.

The clip is a real WebM that Chromium records from a canvas with MediaRecorder, as a phone's
camera would hand one over. Set TWITCHCARE_SHOTS=/some/folder to keep screenshots.
"""

import base64
import datetime as dt
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from tests.attachment_helpers import private_storage_fixture  # noqa: F401 - the fixture
from tests.e2e.conftest import PHONE
from tests.factories import EpisodeFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("private_storage"),
    pytest.mark.parametrize("viewport", [PHONE], ids=["phone"]),
]

RECORD_WEBM = """async (ms) => {
  const canvas = document.createElement("canvas");
  canvas.width = 160; canvas.height = 120;
  const context = canvas.getContext("2d");
  const stream = canvas.captureStream(15);
  const recorder = new MediaRecorder(stream, {mimeType: "video/webm;codecs=vp8"});
  const parts = [];
  recorder.ondataavailable = (event) => parts.push(event.data);
  let frame = 0;
  const timer = setInterval(() => {
    context.fillStyle = `hsl(${(frame * 20) % 360}, 70%, 50%)`;
    context.fillRect(0, 0, 160, 120);
    context.fillStyle = "#fff";
    context.fillRect(20 + (frame % 100), 50, 20, 20);
    frame += 1;
  }, 66);
  recorder.start(100);
  await new Promise((resolve) => setTimeout(resolve, ms));
  recorder.stop();
  await new Promise((resolve) => { recorder.onstop = resolve; });
  clearInterval(timer);
  const bytes = new Uint8Array(await new Blob(parts, {type: "video/webm"}).arrayBuffer());
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}"""

VIDEO_READY = """(video) => new Promise((resolve) => {
  const done = () => resolve({ready: video.readyState, error: video.error && video.error.code});
  if (video.readyState >= 2) return done();
  video.addEventListener("loadeddata", done, {once: true});
  video.addEventListener("error", done, {once: true});
  setTimeout(done, 6000);
})"""


def assert_accessible(page) -> None:
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()


def shot(page, name: str) -> None:
    folder = os.environ.get("TWITCHCARE_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=True)


def record_clip(page) -> bytes:
    return base64.b64decode(page.evaluate(RECORD_WEBM, 1500))


def test_a_recorded_clip_uploads_with_progress_and_plays_back(signed_in_page, live_server, person):
    page = signed_in_page
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    episode = EpisodeFactory(user=person, started_at=timezone.now() - dt.timedelta(hours=1))
    page.goto(f"{live_server.url}{episode.get_absolute_url()}")
    clip = record_clip(page)
    assert clip[:4] == b"\x1a\x45\xdf\xa3"

    camera = page.get_by_label("Record with the camera")
    expect(camera).to_have_attribute("accept", "image/*,video/*")
    expect(camera).to_have_attribute("capture", "environment")
    chooser = page.get_by_label("Or choose a saved photo or video")
    expect(chooser).to_have_attribute("accept", "image/*,video/*")
    camera.set_input_files({"name": "clip.webm", "mimeType": "video/webm", "buffer": clip})
    with page.expect_response(lambda r: "/attachments/" in r.url and r.request.method == "POST"):
        page.get_by_role("button", name="Upload").click()
    page.wait_for_load_state("load")

    video = page.locator("video.attachment-media")
    expect(video).to_have_count(1)
    state = video.evaluate(VIDEO_READY)
    assert state["error"] is None
    assert state["ready"] >= 2
    assert episode.attachments.get().content_type == "video/webm"
    assert not [text for text in errors if "Content Security Policy" in text]
    assert_accessible(page)
    shot(page, "episode-phone.png")


def test_a_refused_file_is_explained_on_the_page(signed_in_page, live_server, person):
    page = signed_in_page
    episode = EpisodeFactory(user=person)
    page.goto(f"{live_server.url}{episode.get_absolute_url()}")
    page.get_by_label("Or choose a saved photo or video").set_input_files(
        {"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": b"#!/bin/sh\necho hi\n"}
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("status")).to_contain_text("not a photo or video we can keep")
    assert not episode.attachments.exists()


def test_a_share_link_opens_without_an_account_and_dies_when_revoked(
    signed_in_page, live_server, person, browser
):
    page = signed_in_page
    episode = EpisodeFactory(
        user=person, started_at=timezone.now() - dt.timedelta(hours=2), notes="left eye"
    )
    page.goto(f"{live_server.url}{episode.get_absolute_url()}")
    clip = record_clip(page)
    page.get_by_label("Or choose a saved photo or video").set_input_files(
        {"name": "clip.webm", "mimeType": "video/webm", "buffer": clip}
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.locator("video.attachment-media")).to_have_count(1)

    page.goto(f"{live_server.url}/report/")
    page.get_by_role("button", name="Make a link").click()
    url = page.locator("#share-url").input_value()
    assert url.startswith(f"{live_server.url}/shared/")

    doctor = browser.new_context(viewport=PHONE)  # a private window: no cookies, no account
    try:
        shared = doctor.new_page()
        response = shared.goto(url)
        assert response.status == 200
        assert "no-store" in response.headers["cache-control"]
        assert response.headers["x-robots-tag"] == "noindex, nofollow"
        assert response.headers["referrer-policy"] == "no-referrer"
        expect(shared.get_by_role("heading", level=1)).to_contain_text("patient-reported summary")
        expect(shared.get_by_text("left eye")).to_be_visible()
        state = shared.locator("video.attachment-media").evaluate(VIDEO_READY)
        assert state["error"] is None and state["ready"] >= 2
        assert_accessible(shared)
        shot(shared, "share-phone.png")

        page.goto(f"{live_server.url}/report/#share")
        expect(page.get_by_text("Opened 1 time")).to_be_visible()
        assert_accessible(page)
        shot(page, "report-share-phone.png")
        page.get_by_role("button", name="Revoke this link").click()
        expect(page.get_by_text("The link is revoked")).to_be_visible()

        assert shared.goto(url).status == 404
    finally:
        doctor.close()


@pytest.fixture
def page(page):
    """The shared machine can be slow: allow more than the usual eight seconds."""
    page.set_default_timeout(30000)
    return page

"""Files and storage for the attachment and sharing tests."""

import io

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from journal.models import Attachment

GPS_IFD = 0x8825
MAKE, MODEL, ORIENTATION = 0x010F, 0x0110, 0x0112


@pytest.fixture(name="private_storage")
def private_storage_fixture(tmp_path, monkeypatch):
    """Attachments go to a fresh folder for the test: the field's storage, swapped."""
    folder = tmp_path / "private"
    storage = FileSystemStorage(location=folder, base_url=None)
    monkeypatch.setattr(Attachment._meta.get_field("file"), "storage", storage)
    return folder


def stored_files(folder) -> list:
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


def jpeg_with_gps(size=(40, 20)) -> bytes:
    """A JPEG whose EXIF holds a camera make and model, a GPS position and orientation 6
    (turn 90 degrees clockwise to show)."""
    image = Image.new("RGB", size, "red")
    exif = Image.Exif()
    exif[MAKE] = "AcmeCam"
    exif[MODEL] = "Phone 9 serial 12345"
    exif[ORIENTATION] = 6
    exif[GPS_IFD] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png_bytes(size=(8, 8)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 128, 255, 200)).save(out, "PNG")
    return out.getvalue()


#: The start of a WebM file: an EBML header whose DocType is "webm".
WEBM_HEAD = (
    bytes.fromhex("1a45dfa3")
    + bytes.fromhex("9f4286810142f7810142f2810442f381084282")
    + (b"\x84webm" + bytes.fromhex("4287810442858102"))
)


def webm_bytes(length: int = 2000) -> bytes:
    body = bytes(range(256)) * (length // 256 + 1)
    return (WEBM_HEAD + body)[:length]


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)

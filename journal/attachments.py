"""Photos and short videos of an episode (SPEC, "Attachments").

The rules live here once, for the pages and the API:
- what a file is, decided from its first bytes (``sniff``), never from its name or the type
  the browser declared;
- the limits: 3 files an episode, photos (JPEG, PNG) up to 10 MB, videos (MP4, WebM,
  QuickTime) up to 50 MB;
- photos re-encoded with Pillow, turned upright and with no metadata left (no EXIF, GPS or
  camera tags);
- files stored under random names through Django's storage API (``STORAGES["attachments"]``)
  and served only through ``file_response``, with HTTP range requests so a video can seek.
"""

import base64
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from PIL import Image, ImageOps, UnidentifiedImageError

from journal.dates import local_time
from journal.models import Attachment, AttachmentKind, Episode
from journal.reports import DateRange

log = logging.getLogger(__name__)

MAX_PER_EPISODE = 3
MB = 1024 * 1024
MAX_PHOTO_BYTES = 10 * MB
MAX_VIDEO_BYTES = 50 * MB
#: Larger photos are refused rather than decoded (a small file can unpack to a huge image).
MAX_PHOTO_PIXELS = 50_000_000
#: How many bytes the sniffer reads.
SNIFF_BYTES = 64
CHUNK = 64 * 1024

ACCEPT = "image/jpeg,image/png,video/mp4,video/webm,video/quicktime"

#: content type -> (kind, file extension, size limit)
TYPES: dict[str, tuple[str, str, int]] = {
    "image/jpeg": (AttachmentKind.PHOTO, "jpg", MAX_PHOTO_BYTES),
    "image/png": (AttachmentKind.PHOTO, "png", MAX_PHOTO_BYTES),
    "video/mp4": (AttachmentKind.VIDEO, "mp4", MAX_VIDEO_BYTES),
    "video/webm": (AttachmentKind.VIDEO, "webm", MAX_VIDEO_BYTES),
    "video/quicktime": (AttachmentKind.VIDEO, "mov", MAX_VIDEO_BYTES),
}

#: ISO base media "ftyp" brands of the MP4 family that phones and browsers record. HEIF
#: photos (heic, mif1, avif...) share the box layout and must not pass as video.
MP4_BRANDS = frozenset(
    {b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1",
     b"M4V ", b"M4VP", b"dash", b"mmp4", b"MSNV", b"3gp4", b"3gp5", b"3gp6", b"f4v "}
)  # fmt: skip
QUICKTIME_BRANDS = frozenset({b"qt  "})
#: Top-level atoms an old QuickTime file without "ftyp" may start with.
QUICKTIME_ATOMS = frozenset({b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"})

REFUSED_TYPE = (
    "This file is not a photo or video we can keep. Send a JPEG or PNG photo, or an MP4, "
    "WebM or QuickTime (MOV) video. Nothing was saved."
)
TOO_MANY = "An episode can have 3 photos or videos at most. Delete one first. Nothing was saved."
EMPTY = "The file is empty. Nothing was saved."
BROKEN_PHOTO = "This photo could not be read; it may be damaged. Nothing was saved."
HUGE_PHOTO = "This photo has too many pixels (50 megapixels at most). Nothing was saved."


def _too_big(kind: str, limit: int) -> str:
    return f"This {kind} is too big: {limit // MB} MB at most. Nothing was saved."


def sniff(head: bytes) -> str | None:
    """The content type the first bytes of a file show, or None for anything else.

    Knows JPEG, PNG, MP4, WebM (an EBML document whose type is "webm") and QuickTime.
    """
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        # The EBML header names the document type (element 0x4282) within its first bytes.
        doctype = head.find(b"\x42\x82")
        return "video/webm" if doctype != -1 and b"webm" in head[doctype : doctype + 8] else None
    if len(head) >= 12 and head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in QUICKTIME_BRANDS:
            return "video/quicktime"
        if brand in MP4_BRANDS:
            return "video/mp4"
        return None
    if len(head) >= 8 and head[4:8] in QUICKTIME_ATOMS:
        return "video/quicktime"
    return None


def _read_head(upload) -> bytes:
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    return head


#: Modes each format is saved in as it is; anything else is converted first.
KEEP_MODES = {"image/jpeg": ("RGB", "L"), "image/png": ("RGB", "RGBA", "L", "LA")}
CONVERT_TO = {"image/jpeg": "RGB", "image/png": "RGBA"}
UNREADABLE = (
    UnidentifiedImageError,
    OSError,
    ValueError,
    SyntaxError,
    Image.DecompressionBombError,
)


def clean_photo(upload, content_type: str) -> bytes:
    """The photo re-encoded from its pixels alone: turned upright by its EXIF orientation,
    then saved with no EXIF, GPS, XMP, ICC, comments or camera tags. Raises
    ``ValidationError`` for a file Pillow cannot decode or one over ``MAX_PHOTO_PIXELS``."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.width * image.height > MAX_PHOTO_PIXELS:
                raise ValidationError(HUGE_PHOTO, code="too_many_pixels")
            image.load()
            upright = ImageOps.exif_transpose(image)
            if upright.mode not in KEEP_MODES[content_type]:
                upright = upright.convert(CONVERT_TO[content_type])
            # A new image holding only the pixels: nothing of the original's info survives.
            pixels = Image.frombytes(upright.mode, upright.size, upright.tobytes())
            out = io.BytesIO()
            if content_type == "image/jpeg":
                pixels.save(out, format="JPEG", quality=88, optimize=True)
            else:
                pixels.save(out, format="PNG", optimize=True)
    except UNREADABLE:
        raise ValidationError(BROKEN_PHOTO, code="broken_photo") from None
    return out.getvalue()


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    kind: str
    extension: str
    content: Any  # bytes for a re-encoded photo, the upload itself for a video


def check_file(upload) -> CheckedFile:
    """Decide what ``upload`` is and whether it may be kept; raise ``ValidationError``
    (field ``file``) with a message for the person otherwise. Reads no more than it must:
    the size first, then the first bytes, then (photos only) the pixels."""
    size = getattr(upload, "size", None) or 0
    if size <= 0:
        raise ValidationError({"file": ValidationError(EMPTY, code="empty")})
    content_type = sniff(_read_head(upload))
    if content_type is None:
        raise ValidationError({"file": ValidationError(REFUSED_TYPE, code="file_type")})
    kind, extension, limit = TYPES[content_type]
    if size > limit:
        raise ValidationError({"file": ValidationError(_too_big(kind, limit), code="too_big")})
    if kind == AttachmentKind.PHOTO:
        try:
            content = clean_photo(upload, content_type)
        except ValidationError as error:
            raise ValidationError({"file": error}) from None
    else:
        content = upload
    return CheckedFile(content_type, kind, extension, content)


@transaction.atomic
def attachment_add(*, episode: Episode, upload) -> Attachment:
    """Store ``upload`` as an attachment of ``episode`` (its owner's), or refuse it with a
    ``ValidationError`` on ``file`` and store nothing: a type other than those in ``TYPES``
    (by content), a file over its kind's limit, or a fourth file on the episode."""
    # Lock the episode so two uploads at once cannot both be the third.
    Episode.objects.select_for_update().filter(pk=episode.pk).first()
    if Attachment.objects.filter(episode=episode).count() >= MAX_PER_EPISODE:
        raise ValidationError({"file": ValidationError(TOO_MANY, code="too_many")})
    attachment = store_checked(episode=episode, checked=check_file(upload))
    try:
        attachment.save()
    except Exception:
        # The row was not stored: the file must not stay behind.
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def store_checked(*, episode: Episode, checked: CheckedFile) -> Attachment:
    """Write a checked file to the storage under a random name and return its
    ``Attachment`` for ``episode``, not yet saved. The caller saves the row, or deletes the
    file (``attachment.file.storage.delete(attachment.file.name)``) if it cannot."""
    content = checked.content
    if isinstance(content, bytes):
        content = ContentFile(content)
    else:
        content.seek(0)
    attachment = Attachment(
        episode=episode,
        user_id=episode.user_id,
        kind=checked.kind,
        content_type=checked.content_type,
    )
    attachment.file.save(f"upload.{checked.extension}", content, save=False)
    attachment.size = attachment.file.size
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment) -> None:
    """Delete the attachment; its file leaves the storage once the deletion is committed."""
    attachment.delete()


def delete_stored_file(attachment: Attachment) -> None:
    """After the deletion of ``attachment`` commits, remove its file from the storage.

    Connected to ``post_delete`` (journal.signals), so a deleted episode or account takes
    its files with it. On a rollback the row, and so the file, stay.
    """
    storage, name = attachment.file.storage, attachment.file.name

    def remove() -> None:
        try:
            storage.delete(name)
        except Exception:  # the rows are gone already: log, never fail the request
            log.exception("could not delete attachment file %s", name)

    if name:
        transaction.on_commit(remove)


# --- Serving a file ------------------------------------------------------------------------

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class RangeNotSatisfiable(Exception):
    pass


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The inclusive byte span ``(first, last)`` a ``Range`` header asks of a ``size``-byte
    file, or None to send the whole file (no header, or several ranges, which we answer
    whole as RFC 9110 allows). Raises ``RangeNotSatisfiable`` for a malformed range or one
    that starts past the end."""
    header = header.strip()
    if not header:
        return None
    if not header.startswith("bytes="):
        raise RangeNotSatisfiable
    if "," in header:
        return None
    match = RANGE.match(header.replace(" ", ""))
    if not match or match.groups() == ("", ""):
        raise RangeNotSatisfiable
    first, last = match.groups()
    if first == "":  # the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(size - length, 0), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if start >= size or end < start:
        raise RangeNotSatisfiable
    return start, min(end, size - 1)


class _Span:
    """``length`` bytes of an open file from ``start``, in chunks; closing it (the server
    does, once the answer is sent or abandoned) closes the file."""

    def __init__(self, handle, start: int, length: int):
        self.handle, self.start, self.length = handle, start, length

    def __iter__(self) -> Iterator[bytes]:
        self.handle.seek(self.start)
        left = self.length
        while left > 0:
            block = self.handle.read(min(CHUNK, left))
            if not block:
                break
            left -= len(block)
            yield block

    def close(self) -> None:
        self.handle.close()


def file_response(request: HttpRequest, attachment: Attachment) -> HttpResponse:
    """The attachment's file, or the byte range the request asks for (206 with
    ``Content-Range``; 416 for a range it cannot satisfy), never stored by a browser or
    proxy, never sniffed into another type, shown inline under a neutral name."""
    size = attachment.size
    try:
        span = parse_range(request.headers.get("Range", ""), size)
    except RangeNotSatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    else:
        first, last = span if span else (0, size - 1)
        length = last - first + 1 if size else 0
        handle = attachment.file.storage.open(attachment.file.name, "rb")
        response = StreamingHttpResponse(
            _Span(handle, first, length),
            status=206 if span else 200,
            content_type=attachment.content_type,
        )
        response["Content-Length"] = str(length)
        if span:
            response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Accept-Ranges"] = "bytes"
    extension = TYPES.get(attachment.content_type, ("", "bin", 0))[1]
    response["Content-Disposition"] = f'inline; filename="twitchcare-{attachment.pk}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    # Should a browser be talked into opening it as a page, it can run nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response


# --- Reads for the pages, the report and the export ----------------------------------------

#: The longest side of a photo drawn into the report PDF.
THUMBNAIL_PX = 320


def thumbnail_data_uri(attachment: Attachment) -> str | None:
    """A small JPEG of the photo (at most ``THUMBNAIL_PX`` a side) as a ``data:`` URI, so
    the PDF needs to fetch nothing; None when the stored file cannot be drawn."""
    try:
        with (
            attachment.file.storage.open(attachment.file.name, "rb") as handle,
            Image.open(handle) as image,
        ):
            if image.width * image.height > MAX_PHOTO_PIXELS:
                return None
            image.draft("RGB", (THUMBNAIL_PX, THUMBNAIL_PX))  # a JPEG decodes smaller, faster
            image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
            if image.mode in ("RGBA", "LA"):
                flat = Image.new("RGB", image.size, "white")
                flat.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
            else:
                flat = image.convert("RGB")
            out = io.BytesIO()
            flat.save(out, format="JPEG", quality=80)
    except (*UNREADABLE, FileNotFoundError):
        log.warning("could not draw a thumbnail of attachment %s", attachment.pk)
        return None
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def report_rows(user, date_range: DateRange, *, thumbnails: bool = False) -> list[dict[str, Any]]:
    """The episodes of ``user``'s local ``date_range`` that have attachments, oldest first,
    each as ``{episode, started_local, attachments}``. One query. With ``thumbnails`` (the
    PDF), each photo carries ``thumbnail``: ``thumbnail_data_uri``."""
    zone = user.profile.zone
    start, end = date_range.bounds(zone)
    found = (
        Attachment.objects.for_user(user)
        .filter(episode__started_at__gte=start, episode__started_at__lt=end)
        .select_related("episode")
        .order_by("episode__started_at", "episode_id", "created_at", "id")
    )
    rows: list[dict[str, Any]] = []
    for attachment in found:
        if not rows or rows[-1]["episode"].pk != attachment.episode_id:
            episode = attachment.episode
            rows.append(
                {
                    "episode": episode,
                    "started_local": local_time(episode.started_at, zone),
                    "attachments": [],
                }
            )
        if thumbnails and not attachment.is_video:
            attachment.thumbnail = thumbnail_data_uri(attachment)
        rows[-1]["attachments"].append(attachment)
    return rows


def episode_section(episode: Episode) -> dict[str, Any]:
    """What the episode page's "Photos and videos" section shows (one query)."""
    found = list(Attachment.objects.filter(episode=episode).order_by("created_at", "id"))
    return {
        "attachments": found,
        "attachments_left": max(MAX_PER_EPISODE - len(found), 0),
        "attachments_max": MAX_PER_EPISODE,
    }


def _listing_row(attachment: Attachment, zone) -> dict[str, Any]:
    """An attachment as the export lists it; ``created_at`` with the person's UTC offset,
    as every other time in the export."""
    return {
        "id": attachment.pk,
        "episode": attachment.episode_id,
        "kind": attachment.kind,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "created_at": local_time(attachment.created_at, zone).isoformat(),
        "file": zip_name(attachment),
    }


def export_listing(user) -> list[dict[str, Any]]:
    """The person's attachments for the JSON export, oldest first: what each is, which
    episode it belongs to, and its name in the export zip (``zip_members``). One query."""
    zone = user.profile.zone
    found = Attachment.objects.for_user(user).order_by("id")
    return [_listing_row(each, zone) for each in found]


def zip_name(attachment: Attachment) -> str:
    extension = TYPES.get(attachment.content_type, ("", "bin", 0))[1]
    return f"attachments/{attachment.pk}.{extension}"


LISTING_COLUMNS = ("id", "episode", "kind", "content_type", "size", "created_at", "file")


def _file_blocks(attachment: Attachment) -> Iterator[bytes]:
    with attachment.file.storage.open(attachment.file.name, "rb") as handle:
        while block := handle.read(CHUNK):
            yield block


def zip_members(user) -> list[tuple[str, Iterator[bytes]]]:
    """The export zip's members for the person's attachments: ``attachments.csv`` listing
    them, then each file as ``attachments/<id>.<ext>``, read a block at a time as the zip is
    sent (nothing when the person has none). One query."""
    from journal import csv_export

    found = list(Attachment.objects.for_user(user).order_by("id"))
    if not found:
        return []
    listing = "".join(
        csv_export.rows_csv_lines(
            LISTING_COLUMNS, [_listing_row(each, user.profile.zone) for each in found]
        )
    ).encode()
    return [("attachments.csv", iter([listing]))] + [
        (zip_name(each), _file_blocks(each)) for each in found
    ]

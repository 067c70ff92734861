"""Import: the app's own JSON export and CSV zip come back as the same journal.

POST /api/import/ and the page /accounts/import/ share journal.importer.import_journal.
"""

import datetime as dt
import io
import json
import zipfile

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from journal import attachments, importer
from journal.models import Attachment, DailyLog, Episode, SelfRating, Treatment
from journal.services import account_delete
from tests.attachment_helpers import (
    GPS_IFD,
    png_bytes,
    private_storage_fixture,  # noqa: F401 - the private_storage fixture
    stored_files,
    upload,
    webm_bytes,
)
from tests.factories import (
    DailyLogFactory,
    EpisodeFactory,
    UserFactory,
    full_journal,
)
from twitchcare.accounts import account_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_storage")]

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)  # 01:00 on 25 November in Auckland
IMPORT_URL = "/api/import/"
PAGE_URL = "/accounts/import/"
#: What may differ between two accounts holding the same journal.
ACCOUNT_ONLY = {"username", "email", "date_joined", "health_data_consent_at"}
ROW_ONLY = {"id", "created_at", "updated_at", "client_id"}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def person(db):
    return UserFactory(username="ada", time_zone="Pacific/Auckland")


@pytest.fixture
def journal(person):
    return full_journal(person, files=True)


def _export_json(client, user) -> dict:
    client.force_login(user)
    return json.loads(client.get("/api/export/").getvalue())


def _export_zip(client, user) -> bytes:
    client.force_login(user)
    response = client.get(reverse("journal:export_csv"))
    assert response.status_code == 200
    return response.getvalue()


def _comparable(export: dict) -> dict:
    """The journal in an export, without what only says which account or row it is."""
    return {
        "account": {k: v for k, v in export["account"].items() if k not in ACCOUNT_ONLY},
        **{
            kind: [{k: v for k, v in row.items() if k not in ROW_ONLY} for row in export[kind]]
            for kind in ("episodes", "daily_logs", "treatments", "self_ratings")
        },
    }


def _files(user) -> list[tuple[str, str, str, bytes]]:
    """Each attachment as (its episode's start, kind, content type, bytes), in order."""
    found = Attachment.objects.filter(user=user).select_related("episode")
    rows = []
    for each in found.order_by("episode__started_at", "created_at", "id"):
        with each.file.open("rb") as handle:
            content = handle.read()
        assert each.size == len(content)
        rows.append((each.episode.started_at.isoformat(), each.kind, each.content_type, content))
    return rows


def _as_imported(files):
    """What an import stores of exported files: photos re-encoded as every upload is."""
    return [
        (when, kind, ctype, attachments.clean_photo(io.BytesIO(content), ctype))
        if kind == "photo"
        else (when, kind, ctype, content)
        for when, kind, ctype, content in files
    ]


def _import(client, user, content: bytes, *, name="export.json", merge=False):
    client.force_login(user)
    data = {"file": SimpleUploadedFile(name, content)}
    if merge:
        data["merge"] = "true"
    return client.post(IMPORT_URL, data)


def _counts(user) -> tuple[int, int, int]:
    return (
        Episode.objects.filter(user=user).count(),
        DailyLog.objects.filter(user=user).count(),
        Treatment.objects.filter(user=user).count(),
    )


def _all_counts(user) -> tuple[int, int, int, int, int]:
    return (
        *_counts(user),
        SelfRating.objects.filter(user=user).count(),
        Attachment.objects.filter(user=user).count(),
    )


def _new_account(username="ada2"):
    return account_create(username=username, password="a long new password 1")


@pytest.mark.parametrize("kind", ["json", "zip"])
def test_export_delete_sign_up_import_gives_the_same_journal(client, journal, kind):
    before = _export_json(client, journal)
    files_before = _files(journal)
    content = json.dumps(before).encode() if kind == "json" else _export_zip(client, journal)
    account_delete(user=journal)
    client.logout()

    newcomer = _new_account()
    response = _import(client, newcomer, content, name=f"export.{kind}")

    assert response.status_code == 201, response.content
    summary = response.json()
    assert summary["episodes"] == {"added": 2, "already_there": 0}
    assert summary["self_ratings"] == {"added": 2, "already_there": 0}
    after = _export_json(client, newcomer)
    assert _comparable(after) == _comparable(before)
    # The times keep their own offsets: +13:00 in November, +12:00 in July.
    assert after["episodes"][0]["started_at"] == "2026-07-02T08:00:00+12:00"
    assert after["episodes"][1]["started_at"] == "2026-11-20T21:00:30.123456+13:00"
    assert after["account"]["time_zone"] == "Pacific/Auckland"
    assert after["account"]["emergency_seen_at"] == "2026-11-21T15:00:00+13:00"
    assert [r["week_start"] for r in after["self_ratings"]] == ["2026-11-09", "2026-11-16"]
    if kind == "json":
        # The JSON lists the files but cannot carry them; the import says so.
        assert summary["attachments"] == {"added": 0, "already_there": 0, "left_out": 3}
        assert _files(newcomer) == []
        return
    assert summary["attachments"] == {"added": 3, "already_there": 0, "left_out": 0}
    files_after = _files(newcomer)
    assert [row[:3] for row in files_after] == [
        ("2026-07-01T20:00:00+00:00", "video", "video/webm"),
        ("2026-11-20T08:00:30.123456+00:00", "photo", "image/jpeg"),
        ("2026-11-20T08:00:30.123456+00:00", "photo", "image/png"),
    ]
    # Videos and PNGs come back byte for byte; a JPEG is re-encoded as every upload is.
    assert files_after == _as_imported(files_before)
    assert files_after[0][3] == files_before[0][3]
    assert files_after[2][3] == files_before[2][3]
    # Listed with their new episodes, in the person's offset.
    listing = after["attachments"]
    ids = {row["id"]: row["started_at"] for row in after["episodes"]}
    assert [ids[row["episode"]] for row in listing] == [
        "2026-11-20T21:00:30.123456+13:00",
        "2026-11-20T21:00:30.123456+13:00",
        "2026-07-02T08:00:00+12:00",
    ]
    assert all(row["created_at"].endswith("+13:00") for row in listing)
    # Another round: export -> import gives the same bytes again for video and PNG, and
    # the JPEG re-encoded once more, still without metadata.
    third = _new_account("ada3")
    assert _import(client, third, _export_zip(client, newcomer), name="e.zip").status_code == 201
    assert _files(third) == _as_imported(files_after)
    for _when, kind_, _ctype, data in _files(third):
        if kind_ == "photo":
            with Image.open(io.BytesIO(data)) as image:
                assert not image.getexif()
                assert not image.getexif().get_ifd(GPS_IFD)


def test_the_export_now_carries_client_ids_and_treatments(client, journal):
    export = _export_json(client, journal)
    assert all("client_id" in row for row in export["episodes"] + export["daily_logs"])
    assert [t["name"] for t in export["treatments"]] == [
        "Botox",
        "Acupuncture",
        "Clonazepam",
        "Artificial tears",
    ]
    with zipfile.ZipFile(io.BytesIO(_export_zip(client, journal))) as archive:
        assert "treatments.csv" in archive.namelist()
        assert "client_id" in archive.read("episodes.csv").decode().splitlines()[0]


@pytest.mark.parametrize("kind", ["json", "zip"])
def test_merging_twice_never_duplicates(client, journal, kind):
    export = _export_json(client, journal)
    content = json.dumps(export).encode() if kind == "json" else _export_zip(client, journal)
    newcomer = _new_account()

    first = _import(client, newcomer, content, merge=True)
    second = _import(client, newcomer, content, merge=True)

    assert first.status_code == second.status_code == 201
    files = 3 if kind == "zip" else 0
    assert _all_counts(newcomer) == (2, 2, 4, 2, files)
    assert second.json() == {
        "episodes": {"added": 0, "already_there": 2},
        "daily_logs": {"added": 0, "merged": 0, "already_there": 2},
        "treatments": {"added": 0, "already_there": 4},
        "self_ratings": {"added": 0, "already_there": 2},
        "attachments": {"added": 0, "already_there": files, "left_out": 3 - files},
    }
    # And the account's own export merged back into itself adds nothing either (its
    # photos are found by the bytes exported, though an import would re-encode them).
    again = _import(client, journal, content, merge=True)
    assert again.status_code == 201
    assert _all_counts(journal) == (2, 2, 4, 2, 3)
    # The re-exported client_ids are what a third import recognises.
    reexport = json.dumps(_export_json(client, newcomer)).encode()
    assert _import(client, journal, reexport, merge=True).json()["episodes"]["added"] == 0


def test_a_merge_fills_in_a_days_log_without_overwriting(client, journal):
    content = json.dumps(_export_json(client, journal)).encode()
    newcomer = _new_account()
    DailyLogFactory(
        user=newcomer,
        date=dt.date(2026, 11, 20),
        sleep_hours="8.0",
        caffeine_servings=None,
        checklist_done=["test-warm-compress"],
        notes="",
    )

    response = _import(client, newcomer, content, merge=True)

    assert response.json()["daily_logs"] == {"added": 1, "merged": 1, "already_there": 0}
    log = DailyLog.objects.get(user=newcomer, date=dt.date(2026, 11, 20))
    assert log.sleep_hours == 8  # kept
    assert log.caffeine_servings == 2  # filled in
    assert log.checklist_done == ["test-screen-break", "test-warm-compress"]
    assert log.notes == "+ tired"


def test_a_journal_with_entries_is_refused_without_merge(client, journal):
    content = json.dumps(_export_json(client, journal)).encode()
    newcomer = _new_account()
    EpisodeFactory(user=newcomer)

    response = _import(client, newcomer, content)

    assert response.status_code == 409
    assert "Merge" in response.json()["detail"]
    assert _counts(newcomer) == (1, 0, 0)
    assert newcomer.profile.time_zone == "UTC"


def test_a_bad_row_is_named_and_nothing_is_stored(client, journal):
    export = _export_json(client, journal)
    export["episodes"].append({**export["episodes"][0], "intensity": 11, "client_id": None})
    export["daily_logs"][1]["sleep_hours"] = 25
    newcomer = _new_account()

    response = _import(client, newcomer, json.dumps(export).encode())

    assert response.status_code == 400
    problems = response.json()["file"]
    assert any(p.startswith("episodes row 3: intensity:") and "10" in p for p in problems)
    assert any(p.startswith("daily_logs row 2: sleep_hours:") for p in problems)
    assert _counts(newcomer) == (0, 0, 0)
    newcomer.profile.refresh_from_db()
    assert newcomer.profile.time_zone == "UTC"


def test_a_bad_csv_row_is_named_by_its_spreadsheet_row(client, journal):
    content = _export_zip(client, journal)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    files["episodes.csv"] = files["episodes.csv"].replace(b'"left"', b'"up"')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    newcomer = _new_account()

    response = _import(client, newcomer, buffer.getvalue(), name="export.zip")

    assert response.status_code == 400
    assert any(p.startswith("episodes.csv row 3: side:") for p in response.json()["file"])
    assert _counts(newcomer) == (0, 0, 0)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"side": "left", "locations": ["eyelid"]}, "started_at: This field is required."),
        ({"started_at": "2026-11-20T10:00", "side": "left", "locations": []}, "locations:"),
        (
            {"started_at": "2027-01-01T10:00+00:00", "side": "left", "locations": ["nose"]},
            "future",
        ),
        (
            {"started_at": "2026-11-20T10:00Z", "side": "l", "locations": ["x"], "client_id": 5},
            "client_id",
        ),
    ],
)
def test_every_episode_rule_of_the_api_applies(client, row, message):
    newcomer = _new_account()
    body = json.dumps({"episodes": [row], "daily_logs": []}).encode()
    response = _import(client, newcomer, body)
    assert response.status_code == 400
    assert any(p.startswith("episodes row 1") and message in p for p in response.json()["file"])


def test_daily_log_and_treatment_rules_apply(client):
    newcomer = _new_account()
    body = {
        "episodes": [],
        "daily_logs": [
            {"date": "2026-11-26"},
            {"date": "2026-11-01", "checklist_done": ["no-such-item"]},
            {"date": "2026-11-02"},
            {"date": "2026-11-02"},
        ],
        "treatments": [
            {"kind": "magic", "name": "x", "given_on": "2026-01-01"},
            {"kind": "medication", "name": "y", "given_on": "2026-02-01", "ended_on": "2026-01-01"},
        ],
    }
    problems = _import(client, newcomer, json.dumps(body).encode()).json()["file"]
    joined = "\n".join(problems)
    assert "daily_logs row 1: date: 2026-11-26 has not come yet" in joined
    assert "daily_logs row 2: checklist_done: no-such-item" in joined
    assert "daily_logs row 4: date: 2026-11-02 is already in daily_logs row 3" in joined
    assert "treatments row 1: kind:" in joined
    assert "treatments row 2: ended_on:" in joined
    assert _counts(newcomer) == (0, 0, 0)


def test_values_of_the_wrong_type_are_named_not_a_crash(client):
    newcomer = _new_account()
    body = {
        "account": {"time_zone": ["UTC"], "plan_started_on": [1], "reminder_time": {"h": 1}},
        "episodes": [{"started_at": [2026], "side": {}, "locations": "eyelid", "intensity": []}],
        "daily_logs": [{"date": {"y": 2026}, "sleep_hours": "lots", "checklist_done": "x"}],
        "treatments": [{"kind": 1, "name": ["x"], "given_on": [2026], "ended_on": {}}],
    }
    response = _import(client, newcomer, json.dumps(body).encode())
    assert response.status_code == 400
    joined = "\n".join(response.json()["file"])
    for where in (
        "account: plan_started_on",
        "account: reminder_time",
        "episodes row 1: started_at",
        "daily_logs row 1: date",
        "treatments row 1: given_on",
    ):
        assert where in joined
    assert _counts(newcomer) == (0, 0, 0)


def test_another_persons_data_is_untouched(client, journal):
    stranger = UserFactory(username="eve")
    theirs = EpisodeFactory(user=stranger, notes="Eve's")
    DailyLogFactory(user=stranger, date=dt.date(2026, 11, 20))
    export = _export_json(client, journal)
    # Even an entry carrying the stranger's client_id is a new entry of mine.
    theirs.client_id = "0b7c5a48-7f4e-4e4a-9d57-3c3d1d6f3a10"
    theirs.save()
    export["episodes"][0]["client_id"] = str(theirs.client_id)
    newcomer = _new_account()

    assert _import(client, newcomer, json.dumps(export).encode()).status_code == 201

    assert _counts(newcomer) == (2, 2, 4)
    assert _counts(stranger) == (1, 1, 0)
    theirs.refresh_from_db()
    assert theirs.notes == "Eve's"


def test_a_visitor_is_refused(client, journal):
    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile("x.json", b"{}")})
    assert response.status_code in (401, 403)
    assert client.get(PAGE_URL).status_code == 302


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\xff\xfe not json", "could not be read as JSON"),
        (b"[1, 2]", "not a TwitchCare export"),
        (b'{"episodes": {"a": 1}}', "must be a list"),
        (b'{"episodes": [1]}', "episodes row 1: each entry must be an object"),
        (b"[" * 100_000, "could not be read as JSON"),
        (b"PK\x03\x04 damaged beyond repair", "damaged"),
        (_zip({"notes.txt": b"hello"}), "no episodes.csv"),
        (_zip({"episodes.csv": b"\xff\xfe\x00bad"}), "not UTF-8"),
        (_zip({"episodes.csv": b'"started_at","side"\n"2026-11-20T10:00Z","left","x"\n'}), "row 2"),
        (_zip({"episodes.csv": b"0" * (61 * 1024 * 1024)}), "unpacks to more than"),
        (_zip({f"f{n}.csv": b"" for n in range(importer.MAX_ZIP_MEMBERS + 1)}), "too many files"),
        (_zip({"episodes.csv": b"x" * 1000}).replace(b"\x08\x00", b"\x63\x00"), "read"),
    ],
    ids=[
        "empty",
        "binary",
        "json-list",
        "episodes-not-list",
        "row-not-object",
        "deeply-nested",
        "damaged-zip",
        "zip-without-csv",
        "csv-not-utf8",
        "csv-extra-cell",
        "zip-bomb",
        "zip-many-files",
        "zip-unknown-compression",
    ],
)
def test_unreadable_files_are_a_clear_400(client, content, message):
    newcomer = _new_account()
    response = _import(client, newcomer, content)
    assert response.status_code == 400
    assert any(message in p for p in response.json()["file"]), response.json()
    assert _counts(newcomer) == (0, 0, 0)


def test_a_file_too_big_is_refused_with_its_limit(client, monkeypatch):
    monkeypatch.setattr(importer, "MAX_UPLOAD_BYTES", 1024)
    newcomer = _new_account()
    response = _import(client, newcomer, b" " * 2048)
    assert response.status_code == 400
    assert "too big" in response.json()["file"][0]


def test_no_file_is_a_clear_400(client):
    client.force_login(_new_account())
    response = client.post(IMPORT_URL, {})
    assert response.status_code == 400
    assert response.json()["file"]


def _import_queries(client, episodes: int) -> int:
    source = UserFactory()
    EpisodeFactory.create_batch(episodes, user=source)
    content = json.dumps(_export_json(client, source)).encode()
    newcomer = _new_account(f"newcomer{episodes}")
    client.force_login(newcomer)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(IMPORT_URL, {"file": SimpleUploadedFile("e.json", content)})
    assert response.status_code == 201
    assert Episode.objects.filter(user=newcomer).count() == episodes
    return len(queries)


def test_import_queries_do_not_grow_with_each_row(client):
    few, many = _import_queries(client, 5), _import_queries(client, 500)
    # session and user, the emptiness checks (four kinds of entry, before and inside the
    # transaction), the
    # profile lock and update, the stored entries, the session's time zone saved, and the
    # inserts in batches: one batch on PostgreSQL, several on SQLite, whose statements
    # take at most 999 values.
    assert few <= 22, few
    assert many - few <= 500 // 50


# The page ---------------------------------------------------------------------------------


def test_the_page_shows_the_form(client, django_assert_max_num_queries):
    client.force_login(_new_account())
    with django_assert_max_num_queries(12):
        response = client.get(PAGE_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert "Merge with my journal" in page


def test_the_page_imports_and_says_what_it_did(client, journal):
    content = json.dumps(_export_json(client, journal)).encode()
    newcomer = _new_account()
    client.force_login(newcomer)
    response = client.post(
        PAGE_URL, {"file": SimpleUploadedFile("export.json", content)}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("journal:episode_list")
    assert (
        "Imported 2 episodes, 2 daily logs, 4 treatments, 2 weekly ratings, 0 photos and "
        "videos. The JSON file lists 3 photos and videos but cannot carry them: import the "
        "CSV zip to bring them back."
    ) in response.content.decode()
    assert _counts(newcomer) == (2, 2, 4)
    # The pages now show the imported time zone.
    assert client.session["tz"] == "Pacific/Auckland"
    assert "21:00" in client.get(reverse("journal:episode_list")).content.decode()


def test_the_page_names_the_bad_row(client, journal):
    export = _export_json(client, journal)
    export["episodes"][1]["intensity"] = 0
    client.force_login(_new_account())
    response = client.post(
        PAGE_URL, {"file": SimpleUploadedFile("export.json", json.dumps(export).encode())}
    )
    assert response.status_code == 400
    assert "episodes row 2: intensity:" in response.content.decode()


def test_the_page_asks_to_merge_into_a_journal_with_entries(client, journal):
    content = json.dumps(_export_json(client, journal)).encode()
    client.force_login(journal)
    response = client.post(PAGE_URL, {"file": SimpleUploadedFile("export.json", content)})
    assert response.status_code == 400
    assert "Your journal is not empty" in response.content.decode()
    response = client.post(
        PAGE_URL, {"file": SimpleUploadedFile("export.json", content), "merge": "on"}
    )
    assert response.status_code == 302
    assert _counts(journal) == (2, 2, 4)


def test_the_settings_page_links_to_the_import(client, journal):
    client.force_login(journal)
    assert PAGE_URL in client.get(reverse("account_settings")).content.decode()


# Photos and videos from the zip -----------------------------------------------------------


def _zip_members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _listing(members: dict[str, bytes]) -> list[dict[str, str]]:
    import csv

    return list(csv.DictReader(io.StringIO(members["attachments.csv"].decode("utf-8-sig"))))


def _with_listing(members: dict[str, bytes], rows: list[dict[str, str]]) -> dict[str, bytes]:
    import csv

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["episode", "file"])
    writer.writeheader()
    writer.writerows(rows)
    return {**members, "attachments.csv": out.getvalue().encode()}


def _assert_nothing_stored(user, folder, before):
    assert _all_counts(user) == (0, 0, 0, 0, 0)
    assert stored_files(folder) == before


def test_a_script_named_jpg_in_the_zip_refuses_the_whole_import(client, journal, private_storage):
    members = _zip_members(_export_zip(client, journal))
    names = [row["file"] for row in _listing(members)]
    # The first file is good and gets written; the last is a script: all of it goes.
    members[names[-1]] = b"\xff\xd8\xff#!/bin/sh\nrm -rf ~\n"
    account_delete(user=journal)
    newcomer = _new_account()

    before = stored_files(private_storage)
    response = _import(client, newcomer, _zip(members), name="export.zip")

    assert response.status_code == 400
    (problem,) = response.json()["file"]
    assert problem.startswith(f"{names[-1]} (attachments.csv row 4):")
    assert "could not be read" in problem
    _assert_nothing_stored(newcomer, private_storage, before)


def test_a_file_of_another_type_is_refused_by_its_content(client, journal, private_storage):
    members = _zip_members(_export_zip(client, journal))
    first = _listing(members)[0]["file"]
    members[first] = b"%PDF-1.7 not a photo at all"
    newcomer = _new_account()

    response = _import(client, newcomer, _zip(members), name="export.zip")

    assert response.status_code == 400
    assert response.json()["file"] == [
        f"{first} (attachments.csv row 2): {attachments.REFUSED_TYPE}"
    ]
    assert _all_counts(newcomer) == (0, 0, 0, 0, 0)


def test_no_file_is_left_when_the_database_refuses_after_writing(
    client, journal, private_storage, monkeypatch
):
    content = _export_zip(client, journal)
    account_delete(user=journal)
    newcomer = _new_account()
    real = Attachment.objects.bulk_create

    def failing(*args, **kwargs):
        assert len(stored_files(private_storage)) == len(before) + 3  # written, unrecorded
        raise importer.IntegrityError("simulated")

    monkeypatch.setattr(Attachment.objects, "bulk_create", failing)
    before = stored_files(private_storage)
    response = _import(client, newcomer, content, name="export.zip")
    monkeypatch.setattr(Attachment.objects, "bulk_create", real)

    assert response.status_code == 400
    assert "Nothing was stored" in response.json()["file"][0]
    _assert_nothing_stored(newcomer, private_storage, before)


def test_a_fourth_file_on_an_episode_refuses_the_import(client, journal, private_storage):
    members = _zip_members(_export_zip(client, journal))
    rows = _listing(members)
    extra = dict(rows[0], id="99", file="attachments/99.png")
    rows[2]["episode"] = rows[0]["episode"]  # the video joins the photos: three
    newcomer = _new_account()

    ok = _import(client, newcomer, _zip(_with_listing(members, rows)), name="e.zip")
    assert ok.status_code == 201, ok.json()
    assert Attachment.objects.filter(user=newcomer).values("episode").distinct().count() == 1

    fourth = _new_account("ada4")
    members["attachments/99.png"] = png_bytes((3, 3))
    response = _import(client, fourth, _zip(_with_listing(members, [*rows, extra])), name="e.zip")
    assert response.status_code == 400
    assert response.json()["file"] == [
        f"attachments/99.png (attachments.csv row 5): {attachments.TOO_MANY}"
    ]
    assert _all_counts(fourth) == (0, 0, 0, 0, 0)


def test_a_merge_never_passes_three_files_on_an_episode(client, journal, private_storage):
    content = _export_zip(client, journal)
    newcomer = _new_account()
    assert _import(client, newcomer, content, name="e.zip").status_code == 201
    episode = Episode.objects.get(user=newcomer, started_at__month=7)
    attachments.attachment_add(episode=episode, upload=upload("d.png", png_bytes((5, 5))))
    attachments.attachment_add(episode=episode, upload=upload("e.png", png_bytes((6, 6))))
    # The July episode now holds its video and two photos; a file with another video for it
    # would be a fourth.
    members = _zip_members(content)
    video = next(r["file"] for r in _listing(members) if r["file"].endswith(".webm"))
    members[video] = webm_bytes(6000)
    before = stored_files(private_storage)

    response = _import(client, newcomer, _zip(members), name="e.zip", merge=True)

    assert response.status_code == 400
    assert response.json()["file"] == [f"{video} (attachments.csv row 4): {attachments.TOO_MANY}"]
    assert stored_files(private_storage) == before
    assert Attachment.objects.filter(episode=episode).count() == 3


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda rows, members: rows[0].update(episode="12345"), "is not an episode in this"),
        (lambda rows, members: rows[0].update(file="attachments/nope.jpg"), "is not in the zip"),
        (lambda rows, members: rows[1].update(file=rows[0]["file"]), "is listed twice"),
        (lambda rows, members: rows.pop(), "not listed in attachments.csv"),
    ],
    ids=["unknown-episode", "missing-file", "listed-twice", "not-listed"],
)
def test_a_listing_that_does_not_match_the_zip_is_refused(
    client, journal, private_storage, change, message
):
    members = _zip_members(_export_zip(client, journal))
    rows = _listing(members)
    change(rows, members)
    newcomer = _new_account()

    before = stored_files(private_storage)
    response = _import(client, newcomer, _zip(_with_listing(members, rows)), name="e.zip")

    assert response.status_code == 400
    assert any(message in p for p in response.json()["file"]), response.json()
    _assert_nothing_stored(newcomer, private_storage, before)


def test_another_persons_episode_id_gets_no_file(client, journal, private_storage):
    stranger = UserFactory(username="eve")
    theirs = EpisodeFactory(user=stranger)
    members = _zip_members(_export_zip(client, journal))
    rows = _listing(members)
    rows[0]["episode"] = str(theirs.pk)
    newcomer = _new_account()

    response = _import(client, newcomer, _zip(_with_listing(members, rows)), name="e.zip")

    assert response.status_code == 400
    assert Attachment.objects.filter(episode=theirs).count() == 0


def test_a_zip_bomb_among_the_attachments_is_refused_unopened(client, journal, private_storage):
    members = _zip_members(_export_zip(client, journal))
    video = next(r["file"] for r in _listing(members) if r["file"].endswith(".webm"))
    # Under the video limit, but 40 MB from about 40 KB: no phone clip compresses so.
    members[video] = webm_bytes(64) + bytes(40 * 1024 * 1024)
    newcomer = _new_account()

    before = stored_files(private_storage)
    response = _import(client, newcomer, _zip(members), name="e.zip")

    assert response.status_code == 400
    assert "from almost nothing" in response.json()["file"][0]
    _assert_nothing_stored(newcomer, private_storage, before)


def test_an_attachment_over_the_video_limit_is_refused_before_it_is_read(
    client, journal, private_storage, monkeypatch
):
    monkeypatch.setattr(attachments, "MAX_VIDEO_BYTES", 4000)
    members = _zip_members(_export_zip(client, journal))
    newcomer = _new_account()

    before = stored_files(private_storage)
    response = _import(client, newcomer, _zip(members), name="e.zip")

    assert response.status_code == 400
    assert "too big" in response.json()["file"][0]
    assert response.json()["file"][0].startswith("attachments/")
    _assert_nothing_stored(newcomer, private_storage, before)


def test_many_episodes_with_three_files_each_import(client, private_storage):
    """Thirty files: the old limit of twenty zip members refused this."""
    source = UserFactory(time_zone="Pacific/Auckland")
    for n in range(10):
        episode = EpisodeFactory(user=source, started_at=NOW - dt.timedelta(days=n + 1))
        for size in (2, 3, 4):
            attachments.attachment_add(
                episode=episode, upload=upload("p.png", png_bytes((size + n, size)))
            )
    content = _export_zip(client, source)
    newcomer = _new_account()

    response = _import(client, newcomer, content, name="e.zip")

    assert response.status_code == 201, response.json()
    assert response.json()["attachments"]["added"] == 30
    assert _files(newcomer) == _files(source)


def test_the_zip_limits_refuse_what_is_over_them(client, journal, monkeypatch):
    content = _export_zip(client, journal)
    monkeypatch.setattr(importer, "MAX_ZIP_UPLOAD_BYTES", len(content) - 1)
    newcomer = _new_account()
    response = _import(client, newcomer, content, name="e.zip")
    assert response.status_code == 400
    assert "too big" in response.json()["file"][0]
    monkeypatch.setattr(importer, "MAX_ZIP_UPLOAD_BYTES", len(content))
    monkeypatch.setattr(importer, "MAX_UNCOMPRESSED_BYTES", 1000)
    response = _import(client, newcomer, content, name="e.zip")
    assert "unpacks to more than" in response.json()["file"][0]


# Weekly self-ratings ----------------------------------------------------------------------


def test_bad_self_ratings_are_named_and_nothing_is_stored(client):
    newcomer = _new_account()
    body = {
        "episodes": [],
        "daily_logs": [],
        "self_ratings": [
            {"week_start": "2026-11-17", "severity": 1, "frequency": 1},
            {"week_start": "2026-11-09", "severity": 7, "frequency": 1},
            {"week_start": "2026-11-02", "severity": True, "frequency": [1]},
            {"week_start": "2026-10-26", "severity": 1, "frequency": 1},
            {"week_start": "2026-10-26", "severity": 2, "frequency": 2},
        ],
    }
    response = _import(client, newcomer, json.dumps(body).encode())
    assert response.status_code == 400
    joined = "\n".join(response.json()["file"])
    assert "self_ratings row 1: week_start: A week starts on a Monday" in joined
    assert "self_ratings row 2: severity:" in joined
    assert "self_ratings row 3: severity:" in joined
    assert "self_ratings row 3: frequency:" in joined
    assert "self_ratings row 5: week_start: 2026-10-26 is already in self_ratings row 4" in joined
    assert SelfRating.objects.filter(user=newcomer).count() == 0


def test_a_merge_keeps_a_weeks_own_rating(client, journal):
    content = _export_zip(client, journal)
    newcomer = _new_account()
    SelfRating.objects.create(
        user=newcomer, week_start=dt.date(2026, 11, 16), severity=4, frequency=4
    )

    response = _import(client, newcomer, content, name="e.zip", merge=True)

    assert response.json()["self_ratings"] == {"added": 1, "already_there": 1}
    kept = SelfRating.objects.get(user=newcomer, week_start=dt.date(2026, 11, 16))
    assert (kept.severity, kept.frequency) == (4, 4)


def test_a_journal_with_only_a_rating_is_not_empty(client, journal):
    content = _export_zip(client, journal)
    newcomer = _new_account()
    SelfRating.objects.create(
        user=newcomer, week_start=dt.date(2026, 11, 2), severity=1, frequency=1
    )
    assert _import(client, newcomer, content, name="e.zip").status_code == 409


def test_the_export_lists_attachment_times_in_the_persons_offset(client, journal):
    listing = _export_json(client, journal)["attachments"]
    # Made at 12:00 UTC on 24 November: 01:00 on the 25th in Auckland.
    assert [row["created_at"] for row in listing] == ["2026-11-25T01:00:00+13:00"] * 3
    rows = _listing(_zip_members(_export_zip(client, journal)))
    assert [row["created_at"] for row in rows] == ["2026-11-25T01:00:00+13:00"] * 3


def test_a_zip_uploaded_to_a_temporary_file_is_read_from_it(client, journal, settings):
    """Uploads over FILE_UPLOAD_MAX_MEMORY_SIZE go to disk; the zip is read from there."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    content = _export_zip(client, journal)
    newcomer = _new_account()

    response = _import(client, newcomer, content, name="export.zip")

    assert response.status_code == 201, response.json()
    assert _all_counts(newcomer) == (2, 2, 4, 2, 3)

"""Deleting an account from the settings page: nothing of the person is left behind."""

import datetime as dt
import json
import unicodedata
from io import StringIO

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from guidance.models import Cause
from journal.models import DailyLog, Episode, Profile
from tests.conftest import api_token
from tests.factories import CauseFactory, DailyLogFactory, EpisodeFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"  # tests/factories.py


@pytest.fixture
def person(db):
    person = UserFactory(username="ada")
    EpisodeFactory.create_batch(3, user=person, notes="mine")
    DailyLogFactory(user=person)
    api_token(person)
    AccessLog.objects.create(username="ada", ip_address="127.0.0.1", user_agent="test")
    AccessAttempt.objects.create(
        username="ada", ip_address="127.0.0.1", user_agent="test", failures_since_start=1
    )
    return person


@pytest.fixture
def stranger(db):
    stranger = UserFactory(username="bob")
    EpisodeFactory.create_batch(2, user=stranger)
    DailyLogFactory(user=stranger)
    api_token(stranger)
    AccessLog.objects.create(username="bob", ip_address="127.0.0.1", user_agent="test")
    return stranger


@pytest.fixture
def signed_in(client, person):
    client.force_login(person)
    return client


def rows_of(user_id: int, username: str) -> dict[str, int]:
    return {
        "user": User.objects.filter(pk=user_id).count(),
        "profile": Profile.objects.filter(user_id=user_id).count(),
        "episodes": Episode.objects.filter(user_id=user_id).count(),
        "daily_logs": DailyLog.objects.filter(user_id=user_id).count(),
        "token": AuthToken.objects.filter(user_id=user_id).count(),
        "access_logs": AccessLog.objects.filter(username=username).count(),
        "access_attempts": AccessAttempt.objects.filter(username=username).count(),
        "sessions": sum(
            1 for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user_id)
        ),
    }


def test_the_page_asks_for_the_password(signed_in):
    response = signed_in.get(reverse("journal:account_delete"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="password"' in html
    assert 'autocomplete="current-password"' in html
    assert "Delete my account and all my data" in html


def test_the_settings_page_links_to_export_and_deletion(signed_in):
    html = signed_in.get(reverse("account_settings")).content.decode()

    assert reverse("journal:export_json") in html
    assert reverse("journal:export_csv") in html
    assert reverse("journal:account_delete") in html


def test_deleting_leaves_no_row_of_the_person_and_touches_no_one_else(signed_in, person, stranger):
    other_browser = Client()
    other_browser.force_login(person)
    stranger_browser = Client()
    stranger_browser.force_login(stranger)
    before_stranger = rows_of(stranger.pk, "bob")

    response = signed_in.post(reverse("journal:account_delete"), {"password": PASSWORD})

    assert response.status_code == 302
    assert response.url == "/"
    assert rows_of(person.pk, "ada") == dict.fromkeys(before_stranger, 0)
    assert rows_of(stranger.pk, "bob") == before_stranger


def test_after_deleting_the_person_is_logged_out_and_told(signed_in, person):
    response = signed_in.post(
        reverse("journal:account_delete"), {"password": PASSWORD}, follow=True
    )

    assert "Your account and all your data are deleted." in response.content.decode()
    assert not response.context["user"].is_authenticated
    assert signed_in.get(reverse("journal:report")).status_code == 302


def test_a_deleted_person_cannot_log_in(signed_in):
    signed_in.post(reverse("journal:account_delete"), {"password": PASSWORD})
    browser = Client()

    response = browser.post(reverse("login"), {"username": "ada", "password": PASSWORD})

    assert response.status_code == 200  # the log-in form again, with its error
    assert "_auth_user_id" not in browser.session


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("not my password", "That password is not right. Nothing was deleted."),
        ("", "Type your password to confirm. Nothing was deleted."),
    ],
)
def test_a_wrong_or_missing_password_deletes_nothing(signed_in, person, password, message):
    before = rows_of(person.pk, "ada")

    response = signed_in.post(reverse("journal:account_delete"), {"password": password})

    assert response.status_code == 400
    assert message in response.content.decode()
    after = rows_of(person.pk, "ada")
    # A wrong guess is counted like a failed log-in (see the next test); all else stays.
    after.pop("access_attempts"), before.pop("access_attempts")
    assert after == before
    assert signed_in.get(reverse("journal:report")).status_code == 200


def test_wrong_passwords_count_as_failed_log_ins_so_guessing_is_slowed(signed_in, person):
    AccessAttempt.objects.all().delete()

    signed_in.post(reverse("journal:account_delete"), {"password": "guess one"})
    signed_in.post(reverse("journal:account_delete"), {"password": "guess two"})

    assert AccessAttempt.objects.get(username="ada").failures_since_start == 2


def test_an_anonymous_person_is_sent_to_log_in(client):
    for method in (client.get, client.post):
        response = method(reverse("journal:account_delete"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


# Erasure leaves nothing, in any table ----------------------------------------------------

NOW = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
#: Typed at log-in by the person or by someone guessing: axes keeps what was typed.
SPELLINGS = ["Zelda_Quill", "zelda_quill", "ZELDA_QUILL", "  Zelda_Quill ", "\tzelda_QUILL\n"]
NOTE = "zq-private-note-7731"
#: Every table that holds something of a person's.
EVERY_KIND = {
    "auth.user", "journal.profile", "journal.episode", "journal.dailylog", "knox.authtoken",
    "sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog",
    "admin.logentry", "guidance.historicalcause",
}  # fmt: skip


def login_records(username: str, *, ip: str = "192.0.2.7") -> None:
    """One row in each of axes' tables under ``username``."""
    common = {"username": username, "ip_address": ip, "user_agent": f"agent {username!r}"}
    AccessAttempt.objects.create(
        **common, get_data="", post_data=f"username={username}", failures_since_start=1
    )
    AccessLog.objects.create(**common)
    AccessFailureLog.objects.create(**common)


def someone_with_everything(username: str, *, expired_session: bool = True) -> User:
    """An account with every kind of data TwitchCare keeps about a person.

    Erasure clears everyone's expired sessions (they open nothing), so a bystander's data to
    compare before and after is made without one.
    """
    person = UserFactory(username=username, email=f"{username.lower()}@example.com")
    EpisodeFactory.create_batch(2, user=person, notes=f"{NOTE} of {username}")
    DailyLogFactory(user=person, notes=f"{NOTE} of {username}")
    api_token(person)
    AuthToken.objects.create(user=person, expiry=-dt.timedelta(days=1))  # expired, not swept
    live = Client()
    live.force_login(person)
    if expired_session:
        expired = SessionStore()
        expired.update({SESSION_KEY: str(person.pk)})
        expired.set_expiry(NOW - dt.timedelta(days=3))
        expired.save()
    # An editor's guidance edits are kept, without their name.
    CauseFactory().history.update(history_user=person)
    boss = User.objects.get_or_create(username="boss", is_staff=True, is_superuser=True)[0]
    LogEntry.objects.create(
        user=boss,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(person.pk),
        object_repr=str(person),
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Email address"]}}]',
    )
    return person


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def rows_naming(user_id: int, username: str, email: str) -> list[tuple[str, object]]:
    """Every row in every table (as ``dumpdata`` sees them) that belongs to or names the person:
    their user row, rows pointing at it, admin entries about it, their sessions, and rows with
    a text field equal to their username in any spelling, or holding their e-mail or notes."""
    dump = StringIO()
    call_command("dumpdata", format="json", stdout=dump)
    user_type = ContentType.objects.get_for_model(User).pk
    found = []
    for row in json.loads(dump.getvalue()):
        model, fields = apps.get_model(row["model"]), row["fields"]
        points_at_them = any(
            field.related_model is User and fields.get(field.name) == user_id
            for field in model._meta.concrete_fields
            if field.is_relation
        )
        texts = [value for value in fields.values() if isinstance(value, str)]
        names_them = any(
            fold(text) == fold(username) or email in text or f"{NOTE} of {username}" in text
            for text in texts
        )
        if (
            (model is User and row["pk"] == user_id)
            or points_at_them
            or names_them
            or (
                model is LogEntry
                and fields["content_type"] == user_type
                and fields["object_id"] == str(user_id)
            )
            or (
                model is Session
                and SessionStore().decode(fields["session_data"]).get(SESSION_KEY) == str(user_id)
            )
        ):
            found.append((row["model"], row["pk"]))
    return sorted(found, key=str)


def delete_on_the_page(person) -> None:
    browser = Client()
    browser.force_login(person)
    response = browser.post(reverse("journal:account_delete"), {"password": PASSWORD})
    assert response.status_code == 302


def delete_through_the_api(person) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(person)}")
    response = client.delete("/api/account/", {"password": PASSWORD}, format="json")
    assert response.status_code == 204


@pytest.mark.parametrize("delete", [delete_on_the_page, delete_through_the_api])
def test_erasure_leaves_no_row_that_belongs_to_or_names_the_person(delete):
    with time_machine.travel(NOW, tick=False):
        zelda = someone_with_everything("Zelda_Quill")
        for spelling in SPELLINGS:
            login_records(spelling)
        bob = someone_with_everything("bob", expired_session=False)
        login_records("BOB")
        # Someone else whose name merely contains hers.
        login_records("zelda_quill2")
        zelda_id, zelda_email = zelda.pk, zelda.email
        theirs = rows_naming(bob.pk, "bob", bob.email)
        hers = rows_naming(zelda_id, "Zelda_Quill", zelda_email)
        assert {model for model, _pk in hers} >= EVERY_KIND

        delete(zelda)

        assert rows_naming(zelda_id, "Zelda_Quill", zelda_email) == []
        assert rows_naming(bob.pk, "bob", bob.email) == theirs
        assert AccessLog.objects.filter(username="zelda_quill2").count() == 1
        # The editor's guidance history stays, without her.
        assert Cause.history.filter(history_user__isnull=True).count() == 1

"""API tokens after they are issued: stored hashed, expiring, revoked by log-out, by log-out
everywhere and by any password change (twitchcare/tokens.py, journal/api/auth.py)."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.urls import reverse
from knox.crypto import hash_token
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.conftest import api_token
from tests.factories import EpisodeFactory, UserFactory

pytestmark = pytest.mark.django_db

TOKEN = reverse("api-token")
LOGOUT = reverse("api-logout")
LOGOUT_ALL = reverse("api-logout-all")
EPISODES = reverse("api-episode-list")
PASSWORD = "correct horse battery"  # tests/factories.py
NEW_PASSWORD = "a brand new phrase 42"
NOW = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def client_with(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def works(token: str) -> bool:
    status = client_with(token).get(EPISODES).status_code
    assert status in (200, 401), status
    return status == 200


def log_in(user) -> str:
    response = APIClient().post(
        TOKEN, {"username": user.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    return response.json()["token"]


# Stored hashed ---------------------------------------------------------------------------


def test_the_database_never_holds_a_token_only_its_digest(user):
    token = log_in(user)

    stored = AuthToken.objects.get(user=user)
    assert stored.digest == hash_token(token)
    assert stored.digest != token
    everything = StringIO()
    call_command("dumpdata", stdout=everything)
    assert stored.digest in everything.getvalue()  # the dump does hold the token table
    assert token not in everything.getvalue()
    # Knox keeps the first 15 characters in clear to find a token; 196 secret bits remain.
    assert token[15:] not in everything.getvalue()


def test_a_made_up_token_or_one_that_is_not_text_is_a_401(user):
    api_token(user)

    for header in ("Token 0123456789abcdef", "Token \xff\xfe\xfd", "Token " + "0" * 64):
        response = APIClient().get(EPISODES, HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header
        assert response.json() == {"detail": "Invalid token."}


# Expiry --------------------------------------------------------------------------------


def test_a_token_works_until_its_expiry_and_then_is_a_401_and_gone(user):
    with time_machine.travel(NOW, tick=False):
        token = log_in(user)
    expiry = NOW + dt.timedelta(days=30)

    with time_machine.travel(expiry - dt.timedelta(seconds=1), tick=False):
        assert works(token)
    with time_machine.travel(expiry, tick=False):
        response = client_with(token).get(EPISODES)
        assert response.status_code == 401
        assert response.json() == {"detail": "Invalid token."}
        assert not AuthToken.objects.filter(user=user).exists()


def test_the_lifetime_is_a_setting(user, settings):
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_TTL": dt.timedelta(days=2)}

    with time_machine.travel(NOW, tick=False):
        token = log_in(user)
        assert AuthToken.objects.get(user=user).expiry == NOW + dt.timedelta(days=2)
    with time_machine.travel(NOW + dt.timedelta(days=2), tick=False):
        assert not works(token)


def test_a_new_log_in_sweeps_away_the_persons_expired_tokens(user, other_user):
    with time_machine.travel(NOW, tick=False):
        log_in(user)
        log_in(other_user)
    with time_machine.travel(NOW + dt.timedelta(days=31), tick=False):
        fresh = log_in(user)
        assert list(AuthToken.objects.filter(user=user)) == [
            AuthToken.objects.get(digest=hash_token(fresh))
        ]
        # Someone else's expired token is theirs to sweep.
        assert AuthToken.objects.filter(user=other_user).count() == 1


# Log-out ----------------------------------------------------------------------------------


def test_logging_out_revokes_that_token_only(user):
    phone, laptop = log_in(user), log_in(user)

    response = client_with(phone).post(LOGOUT)

    assert response.status_code == 204
    assert not works(phone)
    assert works(laptop)
    assert client_with(phone).post(LOGOUT).status_code == 401


def test_logging_out_everywhere_revokes_every_token_of_the_person_and_no_one_elses(
    user, other_user
):
    phone, laptop = log_in(user), log_in(user)
    theirs = log_in(other_user)

    response = client_with(phone).post(LOGOUT_ALL)

    assert response.status_code == 204
    assert not works(phone)
    assert not works(laptop)
    assert works(theirs)
    assert not AuthToken.objects.filter(user=user).exists()


def test_logging_out_everywhere_works_from_a_browser_session_too(user):
    token = log_in(user)
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(user)

    without_csrf = browser.post(LOGOUT_ALL)
    assert without_csrf.status_code == 403
    assert works(token)

    browser.get(reverse("account_settings"))  # sets the CSRF cookie
    response = browser.post(LOGOUT_ALL, HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value)
    assert response.status_code == 204
    assert not works(token)


@pytest.mark.parametrize("address", [LOGOUT, LOGOUT_ALL])
def test_logging_out_without_credentials_is_a_401(address):
    response = APIClient().post(address)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_logging_out_a_token_needs_the_token_not_a_session(user):
    token = log_in(user)
    browser = APIClient()
    browser.force_login(user)

    assert browser.post(LOGOUT).status_code == 401
    assert works(token)


@pytest.mark.parametrize("address", [LOGOUT, LOGOUT_ALL])
def test_log_out_answers_only_post(user, address):
    token = log_in(user)

    assert client_with(token).get(address).status_code == 405
    assert works(token)


# Password changes ---------------------------------------------------------------------------


@pytest.fixture
def tokens(user, other_user):
    """Two devices of the person's and one of someone else's."""
    return {"mine": [log_in(user), log_in(user)], "theirs": log_in(other_user)}


def assert_revoked(tokens) -> None:
    assert not any(works(token) for token in tokens["mine"])
    assert works(tokens["theirs"])


def test_changing_the_password_on_the_site_revokes_every_token(user, tokens):
    browser = Client()
    browser.force_login(user)

    response = browser.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert_revoked(tokens)


def test_resetting_the_password_revokes_every_token(user, tokens):
    key = default_token_generator.make_token(user)
    link = reverse(
        "account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(user), "key": key}
    )
    browser = Client()
    form_page = browser.get(link, follow=True)

    response = browser.post(
        form_page.redirect_chain[-1][0],
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert User.objects.get(pk=user.pk).check_password(NEW_PASSWORD)
    assert_revoked(tokens)


def test_an_administrator_setting_the_password_revokes_every_token(user, tokens):
    admin = Client()
    admin.force_login(User.objects.create_superuser("boss", "boss@example.com", "pw"))

    response = admin.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )

    assert response.status_code == 302
    assert User.objects.get(pk=user.pk).check_password(NEW_PASSWORD)
    assert_revoked(tokens)


def test_setting_the_password_in_code_revokes_every_token(user, tokens):
    # As manage.py changepassword and a shell do.
    person = User.objects.get(pk=user.pk)
    person.set_password(NEW_PASSWORD)
    person.save()

    assert_revoked(tokens)


def test_other_changes_to_the_account_revoke_nothing(user, tokens):
    person = User.objects.get(pk=user.pk)
    person.email = "new@example.com"
    person.save()
    browser = Client()
    browser.post(reverse("login"), {"login": user.username, "password": PASSWORD})
    EpisodeFactory(user=user)

    assert "_auth_user_id" in browser.session
    assert all(works(token) for token in tokens["mine"])


def test_a_log_in_that_rehashes_the_same_password_revokes_nothing(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    person = UserFactory()
    User.objects.filter(pk=person.pk).update(password=_md5(PASSWORD))
    token = api_token(person)

    second = log_in(person)  # Django upgrades the hash to PBKDF2 here

    assert User.objects.get(pk=person.pk).password.startswith("pbkdf2_sha256$")
    assert works(token)
    assert works(second)


def _md5(password: str) -> str:
    from django.contrib.auth.hashers import MD5PasswordHasher

    hasher = MD5PasswordHasher()
    return hasher.encode(password, hasher.salt())


# The old plain-text tokens -----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_migrating_drops_the_old_plain_text_tokens_and_forgets_their_app():
    with connection.schema_editor() as editor:
        editor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY)")
        editor.execute("INSERT INTO authtoken_token (key) VALUES ('plain-text-token')")
    ContentType.objects.create(app_label="authtoken", model="token")
    MigrationRecorder(connection).record_applied("authtoken", "0001_initial")
    executor = MigrationExecutor(connection)
    executor.migrate([("twitchcare", None)])  # back before the drop (which undoes nothing)
    executor.loader.build_graph()

    executor.migrate([("twitchcare", "0001_drop_plain_text_api_tokens")])

    assert "authtoken_token" not in connection.introspection.table_names()
    assert not ContentType.objects.filter(app_label="authtoken").exists()
    assert not MigrationRecorder(connection).migration_qs.filter(app="authtoken").exists()

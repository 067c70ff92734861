"""Deleting an account from the settings page: nothing of the person is left behind."""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

from journal.models import DailyLog, Episode, Profile
from tests.conftest import api_token
from tests.factories import DailyLogFactory, EpisodeFactory, UserFactory

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

import logging

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests.conftest import api_token

pytestmark = pytest.mark.django_db

GOOD = {
    "username": "ada",
    "email": "",
    "password1": "a long and private phrase",
    "password2": "a long and private phrase",
    "time_zone": "Pacific/Auckland",
    "consent": "on",
}


def test_signup_keeps_the_consent_time_and_time_zone(client):
    response = client.post(reverse("signup"), GOOD)

    assert response.status_code == 302
    profile = User.objects.get(username="ada").profile
    assert profile.health_data_consent_at is not None
    assert profile.time_zone == "Pacific/Auckland"


def test_signup_without_consent_stores_nothing(client):
    response = client.post(reverse("signup"), {**GOOD, "consent": ""})

    assert response.status_code == 200
    assert "only keep a journal for you if you agree" in response.content.decode()
    assert not User.objects.exists()


def test_consent_box_is_not_ticked_by_default(client):
    html = client.get(reverse("signup")).content.decode()

    assert 'name="consent"' in html
    consent_input = html[html.index('name="consent"') - 200 : html.index('name="consent"') + 200]
    assert "checked" not in consent_input


def test_signup_refuses_an_unknown_time_zone(client):
    response = client.post(reverse("signup"), {**GOOD, "time_zone": "Mars/Olympus"})

    assert response.status_code == 200
    assert "not a time zone we know" in response.content.decode()
    assert not User.objects.exists()


def test_settings_changes_the_time_zone(signed_in_client, user):
    response = signed_in_client.post(
        reverse("account_settings"),
        {"time_zone": "America/Los_Angeles", "reminder_time": "20:00"},
    )

    assert response.status_code == 302
    user.profile.refresh_from_db()
    assert user.profile.time_zone == "America/Los_Angeles"
    assert signed_in_client.session["tz"] == "America/Los_Angeles"


def test_settings_sends_an_anonymous_person_to_log_in(client):
    response = client.get(reverse("account_settings"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_failed_login_is_logged_without_the_password(client, user, caplog):
    with caplog.at_level(logging.INFO, logger="twitchcare.auth"):
        client.post(reverse("login"), {"login": user.username, "password": "wrong-secret-xyz"})

    assert "login failed" in caplog.text
    assert user.username in caplog.text
    assert "wrong-secret-xyz" not in caplog.text


def test_password_reset_sends_a_link_that_sets_a_new_password(client, user, mailoutbox):
    client.post(reverse("password_reset"), {"email": user.email})

    assert len(mailoutbox) == 1
    marker = "/accounts/password/reset/key/"
    link = next(line for line in mailoutbox[0].body.splitlines() if marker in line)
    path = link[link.index(marker) :].strip()
    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"password1": "a brand new phrase 42", "password2": "a brand new phrase 42"},
        follow=True,
    )
    assert "Your password is changed" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password("a brand new phrase 42")


def test_a_used_reset_link_says_so(client, user):
    response = client.get(reverse("account_reset_password_from_key", args=["1", "bad-token"]))

    assert "expired or was already used" in response.content.decode()


# Sign out everywhere ----------------------------------------------------------------------


def test_the_settings_page_offers_to_sign_out_everywhere(signed_in_client):
    html = signed_in_client.get(reverse("account_settings")).content.decode()

    assert f'action="{reverse("sign_out_everywhere")}"' in html
    assert "Sign out everywhere" in html


def test_signing_out_everywhere_ends_every_session_and_token_of_the_person_only(user, other_user):
    here, there, theirs = Client(), Client(), Client()
    here.force_login(user)
    there.force_login(user)
    theirs.force_login(other_user)
    token, their_token = api_token(user), api_token(other_user)

    response = here.post(reverse("sign_out_everywhere"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("login")
    assert "You are signed out on every device and app." in response.content.decode()
    for browser in (here, there):
        assert browser.get(reverse("account_settings")).status_code == 302
    assert theirs.get(reverse("account_settings")).status_code == 200
    episodes = reverse("api-episode-list")
    assert APIClient(HTTP_AUTHORIZATION=f"Token {token}").get(episodes).status_code == 401
    assert APIClient(HTTP_AUTHORIZATION=f"Token {their_token}").get(episodes).status_code == 200


def test_signing_out_everywhere_takes_only_a_post(signed_in_client):
    response = signed_in_client.get(reverse("sign_out_everywhere"))

    assert response.status_code == 405
    assert signed_in_client.get(reverse("account_settings")).status_code == 200


def test_signing_out_everywhere_sends_an_anonymous_person_to_log_in(client):
    response = client.post(reverse("sign_out_everywhere"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

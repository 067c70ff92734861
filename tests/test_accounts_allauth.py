"""Accounts on django-allauth: sign-up, e-mail verification, two-factor sign-in with an
authenticator app and recovery codes, the lock-out counting wrong codes, and what the
settings page says. Codes are computed with allauth.mfa's own TOTP helpers (no pyotp)."""

import datetime as dt
import re
import time

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from journal.models import Profile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"  # UserFactory's
START = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def code_now(secret: str) -> str:
    """The authenticator app's code at this moment (time_machine moves the clock)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def with_totp(user, secret: str = SECRET) -> list[str]:
    """Turn the authenticator app on for ``user``; return their recovery codes."""
    TOTP.activate(user, secret)
    return RecoveryCodes.activate(user).get_unused_codes()


def log_in(client, user, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"login": user.username, "password": password}, **extra)


def link_in(message, marker: str) -> str:
    line = next(line for line in message.body.splitlines() if marker in line)
    return line[line.index(marker) :].strip()


# The whole journey ---------------------------------------------------------------------------


def test_sign_up_verify_e_mail_turn_on_two_factor_and_log_in_with_a_code_and_a_recovery_code(
    client, mailoutbox
):
    with time_machine.travel(START, tick=False) as clock:
        # Sign up: a username, one password, an e-mail, the time zone and consent.
        response = client.post(
            reverse("signup"),
            {
                "username": "ada",
                "password1": "a long and private phrase",
                "email": "ada@example.com",
                "time_zone": "Europe/London",
                "consent": "on",
            },
        )
        assert response.status_code == 302
        assert response.url == reverse("journal:start")  # the short start first
        ada = User.objects.get(username="ada")
        assert Profile.objects.get(user=ada).health_data_consent_at == START
        address = EmailAddress.objects.get(user=ada)
        assert (address.email, address.primary, address.verified) == (
            "ada@example.com",
            True,
            False,
        )

        # Verify the e-mail by the link sent to it.
        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == ["ada@example.com"]
        link = link_in(mailoutbox[0], "/accounts/confirm-email/")
        assert client.get(link).status_code == 200
        client.post(link)
        assert EmailAddress.objects.get(user=ada).verified

        # Turn on the authenticator app: first the password again (a sensitive change),
        # then the page shows a secret, and a code from the app confirms it.
        page = client.get(reverse("mfa_activate_totp"))
        assert page.url.startswith(reverse("account_reauthenticate"))
        client.post(page.url, {"password": "a long and private phrase"})
        page = client.get(reverse("mfa_activate_totp"))
        assert page.status_code == 200
        secret = client.session["mfa.totp.secret"]
        assert secret in page.content.decode()
        response = client.post(reverse("mfa_activate_totp"), {"code": code_now(secret)})
        assert response.status_code == 302
        assert Authenticator.objects.filter(user=ada, type=Authenticator.Type.TOTP).exists()
        codes = (
            Authenticator.objects.get(user=ada, type=Authenticator.Type.RECOVERY_CODES)
            .wrap()
            .get_unused_codes()
        )
        assert len(codes) == 10
        settings_page = client.get(reverse("account_settings")).content.decode()
        assert "Authenticator app: <strong>on</strong>" in settings_page
        assert "Recovery codes left: <strong>10</strong>" in settings_page
        assert "Keep your recovery codes somewhere safe" in settings_page

        # Log out; log in again: the password alone is not enough.
        client.post(reverse("logout"))
        assert SESSION_KEY not in client.session
        clock.shift(dt.timedelta(seconds=60))
        response = log_in(client, ada, password="a long and private phrase")
        assert response.status_code == 302
        assert response.url == reverse("mfa_authenticate")
        assert SESSION_KEY not in client.session
        response = client.post(reverse("mfa_authenticate"), {"code": code_now(secret)})
        assert response.status_code == 302
        assert client.session[SESSION_KEY] == str(ada.pk)

        # Phone lost: log in with a recovery code instead; it works once.
        client.post(reverse("logout"))
        log_in(client, ada, password="a long and private phrase")
        response = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
        assert response.status_code == 302
        assert client.session[SESSION_KEY] == str(ada.pk)
        left = Authenticator.objects.get(user=ada, type=Authenticator.Type.RECOVERY_CODES)
        assert codes[0] not in left.wrap().get_unused_codes()

        client.post(reverse("logout"))
        log_in(client, ada, password="a long and private phrase")
        again = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
        assert again.status_code == 200
        assert SESSION_KEY not in client.session


def test_two_factor_can_be_turned_off_again(client, user):
    with_totp(user)
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    response = client.post(reverse("mfa_deactivate_totp"))

    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=user).exists()
    assert "Two-factor sign-in is <strong>off</strong>" in (
        client.get(reverse("account_settings")).content.decode()
    )


# Wrong codes and the lock-out ----------------------------------------------------------------


def test_a_wrong_code_is_refused_and_counted_toward_the_lock_out(client, user):
    with_totp(user)
    with time_machine.travel(START, tick=False):
        assert log_in(client, user).url == reverse("mfa_authenticate")

        wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})

        assert wrong.status_code == 200
        assert "Incorrect code" in wrong.content.decode()
        assert SESSION_KEY not in client.session
        assert AccessAttempt.objects.get(username=user.username).failures_since_start == 1


def test_wrong_passwords_and_wrong_codes_together_lock_the_account_from_that_address(client, user):
    with_totp(user)
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(3):
            log_in(client, user, password="wrong")
        log_in(client, user)
        client.post(reverse("mfa_authenticate"), {"code": "000000"})
        fifth = client.post(reverse("mfa_authenticate"), {"code": "111111"})

        assert fifth.status_code == 429
        assert "Too many log-in attempts" in fifth.content.decode()
        # Locked: neither the right code nor the right password gets in now.
        assert client.post(reverse("mfa_authenticate"), {"code": code_now(SECRET)}).status_code in (
            302,
            429,
        )
        assert SESSION_KEY not in client.session
        assert log_in(Client(), user).status_code == 429  # same address, new browser

        # Another address is not locked out (one stranger cannot lock the owner out).
        elsewhere = Client()
        assert log_in(elsewhere, user, REMOTE_ADDR="192.0.2.9").status_code == 302

        # The lock lifts after the cool-off.
        clock.shift(dt.timedelta(minutes=31))
        assert log_in(client, user).url == reverse("mfa_authenticate")
        clock.shift(dt.timedelta(seconds=30))
        client.post(reverse("mfa_authenticate"), {"code": code_now(SECRET)})
        assert client.session[SESSION_KEY] == str(user.pk)


def test_a_locked_out_person_cannot_keep_trying_codes(client, user):
    with_totp(user)
    with time_machine.travel(START, tick=False):
        log_in(client, user)
        answers = [
            client.post(reverse("mfa_authenticate"), {"code": f"{n:06d}"}).status_code
            for n in range(7)
        ]
        right = client.post(reverse("mfa_authenticate"), {"code": code_now(SECRET)})

    assert answers == [200, 200, 200, 200, 429, 429, 429]
    assert right.status_code == 429
    assert SESSION_KEY not in client.session


def test_wrong_codes_are_logged_without_the_code(client, user, caplog):
    with_totp(user)
    with time_machine.travel(START, tick=False):
        log_in(client, user)
        with caplog.at_level("INFO", logger="twitchcare.auth"):
            client.post(reverse("mfa_authenticate"), {"code": "424242"})

    assert "two-factor code refused" in caplog.text
    assert "424242" not in caplog.text


# E-mail --------------------------------------------------------------------------------------


def test_an_e_mail_can_be_added_later_and_verified(client, user, mailoutbox):
    User.objects.filter(pk=user.pk).update(email="")
    client.force_login(user)

    client.post(reverse("account_email"), {"action_add": "", "email": "later@example.com"})

    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified) == ("later@example.com", False)
    client.post(link_in(mailoutbox[-1], "/accounts/confirm-email/"))
    assert EmailAddress.objects.get(user=user).verified


def test_an_e_mail_can_be_changed_and_the_new_one_verified(client, mailoutbox):
    person = UserFactory(email_verified=True)
    client.force_login(person)

    client.post(reverse("account_email"), {"action_add": "", "email": "new@example.com"})
    client.post(link_in(mailoutbox[-1], "/accounts/confirm-email/"))

    assert list(EmailAddress.objects.filter(user=person).values_list("email", "verified")) == [
        ("new@example.com", True)
    ]


@pytest.mark.parametrize(
    ("email_verified", "says"),
    [
        (None, "you have no e-mail address"),
        (False, "is not confirmed yet"),
    ],
)
def test_the_settings_page_says_why_reminders_cannot_be_sent(client, email_verified, says):
    person = UserFactory(email_verified=email_verified)
    Profile.objects.filter(user=person).update(reminders_enabled=True)
    client.force_login(person)

    html = client.get(reverse("account_settings")).content.decode()

    assert "Reminders cannot be sent" in html
    assert says in html


def test_the_settings_page_says_nothing_is_wrong_with_a_confirmed_address(client):
    person = UserFactory(email_verified=True)
    Profile.objects.filter(user=person).update(reminders_enabled=True)
    client.force_login(person)

    html = client.get(reverse("account_settings")).content.decode()

    assert "Reminders cannot be sent" not in html
    assert "Reminders and password resets go to this address." in html


def test_turning_reminders_on_without_a_confirmed_address_warns(client):
    person = UserFactory(email_verified=False)
    client.force_login(person)

    response = client.post(
        reverse("account_settings"),
        {"time_zone": "UTC", "reminders_enabled": "on", "reminder_time": "20:00"},
        follow=True,
    )

    html = response.content.decode()
    assert "reminders cannot be sent until you add an e-mail address and confirm it" in html
    assert "Your settings are saved." not in html


@pytest.mark.parametrize("two_factor", [False, True])
def test_the_settings_page_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, two_factor
):
    person = UserFactory(email_verified=True)
    if two_factor:
        with_totp(person)
    client.force_login(person)
    client.get(reverse("account_settings"))  # the session's refresh and time zone settle

    with django_assert_num_queries(6):
        assert client.get(reverse("account_settings")).status_code == 200


# Sign-up -------------------------------------------------------------------------------------


def test_sign_up_asks_only_what_it_needs_in_plain_words(client):
    html = client.get(reverse("signup")).content.decode()

    assert re.findall(r'<input[^>]*name="(\w+)"', html) == [
        "csrfmiddlewaretoken",
        "username",
        "password1",
        "email",
        "time_zone",
        "consent",
    ]
    assert "150 characters or fewer" not in html
    assert "@/./+/-/_" not in html
    assert "too similar to your other personal information" not in html
    assert "At least 8 characters." in html
    assert 'data-show-password="true"' in html
    assert "js/show_password.js" in html
    assert "<script>" not in html  # no inline script: the CSP allows none


def test_the_consent_box_is_unticked_and_required(client):
    html = client.get(reverse("signup")).content.decode()
    box = re.search(r"<input[^>]*name=\"consent\"[^>]*>", html).group(0)
    assert "checked" not in box

    response = client.post(
        reverse("signup"),
        {"username": "bo", "password1": "a long and private phrase", "time_zone": "UTC"},
    )

    assert response.status_code == 200
    assert "We can only keep a journal for you if you agree." in response.content.decode()
    assert not User.objects.filter(username="bo").exists()


def test_a_username_taken_in_another_case_is_refused(client, user):
    response = client.post(
        reverse("signup"),
        {
            "username": user.username.upper(),
            "password1": "a long and private phrase",
            "time_zone": "UTC",
            "consent": "on",
        },
    )

    assert response.status_code == 200
    assert User.objects.filter(username__iexact=user.username).count() == 1


def test_log_in_works_with_the_e_mail_address_too(client):
    person = UserFactory(email_verified=True)

    response = client.post(reverse("login"), {"login": person.email, "password": PASSWORD})

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(person.pk)


def test_wrong_passwords_typed_with_the_e_mail_count_for_the_account(client):
    person = UserFactory(email_verified=True)
    for _ in range(5):
        client.post(reverse("login"), {"login": person.email.upper(), "password": "wrong"})

    assert log_in(client, person).status_code == 429


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/accounts/password_reset/", "/accounts/password/reset/"),
        ("/accounts/password_change/", "/accounts/password/change/"),
    ],
)
def test_the_old_addresses_lead_to_the_new_pages(client, old, new):
    response = client.get(old + "?next=/")

    assert response.status_code == 302
    assert response.url == new + "?next=/"


@pytest.mark.parametrize(
    "name", ["login", "signup", "account_reset_password", "account_login", "account_signup"]
)
def test_the_account_pages_answer(client, name):
    assert client.get(reverse(name)).status_code == 200


# The API's registration ----------------------------------------------------------------------


def test_registering_through_the_api_keeps_consent_and_an_unconfirmed_address(api_client):
    with time_machine.travel(START, tick=False):
        response = api_client.post(
            reverse("api-register"),
            {"username": "cy", "password": "a long and private phrase", "email": "cy@example.com"},
            format="json",
        )

    assert response.status_code == 201
    cy = User.objects.get(username="cy")
    assert cy.profile.health_data_consent_at == START
    assert list(
        EmailAddress.objects.filter(user=cy).values_list("email", "primary", "verified")
    ) == [("cy@example.com", True, False)]


def test_signing_out_everywhere_then_logging_in_again_works(client, user):
    elsewhere = Client()
    elsewhere.force_login(user)
    client.force_login(user)

    client.post(reverse("sign_out_everywhere"))

    assert elsewhere.get(reverse("account_settings")).status_code == 302
    assert log_in(client, user).status_code == 302
    assert client.get(reverse("account_settings")).status_code == 200


def test_the_passkey_page_opens_after_the_password_again(client, user):
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    response = client.get(reverse("mfa_add_webauthn"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="application/json"' in html  # data for the static script, no inline code
    assert "<script>" not in html

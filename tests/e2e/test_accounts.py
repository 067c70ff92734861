"""The account journey in a phone-sized browser (390 px): sign up with an e-mail, confirm it
by its link, turn on two-factor sign-in, log out, log in with a code from the authenticator
app, then with a recovery code; axe finds no violations on any account page on the way."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth.models import User
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from tests.e2e.test_accessibility import AxeChecker

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.parametrize("viewport", [PHONE], ids=["phone"]),
]

PHRASE = "a long and private phrase"


def code_now(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def log_in_with_password(page, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_login").fill("sam")
    page.locator("#id_password").fill(PHRASE)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/accounts/2fa/authenticate/")


def test_sign_up_confirm_e_mail_two_factor_code_and_recovery_code(page, live_server):
    base = live_server.url
    page.set_default_timeout(30000)  # a long journey on a busy machine
    axe = AxeChecker(page, base, "light")
    mail.outbox = []

    # Sign up; the password can be shown; the time zone comes from the browser.
    page.goto(f"{base}/accounts/signup/")
    axe.check("sign-up")
    page.get_by_label("Username").fill("sam")
    page.locator("#id_password1").fill(PHRASE)
    page.get_by_role("button", name="Show password").click()
    expect(page.locator("#id_password1")).to_have_attribute("type", "text")
    page.get_by_role("button", name="Hide password").click()
    expect(page.locator("#id_password1")).to_have_attribute("type", "password")
    page.get_by_label("Email (optional)").fill("sam@example.com")
    page.get_by_role("checkbox", name="I agree that TwitchCare stores").check()
    page.get_by_role("button", name="Create my journal").click()
    page.wait_for_url(f"{base}/start/")

    # The settings say reminders cannot go to an unconfirmed address.
    page.goto(f"{base}/accounts/settings/")
    expect(page.get_by_text("Not confirmed")).to_be_visible()
    axe.check("settings, e-mail not confirmed")

    # Confirm the e-mail by its link.
    [message] = mail.outbox
    link = re.search(r"http\S+/accounts/confirm-email/\S+", message.body).group(0)
    page.goto(link.replace("http://testserver", base).replace("http://127.0.0.1:8000", base))
    axe.check("confirm e-mail")
    page.get_by_role("button", name="Confirm").click()
    page.goto(f"{base}/accounts/email/")
    axe.check("e-mail page")
    page.goto(f"{base}/accounts/settings/")
    expect(page.get_by_text("Confirmed", exact=True)).to_be_visible()

    # Turn on the authenticator app: the password again, then a code from the app.
    page.get_by_role("link", name="Set up two-factor sign-in").click()
    axe.check("two-factor index")
    page.goto(f"{base}/accounts/2fa/totp/activate/")
    axe.check("re-authenticate")
    page.locator("#id_password").fill(PHRASE)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{base}/accounts/2fa/totp/activate/")
    axe.check("activate the authenticator app")
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(code_now(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_text("Authenticator app activated")).to_be_visible()
    axe.check("after activation")
    page.goto(f"{base}/accounts/2fa/recovery-codes/")
    axe.check("recovery codes")
    sam = User.objects.get(username="sam")
    codes = (
        Authenticator.objects.get(user=sam, type=Authenticator.Type.RECOVERY_CODES)
        .wrap()
        .get_unused_codes()
    )
    for code in codes:
        expect(page.get_by_text(code)).to_be_visible()
    page.goto(f"{base}/accounts/settings/")
    expect(page.get_by_text("Keep your recovery codes somewhere safe")).to_be_visible()
    axe.check("settings, two-factor on")

    # Log out, log in: the password, then a code from the app.
    page.get_by_role("button", name="Show menu").click()
    page.get_by_role("button", name="Log out").click()
    # Logging out first empties the offline outbox, then posts the form: wait until a
    # signed-out page has loaded, or the next address would race the log-out's own.
    page.wait_for_function("document.body.dataset.signedIn === 'false'")
    log_in_with_password(page, base)
    axe.check("two-factor code")
    page.locator("#id_code").fill("000000")
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator(".invalid-feedback, .alert-danger").first).to_be_visible()
    axe.check("two-factor code, wrong")
    page.locator("#id_code").fill(code_now(secret))
    page.locator("#id_code").press("Enter")
    page.wait_for_url(f"{base}/")

    # Phone lost: a recovery code instead.
    page.context.clear_cookies()
    log_in_with_password(page, base)
    page.locator("#id_code").fill(codes[0])
    page.locator("#id_code").press("Enter")
    page.wait_for_url(f"{base}/")

    axe.assert_clean()


def test_the_account_pages_a_visitor_sees_have_no_violations(page, live_server):
    page.set_default_timeout(30000)
    axe = AxeChecker(page, live_server.url, "light")
    for path in ("/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"):
        axe.visit(path)
    page.goto(f"{live_server.url}/accounts/password_reset/")
    page.wait_for_url(f"{live_server.url}/accounts/password/reset/")
    axe.assert_clean()

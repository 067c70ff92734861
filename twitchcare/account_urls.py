"""``/accounts/``: django-allauth's pages, with TwitchCare's settings page, "sign out
everywhere", the page rate limits (``twitchcare/ratelimit.py``) on log-in, sign-up and
password reset, and the short names and SPEC addresses the rest of the site uses.

The rate-limited patterns come before allauth's own at the same address, so they are the
ones that answer. ``login``, ``signup`` and ``logout`` name the same addresses as allauth's
``account_login``, ``account_signup`` and ``account_logout``.
"""

from allauth.account import views as allauth_views
from django.urls import include, path
from django.views.generic import RedirectView

from journal.models import valid_time_zones
from twitchcare import accounts
from twitchcare.ratelimit import rate_limit_form

login = rate_limit_form("login", "login")(allauth_views.login)
signup = rate_limit_form("signup", "email")(
    allauth_views.SignupView.as_view(extra_context={"time_zones": sorted(valid_time_zones())})
)
password_reset = rate_limit_form("password_reset", "email")(allauth_views.password_reset)


def moved(name: str):
    """A permanent-enough redirect from an address people or mails may still have."""
    return RedirectView.as_view(pattern_name=name, query_string=True, permanent=False)


urlpatterns = [
    path("login/", login, name="login"),
    path("signup/", signup, name="signup"),
    path("logout/", allauth_views.logout, name="logout"),
    path("password/reset/", password_reset, name="password_reset"),
    path("settings/", accounts.account_settings, name="account_settings"),
    path("sign-out-everywhere/", accounts.sign_out_everywhere, name="sign_out_everywhere"),
    # The addresses from before allauth, kept working.
    path("password_reset/", moved("account_reset_password")),
    path("password_change/", moved("account_change_password")),
    path("", include("allauth.urls")),
]

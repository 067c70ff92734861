"""The API's default throttles: a budget per client address for anonymous requests and a
budget per person for signed-in ones.

The rates are ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"]`` and ``["user"]``, set by
``DJANGO_THROTTLE_ANON`` and ``DJANGO_THROTTLE_USER``. The register and token endpoints use
``journal.api.common.AuthRateThrottle`` (``DJANGO_THROTTLE_AUTH``) instead.

An answer over budget is a 429 with ``Retry-After`` (see ``journal.api.errors``).
"""

from django.core.exceptions import ImproperlyConfigured
from rest_framework import throttling
from rest_framework.settings import api_settings

from twitchcare.client_ip import client_ip


class RatesFromSettingsMixin:
    """Read the scope's rate from the settings for every request, and tell clients apart by
    ``twitchcare.client_ip`` (the address behind ``DJANGO_NUM_PROXIES`` proxies).

    DRF's own throttles copy the rates dictionary once, when the class is defined, so a
    changed setting (an overridden one in a test, say) would never reach them.
    """

    scope: str

    def get_rate(self) -> str | None:
        try:
            return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        except KeyError:
            raise ImproperlyConfigured(
                f"No throttle rate set for the {self.scope!r} scope"
            ) from None

    def get_ident(self, request) -> str:
        return client_ip(request)


class AnonRateThrottle(RatesFromSettingsMixin, throttling.AnonRateThrottle):
    """Requests without credentials, counted per client address (the ``"anon"`` rate)."""


class UserRateThrottle(RatesFromSettingsMixin, throttling.UserRateThrottle):
    """Requests counted per signed-in person (the ``"user"`` rate), whichever address or
    credential they come with; anonymous ones per client address."""

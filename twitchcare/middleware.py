"""Request-wide behaviour: the person's own time zone, and no caching of personal data."""

import zoneinfo

from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control

SESSION_TZ_KEY = "tz"


class UserTimezoneMiddleware:
    """Show every date and time in the signed-in person's time zone.

    The zone is kept in the session at log-in (and when changed in settings), so pages do
    not query the profile just to format a date.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = None
        if request.user.is_authenticated:
            name = request.session.get(SESSION_TZ_KEY)
            if name is None:
                name = request.user.profile.time_zone
                request.session[SESSION_TZ_KEY] = name
        try:
            timezone.activate(zoneinfo.ZoneInfo(name)) if name else timezone.deactivate()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class NoStoreForPersonalDataMiddleware:
    """Tell browsers and proxies never to store an answer made for a signed-in person."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response

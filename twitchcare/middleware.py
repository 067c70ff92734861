"""Request-wide behaviour: the person's own time zone, and no caching of personal data."""

import time
import zoneinfo

from django.conf import settings
from django.http import JsonResponse
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


#: Session key holding when the session's expiry was last pushed back (Unix seconds).
SESSION_REFRESHED_KEY = "_refreshed_at"
#: How often an active session's expiry is pushed back. Saving on every request costs a
#: database write per page (serialised on SQLite); saving at most this often keeps the
#: inactivity timeout within this margin of SESSION_COOKIE_AGE.
SESSION_REFRESH_INTERVAL = 5 * 60


class SessionRefreshMiddleware:
    """Keep a signed-in person's session alive while they are active, without a write per page.

    Contract: a session ends ``SESSION_COOKIE_AGE`` after it was last refreshed, and it is
    refreshed (saved with a new expiry) on the first request more than
    ``SESSION_REFRESH_INTERVAL`` seconds after the last refresh. So the inactivity timeout is
    between ``SESSION_COOKIE_AGE - SESSION_REFRESH_INTERVAL`` and ``SESSION_COOKIE_AGE``.
    Requires ``SESSION_SAVE_EVERY_REQUEST = False``; must come after AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(SESSION_REFRESHED_KEY)
            if not isinstance(last, int) or not 0 <= now - last < SESSION_REFRESH_INTERVAL:
                # Assigning marks the session modified, so SessionMiddleware saves it
                # with a fresh expiry at the end of this request.
                request.session[SESSION_REFRESHED_KEY] = now
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Send ``PERMISSIONS_POLICY`` as the ``Permissions-Policy`` header on every answer:
    no page may use the browser features it does not need."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class ApiErrorsAsJsonMiddleware:
    """Under ``/api/``, a 404 or 405 that is not JSON already (the schema's YAML, the docs
    page's HTML, Django's debug page) becomes the API's ``{"detail": "..."}``."""

    MESSAGES = {404: "Not found.", 405: 'Method "{method}" not allowed.'}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path_info.startswith("/api/")
            and response.status_code in self.MESSAGES
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            message = self.MESSAGES[response.status_code].format(method=request.method)
            json = JsonResponse({"detail": message}, status=response.status_code)
            if "Allow" in response:
                json["Allow"] = response["Allow"]
            return json
        return response

"""Rate limits for the account pages (log-in, sign-up, password reset).

Counts sent forms in the cache, per client address (``twitchcare.client_ip``) and per
account or e-mail typed, over a fixed window. The API's register and token endpoints have
DRF throttles instead (``journal.api.common.AuthRateThrottle``).
"""

import hashlib
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from twitchcare.client_ip import client_ip


def over_limit(scope: str, key: str, *, limit: int, period: int) -> bool:
    """Count one use of ``key`` in ``scope``; True once it has been used more than ``limit``
    times in the current fixed window of ``period`` seconds. The key is stored hashed.

    The window is named from this server's clock, not left to the cache's expiry, so the
    limit lifts at the same moment with the local-memory cache and with Redis (whose own
    clock decides when a key expires).
    """
    digest = hashlib.sha256(f"{scope}\0{key}".encode()).hexdigest()
    name = f"ratelimit:{digest}:{int(time.time() // period)}"
    cache.add(name, 0, timeout=period)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.add(name, 1, timeout=period)
        count = 1
    return count > limit


def rate_limit_form(scope: str, account_field: str) -> Callable:
    """Limit the forms posted to a view, per client address and per ``account_field`` value.

    The limits are ``ACCOUNT_PAGE_RATE_LIMITS[scope]``: ``{"address": (limit, seconds),
    "account": (limit, seconds)}``. Over either, the view is not called: the answer is a
    429 page saying to wait. Pages shown (GET) are never counted.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def limited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST":
                limits = settings.ACCOUNT_PAGE_RATE_LIMITS[scope]
                keys = {"address": client_ip(request)}
                account = request.POST.get(account_field, "").strip().casefold()
                if account:
                    keys["account"] = account
                # Every key is counted, so one over its limit does not spare the others.
                over = [
                    over_limit(
                        f"{scope}:{kind}", key, limit=limits[kind][0], period=limits[kind][1]
                    )
                    for kind, key in keys.items()
                ]
                if any(over):
                    wait = max(seconds for _limit, seconds in limits.values())
                    response = render(
                        request,
                        "registration/rate_limited.html",
                        {"minutes": max(1, wait // 60)},
                        status=429,
                    )
                    response["Retry-After"] = str(wait)
                    return response
            return view(request, *args, **kwargs)

        return limited

    return decorator

"""The address of the client behind the request, for lock-outs, throttles and rate limits."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind proxies the one they vouch for.

    With ``NUM_PROXIES`` (``DJANGO_NUM_PROXIES``) proxies in front of the app, each adding
    the address it was reached from to ``X-Forwarded-For``, the client's address is the
    ``NUM_PROXIES``-th from the right; entries further left are whatever the client sent and
    are never trusted. With no proxies the header is ignored. A value that is not an IP
    address gives ``REMOTE_ADDR``. This is DRF's ``NUM_PROXIES`` rule; django-axes
    (``AXES_CLIENT_IP_CALLABLE``), every API throttle, the account pages' rate limits and
    the log-in log all use it, so they always agree on who a client is.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    proxies = settings.NUM_PROXIES
    if proxies <= 0 or not forwarded:
        return remote_addr
    addresses = [part.strip() for part in forwarded.split(",")]
    candidate = addresses[-min(proxies, len(addresses))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr

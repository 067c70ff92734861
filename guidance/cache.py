"""The one cache in TwitchCare: rendered public guidance pages, for visitors.

Guidance pages are the same for every visitor, so a page is rendered once per content
version rather than once per request. Signed-in people never use this cache: their pages
carry a personal emergency banner and personal navigation.

The key holds only:

- the content version, a random value replaced on every save or delete of any guidance
  model (``bump_version``, connected in ``GuidanceConfig.ready``). A change made through
  the models shows on the next request in every process that shares the cache (Redis), at
  once in the process that made it;
- the page's URL name and its arguments, as the URL pattern validated them (a slug).
  Only 200 answers are kept, so a slug names an existing, published page.

Nothing else from the request goes in: not the query string, not headers. ``?utm=1..N``
all read the same entry, so a visitor cannot fill the cache (and push out throttle
counters and lock-outs). Every page is kept at most ``PAGE_TIMEOUT`` seconds, which bounds
how stale a page can be after a change the signals do not see (``QuerySet.update``,
``bulk_create``, raw SQL, or another process's change with a per-process cache).
"""

import functools
import hashlib
import secrets
from collections.abc import Callable

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

#: Seconds a rendered page is kept: the longest a change that skips the signals stays hidden.
PAGE_TIMEOUT = 60
VERSION_KEY = "guidance:content-version"
KEY_PREFIX = "guidance:page"

View = Callable[..., HttpResponse]


def content_version() -> str:
    """The current guidance content version (a new one is started if there is none)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
        version = cache.get(VERSION_KEY, "")
    return version


def bump_version(**_signal_kwargs) -> None:
    """Retire every cached guidance page. Connected to post_save and post_delete."""
    cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None)


def page_key(request: HttpRequest) -> str:
    """The cache key of ``request``'s page: the content version, URL name and arguments."""
    match = request.resolver_match
    arguments = "/".join(f"{name}={value}" for name, value in sorted(match.kwargs.items()))
    page = hashlib.sha256(f"{match.view_name}|{arguments}".encode()).hexdigest()[:32]
    return f"{KEY_PREFIX}:{content_version()}:{page}"


def _cacheable_request(request: HttpRequest) -> bool:
    """Only visitors' GETs with no one-off messages waiting to be shown."""
    if request.method != "GET" or request.user.is_authenticated:
        return False
    # len() loads pending messages without marking them shown.
    return len(get_messages(request)) == 0


def _cacheable_response(response: HttpResponse) -> bool:
    """Only plain 200 pages that set no cookies (a cookie would leak to the next visitor)."""
    return (
        response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
    )


def cache_public_page(view: View) -> View:
    """Serve a guidance page from the cache for visitors; see the module's docs.

    For views whose page depends only on guidance content and the URL's own arguments
    (never on the query string). Only the body and content type are stored; every other
    header (CSP, security, Vary) is added fresh by middleware on each request. Pages cached
    this way must not embed per-request values such as CSRF tokens or CSP nonces.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if _cacheable_response(response):
            cache.set(key, (response.content, response["Content-Type"]), PAGE_TIMEOUT)
        return response

    return wrapper

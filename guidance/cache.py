"""A rendered-page cache for public guidance, for visitors who are not signed in.

Guidance pages are the same for every visitor, so rendering them once per content change
(rather than once per request) is safe. Signed-in people never use this cache: their pages
carry a personal emergency banner and personal navigation.

Freshness contract: a page is served from the cache only if nothing in guidance has changed
since it was rendered. Two things go into every cache key:

- a database fingerprint (row count and newest ``updated_at`` of every guidance table, one
  query), so a change made by any process (each has its own local-memory cache when there
  is no REDIS_URL), by ``bulk_create`` or by a delete is seen. The fingerprint itself is
  kept for ``FINGERPRINT_SECONDS``: a change made elsewhere shows within a second, and a
  cached page then costs no query at all (on PostgreSQL the query cost as much as the
  rest of the request);
- a content version bumped by every save or delete (``bump_version``, wired in
  ``GuidanceConfig.ready``), which catches edits the fingerprint cannot, such as two saves
  within the same clock tick, and shows this process's own changes on the next request.

Only changes that bypass both (``QuerySet.update`` or raw SQL, which leave ``updated_at``
alone) can be served stale, and then for at most ``PAGE_TIMEOUT`` seconds.
"""

import functools
import hashlib
import time
from collections.abc import Callable

from django.apps import apps
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse

from guidance.models import GuidanceItem

#: Seconds a rendered page is kept (bounds staleness across processes; see module docs).
PAGE_TIMEOUT = 60
#: Seconds the database fingerprint is kept before it is read again.
FINGERPRINT_SECONDS = 1
VERSION_KEY = "guidance:content-version"
FINGERPRINT_KEY = "guidance:fingerprint"
KEY_PREFIX = "guidance:page"

View = Callable[..., HttpResponse]


def content_version() -> int:
    """The current guidance content version (0 until the first change this cache has seen)."""
    return cache.get(VERSION_KEY, 0)


def bump_version(**_signal_kwargs) -> None:
    """Invalidate every cached guidance page. Connected to post_save and post_delete."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): start a new series
        cache.set(VERSION_KEY, 1, timeout=None)
    cache.delete(FINGERPRINT_KEY)


def _fingerprint_sql() -> str:
    quote = connection.ops.quote_name
    # Table and column names come from model metadata, never from input.
    return " UNION ALL ".join(
        f"SELECT COUNT(*), MAX({quote('updated_at')}) FROM {quote(model._meta.db_table)}"  # noqa: S608
        for model in apps.get_app_config("guidance").get_models()
        if issubclass(model, GuidanceItem)
    )


def database_fingerprint() -> str:
    """A short digest of every guidance table's row count and newest change (one query)."""
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql())
        rows = cursor.fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:16]


def recent_fingerprint() -> str:
    """``database_fingerprint()``, read at most once every ``FINGERPRINT_SECONDS``.

    The age is checked here rather than left to the cache's expiry, which some backends
    only count in whole seconds.
    """
    now = time.time()
    kept = cache.get(FINGERPRINT_KEY)
    if kept is not None and 0 <= now - kept[0] < FINGERPRINT_SECONDS:
        return kept[1]
    fingerprint = database_fingerprint()
    cache.set(FINGERPRINT_KEY, (now, fingerprint), PAGE_TIMEOUT)
    return fingerprint


def content_key() -> str:
    """Guidance content as of now, for cache keys: the version and the recent fingerprint.

    Anything kept under it is replaced by this process's own change at once, by a change in
    another process within ``FINGERPRINT_SECONDS``; keep it at most ``PAGE_TIMEOUT`` seconds
    for changes that bypass both.
    """
    return f"{content_version()}:{recent_fingerprint()}"


def _page_key(request: HttpRequest) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"{KEY_PREFIX}:{content_key()}:{path}"


def _cacheable_request(request: HttpRequest) -> bool:
    """Only anonymous GETs with no one-off messages waiting to be shown."""
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
    """Serve a guidance page from the cache for anonymous visitors; see module docs.

    Only the body and content type are stored; every other header (CSP, security, Vary) is
    added fresh by middleware on each request. Pages cached this way must not embed
    per-request values such as CSRF tokens or CSP nonces.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if _cacheable_response(response):
            cache.set(key, (response.content, response["Content-Type"]), PAGE_TIMEOUT)
        return response

    return wrapper

"""The installable app: the web app manifest, the service worker and the offline page
(SPEC, "Offline").

The service worker is served by Django, not as a static file, so that it can live at
``/sw.js`` with scope ``/``, carry the CSP and ``no-store`` rules like any other answer,
and list the hashed static file names of this release. Its cache name holds a version
computed from that list, so each release that changes a file (or the guidance pages on
offer, or ``SERVICE_WORKER_RELEASE``) installs a new worker, which deletes the old cache.
"""

import hashlib
import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from guidance.models import Cause, Condition

#: The theme colours of app.css's header, light and dark.
THEME_LIGHT = "#005eb8"
THEME_DARK = "#0b2a4a"

#: Static files every offline page needs, and the ones the log forms need.
SHELL_ASSETS = [
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "css/app.css",
    "css/quicklog.css",
    "js/theme.js",
    "js/error_summary.js",
    "js/steppers.js",
    "js/outbox.js",
    "js/quicklog.js",
    "js/facemap.js",
    "js/stroke_alert.js",
    "img/favicon.svg",
    "icons/icon-192.png",
    "icons/icon-512.png",
    "icons/icon-maskable-512.png",
    "icons/apple-touch-icon.png",
]

#: The public guidance pages kept for offline reading, by URL name (details are added
#: for every published cause and condition).
GUIDANCE_PAGES = [
    "guidance:index",
    "guidance:cause_list",
    "guidance:condition_list",
    "guidance:advice",
    "guidance:faq",
    "guidance:plan",
    "guidance:treatments",
    "guidance:checklist",
    "guidance:criteria",
]


@require_GET
@cache_control(max_age=3600, public=True)
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest. Browsers pick the dark theme colour from base.html's
    ``theme-color`` meta tags; ``user_preferences`` offers it where supported."""
    data = {
        "id": "/",
        "name": "TwitchCare",
        "short_name": "TwitchCare",
        "description": "Log facial twitches, even with no signal, and know when to see a doctor.",
        "lang": "en-GB",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_LIGHT,
        "user_preferences": {
            "color_scheme_dark": {"background_color": "#212529", "theme_color": THEME_DARK}
        },
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
        "shortcuts": [
            {"name": "Log a twitch", "url": reverse("journal:episode_quick")},
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


def daily_pages() -> str:
    """Every address under this one (a day's log, ``today/`` included) is answered offline
    by the daily log's shell, kept under this address."""
    return reverse("journal:daily_log_today").removesuffix("today/")


def offline_pages() -> dict[str, str]:
    """What the service worker keeps, as {address it answers for: address it fetches}.

    The log forms are fetched from their person-neutral shells (no banner, no personal
    navigation: fetched without cookies) and answer for the real form addresses.
    """
    pages = {url: url for url in (reverse(name) for name in GUIDANCE_PAGES)}
    details = [
        reverse("guidance:cause", args=[slug])
        for slug in Cause.objects.published().order_by("slug").values_list("slug", flat=True)
    ] + [
        reverse("guidance:condition", args=[slug])
        for slug in Condition.objects.published().order_by("slug").values_list("slug", flat=True)
    ]
    pages.update((url, url) for url in details)
    pages[reverse("journal:episode_quick")] = reverse("journal:offline_quick")
    pages[reverse("journal:episode_create")] = reverse("journal:offline_create")
    pages[daily_pages()] = reverse("journal:offline_daily")
    pages[reverse("offline")] = reverse("offline")
    return pages


def worker_settings() -> dict:
    """The service worker's data: its version, pages and static files."""
    pages = offline_pages()
    assets = [static(path) for path in SHELL_ASSETS]
    fingerprint = json.dumps([settings.SERVICE_WORKER_RELEASE, pages, assets], sort_keys=True)
    return {
        "version": hashlib.sha256(fingerprint.encode()).hexdigest()[:12],
        "pages": pages,
        "assets": assets,
        "offline": reverse("offline"),
        "daily": daily_pages(),
        "outbox_script": static("js/outbox.js"),
    }


@require_GET
@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """``/sw.js``: the service worker, its data written into the script."""
    response = render(
        request,
        "pwa/sw.js",
        {"worker": json.dumps(worker_settings(), sort_keys=True)},
        content_type="application/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """The calm page the service worker shows for a personal page it cannot show offline."""
    return render(request, "pwa/offline.html")

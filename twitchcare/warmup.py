"""Prepare a server process before its first request, so its pauses stay short.

Python's full garbage collection walks every long-lived object. In a server process most
of them are made once and kept for good: modules, compiled templates, the URL resolver.
Measured with the dashboard in process, a full collection paused every thread of the
process for 35 to 65 ms, about every 1,500 requests, which showed as the slowest
requests. ``gc.freeze()`` moves what exists to a generation the collector skips; doing it
after compiling the project's templates and the URL patterns (otherwise made on the first
requests) brought the pause to about 5 ms.

It also loads WeasyPrint and draws a one-line PDF, so that Pango, HarfBuzz and the fonts
are in the process before its first request: a worker starts about 26 MB larger and 2 s
later, and the first report PDF is no slower than the next. Measured with the year's
report, its PDF and the five-year export read one after the other, a worker's peak memory
then grows by 30 MB instead of 56 MB (bench/bench.py, "data growth"; docs/PERFORMANCE.md).
"""

import gc
import logging
from pathlib import Path

from django.conf import settings
from django.template import engines
from django.urls import reverse

log = logging.getLogger(__name__)


def warm_up() -> None:
    """Compile every project template and the URL patterns, then freeze what exists."""
    engine = engines["django"]
    for directory in map(Path, settings.TEMPLATES[0]["DIRS"]):
        for path in sorted(directory.rglob("*.html")):
            engine.get_template(path.relative_to(directory).as_posix())
    reverse("home")  # builds the reverse lookup of every URL pattern
    prepare_pdf()
    gc.freeze()


def prepare_pdf() -> None:
    """Load WeasyPrint and its fonts by drawing a PDF of one line.

    A server without Pango must still serve every other page: the failure is logged, and
    only the report PDF fails, on its own request, as it would without this warm-up.
    """
    try:
        from weasyprint import HTML

        HTML(string="<p>TwitchCare</p>").write_pdf()
    except (ImportError, OSError):
        log.warning("WeasyPrint could not be loaded: report PDFs will fail", exc_info=True)

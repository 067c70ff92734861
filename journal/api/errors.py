"""One shape for every error the API answers.

- **400**: an object mapping each field that was wrong to a list of messages, as DRF
  reports them (``{"side": ["\\"up\\" is not a valid choice."]}``). A list field or a
  nested object maps to an object keyed by position or sub-field instead
  (``{"locations": {"0": ["..."]}}``). Problems with the request as a whole, such as a body
  that is not JSON, are listed under ``non_field_errors``.
- **Every other error** (401, 403, 404, 405, 406, 415, 429, 500): ``{"detail": "..."}``, one
  sentence. 401 carries ``WWW-Authenticate: Token``; 429 carries ``Retry-After`` (seconds).

DRF's own 400 shape is kept on purpose: clients and tests already read ``errors[field]``.

``api_exception_handler`` is DRF's ``EXCEPTION_HANDLER``. The Django-level handlers below
(``not_found`` and friends, wired in ``twitchcare/urls.py``) give the same shape to
``/api/`` addresses that match no view, or fail before reaching one (a 500, a 400 for a
host not allowed), and leave the HTML pages' error pages as they were.
"""

import math
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

API_PREFIX = "/api/"

#: Seconds to suggest when a throttle could not say how long to wait.
FALLBACK_RETRY_AFTER = 60


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler, then the shape above made certain.

    Returns None for an exception that is not an API error (a bug): Django then answers
    500, through ``server_error`` below for ``/api/`` addresses.
    """
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if response.status_code == 400:
        response.data = _as_field_errors(exc, response.data)
    elif not (isinstance(response.data, dict) and set(response.data) == {"detail"}):
        response.data = {"detail": _one_sentence(response.data)}
    if response.status_code == 429:
        response["Retry-After"] = str(retry_after_seconds(getattr(exc, "wait", None)))
    return response


def retry_after_seconds(wait: float | None) -> int:
    """Whole seconds to wait, rounded up so a client that waits that long gets through;
    never 0, which would invite an immediate retry."""
    if wait is None or wait <= 0:
        return FALLBACK_RETRY_AFTER
    return max(1, math.ceil(wait))


def _as_field_errors(exc: Exception, data) -> dict:
    key = api_settings.NON_FIELD_ERRORS_KEY
    if isinstance(data, list):
        # ``ValidationError("...")`` raised outside a serializer field.
        return {key: data}
    if (
        isinstance(data, dict)
        and set(data) == {"detail"}
        and not isinstance(exc, exceptions.ValidationError)
    ):
        # A ParseError ("JSON parse error - ...") is about the whole request.
        return {key: [data["detail"]]}
    return data


def _one_sentence(data) -> str:
    if isinstance(data, dict):
        data = data.get("detail", data)
    if isinstance(data, list | tuple):
        return " ".join(str(item) for item in data)
    return str(data)


# Django-level handlers --------------------------------------------------------------------


def _for_api(
    page_handler: Callable[..., HttpResponse], status: int, message: str
) -> Callable[..., HttpResponse]:
    def handler(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
        if request.path_info.startswith(API_PREFIX):
            if status == 400:
                body = {api_settings.NON_FIELD_ERRORS_KEY: [str(message)]}
            else:
                body = {"detail": str(message)}
            return JsonResponse(body, status=status)
        if status == 500:
            return page_handler(request)
        return page_handler(request, exception)

    handler.__doc__ = (
        f"The API's error shape with status {status} for an ``/api/`` address, "
        f"else Django's ``{page_handler.__name__}`` page."
    )
    return handler


bad_request = _for_api(defaults.bad_request, 400, _("The request could not be read."))
permission_denied = _for_api(
    defaults.permission_denied, 403, _("You do not have permission to do this.")
)
not_found = _for_api(defaults.page_not_found, 404, _("Not found."))
server_error = _for_api(
    defaults.server_error, 500, _("Something went wrong on our side. Please try again later.")
)

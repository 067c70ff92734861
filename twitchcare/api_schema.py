"""How the API describes itself in its OpenAPI 3 schema (``/api/schema/``, see
``twitchcare/api_docs.py``).

The schema describes every operation's error answers as well as its successes: which of
400, 401, 403, 404, 415 and 429 it can give, each with the one error shape of
``journal.api.errors``, and the headers that go with them. ``TwitchCareAutoSchema`` adds
them from what each view is (``REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]``), so a new endpoint
is documented correctly without annotations of its own.

This module must not import views: every ``@extend_schema`` looks this class up.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent, build_bearer_security_scheme_object
from knox.settings import knox_settings
from rest_framework.authentication import SessionAuthentication
from rest_framework.mixins import ListModelMixin
from rest_framework.permissions import AllowAny
from rest_framework.settings import api_settings

MESSAGES = {"type": "array", "items": {"type": "string"}}

#: ``{"detail": "..."}``: every error but a 400.
ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error except a 400: one sentence saying what went wrong.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}

#: ``{"field": ["message", ...], "non_field_errors": [...]}``: a 400.
VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "description": (
        "What was wrong with the request. Each field that was wrong maps to a list of "
        "messages; a list or nested field maps to an object keyed by position or sub-field. "
        "Problems with the request as a whole (such as a body that is not JSON) are under "
        f"`{api_settings.NON_FIELD_ERRORS_KEY}`."
    ),
    "properties": {api_settings.NON_FIELD_ERRORS_KEY: MESSAGES},
    "additionalProperties": {"oneOf": [MESSAGES, {"type": "object"}]},
    "example": {
        "side": ['"up" is not a valid choice.'],
        "locations": {"0": ['"ear" is not a valid choice.']},
    },
}

ERROR_DESCRIPTIONS = {
    "400": _("The request was not valid: see the messages for each field. Nothing was saved."),
    "401": _("No credentials, or ones that are wrong: send `Authorization: Token <key>`."),
    "403": _("Not allowed. With session log-in, an unsafe request needs the CSRF token."),
    "404": _("Not found: no such item among yours, or no such page of a list."),
    "415": _("The body's type is not one this API reads: send JSON (`application/json`)."),
    "429": _("Too many requests: wait the number of seconds in `Retry-After`."),
}

#: What each error typically says (DRF's wording), shown as the example in the docs.
ERROR_EXAMPLES = {
    "401": {"detail": "Authentication credentials were not provided."},
    "403": {"detail": "CSRF Failed: CSRF token missing."},
    "404": {"detail": "Not found."},
    "415": {"detail": 'Unsupported media type "text/plain" in request.'},
    "429": {"detail": "Request was throttled. Expected available in 42 seconds."},
}

RETRY_AFTER_HEADER = {
    "Retry-After": {
        "description": _("Seconds to wait before trying again."),
        "required": True,
        "schema": {"type": "integer", "minimum": 1},
    }
}
CHALLENGE_HEADER = {
    "WWW-Authenticate": {
        "description": _("How to authenticate: `Token`."),
        "schema": {"type": "string"},
    }
}

BODY_METHODS = {"POST", "PUT", "PATCH"}
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class TwitchCareAutoSchema(AutoSchema):
    """drf-spectacular's schema, plus the error answers each operation can give.

    - 400 when the operation reads a body or validated query parameters (a list's
      ``page`` and ``page_size`` among them);
    - 401 when it accepts credentials (wrong ones are refused even where none are needed);
    - 403 for an unsafe method that accepts session log-in (the CSRF check);
    - 404 when the address names an item, or the answer is a page of a list;
    - 415 when it reads a body;
    - 429 when it is throttled, with ``Retry-After``.
    Answers the operation documents itself are kept; one without a body gets the shape.
    """

    def _get_request_body(self, direction="request"):
        # drf-spectacular documents bodies for POST, PUT and PATCH only. A DELETE that names
        # a request serializer of its own (DELETE /api/account/ takes the password) reads
        # one, so document it as the view reads it.
        if self.method == "DELETE" and self._delete_reads_body():
            self.method = "POST"
            try:
                return super()._get_request_body(direction)
            finally:
                self.method = "DELETE"
        return super()._get_request_body(direction)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            answer = self._error_response(code)
            documented = responses.setdefault(code, answer)
            if "content" not in documented:
                documented["content"] = answer["content"]
                documented.setdefault("headers", answer.get("headers", {}))
                if not documented.get("description"):
                    documented["description"] = answer["description"]
        return dict(sorted(responses.items()))

    def _delete_reads_body(self) -> bool:
        serializer = self.get_request_serializer()
        own = getattr(self.view, "serializer_class", None)
        return serializer is not None and own is not None and type(serializer) is not own

    def _error_codes(self) -> list[str]:
        reads_body = self.method in BODY_METHODS or (
            self.method == "DELETE" and self._delete_reads_body()
        )
        authenticators = self.view.get_authenticators()
        codes = []
        if reads_body or self.get_override_parameters() or self._is_paginated_list():
            codes.append("400")
        if authenticators or not self._allows_anyone():
            codes.append("401")
        if self.method in UNSAFE_METHODS and any(
            isinstance(authenticator, SessionAuthentication) for authenticator in authenticators
        ):
            codes.append("403")
        if "{" in self.path or self._is_paginated_list():
            codes.append("404")
        if reads_body:
            codes.append("415")
        if self.view.get_throttles():
            codes.append("429")
        return codes

    def _is_paginated_list(self) -> bool:
        # ``?page=`` past the end is a 404.
        if hasattr(self.view, "action"):
            is_list = self.view.action == "list"
        else:
            is_list = self.method == "GET" and isinstance(self.view, ListModelMixin)
        return is_list and getattr(self.view, "paginator", None) is not None

    def _allows_anyone(self) -> bool:
        return all(isinstance(permission, AllowAny) for permission in self.view.get_permissions())

    def _error_response(self, code: str) -> dict:
        name, schema = (
            ("ValidationError", VALIDATION_ERROR_SCHEMA)
            if code == "400"
            else ("Error", ERROR_SCHEMA)
        )
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema
        )
        self.registry.register_on_missing(component)
        media = {"schema": component.ref}
        if code in ERROR_EXAMPLES:
            media["example"] = ERROR_EXAMPLES[code]
        answer = {
            "description": str(ERROR_DESCRIPTIONS[code]),
            "content": {"application/json": media},
        }
        if code == "429":
            answer["headers"] = RETRY_AFTER_HEADER
        elif code == "401":
            answer["headers"] = CHALLENGE_HEADER
        return answer


class TokenScheme(OpenApiAuthenticationExtension):
    """The token scheme, described the way a client sends it."""

    target_class = "knox.auth.TokenAuthentication"
    name = "tokenAuth"
    match_subclasses = True
    priority = 1  # over drf-spectacular's own description

    def get_security_definition(self, auto_schema):
        scheme = build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=knox_settings.AUTH_HEADER_PREFIX
        )
        scheme["description"] = str(
            _(
                "Send `Authorization: Token <key>`. Get the key from POST /api/auth/register/ "
                "(a new account) or POST /api/auth/token/ (username and password): a new one "
                "for each device, which expires, and is revoked by POST /api/auth/logout/, "
                "POST /api/auth/logout-all/ or a password change."
            )
        )
        return scheme

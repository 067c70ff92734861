"""The API's JSON parser: any body it cannot read is a 400, never a 500."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError

#: No request this API reads is more than a few levels deep (an object holding a list).
MAX_DEPTH = 32


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing with a ``ParseError`` (a 400, no traceback logged):

    - a body nested deeper than ``MAX_DEPTH`` levels (DRF's own raises ``RecursionError``
      near Python's recursion limit, a 500; shallower ones would reach the serializers);
    - anything DRF's parser refuses (not JSON, not in the request's charset).
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_too_deep()) from None
        if _depth_exceeds(data, MAX_DEPTH):
            raise ParseError(_too_deep())
        return data


def _too_deep() -> str:
    return f"JSON parse error - the body is nested more than {MAX_DEPTH} levels deep."


def _depth_exceeds(data, limit: int) -> bool:
    """Whether lists and objects in ``data`` nest more than ``limit`` levels (no recursion)."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        pending.extend((child, depth + 1) for child in children)
    return False

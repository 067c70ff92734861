"""Pagination shared by every list in the API (the journal's and guidance's)."""

import re

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination


class PagePagination(PageNumberPagination):
    """``{count, next, previous, results}``; ``?page=`` and ``?page_size=`` (at most 200).

    Either one present but empty or not a whole number in range is a 400 naming it (DRF
    would quietly fall back to the default size, and answer a 404 for ``?page=abc``). A page
    past the end stays a 404.
    """

    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset, request, view=None):
        errors = {}
        page = request.query_params.get(self.page_query_param)
        if page is not None and page not in self.last_page_strings and not _whole(page, 1):
            errors[self.page_query_param] = [_("Send a page number: 1, 2, 3 and so on.")]
        size = request.query_params.get(self.page_size_query_param)
        if size is not None and not _whole(size, 1, self.max_page_size):
            errors[self.page_size_query_param] = [
                _("Send a whole number from 1 to %(most)d.") % {"most": self.max_page_size}
            ]
        if errors:
            raise serializers.ValidationError(errors)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters


def _whole(text: str, least: int, most: int = 10**9) -> bool:
    """Whether ``text`` is a whole number (ASCII digits only) from ``least`` to ``most``."""
    return bool(re.fullmatch(r"[0-9]{1,9}", text)) and least <= int(text) <= most

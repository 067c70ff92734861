"""Text fields for request bodies that take only JSON strings.

DRF's text fields read a number as text (``42`` becomes ``"42"``) and its choice field
matches ``str(value)``, but the OpenAPI schema promises a string. These refuse anything
else with a 400 that names the field. Every request serializer in the API uses them, for
fields it declares and, through ``ModelSerializer`` below, for text fields it takes from
a model.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class TextOnlyMixin:
    """Refuse a value that is not a JSON string (a number, a boolean, a list, an object)."""

    default_error_messages = {"not_text": _("Send text here.")}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)


class StrictCharField(TextOnlyMixin, serializers.CharField):
    pass


class StrictEmailField(TextOnlyMixin, serializers.EmailField):
    pass


class StrictSlugField(TextOnlyMixin, serializers.SlugField):
    pass


class StrictUUIDField(TextOnlyMixin, serializers.UUIDField):
    """A UUID sent as text (DRF's own would also read a number as ``UUID(int=...)``)."""

    default_error_messages = {"not_text": _("Send a UUID as text.")}


class StrictChoiceField(TextOnlyMixin, serializers.ChoiceField):
    """For text choices only: a choice stored as a number could not be sent at all."""


class ModelSerializer(serializers.ModelSerializer):
    """DRF's, with the strict fields for any text field it builds from the model."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.EmailField: StrictEmailField,
        models.SlugField: StrictSlugField,
    }
    serializer_choice_field = StrictChoiceField

"""What a page gives the search index besides its raw fields: its stems, in its language."""

from django.utils.html import strip_tags
from wagtail.fields import StreamField
from wagtail.models import Locale
from wagtail.search import index

from .analysis import SOURCE, stem_text

STEM_FIELDS = ("search_title_stems", "search_body_stems")


def _field_text(page, field_name):
    value = getattr(page, field_name, None)
    if value is None:
        return ""
    if callable(value):
        value = value()
    try:
        model_field = page._meta.get_field(field_name)
    except Exception:  # noqa: BLE001 - a property, not a model field
        model_field = None
    if isinstance(model_field, StreamField):
        # The words of the stream as stored: no block is turned into its value, so an
        # illustration costs no image query (ranking reads up to MAX_RESULTS pages).
        return " ".join(_raw_strings(value.raw_data))
    return strip_tags(str(value))


def _raw_strings(data):
    """Every string in a stream's raw data (block types, ids and numbers left out)."""
    if isinstance(data, str):
        return [strip_tags(data)]
    if isinstance(data, dict):
        if "type" in data and "value" in data:
            return _raw_strings(data["value"])
        return [text for value in data.values() for text in _raw_strings(value)]
    if isinstance(data, list | tuple) or hasattr(data, "__iter__"):
        return [text for item in data for text in _raw_strings(item)]
    return []


def body_text(page):
    """The text of every SearchField a model declares, except its title and the stems themselves."""
    parts = []
    for field in page.search_fields:
        if isinstance(field, index.SearchField) and field.field_name not in ("title", *STEM_FIELDS):
            parts.append(_field_text(page, field.field_name))
    return " ".join(parts)


# {locale id: language code}, read again when an unknown locale shows up (one was added).
_LANGUAGES = {}


def locale_language(locale_id):
    """The language code of a locale, without a query once the locales are known; "" if none."""
    if locale_id not in _LANGUAGES:
        _LANGUAGES.update(Locale.objects.values_list("pk", "language_code"))
    return _LANGUAGES.get(locale_id, "").split("-")[0]


def language_of(obj):
    """The language of a page or snippet (its locale), French for what has none."""
    locale_id = getattr(obj, "locale_id", None)
    return (locale_language(locale_id) if locale_id is not None else "") or SOURCE


class FrenchStemsMixin:
    """Adds stemmed, accent-free copies of a model's title and text to the search index, in
    the model's language (French, or its locale's: search.analysis). The name is the one
    migrations know."""

    def get_search_title(self):
        return self.title

    def search_title_stems(self):
        return stem_text(self.get_search_title(), language_of(self))

    def search_body_stems(self):
        return stem_text(body_text(self), language_of(self))

    stem_search_fields = [
        index.SearchField("search_title_stems", boost=3),
        index.SearchField("search_body_stems"),
    ]

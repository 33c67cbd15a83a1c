"""Every CSV the admin produces is safe to open in a spreadsheet.

Wagtail's SpreadsheetExportMixin is the one place where its reports (pages anciennes, historique
du site, pages verrouillées…), its listings and ours (« Horaires à confirmer ») turn a value
into a cell: a cell there that starts like a formula gets a leading apostrophe (home.formulas).
Wagtail's XLSX cells are already written as text, never as formulas. Installed once by
HomeConfig.ready."""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from .formulas import neutralise

_wagtail_preprocess = SpreadsheetExportMixin.preprocess_field_value


def preprocess_field_value(self, field, value, export_format):
    value = _wagtail_preprocess(self, field, value, export_format)
    return neutralise(value) if export_format == SpreadsheetExportMixin.FORMAT_CSV else value


def install():
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value

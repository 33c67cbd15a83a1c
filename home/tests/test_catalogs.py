"""The chrome's gettext catalogs (locale/<lang>/LC_MESSAGES/django.po): every string the
templates and the code mark for translation is translated, nothing fuzzy, nothing empty.

A new {% translate %} string without its translation fails here: run
`manage.py makemessages -l en -l ar --no-location --ignore "node_modules/*"` and translate it."""

import ast
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation.template import templatize

ROOT = Path(settings.BASE_DIR)
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# What django.utils.translation.template.templatize leaves of a marked string.
LITERAL = r"u(?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
TEMPLATE_CALL = re.compile(rf"(n?p?gettext)\(({LITERAL})(?:, ({LITERAL}))?")
GETTEXT_NAMES = {"_": 0, "gettext": 0, "gettext_lazy": 0, "ngettext": 0, "pgettext": 1, "pgettext_lazy": 1}
# Apps whose templates and code are translated (sections that stay French are not marked).
CODE = ["home", "guides", "search", "diagnostic"]


def catalog(language):
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


def template_strings():
    """{(context, msgid)} of every template's {% translate %} and {% blocktranslate %}."""
    found = set()
    for path in (ROOT / "templates").rglob("*.html"):
        source = path.read_text(encoding="utf-8")
        if "i18n" not in source:
            continue
        for name, first, second in TEMPLATE_CALL.findall(templatize(source, origin=str(path))):
            first = ast.literal_eval(first)
            if name.startswith(("pgettext", "npgettext")):
                found.add((first, ast.literal_eval(second)))
            else:
                found.add((None, first))
    return found


def code_strings():
    """{(context, msgid)} of gettext calls with literal strings in the translated apps' code."""
    found = set()
    for app in CODE:
        for path in (ROOT / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in GETTEXT_NAMES
                ):
                    index = GETTEXT_NAMES[node.func.id]
                    args = [
                        a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
                    ]
                    if len(args) > index:
                        found.add((args[0] if index else None, args[index]))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalog_entry_is_translated_and_not_fuzzy(language):
    entries = [entry for entry in catalog(language) if not entry.obsolete]
    assert len(entries) > 50
    untranslated = [
        entry.msgid
        for entry in entries
        if "fuzzy" in entry.flags
        or (entry.msgid_plural and not all(entry.msgstr_plural.values()))
        or (not entry.msgid_plural and not entry.msgstr.strip())
    ]
    assert not untranslated, f"{language}: {untranslated}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_is_in_the_catalog(language):
    known = {(entry.msgctxt, entry.msgid) for entry in catalog(language) if not entry.obsolete}
    marked = template_strings() | code_strings()
    assert ("guide level", "Débutant") in marked and (None, "Les étapes") in marked
    missing = sorted(msgid for context, msgid in marked - known)
    assert not missing, f"{language}: run makemessages and translate {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_their_placeholders(language):
    """A translation that drops or renames %(number)s would crash the page or lose a number."""
    placeholder = re.compile(r"%\(\w+\)\d*[sd]")
    broken = []
    for entry in catalog(language):
        wanted = set(placeholder.findall(entry.msgid)) - {"%(counter)s"}
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        broken += [entry.msgid for text in translations if wanted - set(placeholder.findall(text))]
    assert not broken, f"{language}: {broken}"

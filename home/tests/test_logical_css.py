"""The public stylesheets use logical properties only, so the layout mirrors under
<html dir="rtl"> (Arabic) without a second stylesheet."""

import re
from pathlib import Path

import pytest
from django.conf import settings

CSS = Path(settings.BASE_DIR) / "static" / "css"
# Every stylesheet a visitor (or the PDF handout) gets. activity.css is the admin's own.
PUBLIC = ("site.css", "guides.css", "locations.css", "partners.css", "print.css", "poster.css", "handout.css")
# (file, property, value) left physical on purpose, each with its reason. Keep it short.
ALLOWED = {
    # None today. Example of a valid entry: a drawing that must not mirror, such as a
    # physical map's compass: ("site.css", "left", "0"): "north-west corner of a map".
}
PHYSICAL_PROPERTY = re.compile(r"(^|-)(left|right)(-|$)")
PHYSICAL_VALUE = {"float", "clear", "text-align", "caption-side", "resize"}
SIDED_SHORTHANDS = {
    "margin",
    "padding",
    "inset",
    "border-width",
    "border-style",
    "border-color",
    "scroll-margin",
    "scroll-padding",
}
DECLARATION = re.compile(r"([a-z-]+)\s*:\s*([^;{}]+?)\s*(?:;|})")
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# A value's words, a function call (var(--radius, 0.5rem)) counting as one.
TOKEN = re.compile(r"[^\s(/]+(?:\([^)]*\))?|/")


def tokens(value):
    return TOKEN.findall(value)


def physical_declarations(css):
    """(property, value) pairs that name or imply a left or right side."""
    found = []
    body = COMMENT.sub("", css)
    found += [(rule, "") for rule in re.findall(r"@(?:top|bottom)-(?:left|right)[a-z-]*", body)]
    for prop, value in DECLARATION.findall(body):
        words = tokens(value)
        if PHYSICAL_PROPERTY.search(prop):
            found.append((prop, value))
        elif prop in PHYSICAL_VALUE and re.search(r"\b(left|right)\b", value):
            found.append((prop, value))
        elif prop in SIDED_SHORTHANDS and len(words) == 4 and words[1] != words[3]:
            found.append((prop, value))  # top right bottom left, with left ≠ right
        elif prop == "border-radius" and len(set(tokens(value)) - {"/"}) > 1:
            found.append((prop, value))  # corners named by their physical side
    return found


def test_the_checker_sees_physical_properties():
    css = (
        ".a { margin-left: 1rem; float: right; padding: 0 1rem 0 4rem; border-radius: 0 4px 4px 0 }"
        ".b { margin-inline-start: 1rem; float: inline-end; padding: 0 1rem; text-align: start }"
        "@page { @bottom-left { content: 'x' } }"
    )
    assert [prop for prop, _ in physical_declarations(css)] == [
        "@bottom-left",
        "margin-left",
        "float",
        "padding",
        "border-radius",
    ]


@pytest.mark.parametrize("name", PUBLIC)
def test_public_stylesheet_has_no_physical_left_or_right(name):
    found = [
        (prop, value)
        for prop, value in physical_declarations((CSS / name).read_text())
        if (name, prop, value) not in ALLOWED
    ]
    assert found == [], f"{name} : propriétés physiques, utilisez inline-start / inline-end"


def test_every_allowed_exception_still_exists():
    for name, prop, value in ALLOWED:
        assert (prop, value) in physical_declarations((CSS / name).read_text())

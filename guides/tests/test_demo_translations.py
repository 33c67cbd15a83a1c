"""The demo guides' translations (guides/demo/translations/<lang>/<slug>.toml) follow their
French guide line for line, so the demo loader can lay them over the French steps."""

import re
import tomllib
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parent.parent / "demo"
FRENCH = DEMO / "guides"
TRANSLATIONS = DEMO / "translations"
LANGUAGES = ("en", "ar")
# The five banking operations and the guide about scams (issue #17).
TRANSLATED = (
    "consulter-ses-comptes-en-ligne",
    "faire-un-virement",
    "telecharger-un-rib",
    "commander-un-chequier",
    "envoyer-de-l-argent-a-l-etranger",
    "reperer-un-message-d-hameconnage",
)
# The only keys a translation carries: words, never settings (topic, level, images…).
GUIDE_TEXT_KEYS = {"title", "summary", "audience", "before_you_start"}
STEP_TEXT_KEYS = {"title", "text", "tip", "warning", "alt"}
ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


def load(path):
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def translation_files():
    return sorted(TRANSLATIONS.glob("*/*.toml"))


def test_the_six_guides_are_translated_into_english_and_arabic():
    found = {(path.parent.name, path.stem) for path in translation_files()}
    assert {(lang, slug) for lang in LANGUAGES for slug in TRANSLATED} <= found


@pytest.mark.parametrize("path", translation_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_translation_matches_its_french_guide(path):
    french_path = FRENCH / path.name
    assert french_path.exists(), f"{path.name}: aucun guide français de ce nom"
    french, translated = load(french_path), load(path)

    assert set(translated) == (GUIDE_TEXT_KEYS & set(french)) | {"steps"}, "clés du guide"
    french_steps, steps = french["steps"], translated.get("steps", [])
    assert len(steps) == len(french_steps), "nombre d'étapes"
    pairs = [("guide", french, translated)]
    for number, (french_step, step) in enumerate(zip(french_steps, steps, strict=True), start=1):
        # Same kind of step (title/text, tip or warning) and the same alt text, if any.
        assert set(step) == STEP_TEXT_KEYS & set(french_step), f"étape {number} : clés"
        pairs.append((f"étape {number}", french_step, step))

    for where, french_part, part in pairs:
        for key in set(part) - {"steps"}:
            value = part[key]
            assert isinstance(value, str) and value.strip(), f"{where}, {key} : texte vide"
            # Line i translates line i (a checklist item, a paragraph of the step).
            assert len(value.splitlines()) == len(french_part[key].splitlines()), f"{where}, {key} : lignes"
            assert value != french_part[key], f"{where}, {key} : pas traduit"
            if path.parent.name == "ar":
                assert ARABIC_LETTER.search(value), f"{where}, {key} : pas en arabe"


GLOSSARY = DEMO / "glossary-translations"
TERM_TEXT_KEYS = {"term", "variants", "definition"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_glossary_translation_names_french_terms_and_carries_only_words(language):
    """Each translated term names a French term by its anchor and carries its words only."""
    french = {term["slug"] for term in load(DEMO / "glossary.toml")["terms"]}
    translated = load(GLOSSARY / f"{language}.toml")
    assert set(translated["page"]) <= {"title", "intro", "search_description"}
    assert translated["terms"]
    for term in translated["terms"]:
        assert term["slug"] in french, term["slug"]
        assert set(term) - {"slug"} <= TERM_TEXT_KEYS and term["term"] and term["definition"], term["slug"]
        if language == "ar":
            assert ARABIC_LETTER.search(term["term"]) and ARABIC_LETTER.search(term["definition"]), term[
                "slug"
            ]

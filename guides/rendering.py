"""A guide's steps, walked once: the page, the PDF handout, the HowTo JSON-LD and the
plain-language indicator all read what this module makes of them.

No model import: it works on the guide's StreamField value (blocks with `block_type` and a
`value` dict) and on plain values passed in.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import mark_safe

from .plain_language import strip_html


@dataclass(frozen=True)
class Note:
    """A tip or a warning: `kind` is its block type, `html` what the reader gets."""

    kind: str
    html: str
    text: str  # plain text (paragraph ends kept as line breaks)


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    html: str  # the explanation as the reader gets it ("" when the step has none)
    text: str  # the explanation as plain text (paragraph ends kept as line breaks)
    notes: tuple[Note, ...]
    illustration: object  # the StepImageBlock value (image, alt, decorative), or None


@dataclass(frozen=True)
class RenderedSteps:
    intro_notes: tuple[Note, ...]  # tips and warnings before the first step
    steps: tuple[Step, ...]

    def texts(self):
        """Every piece of reader-facing text of the steps, in reading order, as plain text."""
        parts = [note.text for note in self.intro_notes]
        for step in self.steps:
            parts += [step.title, step.text, *(note.text for note in step.notes)]
        return parts


def _plain(richtext):
    return strip_html(richtext.source).strip() if richtext else ""


def render_steps(stream, to_html: Callable[[str], str] | None = None):
    """The steps of `stream`, each with the tips and warnings that follow it, numbered.

    `to_html` turns a fragment of rich-text HTML into what the reader gets: glossary links on
    the page, no links nor images on paper. Without it, only the plain text is made (no HTML
    rendering at all). It is called in reading order, so "the first occurrence" of a term is
    the first one a reader meets."""

    def html_of(richtext):
        if not richtext or to_html is None:
            return ""
        return mark_safe(to_html(str(richtext)))  # noqa: S308 - our own rich text, transformed

    intro_notes, steps = [], []
    for block in stream:
        if block.block_type == "step":
            text = block.value["text"]
            steps.append(
                {
                    "number": len(steps) + 1,
                    "title": block.value["title"],
                    "html": html_of(text),
                    "text": _plain(text),
                    "notes": [],
                    "illustration": block.value.get("illustration"),
                }
            )
        else:
            note = Note(
                kind=block.block_type, html=html_of(block.value["text"]), text=_plain(block.value["text"])
            )
            (steps[-1]["notes"] if steps else intro_notes).append(note)
    return RenderedSteps(
        intro_notes=tuple(intro_notes),
        steps=tuple(Step(**{**step, "notes": tuple(step["notes"])}) for step in steps),
    )


def howto(rendered, *, name, description, duration_minutes, reviewed_on, supplies, url, language="fr"):
    """schema.org HowTo of a guide, from its rendered steps (`url`: the guide's full URL or None;
    `language`: the guide's, "ar" for its Arabic translation)."""
    steps = []
    for step in rendered.steps:
        item = {
            "@type": "HowToStep",
            "position": step.number,
            "name": step.title,
            "text": " ".join(step.text.split()) or step.title,
        }
        if url:
            item["url"] = f"{url}#etape-{step.number}"
        steps.append(item)
    data = {
        "@context": "https://schema.org",
        "@type": "HowTo",
        "name": name,
        "description": description,
        "inLanguage": language,
        "totalTime": f"PT{duration_minutes}M",
        "dateModified": reviewed_on.isoformat() if reviewed_on else None,
        "supply": [{"@type": "HowToSupply", "name": item} for item in supplies],
        "step": steps,
    }
    if url:
        data["url"] = url
    return {key: value for key, value in data.items() if value not in (None, [])}

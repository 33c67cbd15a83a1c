"""Demo guides, from guides/demo/: topics, glossary, illustrations, one file per guide, paths.

A guide's file (guides/demo/guides/<slug>.toml) reads like the guide: its steps, tips and
warnings in order, one sentence a line. Illustrations are simple SVGs drawn for the project
(guides/demo/images/), never screenshots.

Translations (guides/demo/translations/<lang>/<slug>.toml) hold the same text keys as the
French file (title, summary, audience, before_you_start, [[steps]] in the same order). They are
loaded through wagtail-localize, as a volunteer's work would be: a Translation of the French
page whose strings are filled in, then published; editors see an ordinary localize translation
they can export and import as PO. An existing translation is never touched; a missing value
leaves that text in French.
"""

import logging
import re
import tomllib
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue, extract_strings

from home.demo_loader import create_page, delete_children, demo_dir, read, section

from .models import (
    GlossaryPage,
    GlossaryTerm,
    GuidePage,
    GuideTopic,
    LearningPathGuide,
    LearningPathPage,
    RelatedGuide,
)

SVG_SIZE = re.compile(rb'width="(\d+)" height="(\d+)"')
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "demo" / "translations"
GLOSSARY_TRANSLATIONS_DIR = Path(__file__).resolve().parent / "demo" / "glossary-translations"

logger = logging.getLogger(__name__)


def load(home):
    created = load_topics() + load_glossary()
    images = load_images()
    guides, new_guides = load_guides(images)
    created += len(new_guides)
    created += load_paths(guides)
    created += load_translations(guides)
    created += load_glossary_translations()
    return created


def reset(home):
    deleted = delete_children(section("guides.LearningPathIndexPage"), [p["slug"] for p in paths()])
    deleted += delete_children(section("guides.GuideIndexPage"), guide_order())
    deleted += GlossaryTerm.objects.filter(slug__in=[t["slug"] for t in glossary()]).delete()[0]
    deleted += GuideTopic.objects.filter(slug__in=[t["slug"] for t in topics()]).delete()[0]
    return deleted


def topics():
    return read(__file__, "topics.toml")["topics"]


def glossary():
    return read(__file__, "glossary.toml")["terms"]


def paths():
    return read(__file__, "paths.toml")["paths"]


def guide_order():
    return read(__file__, "guides.toml")["order"]


def load_topics():
    created = 0
    for order, data in enumerate(topics()):
        fields = {"name": data["name"], "description": data["description"], "sort_order": order}
        created += GuideTopic.objects.get_or_create(slug=data["slug"], defaults=fields)[1]
    return created


def load_glossary():
    created = 0
    french = Locale.get_default()
    for data in glossary():
        fields = {"term": data["term"], "variants": data["variants"], "definition": data["definition"]}
        created += GlossaryTerm.objects.get_or_create(slug=data["slug"], locale=french, defaults=fields)[1]
    return created


def load_images():
    """The illustrations, found by their title in the image library."""
    Image = get_image_model()
    collection = Collection.get_first_root_node()  # made again by build_skeleton after a flush
    images = {}
    for name, title in read(__file__, "images.toml")["images"].items():
        image = Image.objects.filter(title=title).first()
        if image is None:
            svg = (demo_dir(__file__) / "images" / f"{name}.svg").read_bytes()
            width, height = svg_size(svg)
            image = Image(title=title, width=width, height=height, collection=collection)
            image.file.save(f"{name}.svg", ContentFile(svg), save=False)
            image.width, image.height = width, height
            image.save()
        images[name] = image
    return images


def svg_size(svg):
    match = SVG_SIZE.search(svg)
    return (int(match.group(1)), int(match.group(2))) if match else (240, 240)


def load_guides(images):
    """Every guide of the data, created if missing; return ({slug: guide}, [new guides' slugs])."""
    index = section("guides.GuideIndexPage")
    if index is None:
        return {}, []
    topics_by_slug = {topic.slug: topic for topic in GuideTopic.objects.all()}
    guides, new, related = {}, [], {}
    for slug in guide_order():
        data = read(__file__, f"guides/{slug}.toml")
        guide, created = create_page(index, GuidePage, slug, **guide_fields(data, topics_by_slug, images))
        guides[slug] = guide
        if created:
            new.append(slug)
            related[slug] = data["tags"], data["related"]
    # Tags and related guides need every guide to exist: a second revision, for new guides only.
    for slug in new:
        tags, others = related[slug]
        guide = GuidePage.objects.get(pk=guides[slug].pk)
        guide.tags.set(tags, clear=True)
        guide.related_guides = [RelatedGuide(guide=guides[other]) for other in others if other in guides]
        guide.save_revision().publish()
    return guides, new


def guide_fields(data, topics_by_slug, images):
    return {
        "title": data["title"],
        "summary": data["summary"],
        "search_description": data["summary"],
        "topic": topics_by_slug.get(data["topic"]),
        "audience": data["audience"],
        "duration_minutes": data["duration_minutes"],
        "level": data["level"],
        "before_you_start": data["before_you_start"],
        "steps": steps(data["steps"], images),
        "help_need": data["help_need"],
        "reviewed_on": data["reviewed_on"],
        "review_due": data["review_due"],
    }


def paragraph(text):
    """One sentence a line in the data, one paragraph on the page."""
    sentences = [line for line in text.splitlines() if line]
    return "<p>" + " ".join(sentences) + "</p>" if sentences else ""


def steps(items, images):
    stream = []
    for item in items:
        if "title" in item:
            illustration = {"image": None, "alt": "", "decorative": False}
            if item.get("image"):
                illustration = {
                    "image": images[item["image"]].pk,
                    "alt": item.get("alt", ""),
                    "decorative": item.get("decorative", False),
                }
            value = {
                "title": item["title"],
                "text": paragraph(item.get("text", "")),
                "illustration": illustration,
            }
            stream.append({"type": "step", "value": value})
        else:
            (kind, text), *_ = item.items()  # "tip" or "warning"
            stream.append({"type": kind, "value": {"text": paragraph(text)}})
    return stream


def load_paths(guides):
    index = section("guides.LearningPathIndexPage")
    if index is None:
        return 0
    created = 0
    for data in paths():
        path_guides = [
            LearningPathGuide(guide=guides[slug], sort_order=order)
            for order, slug in enumerate(data["guides"])
            if slug in guides
        ]
        fields = {"title": data["title"], "intro": data["intro"], "search_description": data["intro"]}
        created += create_page(index, LearningPathPage, data["slug"], path_guides=path_guides, **fields)[1]
    return created


def load_translations(guides, folder=TRANSLATIONS_DIR):
    """Translate the demo guides from the files present in `folder`/<lang>/ (none: nothing)."""
    created = 0
    for language, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if language == settings.LANGUAGE_CODE or not (Path(folder) / language).is_dir():
            continue
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None:
            continue
        for slug, guide in guides.items():
            path = Path(folder) / language / f"{slug}.toml"
            if not path.is_file():
                continue
            try:
                translated = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
                logger.warning("Traduction illisible, ignorée : %s (%s)", path, error)
                continue
            french = read(__file__, f"guides/{slug}.toml")
            created += translate_guide(guide, french, translated, locale) is not None
    return created


def load_glossary_translations(folder=GLOSSARY_TRANSLATIONS_DIR):
    """Translate the glossary page and its terms from `folder`/<lang>.toml, through
    wagtail-localize as the guides are; an existing translation is never touched."""
    created = 0
    for language, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        path = Path(folder) / f"{language}.toml"
        locale = Locale.objects.filter(language_code=language).first()
        if language == settings.LANGUAGE_CODE or locale is None or not path.is_file():
            continue
        try:
            translated = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            logger.warning("Traduction illisible, ignorée : %s (%s)", path, error)
            continue
        french_terms = {term.slug: term for term in GlossaryTerm.objects.filter(locale=Locale.get_default())}
        for data in translated.get("terms", []):
            term = french_terms.get(data.get("slug"))
            if term is not None:
                created += translate_object(term, locale, {key: data.get(key) for key in TERM_FIELDS})
        page = GlossaryPage.objects.filter(locale=Locale.get_default()).live().first()
        if page is not None and translated.get("page"):
            created += translate_object(page, locale, translated["page"])
    return created


TERM_FIELDS = ("term", "variants", "definition")


def translate_object(instance, locale, texts):
    """Translate a snippet or a simple page (plain text fields only) into `locale`, field by
    field from `texts` ({field: text}; a missing one stays French); False when a translation
    already exists (never overwritten)."""
    return translate_segments(instance, locale, lambda segment: texts.get(segment.context.path))


def translate_guide(guide, french, translated, locale):
    """Create the translation of `guide` into `locale`, its strings taken from `translated` (same
    keys as the French data `french`); return the translated page, or None when a translation
    already exists (it is never overwritten)."""
    guide = guide.specific
    texts = segment_translations(guide, french, translated)
    if not translate_segments(
        guide, locale, lambda segment: texts.get((segment.context.path, segment.string.data))
    ):
        return None
    return guide.get_translation(locale)


def translate_segments(instance, locale, text_of):
    """Translate `instance` into `locale` through wagtail-localize, each string segment given
    `text_of(segment)` (None: it stays French), published; False when a translation exists."""
    if instance.get_translations().filter(locale=locale).exists():
        return False
    with transaction.atomic():
        source, _created = TranslationSource.get_or_create_from_instance(instance)
        translation, created = Translation.objects.get_or_create(source=source, target_locale=locale)
        if not created:
            return False
        for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
            text = text_of(segment)
            if text:
                StringTranslation.objects.get_or_create(
                    translation_of=segment.string,
                    locale=locale,
                    context=segment.context,
                    defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
                )
        translation.save_target(publish=True)
    return True


def segment_translations(guide, french, translated):
    """{(segment path, French string): translated string} for every text of the translation
    file, both sides rendered as the French loader renders them and cut into strings as
    wagtail-localize cuts them. A text whose French no longer matches the page (an editor changed
    it) finds no segment and stays French."""
    pairs = {}

    def add(path, french_value, translated_value, rich=False):
        if not french_value or not translated_value:
            return
        sources, targets = strings(french_value, rich), strings(translated_value, rich)
        if len(sources) == len(targets):
            pairs.update({(path, source): target for source, target in zip(sources, targets, strict=True)})

    for key in ("title", "summary", "audience", "before_you_start"):
        add(key, french.get(key), translated.get(key))
    add("search_description", french.get("summary"), translated.get("summary"))
    french_steps, translated_steps = french.get("steps", []), translated.get("steps", [])
    for block, french_step, translated_step in zip(guide.steps, french_steps, translated_steps, strict=False):
        prefix = f"steps.{block.id}"
        for key in ("tip", "warning"):
            if key in french_step:
                pairs.update(_rich(prefix, french_step[key], translated_step.get(key)))
        if "title" in french_step:
            add(f"{prefix}.title", french_step["title"], translated_step.get("title"))
            pairs.update(_rich(prefix, french_step.get("text"), translated_step.get("text")))
            add(f"{prefix}.illustration.alt", french_step.get("alt"), translated_step.get("alt"))
    return pairs


def _rich(prefix, french_text, translated_text):
    """A step's paragraph (see paragraph()): its strings, French to translated."""
    if not french_text or not translated_text:
        return {}
    sources = strings(paragraph(french_text), rich=True)
    targets = strings(paragraph(translated_text), rich=True)
    if len(sources) != len(targets):
        return {}
    return {(f"{prefix}.text", source): target for source, target in zip(sources, targets, strict=True)}


def strings(value, rich=False):
    """The strings wagtail-localize makes of a value: one for plain text (lines joined by
    <br/>), one per block element for rich text."""
    if rich:
        return [string.data for string, _attrs in extract_strings(value)[1]]
    return [StringValue.from_plaintext(value).data]

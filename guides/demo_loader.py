"""Demo guides, from guides/demo/: topics, glossary, illustrations, one file per guide, paths.

A guide's file (guides/demo/guides/<slug>.toml) reads like the guide: its steps, tips and
warnings in order, one sentence a line. Illustrations are simple SVGs drawn for the project
(guides/demo/images/), never screenshots.
"""

import re

from django.core.files.base import ContentFile
from wagtail.images import get_image_model
from wagtail.models import Collection

from home.demo_loader import create_page, delete_children, demo_dir, read, section

from .models import GlossaryTerm, GuidePage, GuideTopic, LearningPathGuide, LearningPathPage, RelatedGuide

SVG_SIZE = re.compile(rb'width="(\d+)" height="(\d+)"')


def load(home):
    created = load_topics() + load_glossary()
    images = load_images()
    guides, new_guides = load_guides(images)
    created += len(new_guides)
    created += load_paths(guides)
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
    for data in glossary():
        fields = {"term": data["term"], "variants": data["variants"], "definition": data["definition"]}
        created += GlossaryTerm.objects.get_or_create(slug=data["slug"], defaults=fields)[1]
    return created


def load_images():
    """The illustrations, found by their title in the image library."""
    Image = get_image_model()
    # A flushed database (transactional tests) has lost the root collection Wagtail's migrations made.
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
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

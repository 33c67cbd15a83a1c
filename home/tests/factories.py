"""Small factories for tests that build their own pages instead of relying on the demo.

Every page is created as a live, published page with a revision, the way an editor's
"Publier" leaves it. Sections come from the site skeleton that the migrations build; a test
database without them (a flushed one) gets them created on demand.
"""

import itertools

from wagtail.models import Page, Site

from home.models import HomePage

_counter = itertools.count(1)


def unique(prefix):
    """A slug-safe unique name: 'lieu-7'."""
    return f"{prefix}-{next(_counter)}"


def home_page():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    return HomePage.objects.first()


def publish(page, parent):
    """Add `page` (an unsaved Page instance) under `parent`, publish it, return it fresh."""
    if not page.slug:
        page.slug = unique(type(page).__name__.lower())
    parent.add_child(instance=page)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def section(model, **fields):
    """The live page of section type `model` under home (created if the skeleton lacks it)."""
    existing = model.objects.live().first()
    if existing is not None:
        return existing
    fields.setdefault("title", model._meta.verbose_name.capitalize())
    return publish(model(**fields), home_page())


def rename(page, slug):
    """Change a page's slug and publish, as an editor would in the Promote tab."""
    page = Page.objects.get(pk=page.pk).specific
    page.slug = slug
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def make_page(parent, model, **fields):
    """A new live `model` page under `parent` (slug from the title unless given)."""
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-"))
    page = model(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def guide_fields(title, **fields):
    """The fields a GuidePage needs: one step, with text (glossary words welcome)."""
    text = fields.pop("step_text", "<p>Recopiez votre IBAN.</p>")
    steps = [{"type": "step", "value": {"title": "Ouvrez l'application", "text": text, "illustration": {}}}]
    return {
        "title": title,
        "summary": "Savoir le faire seul.",
        "audience": "Tout le monde",
        "help_need": "budget-banque",
        "steps": steps,
        **fields,
    }


def place_fields(title, **fields):
    """The fields a LocationPage needs (a real commune: Caen)."""
    return {
        "title": title,
        "address": "1 place de la Mairie",
        "postcode": "14000",
        "insee": "14118",
        "commune": "Caen",
        "phone": "02 31 00 00 00",
        **fields,
    }

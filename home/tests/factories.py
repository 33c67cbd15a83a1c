"""Small, generic page factories for tests: a page of any type, published; a slug renamed the
way an editor renames it (Promote tab, then publish)."""

from wagtail.models import Page


def make_page(parent, model, **fields):
    """A new live `model` page under `parent` (slug from the title unless given)."""
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-"))
    page = model(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def rename(page, slug):
    """Change a page's slug and publish it, as an editor would; returns the fresh page."""
    page = Page.objects.get(pk=page.pk).specific
    page.slug = slug
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


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

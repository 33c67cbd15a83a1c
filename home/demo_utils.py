"""Idempotent helpers for demo content: running load_demo twice gives the same site."""

from wagtail.models import Page


def upsert_page(parent, model, slug, **fields):
    """Create or update the child `slug` of `parent` as a live `model` page, and return it."""
    existing = Page.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        page = existing.specific
        if not isinstance(page, model):
            raise TypeError(f"La page « {slug} » existe déjà avec un autre type ({type(page).__name__}).")
        for name, value in fields.items():
            setattr(page, name, value)
    else:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page

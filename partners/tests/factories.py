"""Small helpers to add partners in tests."""

from partners.models import PartnerPage


def add_partner(parent, slug, title, kinds="formation", **fields):
    fields.setdefault("is_remote", not fields.get("postcode"))
    page = PartnerPage(slug=slug, title=title, help_kinds=kinds, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page

"""Editor side: the content checker runs extra accessibility rules on every preview."""

from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem


class GuidesContentCheckerItem(ContentCheckerItem):
    """Wagtail's built-in checker, with the rules our readers most depend on.

    Wagtail 8 runs its checker by default in the page editor's "Checks" panel and in the
    userbar. We keep its defaults (heading order, empty headings, alt-text quality…) and add
    missing alternative texts and a few more rules from axe-core.
    """

    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        "svg-img-alt",
        "role-img-alt",
        "link-in-text-block",
        "list",
        "listitem",
        "page-has-heading-one",
    ]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "image-alt": {
            "error_name": "Image sans texte alternatif",
            "help_text": "Décrivez l'image, ou cochez « Image décorative ».",
        },
        "heading-order": {
            "error_name": "Titres dans le désordre",
            "help_text": "Respectez l'ordre des titres : h2, puis h3, sans sauter de niveau.",
        },
        "page-has-heading-one": {
            "error_name": "Pas de titre principal",
            "help_text": "Chaque page doit avoir un seul titre de niveau 1.",
        },
    }


@hooks.register("construct_wagtail_userbar")
def use_guides_content_checker(request, items, page):
    items[:] = [
        GuidesContentCheckerItem(**_kwargs(item)) if type(item) in _REPLACED else item for item in items
    ]


def _kwargs(item):
    return {"in_editor": item.in_editor} if hasattr(item, "in_editor") else {}


def _replaced_types():
    from wagtail.admin import userbar

    return {ContentCheckerItem, getattr(userbar, "AccessibilityItem", ContentCheckerItem)}


_REPLACED = _replaced_types()

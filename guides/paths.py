"""Where a guide sits in a learning path: "Étape 2 sur 5", previous and next."""

import re

_SLUG = re.compile(r"^[-\w]{1,255}$")


def path_position(request, guide, paths):
    """The path navigation for `guide` reached with ?parcours=<slug> (one of `paths`), or None.

    Unknown, malformed or unrelated paths are ignored: the guide shows without navigation.
    """
    if request is None:
        return None
    slug = request.GET.get("parcours", "")
    if not slug or not _SLUG.match(slug):
        return None
    path = paths.filter(slug=slug).first()
    if path is None:
        return None
    return build_navigation(request, path, path.ordered_guides(), guide)


def build_navigation(request, path, guides, current):
    ids = [guide.pk for guide in guides]
    if current.pk not in ids:
        return None
    index = ids.index(current.pk)

    def link(guide):
        return {"title": guide.title, "url": f"{guide.get_url(request)}?parcours={path.slug}"}

    return {
        "path": path,
        "path_url": path.get_url(request),
        "number": index + 1,
        "total": len(guides),
        "previous": link(guides[index - 1]) if index > 0 else None,
        "next": link(guides[index + 1]) if index + 1 < len(guides) else None,
    }

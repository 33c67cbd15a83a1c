"""Builds the nested tree of the site plan in one query."""

from dataclasses import dataclass, field

from wagtail.models import Page


@dataclass
class PlanNode:
    title: str
    url: str
    children: list["PlanNode"] = field(default_factory=list)


def build_site_plan(root):
    pages = (
        Page.objects.descendant_of(root, inclusive=True)
        .live()
        .public()
        .order_by("path")
        .only("title", "path", "depth", "url_path", "slug")
    )
    nodes = {}
    top = None
    for page in pages:
        node = PlanNode(title=page.title, url=page.get_url())
        parent = nodes.get(page.path[: -Page.steplen])
        if parent is not None:
            parent.children.append(node)
        elif top is None:
            top = node
        else:
            continue  # a page under an unpublished or private parent stays out of the plan
        nodes[page.path] = node
    return top

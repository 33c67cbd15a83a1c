"""Demo content is data: each app keeps TOML files in its demo/ folder, and its demo_loader
module turns them into pages and snippets. This module holds what they share, and the home
page's own demo body (home/demo/home.toml).

The rule: create what is missing, never overwrite or republish what exists. A page is found
by its slug under its parent, a snippet by its natural key, a section by its page type. Only
`load_demo --reset` deletes the demo's content (each loader's `reset`) before loading it again.
"""

import re
import tomllib
from datetime import date, timedelta
from pathlib import Path

from django.apps import apps as django_apps
from wagtail.models import Collection, Page
from wagtail.search import index

from . import skeleton
from .models import HomePage

RELATIVE = re.compile(r"today([+-]\d+)")
ANNUAL = re.compile(r"(\d\d)-(\d\d)")


def read(app_file, name):
    """The TOML data file `name` of the app whose module is `app_file` (its demo/ folder)."""
    with open(demo_dir(app_file) / name, "rb") as data:
        return tomllib.load(data)


def demo_dir(app_file):
    return Path(app_file).resolve().parent / "demo"


def build_skeleton():
    """The skeleton the migrations make, again: a flushed test database has lost it.

    Migrations cannot reach the search index (historical models): index the sections here.
    """
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = HomePage.objects.get(pk=skeleton.build(django_apps).pk)
    skeleton.ensure_reviewers_pictures(django_apps)
    for page in [home, *Page.objects.child_of(home).specific()]:
        index.insert_or_update_object(page)
    return home


def section(label):
    """The section page of that type (e.g. "guides.GuideIndexPage"), wherever it was moved."""
    return django_apps.get_model(label).objects.order_by("path").first()


def child(parent, slug):
    return Page.objects.child_of(parent).filter(slug=slug).first()


def create_page(parent, model, slug, **fields):
    """Add a live child `slug` to `parent` unless it exists; return (page, created)."""
    existing = child(parent, slug)
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page, True


def delete_children(parent, slugs):
    """Delete the children of `parent` with these slugs (and everything below them)."""
    if parent is None:
        return 0
    pages = list(Page.objects.child_of(parent).filter(slug__in=slugs))
    for page in pages:
        page.delete()
    return len(pages)


def relative_date(value, today):
    """A date from the data: "today-12" is 12 days ago; a TOML date stays as it is."""
    if value is None or isinstance(value, date):
        return value
    match = RELATIVE.fullmatch(value)
    if match is None:
        raise ValueError(f"Date illisible dans les données de démonstration : {value!r}")
    return today + timedelta(days=int(match.group(1)))


def annual_period(start, end, today):
    """A yearly period ("07-20" to "08-14", or "12-24" to "01-01" across the new year):
    this year's, or next year's once this year's is over."""
    (start_month, start_day), (end_month, end_day) = (
        map(int, ANNUAL.fullmatch(value).groups()) for value in (start, end)
    )
    for year in (today.year - 1, today.year, today.year + 1):
        first = date(year, start_month, start_day)
        last = date(year + (1 if (end_month, end_day) < (start_month, start_day) else 0), end_month, end_day)
        if last > today:
            return first, last
    raise AssertionError("unreachable")


# --- the home page's demo body ------------------------------------------------------------


def load(home):
    """Fill the home page's body (doors into every section) if it is still empty."""
    home = HomePage.objects.get(pk=home.pk)
    if home.body.raw_data:
        return 0
    home.body = home_body(read(__file__, "home.toml"))
    home.save_revision().publish()
    return 1


def reset(home):
    """Empty the home page's body: `load` fills it again."""
    home = HomePage.objects.get(pk=home.pk)
    if not home.body.raw_data:
        return 0
    home.body = []
    home.save_revision().publish()
    return 1


def home_body(data):
    body = []
    for block in data["body"]:
        kind = block["type"]
        if kind == "paragraph":
            body.append({"type": kind, "value": block["value"]})
        elif kind == "links":
            links = []
            for door in block["doors"]:
                page = section(door["page_type"])
                if page is not None and page.live:
                    links.append({"page": page.pk, "url": "", "title": door["title"], "text": door["text"]})
            body.append({"type": kind, "value": {"heading": block["heading"], "links": links}})
        else:
            body.append({"type": kind, "value": {k: v for k, v in block.items() if k != "type"}})
    return body

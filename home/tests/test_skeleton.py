"""`migrate` alone builds a working, empty site: sections, legal pages, groups, workflow."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from wagtail.models import Page, Revision

from home import skeleton

# One process runs the whole module (make test: --dist loadgroup): its migrated database is built
# once (module fixture `migrated_only`).
pytestmark = pytest.mark.xdist_group("skeleton")
ROOT = Path(__file__).resolve().parents[2]
SECTION_URLS = [
    "/",
    "/guides/",
    "/lieux/",
    "/trouver-de-l-aide/",
    "/parcours/",
    "/glossaire/",
    "/partenaires/",
    "/accessibilite/",
    "/confidentialite/",
    "/plan-du-site/",
    "/ateliers/",  # the workshops app's own migration adds it
    "/ou-en-etes-vous/",  # and the diagnostic's
]
# Translations: the home page and the guides index in English and Arabic (home.skeleton).
TRANSLATED_URLS = {
    "/en/": ("en", "ltr"),
    "/en/guides/": ("en", "ltr"),
    "/ar/": ("ar", "rtl"),
    "/ar/guides/": ("ar", "rtl"),
    "/en/ou-en-etes-vous/": ("en", "ltr"),  # the diagnostic's own migration
    "/ar/ou-en-etes-vous/": ("ar", "rtl"),
}

# Run inside `manage.py shell` against the freshly migrated database.
PROBE = """
import json
import re
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Page, Site, WorkflowPage
from guides.models import GuideIndexPage, GuidePage
from home.models import HomePage
from locations.models import LocationPage

client = Client()
urls = %r
HTML_TAG = r'<html lang="(\\w+)" dir="(\\w+)"'
home = HomePage.objects.get(locale__language_code="fr")
index = GuideIndexPage.objects.get(locale__language_code="fr")
link = WorkflowPage.objects.filter(page=index).first()
editors = Group.objects.get(name="Rédacteurs")
reviewers = Group.objects.filter(name="Relecteurs des guides").first()
print(json.dumps({
    "status": {url: client.get(url).status_code for url in urls},
    "site_root": Site.objects.get(is_default_site=True).root_page_id == home.pk,
    "welcome_left": Page.objects.filter(depth=2, content_type__model="page").exists(),
    "menu": [p.slug for p in Page.objects.child_of(home)],
    "in_menus": [p.slug for p in Page.objects.child_of(home).in_menu()],
    "all_live_with_revision": all(p.live and p.live_revision_id for p in Page.objects.filter(depth__gt=1)),
    "accessibility": Page.objects.get(slug="accessibilite").specific.body.raw_data[0]["value"]["text"],
    "workflow": link and link.workflow.name,
    "tasks": link and [[g.name for g in t.groups.all()] for t in link.workflow.tasks.specific()],
    "editors_promote": sorted(editors.permissions.filter(
        content_type__app_label="wagtailsearchpromotions").values_list("codename", flat=True)),
    "reviewers_admin": bool(reviewers) and reviewers.permissions.filter(codename="access_admin").exists(),
    "reviewers_pages": bool(reviewers) and sorted(
        reviewers.page_permissions.filter(page=index).values_list("permission__codename", flat=True)),
    "reviewers_pictures": bool(reviewers) and sorted(
        reviewers.collection_permissions.filter(
            collection__depth=1, permission__content_type__app_label="wagtailimages"
        ).values_list("permission__codename", flat=True)),
    "demo_content": GuidePage.objects.exists() or LocationPage.objects.exists(),
    "translated": {
        url: [response.status_code, *re.search(HTML_TAG, response.content.decode()).groups()]
        for url, response in ((url, client.get(url)) for url in %r)
    },
    "translated_workflow": sorted(
        link.page.url for link in WorkflowPage.objects.filter(workflow=link.workflow) if link.page.url
    ),
}))
"""


@pytest.fixture(scope="module")
def migrated_only(tmp_path_factory):
    """A fresh SQLite database built by `migrate` alone, probed in its own process."""
    database = tmp_path_factory.mktemp("skeleton") / "db.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True, timeout=120)
    probe = subprocess.run(
        [*manage, "shell", "-c", PROBE % (SECTION_URLS, list(TRANSLATED_URLS))],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=60,
        capture_output=True,
        text=True,
    )
    return json.loads(probe.stdout.strip().splitlines()[-1])


def test_every_section_and_legal_page_answers_without_demo(migrated_only):
    assert migrated_only["status"] == {url: 200 for url in SECTION_URLS}
    assert not migrated_only["demo_content"]
    assert migrated_only["site_root"] and not migrated_only["welcome_left"]
    assert migrated_only["menu"] == [slug for _label, slug, _fields in skeleton.SECTIONS] + [
        "ou-en-etes-vous",
        "ateliers",
    ]
    assert migrated_only["in_menus"] == [
        "guides",
        "lieux",
        "trouver-de-l-aide",
        "parcours",
        "partenaires",
        "ateliers",
    ]
    assert migrated_only["all_live_with_revision"]
    assert migrated_only["accessibility"] == "État de conformité"


def test_translated_home_and_guides_index_answer_without_demo(migrated_only):
    """/en/ and /ar/ (and their guides index) exist after `migrate`, in their language and direction."""
    assert migrated_only["translated"] == {url: [200, *attrs] for url, attrs in TRANSLATED_URLS.items()}
    # Translated guides are reviewed like the French ones.
    assert migrated_only["translated_workflow"] == ["/ar/guides/", "/en/guides/", "/guides/"]


def test_review_workflow_groups_and_permissions_come_with_migrate(migrated_only):
    assert migrated_only["workflow"] == "Relecture des guides"
    assert migrated_only["tasks"] == [["Relecteurs des guides"]]
    assert migrated_only["editors_promote"] == [
        "add_searchpromotion",
        "change_searchpromotion",
        "delete_searchpromotion",
    ]
    assert migrated_only["reviewers_admin"]
    assert migrated_only["reviewers_pages"] == ["add_page", "change_page", "publish_page"]
    # They write guides too: the steps' pictures, in every collection.
    assert migrated_only["reviewers_pictures"] == ["add_image", "choose_image"]


@pytest.mark.django_db
def test_skeleton_on_an_existing_site_adds_nothing(demo_site):
    """The migration's function on a site that has every section: no page, no revision."""
    pages, revisions = Page.objects.count(), Revision.objects.count()
    skeleton.build(django_apps)
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)


@pytest.mark.django_db
def test_skeleton_adds_only_the_missing_section(demo_site):
    from partners.models import PartnerIndexPage

    PartnerIndexPage.objects.get().delete()
    skeleton.build(django_apps)
    skeleton.build(django_apps)
    assert PartnerIndexPage.objects.get().url_path == "/accueil/partenaires/"
    guides = Page.objects.filter(slug="guides", depth=3)
    # One guides index per language (French, English, Arabic), none duplicated.
    assert sorted(guides.values_list("locale__language_code", flat=True)) == ["ar", "en", "fr"]


@pytest.mark.django_db
def test_a_reviewer_chooses_the_steps_pictures(demo_site, client):
    """The image chooser lists the pictures for a guide reviewer, also once the group was made
    again without Wagtail's migrations (a flushed database: load_demo rebuilds the skeleton)."""
    from django.contrib.auth.models import Group
    from wagtail.images import get_image_model

    from home.demo_loader import build_skeleton

    reviewers = Group.objects.get(name=skeleton.REVIEWERS_GROUP)
    reviewers.collection_permissions.all().delete()
    build_skeleton()
    user = get_user_model().objects.create_user("relecteur", password="x")
    user.groups.add(reviewers)
    client.force_login(user)
    response = client.get("/admin/images/chooser/")
    picture = get_image_model().objects.first()
    assert response.status_code == 200
    assert picture.title in response.json()["html"]

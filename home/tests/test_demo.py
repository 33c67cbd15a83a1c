"""load_demo adds the demo content: it creates what is missing and never overwrites an edit."""

import io
from datetime import date, time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from guides.models import GlossaryTerm, GuidePage
from home.models import HomePage
from locations.models import LocationPage, Slot

pytestmark = pytest.mark.django_db


def load_demo(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def snapshot():
    return sorted(Page.objects.values_list("url_path", "title", "live"))


def test_load_demo_twice_gives_the_same_site(demo_site):
    load_demo()
    first = snapshot()
    load_demo()
    assert snapshot() == first
    assert HomePage.objects.filter(locale__language_code="fr").count() == 1
    assert HomePage.objects.count() == 3  # and one translation each in English and Arabic
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class is HomePage
    # Wagtail's placeholder "Welcome" page is gone.
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()


def french_rib():
    return GlossaryTerm.objects.get(slug="rib", locale__language_code="fr")


def test_load_demo_again_makes_no_revision(demo_site):
    revisions = Revision.objects.count()
    published = sorted(Page.objects.values_list("pk", "last_published_at"))
    load_demo()
    assert Revision.objects.count() == revisions
    assert sorted(Page.objects.values_list("pk", "last_published_at")) == published


def test_home_doors_lead_to_the_sections(demo_site):
    home = HomePage.objects.get(locale__language_code="fr")
    links = next(block.value["links"] for block in home.body if block.block_type == "links")
    assert [link["page"].slug for link in links] == [
        "guides",
        "lieux",
        "trouver-de-l-aide",
        "parcours",
        "glossaire",
        "partenaires",
    ]


@pytest.fixture
def edits(demo_site):
    """A club edits its place (title, a slot) and an editor a guide, both published."""
    user = get_user_model().objects.create_superuser("club", "club@example.org", "x")
    place = LocationPage.objects.get(slug="creully")
    place.title = "France Services de Creully (nouvelle adresse)"
    place.slots = [Slot(weekday=4, start=time(14), end=time(16), recurrence="weekly")]
    place.save_revision(user=user).publish(user=user)
    guide = GuidePage.objects.get(slug="faire-un-virement", locale__language_code="fr")
    guide.summary = "Payer quelqu'un depuis votre compte."
    guide.save_revision(user=user).publish(user=user)
    term = french_rib()
    term.definition = "Le relevé de votre compte."
    term.save()
    return place, guide


def test_edits_survive_load_demo(edits):
    place, guide = edits
    load_demo()
    place = LocationPage.objects.get(pk=place.pk)
    assert place.title == "France Services de Creully (nouvelle adresse)"
    assert [(s.weekday, s.start) for s in place.slots.all()] == [(4, time(14))]
    assert GuidePage.objects.get(pk=guide.pk).summary == "Payer quelqu'un depuis votre compte."
    assert french_rib().definition == "Le relevé de votre compte."
    assert LocationPage.objects.filter(slug="creully").count() == 1


def test_reset_restores_the_demo_text_and_keeps_the_sections(edits, settings):
    settings.DEBUG = True  # a development site: --reset is refused elsewhere
    sections = sorted(Page.objects.filter(depth__lte=3).values_list("pk", "url_path"))
    out = load_demo("--reset", "--noinput")
    assert "Supprimé (clubs et lieux)" in out and "Créé (clubs et lieux)" in out
    place = LocationPage.objects.get(slug="creully")
    assert place.title == "France Services de Creully sur Seulles"
    assert sorted((s.weekday, s.recurrence) for s in place.slots.all()) == [(1, "first"), (1, "third")]
    guide = GuidePage.objects.get(slug="faire-un-virement", locale__language_code="fr")
    assert guide.summary == "Envoyer de l'argent de votre compte vers le compte d'une autre personne."
    assert [r.guide.slug for r in guide.related_guides.all()] == [
        "ajouter-un-beneficiaire",
        "envoyer-de-l-argent-a-l-etranger",
    ]
    assert french_rib().definition.startswith("Relevé d'identité bancaire.")
    assert sorted(Page.objects.filter(depth__lte=3).values_list("pk", "url_path")) == sections
    home = HomePage.objects.get(locale__language_code="fr")
    assert any(block.block_type == "links" for block in home.body)


def test_reset_asks_before_deleting(demo_site, monkeypatch, settings):
    from django.core.management.base import CommandError

    settings.DEBUG = True
    monkeypatch.setattr("builtins.input", lambda prompt: "non")
    with pytest.raises(CommandError):
        load_demo("--reset")
    assert LocationPage.objects.filter(slug="creully").exists()


def test_reset_is_refused_on_a_real_site(demo_site, settings):
    """The demo clubs' slugs look like real clubs: outside development, --reset deletes nothing."""
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="n'est permis qu'en développement"):
        load_demo("--reset", "--noinput")
    assert LocationPage.objects.filter(slug="creully").exists()


def test_reset_never_deletes_recorded_activity(demo_site, settings, django_user_model):
    """A real intervention recorded at a demo club stops the reset, in French, and nothing goes."""
    from django.core.management.base import CommandError

    from activity.models import ActivityRecord

    settings.DEBUG = True
    place = LocationPage.objects.get(slug="creully")
    mediator = django_user_model.objects.create_user("mediatrice")
    ActivityRecord.objects.create(
        date=date.today(),
        territory=place.get_parent().specific,
        place=place,
        mediator=mediator,
        themes=" rib ",
    )
    with pytest.raises(CommandError, match="interventions enregistrées"):
        load_demo("--reset", "--noinput")
    assert LocationPage.objects.filter(slug="creully").exists()
    assert ActivityRecord.objects.filter(mediator=mediator).count() == 1

"""Guides, glossary terms and learning paths, for tests."""

from django.core.files.base import ContentFile
from wagtail.images import get_image_model
from wagtail.models import Locale

from guides.models import (
    GlossaryPage,
    GlossaryTerm,
    GuideIndexPage,
    GuidePage,
    GuideTopic,
    LearningPathGuide,
    LearningPathIndexPage,
    LearningPathPage,
)
from home.tests.factories import publish, section, unique

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def make_image(title=None):
    """A 10 × 10 SVG image in the image library (SVG needs no Pillow)."""
    image = get_image_model()(title=title or unique("Image"), width=10, height=10)
    image.file.save(f"{unique('image')}.svg", ContentFile(SVG), save=False)
    image.width, image.height = 10, 10  # assigning the file resets them
    image.save()
    return image


def step(title, text="", image=None, alt="", decorative=False):
    value = {"title": title, "text": f"<p>{text}</p>" if text else ""}
    if image is not None:
        value["illustration"] = {"image": image.pk, "alt": alt, "decorative": decorative}
    return {"type": "step", "value": value}


def tip(text):
    return {"type": "tip", "value": {"text": f"<p>{text}</p>"}}


def warning(text):
    return {"type": "warning", "value": {"text": f"<p>{text}</p>"}}


def make_topic(name=None, **fields):
    name = name or unique("Thème")
    return GuideTopic.objects.create(name=name, slug=unique("theme"), **fields)


def make_guide(title=None, steps=None, **fields):
    """A published guide with three steps (the second followed by a tip) unless told otherwise."""
    values = {
        "title": title or unique("Guide").replace("-", " "),
        "summary": "Vous saurez faire une chose simple.",
        "audience": "Toute personne",
        "steps": steps
        or [
            step("Ouvrez le site", "Tapez l'adresse du site."),
            step("Cliquez sur « Se connecter »", "Le bouton est en haut."),
            tip("Vous pouvez aussi utiliser votre téléphone."),
            step("Tapez votre mot de passe", "Personne ne doit le voir."),
        ],
        **fields,
    }
    return publish(GuidePage(**values), section(GuideIndexPage))


def make_term(term=None, definition="Un mot expliqué simplement.", variants=""):
    term = term or unique("Mot")
    return GlossaryTerm.objects.create(
        term=term, slug=unique("mot"), definition=definition, variants=variants
    )


def glossary_page():
    """The French glossary page (the demo also has its translations)."""
    french = GlossaryPage.objects.live().filter(locale=Locale.get_default()).first()
    return french or section(GlossaryPage)


def make_path(guides, title=None, **fields):
    page = LearningPathPage(title=title or unique("Parcours").replace("-", " "), **fields)
    page.path_guides = [LearningPathGuide(guide=guide, sort_order=i) for i, guide in enumerate(guides)]
    return publish(page, section(LearningPathIndexPage))

"""Workshop posters in a real Chromium: accessible, and one A4 page on paper.

Posters are not in the sitemap (noindex), so the site-wide crawls do not visit them: this does."""

import pytest

from home.testing import poster_problems
from workshops.models import WorkshopPage

pytestmark = pytest.mark.browser


def test_workshop_posters_are_accessible_and_print_on_one_a4_page(live_demo, chromium):
    paths = [w.url for w in WorkshopPage.objects.live().order_by("path") if not w.is_past]
    assert len(paths) >= 4
    context = chromium.new_context(locale="fr-FR")
    page = context.new_page()
    failures = []
    for path in paths:
        failures += poster_problems(
            page,
            live_demo,
            path,
            "Imprimer l'affiche de l'atelier",
            lambda text: "ATELIER" in text.upper() and "S'inscrire" in text,
        )
    context.close()
    assert not failures, "\n".join(failures)

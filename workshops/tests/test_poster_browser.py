"""Workshop posters in a real Chromium: accessible, and one A4 page on paper.

Posters are not in the sitemap (noindex), so the site-wide crawls do not visit them: this does."""

import io

import pytest
from pypdf import PdfReader

from home.testing import axe_report
from workshops.models import WorkshopPage

pytestmark = pytest.mark.browser


def test_workshop_posters_are_accessible_and_print_on_one_a4_page(live_demo, chromium):
    paths = [w.url for w in WorkshopPage.objects.live().order_by("path") if not w.is_past]
    assert len(paths) >= 4
    context = chromium.new_context(locale="fr-FR")
    page = context.new_page()
    failures = []
    for path in paths:
        page.goto(live_demo + path)
        page.get_by_role("link", name="Imprimer l'affiche de l'atelier").click()
        assert page.url == live_demo + path + "affiche/"
        report = axe_report(page)
        if report:
            failures.append(f"--- {path}affiche/\n{report}")
        pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
        box = pdf.pages[0].mediabox
        if len(pdf.pages) != 1 or abs(float(box.width) - 595.28) > 1 or abs(float(box.height) - 841.89) > 1:
            failures.append(f"{path}affiche/: {len(pdf.pages)} pages of {box.width}×{box.height} pt")
        text = " ".join(pdf.pages[0].extract_text().split())
        if "ATELIER" not in text.upper() or "S'inscrire" not in text:
            failures.append(f"{path}affiche/: poster text missing: {text[:200]}")
    context.close()
    assert not failures, "\n".join(failures)

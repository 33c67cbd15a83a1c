"""A club's mediator enters ten interventions in a real Chromium, at phone width, then finds them
in the figures and the annual report."""

import time

import pytest
from django.utils import timezone

from activity.models import ActivityRecord

from .factories import PASSWORD, make_club, make_staff

pytestmark = pytest.mark.browser


@pytest.fixture
def staff_page(live_demo, page):
    territory, place, _ = make_club("Club du Bocage")
    user = make_staff(territory, username="mediatrice-bocage")
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_demo + "/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_demo + "/admin/")
    return page, territory, place, user


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_ten_interventions_in_under_two_minutes(staff_page, live_demo):
    page, territory, place, user = staff_page
    started = time.monotonic()
    # From the dashboard, one click.
    page.get_by_role("link", name="Feuille de la journée").first.click()
    page.wait_for_url("**/admin/activite/journee/")
    assert no_horizontal_scroll(page)
    # The place is already chosen: the club has one. « 3 virements, 1 RIB, 1 atelier de 6 ».
    page.select_option("#id_jour-place", str(place.pk))
    page.fill("#id_lignes-0-count", "3")
    page.select_option("#id_lignes-0-theme", "banque-virement")
    page.fill("#id_lignes-1-count", "1")
    page.select_option("#id_lignes-1-theme", "banque-rib")
    page.fill("#id_lignes-2-count", "1")
    page.select_option("#id_lignes-2-kind", "atelier")
    page.select_option("#id_lignes-2-theme", "banque-arnaques")
    page.fill("#id_lignes-2-participants", "6")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer et saisir une autre journée").click()
    assert "5 interventions enregistrées" in page.content()
    # Then five single interventions, keyboard only: the form comes back pre-filled
    # (today, the usual place); tick a theme, press Enter: « Enregistrer et saisir la suivante ».
    page.goto(live_demo + "/admin/activite/saisir/")
    assert no_horizontal_scroll(page)
    for theme in ["banque-comptes", "banque-chequier", "demarche", "banque-etranger", "banque-virement"]:
        assert page.locator("#id_place").input_value() == str(place.pk)
        page.locator(f"input[name=theme_list][value={theme}]").focus()
        page.keyboard.press("Space")
        page.locator("#id_date").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "Intervention enregistrée" in page.content()
    elapsed = time.monotonic() - started
    print(f"10 interventions en {elapsed:.1f} s de navigateur")
    assert elapsed < 120, f"{elapsed:.0f} s"
    records = ActivityRecord.objects.filter(mediator=user)
    assert records.count() == 10
    assert set(records.values_list("territory_id", flat=True)) == {territory.pk}
    # The figures show them: 10 interventions, 9 + 6 people.
    page.goto(live_demo + "/admin/activite/")
    totals = page.locator(".activity-totals").inner_text()
    assert "15" in totals and "10" in totals
    assert page.locator("svg[role=img] title").count() >= 3
    year = timezone.localdate().year
    page.goto(live_demo + f"/admin/activite/rapport/?annee={year}&club={territory.pk}")
    assert page.locator("h1").inner_text() == f"Rapport d'activité {year} : Club du Bocage"
    assert "Faire un virement" in page.locator("main").inner_text()

"""A club's mediator runs the diagnostic with a person in a real Chromium, on a phone, records it
with the intervention, hands the person their advice and finds the profile in the figures."""

import pytest

from activity.tests.factories import PASSWORD, make_club, make_staff
from diagnostic.models import DetectedProfile

pytestmark = pytest.mark.browser


def test_a_mediator_records_a_diagnostic_and_finds_it_in_the_figures(live_demo, phone):
    territory, place, _ = make_club("Club du Bocage")
    user = make_staff(territory, username="mediatrice-bocage")
    page = phone
    page.goto(live_demo + "/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_demo + "/admin/")
    page.goto(live_demo + "/admin/activite/diagnostic/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    for name, answer in [
        ("Avez-vous un ordinateur, une tablette ou un smartphone ?", "Oui, seul(e)"),
        ("Avez-vous internet chez vous ?", "Non"),
        ("Faites-vous vos démarches CAF ou Ameli en ligne ?", "Non"),
    ]:
        page.get_by_role("group", name=name).get_by_label(answer, exact=True).check()
    page.select_option("#id_place", str(place.pk))
    page.locator("input[name=theme_list][value=demarche]").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer le diagnostic et l'intervention").click()
    assert page.get_by_role("cell", name="À accompagner").count() == 1  # procedures
    profile = DetectedProfile.objects.get(record__mediator=user)
    assert profile.no_home_internet and profile.procedures == "a-accompagner"
    # The person's advice: the public page, with the answers in its address only.
    with page.expect_navigation():
        page.get_by_role("link", name="Ce que la personne peut faire ensuite").click()
    assert "q-internet=non" in page.url
    assert page.get_by_role("heading", name="Accès internet / tarif social").is_visible()
    page.goto(live_demo + "/admin/activite/")
    panel = page.locator("section", has=page.get_by_role("heading", name="Fragilités détectées"))
    assert "1 diagnostic" in panel.inner_text()
    row = panel.get_by_role("row", name="Démarches en ligne")
    assert row.get_by_role("cell").first.inner_text() == "1"  # « À accompagner »

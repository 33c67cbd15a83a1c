"""Issue 15 in a real Chromium: club staff change a place's hours and publish in two screens,
in French, and the public page, poster and agenda show the change."""

import re

import pytest
from django.contrib.auth import get_user_model

from locations import staff
from locations.models import LocationPage, TerritoryPage

pytestmark = pytest.mark.browser

PASSWORD = "mot-de-passe-de-test"
# English words Wagtail shows when a string is not translated (whole words, any case).
ENGLISH = ["Save", "Publish", "draft", "Add", "Delete", "Moderators", "approval", "Submit", "un(e)"]


def english_words(text):
    found = [word for word in ENGLISH if word == "un(e)" and word in text]
    found += [w for w in ENGLISH if w != "un(e)" and re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE)]
    return found


def visible_text(page):
    return page.locator("body").inner_text()


@pytest.fixture
def staff_page(live_demo, page):
    user = get_user_model().objects.create_user("equipe-navigateur", "en@example.org", PASSWORD)
    user.groups.add(staff.staff_group_of(TerritoryPage.objects.get(slug="face-normandie")))
    page.goto(live_demo + "/admin/login/")
    page.fill("input[name=username]", "equipe-navigateur")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_demo + "/admin/")
    return page


def test_staff_change_hours_and_publish_in_two_screens_in_french(staff_page, live_demo):
    browser = staff_page
    place = LocationPage.objects.get(slug="creully")
    # Screen 0 (the dashboard): « Mes lieux », the place and its edit button.
    assert english_words(visible_text(browser)) == []
    browser.click(f'#my-places-section a[href="/admin/pages/{place.pk}/edit/"]')
    # Screen 1: the edit view opens on the hours.
    browser.wait_for_url(re.compile(rf".*/admin/pages/{place.pk}/edit/$"))
    browser.wait_for_load_state("networkidle")
    assert english_words(visible_text(browser)) == []
    browser.click("#id_slots-ADD")  # a blank row added by mistake does not block
    total = int(browser.locator("#id_slots-TOTAL_FORMS").input_value())
    browser.click("#id_slots-ADD")
    index = total
    browser.select_option(f"#id_slots-{index}-weekday", "5")  # samedi
    browser.fill(f"#id_slots-{index}-start", "10:00")
    browser.fill(f"#id_slots-{index}-end", "11:45")
    browser.fill(f"#id_slots-{index}-note", "atelier du samedi")
    browser.keyboard.press("Escape")  # close the time picker
    main = browser.locator("footer button[name=action-publish]")
    assert main.inner_text().strip() == "Publier"
    main.click()
    # Screen 2: back in the club's pages, with what the public sees now.
    browser.wait_for_load_state("networkidle")
    text = visible_text(browser)
    assert "visibles tout de suite sur la page du lieu et son affiche" in text
    assert english_words(text) == []

    place.refresh_from_db()
    assert place.slots.filter(weekday=5, note="atelier du samedi").exists()
    url = live_demo + place.url
    for public in (url, url + "affiche/", url + "agenda.ics"):
        response = browser.request.get(public)
        assert response.ok, public
        assert "atelier du samedi" in response.text().lower(), public
    assert "T114500" in browser.request.get(url + "agenda.ics").text()

"""Club staff add and edit partners in the Wagtail admin, with checkboxes for the help kinds."""

import os

from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from locations.models import TerritoryPage
from partners.models import PartnerPage


class PartnerAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115

    def setUp(self):
        self.login()
        self.territory = TerritoryPage.objects.get(slug="mediance-66")

    def test_partners_can_only_be_created_under_a_territory(self):
        self.assertAllowedParentPageTypes(PartnerPage, {TerritoryPage})

    def test_staff_create_a_partner_with_checkboxes_and_the_insee_code_is_filled(self):
        self.assertCanCreate(
            self.territory,
            PartnerPage,
            {
                **nested_form_data({"comments": inline_formset([])}),
                "title": "Repair café numérique",
                "slug": "repair-cafe",
                "help_kinds": ["materiel", "formation"],  # two ticked checkboxes
                "postcode": "66000",
                "commune": "perpignan",
                "phone": "04 65 71 00 99",
            },
        )
        partner = PartnerPage.objects.get(slug="repair-cafe")
        assert partner.help_kinds == "formation materiel"
        assert partner.insee == "66136"

    def test_edit_form_shows_the_kinds_as_checked_checkboxes(self):
        partner = PartnerPage.objects.get(slug="ccas-perpignan")
        response = self.client.get(f"/admin/pages/{partner.pk}/edit/")
        assert response.status_code == 200
        boxes = BeautifulSoup(response.content, "html.parser").find_all("input", attrs={"name": "help_kinds"})
        assert [box["type"] for box in boxes] == ["checkbox"] * 6
        assert [box["value"] for box in boxes if box.has_attr("checked")] == ["demarches", "banque-budget"]

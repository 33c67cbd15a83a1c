"""Club staff add and edit partners in the Wagtail admin, with checkboxes for the help kinds."""

from bs4 import BeautifulSoup
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from locations.models import TerritoryPage
from locations.tests.factories import make_territory
from partners.models import PartnerPage

from .factories import add_partner


class PartnerAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.territory = make_territory("Club de Perpignan", departments="66")
        cls.ccas = add_partner(
            cls.territory,
            "ccas",
            "CCAS de Perpignan",
            kinds="demarches banque-budget",
            postcode="66000",
            commune="Perpignan",
        )

    def setUp(self):
        self.login()

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
        partner = PartnerPage.objects.child_of(self.territory).get(slug="repair-cafe")
        assert partner.help_kinds == "formation materiel"
        assert partner.insee == "66136"

    def test_edit_form_shows_the_kinds_as_checked_checkboxes(self):
        response = self.client.get(f"/admin/pages/{self.ccas.pk}/edit/")
        assert response.status_code == 200
        boxes = BeautifulSoup(response.content, "html.parser").find_all("input", attrs={"name": "help_kinds"})
        assert [box["type"] for box in boxes] == ["checkbox"] * 6
        assert [box["value"] for box in boxes if box.has_attr("checked")] == ["demarches", "banque-budget"]

"""Club staff: each club edits its own places only, through Wagtail's page permissions."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from locations import staff
from locations.models import ClubStaffGroup, LocationIndexPage, LocationPage, TerritoryPage
from partners.models import PartnerPage

PASSWORD = "mot-de-passe-de-test"


def make_staff(username, territory_slug):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(staff.staff_group_of(TerritoryPage.objects.get(slug=territory_slug)))
    return user


@pytest.fixture
def staff_a(demo_site, client):
    user = make_staff("club-a", "face-normandie")
    client.force_login(user)
    return user


def place(slug):
    return LocationPage.objects.get(slug=slug)


def value(field):
    return "" if field is None else str(field)


def data_slots(page):
    return [
        {
            "id": slot.pk,
            "weekday": slot.weekday,
            "start": slot.start.strftime("%H:%M"),
            "end": slot.end.strftime("%H:%M"),
            "recurrence": slot.recurrence,
            "valid_from": value(slot.valid_from),
            "valid_until": value(slot.valid_until),
            "note": slot.note,
        }
        for slot in page.slots.all()
    ]


def place_form_data(page, **changes):
    """The edit form of a place, as the browser would post it, with `changes`."""
    slots = data_slots(page)
    closures = [
        {"id": c.pk, "start": c.start.isoformat(), "end": c.end.isoformat(), "reason": c.reason}
        for c in page.closures.all()
    ]
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "kind": page.kind,
        "address": page.address,
        "address_complement": page.address_complement,
        "postcode": page.postcode,
        "insee": page.insee,
        "commune": page.commune,
        "latitude": value(page.latitude),
        "longitude": value(page.longitude),
        "reception": page.reception,
        "phone": page.phone,
        "email": page.email,
        "siret": page.siret,
        "hours_confirmed_on": value(page.hours_confirmed_on),
        "holiday_zone": page.holiday_zone,
        "slots": inline_formset(slots, initial=len(slots)),
        "closures": inline_formset(closures, initial=len(closures)),
        "comments": inline_formset([]),
    }
    data.update(changes)
    form = nested_form_data(data)
    form["services"] = list(page.services)
    form["equipment"] = list(page.equipment)
    form["access"] = list(page.access)
    return form


# --- the groups ---------------------------------------------------------------------------


def test_each_club_has_its_staff_group_on_its_own_subtree_only(demo_site):
    for territory in TerritoryPage.objects.all():
        group = staff.staff_group_of(territory)
        assert group.name == f"Équipe {territory.title}"
        perms = GroupPagePermission.objects.filter(group=group)
        assert {p.page_id for p in perms} == {territory.pk}
        assert {p.permission.codename for p in perms} == {
            "add_page",
            "change_page",
            "publish_page",
            "lock_page",
            "unlock_page",
        }
        assert group.permissions.filter(codename="access_admin").exists()


def test_a_territory_created_in_code_gets_its_group_and_it_follows_a_rename(demo_site):
    index = LocationIndexPage.objects.get()
    territory = TerritoryPage(title="Médiance 34", slug="mediance-34", departments="34")
    index.add_child(instance=territory)
    group = staff.staff_group_of(territory)
    assert group.name == "Équipe Médiance 34"
    assert GroupPagePermission.objects.filter(group=group, page=territory).count() == 5

    territory.title = "Médiance Hérault"
    territory.save_revision().publish()
    group.refresh_from_db()
    assert group.name == "Équipe Médiance Hérault"
    assert GroupPagePermission.objects.filter(group=group, page=territory).count() == 5

    group_pk = group.pk
    territory.delete()
    # The group is kept (renamed, without page permissions) for an administrator to delete.
    assert Group.objects.get(pk=group_pk).name == "Équipe Médiance Hérault (club supprimé)"
    assert not GroupPagePermission.objects.filter(group_id=group_pk).exists()
    assert not ClubStaffGroup.objects.filter(group_id=group_pk).exists()


def test_a_draft_title_does_not_rename_the_group(demo_site):
    territory = TerritoryPage.objects.get(slug="mediance-13")
    territory.title = "Brouillon"
    territory.save_revision()
    assert staff.staff_group_of(territory).name == "Équipe Médiance 13"


def test_sync_is_idempotent_and_removes_permissions_given_elsewhere(demo_site):
    territory = TerritoryPage.objects.get(slug="face-reunion")
    group = staff.staff_group_of(territory)
    GroupPagePermission.objects.create(
        group=group,
        page=Page.objects.get(slug="guides", locale__language_code="fr"),
        permission_type="change",
    )
    staff.sync_staff_group(territory)
    staff.sync_staff_group(territory)
    assert {p.page_id for p in GroupPagePermission.objects.filter(group=group)} == {territory.pk}
    assert GroupPagePermission.objects.filter(group=group).count() == 5


def test_renaming_a_territory_in_the_admin_renames_its_group(demo_site, admin_client):
    territory = TerritoryPage.objects.get(slug="mediance-66")
    data = nested_form_data(
        {
            "title": "Médiance Pyrénées",
            "slug": territory.slug,
            "intro": territory.intro,
            "departments": territory.departments,
            "email": "",
            "phone": "",
            "website": "",
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/{territory.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert staff.staff_group_of(territory).name == "Équipe Médiance Pyrénées"


# --- the permission matrix, through the admin ----------------------------------------------


def test_staff_edit_and_publish_their_own_place(staff_a, client):
    page = place("tilly-sur-seulles")
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200

    # Save a draft: a new slot on Saturday.
    data = place_form_data(page)
    slots = [
        *data_slots(page),
        {
            "weekday": 5,
            "start": "10:00",
            "end": "12:00",
            "recurrence": "weekly",
            "valid_from": "",
            "valid_until": "",
            "note": "",
        },
    ]
    data.update(nested_form_data({"slots": inline_formset(slots, initial=len(slots) - 1)}))
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    assert page.has_unpublished_changes
    assert page.slots.count() == 2  # the live page is unchanged until published

    # Publish it.
    data["action-publish"] = "publish"
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.has_unpublished_changes
    assert sorted(s.weekday for s in page.slots.all()) == [2, 4, 5]


def test_staff_add_a_partner_under_their_territory(staff_a, client):
    territory = TerritoryPage.objects.get(slug="face-normandie")
    response = client.get(f"/admin/pages/add/partners/partnerpage/{territory.pk}/")
    assert response.status_code == 200
    data = {
        **nested_form_data({"comments": inline_formset([])}),
        "title": "Atelier informatique de Caen",
        "slug": "atelier-caen",
        "help_kinds": ["formation"],
        "postcode": "14000",
        "commune": "Caen",
        "action-publish": "publish",
    }
    response = client.post(f"/admin/pages/add/partners/partnerpage/{territory.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    partner = PartnerPage.objects.get(slug="atelier-caen")
    assert partner.live and partner.get_parent().pk == territory.pk


def assert_refused(response):
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/login/" in response.url or response.url.rstrip("/").endswith("/admin")


def test_staff_cannot_touch_another_clubs_place(staff_a, client):
    other = place("thuir")  # Médiance 66
    before = (other.title, other.latest_revision_id, other.slots.count())
    assert_refused(client.get(f"/admin/pages/{other.pk}/edit/"))
    data = place_form_data(other, title="Piraté")
    assert_refused(client.post(f"/admin/pages/{other.pk}/edit/", data))
    data["action-publish"] = "publish"
    assert_refused(client.post(f"/admin/pages/{other.pk}/edit/", data))
    assert_refused(client.get(f"/admin/pages/{other.pk}/unpublish/"))
    assert_refused(client.post(f"/admin/pages/{other.pk}/unpublish/"))
    other_territory = TerritoryPage.objects.get(slug="mediance-66")
    assert_refused(client.get(f"/admin/pages/add/locations/locationpage/{other_territory.pk}/"))
    assert_refused(
        client.post(
            f"/admin/pages/add/partners/partnerpage/{other_territory.pk}/",
            {
                **nested_form_data({"comments": inline_formset([])}),
                "title": "Intrus",
                "slug": "intrus",
                "help_kinds": ["formation"],
                "postcode": "66000",
                "commune": "Perpignan",
            },
        )
    )
    other.refresh_from_db()
    assert (other.title, other.latest_revision_id, other.slots.count()) == before
    assert not PartnerPage.objects.filter(slug="intrus").exists()
    assert other.live


def test_staff_cannot_edit_guides_or_the_home_page(staff_a, client):
    home = Page.objects.get(depth=2, locale__language_code="fr")
    guides = Page.objects.get(slug="guides", locale__language_code="fr")
    # Nor any translated page of the site's top (/en/, /ar/: home, guides, diagnostic, glossary…).
    translated = Page.objects.filter(depth__in=[2, 3], locale__language_code__in=["en", "ar"])
    assert translated.filter(depth=2).count() == 2 and translated.filter(slug="guides").count() == 2
    for page in (home, guides, *guides.get_children()[:1], *translated):
        assert_refused(client.get(f"/admin/pages/{page.pk}/edit/"))
    assert_refused(client.get(f"/admin/pages/add/home/standardpage/{home.pk}/"))


def test_staff_cannot_delete_their_territory(staff_a, client):
    territory = TerritoryPage.objects.get(slug="face-normandie")
    response = client.post(f"/admin/pages/{territory.pk}/delete/")
    # Refused by locations.admin_guard: back to the territory's editor with a message.
    assert response.status_code == 302 and response.url == f"/admin/pages/{territory.pk}/edit/"
    assert TerritoryPage.objects.filter(pk=territory.pk).exists()

"""The staff path in French (issue 27, item 6): our own help page instead of Wagtail's English
editor guide, French names for Wagtail's groups and workflow words, no « crées »."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user("redactrice", "r@example.org", "x")
    user.groups.add(Group.objects.get(name="Rédacteurs"))
    client.force_login(user)
    return client


def test_the_help_menu_leads_to_our_french_help(editor):
    html = editor.get("/admin/").content.decode()
    # The help menu (the sidebar's data): our page, not Wagtail's English guide.
    assert '"name": "editor-guide"' not in html and "whats-new-in-wagtail" not in html
    assert '"url": "/admin/aide/"' in html
    help_page = editor.get("/admin/aide/").content.decode()
    assert "Mettre à jour les horaires d'un lieu" in help_page
    assert "Soumettre à Relecture des guides" in help_page


def test_wagtail_groups_and_workflow_words_are_french(admin_client):
    assert not Group.objects.filter(name="Editors").exists()
    html = admin_client.get("/admin/").content.decode()
    assert "Circuits de relecture" in html and ">Workflows<" not in html
    assert "Tâches de workflow" not in admin_client.get("/admin/workflows/list/").content.decode()
    assert " crées " not in html

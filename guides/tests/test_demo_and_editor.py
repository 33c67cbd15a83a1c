"""Demo content quality, the review workflow, and what editors see in the admin."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from wagtail.admin.userbar import ContentCheckerItem, apply_userbar_hooks
from wagtail.models import WorkflowPage

from guides.models import GuideIndexPage, GuidePage
from guides.plain_language import analyse
from guides.wagtail_hooks import GuidesContentCheckerItem
from home.skeleton import WORKFLOW_NAME

pytestmark = pytest.mark.django_db


def test_demo_has_at_least_13_live_guides_in_plain_language(demo_site):
    guides = list(GuidePage.objects.live())
    assert len(guides) >= 13
    for guide in guides:
        steps = [block for block in guide.steps if block.block_type == "step"]
        assert 4 <= len(steps) <= 8, guide.slug
        score = guide.readability()
        assert score.mean_sentence_length <= 15, (guide.slug, score.mean_sentence_length)
    overall = analyse(part for guide in guides for part in guide.text_parts())
    assert overall.mean_sentence_length <= 15
    assert overall.word_count > 1000


def test_demo_guides_cover_every_topic_and_use_illustrations(demo_site):
    guides = GuidePage.objects.live().select_related("topic")
    assert {guide.topic.slug for guide in guides} == {"banque", "demarches", "securite", "debuter"}
    illustrations = [
        block.value["illustration"]
        for guide in guides
        for block in guide.steps
        if block.block_type == "step" and block.value["illustration"]["image"]
    ]
    assert len(illustrations) >= 4
    assert all(item["alt"] or item["decorative"] for item in illustrations)
    assert any(item["decorative"] for item in illustrations)
    assert all(item["image"].file.name.endswith(".svg") for item in illustrations)


def test_review_workflow_is_assigned_to_the_guides(demo_site):
    index = GuideIndexPage.objects.get(locale__language_code="fr")
    link = WorkflowPage.objects.get(page=index)
    assert link.workflow.name == WORKFLOW_NAME and link.workflow.active
    tasks = list(link.workflow.tasks.specific())
    assert [task.groups.get().name for task in tasks] == ["Relecteurs des guides"]
    guide = GuidePage.objects.get(slug="faire-un-virement", locale__language_code="fr")
    assert guide.get_workflow() == link.workflow


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editrice", "e@example.org", "x")
    client.force_login(user)
    return client


def test_editor_sees_plain_language_score_of_the_guide(editor_client, demo_site):
    guide = GuidePage.objects.get(slug="faire-un-virement", locale__language_code="fr")
    response = editor_client.get(f"/admin/pages/{guide.pk}/edit/")
    assert response.status_code == 200
    panel = BeautifulSoup(response.content, "html.parser").select_one(".plain-language-panel")
    text = " ".join(panel.get_text().split())
    assert "Facile à lire" in text
    assert "Longueur moyenne des phrases" in text and "objectif : 15 mots" in text


def test_editor_sees_long_sentences_to_cut(editor_client, demo_site):
    guide = GuidePage.objects.get(slug="faire-un-virement", locale__language_code="fr")
    guide.summary = (
        "Ce guide vous permettra de procéder à l'exécution d'un virement bancaire depuis votre espace "
        "personnel sécurisé en suivant attentivement chacune des étapes décrites ci-dessous par nos équipes."
    )
    guide.save_revision()
    response = editor_client.get(f"/admin/pages/{guide.pk}/edit/")
    panel = BeautifulSoup(response.content, "html.parser").select_one(".plain-language-panel")
    assert "Phrases de plus de 20 mots" in panel.get_text()


def test_content_checker_adds_alt_text_rules_and_keeps_heading_order(rf, demo_site):
    items = [ContentCheckerItem(in_editor=True)]
    apply_userbar_hooks(rf.get("/"), items, GuidePage.objects.first())
    assert type(items[0]) is GuidesContentCheckerItem
    rules = items[0].get_axe_run_only(None)
    assert {"heading-order", "image-alt", "alt-text-quality"} <= set(rules)


def test_editor_checks_panel_is_configured_with_our_rules(editor_client, demo_site):
    guide = GuidePage.objects.get(slug="faire-un-virement", locale__language_code="fr")
    response = editor_client.get(f"/admin/pages/{guide.pk}/edit/")
    content = response.content.decode()
    assert "image-alt" in content and "heading-order" in content
    assert "Image sans texte alternatif" in content


def test_guide_type_is_only_creatable_under_the_index():
    assert GuidePage.parent_page_types == ["guides.GuideIndexPage"]
    assert ContentType.objects.get_for_model(GuidePage)

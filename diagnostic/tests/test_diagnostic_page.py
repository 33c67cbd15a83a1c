"""/ou-en-etes-vous/ on the demo site: the questions, the result, what to do next, and nothing stored."""

import re
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils.html import escape

from diagnostic.models import DiagnosticPage
from diagnostic.questions import QUESTIONS
from locations.poster import qr_data_uri

pytestmark = pytest.mark.usefixtures("demo_site")

URL = "/ou-en-etes-vous/"
ALL_YES = {q.field: "oui" for q in QUESTIONS}


def diagnose(client, ou="14100", **answers):
    query = {**{f"q-{code}": value for code, value in answers.items()}, "ou": ou}
    response = client.get(f"{URL}?{urlencode(query)}")
    assert response.status_code == 200
    return response


def section_after(html, heading):
    """The HTML from `heading` to the next h3 (one block of recommendations)."""
    start = html.index(heading)
    end = html.find("<h3", start + len(heading))
    return html[start : end if end != -1 else None]


def test_the_page_comes_from_a_migration_and_asks_every_question_without_javascript(client):
    assert DiagnosticPage.objects.live().filter(locale__language_code="fr").count() == 1
    response = client.get(URL)
    html = response.content.decode()
    assert '<form class="diagnostic-form" method="get"' in html
    for question in QUESTIONS:
        assert str(question.text).replace("'", "&#x27;") in html
        for answer in ("oui", "aide", "non", "nsp"):
            assert f'name="{question.field}" value="{answer}"' in html
    assert "Votre résultat" not in html


def test_every_area_is_described_in_words_with_a_picture_that_is_not_colour_only(client):
    html = diagnose(
        client, appareil="oui", internet="oui", forfait="oui", courriel="aide", fichier="aide", caf="non"
    ).content.decode()
    assert "Équipement et connexion : À l&#x27;aise" in html
    assert "Usages de tous les jours : En chemin" in html
    assert "Démarches en ligne : À accompagner" in html
    assert "Banque en ligne et sécurité : Pas de réponse" in html
    assert "Niveau 3 sur 3." in html and "Niveau 2 sur 3." in html and "Niveau 1 sur 3." in html
    gauges = [re.sub(r"<[^>]+>", "", g) for g in re.findall(r'class="diagnostic-gauge"[^>]*>(.*?)</p>', html)]
    assert gauges == ["■■■", "■■□", "■□□", "□□□"]  # shapes, readable in black and white
    # The answers come back checked, to change one and see the result again.
    assert 'name="q-caf" value="non" checked' in html
    assert 'value="14100"' in html


def test_no_device_sends_to_solidarity_equipment_near_then_remote(client):
    html = diagnose(client, appareil="non", internet="non").content.decode()
    equipment = section_after(html, "<h4>Matériel à prix solidaire</h4>")
    assert "Ressourcerie informatique solidaire" in equipment  # Caen, in the Calvados
    assert "Équipement solidaire livré chez vous" in equipment  # remote
    internet = section_after(html, "<h4>Accès internet / tarif social</h4>")
    assert "Médiathèque : ateliers numériques" in internet  # Lisieux
    assert "Point info tarifs sociaux internet" in internet
    assert html.index("Matériel à prix solidaire") < html.index("Accès internet / tarif social")
    # Equipment first; the learning that fits comes after.
    assert "Scanner un document avec son téléphone" in html
    assert "Premiers pas avec son smartphone" in section_after(html, "Dans le Calvados")


def test_procedures_to_be_done_for_the_person_lead_to_the_nearest_permanence_and_remote_help(client):
    html = diagnose(client, franceconnect="non", caf="non", impots="nsp").content.decode()
    assert "<h4>Aide aux démarches</h4>" in html
    assert "Ligne d&#x27;aide au numérique" in html  # remote help by phone
    permanences = html.index("<h3>Permanences à Lisieux</h3>")
    assert "Un médiateur peut faire la démarche avec vous" in html[permanences:]
    assert "Les guides pour apprendre" in html
    assert "Créer son compte Ameli" in section_after(html, "Les guides pour apprendre")
    assert "Mes démarches sociales en ligne" in section_after(html, "Un parcours à suivre")
    workshops = section_after(html, "Les prochains ateliers près de chez vous")
    assert "Votre déclaration trimestrielle en ligne" in workshops  # Creully, in the Calvados
    assert "Marseille" not in workshops  # never a workshop far away


def test_banking_profile_gets_banking_guides_path_and_the_nearest_workshops_first(client):
    html = diagnose(client, comptes="non", virement="non", arnaque="aide").content.decode()
    guides = section_after(html, "Les guides pour apprendre")
    assert "Consulter ses comptes en ligne" in guides
    assert "Repérer un message d&#x27;hameçonnage" in guides
    assert "Premiers pas avec la banque en ligne" in section_after(html, "Un parcours à suivre")
    workshops = html[html.index("Les prochains ateliers près de chez vous") :]
    assert workshops.index("À Lisieux") < workshops.index("Banque en ligne : les premiers pas")
    # 14100 is also Saint-Martin-de-la-Lieue's postcode: its own group, after Lisieux's.
    assert workshops.index("À Lisieux") < workshops.index("À Saint-Martin-de-la-Lieue")
    assert workshops.index("À Saint-Martin-de-la-Lieue") < workshops.index("Repérer une arnaque")
    assert "Marseille" not in workshops.split("Vos réponses")[0]
    assert "<h4>Aide aux démarches</h4>" not in html  # nothing to do for them: no partner


def test_at_ease_everywhere_gets_no_recommendation(client):
    html = client.get(f"{URL}?{urlencode(ALL_YES)}&ou=14100").content.decode()
    assert "Bravo : vous êtes à l'aise partout." in html
    assert "Les guides pour apprendre" not in html


def test_an_unknown_place_is_said_in_french_and_the_answers_stay(client):
    html = diagnose(client, ou="99999", comptes="non").content.decode()
    assert 'role="alert"' in html
    assert 'name="q-comptes" value="non" checked' in html
    assert "Consulter ses comptes en ligne" in html  # the guides do not need a place


def test_a_public_diagnostic_stores_nothing(client):
    def snapshot():
        counts = {}
        for model in apps.get_models():
            if model._meta.db_table in connection.introspection.table_names():
                counts[model._meta.label] = model.objects.count()
        return counts

    before = snapshot()
    for answers in ({"appareil": "non"}, {"caf": "non", "comptes": "aide"}, {"visio": "nsp"}):
        diagnose(client, **answers)
    assert snapshot() == before
    assert not client.cookies  # no visitor cookie either


def test_the_result_prints_with_qr_codes_to_each_guide_and_to_itself(client):
    html = client.get(f"{URL}?q-comptes=non&ou=14100", HTTP_HOST="pasapas.example.org").content.decode()
    # Whatever the Host header, the codes lead to the site's public address.
    guide_url = f"{settings.WAGTAILADMIN_BASE_URL}/guides/consulter-ses-comptes-en-ligne/"
    assert f'src="{escape(qr_data_uri(guide_url))}"' in html
    assert "Code QR vers le guide « Consulter ses comptes en ligne »" in html
    result_url = f"{settings.WAGTAILADMIN_BASE_URL}{URL}?q-comptes=non&ou=14100"
    assert f'src="{escape(qr_data_uri(result_url))}"' in html


def test_the_paper_questionnaire_has_a_box_per_answer_and_the_scoring(client):
    html = client.get(f"{URL}questionnaire/").content.decode()
    assert html.count('class="paper-tick"') == 4 * len(QUESTIONS)
    assert "Au dos : le barème" in html
    assert '<td>5 à 6</td><th scope="row">À l&#x27;aise</th>' in html
    assert 'href="/ou-en-etes-vous/questionnaire/"' in client.get(URL).content.decode()


def test_each_area_has_a_pictogram_beside_its_words_and_the_whole_form_works_without_javascript(client):
    html = client.get(URL).content.decode()
    headings = re.findall(r'<h2 class="diagnostic-area">(.*?)</h2>', html, re.S)
    assert len(headings) == 4
    for heading in headings:
        assert re.match(r'\s*<svg class="diagnostic-pictogram" aria-hidden="true" focusable="false"', heading)
        assert re.search(r"<span>[^<]+</span>$", heading.strip())  # the area's name, as text
    # Nothing is hidden by the server: the steps are the script's doing, on a phone only.
    assert html.count('<fieldset class="diagnostic-question"') == 12
    assert '<div class="diagnostic-steps" hidden>' in html
    assert '<button type="submit">Voir mon résultat</button>' in html


@pytest.mark.parametrize(
    "url",
    [URL, f"{URL}?q-internet=aide&q-visio=aide&q-caf=non&ou=14100", "/ar/ou-en-etes-vous/?q-internet=aide"],
)
def test_every_id_is_unique_so_each_hint_describes_its_own_question(client, url):
    html = client.get(url).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    # « Une box ou le wifi. » describes the internet question, not its « Avec de l'aide » answer.
    assert 'aria-describedby="q-internet-indice"' in html and 'id="q-internet-aide" ' in html

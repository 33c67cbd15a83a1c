"""One rendering of a guide's steps: the page, the PDF handout and the HowTo JSON-LD read the
same numbered steps; one JSON escaper for <script>; one way to write a tel: link."""

import json
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from guides import handout
from guides.models import GuidePage
from guides.rendering import howto, render_steps
from home.jsonld import script_json
from home.phone import tel_href


class Rich:
    """Stands for a RichText value: its source, and str() as the rendered HTML."""

    def __init__(self, source):
        self.source = source

    def __str__(self):
        return self.source

    def __bool__(self):
        return bool(self.source)


def block(kind, **value):
    return SimpleNamespace(block_type=kind, value=value)


STREAM = [
    block("tip", text=Rich("<p>Avant tout : ayez votre RIB.</p>")),
    block("step", title="Ouvrez l'application", text=Rich("<p>Touchez <b>Virement</b>.</p>")),
    block("warning", text=Rich("<p>Ne donnez jamais votre code.</p>")),
    block("step", title="Choisissez le compte", text=Rich(""), illustration={"alt": "x"}),
]


def test_steps_are_numbered_with_their_notes_in_reading_order():
    seen = []
    rendered = render_steps(STREAM, lambda html: seen.append(html) or html.upper())
    assert [note.kind for note in rendered.intro_notes] == ["tip"]
    assert [(s.number, s.title) for s in rendered.steps] == [
        (1, "Ouvrez l'application"),
        (2, "Choisissez le compte"),
    ]
    assert rendered.steps[0].html == "<P>TOUCHEZ <B>VIREMENT</B>.</P>"
    assert rendered.steps[0].text == "Touchez Virement."
    assert [note.kind for note in rendered.steps[0].notes] == ["warning"]
    assert rendered.steps[1].html == "" and rendered.steps[1].illustration == {"alt": "x"}
    # The transformation sees the fragments in the order a reader meets them.
    assert seen == [STREAM[i].value["text"].source for i in (0, 1, 2)]


def test_without_a_transformation_only_text_is_made():
    rendered = render_steps(STREAM)
    assert all(step.html == "" for step in rendered.steps)
    assert rendered.texts() == [
        "Avant tout : ayez votre RIB.",
        "Ouvrez l'application",
        "Touchez Virement.",
        "Ne donnez jamais votre code.",
        "Choisissez le compte",
        "",
    ]


def test_howto_is_built_from_the_rendered_steps():
    data = howto(
        render_steps(STREAM),
        name="Faire un virement",
        description="Envoyer de l'argent.",
        duration_minutes=10,
        reviewed_on=None,
        supplies=["Votre RIB"],
        url="https://exemple.fr/guides/virement/",
    )
    assert [(s["position"], s["name"], s["text"]) for s in data["step"]] == [
        (1, "Ouvrez l'application", "Touchez Virement."),
        (2, "Choisissez le compte", "Choisissez le compte"),
    ]
    assert data["step"][1]["url"] == "https://exemple.fr/guides/virement/#etape-2"
    assert "dateModified" not in data


@pytest.mark.django_db
def test_page_handout_and_jsonld_show_the_same_steps(client, rf, demo_site):
    guide = GuidePage.objects.get(slug="ajouter-un-beneficiaire")
    page = BeautifulSoup(client.get(guide.url).content, "html.parser")
    on_page = [h.get_text(" ", strip=True).split(" : ", 1)[1] for h in page.select(".guide-step__title")]
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    in_jsonld = [step["name"] for step in data["step"]]
    request = rf.get(guide.url + "fiche.pdf")
    context = handout.handout_context(guide, request, handout.HandoutOptions(), [])
    on_paper = [paper.step.title for paper in context["steps"]]
    assert on_page == in_jsonld == on_paper and len(on_page) >= 3
    # On paper, the words of links stay and the links go.
    assert all("<a " not in paper.step.html for paper in context["steps"])


def test_one_json_escaper_keeps_script_elements_closed():
    payload = script_json({"name": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in payload and ">" not in payload and "&" not in payload
    assert json.loads(payload)["name"] == "</script><script>alert(1)</script> & <!--"


@pytest.mark.parametrize(
    ("phone", "href"),
    [("02 31 22 33 44", "tel:0231223344"), ("+33 2.31.22.33.44", "tel:+33231223344"), ("", "")],
)
def test_one_tel_link(phone, href):
    assert tel_href(phone) == href

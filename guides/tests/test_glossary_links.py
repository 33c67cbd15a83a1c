"""Glossary terms in step text link to their definition, first occurrence per guide. No database."""

from guides.glossary_links import GlossaryLinker, Term, link_terms

TERMS = [
    Term("rib", ("RIB", "relevé d'identité bancaire"), "/glossaire/"),
    Term("iban", ("IBAN",), "/glossaire/"),
    Term("mot-de-passe", ("mot de passe", "mots de passe"), "/glossaire/"),
    Term("code-de-validation", ("code de validation",), "/glossaire/"),
    Term("code", ("code",), "/glossaire/"),
]


def test_first_occurrence_only_across_all_fragments_of_a_guide():
    first, second = link_terms(["<p>Le RIB et encore le RIB.</p>", "<p>Un RIB.</p>"], TERMS)
    assert first == '<p>Le <a class="glossary-link" href="/glossaire/#rib">RIB</a> et encore le RIB.</p>'
    assert second == "<p>Un RIB.</p>"


def test_matching_ignores_case_and_keeps_the_original_spelling():
    (html,) = link_terms(["<p>Votre Mot de passe.</p>"], TERMS)
    assert '<a class="glossary-link" href="/glossaire/#mot-de-passe">Mot de passe</a>' in html


def test_plural_form_links_to_the_same_term_once():
    (html,) = link_terms(["<p>Vos mots de passe, un mot de passe.</p>"], TERMS)
    assert html.count("glossary-link") == 1
    assert ">mots de passe</a>" in html


def test_longest_term_wins():
    (html,) = link_terms(["<p>Tapez le code de validation.</p>"], TERMS)
    assert 'href="/glossaire/#code-de-validation">code de validation</a>' in html
    assert '#code"' not in html


def test_whole_words_only():
    (html,) = link_terms(["<p>Les RIBs, le codex, les IBANs.</p>"], TERMS)
    assert "glossary-link" not in html


def test_existing_links_headings_and_attributes_are_left_alone():
    fragment = (
        '<p><a href="/aide/">Votre RIB</a> <span title="IBAN">x</span></p><h3>IBAN</h3><p>Votre IBAN.</p>'
    )
    linker = GlossaryLinker(TERMS)
    html = linker.link(fragment)
    assert '<a href="/aide/">Votre RIB</a>' in html
    assert '<span title="IBAN">' in html
    assert "<h3>IBAN</h3>" in html
    assert '<p>Votre <a class="glossary-link" href="/glossaire/#iban">IBAN</a>.</p>' in html
    # The RIB inside the existing link was not counted: a later one is linked.
    assert '#rib">RIB</a>' in linker.link("<p>Le RIB.</p>")


def test_term_across_a_line_break_still_matches():
    (html,) = link_terms(["<p>un mot\nde passe</p>"], TERMS)
    assert "#mot-de-passe" in html


def test_no_terms_leaves_html_unchanged():
    assert link_terms(["<p>Texte</p>"], []) == ["<p>Texte</p>"]

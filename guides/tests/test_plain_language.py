"""The plain-language indicator, without a database."""

import pytest

from guides.plain_language import analyse, is_long_word, sentences, strip_html, syllables


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("banque", 1),
        ("code", 1),
        ("téléphone", 3),
        ("valider", 3),
        ("lignes", 1),
        ("identifiant", 4),
        ("l'argent", 2),
    ],
)
def test_french_syllables_are_estimated(word, expected):
    assert syllables(word) == expected


def test_long_words_have_three_syllables_or_more_than_twelve_letters():
    assert is_long_word("téléphone")
    assert is_long_word("prélèvements")  # 4 syllables
    assert not is_long_word("banque")
    assert not is_long_word("code")


def test_sentences_split_on_punctuation_and_line_breaks():
    assert sentences("Ouvrez l'application. Tapez votre code ! Validez ?\nC'est fait") == [
        "Ouvrez l'application.",
        "Tapez votre code !",
        "Validez ?",
        "C'est fait",
    ]


def test_html_is_stripped_and_paragraphs_end_sentences():
    assert strip_html("<p>Un <b>RIB</b></p><p>Deux&nbsp;mots</p>").split("\n")[:2] == [
        "Un RIB",
        "Deux\xa0mots",
    ]
    assert analyse(["<p>Ouvrez le site</p><p>Tapez le code</p>"]).sentence_count == 2


def test_short_sentences_are_plain():
    score = analyse(["Ouvrez le site de la banque.", "Tapez votre code.", "Touchez Valider."])
    assert score.sentence_count == 3
    assert score.word_count == 11
    assert score.mean_sentence_length == pytest.approx(11 / 3)
    assert score.is_plain
    assert score.verdict.startswith("Facile à lire")


def test_long_sentences_are_reported_to_editors():
    long_sentence = (
        "Afin de procéder à la vérification préalable de votre identité numérique, il convient de "
        "renseigner préalablement l'intégralité des informations administratives demandées par l'organisme."
    )
    score = analyse([long_sentence])
    assert score.mean_sentence_length > 20
    assert score.long_word_share > 0.3
    assert not score.is_plain
    assert score.verdict.startswith("Difficile")
    assert score.long_sentences == [long_sentence]


def test_empty_text_has_a_neutral_verdict():
    score = analyse(["", None])
    assert score.mean_sentence_length == 0
    assert score.verdict == "Pas encore de texte à analyser."

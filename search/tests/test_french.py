"""French folding, stemming and synonym expansion, without a database."""

from search.expansion import expand
from search.french import fold, stem_text, stems
from search.query import QueryError, clean_query


def test_plural_and_singular_share_a_stem():
    assert stems("virements") == stems("virement")
    assert stems("bénéficiaires") == stems("bénéficiaire")


def test_accents_are_optional():
    assert fold("Chéquier") == "chequier"
    assert stem_text("chequier") == stem_text("chéquier")
    assert stem_text("impots") == stem_text("impôts")


def test_stop_words_are_dropped():
    assert stems("comment faire un virement") == stems("virement")


def test_synonyms_expand_both_ways():
    groups = [["RIB", "relevé d'identité bancaire"], ["CAF", "allocations familiales"]]
    assert "telecharger releve identite bancaire" in expand("télécharger mon RIB", groups)  # no « d' »
    assert any(alt.endswith("rib") for alt in expand("relevé d'identité bancaire", groups))
    assert expand("virement", groups) == ["virement"]


def test_clean_query_refuses_huge_input_and_strips_control_characters():
    assert clean_query("vire\x00ment  bancaire") == "vire ment bancaire"
    assert clean_query(None) == ""
    try:
        clean_query("a" * 10_000)
    except QueryError as error:
        assert "trop longue" in str(error)
    else:
        raise AssertionError("a 10 kB query must be refused")

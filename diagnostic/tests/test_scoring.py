"""The diagnostic's questions and scoring, table-driven, without a database."""

import pytest
from django.http import QueryDict

from diagnostic.advice import advise
from diagnostic.questions import AREAS, QUESTIONS, questions_of, read_answers
from diagnostic.scoring import AUTONOMOUS, NEEDS_HELP, ON_THE_WAY, UNANSWERED, point_bands, profile_for, score


def test_twelve_short_questions_over_four_areas():
    assert len(QUESTIONS) == 12
    assert {q.area for q in QUESTIONS} == {area.code for area in AREAS}
    assert all(len(questions_of(area.code)) == 3 for area in AREAS)
    for question in QUESTIONS:
        assert len(str(question.text).split()) < 12, question.text
    assert len({q.field for q in QUESTIONS}) == 12


def answers_for(area_code, *values):
    return dict(zip([q.code for q in questions_of(area_code)], values, strict=False))


# (answers to the three questions of one area, expected profile)
PROFILE_TABLE = [
    (("oui", "oui", "oui"), AUTONOMOUS),
    (("oui", "oui", "aide"), AUTONOMOUS),  # 5/6 ≥ 80 %
    (("oui", "aide", "aide"), ON_THE_WAY),  # 4/6
    (("aide", "aide", "aide"), ON_THE_WAY),  # 3/6
    (("oui", "non", "non"), NEEDS_HELP),  # 2/6 < 40 %
    (("aide", "nsp", "non"), NEEDS_HELP),
    (("non", "non", "non"), NEEDS_HELP),
    (("nsp", "nsp", "nsp"), NEEDS_HELP),  # not knowing counts as not doing
    (("oui",), AUTONOMOUS),  # only what was answered counts
    (("non",), NEEDS_HELP),
    ((), UNANSWERED),
]


@pytest.mark.parametrize("values,expected", PROFILE_TABLE)
@pytest.mark.parametrize("area", [area.code for area in AREAS])
def test_profile_of_an_area(area, values, expected):
    result = score(answers_for(area, *values))
    assert result.profile(area) == next(p for p in [r.profile for r in result.areas if r.area.code == area])
    assert result.profile(area).code == expected
    others = [r.profile.code for r in result.areas if r.area.code != area]
    assert others == [UNANSWERED] * 3


def test_read_answers_keeps_only_known_questions_and_answers():
    query = QueryDict("q-appareil=oui&q-internet=peut-etre&q-inconnue=oui&q-visio=nsp&q-caf=aide&q-caf=non")
    assert read_answers(query) == {"appareil": "oui", "visio": "nsp", "caf": "non"}
    assert not score(read_answers(QueryDict(""))).answered


# (answers, partner help kinds, a permanence, guide topics)
ADVICE_TABLE = [
    ({"appareil": "non"}, ["materiel"], False, ["debuter"]),
    ({"internet": "non", "forfait": "oui", "appareil": "oui"}, ["internet"], False, ["debuter"]),
    ({"franceconnect": "non", "caf": "non", "impots": "aide"}, ["demarches"], True, ["demarches"]),
    ({"franceconnect": "aide", "caf": "aide", "impots": "aide"}, [], False, ["demarches"]),
    ({"comptes": "non", "virement": "nsp", "arnaque": "aide"}, [], False, ["banque", "securite"]),
    ({q.code: "oui" for q in QUESTIONS}, [], False, []),
    (
        {"appareil": "non", "internet": "non", "caf": "non", "comptes": "aide"},
        ["materiel", "internet", "demarches"],
        True,
        ["debuter", "demarches", "banque", "securite"],  # weakest areas first
    ),
]


@pytest.mark.parametrize("answers,kinds,permanence,topics", ADVICE_TABLE)
def test_advice_for_each_profile(answers, kinds, permanence, topics):
    advice = advise(score(answers))
    assert advice.partner_kinds == kinds
    assert advice.permanence is permanence
    assert advice.topics == topics


def test_the_paper_scoring_gives_the_same_profiles_as_the_online_one():
    bands = point_bands(6)
    assert [(profile.code, low, high) for profile, low, high in bands] == [
        (AUTONOMOUS, 5, 6),
        (ON_THE_WAY, 3, 4),
        (NEEDS_HELP, 0, 2),
    ]
    for profile, low, high in bands:
        assert all(profile_for(points / 6) == profile for points in range(low, high + 1))

"""The activity note refuses phone numbers and e-mail addresses however they are written
(issue 28): property-based, with French phone numbers and e-mail spellings."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import example, given
from hypothesis import strategies as st

from activity.personal_data import has_email, has_personal_data, has_phone_number
from activity.tests.factories import make_club, make_record

# Between two groups of digits: what people type, what word processors insert, what hides.
SEPARATORS = [
    "",
    " ",
    "\u00a0",  # non-breaking space
    "\u202f",  # narrow non-breaking space (French typography)
    "\u2009",  # thin space
    ".",
    "-",
    "/",
    "_",
    ",",
    " - ",
    "\u200b",  # zero-width space
    "\u2060",  # word joiner
    ". ",
]
PREFIXES = ["0", "+33 ", "+33\u00a0", "0033 ", "+33 (0)", "+262 ", "+590 ", "+596 ", "+594 ", "+689 "]


@st.composite
def french_phone_numbers(draw):
    prefix = draw(st.sampled_from(PREFIXES))
    first = str(draw(st.integers(1, 9)))
    pairs = [f"{draw(st.integers(0, 99)):02d}" for _ in range(4)]
    text = prefix + first
    for pair in pairs:
        text += draw(st.sampled_from(SEPARATORS)) + pair
    return text


LOCAL_PARTS = ["jean", "jean.dupont", "marie-claire", "m.dupont62", "fatima_b"]
DOMAINS = ["gmail", "orange", "free", "laposte", "wanadoo", "sfr"]
TOP_LEVEL = ["com", "fr", "net"]
ATS = ["@", "＠", "﹫", "(at)", " (at) ", "[at]", " at ", " arobase ", "(arobase)", " AT ", " Arobase "]
DOTS = [".", " dot ", " point ", "(dot)", "[point]", " . ", "．"]


@st.composite
def email_spellings(draw):
    at, dot = draw(st.sampled_from(ATS)), draw(st.sampled_from(DOTS))
    local = draw(st.sampled_from(LOCAL_PARTS))
    invisible = draw(st.sampled_from(["", "\u200b", "\u00ad"]))
    return f"{local}{invisible}{at}{draw(st.sampled_from(DOMAINS))}{dot}{draw(st.sampled_from(TOP_LEVEL))}"


NOTES = ["Rappeler au {}", "tél. {} pour le RDV", "{}", "Sa fille : {} (le soir)", "joindre {}, merci"]


@given(french_phone_numbers(), st.sampled_from(NOTES))
@example("06 12 34 56 78", "{}")
@example("06\u202f12\u202f34\u202f56\u202f78", "{}")
@example("06/12/34/56/78", "{}")
@example("06_12_34_56_78", "{}")
@example("06,12,34,56,78", "{}")
@example("01 00.00.0000", "{}")
@example("0\u200b6\u200b1\u200b2\u200b3\u200b4\u200b5\u200b6\u200b7\u200b8", "{}")
def test_a_french_phone_number_is_refused_whatever_its_separators(number, note):
    assert has_phone_number(note.format(number)), repr(number)


@given(email_spellings(), st.sampled_from(NOTES))
@example("jean(at)gmail.com", "{}")
@example("jean＠gmail.com", "{}")
@example("jean at gmail dot com", "{}")
@example("jean arobase gmail point com", "{}")
def test_an_email_address_is_refused_whatever_its_spelling(address, note):
    assert has_email(note.format(address)), repr(address)


@pytest.mark.parametrize(
    "note",
    [
        "3 virements, 1 RIB, 1 atelier de 6 personnes",
        "Revenir le 03/03/2026 à 10:30 avec l'avis d'imposition",
        "le 12.03.2026 10 personnes au point numérique",
        "Dossier CAF : faire le point sur les aides, 2 h 30",
        "Retraite : relevé de carrière à 50 ans, 1 250 € par mois",
        "Arnaque au colis : signalée sur cybermalveillance.gouv.fr",
        "Achat d'un ordinateur à 150 € chez l'association",
    ],
)
def test_an_ordinary_note_is_accepted(note):
    assert not has_personal_data(note)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "note",
    ["Rappeler au 06\u202f12\u202f34\u202f56\u202f78", "écrire à jean(at)gmail.com", "jean＠gmail.com"],
)
def test_the_record_form_refuses_the_note(note):
    club, _place, _group = make_club()
    record = make_record(club)
    record.note = note
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert error.value.message_dict["note"] == [
        "La note ne doit contenir ni courriel ni numéro de téléphone."
    ]

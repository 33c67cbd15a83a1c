"""« Où en êtes-vous avec le numérique ? »: the questions, their areas and the four answers.

Plain Python (gettext_lazy only): the public page, its tests and, later, the mediator mode and
the paper questionnaire all read the same questions. Sentences stay under 12 words. A question's
code is its name in the URL (`?q-appareil=oui`): nothing about the visitor is stored anywhere.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Answer:
    code: str
    label: str
    points: int  # 2: alone, 1: with help, 0: no / does not know


YES_ALONE = "oui"
WITH_HELP = "aide"
NO = "non"
DONT_KNOW = "nsp"
ANSWERS = (
    Answer(YES_ALONE, _("Oui, seul(e)"), 2),
    Answer(WITH_HELP, _("Avec de l'aide"), 1),
    Answer(NO, _("Non"), 0),
    Answer(DONT_KNOW, _("Je ne sais pas"), 0),
)
ANSWERS_BY_CODE = {answer.code: answer for answer in ANSWERS}


@dataclass(frozen=True)
class Area:
    code: str
    label: str


EQUIPMENT = "equipement"
EVERYDAY = "usages"
PROCEDURES = "demarches"
BANKING = "banque"
AREAS = (
    Area(EQUIPMENT, _("Équipement et connexion")),
    Area(EVERYDAY, _("Usages de tous les jours")),
    Area(PROCEDURES, _("Démarches en ligne")),
    Area(BANKING, _("Banque en ligne et sécurité")),
)
AREAS_BY_CODE = {area.code: area for area in AREAS}


@dataclass(frozen=True)
class Question:
    code: str
    area: str
    text: str
    hint: str = ""

    @property
    def field(self):
        """The name of the question in the form and the URL."""
        return f"q-{self.code}"


# Device and internet at home are read on their own by the recommendations: "non" there
# means a partner (solidarity equipment, social tariff), not a guide.
DEVICE = "appareil"
HOME_INTERNET = "internet"

QUESTIONS = (
    Question(DEVICE, EQUIPMENT, _("Avez-vous un ordinateur, une tablette ou un smartphone ?")),
    Question(HOME_INTERNET, EQUIPMENT, _("Avez-vous internet chez vous ?"), _("Une box ou le wifi.")),
    Question("forfait", EQUIPMENT, _("Votre téléphone a-t-il un forfait avec internet ?")),
    Question("courriel", EVERYDAY, _("Savez-vous lire et envoyer un courriel ?")),
    Question("fichier", EVERYDAY, _("Savez-vous envoyer une photo ou un document ?")),
    Question("visio", EVERYDAY, _("Savez-vous faire un appel vidéo ?"), _("WhatsApp, Skype, Teams…")),
    Question("franceconnect", PROCEDURES, _("Savez-vous vous connecter avec FranceConnect ?")),
    Question("caf", PROCEDURES, _("Faites-vous vos démarches CAF ou Ameli en ligne ?")),
    Question("impots", PROCEDURES, _("Déclarez-vous vos impôts sur internet ?")),
    Question("comptes", BANKING, _("Regardez-vous vos comptes bancaires sur internet ?")),
    Question("virement", BANKING, _("Savez-vous faire un virement ou télécharger un RIB ?")),
    Question("arnaque", BANKING, _("Savez-vous reconnaître un faux message d'arnaque ?")),
)
QUESTIONS_BY_CODE = {question.code: question for question in QUESTIONS}


def questions_of(area_code):
    return [question for question in QUESTIONS if question.area == area_code]


def read_answers(query):
    """{question code: answer code} from a mapping of form fields (a QueryDict or a dict).

    Unknown fields and unknown answers are left out, never an error: a shortened or edited
    link still shows what it can."""
    answers = {}
    for question in QUESTIONS:
        value = query.get(question.field, "")
        if isinstance(value, str) and value in ANSWERS_BY_CODE:
            answers[question.code] = value
    return answers

"""What the six-month follow-up asks and records, in one vocabulary. Plain Python, no Django.

The operations are the banking programme's seven (activity's banking themes, same codes); the
places people went to for help are the partners' kinds of help (partners.help_kinds), plus a
club, a relative, or nobody. Everything a person reads (questions, answers, the notice, the
slip) is here in French, English and Arabic: the follow-up speaks the person's language.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from activity.vocabulary import BANKING_THEMES, INDIVIDUAL, WORKSHOP
from partners.help_kinds import HELP_KINDS

# --- timing ---------------------------------------------------------------------------------------

DUE_MONTHS = 6  # the follow-up call, T+6
ERASE_MONTHS = 7  # the contact is erased at T+7 whatever happened
MAX_ATTEMPTS = 3  # « injoignable » once three calls went unanswered
ANSWER_LINK_DAYS = 30  # a self-service link expires after 30 days
NOTICE_VERSION = "2026-12"  # stored with each consent: which notice was read


def add_months(day, months):
    """`day` plus `months` calendar months, the end of a shorter month when the day is missing
    (31 August + 6 months = 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(enrolled_on):
    return add_months(enrolled_on, DUE_MONTHS)


def erase_date(enrolled_on):
    return add_months(enrolled_on, ERASE_MONTHS)


def week_end(today):
    """The Sunday of `today`'s week: « due this week » runs until then."""
    return today + timedelta(days=6 - today.weekday())


# --- enrolment ------------------------------------------------------------------------------------

ACCOMPANIMENTS = ((INDIVIDUAL, "Accompagnement individuel"), (WORKSHOP, "Atelier collectif"))
LANGUAGES = (("fr", "Français"), ("en", "English"), ("ar", "العربية"))
LANGUAGE_CODES = tuple(code for code, _ in LANGUAGES)
RTL = {"ar"}

PHONE = "telephone"
EMAIL = "courriel"
CHANNELS = ((PHONE, "Téléphone"), (EMAIL, "Courriel"))

# --- lifecycle ------------------------------------------------------------------------------------

ACTIVE = "en-cours"
DONE = "suivi"
UNREACHABLE = "injoignable"
WITHDRAWN = "retrait"
EXPIRED = "expire"
STATUSES = (
    (ACTIVE, "En attente du suivi"),
    (DONE, "Suivi fait"),
    (UNREACHABLE, "Injoignable"),
    (WITHDRAWN, "Retrait"),
    (EXPIRED, "Délai dépassé (effacé à 7 mois)"),
)

BASELINE = "t0"
SIX_MONTHS = "t6"
MOMENTS = ((BASELINE, "Au départ"), (SIX_MONTHS, "À six mois"))
BY_MEDIATOR = "mediateur"
BY_CALL = "appel"
SELF_SERVICE = "en-ligne"
HOW = ((BY_MEDIATOR, "Avec le médiateur"), (BY_CALL, "Par téléphone"), (SELF_SERVICE, "En ligne"))

# --- the questions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    code: str
    labels: dict  # language → label


OPERATION_LABELS = {
    "banque-comptes": {"en": "Check your accounts", "ar": "الاطلاع على حساباتك"},
    "banque-virement": {"en": "Make a transfer", "ar": "إجراء تحويل مالي"},
    "banque-beneficiaire": {"en": "Add a payee", "ar": "إضافة مستفيد"},
    "banque-rib": {"en": "Download your bank details (RIB)", "ar": "تنزيل بيانات حسابك البنكي (RIB)"},
    "banque-chequier": {"en": "Order a chequebook", "ar": "طلب دفتر شيكات"},
    "banque-etranger": {"en": "Send money abroad", "ar": "إرسال المال إلى الخارج"},
    "banque-arnaques": {"en": "Recognise a scam", "ar": "التعرف على الاحتيال"},
}
OPERATIONS = tuple(
    Operation(t.code, {"fr": "Reconnaître une arnaque" if t.code == "banque-arnaques" else t.label})
    for t in BANKING_THEMES
)
OPERATIONS = tuple(Operation(op.code, {**op.labels, **OPERATION_LABELS[op.code]}) for op in OPERATIONS)
OPERATION_CODES = tuple(op.code for op in OPERATIONS)

ALONE = "seul"
HELPED = "aide"
NOT_YET = "pas-encore"
LEVEL_CODES = (ALONE, HELPED, NOT_YET)
LEVEL_LABELS = {
    ALONE: {"fr": "Je le fais seul(e)", "en": "I do it on my own", "ar": "أفعل ذلك بمفردي"},
    HELPED: {"fr": "Avec de l'aide", "en": "With some help", "ar": "بمساعدة"},
    NOT_YET: {"fr": "Pas encore", "en": "Not yet", "ar": "ليس بعد"},
}

EQUIPMENT_LABELS = {
    "ordinateur": {"fr": "Un ordinateur", "en": "A computer", "ar": "حاسوب"},
    "tablette": {"fr": "Une tablette", "en": "A tablet", "ar": "جهاز لوحي"},
    "smartphone": {"fr": "Un smartphone", "en": "A smartphone", "ar": "هاتف ذكي"},
    "internet": {"fr": "Internet à la maison", "en": "Internet at home", "ar": "الإنترنت في المنزل"},
}
EQUIPMENT_CODES = tuple(EQUIPMENT_LABELS)

# The partners' kinds of help (partners.help_kinds), for the person answering in English or Arabic.
HELP_KIND_TRANSLATIONS = {
    "formation": {"en": "A training course", "ar": "دورة تدريبية"},
    "materiel": {"en": "Low-cost equipment", "ar": "أجهزة بسعر تضامني"},
    "internet": {"en": "Internet access / social rate", "ar": "الوصول إلى الإنترنت / تعرفة اجتماعية"},
    "demarches": {"en": "Help with online procedures", "ar": "المساعدة في الإجراءات الإدارية"},
    "banque-budget": {"en": "Banking / budget advice", "ar": "مرافقة مصرفية / الميزانية"},
    "handicap": {"en": "Accessibility / disability", "ar": "إمكانية الوصول / الإعاقة"},
}
# « Vers qui êtes-vous allé(e) ? »: the partners' kinds of help, and who else people turn to.
HELP_SOURCE_LABELS = {
    "club": {
        "fr": "Une permanence du club",
        "en": "One of the club's help desks",
        "ar": "مكتب مساعدة للنادي",
    },
    **{kind.code: {"fr": kind.label, **HELP_KIND_TRANSLATIONS.get(kind.code, {})} for kind in HELP_KINDS},
    "banque": {"fr": "Ma banque", "en": "My bank", "ar": "البنك الذي أتعامل معه"},
    "proche": {"fr": "Un proche", "en": "A relative or friend", "ar": "أحد الأقارب أو الأصدقاء"},
    "autre": {"fr": "Ailleurs", "en": "Somewhere else", "ar": "مكان آخر"},
}
HELP_SOURCE_CODES = tuple(HELP_SOURCE_LABELS)

TEXTS = {
    "operations": {
        "fr": "Pour chaque opération, où en êtes-vous ?",
        "en": "For each task, where are you now?",
        "ar": "بالنسبة لكل عملية، أين أنت الآن؟",
    },
    "equipment": {
        "fr": "Avez-vous… (cochez ce que vous avez)",
        "en": "Do you have… (tick what you have)",
        "ar": "هل لديك… (ضع علامة على ما لديك)",
    },
    "needed_help": {
        "fr": "Avez-vous eu besoin d'aide depuis ?",
        "en": "Have you needed help since then?",
        "ar": "هل احتجت إلى مساعدة منذ ذلك الحين؟",
    },
    "help_sources": {
        "fr": "Vers qui êtes-vous allé(e) ?",
        "en": "Who did you go to?",
        "ar": "إلى من توجهت؟",
    },
    "yes": {"fr": "Oui", "en": "Yes", "ar": "نعم"},
    "no": {"fr": "Non", "en": "No", "ar": "لا"},
    "send": {"fr": "Envoyer mes réponses", "en": "Send my answers", "ar": "إرسال إجاباتي"},
    "thanks": {
        "fr": "Merci ! Vos réponses sont enregistrées. Votre numéro ou votre adresse vient d'être effacé.",
        "en": "Thank you! Your answers are saved. Your number or address has just been erased.",
        "ar": "شكرًا! تم حفظ إجاباتك. وقد تم للتو محو رقمك أو عنوانك.",
    },
    "answer_title": {
        "fr": "Six mois après : où en êtes-vous ?",
        "en": "Six months later: where are you now?",
        "ar": "بعد ستة أشهر: أين أنت الآن؟",
    },
    "withdraw_title": {
        "fr": "Ne plus être recontacté(e)",
        "en": "Stop being contacted",
        "ar": "التوقف عن الاتصال بي",
    },
    "withdraw_question": {
        "fr": "Voulez-vous que nous effacions votre numéro ou votre adresse ? Nous ne vous "
        "recontacterons pas.",
        "en": "Do you want us to erase your number or address? We will not contact you again.",
        "ar": "هل تريد أن نمحو رقمك أو عنوانك؟ لن نتصل بك مرة أخرى.",
    },
    "withdraw_button": {
        "fr": "Oui, effacer mes coordonnées",
        "en": "Yes, erase my contact details",
        "ar": "نعم، امحُ بيانات الاتصال الخاصة بي",
    },
    "withdrawn": {
        "fr": "C'est fait : votre numéro ou votre adresse est effacé. Nous ne vous recontacterons pas.",
        "en": "Done: your number or address is erased. We will not contact you again.",
        "ar": "تم: لقد مُحي رقمك أو عنوانك. لن نتصل بك مرة أخرى.",
    },
    "gone": {
        "fr": "Ce lien ne sert plus : vos coordonnées ont déjà été effacées, ou le lien a expiré.",
        "en": "This link no longer works: your contact details were already erased, or the link expired.",
        "ar": "هذا الرابط لم يعد صالحًا: لقد مُحيت بيانات الاتصال الخاصة بك بالفعل، أو انتهت صلاحية الرابط.",
    },
    "answer_error": {
        "fr": "Répondez à chaque ligne, s'il vous plaît.",
        "en": "Please answer every line.",
        "ar": "يرجى الإجابة على كل سطر.",
    },
}

# The information notice read to the person and printed on the slip. `{club}`, `{due}`,
# `{erase}` and `{contact}` are filled in; a new wording gets a new NOTICE_VERSION.
NOTICE = {
    "fr": (
        "Pourquoi ? Pour savoir si nos accompagnements vous ont aidé(e), {club} vous recontactera une "
        "fois, vers le {due}, pour vous poser les mêmes questions.",
        "Quoi ? Votre numéro ou votre adresse, et un prénom si vous le voulez. Ils sont chiffrés et "
        "seule l'équipe de {club} peut les lire. Vos réponses restent anonymes.",
        "Jusqu'à quand ? Vos coordonnées sont effacées après l'appel, et au plus tard le {erase}.",
        "Vos droits : vous pouvez refuser, ou changer d'avis à tout moment, sans raison : dites-le à "
        "votre médiateur, à {contact}, ou ouvrez le lien ci-dessous. Vous pouvez aussi saisir la CNIL.",
    ),
    "en": (
        "Why? To find out whether our help was useful to you, {club} will contact you once, around "
        "{due}, to ask you the same questions.",
        "What? Your number or address, and a first name if you wish. They are encrypted and only the "
        "team of {club} can read them. Your answers stay anonymous.",
        "Until when? Your contact details are erased after the call, and on {erase} at the latest.",
        "Your rights: you may refuse, or change your mind at any time, without a reason: tell your "
        "mediator, {contact}, or open the link below. You may also complain to the CNIL.",
    ),
    "ar": (
        "لماذا؟ لمعرفة ما إذا كانت مساعدتنا مفيدة لك، سيتصل بك {club} مرة واحدة، في حوالي {due}، "
        "ليطرح عليك الأسئلة نفسها.",
        "ماذا؟ رقمك أو عنوانك، واسمك الأول إن شئت. هذه البيانات مشفرة ولا يستطيع قراءتها إلا فريق "
        "{club}. تبقى إجاباتك مجهولة الهوية.",
        "إلى متى؟ تُمحى بيانات الاتصال الخاصة بك بعد المكالمة، وفي موعد أقصاه {erase}.",
        "حقوقك: يمكنك الرفض أو تغيير رأيك في أي وقت ودون ذكر السبب: أخبر الوسيط، أو {contact}، أو "
        "افتح الرابط أدناه. يمكنك أيضًا تقديم شكوى إلى CNIL.",
    ),
}
SLIP_TITLE = {
    "fr": "Suivi à six mois : ce que vous avez accepté",
    "en": "Six-month follow-up: what you agreed to",
    "ar": "المتابعة بعد ستة أشهر: ما وافقت عليه",
}
SLIP_DUE = {
    "fr": "Nous vous rappellerons vers le {due}.",
    "en": "We will contact you around {due}.",
    "ar": "سنتصل بك في حوالي {due}.",
}
SLIP_WITHDRAW = {
    "fr": "Pour ne plus être recontacté(e), ouvrez ce lien ou scannez le code :",
    "en": "To stop being contacted, open this link or scan the code:",
    "ar": "للتوقف عن الاتصال بك، افتح هذا الرابط أو امسح الرمز:",
}


def text(key, language):
    return TEXTS[key].get(language) or TEXTS[key]["fr"]


def in_language(labels, language):
    return labels.get(language) or labels["fr"]


def operation_label(code, language="fr"):
    op = next((op for op in OPERATIONS if op.code == code), None)
    return in_language(op.labels, language) if op else code


def level_label(code, language="fr"):
    return in_language(LEVEL_LABELS[code], language) if code in LEVEL_LABELS else ""


def help_source_label(code, language="fr"):
    return in_language(HELP_SOURCE_LABELS[code], language) if code in HELP_SOURCE_LABELS else code


def parse_codes(stored, known):
    wanted = set((stored or "").split())
    return [code for code in known if code in wanted]


def serialise_codes(codes, known):
    wanted = set(codes or ())
    return " ".join(code for code in known if code in wanted)


def clean_answers(answers):
    """Only known operations with a known level: what the database keeps."""
    return {code: answers[code] for code in OPERATION_CODES if answers.get(code) in LEVEL_CODES}


def clean_equipment(equipment):
    return {code: bool(equipment.get(code)) for code in EQUIPMENT_CODES}


def notice(language, club, due, erase, contact):
    """The notice's paragraphs in `language`, filled in."""
    return [
        paragraph.format(club=club, due=due, erase=erase, contact=contact)
        for paragraph in NOTICE.get(language, NOTICE["fr"])
    ]


def mask(value):
    """« 06 •• •• •• 78 », « j•••@•••.fr »: enough for a mediator to check, never the whole."""
    value = (value or "").strip()
    if "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}•••@•••{domain[domain.rfind('.') :] if '.' in domain else ''}"
    digits = [c for c in value if c.isdigit()]
    return f"{''.join(digits[:2])} •• •• •• {''.join(digits[-2:])}" if len(digits) > 4 else "•••"

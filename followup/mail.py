"""The self-service e-mail: to the person only, in their language, with a one-use link. Nothing
about them is ever mailed to staff."""

from django.core.mail import send_mail

from . import vocabulary as v

SUBJECT = {
    "fr": "Six mois après : où en êtes-vous avec votre banque en ligne ?",
    "en": "Six months later: how are you doing with online banking?",
    "ar": "بعد ستة أشهر: كيف حالك مع الخدمات المصرفية عبر الإنترنت؟",
}
BODY = {
    "fr": "Bonjour,\n\nIl y a six mois, {club} vous a accompagné(e) et vous avez accepté d'être "
    "recontacté(e). Répondez à quelques questions (5 minutes) avec ce lien, valable {days} jours :\n\n"
    "{link}\n\nVos réponses sont anonymes. Après votre réponse, votre adresse est effacée.\n",
    "en": "Hello,\n\nSix months ago, {club} helped you and you agreed to be contacted again. Please "
    "answer a few questions (5 minutes) with this link, valid for {days} days:\n\n{link}\n\n"
    "Your answers are anonymous. Once you answer, your address is erased.\n",
    "ar": "مرحبًا،\n\nقبل ستة أشهر، ساعدك {club} ووافقت على أن نتصل بك مرة أخرى. يرجى الإجابة عن "
    "بعض الأسئلة (5 دقائق) عبر هذا الرابط، الصالح لمدة {days} يومًا:\n\n{link}\n\n"
    "إجاباتك مجهولة الهوية. بعد إجابتك، يُمحى عنوانك.\n",
}


def send_answer_link(member, link):
    language = member.language
    body = BODY[language].format(club=member.territory.title, days=v.ANSWER_LINK_DAYS, link=link)
    send_mail(SUBJECT[language], body, None, [str(member.contact.value)])

"""What the follow-up pages show: the notice filled in, the slip, answers as lines. No model
import: members and answers are passed in."""

import segno
from django.conf import settings
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import override

from . import vocabulary as v


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def long_date(day, language):
    """« 30 septembre 2026 », « 30 September 2026 », in Arabic with its month names."""
    with override(language):
        return date_format(day, "j F Y")


def club_contact(club, language):
    """How to reach the club, for the notice: its phone, its e-mail, or its name."""
    if club is None:
        return {"fr": "votre club", "en": "your club", "ar": "ناديك"}[language]
    reach = " / ".join(value for value in (club.phone, club.email) if value)
    return f"{club.title} ({reach})" if reach else club.title


def notice_for(club, language, enrolled_on):
    """The notice's paragraphs for someone enrolled on `enrolled_on` by `club`."""
    return v.notice(
        language,
        club=club.title if club else club_contact(None, language),
        due=long_date(v.due_date(enrolled_on), language),
        erase=long_date(v.erase_date(enrolled_on), language),
        contact=club_contact(club, language),
    )


def qr_svg(url):
    qr = segno.make(url, error="m")
    return mark_safe(qr.svg_inline(omitsize=True, svgclass="followup-qr", border=2))  # noqa: S308 - segno output


def slip_context(member, withdraw_link):
    language = member.language
    return {
        "member": member,
        "language": language,
        "direction": "rtl" if language in v.RTL else "ltr",
        "title": v.SLIP_TITLE[language],
        "due_sentence": v.SLIP_DUE[language].format(due=long_date(member.due_on, language)),
        "notice": notice_for(member.territory, language, member.enrolled_on),
        "withdraw_sentence": v.SLIP_WITHDRAW[language],
        "withdraw_link": withdraw_link,
        "qr": qr_svg(withdraw_link),
    }


def answer_lines(assessment, language="fr"):
    """[(operation, level label)] of an assessment (None: no line)."""
    if assessment is None:
        return []
    return [
        (v.operation_label(code, language), v.level_label(assessment.answers.get(code), language))
        for code in v.OPERATION_CODES
    ]

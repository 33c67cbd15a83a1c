"""Signed links given to a person: withdraw (on the slip, valid until erasure) and answer
(by e-mail, one use, 30 days). Each carries the member's number and its link secret, which
erasure empties: a link never outlives the contact."""

from django.core import signing
from django.utils.crypto import constant_time_compare

from . import vocabulary as v

WITHDRAW = "followup.withdraw"
ANSWER = "followup.answer"


def make(member, purpose):
    return signing.dumps([member.pk, member.link_secret], salt=purpose, compress=True)


def read(token, purpose, members):
    """The member behind `token` among `members` (a queryset), or None: a forged, expired or
    dead link (erased, answered, withdrawn)."""
    max_age = v.ANSWER_LINK_DAYS * 24 * 3600 if purpose == ANSWER else None
    try:
        pk, secret = signing.loads(token, salt=purpose, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    member = members.filter(pk=pk, erased_at__isnull=True).first() if isinstance(pk, int) else None
    if member is None or not member.link_secret or not constant_time_compare(member.link_secret, str(secret)):
        return None
    return member

"""What happens to a cohort member: enrolment, calls, follow-up, withdrawal, erasure.

Every step takes `today` (or `now`) so that tests and commands run on a controlled clock. Each
closing step erases the contact in the same transaction: no window where a closed member still
has one. Nothing here logs a contact; the command logs counts only.
"""

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from . import vocabulary as v
from .models import Assessment, CohortMember, Contact


@sensitive_variables("contact", "nickname")
@transaction.atomic
def enrol(
    *, territory, kind, contact, channel, nickname, language, answers, equipment, user, record=None, now=None
):
    """A new member with their contact (encrypted on save) and their baseline answers."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    member = CohortMember.objects.create(
        territory=territory,
        record=record,
        kind=kind,
        enrolled_on=today,
        due_on=v.due_date(today),
        erase_on=v.erase_date(today),
        language=language,
        consented_at=now,
        notice_version=v.NOTICE_VERSION,
        enrolled_by=user,
    )
    Contact.objects.create(
        member=member, channel=channel, value=contact.strip(), nickname=(nickname or "").strip()
    )
    Assessment.objects.create(
        member=member,
        moment=v.BASELINE,
        answered_on=today,
        how=v.BY_MEDIATOR,
        answers=v.clean_answers(answers),
        equipment=v.clean_equipment(equipment),
    )
    return member


ERASE_BATCH = 500


def locked(member):
    """The member's row, locked, if still active (two mediators, two tabs: one wins)."""
    return (
        CohortMember.objects.select_for_update()
        .filter(pk=member.pk, status=v.ACTIVE, erased_at__isnull=True)
        .first()
    )


def erase(member, now=None):
    """Delete the contact and every link to the person; the anonymous answers stay."""
    Contact.objects.filter(member_id=member.pk).delete()
    member.erased_at = now or timezone.now()
    member.link_secret = ""
    member.record = None
    member.enrolled_by = None
    member.save(update_fields=["erased_at", "link_secret", "record", "enrolled_by"])


def close(member, status, today, now=None):
    member.status = status
    member.closed_on = today
    member.save(update_fields=["status", "closed_on"])
    erase(member, now)


@transaction.atomic
def record_attempt(member, today):
    """A call without answer. Returns the member, or None if it was closed meanwhile."""
    member = locked(member)
    if member is None:
        return None
    member.attempts += 1
    member.last_attempt_on = today
    member.save(update_fields=["attempts", "last_attempt_on"])
    return member


def can_close_unreachable(member):
    return member.attempts >= v.MAX_ATTEMPTS


@transaction.atomic
def mark_unreachable(member, today):
    member = locked(member)
    if member is None or not can_close_unreachable(member):
        return None
    close(member, v.UNREACHABLE, today)
    return member


@transaction.atomic
def record_follow_up(member, *, answers, equipment, needed_help, help_sources, today, how=v.BY_CALL):
    """The T+6 answers; the contact is erased at once. None if the member was closed meanwhile
    (a self-service answer and a call at the same time: the first one counts)."""
    member = locked(member)
    if member is None:
        return None
    Assessment.objects.create(
        member=member,
        moment=v.SIX_MONTHS,
        answered_on=today,
        how=how,
        answers=v.clean_answers(answers),
        equipment=v.clean_equipment(equipment),
        needed_help=needed_help,
        help_sources=v.serialise_codes(help_sources if needed_help else (), v.HELP_SOURCE_CODES),
    )
    close(member, v.DONE, today)
    return member


@transaction.atomic
def withdraw(member, today):
    """The person changed their mind (mediator's button or the slip's link): erased now."""
    member = locked(member)
    if member is None:
        return None
    close(member, v.WITHDRAWN, today)
    return member


@transaction.atomic
def mark_link_sent(member, today):
    CohortMember.objects.filter(pk=member.pk).update(answer_link_sent_on=today)


def erase_due(today, now=None):
    """Erase every contact that must go by `today`: active members at T+7 months (status
    « expiré ») and any closed member still holding one. Idempotent, by batches (one
    transaction each). Returns counts."""
    now = now or timezone.now()
    expired = erased = 0
    while True:
        with transaction.atomic():
            batch = list(
                CohortMember.objects.to_erase(today)
                .select_for_update()
                .values_list("pk", flat=True)[:ERASE_BATCH]
            )
            if not batch:
                break
            members = CohortMember.objects.filter(pk__in=batch)
            expired += members.filter(status=v.ACTIVE).update(status=v.EXPIRED, closed_on=today)
            Contact.objects.filter(member_id__in=batch).delete()
            erased += members.update(erased_at=now, link_secret="", record=None, enrolled_by=None)
    return {"erased": erased, "expired": expired}

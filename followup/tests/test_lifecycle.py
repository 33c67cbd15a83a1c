"""The lifecycle on a controlled clock: enrol, due, attempts, follow-up, withdrawal, T+7 erasure;
the contact encrypted at rest."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection

from followup import crypto, lifecycle
from followup import vocabulary as v
from followup.models import Assessment, CohortMember, Contact

from .factories import EMAIL, NICKNAME, PHONE, at, baseline, enrol, make_club

pytestmark = pytest.mark.django_db
ENROLLED = date(2026, 3, 31)


@pytest.fixture
def club():
    territory, _, _ = make_club("Club Suivi")
    return territory


def raw_contact_row(member):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT channel, value, nickname FROM followup_contact WHERE member_id = %s", [member.pk]
        )
        return cursor.fetchone()


def test_add_months_clamps_to_the_end_of_a_short_month():
    assert v.add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert v.add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert v.add_months(date(2026, 7, 15), 6) == date(2027, 1, 15)


def test_enrolment_dates_consent_and_baseline(club):
    member = enrol(club, ENROLLED)
    assert (member.due_on, member.erase_on) == (date(2026, 9, 30), date(2026, 10, 31))
    assert member.notice_version == v.NOTICE_VERSION and member.consented_at.date() == ENROLLED
    assert member.status == v.ACTIVE and member.attempts == 0
    answers = member.baseline()
    assert answers.moment == v.BASELINE and set(answers.answers) == set(v.OPERATION_CODES)
    assert answers.equipment["smartphone"] is True and answers.equipment["ordinateur"] is False


def test_the_contact_is_encrypted_at_rest(club):
    phone_member = enrol(club, ENROLLED)
    mail_member = enrol(club, ENROLLED, contact=EMAIL, channel=v.EMAIL)
    for member, secret in ((phone_member, PHONE), (mail_member, EMAIL)):
        channel, value, nickname = raw_contact_row(member)
        assert secret not in value and "12345678" not in value.replace(" ", "")
        assert NICKNAME not in nickname
        assert value.startswith("gAAAA")  # a Fernet token
    # Read back through the model: the clear value, with a repr that hides it.
    contact = Contact.objects.get(member=phone_member)
    assert contact.value == PHONE and contact.nickname == NICKNAME
    assert PHONE not in repr(contact.value) and PHONE not in repr(contact)


def test_rotating_the_key_re_encrypts_every_contact(club, settings):
    member = enrol(club, ENROLLED)
    before = raw_contact_row(member)[1]
    new = crypto.new_key()
    settings.FOLLOWUP_KEYS = [new, settings.FOLLOWUP_KEYS[0]]
    call_command("rotate_followup_key", stdout=open("/dev/null", "w"))
    after = raw_contact_row(member)[1]
    assert after != before
    settings.FOLLOWUP_KEYS = [new]  # the old key gone: still readable
    assert Contact.objects.get(member=member).value == PHONE


def test_due_list_attempts_then_unreachable(club):
    member = enrol(club, ENROLLED)
    week_before = member.due_on - timedelta(days=14)
    assert member not in CohortMember.objects.filter(territory=club).to_recontact(week_before)
    due_day = member.due_on  # a Wednesday: listed from the Monday of its week
    assert member in CohortMember.objects.to_recontact(due_day - timedelta(days=2))
    for _ in range(v.MAX_ATTEMPTS - 1):
        lifecycle.record_attempt(member, due_day)
        member.refresh_from_db()
        assert lifecycle.mark_unreachable(member, due_day) is None  # not after fewer than three
    lifecycle.record_attempt(member, due_day + timedelta(days=2))
    member.refresh_from_db()
    assert member.attempts == 3 and member.last_attempt_on == due_day + timedelta(days=2)
    lifecycle.mark_unreachable(member, due_day + timedelta(days=2))
    member.refresh_from_db()
    assert member.status == v.UNREACHABLE and member.is_erased
    assert not Contact.objects.filter(member=member).exists()
    assert member not in CohortMember.objects.to_recontact(due_day)


def test_follow_up_erases_the_contact_and_keeps_the_answers(club):
    member = enrol(club, ENROLLED)
    lifecycle.record_follow_up(
        member,
        answers=baseline(v.ALONE),
        equipment={"ordinateur": True},
        needed_help=True,
        help_sources=["club", "proche", "n'importe quoi"],
        today=member.due_on,
    )
    member.refresh_from_db()
    assert member.status == v.DONE and member.closed_on == member.due_on and member.is_erased
    assert not Contact.objects.filter(member=member).exists() and member.link_secret == ""
    later = Assessment.objects.get(member=member, moment=v.SIX_MONTHS)
    assert later.answers == baseline(v.ALONE) and later.help_source_codes == ["club", "proche"]
    assert member.baseline() is not None
    # A second answer (a call after the self-service link): refused, nothing doubled.
    assert (
        lifecycle.record_follow_up(
            member, answers={}, equipment={}, needed_help=False, help_sources=[], today=member.due_on
        )
        is None
    )
    assert member.assessments.count() == 2


def test_withdrawal_erases_at_once(club):
    member = enrol(club, ENROLLED)
    lifecycle.withdraw(member, ENROLLED + timedelta(days=3))
    member.refresh_from_db()
    assert member.status == v.WITHDRAWN and member.is_erased
    assert Contact.objects.filter(member=member).count() == 0
    assert member.baseline() is not None  # the anonymous baseline stays


def test_erasure_at_seven_months_whatever_happened(club, caplog):
    kept = enrol(club, ENROLLED + timedelta(days=1))
    gone = enrol(club, ENROLLED)
    lifecycle.record_attempt(gone, gone.due_on)
    day_before = gone.erase_on - timedelta(days=1)
    assert lifecycle.erase_due(day_before) == {"erased": 0, "expired": 0}
    assert lifecycle.erase_due(gone.erase_on) == {"erased": 1, "expired": 1}
    gone.refresh_from_db()
    kept.refresh_from_db()
    assert gone.status == v.EXPIRED and gone.is_erased and not kept.is_erased
    assert Contact.objects.filter(member=kept).exists() and not Contact.objects.filter(member=gone).exists()
    # Idempotent: the same day again erases nothing.
    assert lifecycle.erase_due(gone.erase_on) == {"erased": 0, "expired": 0}


def test_the_daily_command_logs_counts_only(club, caplog, monkeypatch):
    enrol(club, ENROLLED, contact=EMAIL, channel=v.EMAIL)
    monkeypatch.setattr("django.utils.timezone.now", lambda: at(date(2026, 11, 2)))
    with caplog.at_level("DEBUG"):
        call_command("erase_followup_contacts", stdout=open("/dev/null", "w"))
    assert "1 contact(s) erased" in caplog.text
    assert EMAIL not in caplog.text and NICKNAME not in caplog.text
    assert not Contact.objects.filter(member__territory=club).exists()

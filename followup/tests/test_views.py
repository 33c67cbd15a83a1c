"""The admin screens and the person's links: enrolment from an accompaniment, the slip, the call,
withdrawal, the self-service link; the permission matrix on every route that reaches a contact."""

import re
import time
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from followup import lifecycle, tokens
from followup import vocabulary as v
from followup.models import CohortMember, Contact

from .factories import EMAIL, NICKNAME, PHONE, at, enrol, make_club, make_record, make_staff, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """Set the day the views see (timezone.now is what localdate() reads)."""

    def set_day(day):
        monkeypatch.setattr("django.utils.timezone.now", lambda: at(day))

    return set_day


@pytest.fixture
def club():
    territory, place, _ = make_club("Club Suivi")
    return territory, place


def enrolment_data(**overrides):
    data = {
        "kind": v.INDIVIDUAL,
        "consent": "on",
        "language": "fr",
        "channel": v.PHONE,
        "contact": "06.12.34.56.78",
        "nickname": NICKNAME,
        "eq_smartphone": "on",
        **{f"op_{code}": v.HELPED for code in v.OPERATION_CODES},
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def follow_up_data(level=v.ALONE):
    return {
        **{f"op_{code}": level for code in v.OPERATION_CODES},
        "eq_ordinateur": "on",
        "needed_help": "oui",
        "help_sources": ["club", "formation"],
    }


def test_enrol_from_an_accompaniment_then_print_the_slip(client, club, clock):
    territory, place = club
    clock(date(2026, 3, 10))
    user = make_staff(territory)
    client.force_login(user)
    # Saving an individual accompaniment offers « Inscrire au suivi à six mois ».
    response = client.post(
        reverse("activity_add"),
        {
            "date": "2026-03-10",
            "where": "lieu",
            "place": place.pk,
            "kind": "individuel",
            "duration": "15-30",
            "age_band": "non-communique",
            "theme_list": ["banque-virement"],
        },
        follow=True,
    )
    record_pk = re.search(r"intervention=(\d+)", response.content.decode()).group(1)
    enrol_url = f"{reverse('followup_enrol')}?intervention={record_pk}"
    page = client.get(enrol_url).content.decode()
    assert "Notice à lire à la personne" in page and "10 septembre 2026" in page  # due date in the notice
    assert "around 10 September 2026" in page and 'lang="ar" dir="rtl"' in page  # also in English and Arabic
    # No consent: refused, nothing stored, what was typed is still there.
    refused = client.post(enrol_url, enrolment_data(consent=None))
    assert "Cochez la case du consentement" in refused.content.decode()
    assert "06.12.34.56.78" in refused.content.decode() and not CohortMember.objects.exists()
    response = client.post(enrol_url, enrolment_data(language="ar"))
    member = CohortMember.objects.get()
    assert response.status_code == 302 and response.url == reverse("followup_slip", args=[member.pk])
    assert member.territory == territory and str(member.record_id) == record_pk
    assert member.language == "ar" and member.due_on == date(2026, 9, 10)
    assert member.contact.value == "06 12 34 56 78"  # normalised
    slip = client.get(response.url)
    text = slip.content.decode()
    assert slip["Cache-Control"].startswith("max-age=0") or "no-store" in slip["Cache-Control"]
    assert 'lang="ar" dir="rtl"' in text and "<svg" in text  # in the person's language, with its QR code
    assert "/suivi/retrait/" in text and "06 12 34 56 78" not in text and NICKNAME not in text


def test_bad_contact_is_refused_in_french(client, club):
    territory, _ = club
    client.force_login(make_staff(territory))
    response = client.post(reverse("followup_enrol"), enrolment_data(contact="12 34"))
    assert "pas la bonne forme" in response.content.decode()
    response = client.post(reverse("followup_enrol"), enrolment_data(channel=v.EMAIL, contact="jean@"))
    assert "pas valide : vérifiez-la" in response.content.decode()
    assert not CohortMember.objects.exists()


def test_list_call_attempts_and_unreachable(client, club, clock):
    territory, _ = club
    member = enrol(territory, date(2026, 3, 11))
    client.force_login(make_staff(territory))
    clock(member.due_on - timedelta(days=10))
    assert f"Suivi n° {member.pk}" not in client.get(reverse("followup_list")).content.decode()
    clock(member.due_on + timedelta(days=3))
    listing = client.get(reverse("followup_list")).content.decode()
    assert f"Suivi n° {member.pk}" in listing and "En retard" in listing
    assert PHONE not in listing and NICKNAME not in listing  # the list never shows a contact
    screen = client.get(reverse("followup_call", args=[member.pk])).content.decode()
    assert PHONE in screen and NICKNAME in screen and "Injoignable" not in screen
    for _ in range(v.MAX_ATTEMPTS):
        client.post(reverse("followup_no_answer", args=[member.pk]))
    screen = client.get(reverse("followup_call", args=[member.pk])).content.decode()
    assert "3 / 3" in screen and "Injoignable : clore et effacer" in screen
    client.post(reverse("followup_unreachable", args=[member.pk]))
    member.refresh_from_db()
    assert member.status == v.UNREACHABLE and not Contact.objects.filter(member=member).exists()
    closed = client.get(reverse("followup_call", args=[member.pk])).content.decode()
    assert "coordonnées sont effacées" in closed


def test_recording_the_call_erases_the_contact(client, club, clock):
    territory, _ = club
    member = enrol(territory, date(2026, 3, 11))
    client.force_login(make_staff(territory))
    clock(member.due_on)
    incomplete = client.post(reverse("followup_call", args=[member.pk]), {"needed_help": "non"})
    assert incomplete.status_code == 200 and Contact.objects.filter(member=member).exists()
    client.post(reverse("followup_call", args=[member.pk]), follow_up_data())
    member.refresh_from_db()
    assert member.status == v.DONE and member.is_erased
    after = member.six_months()
    assert after.how == v.BY_CALL and after.help_source_codes == ["club", "formation"]


def test_withdrawal_by_the_mediator_and_by_the_slip_link(client, club):
    territory, _ = club
    first = enrol(territory, date(2026, 3, 11))
    second = enrol(territory, date(2026, 3, 11), language="en")
    client.force_login(make_staff(territory))
    client.post(reverse("followup_withdraw_by_mediator", args=[first.pk]))
    first.refresh_from_db()
    assert first.status == v.WITHDRAWN and first.is_erased
    client.logout()
    link = reverse("followup_withdraw", args=[tokens.make(second, tokens.WITHDRAW)])
    page = client.get(link)
    assert page.status_code == 200 and "Stop being contacted" in page.content.decode()
    assert Contact.objects.filter(member=second).exists()  # a GET changes nothing
    assert "Set-Cookie" not in page.headers and not page.cookies
    done = client.post(link)
    assert "erased" in done.content.decode()
    second.refresh_from_db()
    assert second.status == v.WITHDRAWN and not Contact.objects.filter(member=second).exists()
    assert client.get(link).status_code == 410  # the link died with the contact
    forged = link.replace("/retrait/", "/retrait/x")
    assert client.get(forged).status_code == 410


def test_self_service_link_by_email_answers_once(client, club, clock):
    territory, _ = club
    member = enrol(territory, date(2026, 3, 11), contact=EMAIL, channel=v.EMAIL, language="en")
    client.force_login(make_staff(territory))
    clock(member.due_on)
    client.post(reverse("followup_send_link", args=[member.pk]))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [EMAIL]
    assert "Six months later" in mail.outbox[0].subject
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.logout()
    form = client.get(f"/{path}")
    assert form.status_code == 200 and "Make a transfer" in form.content.decode()
    assert client.post(f"/{path}", {"needed_help": "no"}).status_code == 400
    thanks = client.post(f"/{path}", follow_up_data())
    assert "Thank you" in thanks.content.decode()
    member.refresh_from_db()
    assert member.status == v.DONE and member.six_months().how == v.SELF_SERVICE
    assert client.get(f"/{path}").status_code == 410  # one use


def test_self_service_link_expires_after_thirty_days(client, club, clock, monkeypatch):
    territory, _ = club
    member = enrol(territory, date(2026, 3, 11), contact=EMAIL, channel=v.EMAIL)
    token = tokens.make(member, tokens.ANSWER)
    url = reverse("followup_answer", args=[token])
    assert client.get(url).status_code == 200
    # Signed links read the real clock (time.time): thirty-one days later, refused.
    later = time.time() + (v.ANSWER_LINK_DAYS + 1) * 24 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get(url).status_code == 410


# --- the permission matrix ----------------------------------------------------------------------


CONTACT_GETS = ["followup_call", "followup_slip"]
CONTACT_POSTS = [
    "followup_no_answer",
    "followup_unreachable",
    "followup_withdraw_by_mediator",
    "followup_send_link",
]


@pytest.fixture
def matrix(club):
    territory, _ = club
    other, _, _ = make_club("Autre Club")
    member = enrol(territory, date(2026, 3, 11), contact=EMAIL, channel=v.EMAIL)
    superuser = make_user(is_superuser=True, is_staff=True)
    return {
        "member": member,
        "own staff": make_staff(territory),
        "other club": make_staff(other),
        "foundation": make_user(Group.objects.get(name="Fondation")),
        "editor": make_user(Group.objects.get(name="Rédacteurs")),
        "superuser (not in the team)": superuser,
    }


def test_only_the_enrolling_club_reaches_a_contact(client, matrix):
    member = matrix.pop("member")
    for who, user in matrix.items():
        client.force_login(user)
        seen = []
        for name in CONTACT_GETS:
            response = client.get(reverse(name, args=[member.pk]))
            seen.append(response.status_code)
            assert EMAIL not in response.content.decode() or who == "own staff", (who, name)
        listing = client.get(reverse("followup_list"), follow=True)
        assert EMAIL not in listing.content.decode()
        enrol_page = client.get(reverse("followup_enrol")).status_code
        if who == "own staff":
            assert seen == [200, 200] and enrol_page == 200
            assert (
                f"Suivi n° {member.pk}"
                in client.get(reverse("followup_call", args=[member.pk])).content.decode()
            )
        else:
            assert seen in ([404, 404], [403, 403]), (who, seen)
            # Another club's staff enrol for their own club only; nobody else enrols.
            assert enrol_page == (200 if who == "other club" else 403), who
            client.post(reverse("followup_enrol"), enrolment_data(club=member.territory_id))
            assert CohortMember.objects.count() == 1, who
            for name in CONTACT_POSTS:
                assert client.post(reverse(name, args=[member.pk])).status_code in (403, 404), (who, name)
    member.refresh_from_db()
    assert member.attempts == 0 and not member.is_erased and not mail.outbox


def test_figures_club_foundation_editor(client, matrix):
    member = matrix["member"]
    expectations = {
        "own staff": 200,
        "other club": 200,  # their own club's figures (nobody enrolled there)
        "foundation": 200,
        "editor": 403,
        "superuser (not in the team)": 200,
    }
    for who, status in expectations.items():
        client.force_login(matrix[who])
        assert client.get(reverse("followup_figures")).status_code == status, who
        export = client.get(reverse("followup_export_pairs"))
        assert export.status_code == status, who
        if status == 200:
            assert EMAIL not in export.content.decode("utf-8-sig")
    client.force_login(matrix["other club"])
    assert client.get(reverse("followup_figures"), {"club": member.territory_id}).status_code == 403
    client.force_login(matrix["foundation"])
    assert client.get(reverse("followup_figures"), {"club": member.territory_id}).status_code == 200
    # The Fondation lands on the figures from the menu, never on a list of people.
    assert client.get(reverse("followup_list")).url == reverse("followup_figures")


def test_the_cohort_is_in_no_other_admin_door(client, matrix):
    """Not a snippet, not in Django's admin, not indexed for search."""
    from wagtail.search.index import Indexed
    from wagtail.snippets.models import get_snippet_models

    from followup.models import Assessment

    client.force_login(matrix["superuser (not in the team)"])
    assert client.get("/django-admin/followup/contact/").status_code == 404
    assert not {CohortMember, Contact, Assessment} & set(get_snippet_models())
    assert not any(issubclass(model, Indexed) for model in (CohortMember, Contact, Assessment))


def test_staff_see_the_panel_and_the_enrol_button_after_a_workshop(client, club, clock):
    territory, place = club
    member = enrol(territory, date(2026, 3, 11))
    clock(member.due_on)
    client.force_login(make_staff(territory))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "À recontacter : <strong>1</strong> cette semaine" in home
    record = make_record(territory, place, kind="atelier", participants=5)
    response = client.get(f"{reverse('followup_enrol')}?intervention={record.pk}")
    assert "(atelier collectif" in response.content.decode()
    client.post(f"{reverse('followup_enrol')}?intervention={record.pk}", enrolment_data())
    assert CohortMember.objects.filter(record=record, kind=v.WORKSHOP).exists()
    # A workshop's record (made when its page is published) is also chosen on the enrolment form.
    published = make_record(territory, place, kind="atelier", participants=4, days_ago=3)
    form = client.get(reverse("followup_enrol")).content.decode()
    assert f'value="{published.pk}"' in form and "Après quelle intervention" in form
    client.post(reverse("followup_enrol"), enrolment_data(club=territory.pk, intervention=published.pk))
    assert CohortMember.objects.get(record=published).kind == v.WORKSHOP
    other, other_place, _ = make_club("Club Voisin")
    foreign = make_record(other, other_place, kind="atelier", participants=4)
    refused = client.post(
        reverse("followup_enrol"), enrolment_data(club=territory.pk, intervention=foreign.pk)
    )
    assert "celles de votre club" in refused.content.decode()
    assert not CohortMember.objects.filter(record=foreign).exists()


def test_the_annual_report_has_the_follow_up_section(client, club):
    territory, _ = club
    year = timezone.localdate().year
    member = enrol(territory, date(year, 1, 5), contact=EMAIL, channel=v.EMAIL)
    lifecycle.record_follow_up(
        member, answers={}, equipment={}, needed_help=False, help_sources=[], today=member.due_on
    )
    client.force_login(make_staff(territory))
    report = client.get(reverse("activity_report"), {"annee": year, "club": territory.pk}).content.decode()
    assert (
        f"Suivi à six mois (personnes inscrites en {year})" in report and "taux de réponse : 100 %" in report
    )
    assert EMAIL not in report and NICKNAME not in report
    # A year without enrolment: no section.
    other = client.get(reverse("activity_report"), {"annee": year - 1, "club": territory.pk}).content.decode()
    assert "Suivi à six mois" not in other

"""Nothing personal leaves the cohort's encrypted column: not in logs, SQL, error reports, CSV."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.views.debug import ExceptionReporter

from followup import figures, lifecycle
from followup import vocabulary as v
from followup.models import CohortMember

from .factories import EMAIL, NICKNAME, baseline, enrol, make_club, make_staff

pytestmark = pytest.mark.django_db
PHONE_DIGITS = "0612345678"


def personal(text):
    compact = text.replace(" ", "").replace(".", "")
    return PHONE_DIGITS in compact or EMAIL in text or NICKNAME in text


@pytest.fixture
def territory():
    return make_club("Club Discret")[0]


def test_sql_and_logs_never_see_the_contact(territory, caplog, client):
    with caplog.at_level("DEBUG"), CaptureQueriesContext(connection) as queries:
        phone = enrol(territory, date(2026, 1, 5))
        mail_member = enrol(territory, date(2026, 1, 5), contact=EMAIL, channel=v.EMAIL)
        client.force_login(make_staff(territory))
        client.get(reverse("followup_call", args=[phone.pk]))
        lifecycle.record_attempt(phone, phone.due_on)
        lifecycle.record_follow_up(
            mail_member,
            answers=baseline(v.ALONE),
            equipment={},
            needed_help=False,
            help_sources=[],
            today=mail_member.due_on,
        )
        lifecycle.withdraw(phone, phone.due_on)
    assert queries.captured_queries
    assert not any(personal(query["sql"]) for query in queries.captured_queries)
    assert not personal(caplog.text)
    assert not any(personal(str(record.args)) for record in caplog.records)


def test_an_error_report_hides_what_was_typed(territory, client, monkeypatch, caplog):
    """A crash while enrolling: the report (logs, an administrator's e-mail) shows no contact."""

    def crash(**kwargs):
        raise RuntimeError("panne")

    monkeypatch.setattr(lifecycle, "enrol", crash)
    client.force_login(make_staff(territory))
    client.raise_request_exception = False
    data = {
        "club": territory.pk,
        "kind": v.INDIVIDUAL,
        "consent": "on",
        "language": "fr",
        "channel": v.PHONE,
        "contact": "06 12 34 56 78",
        "nickname": NICKNAME,
        **{f"op_{code}": v.HELPED for code in v.OPERATION_CODES},
    }
    with caplog.at_level("ERROR", logger="django.request"):
        response = client.post(reverse("followup_enrol"), data)
    assert response.status_code == 500
    record = next(r for r in caplog.records if r.name == "django.request")
    report = ExceptionReporter(record.request, *record.exc_info).get_traceback_text()
    assert "panne" in report and "consent" in report  # the report is there, with the harmless fields
    assert not personal(report) and not personal(caplog.text)


def test_figures_and_csv_are_anonymous(territory):
    followed = enrol(territory, date(2026, 1, 5), contact=EMAIL, channel=v.EMAIL)
    lifecycle.record_follow_up(
        followed,
        answers=baseline(v.ALONE, **{"banque-etranger": v.NOT_YET}),
        equipment={"internet": True},
        needed_help=True,
        help_sources=["proche"],
        today=followed.due_on,
    )
    unreachable = enrol(territory, date(2026, 1, 5))
    for _ in range(v.MAX_ATTEMPTS):
        lifecycle.record_attempt(unreachable, unreachable.due_on)
    lifecycle.mark_unreachable(unreachable, unreachable.due_on)
    enrol(territory, date(2026, 1, 6))  # still waiting: not in the response rate
    members = CohortMember.objects.filter(territory=territory)
    result = figures.summary(members)
    assert (result["enrolled"], result["done"], result["response_rate"], result["pairs"]) == (3, 1, 50, 1)
    transfer = next(op for op in result["operations"] if op["label"] == "Faire un virement")
    abroad = next(op for op in result["operations"] if op["label"] == "Envoyer de l'argent à l'étranger")
    assert (transfer["before"], transfer["after"]) == (0, 100) and abroad["after"] == 0
    text = figures.pairs_csv(members)
    assert text.startswith("\ufeffClub;Mois d'inscription;")
    lines = text.strip().split("\r\n")
    assert len(lines) == 2 and lines[1].startswith("Club Discret;2026-01;")
    assert "Je le fais seul(e)" in lines[1] and "Un proche" in lines[1]
    assert not personal(text) and "05/01/2026" not in text and "2026-01-05" not in text

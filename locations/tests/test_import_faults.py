"""import_lieux under bad input and while the site is in use: every bad value is a refused row
with its line, the valid rows are imported, and writing goes in small transactions."""

import csv
import json
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest

from locations import importer
from locations.export import FIELDS
from locations.importer import import_records, read_records
from locations.models import LocationPage
from locations.tests.factories import make_place, make_slot, make_territory

EXAMPLE = Path(__file__).with_name("data") / "lieux-mediation-numerique.exemple-valide.csv"

pytestmark = pytest.mark.django_db


def example_record(number=0, **changes):
    with EXAMPLE.open(encoding="utf-8") as handle:
        record = dict(list(csv.DictReader(handle))[number])
    record.update(changes)
    return record


def record(n, **changes):
    """A valid record of its own (id, name) built from the national example."""
    return example_record(**{"id": f"test-{n}", "nom": f"Lieu importé {n}", **changes})


@pytest.fixture
def territory():
    return make_territory(departments=", ".join(sorted({"14", "50", "69", "75", "33", "13"})))


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"latitude": "1e400"}, "« latitude » hors des limites"),
        ({"latitude": "NaN"}, "« latitude » hors des limites"),
        ({"longitude": "Infinity"}, "« longitude » hors des limites"),
        ({"longitude": "99999999999"}, "« longitude » hors des limites"),
        ({"date_maj": "9999-12-31"}, "« date_maj » dans le futur"),
    ],
)
def test_a_bad_value_is_a_refused_row_and_the_others_are_imported(territory, changes, reason):
    report = import_records([record(1), record(2, **changes), record(3)], territory)
    assert [(line, why.split(" (")[0]) for line, _label, why in report.refused] == [(3, reason)]
    assert sorted(report.created) == ["Lieu importé 1", "Lieu importé 3"]


def test_line_breaks_and_control_characters_become_spaces(territory):
    report = import_records(
        [record(1, adresse="12 rue\r\nde la Paix\x00", nom="Lieu\timporté\n1")], territory
    )
    assert report.created == ["Lieu importé 1"]
    page = LocationPage.objects.get(source_id="test-1")
    assert page.address == "12 rue de la Paix" and page.title == "Lieu importé 1"


def test_a_record_nested_too_deeply_is_refused_alone(tmp_path, territory):
    bomb = "[" * 50_000 + "]" * 50_000
    body = "[" + json.dumps(record(1)) + ', {"id": ' + bomb + "}, " + json.dumps(record(3)) + "]"
    path = tmp_path / "lieux.json"
    path.write_text(body, encoding="utf-8")
    report = import_records(read_records(path), territory)
    assert [(line, why) for line, _label, why in report.refused] == [
        (3, "enregistrement imbriqué trop profondément")
    ]
    assert sorted(report.created) == ["Lieu importé 1", "Lieu importé 3"]


def test_a_whole_file_nested_too_deeply_is_refused_in_french(tmp_path):
    path = tmp_path / "lieux.json"
    path.write_text('{"lieux": ' + "[" * 50_000 + "]" * 50_000 + "}", encoding="utf-8")
    with pytest.raises(importer.ImportFileError, match="imbriqué trop profondément"):
        read_records(path)


class CountingTransactions:
    """Stands in for django.db.transaction inside the importer: counts its outermost blocks."""

    def __init__(self, real):
        self.real, self.depth, self.outermost = real, 0, 0

    def set_rollback(self, rollback):
        self.real.set_rollback(rollback)

    @contextmanager
    def atomic(self):
        self.outermost += self.depth == 0
        self.depth += 1
        try:
            with self.real.atomic():
                yield
        finally:
            self.depth -= 1


def test_writing_goes_in_small_transactions(territory, monkeypatch):
    """Each batch commits on its own: nobody waits on a lock for the whole file."""
    monkeypatch.setattr(importer, "BATCH_SIZE", 2)
    counting = CountingTransactions(importer.transaction)
    monkeypatch.setattr(importer, "transaction", counting)
    report = import_records([record(n) for n in range(1, 6)], territory)
    assert len(report.created) == 5
    assert counting.outermost == 3  # 2 + 2 + 1 places, not one transaction for the file


def test_a_name_is_not_an_identifier(territory):
    """« LA POSTE » in four towns: distinct places (by their id), with distinct slugs."""
    report = import_records([record(1), example_record(id="test-2", nom="lieu importé 1")], territory)
    assert report.refused == [] and report.created == ["Lieu importé 1", "lieu importé 1"]
    slugs = set(LocationPage.objects.child_of(territory).values_list("slug", flat=True))
    assert len(slugs) == 2


def test_admin_fields_keep_one_line():
    territory = make_territory(departments="14")
    place = make_place(territory, slots=[make_slot(note="sur\nrendez-vous")])
    place.address = "2 rue\r\nde la Mairie"
    place.title = "Mairie\tde Lisieux"
    place.full_clean()
    assert place.address == "2 rue de la Mairie" and place.title == "Mairie de Lisieux"
    slot = place.slots.first()
    slot.note = "sur\r\nrendez-vous\x00"
    slot.full_clean(exclude=["page"])
    assert slot.note == "sur rendez-vous"


def test_future_confirmation_date_is_refused_but_today_is_fine(territory):
    tomorrow_plus = (date.today() + timedelta(days=30)).isoformat()
    report = import_records(
        [record(1, date_maj=date.today().isoformat()), record(2, date_maj=tomorrow_plus)], territory
    )
    assert report.created == ["Lieu importé 1"] and [r[0] for r in report.refused] == [3]


def test_fields_of_the_standard_are_the_export_fields():
    assert set(FIELDS) >= {"latitude", "longitude", "date_maj", "adresse"}

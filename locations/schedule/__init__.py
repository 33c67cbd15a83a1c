"""The schedule engine: one plain-Python answer to every question asked of a place's hours.

No Django import here. Build a Schedule from Slot and Closure dataclasses, then ask:
occurrences(), is_open_at(), is_open_on(), next_sessions(), sentences_fr(), table_rows(),
to_osm(), to_schema_org(), to_ical().
"""

from .engine import is_open_at, is_open_on, local_now, next_sessions, occurrences, slots_can_coincide
from .formats import (
    DAYS_FR,
    date_fr,
    describe_fr,
    hour_fr,
    sentences_fr,
    table_rows,
    times_fr,
    to_ical,
    to_osm,
    to_schema_org,
)
from .model import (
    EVEN_WEEKS,
    FIRST,
    FOURTH,
    LAST,
    ODD_WEEKS,
    RECURRENCES,
    SECOND,
    THIRD,
    WEEKLY,
    ZONES,
    Closure,
    Occurrence,
    Schedule,
    Slot,
    is_public_holiday,
    zone_for_department,
)

__all__ = [
    "DAYS_FR",
    "EVEN_WEEKS",
    "FIRST",
    "FOURTH",
    "LAST",
    "ODD_WEEKS",
    "RECURRENCES",
    "SECOND",
    "THIRD",
    "WEEKLY",
    "ZONES",
    "Closure",
    "Occurrence",
    "Schedule",
    "Slot",
    "date_fr",
    "describe_fr",
    "hour_fr",
    "is_open_at",
    "is_open_on",
    "is_public_holiday",
    "local_now",
    "next_sessions",
    "occurrences",
    "sentences_fr",
    "slots_can_coincide",
    "table_rows",
    "times_fr",
    "to_ical",
    "to_osm",
    "to_schema_org",
    "zone_for_department",
]

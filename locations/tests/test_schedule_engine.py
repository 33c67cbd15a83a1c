"""The schedule engine, without Django or a database."""

import ast
import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locations.schedule import (
    EVEN_WEEKS,
    FIRST,
    FOURTH,
    LAST,
    ODD_WEEKS,
    RECURRENCES,
    SECOND,
    THIRD,
    WEEKLY,
    Closure,
    Schedule,
    Slot,
    describe_fr,
    is_open_at,
    is_open_on,
    next_sessions,
    occurrences,
    sentences_fr,
    slots_can_coincide,
    table_rows,
    to_ical,
    to_osm,
    to_schema_org,
    zone_for_department,
)
from locations.schedule.osm_parse import parse_osm

from . import osm_eval

PARIS = ZoneInfo("Europe/Paris")
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def slot(weekday=TUE, start=(9, 0), end=(12, 0), recurrence=WEEKLY, **kwargs):
    return Slot(weekday, time(*start), time(*end), recurrence, **kwargs)


def days(plan, start, end):
    return [o.day for o in occurrences(plan, start, end)]


def test_engine_imports_no_django():
    package = Path(__file__).resolve().parent.parent / "schedule"
    for source in package.glob("*.py"):
        tree = ast.parse(source.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] in ("django", "wagtail") for n in names), source


# --- recurrences --------------------------------------------------------------------------


def test_weekly():
    plan = Schedule([slot(TUE)])
    assert days(plan, date(2026, 3, 1), date(2026, 3, 31)) == [
        date(2026, 3, 3),
        date(2026, 3, 10),
        date(2026, 3, 17),
        date(2026, 3, 24),
        date(2026, 3, 31),
    ]


@pytest.mark.parametrize(
    ("recurrence", "expected"),
    [
        (FIRST, date(2026, 3, 3)),
        (SECOND, date(2026, 3, 10)),
        (THIRD, date(2026, 3, 17)),
        (FOURTH, date(2026, 3, 24)),
        (LAST, date(2026, 3, 31)),  # March 2026 has five Tuesdays
    ],
)
def test_nth_weekday_of_a_month_with_five_tuesdays(recurrence, expected):
    plan = Schedule([slot(TUE, recurrence=recurrence)])
    assert days(plan, date(2026, 3, 1), date(2026, 3, 31)) == [expected]


def test_last_is_the_fourth_in_a_month_with_four():
    # February 2026: Tuesdays 3, 10, 17, 24.
    last = Schedule([slot(TUE, recurrence=LAST)])
    fourth = Schedule([slot(TUE, recurrence=FOURTH)])
    assert days(last, date(2026, 2, 1), date(2026, 2, 28)) == [date(2026, 2, 24)]
    assert days(fourth, date(2026, 2, 1), date(2026, 2, 28)) == [date(2026, 2, 24)]


def test_month_boundary_first_monday():
    # 1 June 2026 is a Monday; 31 May is a Sunday.
    plan = Schedule([slot(MON, recurrence=FIRST)])
    assert days(plan, date(2026, 5, 25), date(2026, 7, 10)) == [date(2026, 6, 1), date(2026, 7, 6)]


def test_even_and_odd_iso_weeks():
    even = Schedule([slot(MON, recurrence=EVEN_WEEKS)])
    odd = Schedule([slot(MON, recurrence=ODD_WEEKS)])
    # 5 Jan 2026 is in ISO week 2.
    assert days(even, date(2026, 1, 5), date(2026, 1, 25)) == [date(2026, 1, 5), date(2026, 1, 19)]
    assert days(odd, date(2026, 1, 5), date(2026, 1, 25)) == [date(2026, 1, 12)]


def test_iso_week_53_is_odd_and_followed_by_week_1():
    # 2026 has 53 ISO weeks: Mon 28 Dec 2026 is week 53, Mon 4 Jan 2027 is week 1.
    assert date(2026, 12, 28).isocalendar().week == 53
    odd = Schedule([slot(MON, recurrence=ODD_WEEKS)], open_on_public_holidays=True)
    assert days(odd, date(2026, 12, 21), date(2027, 1, 11)) == [date(2026, 12, 28), date(2027, 1, 4)]
    even = Schedule([slot(MON, recurrence=EVEN_WEEKS)], open_on_public_holidays=True)
    assert days(even, date(2026, 12, 21), date(2027, 1, 11)) == [date(2026, 12, 21), date(2027, 1, 11)]


def test_validity_range_is_inclusive():
    plan = Schedule([slot(WED, valid_from=date(2026, 3, 4), valid_until=date(2026, 3, 18))])
    assert days(plan, date(2026, 2, 1), date(2026, 4, 30)) == [
        date(2026, 3, 4),
        date(2026, 3, 11),
        date(2026, 3, 18),
    ]


def test_closures_remove_sessions():
    plan = Schedule([slot(WED)], [Closure(date(2026, 7, 20), date(2026, 8, 14), "congés")])
    found = days(plan, date(2026, 7, 1), date(2026, 8, 31))
    assert date(2026, 7, 15) in found and date(2026, 8, 19) in found
    assert not [d for d in found if date(2026, 7, 20) <= d <= date(2026, 8, 14)]


def test_closure_must_not_end_before_it_starts():
    with pytest.raises(ValueError):
        Closure(date(2026, 7, 20), date(2026, 7, 19))
    with pytest.raises(ValueError):
        slot(start=(12, 0), end=(12, 0))


# --- holidays and time zones --------------------------------------------------------------


def test_public_holidays_close_unless_told_otherwise():
    # 14 July 2026 is a Tuesday.
    plan = Schedule([slot(TUE)])
    assert not is_open_on(plan, date(2026, 7, 14))
    assert is_open_on(Schedule([slot(TUE)], open_on_public_holidays=True), date(2026, 7, 14))


def test_alsace_moselle_good_friday_and_26_december():
    # Good Friday 2026: 3 April. 26 December 2025 is a Friday.
    metropole = Schedule([slot(FRI)])
    alsace = Schedule([slot(FRI)], zone="alsace-moselle")
    for day in (date(2026, 4, 3), date(2025, 12, 26)):
        assert is_open_on(metropole, day)
        assert not is_open_on(alsace, day)


def test_zone_defaults_from_department():
    assert zone_for_department("67") == "alsace-moselle"
    assert zone_for_department("57") == "alsace-moselle"
    assert zone_for_department("974") == "974"
    assert zone_for_department("14") == "metropole"


def test_reunion_has_its_own_holiday_and_time_zone():
    # 20 December: abolition of slavery in La Réunion (a Sunday in 2026; a Monday in 2027).
    plan = Schedule([slot(MON, start=(8, 0), end=(12, 0))], zone="974")
    assert not is_open_on(plan, date(2027, 12, 20))
    assert is_open_on(Schedule([slot(MON)]), date(2027, 12, 20))
    # 8:30 in Saint-Denis is 5:30 in Paris (UTC+4 vs UTC+1 in winter).
    assert is_open_at(plan, datetime(2026, 11, 23, 5, 30, tzinfo=PARIS))
    assert not is_open_at(plan, datetime(2026, 11, 23, 9, 30, tzinfo=PARIS))  # 12:30 there


@pytest.mark.parametrize(
    ("zone", "tz"),
    [
        ("971", "America/Guadeloupe"),
        ("972", "America/Martinique"),
        ("973", "America/Cayenne"),
        ("974", "Indian/Reunion"),
        ("976", "Indian/Mayotte"),
    ],
)
def test_overseas_time_zones(zone, tz):
    plan = Schedule([slot(TUE)], zone=zone)
    assert str(plan.tz) == tz
    first = occurrences(plan, date(2026, 3, 3), date(2026, 3, 3))[0]
    assert first.start.utcoffset() == datetime(2026, 3, 3, 9, tzinfo=ZoneInfo(tz)).utcoffset()


def test_dst_change_days_keep_local_wall_clock_hours():
    # Sunday 29 March and Sunday 25 October 2026: clocks change in Paris.
    plan = Schedule([slot(SUN, start=(9, 0), end=(12, 0))])
    spring, autumn = occurrences(plan, date(2026, 3, 29), date(2026, 3, 29))[0], None
    autumn = occurrences(plan, date(2026, 10, 25), date(2026, 10, 25))[0]
    assert spring.start.utcoffset() == timedelta(hours=2)
    assert autumn.start.utcoffset() == timedelta(hours=1)
    assert (spring.end - spring.start) == timedelta(hours=3)
    utc = ZoneInfo("UTC")
    assert is_open_at(plan, datetime(2026, 3, 29, 7, 30, tzinfo=utc))  # 9:30 summer time
    assert not is_open_at(plan, datetime(2026, 3, 29, 6, 30, tzinfo=utc))  # 8:30
    assert is_open_at(plan, datetime(2026, 10, 25, 8, 30, tzinfo=utc))  # 9:30 winter time


# --- open now, next sessions --------------------------------------------------------------


def test_is_open_at_includes_start_excludes_end():
    plan = Schedule([slot(TUE)])
    assert is_open_at(plan, datetime(2026, 3, 3, 9, 0, tzinfo=PARIS))
    assert is_open_at(plan, datetime(2026, 3, 3, 11, 59, tzinfo=PARIS))
    assert not is_open_at(plan, datetime(2026, 3, 3, 12, 0, tzinfo=PARIS))
    with pytest.raises(ValueError):
        is_open_at(plan, datetime(2026, 3, 3, 10, 0))


def test_next_sessions_skip_ended_and_closed_ones():
    plan = Schedule(
        [slot(TUE, recurrence=FIRST), slot(THU, start=(14, 0), end=(16, 0))],
        [Closure(date(2026, 3, 5), date(2026, 3, 5))],
    )
    found = next_sessions(plan, datetime(2026, 3, 3, 10, 0, tzinfo=PARIS), count=3)
    assert [o.start for o in found] == [
        datetime(2026, 3, 3, 9, 0, tzinfo=PARIS),  # under way: still listed
        datetime(2026, 3, 12, 14, 0, tzinfo=PARIS),
        datetime(2026, 3, 19, 14, 0, tzinfo=PARIS),
    ]
    assert next_sessions(Schedule(), datetime(2026, 3, 3, tzinfo=PARIS)) == []


def test_slots_can_coincide():
    assert slots_can_coincide(slot(TUE), slot(TUE, start=(11, 0), end=(13, 0)))
    assert not slots_can_coincide(slot(TUE), slot(TUE, start=(12, 0), end=(13, 0)))
    assert not slots_can_coincide(slot(TUE), slot(WED))
    assert not slots_can_coincide(slot(recurrence=FIRST), slot(recurrence=THIRD))
    assert slots_can_coincide(slot(recurrence=FOURTH), slot(recurrence=LAST))
    assert not slots_can_coincide(slot(recurrence=FIRST), slot(recurrence=LAST))
    assert not slots_can_coincide(slot(recurrence=EVEN_WEEKS), slot(recurrence=ODD_WEEKS))
    assert slots_can_coincide(slot(recurrence=EVEN_WEEKS), slot(recurrence=FIRST))
    assert not slots_can_coincide(
        slot(valid_until=date(2026, 3, 1)), slot(valid_from=date(2026, 3, 2), recurrence=WEEKLY)
    )


# --- French -------------------------------------------------------------------------------


def test_french_sentences():
    plan = Schedule(
        [
            slot(TUE, recurrence=FIRST),
            slot(TUE, recurrence=THIRD),
            slot(WED, end=(12, 30)),
            slot(MON, recurrence=EVEN_WEEKS, note="sur rendez-vous"),
            slot(THU, start=(14, 0), end=(17, 0)),
            slot(THU),
            slot(FRI, recurrence=LAST, valid_from=date(2026, 9, 1), valid_until=date(2026, 12, 18)),
        ]
    )
    assert sentences_fr(plan) == [
        "le lundi des semaines paires, de 9 h à 12 h : sur rendez-vous",
        "le 1er et le 3e mardi du mois, de 9 h à 12 h",
        "le mercredi, de 9 h à 12 h 30",
        "le jeudi, de 9 h à 12 h et de 14 h à 17 h",
        "le dernier vendredi du mois, de 9 h à 12 h (du 1er septembre au 18 décembre 2026)",
    ]
    assert describe_fr(Schedule()) == "Pas d'horaires pour le moment."


def test_french_groups_days_with_identical_times():
    plan = Schedule([slot(MON), slot(THU), slot(FRI, recurrence=ODD_WEEKS)])
    assert sentences_fr(plan) == [
        "le lundi et le jeudi, de 9 h à 12 h",
        "le vendredi des semaines impaires, de 9 h à 12 h",
    ]
    rows = table_rows(plan)
    assert [(r["day"], r["frequency"]) for r in rows] == [
        ("lundi", "chaque semaine"),
        ("jeudi", "chaque semaine"),
        ("vendredi", "semaines impaires"),
    ]


# --- OSM, schema.org, iCalendar -----------------------------------------------------------


def test_osm_string():
    plan = Schedule(
        [slot(TUE, recurrence=FIRST), slot(TUE, recurrence=THIRD), slot(WED, start=(14, 0), end=(17, 0))],
        [Closure(date(2026, 7, 20), date(2026, 8, 14), "été"), Closure(date(2025, 7, 1), date(2025, 7, 2))],
    )
    assert to_osm(plan, date(2026, 3, 1)) == (
        "Tu[1,3] 09:00-12:00; We 14:00-17:00; PH off; 2026 Jul 20-2026 Aug 14 off"
    )


def test_osm_last_weeks_validity_and_additional_rules():
    plan = Schedule(
        [
            slot(MON, recurrence=EVEN_WEEKS),
            slot(MON, start=(14, 0), end=(16, 0), recurrence=LAST),
            slot(THU, valid_from=date(2026, 9, 1), valid_until=date(2026, 12, 18)),
            slot(FRI, valid_until=date(2026, 1, 1)),  # over: left out
        ],
        [Closure(date(2026, 12, 24), date(2026, 12, 24))],
        open_on_public_holidays=True,
    )
    assert to_osm(plan, date(2026, 3, 1)) == (
        "week 02-52/2 Mo 09:00-12:00, Mo[-1] 14:00-16:00; "
        "2026 Sep 01-2026 Dec 18 Th 09:00-12:00; 2026 Dec 24 off"
    )
    assert to_osm(Schedule(), date(2026, 3, 1)) == "off"


def test_osm_commented_sessions_are_open_for_osm_evaluators():
    """A comment alone makes a rule "unknown" in OSM: "sur rendez-vous" sessions say `open`."""
    plan = Schedule([slot(WED, start=(14, 0), end=(17, 0), note='sur "rendez-vous"'), slot(FRI)])
    text = to_osm(plan, date(2026, 3, 1))
    assert text == "We 14:00-17:00 open \"sur 'rendez-vous'\"; Fr 09:00-12:00; PH off"
    states = osm_eval.states(text, date(2026, 3, 2), date(2026, 3, 8))
    assert set(states.values()) == {"open"} and len(states) == 2
    assert osm_eval.states('We 14:00-17:00 "sur rendez-vous"', date(2026, 3, 2), date(2026, 3, 8)) == {
        (date(2026, 3, 4), time(14), time(17)): "unknown"
    }
    assert [s.note for s in parse_osm(text).slots] == ["sur 'rendez-vous'", ""]


def test_schema_org_specifications():
    plan = Schedule(
        [slot(TUE), slot(WED, recurrence=FIRST)], [Closure(date(2026, 3, 9), date(2026, 3, 10), "travaux")]
    )
    specs = to_schema_org(plan, date(2026, 3, 1), weeks=4)
    assert specs[0] == {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": "https://schema.org/Tuesday",
        "opens": "09:00",
        "closes": "12:00",
    }
    assert {"validFrom": "2026-03-04", "validThrough": "2026-03-04"}.items() <= specs[1].items()
    assert specs[-1]["opens"] == specs[-1]["closes"] == "00:00"
    assert specs[-1]["validFrom"] == "2026-03-09"
    json.dumps(specs)


def test_ical_one_event_per_session_with_time_zone():
    plan = Schedule([slot(TUE, recurrence=FIRST)], zone="974", uid="lieu-1")
    body = to_ical(plan, date(2026, 3, 1), weeks=9, name="Saint-Denis")
    assert b"TZID=Indian/Reunion" in body and b"BEGIN:VTIMEZONE" in body
    assert osm_eval.ical_sessions(body) == {
        (date(2026, 3, 3), time(9), time(12)),
        (date(2026, 4, 7), time(9), time(12)),
    }


# --- properties ---------------------------------------------------------------------------

slots_strategy = st.builds(
    lambda weekday, start, length, recurrence, valid: Slot(
        weekday,
        time(start // 60, start % 60),
        time((start + length) // 60, (start + length) % 60),
        recurrence,
        *valid,
    ),
    st.integers(0, 6),
    st.integers(7 * 60, 16 * 60).map(lambda m: m - m % 15),
    st.sampled_from([30, 60, 90, 120, 180]),
    st.sampled_from(RECURRENCES),
    st.sampled_from(
        [
            (None, None),
            (date(2026, 2, 10), None),
            (None, date(2026, 3, 20)),
            (date(2026, 2, 1), date(2026, 3, 1)),
        ]
    ),
)
closures_strategy = st.builds(
    lambda start, length: Closure(start, start + timedelta(days=length)),
    st.dates(date(2026, 1, 1), date(2026, 4, 30)),
    st.integers(0, 20),
)


@settings(max_examples=120, deadline=None)
@given(
    st.lists(slots_strategy, max_size=5),
    st.lists(closures_strategy, max_size=2),
    st.sampled_from(["metropole", "alsace-moselle", "974", "973"]),
    st.booleans(),
)
def test_osm_and_ical_describe_the_same_sessions(slots, closures, zone, on_holidays):
    plan = Schedule(slots, closures, zone=zone, open_on_public_holidays=on_holidays)
    today = date(2026, 1, 26)
    end = today + timedelta(weeks=8) - timedelta(days=1)
    from_osm = osm_eval.sessions(to_osm(plan, today), today, end, plan.holiday_subdivision)
    from_ical = osm_eval.ical_sessions(to_ical(plan, today, weeks=8))
    from_engine = {(o.day, o.start.time(), o.end.time()) for o in occurrences(plan, today, end)}
    assert from_osm == from_ical == from_engine


@settings(max_examples=80, deadline=None)
@given(
    st.lists(slots_strategy, min_size=1, max_size=4),
    st.datetimes(datetime(2026, 1, 1), datetime(2026, 12, 1)),
)
def test_open_now_agrees_with_next_sessions(slots, moment):
    plan = Schedule(slots, open_on_public_holidays=True)
    moment = moment.replace(tzinfo=PARIS)
    upcoming = next_sessions(plan, moment, count=1)
    assert is_open_at(plan, moment) == bool(upcoming and upcoming[0].start <= moment < upcoming[0].end)

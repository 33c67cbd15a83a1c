"""The facts of a schedule: slots, closures, zones. Plain Python, no Django."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

WEEKLY = "weekly"
FIRST, SECOND, THIRD, FOURTH, LAST = "first", "second", "third", "fourth", "last"
EVEN_WEEKS, ODD_WEEKS = "even_weeks", "odd_weeks"
NTH = {FIRST: 1, SECOND: 2, THIRD: 3, FOURTH: 4, LAST: -1}
RECURRENCES = (WEEKLY, FIRST, SECOND, THIRD, FOURTH, LAST, EVEN_WEEKS, ODD_WEEKS)

# zone code -> (time zone, subdivision of holidays.France)
ZONES = {
    "metropole": ("Europe/Paris", None),
    "alsace-moselle": ("Europe/Paris", "57"),
    "971": ("America/Guadeloupe", "971"),
    "972": ("America/Martinique", "972"),
    "973": ("America/Cayenne", "973"),
    "974": ("Indian/Reunion", "974"),
    "976": ("Indian/Mayotte", "976"),
    # The overseas collectivities: their own time zone and holidays (holidays.France subdivisions).
    # French Polynesia is read at Tahiti's time (the Marquesas and Gambier differ).
    "975": ("America/Miquelon", "PM"),
    "977": ("America/St_Barthelemy", "BL"),
    "978": ("America/Marigot", "MF"),
    "986": ("Pacific/Wallis", "WF"),
    "987": ("Pacific/Tahiti", "PF"),
    "988": ("Pacific/Noumea", "NC"),
}


def zone_for_department(department):
    """The holiday zone of a department code: '57' -> 'alsace-moselle', '974' -> '974'."""
    if department in ("57", "67", "68"):
        return "alsace-moselle"
    if department in ZONES:
        return department
    return "metropole"


@lru_cache(maxsize=64)
def _holidays(subdiv, year):
    return frozenset(holidays.France(subdiv=subdiv, years=year).keys())


def is_public_holiday(day, zone="metropole"):
    return day in _holidays(ZONES[zone][1], day.year)


def nth_of_month(day):
    """(n, is_last): day is the n-th such weekday of its month, and maybe the last one."""
    n = (day.day - 1) // 7 + 1
    return n, (day + timedelta(days=7)).month != day.month


@dataclass(frozen=True)
class Slot:
    weekday: int  # 0 = Monday … 6 = Sunday
    start: time
    end: time
    recurrence: str = WEEKLY
    valid_from: date | None = None
    valid_until: date | None = None
    note: str = ""

    def __post_init__(self):
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday out of range: {self.weekday}")
        if self.recurrence not in RECURRENCES:
            raise ValueError(f"unknown recurrence: {self.recurrence}")
        if self.end <= self.start:
            raise ValueError("a slot must end after it starts")

    def is_valid_on(self, day):
        return (self.valid_from is None or day >= self.valid_from) and (
            self.valid_until is None or day <= self.valid_until
        )

    def matches(self, day):
        """Does this slot take place on `day`, before closures and holidays?"""
        if day.weekday() != self.weekday or not self.is_valid_on(day):
            return False
        if self.recurrence == WEEKLY:
            return True
        if self.recurrence in (EVEN_WEEKS, ODD_WEEKS):
            even = day.isocalendar().week % 2 == 0
            return even if self.recurrence == EVEN_WEEKS else not even
        n, is_last = nth_of_month(day)
        return is_last if self.recurrence == LAST else n == NTH[self.recurrence]


@dataclass(frozen=True)
class Closure:
    start: date
    end: date
    reason: str = ""

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("a closure must end on or after its start")

    def covers(self, day):
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Occurrence:
    """One session: aware start and end in the place's time zone."""

    start: datetime
    end: datetime
    slot: Slot

    @property
    def day(self):
        return self.start.date()


@dataclass(frozen=True)
class Schedule:
    slots: tuple[Slot, ...] = ()
    closures: tuple[Closure, ...] = ()
    zone: str = "metropole"
    open_on_public_holidays: bool = False
    name: str = ""
    uid: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self):
        if self.zone not in ZONES:
            raise ValueError(f"unknown zone: {self.zone}")
        object.__setattr__(self, "slots", tuple(self.slots))
        object.__setattr__(self, "closures", tuple(self.closures))

    @property
    def tz(self):
        return ZoneInfo(ZONES[self.zone][0])

    @property
    def holiday_subdivision(self):
        return ZONES[self.zone][1]

    def is_closed_on(self, day):
        if any(closure.covers(day) for closure in self.closures):
            return True
        return not self.open_on_public_holidays and is_public_holiday(day, self.zone)

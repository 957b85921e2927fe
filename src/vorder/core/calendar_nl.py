"""Dutch calendar: recognised holidays, working days and collectors' contact windows.

Recognised holidays are those of the *Algemene termijnenwet* art. 3 lid 1 (not the longer list
of the ``holidays`` package): New Year's Day, Easter Monday, Ascension Day, Whit Monday,
Christmas Day, Boxing Day, King's Day and 5 May (Liberation Day). Good Friday is **not** one.
King's Day is 27 April, or 26 April when the 27th is a Sunday (since 2014; before 2014 the
holiday was Queen's Day, 30 April or 29 April when the 30th was a Sunday).

Contact windows (Wki conduct rules, law-nl.md section 8): no contact between 20:00 and 07:00,
on Sundays or on recognised holidays. The functions take **naive local datetimes in
Europe/Amsterdam** (wall-clock time of the debtor); converting from UTC is the caller's job.
An aware datetime is refused with :class:`LocalTimeRequired`. Daylight-saving transitions
(02:00-03:00) fall outside the window, so wall-clock times are unambiguous inside it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache

from vorder.core.errors import DomainError

ONE_DAY = timedelta(days=1)
SATURDAY = 5
SUNDAY = 6
CONTACT_FROM = time(7, 0)
CONTACT_UNTIL = time(20, 0)


class LocalTimeRequired(DomainError):
    """A contact-window function got a timezone-aware datetime instead of naive local time."""

    code = "local_time_required"


def easter_sunday(year: int) -> date:
    """Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher).

    Basis: the moveable feasts of Algemene termijnenwet art. 3 are counted from Easter.
    """
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _kings_day(year: int) -> tuple[date, str]:
    if year >= 2014:
        day = date(year, 4, 27)
        name = "King's Day"
    else:
        day = date(year, 4, 30)
        name = "Queen's Day"
    if day.weekday() == SUNDAY:
        day -= ONE_DAY
    return day, name


@lru_cache(maxsize=512)
def recognised_holidays(year: int) -> dict[date, str]:
    """The recognised holidays of ``year`` (Algemene termijnenwet art. 3 lid 1), date → name."""
    easter = easter_sunday(year)
    kings_day, kings_name = _kings_day(year)
    days = {
        date(year, 1, 1): "New Year's Day",
        easter + timedelta(days=1): "Easter Monday",
        easter + timedelta(days=39): "Ascension Day",
        easter + timedelta(days=50): "Whit Monday",
        kings_day: kings_name,
        date(year, 12, 25): "Christmas Day",
        date(year, 12, 26): "Boxing Day",
    }
    # 5 May every year; when it coincides with Ascension Day both names apply.
    liberation = date(year, 5, 5)
    days[liberation] = (
        f"{days[liberation]} / Liberation Day" if liberation in days else "Liberation Day"
    )
    return dict(sorted(days.items()))


def is_recognised_holiday(day: date) -> bool:
    """True on a recognised holiday of the Algemene termijnenwet (art. 3 lid 1)."""
    return day in recognised_holidays(day.year)


def is_working_day(day: date) -> bool:
    """Not a Saturday, Sunday or recognised holiday (Algemene termijnenwet art. 1 lid 1)."""
    return day.weekday() < SATURDAY and not is_recognised_holiday(day)


def next_working_day(day: date) -> date:
    """The first working day strictly after ``day`` (Algemene termijnenwet art. 1 and 3)."""
    day += ONE_DAY
    while not is_working_day(day):
        day += ONE_DAY
    return day


def extend_to_working_day(day: date) -> date:
    """A term ending on a Saturday, Sunday or recognised holiday ends on the next working day.

    Basis: Algemene termijnenwet art. 1 lid 1. A working day is returned unchanged.
    """
    return day if is_working_day(day) else next_working_day(day)


def _require_local(moment: datetime) -> None:
    if moment.tzinfo is not None:
        raise LocalTimeRequired(
            "give the moment as naive local time in Europe/Amsterdam, not as an aware datetime",
            field="moment",
        )


def is_contact_day(day: date) -> bool:
    """Collectors may contact a debtor on this day: not a Sunday or recognised holiday (Wki)."""
    return day.weekday() != SUNDAY and not is_recognised_holiday(day)


def is_contact_allowed(moment: datetime) -> bool:
    """True when a collector may contact a debtor at ``moment`` (naive Europe/Amsterdam time).

    Basis: Wki conduct rules (law-nl.md section 8): no contact 20:00-07:00, on Sundays or on
    recognised holidays. 07:00:00 is allowed, 20:00:00 is not.
    """
    _require_local(moment)
    return is_contact_day(moment.date()) and CONTACT_FROM <= moment.time() < CONTACT_UNTIL


def next_contact_moment(moment: datetime) -> datetime:
    """The first moment at or after ``moment`` at which contact is allowed (naive local time).

    Basis: Wki conduct rules (law-nl.md section 8). Returns ``moment`` itself when allowed.
    """
    _require_local(moment)
    if is_contact_allowed(moment):
        return moment
    day = moment.date()
    if not (is_contact_day(day) and moment.time() < CONTACT_FROM):
        day += ONE_DAY
        while not is_contact_day(day):
            day += ONE_DAY
    return datetime.combine(day, CONTACT_FROM)

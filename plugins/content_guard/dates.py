"""Dates in a post's header: the one form the site reads, and for anything else the reason and fix.

The site reads ``JJJJ-MM-DD`` with an optional time ``UU:MM``. A date written otherwise gets a
message that says what is wrong (the day does not exist in that month, there is no month 13, the
day comes first, the month is a word, the year has two digits, there is only a time, ...) and the
date the author most likely meant. Month and day names come from Babel (Dutch and English), never
from a list of our own.
"""

import calendar
import re
from datetime import date, datetime

from babel.dates import get_day_names, get_month_names

FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M")
EXAMPLE = "zoals 2026-01-06 voor 6 januari 2026"


def _names(getter):
    """{'januari': 1, 'jan': 1, 'january': 1, ...} from Babel, lower case, without dots."""
    names = {}
    for locale in ("nl", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in getter(width, locale=locale).items():
                names.setdefault(name.lower().rstrip("."), number)
    return names


MONTH_NUMBERS = _names(get_month_names)
DAY_NAMES = set(_names(get_day_names))
DUTCH_MONTHS = get_month_names("wide", locale="nl")
TIME = re.compile(r"(?:^|[\sT])(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?$")
TOKEN = re.compile(r"\d+|[^\W\d_]+")
SEPARATORS = {"/": "schuine strepen", ".": "punten", " ": "spaties"}


def is_valid(value):
    """True for the forms the site reads: 'JJJJ-MM-DD' or 'JJJJ-MM-DD UU:MM'."""
    for fmt in FORMATS:
        try:
            datetime.strptime(value, fmt)
        except ValueError:
            continue
        return True
    return False


def date_problem(name, value):
    """None when ``value`` is a date the site reads; else the Dutch reason and fix.

    ``name`` is the field as the guide writes it ('Date', 'Modified').
    """
    value = value.strip()
    if is_valid(value):
        return None
    said = f"{name} '{value}'"
    time = TIME.search(value)
    day_part = value[: time.start()].strip() if time else value
    clock = None
    if time:
        hour, minute = int(time["h"]), int(time["m"])
        if hour > 23 or minute > 59:  # hours and minutes
            return (
                f"{said}: de tijd {time['h']}:{time['m']} bestaat niet; schrijf de tijd als "
                "UU:MM, van 00:00 tot 23:59, of laat hem weg"
            )
        clock = f"{hour:02d}:{minute:02d}"
        if not day_part:
            return f"{said} is alleen een tijd; zet de datum ervoor: '{name}: JJJJ-MM-DD {clock}'"
    return _day_problem(said, day_part, clock, time)


def _day_problem(said, text, clock, time):
    """The message for the date part ``text`` (and the already checked time ``clock``)."""
    words = TOKEN.findall(text.lower())
    words = [w for w in words if not (w.isalpha() and w in DAY_NAMES)]  # 'maandag 6 januari'
    numbers = [w for w in words if w.isdigit()]
    months = [MONTH_NUMBERS[w] for w in words if w.isalpha() and w in MONTH_NUMBERS]
    unknown = [w for w in words if w.isalpha() and w not in MONTH_NUMBERS]
    if unknown or len(months) > 1:
        return f"{said} is geen datum die de site kan lezen; schrijf JJJJ-MM-DD, {EXAMPLE}"
    if months:
        return _named_month(said, numbers, months[0], clock)
    if len(numbers) == 2:  # day and month, or year and month
        if len(numbers[0]) == 4:  # a year
            return (
                f"{said} mist de dag; schrijf JJJJ-MM-DD, zoals {numbers[0]}-"
                f"{int(numbers[1]):02d}-01 voor de eerste van de maand"
            )
        return f"{said} mist het jaar; zet het jaar vooraan: JJJJ-{_mm_dd(numbers[1], numbers[0])}"
    if len(numbers) != 3:  # year, month, day
        return f"{said} is geen datum die de site kan lezen; schrijf JJJJ-MM-DD, {EXAMPLE}"
    first, second, third = numbers
    if len(first) == 4:  # year first: the right order, other separators or values
        year, month, day = int(first), int(second), int(third)
        why = _separators(text, time)
        if not why and len(second) <= 2 and len(third) <= 2:
            return _impossible(said, year, month, day, swap=True)
        return _meant(said, year, month, day, clock, why or "staat niet in de vorm JJJJ-MM-DD")
    if len(third) == 4:  # year last: Dutch day-month-year, or English month-day
        year, day, month = int(third), int(first), int(second)
        if month > 12 and day <= 12:
            why = "staat in de volgorde maand-dag-jaar; schrijf jaar-maand-dag"
            return _meant(said, year, day, month, clock, why)
        why = "staat in de volgorde dag-maand-jaar; zet het jaar vooraan"
        return _meant(said, year, month, day, clock, why)
    if len(third) == 2:  # a two-digit year, last, as in 30-01-25
        why = "heeft een jaartal van twee cijfers; schrijf het hele jaar, vooraan"
        return _meant(said, 2000 + int(third), int(second), int(first), clock, why)
    return f"{said} is geen datum die de site kan lezen; schrijf JJJJ-MM-DD, {EXAMPLE}"


def _named_month(said, numbers, month, clock):
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if len(years) != 1:
        if len(days) == 1 and not years:
            return f"{said} mist het jaar; zet het jaar vooraan: JJJJ-{_mm_dd(month, days[0])}"
        return f"{said} is geen datum die de site kan lezen; schrijf JJJJ-MM-DD, {EXAMPLE}"
    if len(days) != 1:
        return (
            f"{said} mist de dag; schrijf JJJJ-MM-DD, zoals {years[0]}-{month:02d}-01 "
            "voor de eerste van de maand"
        )
    why = "heeft de maand in woorden; schrijf de maand als getal"
    return _meant(said, int(years[0]), month, int(days[0]), clock, why)


def _mm_dd(month, day):
    return f"{int(month):02d}-{int(day):02d}"


def _separators(text, time):
    """Why a year-first date is not in the form JJJJ-MM-DD, or '' when only values are wrong."""
    if time and "T" in time.group(0):
        return "heeft een T tussen datum en tijd; schrijf een spatie"
    if time and time["s"]:
        return "heeft seconden; schrijf de tijd als UU:MM"
    for sep, words in SEPARATORS.items():
        if sep in text.strip():
            return f"heeft {words} tussen jaar, maand en dag; schrijf streepjes"
    return ""


def _meant(said, year, month, day, clock, why):
    """``said`` + why it is not the site's form + the date meant (or why that does not exist)."""
    impossible = _impossible(said, year, month, day)
    if impossible:
        return impossible
    meant = f"{year:04d}-{month:02d}-{day:02d}" + (f" {clock}" if clock else "")
    return f"{said} {why}: {meant}"


def _impossible(said, year, month, day, swap=False):
    """The message for a month or day that does not exist, or None when the date exists."""
    if not 1 <= month <= 12:
        if swap and 1 <= day <= 12 and _exists(year, day, month):
            return (
                f"{said} bestaat niet: een jaar heeft 12 maanden; bedoel je "
                f"{year:04d}-{day:02d}-{month:02d}? (eerst de maand, dan de dag)"
            )
        return (
            f"{said} bestaat niet: een jaar heeft 12 maanden; schrijf JJJJ-MM-DD, met de maand "
            "(01 tot 12) in het midden"
        )
    if _exists(year, month, day):
        return None
    if day < 1:
        first = f"{year:04d}-{month:02d}-01"
        return f"{said} bestaat niet: een maand begint bij dag 1; bedoel je {first}?"
    last = calendar.monthrange(year, month)[1]
    name = DUTCH_MONTHS[month]
    when = f" in {year}" if month == 2 else ""  # only February depends on the year
    after = date(year + month // 12, month % 12 + 1, 1)
    return (
        f"{said} bestaat niet: {name} heeft {last} dagen{when}; bedoel je "
        f"{year:04d}-{month:02d}-{last:02d} of {after.isoformat()}?"
    )


def _exists(year, month, day):
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True

"""Every kind of wrong date is answered with its reason and the date the author most likely meant."""

import pytest

from plugins.content_guard.dates import date_problem

CASES = {
    # an impossible day: the month's length, and the nearest real dates on either side
    "2025-02-30": "Date '2025-02-30' bestaat niet: februari heeft 28 dagen in 2025; bedoel je 2025-02-28 of 2025-03-01?",
    "2024-02-30": "Date '2024-02-30' bestaat niet: februari heeft 29 dagen in 2024; bedoel je 2024-02-29 of 2024-03-01?",
    "2025-04-31": "Date '2025-04-31' bestaat niet: april heeft 30 dagen; bedoel je 2025-04-30 of 2025-05-01?",
    "2025-12-32": "Date '2025-12-32' bestaat niet: december heeft 31 dagen; bedoel je 2025-12-31 of 2026-01-01?",
    "2025-02-00": "Date '2025-02-00' bestaat niet: een maand begint bij dag 1; bedoel je 2025-02-01?",
    # month 13: day and month swapped, or simply no month
    "2025-13-01": "Date '2025-13-01' bestaat niet: een jaar heeft 12 maanden; bedoel je 2025-01-13? (eerst de maand, dan de dag)",
    "2025-13-45": "Date '2025-13-45' bestaat niet: een jaar heeft 12 maanden; schrijf JJJJ-MM-DD, met de maand (01 tot 12) in het midden",
    # the Dutch order, day first; and the English month-day order
    "30-01-2025": "Date '30-01-2025' staat in de volgorde dag-maand-jaar; zet het jaar vooraan: 2025-01-30",
    "6-1-2026": "Date '6-1-2026' staat in de volgorde dag-maand-jaar; zet het jaar vooraan: 2026-01-06",
    "30/01/2025 14:30": "Date '30/01/2025 14:30' staat in de volgorde dag-maand-jaar; zet het jaar vooraan: 2025-01-30 14:30",
    "01/30/2025": "Date '01/30/2025' staat in de volgorde maand-dag-jaar; schrijf jaar-maand-dag: 2025-01-30",
    "31-04-2025": "Date '31-04-2025' bestaat niet: april heeft 30 dagen; bedoel je 2025-04-30 of 2025-05-01?",
    # a month name (Dutch or English, whole or short, with or without the weekday)
    "30 januari 2025": "Date '30 januari 2025' heeft de maand in woorden; schrijf de maand als getal: 2025-01-30",
    "maandag 6 januari 2026": "Date 'maandag 6 januari 2026' heeft de maand in woorden; schrijf de maand als getal: 2026-01-06",
    "6 mrt. 2026": "Date '6 mrt. 2026' heeft de maand in woorden; schrijf de maand als getal: 2026-03-06",
    "January 6, 2026": "Date 'January 6, 2026' heeft de maand in woorden; schrijf de maand als getal: 2026-01-06",
    "30 februari 2025": "Date '30 februari 2025' bestaat niet: februari heeft 28 dagen in 2025; bedoel je 2025-02-28 of 2025-03-01?",
    # a time without a date, and a time that does not exist
    "14:30": "Date '14:30' is alleen een tijd; zet de datum ervoor: 'Date: JJJJ-MM-DD 14:30'",
    "2025-01-30 25:00": "Date '2025-01-30 25:00': de tijd 25:00 bestaat niet; schrijf de tijd als UU:MM, van 00:00 tot 23:59, of laat hem weg",
    # a two-digit year, other separators, ISO's T, seconds
    "30-01-25": "Date '30-01-25' heeft een jaartal van twee cijfers; schrijf het hele jaar, vooraan: 2025-01-30",
    "2025/01/30": "Date '2025/01/30' heeft schuine strepen tussen jaar, maand en dag; schrijf streepjes: 2025-01-30",
    "2025.01.30": "Date '2025.01.30' heeft punten tussen jaar, maand en dag; schrijf streepjes: 2025-01-30",
    "2025-01-30T09:30": "Date '2025-01-30T09:30' heeft een T tussen datum en tijd; schrijf een spatie: 2025-01-30 09:30",
    "2025-01-30 09:30:15": "Date '2025-01-30 09:30:15' heeft seconden; schrijf de tijd als UU:MM: 2025-01-30 09:30",
    # a part missing, or no date at all
    "30 januari": "Date '30 januari' mist het jaar; zet het jaar vooraan: JJJJ-01-30",
    "januari 2025": "Date 'januari 2025' mist de dag; schrijf JJJJ-MM-DD, zoals 2025-01-01 voor de eerste van de maand",
    "2025-01": "Date '2025-01' mist de dag; schrijf JJJJ-MM-DD, zoals 2025-01-01 voor de eerste van de maand",
    "morgen": "Date 'morgen' is geen datum die de site kan lezen; schrijf JJJJ-MM-DD, zoals 2026-01-06 voor 6 januari 2026",
}


@pytest.mark.parametrize("value", CASES)
def test_a_wrong_date_gets_its_reason_and_fix(value):
    assert date_problem("Date", value) == CASES[value]


@pytest.mark.parametrize("value", ["2025-03-01", "2025-3-1", "2025-03-01 09:30", " 2026-01-06 "])
def test_dates_the_site_reads_are_accepted(value):
    assert date_problem("Date", value) is None


def test_the_field_is_named_as_written():
    assert date_problem("Modified", "2025-02-30").startswith("Modified '2025-02-30' bestaat niet")

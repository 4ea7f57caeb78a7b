"""Read a ```tabel block into a Table: column types, Dutch number parsing and formatting.

Pure functions only; errors are TableError with the line of the post they concern.
"""

import functools
import re
from dataclasses import dataclass, field

from babel.numbers import format_decimal

from plugins.fenced_blocks import BlockError

KIND = "tabel"
FIELDS = ("titel", "bron", "noot", "kolommen", "grafiek")
COLUMN_TYPES = ("tekst", "getal", "procent", "jaar", "trend")
NUMERIC_TYPES = ("getal", "procent")
CHART_TYPES = ("staaf", "lijn")
# Trend words (and the emoji the source sites used) -> canonical word.
TREND_ALIASES = {
    "stijgend": "stijgend",
    "📈": "stijgend",
    "dalend": "dalend",
    "📉": "dalend",
    "stabiel": "stabiel",
    "🟢": "stabiel",
}
NUMBER = re.compile(r"^-?\d+(,\d+)?$")
MINUS = "\u2212"  # the sign shown for negative numbers (authors may type it or a hyphen)
YEAR = re.compile(r"^\d{4}$")
# Column type -> how an author calls a value of it, and an example.
TYPE_WORDS = {"procent": ("percentage", "23,4%"), "getal": ("getal", "1515 of 6,1")}
ONE_OF_TYPES = ", ".join(COLUMN_TYPES[:-1]) + " of " + COLUMN_TYPES[-1]


class TableError(BlockError):
    """A table that cannot be read; the message says what to fix."""


@dataclass
class Column:
    """A column heading and its type."""

    header: str
    type: str


@dataclass
class Cell:
    """One cell: the text shown, its number (for charts) and its column type."""

    text: str
    type: str
    number: float | None = None
    trend: str = ""


@dataclass
class Table:
    """A parsed table, ready for the template and for charts."""

    caption: str
    columns: list
    rows: list  # list of list[Cell]
    source: str = ""
    note: str = ""
    chart: str = ""
    line: int = 0
    labels: list = field(default_factory=list)  # first cell of every row


def parse_number(raw):
    """'23,4' -> 23.4 and '1515' -> 1515.0; raise ValueError for anything else."""
    text = raw.replace("\u00a0", "").replace(" ", "").replace(MINUS, "-")
    if not NUMBER.match(text):
        raise ValueError(raw)
    return float(text.replace(",", "."))


@functools.lru_cache(maxsize=8192)  # Babel is slow; tables repeat their figures
def format_number(raw, percent=False):
    """Write a number Dutch style, keeping the author's decimals: '1515' -> '1.515', '23,4%'."""
    text = raw.replace("\u00a0", "").replace(" ", "").rstrip("%")
    decimals = len(text.split(",")[1]) if "," in text else 0
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    shown = format_decimal(parse_number(text), format=pattern, locale="nl_NL")
    shown = shown.replace("-", MINUS)  # −3,5: a minus sign, not a hyphen
    return shown + "%" if percent else shown


def split_row(text):
    """Split '| a | b |' into ['a', 'b'] (outer pipes optional)."""
    text = text.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|"):
        text = text[:-1]
    return [cell.strip() for cell in text.split("|")]


def parse_cell(raw, column, line, row_label, caption=""):
    """Turn one raw cell into a Cell of the column's type."""
    if not raw:
        return Cell("", column.type)
    where = f"rij '{row_label}', kolom '{column.header}'" + (
        f" van tabel '{caption}'" if caption else ""
    )
    if column.type in NUMERIC_TYPES:
        body = raw.rstrip().removesuffix("%")
        try:
            number = parse_number(body)
        except ValueError:
            what, example = TYPE_WORDS[column.type]
            raise TableError(
                line, f"'{raw}' in {where} is geen {what}; schrijf het zoals {example}"
            ) from None
        return Cell(format_number(body, column.type == "procent"), column.type, number)
    if column.type == "jaar":
        if not YEAR.match(raw):
            raise TableError(line, f"'{raw}' in {where} is geen jaartal; schrijf het zoals 2025")
        return Cell(raw, "jaar", float(raw))
    if column.type == "trend":
        trend = TREND_ALIASES.get(raw.lower())
        if not trend:
            raise TableError(
                line, f"'{raw}' in {where} is geen trend; gebruik stijgend, dalend of stabiel"
            )
        return Cell(trend, "trend", trend=trend)
    return Cell(raw, "tekst")


def parse_table(block):
    """Build a Table from a fenced block; raise TableError naming the line and the fix."""
    caption = block.value("titel")
    if not caption:
        raise TableError(
            block.start,
            "de tabel heeft geen regel 'Titel:'; voeg er een toe (het bijschrift)",
        )
    where = f"tabel '{caption}'"
    types_raw = block.value("kolommen")
    if not types_raw:
        raise TableError(
            block.start,
            f"{where} heeft geen regel 'Kolommen:'; voeg er een toe met per kolom een soort "
            f"({', '.join(COLUMN_TYPES)})",
        )
    types_line = block.fields["kolommen"][1]
    types = [t.strip().lower() for t in types_raw.split(",")]
    for name in types:
        if name not in COLUMN_TYPES:
            raise TableError(
                types_line,
                f"'{name}' in {where} is geen kolomsoort; gebruik {ONE_OF_TYPES}",
            )
    chart = block.value("grafiek").lower()
    if chart and chart not in CHART_TYPES:
        raise TableError(
            block.fields["grafiek"][1],
            f"'{chart}' in {where} is geen soort grafiek; gebruik {' of '.join(CHART_TYPES)}",
        )
    rows = [(n, t) for n, t in block.body if not re.match(r"^\|?[\s:|-]+\|?$", t)]
    if not rows:
        raise TableError(
            block.start, f"{where} heeft geen rijen; voeg een kopregel en rijen met gegevens toe"
        )
    head_line, head = rows[0]
    headers = split_row(head)
    if len(headers) != len(types):
        raise TableError(
            head_line,
            f"de kopregel van {where} heeft {len(headers)} cellen, maar 'Kolommen:' noemt "
            f"{len(types)} soorten; maak ze gelijk",
        )
    columns = [Column(h, t) for h, t in zip(headers, types, strict=True)]
    table = Table(
        caption, columns, [], block.value("bron"), block.value("noot"), chart, block.start
    )
    for line, text in rows[1:]:
        cells = split_row(text)
        label = cells[0] if cells else ""
        if len(cells) != len(columns):
            raise TableError(
                line,
                f"rij '{label}' van {where} heeft {len(cells)} cellen, de kopregel "
                f"{len(columns)}; voeg cellen toe of haal ze weg (een lege cel: '| |')",
            )
        table.rows.append(
            [
                parse_cell(raw, col, line, label, caption)
                for raw, col in zip(cells, columns, strict=True)
            ]
        )
        table.labels.append(label)
    if not table.rows:
        raise TableError(head_line, f"{where} heeft een kopregel maar geen rijen met gegevens")
    if chart and not any(c.type in NUMERIC_TYPES for c in columns):
        raise TableError(
            block.fields["grafiek"][1],
            f"{where} vraagt om een grafiek, maar heeft geen kolom getal of procent om te tekenen",
        )
    return table

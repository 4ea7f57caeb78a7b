"""Chart geometry for a Table, as plain data; the theme draws it as inline SVG.

Bars ("staaf"): one group per row, one bar per number column. Lines ("lijn"): one small
panel per row over the number columns (small multiples read better than 12 tangled lines).

The SVGs have no viewBox: they are as wide as their column and never scale, so their text
renders at the theme's CSS size (12 px and up) on every screen. Horizontal positions are
percentages of the width; vertical ones, and everything about text, are CSS pixels. Labels are
wrapped at build time for the narrowest column the theme allows (MIN_WIDTH).
"""

import math
import textwrap

from .tables import NUMERIC_TYPES

MIN_WIDTH = 280  # px: the narrowest chart (a 320 px screen less the page margins)
PANEL_MIN_WIDTH = 240  # px: the narrowest small-multiple panel (the theme's grid minimum)
CHAR_W = 0.62  # average glyph width in em, generous for wide system fonts (DejaVu Sans)
LABEL_PX, VALUE_PX = 13, 12  # font sizes of labels and values (the theme's chart CSS)
LINE_H = 17  # px per line of label text
BAR_H, BAR_GAP, GROUP_GAP = 14, 4, 12
PANEL_PLOT_H = 40  # px: height of a panel's plot
SERIES_CLASSES = 4  # colours defined in the theme's chart CSS


def _series_columns(table):
    return [i for i, c in enumerate(table.columns) if c.type in NUMERIC_TYPES]


def _summary(table, cols):
    parts = []
    for label, row in zip(table.labels, table.rows, strict=True):
        values = [
            f"{row[i].text} ({table.columns[i].header})" if len(cols) > 1 else row[i].text
            for i in cols
            if row[i].number is not None
        ]
        if values:
            parts.append(f"{label}: {', '.join(values)}")
    return "; ".join(parts) + ". De cijfers staan ook in de tabel."


def text_width(text, px):
    """A generous estimate of the rendered width of ``text`` at ``px`` (no font at build time)."""
    return len(text) * CHAR_W * px


def wrap(text, width_px, px=LABEL_PX):
    """``text`` in lines that fit ``width_px`` (a long word stays whole on its own line)."""
    chars = max(int(width_px / (CHAR_W * px)), 8)
    return textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False) or [""]


def _pct(value):
    return f"{round(value, 2):g}%"


def bar_chart(table):
    """Geometry of a horizontal bar chart: rects, texts, legend, height (CSS px)."""
    cols = _series_columns(table)
    legend = []
    if len(cols) > 1:
        legend = [
            {"series": n % SERIES_CLASSES, "text": table.columns[i].header}
            for n, i in enumerate(cols)
        ]
    values = [row[i] for row in table.rows for i in cols if row[i].number is not None]
    peak = max((max(c.number, 0) for c in values), default=0) or 1
    # The longest bar leaves room for its value at the narrowest width.
    room = max((text_width(c.text, VALUE_PX) for c in values), default=0) + 8
    span = 100 - math.ceil(100 * room / MIN_WIDTH)
    rects, texts, y = [], [], 0
    for label, row in zip(table.labels, table.rows, strict=True):
        for line in wrap(label, MIN_WIDTH):
            texts.append({"x": "0", "y": y + 13, "text": line, "cls": "chart-label"})
            y += LINE_H
        y += 2
        for n, i in enumerate(cols):
            cell = row[i]
            if cell.number is not None:
                w = max(0.5, span * max(cell.number, 0) / peak)
                series = n % SERIES_CLASSES
                rects.append({"x": "0", "y": y, "w": _pct(w), "h": BAR_H, "series": series})
                texts.append(
                    {"x": _pct(w), "dx": 4, "y": y + 11, "text": cell.text, "cls": "chart-value"}
                )
            y += BAR_H + BAR_GAP
        y += GROUP_GAP
    return {
        "type": "staaf",
        "height": y - GROUP_GAP,
        "rects": rects,
        "texts": texts,
        "legend": legend,
        "panels": [],
        "desc": "Staafdiagram. " + _summary(table, cols),
    }


def _panel(label, row, cols, headers, scale, edge, label_lines):
    """One small-multiple panel: its label, line segments, dots and end values."""
    min_span, top = scale, label_lines * LINE_H + 10
    texts = [
        {"x": "0", "y": 13 + k * LINE_H, "text": line, "cls": "chart-label"}
        for k, line in enumerate(wrap(label, PANEL_MIN_WIDTH))
    ]
    own = [row[i].number for i in cols if row[i].number is not None] or [0.0]
    mid, span = (max(own) + min(own)) / 2, max(max(own) - min(own), min_span)
    low = mid - span / 2
    step = (100 - 2 * edge) / max(len(cols) - 1, 1)
    points = [
        (edge + n * step, round(top + PANEL_PLOT_H * (1 - (row[i].number - low) / span), 1), i)
        for n, i in enumerate(cols)
        if row[i].number is not None
    ]
    segments = [
        {"x1": _pct(a[0]), "y1": a[1], "x2": _pct(b[0]), "y2": b[1]}
        for a, b in zip(points, points[1:], strict=False)
    ]
    if points:
        first, last = points[0], points[-1]
        texts.append(
            {"x": _pct(first[0]), "dx": -7, "y": first[1] + 4, "text": row[first[2]].text,
             "cls": "chart-value a-end"}
        )  # fmt: skip
        if len(points) > 1:
            texts.append(
                {"x": _pct(last[0]), "dx": 7, "y": last[1] + 4, "text": row[last[2]].text,
                 "cls": "chart-value"}
            )  # fmt: skip
    base = top + PANEL_PLOT_H + 20
    for x, header in ((edge, headers[0]), (100 - edge, headers[-1])):
        texts.append({"x": _pct(x), "y": base, "text": header, "cls": "chart-axis a-mid"})
    return {
        "label": label,
        "height": base + 5,
        "texts": texts,
        "segments": segments,
        "dots": [{"x": _pct(x), "y": y} for x, y, _ in points],
    }


def line_chart(table):
    """Geometry of small-multiple line panels (sparklines), one per row, each its own SVG."""
    cols = _series_columns(table)
    values = [row[i] for row in table.rows for i in cols if row[i].number is not None]
    numbers = [c.number for c in values]
    # Each panel spans its own values (a sparkline), but at least a quarter of the whole range,
    # so a change of half a point does not look like a collapse.
    min_span = (max(numbers) - min(numbers)) / 4 or 1.0
    # Points keep room for their values beside them, also in the narrowest panel.
    room = max(text_width(c.text, VALUE_PX) for c in values) + 10
    headers = [table.columns[i].header for i in cols]
    room = max(room, text_width(headers[0], VALUE_PX) / 2)
    edge = math.ceil(100 * room / PANEL_MIN_WIDTH)
    lines = max(len(wrap(label, PANEL_MIN_WIDTH)) for label in table.labels)
    panels = [
        _panel(label, row, cols, headers, min_span, edge, lines)
        for label, row in zip(table.labels, table.rows, strict=True)
    ]
    return {
        "type": "lijn",
        "height": max(p["height"] for p in panels),
        "rects": [],
        "texts": [],
        "legend": [],
        "panels": panels,
        "desc": "Lijndiagrammen, één per rij. " + _summary(table, cols),
    }


def chart_for(table):
    """The chart geometry the table asks for, or None."""
    if table.chart == "staaf":
        return bar_chart(table)
    if table.chart == "lijn":
        return line_chart(table)
    return None

"""Chart geometry for a Table, as plain data; the theme draws it as inline SVG.

Bars ("staaf"): one group per row, one bar per number column. Lines ("lijn"): one small
panel per row over the number columns (small multiples read better than 12 tangled lines).
"""

from .tables import NUMERIC_TYPES

WIDTH = 420
BAR_H, BAR_GAP, LABEL_H, GROUP_GAP = 13, 3, 17, 10
VALUE_ROOM = 52  # room right of the longest bar for its value
PANEL_W, PANEL_H, PANEL_COLS = 200, 78, 2
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


def bar_chart(table):
    """Geometry of a horizontal bar chart: rects, texts, legend, height."""
    cols = _series_columns(table)
    top = 0
    legend = []
    if len(cols) > 1:
        x = 0
        for n, i in enumerate(cols):
            legend.append(
                {"x": x, "y": 2, "series": n % SERIES_CLASSES, "text": table.columns[i].header}
            )
            x += 24 + 8 * len(table.columns[i].header)
        top = 26
    peak = max((row[i].number or 0 for row in table.rows for i in cols), default=0) or 1
    span = WIDTH - VALUE_ROOM
    rects, texts, y = [], [], top
    for label, row in zip(table.labels, table.rows, strict=True):
        texts.append({"x": 0, "y": y + 12, "text": label, "cls": "chart-label"})
        y += LABEL_H
        for n, i in enumerate(cols):
            cell = row[i]
            if cell.number is not None:
                w = max(1.0, round(span * max(cell.number, 0) / peak, 1))
                rects.append({"x": 0, "y": y, "w": w, "h": BAR_H, "series": n % SERIES_CLASSES})
                texts.append({"x": w + 4, "y": y + 10.5, "text": cell.text, "cls": "chart-value"})
            y += BAR_H + BAR_GAP
        y += GROUP_GAP
    return {
        "type": "staaf",
        "width": WIDTH,
        "height": round(y),
        "rects": rects,
        "texts": texts,
        "legend": legend,
        "paths": [],
        "dots": [],
        "desc": "Staafdiagram. " + _summary(table, cols),
    }


def line_chart(table):
    """Geometry of small-multiple line panels (sparklines), one per row."""
    cols = _series_columns(table)
    values = [row[i].number for row in table.rows for i in cols if row[i].number is not None]
    # Each panel spans its own values (a sparkline), but at least a quarter of the whole range,
    # so a change of half a point does not look like a collapse.
    min_span = (max(values) - min(values)) / 4 or 1.0
    plot_top, plot_h, pad = 22, 34, 34
    step = (PANEL_W - 2 * pad - 10) / max(len(cols) - 1, 1)
    texts, paths, dots = [], [], []
    for k, (label, row) in enumerate(zip(table.labels, table.rows, strict=True)):
        ox, oy = (k % PANEL_COLS) * (PANEL_W + 20), (k // PANEL_COLS) * PANEL_H
        texts.append({"x": ox, "y": oy + 13, "text": label, "cls": "chart-label"})
        own = [row[i].number for i in cols if row[i].number is not None] or [0.0]
        mid, span = (max(own) + min(own)) / 2, max(max(own) - min(own), min_span)
        low, high = mid - span / 2, mid + span / 2
        points = []
        for n, i in enumerate(cols):
            cell = row[i]
            if cell.number is None:
                continue
            x = ox + pad + n * step
            y = oy + plot_top + plot_h - plot_h * (cell.number - low) / (high - low)
            points.append((round(x, 1), round(y, 1), cell.text))
        if points:
            d = " ".join(f"{'M' if j == 0 else 'L'}{x},{y}" for j, (x, y, _) in enumerate(points))
            paths.append({"d": d, "series": 0})
            dots.extend({"x": x, "y": y} for x, y, _ in points)
            first, last = points[0], points[-1]
            texts.append(
                {
                    "x": first[0] - 6,
                    "y": first[1] + 4,
                    "text": first[2],
                    "cls": "chart-value chart-start",
                }
            )
            if len(points) > 1:
                texts.append(
                    {"x": last[0] + 6, "y": last[1] + 4, "text": last[2], "cls": "chart-value"}
                )
        base = oy + plot_top + plot_h + 13
        texts.append(
            {
                "x": ox + pad,
                "y": base,
                "text": table.columns[cols[0]].header,
                "cls": "chart-axis chart-start-axis",
            }
        )
        texts.append(
            {
                "x": ox + pad + (len(cols) - 1) * step,
                "y": base,
                "text": table.columns[cols[-1]].header,
                "cls": "chart-axis chart-end-axis",
            }
        )
    rows = (len(table.rows) + PANEL_COLS - 1) // PANEL_COLS
    return {
        "type": "lijn",
        "width": WIDTH,
        "height": rows * PANEL_H,
        "rects": [],
        "texts": texts,
        "legend": [],
        "paths": paths,
        "dots": dots,
        "desc": "Lijndiagrammen, één per rij. " + _summary(table, cols),
    }


def chart_for(table):
    """The chart geometry the table asks for, or None."""
    if table.chart == "staaf":
        return bar_chart(table)
    if table.chart == "lijn":
        return line_chart(table)
    return None

"""Data tables: parsing and Dutch formatting as pure functions, and tables with charts on a page."""

import re
import shutil

import pytest
from conftest import FIXTURE, make_project, run_task

from plugins.data_tables.charts import (
    LABEL_PX,
    MIN_WIDTH,
    PANEL_MIN_WIDTH,
    VALUE_PX,
    bar_chart,
    line_chart,
    text_width,
)
from plugins.data_tables.tables import TableError, format_number, parse_number, parse_table
from plugins.fenced_blocks import find_blocks
from plugins.fenced_blocks.blocks import BlockError

FIELDS = {"tabel": ("titel", "bron", "noot", "kolommen", "grafiek")}


def table(text):
    (block,) = find_blocks(text.strip().splitlines(), {"tabel"}, FIELDS)
    return parse_table(block)


CHANNELS = """
```tabel
Titel: Kanalen
Bron: Intelligence Group
Kolommen: tekst, procent, procent, trend
Grafiek: lijn

| Kanaal | 2024 | 2025 | Trend |
|---|---|---|---|
| Netwerk | 15% | 19% | 📈 |
| AI | | 1,5% | stabiel |
```
"""


@pytest.mark.unit
def test_decimal_comma_and_percent():
    assert parse_number("23,4") == 23.4
    assert format_number("23,4", percent=True) == "23,4%"
    assert format_number("1515") == "1.515"
    assert format_number("6,10") == "6,10"
    with pytest.raises(ValueError):
        parse_number("23.4")


@pytest.mark.unit
def test_negative_numbers_get_a_minus_sign():
    assert format_number("-3,5", percent=True) == "\u22123,5%"
    assert format_number("-1515") == "\u22121.515"
    assert parse_number("\u22123,5") == -3.5  # an author may type the minus sign too
    t = table(CHANNELS.replace("| 15% | 19% |", "| -2,5% | 19% |"))
    assert t.rows[0][1].text == "\u22122,5%" and t.rows[0][1].number == -2.5
    panels = line_chart(t)["panels"]
    texts = [x["text"] for x in [x for p in panels for x in p["texts"]] + bar_chart(t)["texts"]]
    assert texts.count("\u22122,5%") == 2 and not any("-2" in x for x in texts)
    assert "Netwerk: \u22122,5% (2024)" in bar_chart(t)["desc"]


@pytest.mark.unit
def test_parse_table_types_trends_and_empty_cells():
    t = table(CHANNELS)
    assert t.caption == "Kanalen" and t.source == "Intelligence Group" and t.chart == "lijn"
    assert [c.type for c in t.columns] == ["tekst", "procent", "procent", "trend"]
    assert [c.text for c in t.rows[0]] == ["Netwerk", "15%", "19%", "stijgend"]
    assert t.rows[1][1].text == "" and t.rows[1][1].number is None
    assert t.rows[1][2].number == 1.5 and t.rows[1][2].text == "1,5%"


AI_ROW = "| AI | | 1,5% | stabiel |"


@pytest.mark.unit
@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        (
            AI_ROW,
            "| AI | 1,5% | stabiel |",
            10,
            "rij 'AI' van tabel 'Kanalen' heeft 3 cellen, de kopregel 4; voeg cellen toe of haal ze weg (een lege cel: '| |')",
        ),
        (
            AI_ROW,
            "| AI | | 1,5% | stabiel | x |",
            10,
            "rij 'AI' van tabel 'Kanalen' heeft 5 cellen, de kopregel 4",
        ),
        (
            AI_ROW,
            "| AI | | veel | stabiel |",
            10,
            "'veel' in rij 'AI', kolom '2025' van tabel 'Kanalen' is geen percentage; schrijf het zoals 23,4%",
        ),
        (
            AI_ROW,
            "| AI | | 1,5% | omhoog |",
            10,
            "'omhoog' in rij 'AI', kolom 'Trend' van tabel 'Kanalen' is geen trend; gebruik stijgend, dalend of stabiel",
        ),
        (
            "procent, trend",
            "procentje, trend",
            4,
            "'procentje' in tabel 'Kanalen' is geen kolomsoort",
        ),
        (
            "Grafiek: lijn",
            "Grafiek: taart",
            5,
            "'taart' in tabel 'Kanalen' is geen soort grafiek; gebruik staaf of lijn",
        ),
        (
            "Titel: Kanalen\n",
            "",
            1,
            "de tabel heeft geen regel 'Titel:'; voeg er een toe (het bijschrift)",
        ),
    ],
    ids=["too-few", "too-many", "not-a-number", "bad-trend", "bad-type", "bad-chart", "no-title"],
)
def test_bad_tables_name_table_row_and_line(old, new, line, message):
    with pytest.raises(TableError) as err:
        table(CHANNELS.replace(old, new))
    assert err.value.line == line
    assert message in err.value.message


@pytest.mark.unit
def test_unclosed_block_and_unknown_field():
    with pytest.raises(BlockError, match="wordt nergens gesloten"):
        find_blocks(["```tabel", "Titel: x"], {"tabel"}, FIELDS)
    with pytest.raises(
        BlockError, match="'Tietel' is geen veld van het ```tabel-blok; bedoel je 'Titel'"
    ):
        find_blocks(["```tabel", "Tietel: x", "```"], {"tabel"}, FIELDS)


@pytest.mark.unit
def test_charts_geometry():
    t = table(CHANNELS)
    lines = line_chart(t)
    network, ai = lines["panels"]
    assert len(network["segments"]) == 1 and ai["segments"] == []  # AI: one point
    assert len(ai["dots"]) == 1
    assert "Netwerk: 15% (2024), 19% (2025)" in lines["desc"]
    bars = bar_chart(t)
    widths = [float(r["w"].rstrip("%")) for r in bars["rects"]]
    # The largest value fills the width, less room for its label at the narrowest chart.
    room = 100 * (text_width("1,5%", VALUE_PX) + 8) / MIN_WIDTH  # the longest value
    assert max(widths) == pytest.approx(100 - room, abs=1)
    assert len(bars["legend"]) == 2


def test_chart_labels_wrap_for_the_narrowest_column():
    long = "De markt voor kandidaten met een middelbare beroepsopleiding"
    t = table(CHANNELS.replace("| Netwerk |", f"| {long} |"))
    labels = [x for x in bar_chart(t)["texts"] if x["cls"] == "chart-label"]
    lines = [x["text"] for x in labels[:-1]]
    assert " ".join(lines) == long and len(lines) > 1
    assert all(text_width(line, LABEL_PX) <= MIN_WIDTH for line in lines)
    panel = line_chart(t)["panels"][0]
    shown = [x["text"] for x in panel["texts"] if x["cls"] == "chart-label"]
    assert " ".join(shown) == long
    assert all(text_width(line, LABEL_PX) <= PANEL_MIN_WIDTH for line in shown)


@pytest.fixture(scope="module")
def table_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("tables"), with_content=False)
    content = project / "content"
    (content / "artikelen").mkdir(parents=True)
    shutil.copy(FIXTURE / "themas.toml", content)
    (content / "artikelen" / "cijfers.md").write_text(
        "Title: Cijfers\nDate: 2025-02-01\nCategory: Arbeidsmarkt\nTags: Onderzoek, AI\n"
        "Slug: cijfers\nSummary: Een tabel met een grafiek.\n\nInleiding.\n"
        + CHANNELS.replace("Netwerk", "Netwerk <b>&</b> co")
        + "\n```tabel\nTitel: Enquête\nKolommen: tekst, procent\nGrafiek: staaf\n\n| Antwoord | Aandeel |\n| Ja | 71% |\n| Nee | 28% |\n| Saldo | -2,5% |\n```\n",
        encoding="utf-8",
    )
    (content / "artikelen" / "ander.md").write_text(
        "Title: Ander\nDate: 2025-01-01\nCategory: Arbeidsmarkt\nTags: Onderzoek, AI\nSlug: ander\nSummary: Kort.\n\nTekst.\n",
        encoding="utf-8",
    )
    result = run_task(project, "build")
    assert result.returncode == 0, result.stderr
    return (project / "output" / "artikelen" / "cijfers.html").read_text(encoding="utf-8")


def test_accessible_table_markup(table_site):
    html = table_site
    assert html.count('<figure class="data-figure"') == 2
    assert '<caption id="tabel-' in html
    assert html.count('<th scope="col"') == 4 + 2
    assert '<th scope="row" class="col-tekst">Netwerk &lt;b&gt;&amp;&lt;/b&gt; co</th>' in html
    assert '<td class="col-procent">1,5%</td>' in html
    assert '<span aria-hidden="true">↗</span> stijgend' in html
    assert '<span class="table-source">Bron: Intelligence Group</span>' in html
    assert re.search(
        r'<div class="table-scroll" role="region" tabindex="0" aria-labelledby="tabel-\d+-caption">',
        html,
    )
    assert "None" not in html


def test_built_table_and_chart_show_a_minus_sign(table_site):
    assert '<td class="col-procent">\u22122,5%</td>' in table_site
    assert re.search(r'<text class="chart-value"[^>]*>\u22122,5%</text>', table_site)
    assert "-2,5" not in table_site


def test_charts_are_inline_svg_with_title(table_site):
    svgs = re.findall(
        r'<svg class="chart chart-(\w+)"[^>]*role="img"[^>]*>\s*<title id="[^"]+">([^<]+)</title>\s*<desc',
        table_site,
    )
    assert svgs == [("staaf", "Enquête")]
    # Small multiples: one image named by the caption and described, its panels hidden SVGs.
    (name, desc) = re.findall(
        r'<div class="chart chart-lijn" role="img" aria-labelledby="([\w-]+) ([\w-]+)">', table_site
    )[0]
    assert re.search(rf'<span id="{name}" hidden>Kanalen</span>', table_site)
    assert re.search(rf'<span id="{desc}" hidden>Lijndiagrammen, één per rij\. ', table_site)
    assert table_site.count('<svg class="chart-panel" width="100%" height="') == 2
    assert table_site.count('<line class="line"') == 1  # Netwerk: one segment; AI: a point
    assert not re.search(r"<script(?! type=\"application/ld\+json\")", table_site)

"""Pelican glue of the data tables plugin: Markdown extension and theme template."""

from pelican import signals

from plugins.fenced_blocks import BlockExtension
from plugins.fenced_blocks.pelican_glue import (
    check_prefixed_settings,
    find_extension,
    install_extension,
)
from plugins.nl_site import typographer

from .charts import chart_for
from .tables import FIELDS, KIND, parse_table

DEFAULTS = {
    "DATA_TABLES_TEMPLATE": "partials/data_table.html",
    "DATA_TABLES_CHARTS": True,
}


def setting(settings, name):
    """A DATA_TABLES_* setting, or its default."""
    return settings.get(name, DEFAULTS[name])


class TableExtension(BlockExtension):
    """Renders ```tabel blocks with the theme's template (set from the generator's env)."""

    def __init__(self, settings):
        self.env = None
        self.template = setting(settings, "DATA_TABLES_TEMPLATE")
        self.charts = setting(settings, "DATA_TABLES_CHARTS")
        self.typeset = typographer(settings)
        super().__init__([KIND], {KIND: FIELDS}, self.render_block)

    def render_block(self, block):
        """HTML for one block: figure with table, caption, source and optional chart."""
        table = typeset_table(parse_table(block), self.typeset)
        chart = chart_for(table) if self.charts else None
        return self.env.get_template(self.template).render(
            table=table, chart=chart, table_id=f"tabel-{block.start}"
        )


def typeset_table(table, typeset):
    """The site's typography on every text a reader sees: title, note, source, headings, text cells.

    The table is stashed as finished HTML, outside Markdown's tree, so it is typeset here, before
    the template renders it (and the chart reuses the same texts).
    """
    table.caption, table.note, table.source = map(
        typeset, (table.caption, table.note, table.source)
    )
    table.labels = [typeset(label) for label in table.labels]
    for column in table.columns:
        column.header = typeset(column.header)
    for row in table.rows:
        for cell in row:
            if cell.type == "tekst":
                cell.text = typeset(cell.text)
    return table


def add_extension(pelican):
    """Install the Markdown extension once the settings are known."""
    check_prefixed_settings(pelican.settings, "DATA_TABLES_", DEFAULTS)
    install_extension(pelican.settings, TableExtension(pelican.settings))


def share_environment(generator):
    """Give the extension the generator's Jinja environment (the theme's templates)."""
    ext = find_extension(generator.settings, TableExtension)
    if ext is not None and hasattr(generator, "env"):
        ext.env = generator.env


def register():
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(add_extension)
    signals.generator_init.connect(share_environment)

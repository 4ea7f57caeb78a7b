"""Read ```uitgelicht and ```tiktok blocks into card data and render them with the theme."""

import re
from dataclasses import dataclass

from pelican import signals

from plugins.fenced_blocks import BlockError, BlockExtension
from plugins.fenced_blocks.pelican_glue import (
    check_prefixed_settings,
    find_extension,
    install_extension,
)
from plugins.nl_site import typographer

KINDS = ("uitgelicht", "tiktok")
FIELDS = {"tiktok": ("account", "naam", "link")}
ACCOUNT = re.compile(r"^@[\w.]{2,30}$")
DEFAULTS = {"QUOTE_CARDS_TEMPLATE": "partials/quote_card.html"}


@dataclass
class Card:
    """What a card shows: its kind, its text, and for TikTok the account and display name."""

    kind: str
    text: str
    account: str = ""
    name: str = ""
    link: str = ""


def parse_card(block):
    """Build a Card from a block; raise BlockError naming the line and the fix."""
    text = " ".join(t.strip() for _, t in block.body if t.strip())
    if not text:
        raise BlockError(
            block.start, f"het ```{block.kind}-blok is leeg; zet de tekst tussen de twee ```-regels"
        )
    if block.kind == "uitgelicht":
        return Card("uitgelicht", text)
    account = block.value("account")
    if not ACCOUNT.match(account):
        raise BlockError(
            block.start,
            f"het ```tiktok-blok heeft 'Account: @naam' nodig (gevonden: '{account}'); "
            "neem het account over van de video",
        )
    link = block.value("link")
    if link and not link.startswith("https://www.tiktok.com/"):
        raise BlockError(
            block.fields["link"][1], "'Link:' moet beginnen met https://www.tiktok.com/"
        )
    return Card("tiktok", text, account, block.value("naam"), link)


class CardExtension(BlockExtension):
    """Renders card blocks with the theme's template."""

    def __init__(self, settings):
        self.env = None
        self.template = settings.get("QUOTE_CARDS_TEMPLATE", DEFAULTS["QUOTE_CARDS_TEMPLATE"])
        self.typeset = typographer(settings)  # cards are stashed HTML, outside Markdown's tree
        super().__init__(KINDS, FIELDS, self.render_block)

    def render_block(self, block):
        """HTML for one card."""
        card = parse_card(block)
        card.text, card.name = self.typeset(card.text), self.typeset(card.name)
        return self.env.get_template(self.template).render(card=card)


def add_extension(pelican):
    """Install the Markdown extension once the settings are known."""
    check_prefixed_settings(pelican.settings, "QUOTE_CARDS_", DEFAULTS)
    install_extension(pelican.settings, CardExtension(pelican.settings))


def share_environment(generator):
    """Give the extension the generator's Jinja environment."""
    ext = find_extension(generator.settings, CardExtension)
    if ext is not None and hasattr(generator, "env"):
        ext.env = generator.env


def register():
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(add_extension)
    signals.generator_init.connect(share_environment)

"""The metadata fields a post may have, and the Dutch names authors type for them."""

import re

from .vocabulary import closest

# lower-case key -> the key as the guide writes it
KNOWN_FIELDS = {
    "title": "Title",
    "date": "Date",
    "modified": "Modified",
    "category": "Category",
    "tags": "Tags",
    "slug": "Slug",
    "summary": "Summary",
    "bron_site": "Bron_site",
    "meer_lezen": "Meer_lezen",
    "status": "Status",
    "author": "Author",
    "image": "Image",
    "image_alt": "Image_alt",
    "alias": "Alias",
}
# Fields the authors' guide documents: the only ones we suggest.
DOCUMENTED = (
    "title",
    "date",
    "modified",
    "category",
    "tags",
    "slug",
    "summary",
    "bron_site",
    "meer_lezen",
    "status",
    "image",
    "image_alt",
    "alias",
)
# What a Dutch author types (normalised: lower case, no apostrophes, '_' for spaces and hyphens).
DUTCH_NAMES = {
    "titel": "title",
    "kop": "title",
    "datum": "date",
    "publicatiedatum": "date",
    "gewijzigd": "modified",
    "bijgewerkt": "modified",
    "aangepast": "modified",
    "rubriek": "category",
    "categorie": "category",
    "thema": "tags",
    "themas": "tags",
    "tag": "tags",
    "trefwoorden": "tags",
    "onderwerpen": "tags",
    "adres": "slug",
    "samenvatting": "summary",
    "beschrijving": "summary",
    "intro": "summary",
    "bron": "bron_site",
    "bronsite": "bron_site",
    "bron_website": "bron_site",
    "meerlezen": "meer_lezen",
    "lees_ook": "meer_lezen",
    "tips": "meer_lezen",
    "afbeelding": "image",
    "foto": "image",
    "alt": "image_alt",
    "afbeelding_alt": "image_alt",
    "alt_tekst": "image_alt",
    "oude_adressen": "alias",
    "oud_adres": "alias",
    "vorige_adressen": "alias",
    "vorig_adres": "alias",
    "eerdere_adressen": "alias",
    "aliassen": "alias",
    "aliases": "alias",
    "redirect_from": "alias",
    "auteur": "author",
    "schrijver": "author",
}
# Dutch values of Status -> the value the site reads.
DUTCH_STATUSES = {
    "concept": "draft",
    "klad": "draft",
    "gepubliceerd": "published",
    "publiceren": "published",
    "verborgen": "hidden",
}
APOSTROPHES = re.compile(r"['’‘`´]")


def normalise(key):
    """'Thema’s' -> 'themas', 'Meer lezen' -> 'meer_lezen', 'Bron-site' -> 'bron_site'."""
    return re.sub(r"[\s-]+", "_", APOSTROPHES.sub("", key.strip().lower()))


def meant_field(written):
    """The known field an author meant by ``written`` (any language, any apostrophe), or None."""
    key = normalise(written)
    if key in KNOWN_FIELDS:
        return key
    return DUTCH_NAMES.get(key)


def field_message(written):
    """Dutch message for a field name that is not ours: the right name, or the closest one."""
    meant = meant_field(written)
    if meant:
        right = KNOWN_FIELDS[meant]
        return f"schrijf '{right}:' in plaats van '{written}:' (de veldnamen bovenaan zijn Engels)"
    hint = closest(normalise(written), DOCUMENTED)
    fix = (
        f"bedoel je '{KNOWN_FIELDS[hint]}'?"
        if hint
        else "haal de regel weg, of zet een lege regel tussen de velden en de tekst"
    )
    return f"'{written}' is geen bekend veld; {fix}"

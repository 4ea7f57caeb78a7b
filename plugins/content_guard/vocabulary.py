"""The blog's vocabulary (themes, rubrics, source sites) from one TOML file."""

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path


class VocabularyError(ValueError):
    """The vocabulary file is missing or malformed; the message is Dutch, for authors."""

    exitcode = 1


@dataclass(frozen=True)
class Term:
    """One theme, rubric or source: its name, slug and a Dutch description."""

    name: str
    slug: str
    description: str


@dataclass(frozen=True)
class Vocabulary:
    """All terms by kind, each a dict name -> Term in file order."""

    themes: dict
    categories: dict
    sources: dict


def _terms(data, key, path, need_slug=True):
    terms = {}
    for n, item in enumerate(data.get(key, []), 1):
        name, slug = item.get("naam", "").strip(), item.get("slug", "").strip()
        if not name or (need_slug and not slug) or not item.get("beschrijving"):
            needed = "naam, slug en beschrijving" if need_slug else "naam en beschrijving"
            raise VocabularyError(
                f"{path}: blok [[{key}]] nummer {n} is niet compleet; het heeft {needed} nodig"
            )
        terms[name] = Term(name, slug, item["beschrijving"].strip())
    return terms


def load_vocabulary(path, display=None):
    """Read the vocabulary; raise VocabularyError naming the file (as ``display``) and the fix."""
    path = Path(path)
    shown = display or path
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise VocabularyError(
            f"{shown}: de woordenlijst met thema's ontbreekt; zet het bestand terug (git checkout)"
        ) from None
    except tomllib.TOMLDecodeError as err:
        where = re.search(r"line (\d+), column (\d+)", str(err))
        line = f"{where[1]}: " if where else " "
        raise VocabularyError(
            f"{shown}:{line}de opmaak van de woordenlijst klopt niet (in de buurt van kolom "
            f"{where[2] if where else '?'}); vergelijk de regel met de blokken erboven: "
            'naam = "…", slug = "…", beschrijving = "…"'
        ) from None
    return Vocabulary(
        _terms(data, "thema", shown),
        _terms(data, "rubriek", shown),
        _terms(data, "bron", shown, need_slug=False),
    )


def closest(word, candidates):
    """The candidate most like ``word`` (case-insensitive), or None."""
    lowered = {c.lower(): c for c in candidates}
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None

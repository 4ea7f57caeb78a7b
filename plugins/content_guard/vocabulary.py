"""The blog's vocabulary (themes, rubrics, source sites) from one TOML file."""

import difflib
import tomllib
from dataclasses import dataclass
from pathlib import Path


class VocabularyError(ValueError):
    """The vocabulary file is missing or malformed."""


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
            raise VocabularyError(
                f"{path}: [[{key}]] number {n} needs naam, "
                f"{'slug and ' if need_slug else ''}beschrijving"
            )
        terms[name] = Term(name, slug, item["beschrijving"].strip())
    return terms


def load_vocabulary(path):
    """Read the vocabulary; raise VocabularyError naming the file and the fix."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise VocabularyError(f"{path}: the theme vocabulary is missing") from None
    except tomllib.TOMLDecodeError as err:
        raise VocabularyError(f"{path}: {err}; fix the TOML syntax") from None
    return Vocabulary(
        _terms(data, "thema", path),
        _terms(data, "rubriek", path),
        _terms(data, "bron", path, need_slug=False),
    )


def closest(word, candidates):
    """The candidate most like ``word`` (case-insensitive), or None."""
    lowered = {c.lower(): c for c in candidates}
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None

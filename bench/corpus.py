"""A deterministic corpus of realistic Dutch posts for benchmarks, written to a temporary folder.

Sentences come from the blog's own articles, recombined; each post has headings, lists, quotes,
2-4 themes of the vocabulary, a category, a date within several years, sometimes Meer lezen picks,
and about one in five a data table (half of those with a chart).
"""

import random
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

from sitetools.settings import ROOT

CONTENT = ROOT / "content"
FENCE = re.compile(r"```.*?```", re.S)


def _sentences():
    """All sentences of the blog's articles (bodies only, Markdown removed)."""
    out = []
    for path in sorted((CONTENT / "artikelen").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n\n", 1)[1]
        body = FENCE.sub(" ", body)
        for line in body.splitlines():
            line = re.sub(r"^(#+|>|-|\d+\.)\s*|\{:.*?\}", "", line).strip()
            out += [s for s in re.split(r"(?<=[.?!])\s+", line) if len(s.split()) >= 5]
    return out


def _vocabulary():
    from plugins.content_guard.vocabulary import load_vocabulary  # noqa: PLC0415

    return load_vocabulary(CONTENT / "themas.toml")


def _paragraph(rng, sentences):
    return " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))


def _table(rng, with_chart):
    years = rng.sample(range(2019, 2026), 3)
    rows = "\n".join(
        f"| Kanaal {i} | "
        + " | ".join(f"{rng.randint(1, 30)},{rng.randint(0, 9)}%" for _ in years)
        + f" | {rng.choice(['stijgend', 'dalend', 'stabiel'])} |"
        for i in range(rng.randint(5, 12))
    )
    chart = f"Grafiek: {rng.choice(['staaf', 'lijn'])}\n" if with_chart else ""
    head = " | ".join(str(y) for y in sorted(years))
    return (
        f"```tabel\nTitel: Cijfers per kanaal\nBron: Intelligence Group\n"
        f"Kolommen: tekst, procent, procent, procent, trend\n{chart}\n"
        f"| Kanaal | {head} | Trend |\n{rows}\n```"
    )


def _body(rng, sentences, words):
    parts, count = [], 0
    while count < words:
        kind = rng.random()
        if kind < 0.12:
            text = "## " + rng.choice(sentences).rstrip(".?!")[:70]
        elif kind < 0.2:
            text = "\n".join("- " + rng.choice(sentences) for _ in range(rng.randint(3, 5)))
        elif kind < 0.25:
            text = "> “" + rng.choice(sentences) + "”"
        else:
            text = _paragraph(rng, sentences)
        parts.append(text)
        count += len(text.split())
    return "\n\n".join(parts)


def generate(folder, n, seed=2026):
    """Write ``n`` posts (and the vocabulary) into ``folder``/content; return that content path."""
    rng = random.Random(seed)
    sentences = _sentences()
    vocab = _vocabulary()
    themes, categories = list(vocab.themes), list(vocab.categories)
    weights = [6 if t == "Arbeidsmarkt" else 1 + (i % 4) for i, t in enumerate(themes)]
    content = Path(folder) / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / "artikelen").mkdir(parents=True)
    shutil.copy(CONTENT / "themas.toml", content / "themas.toml")
    start = date(2019, 1, 1)
    slugs = []
    for i in range(n):
        slug = f"artikel-{i:05d}"
        tags = list(dict.fromkeys(rng.choices(themes, weights, k=rng.randint(2, 4))))
        picks = (
            rng.sample(slugs, min(len(slugs), rng.randint(1, 2)))
            if slugs and rng.random() < 0.1
            else []
        )
        body = _body(rng, sentences, rng.randint(600, 1500))
        if rng.random() < 0.2:
            body += "\n\n" + _table(rng, rng.random() < 0.5) + "\n\n" + _paragraph(rng, sentences)
        title = rng.choice(sentences).rstrip(".?!")[:80]
        summary = rng.choice(sentences)[:250]
        day = start + timedelta(days=(i * 7 * 365) // max(n, 1))
        meta = [
            f"Title: {title}",
            f"Date: {day.isoformat()}",
            f"Category: {rng.choice(categories)}",
            f"Tags: {', '.join(tags)}",
            f"Slug: {slug}",
            f"Summary: {summary}",
            f"Bron_site: {rng.choice(list(vocab.sources))}",
        ]
        if picks:
            meta.append(f"Meer_lezen: {', '.join(picks)}")
        (content / "artikelen" / f"{slug}.md").write_text(
            "\n".join(meta) + "\n\n" + body + "\n", encoding="utf-8"
        )
        slugs.append(slug)
    return content

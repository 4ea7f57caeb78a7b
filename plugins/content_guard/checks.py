"""Check all posts of the site at once; every problem becomes one line with file and line.

Checks metadata against the vocabulary, slugs, Meer lezen picks, tables, cards, links,
images and leftover scraping debris. Reads sources only; writes nothing.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from images.checks import hero_problems
from meer_lezen.picks import parse_picks, pick_problems

from .body_checks import check_body
from .posts import PostError, decode, parse_post
from .problems import Problem
from .vocabulary import closest

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
    "template": "Template",
    "image": "Image",
    "image_alt": "Image_alt",
}
STATUSES = ("published", "draft", "hidden")
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z][^>]*>")


@dataclass
class Limits:
    """Limits the checks enforce (CONTENT_GUARD_* settings)."""

    max_summary: int = 300
    max_tags: int = 5
    max_bytes: int = 1_000_000


def source_files(content):
    """Every Markdown source under the content folder, sorted."""
    return sorted(p for p in Path(content).rglob("*") if p.suffix in (".md", ".markdown"))


def display_name(content, path):
    """'content/artikelen/x.md': the path an author recognises."""
    content = Path(content)
    return str(Path(content.name) / Path(path).relative_to(content))


def check_site(content, vocabulary, page_dirs=("pages",), limits=None):
    """All problems of all posts under ``content``, sorted by file and line."""
    limits = limits or Limits()
    content = Path(content)
    posts, problems = [], []
    for path in source_files(content):
        display = display_name(content, path)
        data = path.read_bytes()
        if len(data) > limits.max_bytes:
            problems.append(
                Problem(
                    display,
                    1,
                    (
                        f"is {len(data) / 1e6:.1f} MB; a post may be at most "
                        f"{limits.max_bytes / 1e6:.1f} MB (split it into several posts)"
                    ),
                )
            )
            continue
        try:
            post = parse_post(decode(data), display)
        except PostError as err:
            problems.append(Problem(display, err.line, err.message))
            continue
        rel = path.relative_to(content).parts
        post.is_page = bool(rel) and rel[0] in page_dirs
        post.path = path
        posts.append(post)
        problems += check_metadata(post, vocabulary, limits)
        problems += check_body(post, content)
        fields = {key: post.get(key) for key in ("image", "image_alt")}
        problems += [
            Problem(post.display, post.line(k), m) for k, m in hero_problems(fields, content)
        ]
    problems += check_site_wide(posts)
    return sorted(set(problems))


def check_metadata(post, vocab, limits):
    """Problems in one post's metadata header."""
    out = []

    def add(key, message):
        out.append(Problem(post.display, post.line(key), message))

    for key, (_, line, written) in post.fields.items():
        if key not in KNOWN_FIELDS:
            hint = closest(key, KNOWN_FIELDS)
            fix = f"did you mean '{KNOWN_FIELDS[hint]}'?" if hint else "remove it"
            out.append(Problem(post.display, line, f"Unknown metadata field '{written}'; {fix}"))
    title = post.get("title")
    if not title:
        add("title", "Title is missing; add a line 'Title: ...' at the top")
    elif HTML_TAG.search(title):
        add("title", f"Title contains HTML ('{HTML_TAG.search(title)[0]}'); write plain text")
    status = post.get("status", "published").lower()
    if status not in STATUSES:
        hint = closest(status, STATUSES) or "published"
        add(
            "status",
            f"Status '{post.get('status')}' is unknown; did you mean '{hint}'? "
            f"(use {', '.join(STATUSES)})",
        )
    if "slug" in post.fields and not SLUG.match(post.get("slug")):
        add(
            "slug",
            f"Slug '{post.get('slug')}' may only hold a-z, 0-9 and single hyphens "
            "(like 'mijn-artikel')",
        )
    if post.is_page:
        return out
    if "slug" not in post.fields:
        add("title", "Slug is missing; add a line 'Slug: ...' (short, like 'mijn-artikel')")
    for key in ("date", "modified"):
        if key in post.fields or key == "date":
            value = post.get(key)
            if not value:
                add(
                    key,
                    f"{KNOWN_FIELDS[key]} is missing; add a line '{KNOWN_FIELDS[key]}: YYYY-MM-DD'",
                )
            elif not _valid_date(value):
                add(key, f"{KNOWN_FIELDS[key]} '{value}' is no valid date (use YYYY-MM-DD)")
    out += _check_terms(post, vocab, limits)
    summary = post.get("summary")
    if not summary:
        add("summary", "Summary is missing; add 'Summary:' with one or two sentences for readers")
    elif len(summary) > limits.max_summary:
        add(
            "summary",
            f"Summary is {len(summary)} characters; keep it under "
            f"{limits.max_summary} (one or two sentences)",
        )
    elif HTML_TAG.search(summary):
        add("summary", "Summary contains HTML; write plain text")
    return out


def _valid_date(value):
    for fmt in DATE_FORMATS:
        try:
            datetime.strptime(value, fmt)
        except ValueError:
            continue
        return True
    return False


def _check_terms(post, vocab, limits):
    out = []

    def add(key, message):
        out.append(Problem(post.display, post.line(key), message))

    category = post.get("category")
    if not category:
        add("category", "Category is missing; use one of: " + ", ".join(vocab.categories))
    elif category not in vocab.categories:
        hint = closest(category, vocab.categories)
        fix = f"did you mean '{hint}'?" if hint else "use one of: " + ", ".join(vocab.categories)
        add("category", f"'{category}' is no rubric (Category); {fix}")
    tags = [t.strip() for t in post.get("tags").split(",") if t.strip()]
    if not tags:
        add("tags", "Tags is missing; add 1 to 5 themes from content/themas.toml")
    if len(tags) > limits.max_tags:
        add("tags", f"Tags names {len(tags)} themes; use at most {limits.max_tags}")
    for tag in tags:
        if tag not in vocab.themes:
            hint = closest(tag, vocab.themes)
            fix = f"did you mean '{hint}'?" if hint else "see content/themas.toml"
            add("tags", f"'{tag}' is no theme; {fix}")
    if len(set(tags)) != len(tags):
        add("tags", "Tags names a theme twice; name each theme once")
    source = post.get("bron_site")
    if source and source not in vocab.sources:
        hint = closest(source, vocab.sources)
        fix = f"did you mean '{hint}'?" if hint else "use one of: " + ", ".join(vocab.sources)
        add("bron_site", f"Bron_site '{source}' is unknown; {fix}")
    return out


def _dead_link(slug, statuses):
    if slug in statuses:
        status = statuses[slug]
        return f"links to '/artikelen/{slug}.html', a {status} article; link to a published one"
    hint = closest(slug, statuses)
    fix = f"did you mean '/artikelen/{hint}.html'?" if hint else "check the Slug of the article"
    return f"links to '/artikelen/{slug}.html', which is no article; {fix}"


def check_site_wide(posts):
    """Problems between posts: duplicate slugs, Meer lezen picks."""
    out, by_slug, statuses = [], defaultdict(list), {}
    for post in posts:
        slug = post.get("slug") or None
        if slug is None:
            continue
        by_slug[("page" if post.is_page else "article", slug)].append(post)
        if not post.is_page:
            statuses[slug] = post.get("status", "published").lower()
    for (_, slug), same in by_slug.items():
        for post in same if len(same) > 1 else ():
            others = ", ".join(p.display for p in same if p is not post)
            out.append(
                Problem(
                    post.display,
                    post.line("slug"),
                    f"Slug '{slug}' is also used by {others}; give one of them another Slug",
                )
            )
    for post in posts:
        for line, slug in getattr(post, "article_links", ()):
            if statuses.get(slug) not in ("published", "hidden"):  # hidden: unlisted, yet online
                out.append(Problem(post.display, line, _dead_link(slug, statuses)))
        if post.is_page or "meer_lezen" not in post.fields:
            continue
        picks = parse_picks(post.get("meer_lezen"))
        for message in pick_problems(post.get("slug"), picks or [], statuses):
            out.append(Problem(post.display, post.line("meer_lezen"), message))
    return out

"""Check all posts of the site at once; every problem becomes one line with file and line.

Checks metadata against the vocabulary, slugs, Meer lezen picks, tables, cards, links,
images and leftover scraping debris. Reads sources only; writes nothing. Problems of a post
with ``Status: draft`` are notes (``Problem.draft``): they never stop the site.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from plugins.images.checks import hero_problems
from plugins.meer_lezen.picks import parse_picks, pick_problems, status_word
from plugins.redirects.addresses import FIELD as ALIAS
from plugins.redirects.addresses import parse_aliases

from .body_checks import ARTICLE_LINK, check_body
from .dates import date_problem
from .fields import DUTCH_STATUSES, KNOWN_FIELDS, field_message, meant_field
from .files import Layout, article_as_page, sort_files
from .posts import PostError, decode, parse_post
from .problems import Problem
from .vocabulary import closest

STATUSES = ("published", "draft", "hidden")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z][^>]*>")
VOCABULARY_FILE = "content/themas.toml"


@dataclass
class Limits:
    """Limits the checks enforce (CONTENT_GUARD_* settings)."""

    max_summary: int = 300
    max_tags: int = 5
    max_bytes: int = 1_000_000


def display_name(content, path):
    """'content/artikelen/x.md': the path an author recognises."""
    content = Path(content)
    return str(Path(content.name) / Path(path).relative_to(content))


def is_draft(post):
    """True for ``Status: draft`` (also when written in Dutch, 'concept')."""
    return DUTCH_STATUSES.get(post.status, post.status) == "draft"


def mb(n):
    """'2,1 MB' (Dutch decimal comma)."""
    return f"{n / 1e6:.1f} MB".replace(".", ",")


def check_site(content, vocabulary, page_dirs=("pages",), limits=None, layout=None, schedule=None):
    """All problems of all posts under ``content``, sorted by file and line; and the posts.

    ``schedule(post)`` gives the moment a scheduled post goes online (``post.scheduled``).
    """
    limits = limits or Limits()
    content = Path(content)
    posts = []
    layout = layout or Layout(pages=tuple(page_dirs))
    sources, problems = sort_files(content, layout)
    for path in sources:
        post, found = check_post(path, content, vocabulary, page_dirs, limits, layout, schedule)
        problems += found
        if post is not None:
            posts.append(post)
    problems += check_site_wide(posts)
    drafts = {post.display for post in posts if is_draft(post)}
    return sorted({replace(p, draft=p.display in drafts) for p in problems}), posts


def check_post(path, content, vocabulary, page_dirs, limits, layout, schedule=None):
    """(post or None, its own problems) of the source ``path``: everything but site-wide checks.

    ``check_site`` checks every source with this; the live preview checks the one file an
    author saved with it (``recheck``).
    """
    display = display_name(content, path)
    data = path.read_bytes()
    if len(data) > limits.max_bytes:
        message = (
            f"het bestand is {mb(len(data))}; een artikel mag hoogstens "
            f"{mb(limits.max_bytes)} zijn (splits het in meerdere artikelen)"
        )
        return None, [Problem(display, 1, message)]
    try:
        post = parse_post(decode(data), display)
    except PostError as err:
        return None, [Problem(display, err.line, err.message)]
    rel = path.relative_to(content).parts
    post.is_page = bool(rel) and rel[0] in page_dirs
    post.path = path
    post.scheduled = schedule(post) if schedule else None
    problems = [
        *check_fields(post),
        *check_metadata(post, vocabulary, limits),
        *article_as_page(post, layout),
        *check_body(post, content),
    ]
    fields = {key: post.get(key) for key in ("image", "image_alt")}
    problems += [Problem(post.display, post.line(k), m) for k, m in hero_problems(fields, content)]
    return post, problems


def recheck(path, posts, content, vocabulary, page_dirs, limits, layout, schedule=None):
    """(post or None, problems of ``path``, posts) after one source changed, the others not.

    The other posts are those of the last full check (``posts``); site-wide problems are
    recomputed over all of them with the new post, and only those of ``path`` are returned.
    """
    post, problems = check_post(path, content, vocabulary, page_dirs, limits, layout, schedule)
    others = [p for p in posts if getattr(p, "path", None) != path]
    posts = others if post is None else [*others, post]
    if post is not None:
        problems += [p for p in check_site_wide(posts) if p.display == post.display]
        problems = [replace(p, draft=is_draft(post)) for p in problems]
    return post, sorted(set(problems)), posts


def check_fields(post):
    """Field names the site does not read: named at their own line, with the right name.

    A field under its Dutch name also counts as present, so the author gets one message
    ('schrijf Tags: in plaats van Thema's:') instead of a missing field at line 1.
    """
    out = []
    written = [(line, name, value) for _, (value, line, name) in post.fields.items()]
    for line, name, value in sorted([*written, *post.loose_fields]):
        key = name.lower()
        if key in KNOWN_FIELDS and key in post.fields and post.fields[key][1] == line:
            continue
        out.append(Problem(post.display, line, field_message(name)))
        meant = meant_field(name)
        if meant and meant not in post.fields:
            post.fields[meant] = (value, line, name)
    if post.stopped:
        line, field_line, key = post.stopped
        out.append(
            Problem(
                post.display,
                line,
                f"hier stoppen de velden bovenaan (deze regel is geen 'Veld: waarde'), dus "
                f"'{key}:' op regel {field_line} wordt tekst; hoort deze regel bij het veld "
                "erboven, spring hem dan in met vier spaties, en anders zet je er een lege regel "
                "boven",
            )
        )
    for line, name, first in post.repeated:
        out.append(
            Problem(
                post.display,
                line,
                f"'{name}' staat twee keer bovenaan (ook op regel {first}); houd er één over",
            )
        )
    return out


def check_metadata(post, vocab, limits):
    """Problems in one post's metadata header."""
    out = []

    def add(key, message):
        out.append(Problem(post.display, post.line(key), message))

    title = post.get("title")
    if not title:
        add("title", "de titel ontbreekt; zet bovenaan een regel 'Title: …'")
    elif HTML_TAG.search(title):
        add("title", f"de titel bevat HTML ('{HTML_TAG.search(title)[0]}'); schrijf gewone tekst")
    status = post.status
    if status not in STATUSES:
        meant = DUTCH_STATUSES.get(status) or closest(status, STATUSES) or "published"
        add(
            "status",
            f"Status '{post.get('status')}' kent de site niet; bedoel je '{meant}'? "
            "(kies published, draft of hidden)",
        )
    if "slug" in post.fields and not SLUG.match(post.get("slug")):
        add(
            "slug",
            f"Slug '{post.get('slug')}' mag alleen a-z, 0-9 en losse streepjes bevatten "
            "(zoals 'mijn-artikel')",
        )
    if post.is_page:
        return out
    if "slug" not in post.fields:
        add("title", "de Slug ontbreekt; voeg een regel 'Slug: …' toe (kort, zoals 'mijn-artikel')")
    for key in ("date", "modified"):
        if key in post.fields or key == "date":
            name, value = KNOWN_FIELDS[key], post.get(key)
            if not value:
                what = "de datum" if key == "date" else "de datum van de wijziging"
                add(key, f"{what} ontbreekt; voeg een regel '{name}: JJJJ-MM-DD' toe")
            elif date_problem(name, value):
                add(key, date_problem(name, value))
    out += _check_terms(post, vocab, limits)
    summary = post.get("summary")
    if not summary:
        add(
            "summary",
            "de samenvatting ontbreekt; voeg 'Summary:' toe met een of twee zinnen voor de lezer",
        )
    elif len(summary) > limits.max_summary:
        add(
            "summary",
            f"de samenvatting is {len(summary)} tekens; houd haar onder de "
            f"{limits.max_summary} (een of twee zinnen)",
        )
    elif HTML_TAG.search(summary):
        add("summary", "de samenvatting bevat HTML; schrijf gewone tekst")
    return out


def _check_terms(post, vocab, limits):
    out = []

    def add(key, message):
        out.append(Problem(post.display, post.line(key), message))

    categories = ", ".join(vocab.categories)
    category = post.get("category")
    if not category:
        add("category", f"de rubriek ontbreekt; voeg 'Category: …' toe met een van: {categories}")
    elif category not in vocab.categories:
        hint = closest(category, vocab.categories)
        fix = f"bedoel je '{hint}'?" if hint else f"kies een van: {categories}"
        add("category", f"'{category}' is geen rubriek; {fix}")
    tags = [t.strip() for t in post.get("tags").split(",") if t.strip()]
    if not tags:
        add(
            "tags",
            f"de thema's ontbreken; voeg 'Tags: …' toe met 1 tot {limits.max_tags} thema's "
            f"uit {VOCABULARY_FILE}",
        )
    if len(tags) > limits.max_tags:
        add("tags", f"Tags noemt {len(tags)} thema's; kies er hoogstens {limits.max_tags}")
    for tag in tags:
        if tag not in vocab.themes:
            hint = closest(tag, vocab.themes)
            fix = (
                f"bedoel je '{hint}'?"
                if hint
                else f"kies een thema uit {VOCABULARY_FILE}, of voeg het daar toe"
            )
            add("tags", f"'{tag}' staat niet in de woordenlijst; {fix}")
    if len(set(tags)) != len(tags):
        add("tags", "Tags noemt een thema twee keer; noem elk thema één keer")
    source = post.get("bron_site")
    if source and source not in vocab.sources:
        hint = closest(source, vocab.sources)
        fix = f"bedoel je '{hint}'?" if hint else "kies een van: " + ", ".join(vocab.sources)
        add("bron_site", f"Bron_site '{source}' staat niet in de woordenlijst; {fix}")
    return out


def _dead_link(slug, statuses, moved=None):
    if moved and slug in moved and slug not in statuses:  # a former address (Alias)
        now = f"/artikelen/{moved[slug]}.html"
        return f"linkt naar '/artikelen/{slug}.html', een oud adres van '{now}'; link naar '{now}'"
    if slug in statuses:
        return (
            f"linkt naar '/artikelen/{slug}.html', {status_word(statuses[slug])}; "
            "link naar een gepubliceerd artikel"
        )
    hint = closest(slug, statuses)
    fix = f"bedoel je '/artikelen/{hint}.html'?" if hint else "controleer de Slug van het artikel"
    return f"linkt naar '/artikelen/{slug}.html', maar dat artikel bestaat niet; {fix}"


def check_site_wide(posts):
    """Problems between posts: duplicate slugs, links to other articles, Meer lezen picks."""
    out, by_slug, statuses, moments = [], defaultdict(list), {}, {}
    for post in posts:
        slug = post.get("slug") or None
        if slug is None:
            continue
        by_slug[("page" if post.is_page else "article", slug)].append(post)
        if not post.is_page:
            statuses[slug] = DUTCH_STATUSES.get(post.status, post.status)
            if getattr(post, "scheduled", None):
                moments[slug] = (post.scheduled, statuses[slug])
                statuses[slug] = "scheduled"
    for (_, slug), same in by_slug.items():
        for post in same if len(same) > 1 else ():
            others = [p for p in same if p is not post]
            if not is_draft(post) and all(is_draft(p) for p in others):
                continue  # a draft never blocks a published post: the note is on the draft
            out.append(
                Problem(
                    post.display,
                    post.line("slug"),
                    f"Slug '{slug}' wordt ook gebruikt door "
                    f"{', '.join(p.display for p in others)}; geef een van beide een andere Slug",
                )
            )
    by_file = {_resolved(post): post for post in posts if hasattr(post, "path")}
    moved = _former_slugs(posts)
    for post in posts:
        seen = _statuses_seen_from(post, statuses, moments)
        for line, slug in getattr(post, "article_links", ()):
            if seen.get(slug) not in ("published", "hidden"):  # hidden: unlisted, yet online
                out.append(Problem(post.display, line, _dead_link(slug, seen, moved)))
        for line, path in getattr(post, "file_links", ()):  # '{filename}' links to a post
            target = by_file.get(path)
            status = seen.get(target.get("slug")) if target and not target.is_page else None
            if status not in (None, "published", "hidden"):
                out.append(
                    Problem(
                        post.display,
                        line,
                        f"linkt naar {target.display}, {status_word(status)}; link naar een "
                        "gepubliceerd artikel",
                    )
                )
        if post.is_page or "meer_lezen" not in post.fields:
            continue
        picks = parse_picks(post.get("meer_lezen"))
        for message in pick_problems(post.get("slug"), picks or [], seen):
            out.append(Problem(post.display, post.line("meer_lezen"), message))
    return out


def _resolved(post):
    """The post's file as an absolute path (kept: the live preview checks all posts often)."""
    if getattr(post, "resolved", None) is None:
        post.resolved = post.path.resolve()
    return post.resolved


def _statuses_seen_from(post, statuses, moments):
    """Statuses as ``post`` will find them when it goes online.

    A scheduled post may link to one scheduled no later than itself: both are online by then.
    """
    own = getattr(post, "scheduled", None)
    if not own:
        return statuses
    return {**statuses, **{s: status for s, (m, status) in moments.items() if m <= own}}


def _former_slugs(posts):
    """Old slug -> slug now, from the former article addresses in Alias."""
    moved = {}
    for post in posts:
        for address in parse_aliases(post.get(ALIAS)) if not post.is_page else ():
            match = ARTICLE_LINK.match(address)
            if match and post.get("slug"):
                moved[match["slug"]] = post.get("slug")
    return moved

"""Former addresses checked with the other posts, before the build: form and clashes.

A former address must be written well, belong to one post only, and not be the address of a
post that is (or will be) on the site. Clashes with other generated pages (theme pages,
feeds, static files) are found while writing (``redirects.py``).
"""

from plugins.content_guard.problems import Problem

from .addresses import FIELD, alias_problem, output_file, parse_aliases


def own_address(post, settings):
    """'/artikelen/slug.html' or '/slug/': the address a post has now (None if not known)."""
    slug = post.get("slug")
    template = settings.get("PAGE_URL" if post.is_page else "ARTICLE_URL", "")
    if not slug or not template:
        return None
    try:
        return "/" + template.format(slug=slug)
    except (KeyError, IndexError, ValueError):  # a URL with {date} and the like: not ours to guess
        return None


def alias_problems(posts, settings, is_draft):
    """Problems with the former addresses of ``posts`` (content_guard Posts)."""
    out = []
    live = {}  # output file -> post, of every post that is or will be online
    for post in posts:
        address = own_address(post, settings)
        if address and not is_draft(post):
            live[output_file(address)] = post
    claimed = {}  # output file -> (post, address)
    for post in sorted(posts, key=lambda p: p.display):
        if FIELD not in post.fields:
            continue
        line = post.line(FIELD)

        def add(message, post=post, line=line):
            out.append(Problem(post.display, line, message))

        for address in parse_aliases(post.get(FIELD)):
            problem = alias_problem(address)
            if problem:
                add(problem)
                continue
            name = output_file(address)
            owner = live.get(name)
            if owner is post:
                add(
                    f"'{address}' is het huidige adres van dit artikel zelf; haal het weg uit Alias"
                )
            elif owner is not None:
                add(
                    f"het oude adres '{address}' is het adres van {owner.display}, dat op de "
                    "site staat; haal het weg uit Alias (of geef dat artikel een andere Slug)"
                )
            elif name in claimed:
                first, written = claimed[name]
                same = "dit artikel" if first is post else first.display
                add(
                    f"het oude adres '{address}' staat ook bij {same} (als '{written}'); een "
                    "oud adres kan maar naar één artikel leiden: haal het bij een van beide weg"
                )
            else:
                claimed[name] = (post, address)
    drafts = {_address_file(p, settings): p for p in posts if is_draft(p)}
    for name, (holder, address) in claimed.items():
        newcomer = drafts.get(name)
        if newcomer:
            out.append(
                Problem(
                    newcomer.display,
                    newcomer.line("slug"),
                    f"Slug '{newcomer.get('slug')}' geeft het adres '{address}', en dat is een oud "
                    f"adres van {holder.display} (Alias); kies een andere Slug",
                )
            )
    return out


def _address_file(post, settings):
    address = own_address(post, settings)
    return output_file(address) if address else None

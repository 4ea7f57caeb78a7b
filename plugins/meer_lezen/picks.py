"""The author's own Meer lezen picks: read them from metadata and check them."""

import difflib

OFF = "geen"
STATUS_WORDS = {
    "draft": "een concept",
    "hidden": "een verborgen artikel",
    "scheduled": "een ingepland artikel dat nog niet op de site staat",
}


def status_word(status):
    """'een concept' for a draft: how an author calls an article of that status."""
    return STATUS_WORDS.get(status, f"een artikel met Status '{status}'")


def parse_picks(value):
    """'a, b' -> ['a', 'b']; 'geen' -> None (block switched off); '' -> []."""
    value = (value or "").strip()
    if value.lower() == OFF:
        return None
    return [slug.strip() for slug in value.split(",") if slug.strip()]


def pick_problems(own_slug, picks, statuses):
    """Dutch messages for picks that cannot be shown; ``statuses`` maps every slug to its status."""
    problems, seen = [], set()
    for slug in picks:
        if slug == own_slug:
            problems.append(f"Meer_lezen noemt '{slug}', het artikel zelf; kies een ander artikel")
        elif slug not in statuses:
            hint = difflib.get_close_matches(slug, list(statuses), n=1)
            fix = f"bedoel je '{hint[0]}'?" if hint else "gebruik de Slug van een artikel"
            problems.append(f"Meer_lezen noemt '{slug}', maar dat artikel bestaat niet; {fix}")
        elif statuses[slug] != "published":
            problems.append(
                f"Meer_lezen noemt '{slug}', {status_word(statuses[slug])}; "
                "kies een gepubliceerd artikel"
            )
        elif slug in seen:
            problems.append(f"Meer_lezen noemt '{slug}' twee keer; noem het één keer")
        seen.add(slug)
    return problems

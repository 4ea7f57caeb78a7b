"""The author's own Meer lezen picks: read them from metadata and check them."""

import difflib

OFF = "geen"


def parse_picks(value):
    """'a, b' -> ['a', 'b']; 'geen' -> None (block switched off); '' -> []."""
    value = (value or "").strip()
    if value.lower() == OFF:
        return None
    return [slug.strip() for slug in value.split(",") if slug.strip()]


def pick_problems(own_slug, picks, statuses):
    """Messages for picks that cannot be shown; ``statuses`` maps every slug to its status."""
    problems, seen = [], set()
    for slug in picks:
        if slug == own_slug:
            problems.append(f"Meer_lezen names '{slug}', the article itself; pick another article")
        elif slug not in statuses:
            hint = difflib.get_close_matches(slug, list(statuses), n=1)
            suggestion = f"; did you mean '{hint[0]}'?" if hint else "; use the Slug of an article"
            problems.append(f"Meer_lezen names '{slug}', which is no article{suggestion}")
        elif statuses[slug] != "published":
            problems.append(
                f"Meer_lezen names '{slug}', which is a {statuses[slug]} article; "
                "pick a published one"
            )
        elif slug in seen:
            problems.append(f"Meer_lezen names '{slug}' twice; name it once")
        seen.add(slug)
    return problems

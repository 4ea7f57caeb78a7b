"""One problem in one post, printable as 'content/x.md:3: message'."""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file; prints as 'content/x.md:3: message'.

    ``draft`` marks a problem of a post with ``Status: draft``: a note for its author, not an
    error that stops the site.
    """

    display: str
    line: int
    message: str
    draft: bool = False

    def __str__(self):
        return f"{self.display}:{self.line}: {self.message}"


def plural(n, one, many):
    """'1 fout', '3 fouten'."""
    return f"{n} {one if n == 1 else many}"


def summary_line(errors, notes):
    """The one line that ends every check: errors (site blocked) apart from draft notes."""
    parts = []
    if errors:
        parts.append(f"{plural(errors, 'fout', 'fouten')} (die houden de site tegen)")
    if notes:
        parts.append(
            f"{plural(notes, 'notitie', 'notities')} bij concepten "
            "(die blokkeren niets; het concept komt pas op de site als het af is)"
        )
    if not parts:
        return "Alles in orde: geen fouten, geen notities."
    return "; ".join(parts) + "."


def report_lines(problems):
    """The printable report: errors, then draft notes, each under a Dutch heading."""
    errors = [p for p in problems if not p.draft]
    notes = [p for p in problems if p.draft]
    lines = []
    if errors:
        lines.append("Fouten (los ze op en typ dan opnieuw ./blog check):")
        lines += [str(p) for p in errors]
    if notes:
        lines.append("Notities bij concepten (Status: draft; nog niet op de site):")
        lines += [str(p) for p in notes]
    return lines

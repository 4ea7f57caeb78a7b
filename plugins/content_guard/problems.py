"""One problem in one post, printable as 'content/x.md:3: message'."""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file; prints as 'content/x.md:3: message'."""

    display: str
    line: int
    message: str

    def __str__(self):
        return f"{self.display}:{self.line}: {self.message}"

"""Commit the ledger of published addresses (content/adressen.txt) after a publish.

``./blog publish`` and ``./blog deploy`` add what they put online to the ledger; it only protects
those addresses once it is in the repository. A maintainer commits it with the content; the
GitHub workflow, which publishes by itself (also at night, for scheduled posts), runs
``./blog bewaar-adressen --push`` so no published address is forgotten.
"""

from .external import ExternalError, run
from .settings import ROOT

MESSAGE = "Adressen: wat de laatste publicatie online zette (content/adressen.txt)"
BOT = ("-c", "user.name=werkinbeweging-publicatie", "-c", "user.email=publicatie@localhost")


class KeepLedgerError(Exception):
    """The ledger could not be committed or pushed; the message is Dutch."""


def git(*args, what):
    """Run git in the project with the deploy's time-out; raise KeepLedgerError when it fails."""
    try:
        result = run(["git", *args], what, cwd=ROOT)
    except ExternalError as err:
        raise KeepLedgerError(str(err)) from None
    if result.returncode:
        raise KeepLedgerError(
            f"git {args[0]} lukte niet bij het {what}: {(result.stderr or '').strip()}"
        )
    return result.stdout


def keep_ledger(ledger, push=False):
    """Commit ``ledger`` if it changed (and push it); True if there was something to commit."""
    relative = ledger.relative_to(ROOT).as_posix()
    changed = git("status", "--porcelain", "--", relative, what="bekijken van het adressenboek")
    if not changed.strip():
        return False
    git(*BOT, "commit", "-m", MESSAGE, "--", relative, what="vastleggen van het adressenboek")
    if push:
        # A push to main meanwhile: take it first, the ledger commit goes on top.
        git("pull", "--rebase", "--autostash", "--quiet", what="ophalen voor het adressenboek")
        git("push", "--quiet", what="doorsturen van het adressenboek")
    return True

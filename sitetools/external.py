"""Run rsync, ssh and git with a time-out, never waiting for a password, failing in Dutch.

A deploy must end: a hanging network, a server that asks for a password or an upload that stalls
stops with a Dutch message instead of a terminal that waits forever. The whole process group is
ended on a time-out, so an ssh started by rsync or git goes with it.
"""

import contextlib
import os
import signal
import subprocess

# Seconds a deploy's external command may take; DEPLOY_TIMEOUT overrides it (a slow first upload).
DEFAULT_TIMEOUT_S = 900
# ssh as rsync and git start it: no password prompt (keys only), a bounded wait for the server.
SSH = "ssh -o BatchMode=yes -o ConnectTimeout=20"


class ExternalError(Exception):
    """An external command failed, was missing or took too long; the message is Dutch."""


def timeout_s():
    """The time-out in seconds: $DEPLOY_TIMEOUT when it is a positive number, else the default."""
    value = os.environ.get("DEPLOY_TIMEOUT", "").strip()
    try:
        seconds = float(value.replace(",", "."))
    except ValueError:
        if value:
            raise ExternalError(
                f"DEPLOY_TIMEOUT='{value}' is geen aantal seconden; zet bijvoorbeeld "
                "DEPLOY_TIMEOUT=1800, of laat het weg (standaard 900)"
            ) from None
        return DEFAULT_TIMEOUT_S
    if seconds <= 0:
        raise ExternalError(f"DEPLOY_TIMEOUT={value} moet groter dan 0 zijn, bijvoorbeeld 1800")
    return seconds


def quiet_env():
    """The environment for git and ssh: no prompts for passwords or host keys on a terminal."""
    env = dict(os.environ)
    env["GIT_SSH_COMMAND"] = env.get("GIT_SSH_COMMAND") or SSH
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["GIT_ASKPASS"] = env.get("GIT_ASKPASS") or "true"  # an empty answer, never a prompt
    env["SSH_ASKPASS_REQUIRE"] = "never"
    return env


def run(command, what, capture=True, cwd=None, input=None):  # noqa: A002 (as subprocess)
    """Run ``command`` with the deploy's time-out; return the CompletedProcess.

    ``what`` says in Dutch what the command was doing ("uploaden naar server:/var/www/blog"), for
    the message when it cannot start or does not finish in time. Standard input is ``input`` or
    closed: a command that wants to ask something gets an end of file instead of waiting.
    """
    limit = timeout_s()
    pipe = subprocess.PIPE if capture else None
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL if input is None else subprocess.PIPE,
            stdout=pipe,
            stderr=pipe,
            text=True,
            cwd=cwd,
            env=quiet_env(),
            start_new_session=True,  # its own process group: a time-out ends ssh too
        )
    except OSError as err:
        raise ExternalError(
            f"{command[0]} kon niet starten bij het {what} ({err.strerror}); installeer het "
            f"(apt-get install {command[0]}) of controleer je PATH"
        ) from None
    try:
        out, err = process.communicate(input, timeout=limit)
    except subprocess.TimeoutExpired:
        _end_group(process)
        raise ExternalError(
            f"{os.path.basename(command[0])} was na {_seconds(limit)} seconden nog niet klaar met "
            f"het {what} en is gestopt; controleer de verbinding en probeer het opnieuw, of geef "
            "het meer tijd met DEPLOY_TIMEOUT=1800 ./blog deploy …"
        ) from None
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def _end_group(process):
    """Stop the command and everything it started; collect it so no zombie is left."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def _seconds(limit):
    return f"{limit:g}".replace(".", ",")

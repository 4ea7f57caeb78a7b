"""The one place that reads the clock, so tests can set it instead of waiting.

``WIB_NOW`` (an ISO 8601 moment, e.g. ``2026-12-15T00:00:00+01:00``) is for tests only: it
makes a build act as if it ran at that moment. A moment without an offset is read in the
site's time zone.
"""

import os
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

ENVIRONMENT = "WIB_NOW"


class ClockError(ValueError):
    """WIB_NOW cannot be read; the message says how to write it."""

    exitcode = 1


def now(timezone="Europe/Amsterdam"):
    """The current moment (aware), or the one ``WIB_NOW`` names."""
    value = os.environ.get(ENVIRONMENT, "").strip()
    if not value:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ClockError(
            f"{ENVIRONMENT}='{value}' is geen tijdstip; schrijf bijvoorbeeld "
            f"{ENVIRONMENT}=2026-12-15T00:00:00+01:00, of haal {ENVIRONMENT} weg"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(timezone))

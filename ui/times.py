"""Times as a Moroccan reader reads them: in Morocco's time (Africa/Casablanca, which follows
the change of hour around Ramadan), day/month/year, Western digits, never ISO 8601."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

MOROCCO = ZoneInfo("Africa/Casablanca")


def local(moment: str | datetime) -> datetime:
    """``moment`` (ISO 8601 text or a datetime; naive means UTC) in Morocco's time."""
    when = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(MOROCCO)


def local_text(moment: str | datetime, *, seconds: bool = False) -> str:
    """``01/12/2026 03:15``: the date and the time in Morocco."""
    return local(moment).strftime("%d/%m/%Y %H:%M" + (":%S" if seconds else ""))

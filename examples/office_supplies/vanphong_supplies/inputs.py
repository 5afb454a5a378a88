"""Numbers typed into the back office's forms and query strings, read leniently: a value that
is not one becomes None, so the rules (or a 404) answer it, never a database error."""

from __future__ import annotations

#: Record ids are 32-bit, as in the API's paths (``<id:id>``).
MAX_ID = 2**31 - 1


def whole(value: str | None) -> int | None:
    """A whole number typed in a box, or None (empty or not a number)."""
    try:
        return int((value or "").strip())
    except ValueError:
        return None


def record_id(value: str | None) -> int | None:
    """A record id from 1 to :data:`MAX_ID`, or None."""
    number = whole(value)
    return number if number is not None and 0 < number <= MAX_ID else None

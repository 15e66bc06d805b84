"""How reports say values: numbers, dates, closed choices, counts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum


def number(value: float) -> str:
    """79.5 -> '79.5', 40.0 -> '40': as a person writes it, without float noise."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.12g}"


def day(value: date | None, missing: str = "not set") -> str:
    """An ISO date, or ``missing``."""
    return value.isoformat() if value is not None else missing


def moment(value: datetime | None, missing: str = "not set") -> str:
    """A timestamp in UTC to the minute: reports are read in other time zones."""
    if value is None:
        return missing
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def word(value: StrEnum | None, missing: str = "not set") -> str:
    """A closed choice as words: 'permitted_with_controls' -> 'permitted with controls'."""
    return value.value.replace("_", " ") if value is not None else missing


def or_missing(text: str, missing: str = "not recorded") -> str:
    """The text, or words saying it is empty."""
    return text if text.strip() else missing


def count(n: int, one: str, many: str = "") -> str:
    """'1 entry', '3 entries'."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def yes_no(flag: bool) -> str:
    """'yes' or 'no'."""
    return "yes" if flag else "no"


def later_field(record: object, name: str) -> str:
    """A field that a newer model adds, as text; '' while the model lacks it.

    Reports degrade gracefully across versions of the models that other work extends
    (a pilot's human escalation route, a consultation's outcome).
    """
    value = getattr(record, name, None)
    if value is None:
        return ""
    return word(value) if isinstance(value, StrEnum) else str(value)


def sentence(text: str) -> str:
    """The text ending as a sentence does: a full stop added unless it has one."""
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."

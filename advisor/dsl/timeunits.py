"""Time values of the query DSL as milliseconds: histogram intervals and date-math bounds.

Only what can be read from the text alone: `1h`, `30m`, `day`, `1M`, epoch milliseconds,
ISO-8601 dates and date math (`now-7d/d`, `2024-01-01||+1M`). Calendar units are taken at
their mean length (a month is 30.44 days), which is enough to estimate bucket counts.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

_SECOND = 1000.0
_UNIT_MILLIS = {
    "ms": 1.0,
    "s": _SECOND,
    "m": 60 * _SECOND,
    "h": 3600 * _SECOND,
    "H": 3600 * _SECOND,
    "d": 86400 * _SECOND,
    "w": 7 * 86400 * _SECOND,
    "M": 30.44 * 86400 * _SECOND,
    "q": 91.31 * 86400 * _SECOND,
    "y": 365.25 * 86400 * _SECOND,
}
_WORDS = {
    "second": "s",
    "minute": "m",
    "hour": "h",
    "day": "d",
    "week": "w",
    "month": "M",
    "quarter": "q",
    "year": "y",
}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|H|d|w|M|q|y)\s*$")
_MATH = re.compile(r"([+-])(\d+)(ms|s|m|h|H|d|w|M|q|y)")
_ROUND = re.compile(r"/(ms|s|m|h|H|d|w|M|q|y)$")


def interval_millis(value: Any) -> float | None:
    """An interval (`fixed_interval`, `calendar_interval` or legacy `interval`) in ms."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if value > 0 else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text in _WORDS:
        return _UNIT_MILLIS[_WORDS[text]]
    found = _DURATION.match(text)
    if found is None:
        return None
    amount = float(found.group(1)) * _UNIT_MILLIS[found.group(2)]
    return amount if amount > 0 else None


def date_millis(value: Any) -> tuple[str, float] | None:
    """A date bound as (`"now"` or `"abs"`, milliseconds): relative to now, or since the epoch.

    Two bounds can be compared only when they are of the same kind.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return ("abs", float(value))
    if not isinstance(value, str):
        return None
    text = _ROUND.sub("", value.strip())
    if text.startswith("now"):
        anchor, rest = ("now", 0.0), text[3:]
    else:
        base, sep, rest = text.partition("||")
        absolute = _absolute(base)
        if absolute is None or (rest and not sep):
            return None
        anchor = ("abs", absolute)
    offset = 0.0
    pos = 0
    for step in _MATH.finditer(rest):
        if step.start() != pos:
            return None
        amount = float(step.group(2)) * _UNIT_MILLIS[step.group(3)]
        offset += amount if step.group(1) == "+" else -amount
        pos = step.end()
    if pos != len(rest):
        return None
    return (anchor[0], anchor[1] + offset)


def _absolute(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp() * 1000.0


def span_millis(low: Any, high: Any) -> float | None:
    """The length of `[low, high]` in ms when both bounds can be read and compared."""
    start, end = date_millis(low), date_millis(high)
    if start is None or end is None or start[0] != end[0]:
        return None
    return end[1] - start[1]

"""Helpers shared by the OpenSearch cluster rules: sizes, setting values, fixes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from advisor.dsl.console import request, requests
from advisor.model import Fix
from advisor.model_opensearch import OsIndex

GIB = 1024**3
MIB = 1024**2
_TIME = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(nanos|micros|ms|s|m|h|d)?\s*$")
_SECONDS = {
    "nanos": 1e-9,
    "micros": 1e-6,
    "ms": 1e-3,
    "s": 1.0,
    "m": 60.0,
    "h": 3600.0,
    "d": 86400.0,
}


def gib(size: float) -> float:
    return round(size / GIB, 2)


def size(nbytes: float) -> str:
    """A byte count for messages: B, KiB, MiB or GiB."""
    for unit, scale in (("GiB", GIB), ("MiB", MIB), ("KiB", 1024)):
        if nbytes >= scale:
            return f"{nbytes / scale:.1f} {unit}"
    return f"{nbytes:.0f} B"


def seconds(value: str | None) -> float | None:
    """A time value (`200ms`, `1s`, `-1`) in seconds; None when it cannot be read."""
    if value is None:
        return None
    match = _TIME.match(value)
    if match is None:
        return None
    return float(match.group(1)) * _SECONDS[match.group(2) or "ms"]


def as_int(value: str | None, default: int) -> int:
    try:
        return int(float(value)) if value is not None else default
    except ValueError:
        return default


def as_bool(value: str | None, default: bool) -> bool:
    if value is None:
        return default
    return value.strip().lower() == "true"


def percent(value: str | None, default: float) -> float:
    """A watermark as a percentage of disk used (`85%`, `0.85`); absolute sizes give default."""
    if value is None:
        return default
    text = value.strip()
    try:
        if text.endswith("%"):
            return float(text[:-1])
        ratio = float(text)
    except ValueError:
        return default
    return ratio * 100 if ratio <= 1 else default


def user_indices(indices: tuple[OsIndex, ...]) -> tuple[OsIndex, ...]:
    return tuple(i for i in indices if not i.is_system)


def settings_fix(title: str, target: str, settings: Mapping[str, Any]) -> Fix:
    """`PUT <index>/_settings` (or `_cluster/settings` for target "_cluster") with a body."""
    if target == "_cluster":
        return Fix.setting(
            title, request("PUT", "_cluster/settings", {"persistent": dict(settings)})
        )
    return Fix.setting(title, request("PUT", f"{target}/_settings", {"index": dict(settings)}))


def call_fix(title: str, *calls: str) -> Fix:
    """Requests to send (each made with `advisor.dsl.console.request`), in order."""
    return Fix.setting(title, requests(*calls))

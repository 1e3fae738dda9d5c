"""Counts in words: "1 statement", "2 errors", "1 plan finding", "3 entries"."""

from __future__ import annotations


def count(n: int, singular: str, plural: str | None = None) -> str:
    """`n` and the noun in the number that fits it; the plural adds `s` unless given."""
    return f"{n:,} {singular if n == 1 else (plural or singular + 's')}"


def severity_count(n: int, label: str) -> str:
    """`2 errors`, `2 high`: `error` is a noun and takes the plural; the other levels are
    adjectives (`high`, `medium`, `low`, `info`) and do not."""
    return count(n, label) if label == "error" else f"{n:,} {label}"

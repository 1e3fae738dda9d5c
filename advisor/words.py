"""Counts in words: "1 statement", "2 errors", "1 plan finding", "3 entries"."""

from __future__ import annotations


def count(n: int, singular: str, plural: str | None = None) -> str:
    """`n` and the noun in the number that fits it; the plural adds `s` unless given."""
    return f"{n:,} {singular if n == 1 else (plural or singular + 's')}"

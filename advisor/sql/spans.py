"""Character spans of sqlglot nodes, relative to the text that was parsed."""

from __future__ import annotations

from sqlglot import exp


def span_of(node: exp.Expr) -> tuple[int, int] | None:
    """Inclusive (start, end) offsets covered by a node's tokens, or None when none are known.

    sqlglot records positions on leaf tokens (identifiers, literals, stars); a node's span is
    the union of its own position and those of its descendants.
    """
    lo: int | None = None
    hi: int | None = None
    for sub in node.walk():
        meta = sub.meta if sub._meta is not None else None
        if not meta:
            continue
        start, end = meta.get("start"), meta.get("end")
        if isinstance(start, int) and isinstance(end, int):
            lo = start if lo is None else min(lo, start)
            hi = end if hi is None else max(hi, end)
    if lo is None or hi is None:
        return None
    return lo, hi

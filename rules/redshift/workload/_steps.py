"""Helpers of the rules on svl_query_summary's slowest segments and on table keys."""

from __future__ import annotations

import re

from advisor.model_redshift import RsQueryStep, RsSlowSegment

_KEY = re.compile(r"KEY\(\s*([^()\s]+)\s*\)", re.I)
_AUTO_SORT = re.compile(r"AUTO\(SORTKEY\(\s*([^()\s]+)\s*\)\)", re.I)


def ratio(rows: int, return_rows: int) -> float:
    """How many times more rows a step handled than the query returned (at least one row)."""
    return rows / max(return_rows, 1)


def biggest(segment: RsSlowSegment, operator: str) -> RsQueryStep | None:
    """The step of `operator` kind (`hjoin`, `scan`) with the most rows in the segment."""
    steps = [s for s in segment.steps if s.operator == operator]
    return max(steps, key=lambda s: (s.rows, -s.step)) if steps else None


def distkey(diststyle: str) -> str | None:
    """The DISTKEY column of an svv_table_info diststyle: KEY(c) or AUTO(KEY(c))."""
    match = _KEY.search(diststyle or "")
    return match.group(1) if match else None


def sort_column(sortkey1: str) -> str | None:
    """The leading sort key column in svv_table_info.sortkey1 (None: none, AUTO, INTERLEAVED)."""
    text = (sortkey1 or "").strip()
    auto = _AUTO_SORT.fullmatch(text)
    if auto:
        return auto.group(1)
    if not text or text.upper().startswith(("AUTO", "INTERLEAVED")):
        return None
    return text


__all__ = ["biggest", "distkey", "ratio", "sort_column"]

"""Recognising OpenSearch request files cheaply, without loading the reader or the DSL model.

The engine asks this for every file it discovers, so it holds only suffixes and one regex.
"""

from __future__ import annotations

import re
from pathlib import Path

CONSOLE_SUFFIXES = (".osq", ".console")
JSON_SUFFIXES = (".json",)
NDJSON_SUFFIXES = (".ndjson",)
DSL_SUFFIXES = CONSOLE_SUFFIXES + JSON_SUFFIXES + NDJSON_SUFFIXES

METHODS = "GET|POST|PUT|DELETE|HEAD|PATCH"
_LEADING_NOISE = re.compile(r"(?:[ \t\r\n\ufeff]+|#[^\n]*|//[^\n]*)*")
_SNIFF = re.compile(rf"({METHODS})[ \t]+[^ \t\r\n]+")


def looks_like_console(text: str) -> bool:
    """True when the text starts (after blank lines and comments) with `METHOD path`."""
    start = _LEADING_NOISE.match(text)
    return bool(_SNIFF.match(text, start.end() if start else 0))


def has_dsl_suffix(name: str) -> bool:
    return name.lower().endswith(DSL_SUFFIXES)


def is_dsl_file(path: Path) -> bool:
    """Request files by suffix, and any other file whose content starts like a console file."""
    if has_dsl_suffix(path.name):
        return True
    if path.name.lower().endswith(".sql"):
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return looks_like_console(head.decode("utf-8", errors="replace"))

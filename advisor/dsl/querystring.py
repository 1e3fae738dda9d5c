"""What the Lucene syntax of a `query_string` query says about the fields it searches.

A term written `field:value` (or `field:(a b)`, `field:"a b"`, `field:[1 TO 5]`) searches that
field only; every other term searches the query's default fields. The scanner reads terms,
groups, phrases and ranges the way the query parser splits them, without building a query.
"""

from __future__ import annotations

import re

_FIELD = re.compile(r'((?:\\.|[^\s:()\[\]{}"\\])+):')
_OPERATORS = frozenset({"AND", "OR", "NOT", "&&", "||"})
_CLOSERS = {"(": ")", "[": "]", "{": "}", '"': '"'}


def has_unqualified_term(text: str) -> bool:
    """True when some term of the query string names no field (`*` alone matches all)."""
    if text.strip() in ("", "*", "*:*"):
        return False
    return _scan(text, 0, len(text))


def _skip_to_closer(text: str, pos: int, stop: int) -> int:
    """Position after the group, phrase or range that opens at `pos`."""
    opener = text[pos]
    closer = _CLOSERS[opener]
    depth = 0
    i = pos
    while i < stop:
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if opener == '"':
            if char == '"' and i > pos:
                return i + 1
        elif char == opener and opener == "(":
            depth += 1
        elif char == closer or (opener in "[{" and char in "]}"):
            depth -= 1
            if depth <= 0 or opener != "(":
                return i + 1
        i += 1
    return stop


def _scan(text: str, start: int, stop: int) -> bool:
    i = start
    while i < stop:
        char = text[i]
        if char.isspace() or char in "+-!":
            i += 1
            continue
        if char == "(":
            end = _skip_to_closer(text, i, stop)
            if _scan(text, i + 1, max(i + 1, end - 1)):
                return True
            i = end
            continue
        if char in ")]}":
            i += 1
            continue
        if char == '"':
            return True  # a phrase without a field
        qualified = _FIELD.match(text, i, stop)
        if qualified is not None:
            i = qualified.end()
            while i < stop and text[i].isspace():
                i += 1
            if i < stop and text[i] in _CLOSERS:
                i = _skip_to_closer(text, i, stop)
            else:
                while i < stop and not text[i].isspace() and text[i] != ")":
                    i += 2 if text[i] == "\\" else 1
            continue
        end = i
        while end < stop and not text[end].isspace() and text[end] not in "()":
            end += 2 if text[end] == "\\" else 1
        if text[i:end] not in _OPERATORS:
            return True
        i = end
    return False

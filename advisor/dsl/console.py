"""OpenSearch requests written the way the console and the advisor's `.osq` files read them.

A fix that tells the user what to send is one or more requests: a `METHOD path` line, then the
JSON body, if any, on the lines after it. Bodies are built as data and written by the JSON
writer (`advisor.dsl.jsontree.dumps`), never pasted together as text.
"""

from __future__ import annotations

import json
from typing import Any

from advisor.dsl.jsontree import dumps


def request(method: str, path: str, body: Any = None, *, compact: bool = False) -> str:
    """One request: ``METHOD path`` and its body (indented, or on one line with `compact`)."""
    head = f"{method} {path}"
    if body is None:
        return head
    text = json.dumps(body, ensure_ascii=False) if compact else dumps(body)
    return f"{head}\n{text}"


def requests(*texts: str) -> str:
    """Several requests, one after the other, to be sent in that order."""
    return "\n".join(texts)


__all__ = ["request", "requests"]

"""Copying and writing plain JSON values without recursion, for bodies nested thousands deep.

Both use the `json` module for ordinary bodies and an explicit stack for values nested too
deep for it.
"""

from __future__ import annotations

import json
from typing import Any

_SCALAR = json.JSONEncoder(ensure_ascii=False).encode
# Deeper than this, the `json` module is not even tried: it would recurse past the limit.
_SHALLOW = 200


def _deeper_than(value: Any, limit: int) -> bool:
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values() if isinstance(v, dict | list))
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item if isinstance(v, dict | list))
    return False


def deep_copy(value: Any) -> Any:
    """A deep copy of a JSON value (dicts, lists and scalars)."""
    if not _deeper_than(value, _SHALLOW):
        return json.loads(json.dumps(value))
    root: list[Any] = [None]
    # (source container, target container, key in target's parent, parent)
    stack: list[tuple[Any, Any]] = [(value, (root, 0))]
    while stack:
        item, (parent, key) = stack.pop()
        if isinstance(item, dict):
            new: Any = {}
            stack.extend((v, (new, k)) for k, v in item.items())
        elif isinstance(item, list):
            new = [None] * len(item)
            stack.extend((v, (new, i)) for i, v in enumerate(item))
        else:
            new = item
        parent[key] = new
    return root[0]


def dumps(value: Any, indent: int = 2) -> str:
    """JSON text of a value, laid out like `json.dumps(value, indent=2, ensure_ascii=False)`.

    A value too deep for the `json` module is written on one line instead: indenting it would
    make the text grow with the square of its depth.
    """
    if not _deeper_than(value, _SHALLOW):
        return json.dumps(value, indent=indent, ensure_ascii=False)
    out: list[str] = []
    # Work items: a value to write, or (literal=True) a string to emit as it is.
    stack: list[tuple[Any, bool]] = [(value, False)]
    while stack:
        item, literal = stack.pop()
        if literal:
            out.append(item)
        elif isinstance(item, dict) and item:
            out.append("{")
            stack.append(("}", True))
            entries = list(item.items())
            for i in range(len(entries) - 1, -1, -1):
                key, child = entries[i]
                stack.append((child, False))
                stack.append(((", " if i else "") + _SCALAR(str(key)) + ": ", True))
        elif isinstance(item, list) and item:
            out.append("[")
            stack.append(("]", True))
            for i in range(len(item) - 1, -1, -1):
                stack.append((item[i], False))
                if i:
                    stack.append((", ", True))
        else:
            out.append(_SCALAR(item))
    return "".join(out)

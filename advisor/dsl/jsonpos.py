"""A JSON reader that remembers where every value is.

Python's `json` module returns values without positions, and a recursive parser overflows the
stack on deeply nested input. This reader is iterative (an explicit stack of open containers)
and scans whole tokens with one regular expression, so the Python loop runs once per token,
not once per character.

It returns plain Python values (dict, list, str, int, float, bool, None) plus a table from the
JSON pointer of every value to its character span in the text. In console mode it also accepts
what OpenSearch Dashboards Dev Tools accepts in a body: `//`, `/* */` and `#` comments, and
triple-quoted strings (`\"\"\"...\"\"\"`, used for Painless scripts).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

Span = tuple[int, int]

_WS_STRICT = re.compile(r"[ \t\r\n]*")
_WS_CONSOLE = re.compile(r"(?:[ \t\r\n\ufeff]+|//[^\n]*|#[^\n]*|/\*.*?\*/)*", re.S)
_TOKEN = re.compile(
    r"([{}\[\]:,])"
    r'|"([^"\\\x00-\x1f]*(?:\\.[^"\\\x00-\x1f]*)*)"'
    r"|(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)(?![0-9A-Za-z_.])"
    r"|(true|false|null)(?![0-9A-Za-z_])"
)
_KEYWORDS: dict[str, Any] = {"true": True, "false": False, "null": None}


class JsonError(ValueError):
    """Invalid JSON; `offset` is the character where reading stopped."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True, slots=True)
class JsonDoc:
    """One JSON value with the span (inclusive character offsets) of each of its parts."""

    value: Any
    spans: dict[str, Span]
    start: int
    end: int

    def span(self, pointer: str) -> Span:
        """Span of the value at `pointer`, or of its closest ancestor that has one."""
        while True:
            found = self.spans.get(pointer)
            if found is not None:
                return found
            if not pointer:
                return (self.start, self.end)
            pointer = pointer.rsplit("/", 1)[0]


def escape_key(key: str) -> str:
    """A member name as a JSON pointer reference token (RFC 6901)."""
    if "~" in key or "/" in key:
        return key.replace("~", "~0").replace("/", "~1")
    return key


def skip_space(text: str, pos: int, console: bool = False) -> int:
    match = (_WS_CONSOLE if console else _WS_STRICT).match(text, pos)
    return match.end() if match else pos


def _string(raw: str, offset: int) -> str:
    if "\\" not in raw:
        return raw
    try:
        value: str = json.loads(f'"{raw}"')
    except ValueError:
        raise JsonError("invalid escape in string", offset) from None
    return value


def _describe(text: str, pos: int, end: int) -> str:
    if pos >= end:
        return "unexpected end of input"
    char = text[pos]
    if char == '"':
        return "unterminated string"
    return f"unexpected character {char!r}"


def parse(text: str, pos: int = 0, end: int | None = None, *, console: bool = False) -> JsonDoc:
    """Read one JSON value starting at `pos` (leading whitespace allowed); raises JsonError.

    Reading stops after the value; the caller decides what may follow (see `JsonDoc.end`).
    """
    stop = len(text) if end is None else end
    ws = _WS_CONSOLE if console else _WS_STRICT
    token = _TOKEN.match
    spans: dict[str, Span] = {}
    # Open containers: [container, pointer, start offset, pending key (objects only)].
    stack: list[list[Any]] = []
    pointer = ""
    pos = ws.match(text, pos).end()  # type: ignore[union-attr]
    first = pos
    expect_value = True
    while True:
        if pos >= stop:
            raise JsonError("unexpected end of input", min(pos, max(stop - 1, 0)))
        if expect_value:
            if console and text.startswith('"""', pos):
                close = text.find('"""', pos + 3, stop)
                if close < 0:
                    raise JsonError("unterminated triple-quoted string", pos)
                value: Any = text[pos + 3 : close]
                spans[pointer] = (pos, close + 2)
                pos = close + 3
            else:
                m = token(text, pos)
                if m is None or m.end() > stop:
                    raise JsonError(_describe(text, pos, stop), pos)
                kind = m.lastindex
                if kind == 1:
                    char = m.group(1)
                    if char == "{":
                        stack.append([{}, pointer, pos, None])
                        pos = ws.match(text, pos + 1).end()  # type: ignore[union-attr]
                        if pos < stop and text[pos] == "}":
                            frame = stack.pop()
                            value = frame[0]
                            spans[frame[1]] = (frame[2], pos)
                            pointer = frame[1]
                            pos += 1
                        else:
                            pos, pointer = _key(text, pos, stop, ws, stack)
                            continue
                    elif char == "[":
                        stack.append([[], pointer, pos, None])
                        pos = ws.match(text, pos + 1).end()  # type: ignore[union-attr]
                        if pos < stop and text[pos] == "]":
                            frame = stack.pop()
                            value = frame[0]
                            spans[frame[1]] = (frame[2], pos)
                            pointer = frame[1]
                            pos += 1
                        else:
                            pointer = pointer + "/0"
                            continue
                    else:
                        raise JsonError(f"unexpected {char!r}, expected a value", pos)
                elif kind == 2:
                    value = _string(m.group(2), pos)
                    spans[pointer] = (pos, m.end() - 1)
                    pos = m.end()
                elif kind == 3:
                    number = m.group(3)
                    is_float = "." in number or "e" in number or "E" in number
                    value = float(number) if is_float else int(number)
                    spans[pointer] = (pos, m.end() - 1)
                    pos = m.end()
                else:
                    value = _KEYWORDS[m.group(4)]
                    spans[pointer] = (pos, m.end() - 1)
                    pos = m.end()
            expect_value = False
            # A value is complete: attach it to its parent and close finished containers.
            while True:
                if not stack:
                    return JsonDoc(value, spans, first, pos - 1)
                frame = stack[-1]
                container = frame[0]
                if frame[3] is None:
                    container.append(value)
                else:
                    container[frame[3]] = value
                pos = ws.match(text, pos).end()  # type: ignore[union-attr]
                if pos >= stop:
                    raise JsonError("unexpected end of input", max(stop - 1, 0))
                char = text[pos]
                closer = "]" if frame[3] is None else "}"
                if char == ",":
                    pos = ws.match(text, pos + 1).end()  # type: ignore[union-attr]
                    if frame[3] is None:
                        pointer = f"{frame[1]}/{len(container)}"
                    else:
                        pos, pointer = _key(text, pos, stop, ws, stack)
                    expect_value = True
                    break
                if char != closer:
                    raise JsonError(f"expected ',' or {closer!r}", pos)
                stack.pop()
                spans[frame[1]] = (frame[2], pos)
                value = container
                pos += 1


def _key(
    text: str, pos: int, stop: int, ws: re.Pattern[str], stack: list[list[Any]]
) -> tuple[int, str]:
    """Read `"name" :` in the object on top of the stack; returns the position of the value."""
    m = _TOKEN.match(text, pos)
    if m is None or m.lastindex != 2 or m.end() > stop:
        raise JsonError("expected a member name in double quotes", pos)
    key = _string(m.group(2), pos)
    frame = stack[-1]
    frame[3] = key
    pos = ws.match(text, m.end()).end()  # type: ignore[union-attr]
    if pos >= stop or text[pos] != ":":
        raise JsonError("expected ':' after member name", min(pos, max(stop - 1, 0)))
    pos = ws.match(text, pos + 1).end()  # type: ignore[union-attr]
    return pos, f"{frame[1]}/{escape_key(key)}"

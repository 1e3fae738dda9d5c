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
from typing import Any

Span = tuple[int, int]
# Where a value sits: (id of the parent container, member name or array index).
SpanKey = tuple[int, str | int]
_ROOT: SpanKey = (0, "")

# Possessive and atomic: a run of blanks the next token then fails to follow is not tried again
# split in every other way (which made a file of blanks take exponential time).
_WS_STRICT = re.compile(r"[ \t\r\n]*+")
_WS_CONSOLE = re.compile(r"(?>(?:[ \t\r\n\ufeff]++|//[^\n]*+|#[^\n]*+|/\*.*?\*/)*)", re.S)
_VALUES = (
    r"(?:([{}\[\]:,])"
    r'|"((?:[^"\\\x00-\x1f]++|\\.)*+)"'
    r"|(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)(?![0-9A-Za-z_.])"
    r"|(true|false|null)(?![0-9A-Za-z_])"
)
# One match per token, leading whitespace (and, in console mode, comments) included, so the
# Python loop below runs once per token. Groups: 1 triple-quoted string (console mode only; it
# never matches in strict mode), 2 punctuation, 3 string, 4 number, 5 true/false/null.
_TOKEN_STRICT = re.compile(_WS_STRICT.pattern + r"(?:(?!)()|" + _VALUES[3:] + ")")
_TOKEN_CONSOLE = re.compile(_WS_CONSOLE.pattern + r'(?:"""(.*?)"""|' + _VALUES[3:] + ")", re.S)
_KEYWORDS: dict[str, Any] = {"true": True, "false": False, "null": None}
# Python refuses to convert longer digit strings to int (and each conversion is quadratic).
MAX_DIGITS = 4300
# Nesting deeper than this is an error unless the caller allows more (see `parse`).
MAX_DEPTH = 50_000


class JsonError(ValueError):
    """Invalid JSON; `offset` is the character where reading stopped."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class JsonDoc:
    """One JSON value and where each of its parts is in the text.

    Positions may be found lazily: `read_value` decodes with the C `json` module and runs the
    position-keeping reader only when a span is first asked for (usually for a finding).
    """

    __slots__ = ("_console", "_spans", "_text", "_tree", "end", "start", "value")

    def __init__(
        self,
        value: Any,
        spans: dict[SpanKey, Span] | None,
        start: int,
        end: int,
        text: str = "",
        console: bool = False,
    ) -> None:
        self.value = value
        self.start = start
        self.end = end
        self._spans = spans
        # The tree whose containers the span keys name (the value itself when read eagerly).
        self._tree = value if spans is not None else None
        self._text = text
        self._console = console

    @property
    def spans(self) -> dict[SpanKey, Span]:
        if self._spans is None:
            doc = parse(self._text, self.start, self.end + 1, console=self._console)
            self._tree = doc.value
            self._spans = doc.spans
        return self._spans

    def span(self, pointer: str) -> Span:
        """Span of the value at `pointer`, or of its closest ancestor that has one."""
        return self._span(pointer)[0]

    def exact_span(self, pointer: str) -> Span | None:
        """Span of the value at `pointer` itself, or None when it has none."""
        best, exact = self._span(pointer)
        return best if exact else None

    def _span(self, pointer: str) -> tuple[Span, bool]:
        best = (self.start, self.end)
        if not pointer:
            return best, True
        spans = self.spans
        node = self._tree
        for token in pointer.split("/")[1:]:
            name = token.replace("~1", "/").replace("~0", "~")
            key: str | int
            if isinstance(node, list) and name.isdigit() and int(name) < len(node):
                key = int(name)
            elif isinstance(node, dict) and name in node:
                key = name
            else:
                return best, False
            found = spans.get((id(node), key))
            if found is None:
                return best, False
            best = found
            node = node[key]  # type: ignore[index]
        return best, True


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


_DECODER = json.JSONDecoder(parse_constant=_no_constants)


def read_value(
    text: str,
    pos: int = 0,
    end: int | None = None,
    *,
    console: bool = False,
    max_depth: int = MAX_DEPTH,
) -> JsonDoc:
    """Like `parse`, but decodes with the C `json` module first and finds spans on demand.

    Input the fast path refuses (comments, triple quotes, errors, nesting deeper than the C
    decoder's recursion limit) goes through `parse`, which raises JsonError with the position.
    """
    stop = len(text) if end is None else end
    start = skip_space(text, pos, console)
    # Only the part that may hold the value is handed to the C decoder: its error message
    # counts the lines before the error, which over the whole text for each of thousands of
    # NDJSON lines was quadratic.
    piece = text if stop >= len(text) and start < 4096 else text[start:stop]
    base = 0 if piece is text else start
    try:
        value, after = _DECODER.raw_decode(piece, start - base)
        after += base
    except (ValueError, RecursionError):
        # Outside the handler, so that a JsonError does not carry the decoder's error (and
        # its copy of the text) as its context.
        after = -1
    if after < 0:
        return parse(text, pos, end, console=console, max_depth=max_depth)
    if after > stop or (max_depth < _C_DEPTH and depth_exceeds(value, max_depth)):
        return parse(text, pos, end, console=console, max_depth=max_depth)
    return JsonDoc(value, None, start, after - 1, text, console)


# The C decoder gives up (RecursionError) well before this depth.
_C_DEPTH = 3000


def depth_exceeds(value: Any, limit: int) -> bool:
    """Whether containers in a decoded value nest deeper than `limit` (no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((v, depth + 1) for v in children if isinstance(v, dict | list))
    return False


def count_values(value: Any, limit: int) -> int:
    """How many JSON values `value` holds (itself included), counting stops past `limit`."""
    count = 0
    stack: list[Any] = [value]
    while stack and count <= limit:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count + len(stack) if count > limit else count


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


def _token_start(m: re.Match[str]) -> int:
    group = m.lastindex or 0
    return m.start(group) - (1 if group == 3 else 3 if group == 1 else 0)


# Parser states: what the next token may be.
_VALUE, _VALUE_OR_CLOSE, _KEY_OR_CLOSE, _KEY, _COLON, _AFTER = range(6)


def parse(
    text: str,
    pos: int = 0,
    end: int | None = None,
    *,
    console: bool = False,
    max_depth: int = MAX_DEPTH,
) -> JsonDoc:
    """Read one JSON value starting at `pos` (leading whitespace allowed); raises JsonError.

    Reading stops after the value; the caller decides what may follow (see `JsonDoc.end`).
    Containers nested deeper than `max_depth` and integers longer than MAX_DIGITS digits are
    errors. Each token is matched where the previous one ended, never searched for, so the
    time is linear in the text read.
    """
    stop = len(text) if end is None else end
    token = (_TOKEN_CONSOLE if console else _TOKEN_STRICT).match
    spans: dict[SpanKey, Span] = {}
    # Open containers: [container, its own key, start offset, pending member name, is a list].
    # A value's key is (id of its parent container, member name or index): no pointer text is
    # built, so a body nested 10,000 deep costs linear, not quadratic, memory.
    stack: list[list[Any]] = []
    ident: SpanKey = _ROOT
    state = _VALUE
    expected = pos
    first = -1
    value: Any = None
    while True:
        m = token(text, expected, stop)
        if m is None:
            break
        expected = m.end()
        group = m.lastindex
        if group == 2:
            char = m.group(2)
            at = m.start(2)
            if state == _AFTER:
                frame = stack[-1]
                if char == ",":
                    if frame[4]:
                        ident = (id(frame[0]), len(frame[0]))
                        state = _VALUE
                    else:
                        state = _KEY
                    continue
                if char != ("]" if frame[4] else "}"):
                    raise JsonError("expected ',' or " + ("']'" if frame[4] else "'}'"), at)
            elif state == _COLON:
                if char != ":":
                    raise JsonError("expected ':' after member name", at)
                frame = stack[-1]
                ident = (id(frame[0]), frame[3])
                state = _VALUE
                continue
            elif (state == _KEY_OR_CLOSE and char == "}") or (
                state == _VALUE_OR_CLOSE and char == "]"
            ):
                pass
            elif state in (_KEY, _KEY_OR_CLOSE):
                raise JsonError("expected a member name in double quotes", at)
            elif char == "{" or char == "[":
                if first < 0:
                    first = at
                if state == _VALUE_OR_CLOSE:
                    ident = (id(stack[-1][0]), 0)
                if len(stack) >= max_depth:
                    raise JsonError(f"nested deeper than {max_depth} levels", at)
                is_list = char == "["
                stack.append([[] if is_list else {}, ident, at, None, is_list])
                state = _VALUE_OR_CLOSE if is_list else _KEY_OR_CLOSE
                continue
            else:
                raise JsonError(f"unexpected {char!r}, expected a value", at)
            # A closing bracket: the container is complete.
            frame = stack.pop()
            spans[frame[1]] = (frame[2], at)
            value = frame[0]
        elif state in (_KEY, _KEY_OR_CLOSE):
            if group != 3:
                raise JsonError("expected a member name in double quotes", _token_start(m))
            raw = m.group(3)
            stack[-1][3] = raw if "\\" not in raw else _string(raw, m.start(3) - 1)
            state = _COLON
            continue
        elif state == _COLON:
            raise JsonError("expected ':' after member name", _token_start(m))
        elif state == _AFTER:
            frame = stack[-1]
            closer = "']'" if frame[4] else "'}'"
            raise JsonError(f"expected ',' or {closer}", _token_start(m))
        else:
            if state == _VALUE_OR_CLOSE:
                ident = (id(stack[-1][0]), 0)
            if group == 3:
                raw = m.group(3)
                at = m.start(3) - 1
                value = raw if "\\" not in raw else _string(raw, at)
                spans[ident] = (at, m.end(3))
            elif group == 4:
                number = m.group(4)
                at = m.start(4)
                if "." in number or "e" in number or "E" in number:
                    value = float(number)
                elif len(number) > MAX_DIGITS:
                    raise JsonError(f"number has more than {MAX_DIGITS} digits", at)
                else:
                    value = int(number)
                spans[ident] = (at, m.end(4) - 1)
            elif group == 5:
                at = m.start(5)
                value = _KEYWORDS[m.group(5)]
                spans[ident] = (at, m.end(5) - 1)
            else:
                at = m.start(1) - 3
                value = m.group(1)
                spans[ident] = (at, m.end(1) + 2)
            if first < 0:
                first = at
        # A value is complete: attach it to its parent, or finish.
        if not stack:
            return JsonDoc(value, spans, first, m.end() - 1)
        frame = stack[-1]
        if frame[4]:
            frame[0].append(value)
        else:
            frame[0][frame[3]] = value
        state = _AFTER
    at = skip_space(text, expected, console)
    if at >= stop:
        raise JsonError("unexpected end of input", max(min(at, stop) - 1, 0))
    if console and text.startswith('"""', at):
        raise JsonError("unterminated triple-quoted string", at)
    raise JsonError(_describe(text, at, stop), at)


# OpenSearch reads whole numbers as 64-bit longs and others as doubles.
_LONG = 2**63


def out_of_range(value: Any) -> Any:
    """The first number in `value` OpenSearch could not read (a whole number past 64 bits, or
    a float that overflowed to infinity), or None."""
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, bool):
            continue
        if isinstance(item, int):
            if not -_LONG <= item < _LONG:
                return item
        elif isinstance(item, float):
            if item != item or item in (float("inf"), float("-inf")):
                return item
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None

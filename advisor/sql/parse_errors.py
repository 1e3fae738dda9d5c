"""Parse errors in SQL terms.

sqlglot describes a failure in its own vocabulary: the expression class whose argument is
missing (`Required keyword: 'this' missing for <class 'sqlglot...Where'>`) or the repr of a
token (`<Token token_type: TokenType.WHERE, text: where, ...>`). A user reads SQL, so each
description is turned into what was expected and what was found instead; the line and column
are those of the finding.
"""

from __future__ import annotations

import re

_REQUIRED = re.compile(r"Required keyword: '(\w+)' missing for <class '(?:[\w.]*\.)?(\w+)'>")
_TOKEN = re.compile(
    r"<Token token_type: TokenType\.(\w+), text: (.*?), line: \d+, col: \d+, "
    r"start: \d+, end: \d+, comments: \[.*?\]>",
    re.DOTALL,
)
_CLASS = re.compile(r"<class '(?:[\w.]*\.)?(\w+)'>")
_EXPECTING = re.compile(r"^Expecting (\S+)$")
_EXPECTED_AFTER = re.compile(r"^Expected (\w+) after (\w+)$")

# Clauses whose missing argument is the thing after their keyword.
_AFTER_CLAUSE = {
    "Where": ("a condition", "WHERE"),
    "Having": ("a condition", "HAVING"),
    "Qualify": ("a condition", "QUALIFY"),
    "Order": ("an expression", "ORDER BY"),
    "Group": ("an expression", "GROUP BY"),
    "Limit": ("a number", "LIMIT"),
    "Offset": ("a number", "OFFSET"),
    "Fetch": ("a number", "FETCH"),
    "Union": ("a query", "UNION"),
    "Intersect": ("a query", "INTERSECT"),
    "Except": ("a query", "EXCEPT"),
    "And": ("a condition", "AND"),
    "Or": ("a condition", "OR"),
    "Not": ("a condition", "NOT"),
    "Join": ("a table", "JOIN"),
    "From": ("a table", "FROM"),
    "Into": ("a table", "INTO"),
    "Cast": ("a type", "AS in CAST"),
    "TryCast": ("a type", "AS in CAST"),
    "Distinct": ("an expression", "DISTINCT"),
    "Exists": ("a query", "EXISTS"),
    "Alias": ("a name", "AS"),
}

# Operators, by the expression class of their node.
_OPERATORS = {
    "Add": "+",
    "Sub": "-",
    "Mul": "*",
    "Div": "/",
    "Mod": "%",
    "DPipe": "||",
    "EQ": "=",
    "NEQ": "<>",
    "GT": ">",
    "GTE": ">=",
    "LT": "<",
    "LTE": "<=",
    "Like": "LIKE",
    "ILike": "ILIKE",
    "SimilarTo": "SIMILAR TO",
    "Is": "IS",
    "In": "IN",
    "BitwiseAnd": "&",
    "BitwiseOr": "|",
    "BitwiseXor": "^",
    "Dot": ".",
}

# Expected things of sqlglot's "Expected X" messages, in words.
_THINGS = {"TYPE": "a type", "table name": "a table name"}


def where(text: str, offset: int | None) -> int | None:
    """Where to point: the start of the token the parser stopped at, or, when that is the
    statement's last token, just past it (where the missing part belongs)."""
    if offset is None or not text:
        return offset
    start, end = _token_span(text, offset)
    if not text[end:].strip().rstrip(";").strip():
        return min(end, len(text) - 1) if text[end : end + 1] not in ("", "\n") else end - 1
    return start


def plain(description: str, text: str, offset: int | None) -> str:
    """The parse error `description` of statement `text` (failing at `offset`) in SQL terms."""
    found = _found(text, offset)
    required = _REQUIRED.search(description)
    if required is not None:
        return f"{_missing(required.group(2), required.group(1))}, found {found}"
    token = _TOKEN.search(description)
    if token is not None:
        head = description[: token.start()].strip()
        head = re.sub(r"\s*but got$", "", head)
        return f"{_expected_words(head)}, found {_token_words(token.group(1), token.group(2))}"
    expecting = _EXPECTING.match(description.strip())
    if expecting is not None:
        return f"expected `{expecting.group(1)}`, found {found}"
    after = _EXPECTED_AFTER.match(description.strip())
    if after is not None:
        word = after.group(1)
        thing = _THINGS.get(word, word if word.isupper() else word.lower())
        return f"expected {thing} after {after.group(2).upper()}, found {found}"
    if description.startswith("Invalid expression / Unexpected token"):
        return (
            f"unexpected {_here(text, offset)}: a misspelt keyword, or a missing comma or operator?"
        )
    if description.startswith("Failed to parse any statement following CTE"):
        return f"expected a statement (SELECT, INSERT, ...) after the WITH clause, found {found}"
    # Any other message: keep its words, never a class or token repr.
    cleaned = _CLASS.sub(lambda m: _words(m.group(1)), description)
    cleaned = _TOKEN.sub(lambda m: _token_words(m.group(1), m.group(2)), cleaned).strip()
    expected = re.match(r"Expect(?:ed|ing) (.+)$", cleaned, flags=re.DOTALL)
    if expected is not None and " got " not in cleaned and "found" not in cleaned:
        return f"expected {expected.group(1)}, found {found}"
    return cleaned[:1].lower() + cleaned[1:] if cleaned[1:2].islower() else cleaned


def _missing(cls: str, arg: str) -> str:
    if cls in _AFTER_CLAUSE:
        thing, keyword = _AFTER_CLAUSE[cls]
        return f"expected {thing} after {keyword}"
    if cls in _OPERATORS:
        side = "before" if arg == "this" else "after"
        return f"expected an operand {side} `{_OPERATORS[cls]}`"
    if cls == "Between":
        return "expected `low AND high` after BETWEEN"
    if cls == "If":
        return "expected a value after THEN" if arg == "true" else "expected a condition after WHEN"
    if cls == "Case":
        return "expected WHEN ... THEN ... in CASE"
    if cls == "Table":
        return "expected a table name"
    if cls == "Column":
        return "expected a column name"
    return f"incomplete {_words(cls)} (its {arg} is missing)"


def _expected_words(head: str) -> str:
    """`Expected table name` -> `expected a table name`."""
    match = re.match(r"Expected (.+)$", head)
    if match is None:
        return head[:1].lower() + head[1:] if head else "unexpected input"
    thing = match.group(1)
    return f"expected {_THINGS.get(thing, thing)}"


def _token_words(kind: str, text: str) -> str:
    if kind == "SENTINEL":
        return "the end of the statement"
    if kind in ("STRING", "NATIONAL_STRING"):
        return f"the string '{text}'"
    if kind == "NUMBER":
        return f"the number {text}"
    if kind in ("VAR", "IDENTIFIER"):
        return f"`{text}`"
    return f"`{text.upper() if text.isalpha() else text}`"


def _found(text: str, offset: int | None) -> str:
    """The token the parser stopped at (sqlglot points at its end); the last token of the
    statement means the parser ran out of statement."""
    if offset is None or not text:
        return "something else"
    start, end = _token_span(text, offset)
    if not text[end:].strip().rstrip(";").strip():
        return "the end of the statement"
    shown = text[start:end].strip() or text[min(max(offset, 0), len(text) - 1)]
    return f"`{shown.upper() if _is_keyword(shown) else shown}`"


def _token_span(text: str, offset: int) -> tuple[int, int]:
    at = min(max(offset, 0), len(text) - 1)
    if not (text[at].isalnum() or text[at] == "_"):
        return at, at + 1
    start = at
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    end = at + 1
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    return start, end


def _here(text: str, offset: int | None) -> str:
    """The token at `offset`."""
    if offset is None or not text:
        return "input"
    start, end = _token_span(text, offset)
    word = text[start:end].strip()
    return f"`{word}`" if word else "input"


_KEYWORDS = frozenset(
    [
        "select",
        "from",
        "where",
        "group",
        "order",
        "by",
        "having",
        "limit",
        "offset",
        "join",
        "on",
        "and",
        "or",
        "not",
        "in",
        "is",
        "null",
        "as",
        "union",
        "intersect",
        "except",
        "with",
        "insert",
        "update",
        "delete",
        "into",
        "values",
        "set",
        "create",
        "table",
        "drop",
        "alter",
        "case",
        "when",
        "then",
        "else",
        "end",
        "between",
        "like",
        "distinct",
    ]
)


def _is_keyword(word: str) -> bool:
    return word.lower() in _KEYWORDS


def _words(cls: str) -> str:
    """`JSONExtract` -> `json extract`; `Where` -> `WHERE`."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", cls)
    return spaced.upper() if " " not in spaced else spaced.lower()

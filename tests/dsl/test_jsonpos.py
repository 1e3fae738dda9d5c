"""The position-keeping JSON reader."""

from __future__ import annotations

import json

import pytest

from advisor.dsl.jsonpos import JsonError, parse
from advisor.model import SourceText


def test_values_match_the_json_module() -> None:
    text = '{"a": [1, -2.5e3, "x\\n\\u00e9", true, false, null], "b": {}, "c": []}'
    assert parse(text).value == json.loads(text)


def test_every_value_has_a_pointer_and_span() -> None:
    text = '{"query": {"term": {"status": "A"}}, "size": 10}'
    doc = parse(text)
    start, end = doc.span("/query/term/status")
    assert text[start : end + 1] == '"A"'
    start, end = doc.span("/query")
    assert text[start] == "{" and text[end] == "}"
    start, end = doc.span("/size")
    assert text[start : end + 1] == "10"
    assert doc.span("") == (0, len(text) - 1)
    # A pointer to nothing gives the closest existing ancestor.
    assert doc.span("/query/term/missing/x") == doc.span("/query/term")


def test_pointer_escapes_slash_and_tilde() -> None:
    text = '{"a/b": {"c~d": 1}}'
    start, end = parse(text).span("/a~1b/c~0d")
    assert text[start : end + 1] == "1"


def test_line_and_column_with_crlf() -> None:
    text = '{\r\n  "query": {\r\n    "match_all": {}\r\n  }\r\n}'
    doc = parse(text)
    source = SourceText.of("x.json", text)
    assert source.position(doc.span("/query/match_all")[0]) == (3, 18)


def test_ten_thousand_levels_do_not_overflow() -> None:
    depth = 10_000
    text = '{"a": ' * depth + "1" + "}" * depth
    doc = parse(text)
    value = doc.value
    for _ in range(depth):
        value = value["a"]
    assert value == 1
    assert len(doc.spans) == depth + 1


def test_deep_arrays() -> None:
    doc = parse("[" * 10_000 + "]" * 10_000)
    assert doc.end == 19_999


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ('{"a": 1 "b": 2}', 8),
        ('{"a": }', 6),
        ('{"a": [1, 2}', 11),
        ('{"a": "unterminated', 6),
        ("{'a': 1}", 1),
        ('{"a": 01}', 6),
        ('{"a": 1,}', 8),
        ('{"a": 1', 6),
    ],
)
def test_errors_carry_the_offset(text: str, offset: int) -> None:
    with pytest.raises(JsonError) as caught:
        parse(text)
    assert caught.value.offset == offset


def test_console_mode_allows_comments_and_triple_quotes() -> None:
    text = '{\n  // comment\n  "script": """doc["a"].value\n > 1""", # tail\n  "b": 2\n}'
    doc = parse(text, console=True)
    assert doc.value == {"script": 'doc["a"].value\n > 1', "b": 2}
    with pytest.raises(JsonError):
        parse(text)


def test_reads_one_value_from_an_offset() -> None:
    text = 'GET x\n{"a": 1}\n{"b": 2}'
    doc = parse(text, 6)
    assert doc.value == {"a": 1}
    assert parse(text, doc.end + 1).value == {"b": 2}

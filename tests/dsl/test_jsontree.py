"""Copying and writing JSON values at any depth."""

from __future__ import annotations

import json
from typing import Any

import pytest

from advisor.dsl import jsontree
from advisor.dsl.jsonpos import parse


@pytest.mark.parametrize(
    "value",
    [{"a": [1, 2.5, {"b": None, "c": "é\n"}], "d": {}, "e": [], "t": True}, [], {}, 5, [[[]]]],
)
def test_ordinary_values_match_the_json_module(value: Any) -> None:
    assert jsontree.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)
    copied = jsontree.deep_copy(value)
    assert copied == value


def test_deep_values_are_copied_and_written_on_one_line() -> None:
    value: Any = {"term": {"a": 1}}
    for _ in range(10_000):
        value = {"bool": {"must": [value]}}
    copied = jsontree.deep_copy(value)
    assert copied is not value
    text = jsontree.dumps(copied)
    assert "\n" not in text
    assert text.startswith('{"bool": {"must": [{"bool": ')
    assert jsontree.dumps(parse(text).value) == text == jsontree.dumps(value)

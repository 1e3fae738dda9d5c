"""Which query_string texts reach the default fields."""

from __future__ import annotations

import pytest

from advisor.dsl.querystring import has_unqualified_term


@pytest.mark.parametrize(
    "text",
    ["data_stream.dataset:nginx.access", "http.response.status_code:[300 TO 399]",
     "a:1 AND b:(x OR y)", 'title:"red shoes"', "NOT a:b", "_exists_:host", "a:{1 TO 5}",
     "a:>=10", "(a:1 OR b:2) AND c:3", '-a:b +c:"x y"', "*", "", "   "],
)  # fmt: skip
def test_every_term_named(text: str) -> None:
    assert not has_unqualified_term(text)


@pytest.mark.parametrize(
    "text",
    ["red shoes", "message: monkey jackal bear", "a:1 AND (b:2 OR c)", '"red shoes"',
     "foo\\:bar", "status:active OR error"],
)  # fmt: skip
def test_some_term_unnamed(text: str) -> None:
    assert has_unqualified_term(text)

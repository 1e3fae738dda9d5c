from __future__ import annotations

import pytest

from advisor.model import SourceText
from advisor.sql.split import split_statements


def pieces(text: str) -> list[str]:
    spans, error = split_statements(SourceText.of("t.sql", text))
    assert error is None
    return [text[s.start : s.end + 1] for s in spans]


def test_plain_statements_and_blank_tail() -> None:
    assert pieces("select 1; select 2;\n\n") == ["select 1", "select 2"]


def test_last_statement_without_semicolon() -> None:
    assert pieces("select 1;\nselect 2\n") == ["select 1", "select 2"]


def test_semicolons_inside_strings_identifiers_and_comments() -> None:
    text = "select 'a;b', \"c;d\" -- e;f\nfrom t /* g; /* nested; */ h; */ where x = 1; select 2"
    assert pieces(text) == [
        "select 'a;b', \"c;d\" -- e;f\nfrom t /* g; /* nested; */ h; */ where x = 1",
        "select 2",
    ]


def test_escaped_quotes() -> None:
    assert pieces("select 'it''s; ok', 'a\\'; b'; select 3") == [
        "select 'it''s; ok', 'a\\'; b'",
        "select 3",
    ]


def test_dollar_quoted_bodies_with_semicolons() -> None:
    body = "create procedure p() as $$ begin vacuum t; end; $$ language plpgsql"
    tagged = "create function f() returns int as $fn$ select 1; $$ still $fn$ language sql"
    assert pieces(f"{body};\n{tagged};") == [body, tagged]


def test_dollar_in_identifier_is_not_a_quote() -> None:
    assert pieces("select a$b$ from t; select 2") == ["select a$b$ from t", "select 2"]


def test_leading_comments_are_not_part_of_the_statement() -> None:
    assert pieces("-- header\n/* block */\n  select 1;") == ["select 1"]


def test_crlf_and_bom_positions() -> None:
    text = "\ufeffselect 1;\r\n\r\n  select\r\n  2;"
    source = SourceText.of("t.sql", text)
    spans, _ = split_statements(source)
    assert [source.position(s.start) for s in spans] == [(1, 2), (3, 3)]
    assert source.location(spans[1].start, spans[1].end).end_line == 4


def test_unterminated_string_reports_offset() -> None:
    text = "select 1;\nselect 'oops"
    spans, error = split_statements(SourceText.of("t.sql", text))
    assert error is not None and "unterminated string" in str(error)
    assert error.offset == text.index("'")
    assert len(spans) == 2


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("select * from t -- noqa\n;", None),
        ("select * from t; -- noqa: RS-Q01", frozenset({"RS-Q01"})),
        ("select *\n-- noqa: rs-q01, RS-D02\nfrom t;", frozenset({"RS-Q01", "RS-D02"})),
    ],
)
def test_noqa_is_attached_to_its_statement(text: str, codes: frozenset[str] | None) -> None:
    spans, _ = split_statements(SourceText.of("t.sql", text + "\nselect 2;"))
    assert [s.rules for s in spans[0].suppressions] == [codes]
    assert spans[1].suppressions == ()

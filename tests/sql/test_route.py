"""The composed parser: on the fast path sqlglot's own Redshift dialect gives our trees."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from sqlglot.dialects.redshift import Redshift
from sqlglot.errors import ParseError
from sqlglot.parsers.redshift import RedshiftParser

try:
    from advisor.sql import dialect
    from advisor.sql.redshift.parser import AdvisorParser
    from advisor.sql.redshift.tokenizer import AdvisorTokenizer
except ImportError as error:  # compiled sqlglot (sqlglotc): the dialect cannot be built
    pytest.skip(str(error), allow_module_level=True)

from advisor.model import SourceText
from advisor.sql import route
from advisor.sql.parse import parse_source

TESTS = Path(__file__).parents[1]
SHARED = TESTS.parents[1] / "shared" / "corpora"


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT 1",
        "  -- report\n/* c */ (SELECT a FROM t) UNION (SELECT b FROM u)",
        "with x as (select 1) select * from x",
        "INSERT INTO t SELECT * FROM u",
        "update t set a = 1",
        "DELETE FROM t WHERE a < 2",
        "DROP TABLE IF EXISTS s.t",
        "COMMIT",
        "GRANT SELECT ON t TO u",
        "SELECT vacuumed, call_id, $unload FROM t",
    ],
)
def test_fast_path(sql: str) -> None:
    assert route.fast_path(sql)


@pytest.mark.parametrize(
    "sql",
    [
        "CREATE TABLE t (a INT ENCODE az64) DISTKEY(a)",
        "ALTER TABLE t ALTER ENCODE AUTO",
        "VACUUM t",
        "UNLOAD ('select 1') TO 's3://b/'",
        "COPY t FROM 's3://b/' IAM_ROLE 'r'",
        "BEGIN",
        "DROP FUNCTION f(int)",
        "DROP PROCEDURE p(varchar)",
        "SELECT * FROM t WHERE refresh = 1",
        "INSERT INTO t SELECT 'x' FROM u; CALL p()",
        "select * from t where call = 1",
        "-- only a comment",
        "",
    ],
)
def test_slow_path(sql: str) -> None:
    assert not route.fast_path(sql)


def test_errors_are_the_dialects() -> None:
    for sql in ("SELECT a FROM t WHERE (a = 1", "SELECT 1; SELECT 2", "SELECT 'oops FROM t"):
        with pytest.raises(ParseError) as ours:
            dialect.parse_one(sql)
        with pytest.raises(ParseError) as routed:
            route.parse_one(sql)
        assert str(routed.value) == str(ours.value)


def test_router_knows_every_retokenized_word() -> None:
    # A word our tokenizer reads differently from sqlglot's must keep statements that hold it
    # off the fast path.
    ours, stock = AdvisorTokenizer.KEYWORDS, Redshift.Tokenizer.KEYWORDS
    differ = {k for k in {*ours, *stock} if ours.get(k) != stock.get(k)}
    assert differ <= route.RETOKENIZED


# What AdvisorParser changes from sqlglot's Redshift parser, and why none of it can touch a
# fast-path statement. Adding an override means deciding whether the fast path must change.
_PARSER_ADDITIONS = {
    # Keys looked up only while reading CREATE / ALTER (properties, column constraints).
    "PROPERTY_PARSERS": "create",
    "CONSTRAINT_PARSERS": "create",
    "ALTER_PARSERS": "alter",
    "ALTER_ALTER_PARSERS": "alter",
    # Statement words (VACUUM, COPY, BEGIN ...): none is a fast-path lead.
    "_parse_statement": "leading word",
    "_parse_create": "create",
    "_parse_alter": "alter",
    "_parse_alter_table_alter": "alter",
    # Signatures of CREATE / DROP / ALTER FUNCTION and PROCEDURE only.
    "_in_signature": "signature",
    "_parse_user_defined_function": "signature",
    "_parse_table_alias": "signature",
    "_parse_function_parameter": "signature",
    # Catalog type names: a statement naming one is routed to our dialect (CATALOG_TYPE_WORDS).
    "_parse_types": "catalog types",
}


def test_router_knows_every_parser_addition() -> None:
    added = {
        name
        for name, value in vars(AdvisorParser).items()
        if not name.startswith("__") and getattr(RedshiftParser, name, None) is not value
    }
    assert added == set(_PARSER_ADDITIONS), (
        "AdvisorParser changed: check that advisor.sql.route.fast_path still sends only "
        "statements it cannot affect to sqlglot's dialect, then update this list"
    )
    for table in ("PROPERTY_PARSERS", "CONSTRAINT_PARSERS"):
        ours, stock = getattr(AdvisorParser, table), getattr(RedshiftParser, table)
        changed = {k for k in ours if ours[k] is not stock.get(k)}
        assert not changed & route.FAST_LEADS


def _statements(text: str) -> Iterator[str]:
    source = SourceText.of("x.sql", text)
    for stmt in parse_source(source, lambda _: None, "redshift").statements:  # type: ignore[arg-type, return-value]
        yield stmt.text


def _rule_cases() -> Iterator[str]:
    for path in sorted((TESTS / "rules" / "cases").glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")).get("cases") or []:
            for key in ("fail", "pass"):
                if isinstance(case.get(key), str):
                    yield from _statements(case[key])


def _sql_files(root: Path) -> Iterator[str]:
    for path in sorted(root.rglob("*.sql")):
        yield from _statements(path.read_text(encoding="utf-8", errors="replace"))


def _test_literals() -> Iterator[str]:
    # Every string constant of the test suite that could be a statement (the dialect's own
    # tests included): new dialect cases are checked against the router as they are written.
    for path in sorted(TESTS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield node.value


def _check_same_trees(texts: Iterator[str]) -> int:
    compared = 0
    for sql in texts:
        if not route.fast_path(sql):
            continue
        try:
            ours = dialect.parse_one(sql)
        except ParseError:
            with pytest.raises(ParseError):
                route.parse_one(sql)
            continue
        assert route.parse_one(sql).dump() == ours.dump(), sql
        compared += 1
    return compared


def test_same_trees_on_rule_cases() -> None:
    assert _check_same_trees(_rule_cases()) > 150


def test_same_trees_on_the_real_code_corpus() -> None:
    assert _check_same_trees(_sql_files(TESTS / "corpus")) > 500


def test_same_trees_on_test_literals() -> None:
    assert _check_same_trees(_test_literals()) > 100


@pytest.mark.parametrize("name", ["redshift", "postgres"])
def test_same_trees_on_shared_corpora(name: str) -> None:
    root = SHARED / "sqlfluff" / name
    if not root.is_dir():
        pytest.skip(f"shared corpus not found at {root}")
    assert _check_same_trees(_sql_files(root)) > 50


def test_catalog_types_only_our_parser_reads_are_routed_to_it() -> None:
    from advisor.sql.redshift.parser import CATALOG_TYPES
    from advisor.sql.route import CATALOG_TYPE_WORDS, fast_path

    assert CATALOG_TYPES == CATALOG_TYPE_WORDS
    assert not fast_path("SELECT relacl::aclitem[] FROM pg_class")
    assert fast_path("SELECT relname FROM pg_class")

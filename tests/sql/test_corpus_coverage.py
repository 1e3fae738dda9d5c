"""Typed-parse coverage of SQLFluff's Redshift test inputs (when the corpus is present)."""

from __future__ import annotations

from pathlib import Path

import pytest

try:
    from advisor.sql.coverage import classify, measure, split_statements, tuning_relevant
except ImportError as error:  # compiled sqlglot (sqlglotc): the dialect cannot be built
    pytest.skip(str(error), allow_module_level=True)

CORPUS = Path(__file__).parents[2] / ".." / "shared" / "corpora" / "sqlfluff" / "redshift"


def test_corpus_coverage() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"SQLFluff Redshift corpus not found at {CORPUS}")
    # Any exception but ParseError escaping a statement fails the test here.
    coverage = measure(CORPUS)
    assert coverage.total > 500
    assert coverage.tuning_share >= 0.95, coverage.failures


def test_split_statements() -> None:
    text = "select ';'; -- a;b\n create procedure p() as $$ a; b $$ language plpgsql; /* ; */"
    assert split_statements(text) == [
        "select ';'",
        "-- a;b\n create procedure p() as $$ a; b $$ language plpgsql",
    ]


def test_classify() -> None:
    from advisor.sql.dialect import parse_one

    assert classify(parse_one("VACUUM")) == "maintenance"
    assert classify(parse_one("COPY t FROM 's3://x' IAM_ROLE 'r'")) == "load_unload"
    assert classify(parse_one("ALTER TABLE t ALTER ENCODE AUTO")) == "alter_table"
    assert classify(parse_one("CREATE TABLE t (a INT)")) == "table_ddl"
    assert classify(parse_one("SELECT 1")) == "query"
    assert classify(None) == "other"
    assert tuning_relevant("dml")
    assert not tuning_relevant("other")

"""The Athena parse entry point: tree shapes the external-table rules read, and its errors."""

from __future__ import annotations

import logging

import pytest
from sqlglot import exp
from sqlglot.errors import ParseError

from advisor.engine import parser_for
from advisor.sql import athena


def test_engine_uses_the_athena_parser_for_athena() -> None:
    assert parser_for("athena") is athena.parse_one
    assert parser_for("redshift") is not athena.parse_one


def test_external_table_shapes() -> None:
    tree = athena.parse_one(
        "CREATE EXTERNAL TABLE `lake`.`clicks` (ts TIMESTAMP, url STRING) "
        "PARTITIONED BY (dt STRING) STORED AS PARQUET LOCATION 's3://lake/clicks/' "
        "TBLPROPERTIES ('numRows'='10')"
    )
    assert isinstance(tree, exp.Create)
    kinds = {type(p) for p in tree.args["properties"].expressions}
    assert {exp.ExternalProperty, exp.PartitionedByProperty, exp.FileFormatProperty} <= kinds
    # TBLPROPERTIES entries are plain properties, not Redshift's TABLE PROPERTIES node.
    assert exp.Property in kinds


def test_ctas_with_clause_shapes() -> None:
    tree = athena.parse_one(
        "CREATE TABLE lake.daily WITH (format = 'PARQUET', partitioned_by = ARRAY['dt']) "
        "AS SELECT region, dt FROM lake.clicks"
    )
    props = tree.args["properties"].expressions
    assert isinstance(props[0], exp.FileFormatProperty)
    assert isinstance(props[1], exp.PartitionedByProperty)
    assert isinstance(tree.args["expression"], exp.Select)


def test_msck_repair_is_kept_quietly(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="sqlglot"):
        tree = athena.parse_one("MSCK REPAIR TABLE lake.clicks")
    assert isinstance(tree, exp.Command)
    assert not caplog.records


@pytest.mark.parametrize("sql", ["CREATE TABLE (", "SELECT 1; SELECT 2", ""])
def test_bad_input_raises_parse_error(sql: str) -> None:
    with pytest.raises(ParseError):
        athena.parse_one(sql)


def test_a_prepared_query_is_a_statement_of_its_own() -> None:
    from advisor.model import SourceText
    from advisor.sql.parse import parse_source

    text = (
        "PREPARE by_day FROM\nSELECT * FROM lake.clicks WHERE dt = ?;\n"
        "EXECUTE by_day USING '2024-05-01';\nDEALLOCATE PREPARE by_day;\n"
    )
    parsed = parse_source(SourceText.of("q.sql", text), athena.parse_one, "athena")
    prepare, execute, deallocate = parsed.statements
    assert all(s.error is None for s in parsed.statements)
    (inner,) = prepare.body
    assert isinstance(inner.tree, exp.Select)
    assert inner.text.startswith("SELECT * FROM lake.clicks") and inner.location.line == 2
    assert not execute.body and not deallocate.body


def test_prepare_outside_athena_and_without_a_query_is_left_alone() -> None:
    assert athena.prepared_query_offset("PREPARE x FROM ") is None
    assert athena.prepared_query_offset("SELECT 1") is None
    assert athena.prepared_query_offset('prepare "q" from select 1') == 17

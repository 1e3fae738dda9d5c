"""The whole-file indexes ScriptContext builds once for the cross-statement query rules."""

from __future__ import annotations

from advisor.model import SourceText
from advisor.sql.catalog import catalog_from_statements
from advisor.sql.context import ScriptContext
from advisor.sql.dialect import parse_one
from advisor.sql.parse import parse_source

SCRIPT = """
CREATE TEMP TABLE "Stage"."Orders" (id BIGINT);
COPY stage.orders FROM 's3://b/a/' IAM_ROLE 'r';
COPY stage.orders FROM 's3://b/b/' IAM_ROLE 'r';
INSERT INTO ops.log VALUES (1);
INSERT INTO ops.log VALUES (2);
INSERT INTO ops.log VALUES (3);
INSERT INTO ops.log (a) VALUES (4);
ANALYZE stage.orders;
ANALYZE;
CREATE EXTERNAL SCHEMA App FROM POSTGRES DATABASE 'app' URI 'h' IAM_ROLE 'r' SECRET_ARN 's';
"""


def _script() -> ScriptContext:
    parsed = parse_source(SourceText.of("job.sql", SCRIPT), parse_one, "redshift")
    return ScriptContext.build(parsed.statements)


def test_load_copy_create_and_analyze_indexes() -> None:
    script = _script()
    assert script.created == {"stage.orders": 0}
    assert script.copies == {"stage.orders": [1, 2]}
    assert script.loads["ops.log"] == [3, 4, 5, 6]
    assert script.analyzes == {"stage.orders": [7]}
    assert script.analyze_all == [8]
    assert script.analyzed_after("stage.orders", 2)
    assert script.analyzed_after("ops.log", 6)  # the database-wide ANALYZE covers it
    assert not script.analyzed_after("ops.log", 8)


def test_single_row_insert_runs_stop_at_a_different_column_list() -> None:
    assert _script().insert_runs == {3: 3}


def test_catalog_records_external_schemas_by_lower_case_name() -> None:
    parsed = parse_source(SourceText.of("job.sql", SCRIPT), parse_one, "redshift")
    assert catalog_from_statements(parsed.statements).external_schemas == {"app": "POSTGRES"}

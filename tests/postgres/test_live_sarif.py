"""The SARIF of a live PostgreSQL run (`analyze --dsn`): valid SARIF 2.1.0 that code scanning
ingests, every result placed at its object (`system://postgres/schema.table`) or, with --ddl,
at the CREATE statement that defines it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sarif_checks import check

from advisor.cli import cli

pytestmark = pytest.mark.postgres


def test_live_postgres_sarif_is_valid_with_a_place_for_every_result(
    demo: str, tmp_path: Path
) -> None:
    ddl = tmp_path / "churn.sql"
    ddl.write_text("-- the churned orders\nCREATE TABLE shop.orders_churn (id int);\n", "utf-8")
    args = ["analyze", "--dsn", demo, "--schema", "shop", "--format", "sarif", "--ddl", str(ddl)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    log = json.loads(result.stdout)
    check(log)
    results = log["runs"][0]["results"]
    assert any(r["properties"].get("object") == "shop.orders_churn" for r in results)
    for one in results:
        (location,) = one["locations"]
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        obj = one["properties"].get("object") or ""
        if obj.startswith("shop.orders_churn"):
            assert uri == "file://" + ddl.as_posix(), uri
            assert location["physicalLocation"]["region"]["startLine"] == 2
        else:
            assert uri.startswith("system://postgres/"), uri

"""Helpers shared by the Redshift catalog rules: names, thresholds, fixes."""

from __future__ import annotations

from advisor.model import Evidence, Finding, Fix, RuleMeta
from advisor.model_redshift import RsTableStats
from advisor.sql.fixsql import Name, name
from advisor.sql.quoting import quote_qualified


def qualified(schema: str, table: str) -> str:
    """``schema.table`` as written in SQL, for text that shows a name."""
    return quote_qualified(schema, table)


def table_ref(table: RsTableStats) -> Name:
    """The table's name for a fix template's hole."""
    return name(table.schema, table.table)


def table_evidence(table: RsTableStats, **extra: float | str | None) -> Evidence:
    return Evidence.of(
        tbl_rows=table.tbl_rows,
        size_mb=table.size_mb,
        diststyle=table.diststyle,
        sortkey1=table.sortkey1,
        **extra,
    )


def table_finding(
    meta: RuleMeta, table: RsTableStats, message: str, evidence: Evidence, fix: Fix
) -> Finding:
    return meta.finding(
        message,
        None,
        object=table.qualified_name,
        evidence=evidence,
        fix=fix,
        anchor=table.qualified_name,
    )

"""Helpers shared by the Redshift catalog rules: names, thresholds, fixes."""

from __future__ import annotations

from advisor.model import Evidence, Finding, Fix, FixKind, FixSafety, RuleMeta
from advisor.model_redshift import RsTableStats
from rules.redshift.plan._plan import name


def qualified(schema: str, table: str) -> str:
    return f"{name(schema)}.{name(table)}"


def table_name(table: RsTableStats) -> str:
    return qualified(table.schema, table.table)


def sql_fix(title: str, content: str, safety: FixSafety = FixSafety.ADVISORY) -> Fix:
    return Fix(title, safety, FixKind.SQL, content)


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

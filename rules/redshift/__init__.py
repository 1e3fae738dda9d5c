"""Redshift rules: DDL, queries and utility statements (static), catalog, plans, workload."""

MODULES: tuple[str, ...] = (
    "rules.redshift.ddl.interleaved_monotonic_sortkey",
    "rules.redshift.query.select_star",
    "rules.redshift.query.vacuum_in_transaction",
)

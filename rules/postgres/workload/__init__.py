"""Rules on pg_stat_statements, the PostgreSQL workload history (rulebook PG-W)."""

MODULES: tuple[str, ...] = (
    "rules.postgres.workload.top_statements",
    "rules.postgres.workload.slow_few_rows",
    "rules.postgres.workload.spilling_statement",
    "rules.postgres.workload.disk_reading_statement",
)

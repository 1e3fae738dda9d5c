"""Rules on pg_catalog and pg_stat_* reads of a live PostgreSQL database (rulebook PG-C)."""

MODULES: tuple[str, ...] = (
    "rules.postgres.catalog.dead_rows",
    "rules.postgres.catalog.stale_statistics",
    "rules.postgres.catalog.never_analyzed",
    "rules.postgres.catalog.autovacuum_disabled",
    "rules.postgres.catalog.xid_wraparound_risk",
    "rules.postgres.catalog.seq_scan_heavy_table",
    "rules.postgres.catalog.unused_index",
    "rules.postgres.catalog.redundant_index",
    "rules.postgres.catalog.unindexed_foreign_key",
    "rules.postgres.catalog.missing_primary_key",
    "rules.postgres.catalog.bloated_table",
    "rules.postgres.catalog.low_cache_hit_ratio",
)

"""Rules on `EXPLAIN (FORMAT JSON)` plans of PostgreSQL statements (rulebook PG-P)."""

MODULES: tuple[str, ...] = (
    "rules.postgres.plan.filtering_seq_scan",
    "rules.postgres.plan.row_misestimate",
    "rules.postgres.plan.large_nested_loop",
    "rules.postgres.plan.disk_spill",
    "rules.postgres.plan.lossy_bitmap_scan",
    "rules.postgres.plan.index_only_heap_fetches",
    "rules.postgres.plan.function_on_indexed_column",
)

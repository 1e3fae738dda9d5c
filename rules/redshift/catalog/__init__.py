"""Rules on a live Redshift catalog: svv_table_info, stv_mv_info, recommendations, external
tables (rulebook 1C)."""

MODULES: tuple[str, ...] = (
    "rules.redshift.catalog.missing_table_statistics",
    "rules.redshift.catalog.stale_table_statistics",
    "rules.redshift.catalog.unsorted_table",
    "rules.redshift.catalog.unsorted_region_too_big",
    "rules.redshift.catalog.ghost_rows",
    "rules.redshift.catalog.row_skew",
    "rules.redshift.catalog.large_table_without_sortkey",
    "rules.redshift.catalog.small_table_with_sortkey",
    "rules.redshift.catalog.small_table_not_all",
    "rules.redshift.catalog.large_table_all",
    "rules.redshift.catalog.encoded_leading_sortkey",
    "rules.redshift.catalog.wide_varchar",
    "rules.redshift.catalog.interleaved_table",
    "rules.redshift.catalog.unapplied_recommendation",
    "rules.redshift.catalog.external_table_without_row_count",
    "rules.redshift.catalog.external_table_row_format",
    "rules.redshift.catalog.stale_materialized_view",
    "rules.redshift.catalog.full_recompute_materialized_view",
    "rules.redshift.catalog.broken_materialized_view",
    "rules.redshift.catalog.manual_wlm",
    "rules.redshift.catalog.too_many_wlm_slots",
    "rules.redshift.catalog.short_query_acceleration_off",
    "rules.redshift.catalog.missing_query_monitoring_rules",
    "rules.redshift.catalog.wlm_setup_smells",
)

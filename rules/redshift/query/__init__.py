"""Static rules on Redshift queries and utility statements (rulebook section 1B)."""

MODULES: tuple[str, ...] = (
    "rules.redshift.query.select_star",
    "rules.redshift.query.cartesian_join",
    "rules.redshift.query.inequality_join",
    "rules.redshift.query.function_on_filtered_column",
    "rules.redshift.query.expensive_match_operator",
    "rules.redshift.query.one_sided_join_filter",
    "rules.redshift.query.group_order_mismatch",
    "rules.redshift.query.repeated_conditional_aggregate",
    "rules.redshift.query.join_only_to_filter",
    "rules.redshift.query.large_result_to_client",
    "rules.redshift.query.single_row_inserts",
    "rules.redshift.query.delete_without_where",
    "rules.redshift.query.retention_purge_by_date",
    "rules.redshift.query.vacuum_in_transaction",
    "rules.redshift.query.invalid_vacuum_options",
    "rules.redshift.query.database_wide_maintenance",
    "rules.redshift.query.full_column_analyze",
)

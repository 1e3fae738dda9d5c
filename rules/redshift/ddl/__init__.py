"""Static rules on Redshift DDL (rulebook section 1A)."""

MODULES: tuple[str, ...] = (
    "rules.redshift.ddl.ato_opt_out",
    "rules.redshift.ddl.interleaved_monotonic_sortkey",
    "rules.redshift.ddl.single_column_interleaved",
    "rules.redshift.ddl.too_many_interleaved_columns",
    "rules.redshift.ddl.interleaved_sortkey",
    "rules.redshift.ddl.compressed_leading_sortkey",
    "rules.redshift.ddl.partial_encode_list",
    "rules.redshift.ddl.az64_unsupported_type",
    "rules.redshift.ddl.suboptimal_encoding",
    "rules.redshift.ddl.oversized_varchar",
    "rules.redshift.ddl.date_stored_as_text",
    "rules.redshift.ddl.date_distkey",
    "rules.redshift.ddl.diststyle_all_written_table",
    "rules.redshift.ddl.missing_key_constraints",
    "rules.redshift.ddl.ctas_without_keys",
    "rules.redshift.ddl.create_table_like",
    "rules.redshift.ddl.mv_full_refresh",
    "rules.redshift.ddl.invalid_mv_definition",
    "rules.redshift.ddl.mv_auto_refresh_not_allowed",
)

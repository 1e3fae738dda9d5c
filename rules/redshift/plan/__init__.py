"""Rules on Redshift EXPLAIN plans: plan text in a file, or plans read live (rulebook 1D)."""

MODULES: tuple[str, ...] = (
    "rules.redshift.plan.broadcast_inner_join",
    "rules.redshift.plan.redistribute_both_join",
    "rules.redshift.plan.redistribute_inner_join",
    "rules.redshift.plan.redistribute_outer_join",
    "rules.redshift.plan.serial_all_inner_join",
    "rules.redshift.plan.collocated_joins",
    "rules.redshift.plan.nested_loop_plan",
    "rules.redshift.plan.plan_missing_statistics",
    "rules.redshift.plan.hash_join_could_merge",
    "rules.redshift.plan.full_scan_large_table",
    "rules.redshift.plan.spectrum_filter_in_redshift",
    "rules.redshift.plan.spectrum_text_scan",
    "rules.redshift.plan.rls_hidden_plan",
    "rules.redshift.plan.two_phase_aggregation",
    "rules.redshift.plan.partitions_not_pruned",
)

"""Rules on Redshift query history: alerts, queues, Spectrum and federated scans (1E)."""

MODULES: tuple[str, ...] = (
    "rules.redshift.workload.missing_statistics_alert",
    "rules.redshift.workload.nested_loop_alert",
    "rules.redshift.workload.deleted_rows_scanned",
    "rules.redshift.workload.large_broadcast_alert",
    "rules.redshift.workload.serial_all_inner_alert",
    "rules.redshift.workload.selective_filter_alert",
    "rules.redshift.workload.disk_spill",
    "rules.redshift.workload.large_result_set",
    "rules.redshift.workload.scan_ghost_rows",
    "rules.redshift.workload.queue_wait",
    "rules.redshift.workload.statement_churn",
    "rules.redshift.workload.unpruned_spectrum_scan",
    "rules.redshift.workload.spectrum_small_files",
    "rules.redshift.workload.spectrum_returns_most",
    "rules.redshift.workload.heavy_federated_pull",
    "rules.redshift.workload.tuning_candidates",
    "rules.redshift.workload.distribution_key_design",
)

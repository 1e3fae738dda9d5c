"""OpenSearch profile and Query Insights rules (rulebook OS-P): live, run only when asked."""

MODULES: tuple[str, ...] = (
    "rules.opensearch.profile.dominant_clause",
    "rules.opensearch.profile.multi_term_expansion",
    "rules.opensearch.profile.expensive_node_type",
    "rules.opensearch.profile.setup_bound_query",
    "rules.opensearch.profile.two_phase_verification",
    "rules.opensearch.profile.low_selectivity_scoring",
    "rules.opensearch.profile.shard_skew",
    "rules.opensearch.profile.aggregation_bound",
    "rules.opensearch.profile.global_ordinals_at_query_time",
    "rules.opensearch.profile.collector_flags",
    "rules.opensearch.profile.slice_imbalance",
    "rules.opensearch.profile.fetch_bound",
    "rules.opensearch.profile.recurring_heavy_shape",
    "rules.opensearch.profile.resource_heavy_query",
    "rules.opensearch.profile.shard_fan_out",
)

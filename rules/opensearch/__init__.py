"""OpenSearch rules: request DSL (static), mapping-aware, profile and cluster."""

MODULES: tuple[str, ...] = ()

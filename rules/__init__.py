"""The rule base: one module per rule, grouped by family; see `rules.registry`."""

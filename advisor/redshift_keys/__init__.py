"""Redshift key design as a library: the workload's join graph, a greedy key recommendation,
the what-if score of a key change, and what AWS's own tuning has already decided.

RS-W30 (`rules/redshift/workload/distribution_key_design.py`) and `advisor whatif` both
build on this package; it reads only model objects (`advisor.model_redshift`) and the SQL
helpers, never a connection, a file or the terminal.

- `design`: join pairs and filter columns of the history, the join multigraph, `recommend`
  and `what_if`.
- `render`: the text `advisor whatif` prints for a `WhatIf`.
"""

from __future__ import annotations

from advisor.redshift_keys.design import (
    ALL,
    DEFAULT_SLICES,
    JoinEdge,
    KeyChoice,
    WhatIf,
    Workload,
    apply_choices,
    collocated,
    current_keys,
    join_graph,
    read_workload,
    recommend,
    rejected_columns,
    satisfied,
    what_if,
)

__all__ = [
    "ALL",
    "DEFAULT_SLICES",
    "JoinEdge",
    "KeyChoice",
    "WhatIf",
    "Workload",
    "apply_choices",
    "collocated",
    "current_keys",
    "join_graph",
    "read_workload",
    "recommend",
    "rejected_columns",
    "satisfied",
    "what_if",
]

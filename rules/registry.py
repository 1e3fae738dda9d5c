"""The explicit list of rule modules. A rule exists for the engine only once it is listed here."""

from __future__ import annotations

import importlib
from functools import cache

from advisor.model import Rule, RuleMeta

RULE_MODULES: tuple[str, ...] = (
    "rules.advisor.parse_error",
    "rules.advisor.unreadable_file",
    "rules.advisor.unused_noqa",
    "rules.redshift.ddl.interleaved_monotonic_sortkey",
    "rules.redshift.query.select_star",
    "rules.redshift.query.vacuum_in_transaction",
)


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, in id order."""
    rules = []
    for name in RULE_MODULES:
        module = importlib.import_module(name)
        meta = module.META
        if not isinstance(meta, RuleMeta):
            raise TypeError(f"{name}.META is not a RuleMeta")
        rules.append(Rule(meta=meta, doc=(module.__doc__ or "").strip(), check=module.check))
    return tuple(sorted(rules, key=lambda r: r.id))


def rule_by_id(rule_id: str) -> Rule | None:
    key = rule_id.strip().upper()
    return next((r for r in all_rules() if r.id == key), None)

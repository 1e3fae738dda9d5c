"""The explicit list of rule modules. A rule exists for the engine only once it is listed in its
family's `MODULES` tuple (each family package keeps its own list)."""

from __future__ import annotations

import importlib
from functools import cache

from advisor.model import Rule, RuleMeta
from rules import advisor as advisor_family
from rules import opensearch as opensearch_family
from rules import postgres as postgres_family
from rules import redshift as redshift_family

FAMILIES = {
    "advisor": advisor_family,
    "redshift": redshift_family,
    "opensearch": opensearch_family,
    "postgres": postgres_family,
}


def rule_modules() -> tuple[str, ...]:
    return tuple(name for family in FAMILIES.values() for name in family.MODULES)


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, in id order."""
    return tuple(sorted((r for name in FAMILIES for r in family_rules(name)), key=lambda r: r.id))


@cache
def family_rules(family: str) -> tuple[Rule, ...]:
    """The rules of one family or sub-family (`redshift`, `redshift.query`...), importing only
    those: a SQL-only lint need not pay for the live families' modules."""
    rules = []
    for name in importlib.import_module(f"rules.{family}").MODULES:
        module = importlib.import_module(name)
        meta = module.META
        if not isinstance(meta, RuleMeta):
            raise TypeError(f"{name}.META is not a RuleMeta")
        rules.append(Rule(meta=meta, doc=(module.__doc__ or "").strip(), check=module.check))
    return tuple(sorted(rules, key=lambda r: r.id))


def rule_by_id(rule_id: str) -> Rule | None:
    key = rule_id.strip().upper()
    return next((r for r in all_rules() if r.id == key), None)

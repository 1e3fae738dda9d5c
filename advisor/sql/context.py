"""What a SQL rule may know beyond its own statement: the script around it and the catalog."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from advisor.model import Catalog, SqlStatement


@dataclass(slots=True)
class ScriptContext:
    """Facts about a whole file, computed once before any rule runs.

    `transaction_depth[i]` is how many explicit transaction blocks (BEGIN/START TRANSACTION
    not yet closed by COMMIT/END/ROLLBACK) are open when statement i runs.
    """

    statements: list[SqlStatement]
    transaction_depth: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, statements: list[SqlStatement]) -> ScriptContext:
        depth = 0
        depths: list[int] = []
        for stmt in statements:
            tree = stmt.tree
            if isinstance(tree, exp.Commit | exp.Rollback):
                depth = 0
            depths.append(depth)
            if isinstance(tree, exp.Transaction):
                depth += 1
        return cls(statements, depths)

    def in_transaction(self, stmt: SqlStatement) -> bool:
        return self.transaction_depth[stmt.index] > 0 if self.transaction_depth else False

    def transaction_start(self, stmt: SqlStatement) -> SqlStatement | None:
        """The BEGIN that opened the block around `stmt`, if any."""
        if not self.in_transaction(stmt):
            return None
        for prior in reversed(self.statements[: stmt.index]):
            if isinstance(prior.tree, exp.Transaction):
                return prior
        return None


@dataclass(slots=True)
class RuleContext:
    """Handed to every SQL rule: the script, the project catalog and the rule's options."""

    script: ScriptContext
    catalog: Catalog
    options: Mapping[str, Any] = field(default_factory=dict)

    def option(self, name: str, default: Any) -> Any:
        return self.options.get(name, default)

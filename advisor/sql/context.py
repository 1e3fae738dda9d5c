"""What a SQL rule may know beyond its own statement: the script around it and the catalog."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlglot import exp

from advisor.model import Catalog, SqlStatement, TableInfo
from advisor.sql.catalog import table_info as declared_table


def table_key(table: exp.Expr | None) -> str | None:
    """Lower-case `schema.name` (or `name`) of a table reference, the key of the script indexes.

    Redshift folds unquoted names to lower case, and quoted ones too unless
    `enable_case_sensitive_identifier` is on, so keys are compared in lower case. A psql
    variable in the place of the name has no key.
    """
    if isinstance(table, exp.Schema):
        table = table.this
    if not isinstance(table, exp.Table) or not table.name:
        return None
    if isinstance(table.this, exp.Placeholder):
        return None  # a psql variable (`COPY :table_name ...`): which table is not known
    return f"{table.db}.{table.name}".lower() if table.db else table.name.lower()


def _load_target(tree: exp.Expr | None) -> str | None:
    """Target of a COPY or INSERT statement."""
    if isinstance(tree, exp.Copy | exp.Insert):
        return table_key(tree.this)
    return None


def _single_row_insert(tree: exp.Expr | None) -> str | None:
    """`target(columns)` of an `INSERT ... VALUES` with exactly one row, else None."""
    if not isinstance(tree, exp.Insert):
        return None
    values = tree.args.get("expression")
    if not isinstance(values, exp.Values) or len(values.expressions) != 1:
        return None
    key = table_key(tree.this)
    if key is None:
        return None
    target = tree.this
    columns = (
        ",".join(e.name.lower() for e in target.expressions)
        if isinstance(target, exp.Schema)
        else ""
    )
    return f"{key}({columns})"


def _as_declared(stmt: SqlStatement | None) -> TableInfo | None:
    if stmt is None or not isinstance(stmt.tree, exp.Create):
        return None
    declared = declared_table(stmt.tree)
    return None if declared is None else replace(declared, location=stmt.location)


def _has_columns(info: TableInfo, columns: frozenset[str]) -> bool:
    """Whether `info` declares every one of `columns` (lower case) as a column or partition
    key; a definition with no declared columns (a CTAS) does not say."""
    if not info.columns:
        return False
    declared = {c.name.lower() for c in info.columns} | {k.lower() for k in info.partition_keys}
    return columns <= declared


def _columns_read(table: exp.Table) -> frozenset[str]:
    """Columns the query around `table` reads from it: unqualified ones and those qualified by
    its alias or name, in the SELECT that lists it."""
    scope = table.parent_select or table.root()
    names = {table.alias_or_name.lower(), table.name.lower()}
    return frozenset(
        c.name.lower()
        for c in scope.find_all(exp.Column)
        if c.name and (not c.table or c.table.lower() in names)
    )


@dataclass(slots=True)
class ScriptContext:
    """Facts about a whole file, computed once before any rule runs.

    `transaction_depth[i]` is how many explicit transaction blocks (BEGIN/START TRANSACTION
    not yet closed by COMMIT/END/ROLLBACK) are open when statement i runs.
    """

    statements: list[SqlStatement]
    transaction_depth: list[int] = field(default_factory=list)
    # Indexes over the whole file, keyed by `table_key`; values are statement indices in order.
    copies: dict[str, list[int]] = field(default_factory=dict)
    loads: dict[str, list[int]] = field(default_factory=dict)
    analyzes: dict[str, list[int]] = field(default_factory=dict)
    created: dict[str, int] = field(default_factory=dict)
    # Every CREATE TABLE and DROP TABLE of each table, in file order (see `definition_at`).
    table_ddl: dict[str, list[int]] = field(default_factory=dict)
    # Statement index by the identity of the statement and of its tree (see `index_of`); a
    # tree shared by several statements (a parse cache gives equal texts one tree) is -1.
    positions: dict[int, int] = field(default_factory=dict)
    roots: dict[int, int] = field(default_factory=dict)
    # Indices of database-wide `ANALYZE;` statements (they refresh every table).
    analyze_all: list[int] = field(default_factory=list)
    # First statement index of each run of >= 2 consecutive single-row INSERTs into one
    # table (same column list) -> the run's length.
    insert_runs: dict[int, int] = field(default_factory=dict)

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
        script = cls(statements, depths)
        script._index()
        return script

    def _index(self) -> None:
        run_key: str | None = None
        run_start = 0
        for i, stmt in enumerate(self.statements):
            tree = stmt.tree
            self.positions[id(stmt)] = i
            if tree is not None:
                self.roots[id(tree)] = -1 if id(tree) in self.roots else i
            target = _load_target(tree)
            if target is not None:
                self.loads.setdefault(target, []).append(i)
                if isinstance(tree, exp.Copy):
                    self.copies.setdefault(target, []).append(i)
            elif isinstance(tree, exp.Analyze):
                tables = tree.args.get("tables") or []
                if not tables:
                    self.analyze_all.append(i)
                for table in tables:
                    key = table_key(table)
                    if key is not None:
                        self.analyzes.setdefault(key, []).append(i)
            elif (
                isinstance(tree, exp.Create) and str(tree.args.get("kind") or "").upper() == "TABLE"
            ):
                key = table_key(tree.this)
                if key is not None:
                    self.created.setdefault(key, i)
                    self.table_ddl.setdefault(key, []).append(i)
            elif isinstance(tree, exp.Drop) and str(tree.args.get("kind") or "").upper() == "TABLE":
                for dropped in tree.args.get("tables") or [tree.this]:
                    key = table_key(dropped)
                    if key is not None:
                        self.table_ddl.setdefault(key, []).append(i)
            single = _single_row_insert(tree)
            if single is None or single != run_key:
                if run_key is not None and i - run_start >= 2:
                    self.insert_runs[run_start] = i - run_start
                run_key, run_start = single, i
        if run_key is not None and len(self.statements) - run_start >= 2:
            self.insert_runs[run_start] = len(self.statements) - run_start

    def definition_at(
        self, info: TableInfo, index: int, columns: frozenset[str] = frozenset()
    ) -> TableInfo:
        """The definition of `info`'s table that statement `index` means.

        A file that declares a table more than once (a DROP and a new CREATE, or a second
        CREATE of a name that already exists) means, at each statement, the definition its
        earlier statements leave: a CREATE replaces the table only when none exists (or with
        OR REPLACE), since a plain CREATE of an existing table fails and IF NOT EXISTS skips
        it; a DROP removes it. With no definition of this file in effect there, `info` (the
        run's catalog entry) stands. One exception: when that definition lacks one of the
        `columns` the statement reads from the table and exactly one definition of the file
        has them all, the file is a set of alternatives and the statement was written for
        that one.
        """
        current: SqlStatement | None = None
        created: list[SqlStatement] = []
        for i in self.table_ddl.get(info.qualified_name.lower(), []):
            stmt = self.statements[i]
            if isinstance(stmt.tree, exp.Create):
                created.append(stmt)
            if i >= index:
                continue
            if isinstance(stmt.tree, exp.Drop):
                current = None
            elif isinstance(stmt.tree, exp.Create) and (
                current is None or stmt.tree.args.get("replace")
            ):
                current = stmt
        meant = _as_declared(current) or info
        if columns and not _has_columns(meant, columns):
            fitting = [d for d in map(_as_declared, created) if d and _has_columns(d, columns)]
            if len(fitting) == 1:
                return fitting[0]
        return meant

    def index_of(self, node: exp.Expr, stmt: SqlStatement | None = None) -> int | None:
        """Index of `stmt`, else of the statement whose tree holds `node`; None when that is
        no statement of this file or not one statement alone."""
        if stmt is not None:
            return self.positions.get(id(stmt))
        index = self.roots.get(id(node.root()), -1)
        return None if index < 0 else index

    def analyzed_after(self, key: str, index: int) -> bool:
        """Whether an ANALYZE of `key` (or of the whole database) follows statement `index`."""
        later = self.analyzes.get(key, []) + self.analyze_all
        return any(i > index for i in later)

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

    def table_info(self, table: exp.Table, stmt: SqlStatement | None = None) -> TableInfo | None:
        """The declared table a reference in this file means (see Catalog.lookup), as the
        file's DDL before the reference's statement (`stmt`, else the one whose tree holds
        `table`) defines it (see ScriptContext.definition_at)."""
        statements = self.script.statements
        path = statements[0].source.path if statements else None
        info = self.catalog.lookup(table.db or None, table.name, path)
        index = self.script.index_of(table, stmt) if info is not None else None
        if info is None or index is None:
            return info
        return self.script.definition_at(info, index, _columns_read(table))

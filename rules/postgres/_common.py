"""Small helpers shared by the PostgreSQL rules: quoting, sizes, thresholds, fixes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from advisor.model import Fix
from advisor.model_postgres import LiveContext, PgTable, PlanNode


def mib(size_bytes: float) -> float:
    return round(size_bytes / 1024 / 1024, 1)


def table_setting(table: PgTable, ctx: LiveContext, name: str, option: str) -> float:
    """A per-table autovacuum parameter: reloptions first, then the server, then the option."""
    for text in (table.option(name), ctx.postgres.settings.get(name)):
        if text is not None:
            try:
                return float(text)
            except ValueError:
                continue
    return ctx.number(option)


def row_estimate(table: PgTable) -> float:
    """pg_class.reltuples, or the live-row counter when the table was never vacuumed/analysed."""
    if table.reltuples >= 0:
        return table.reltuples
    return float(table.stats.n_live_tup) if table.stats else 0.0


def total_rows(node: PlanNode) -> float:
    """Rows a node returned over all its loops (EXPLAIN ANALYZE reports per-loop averages)."""
    return (node.actual_rows or 0.0) * (node.actual_loops or 1.0)


def scans(root: PlanNode) -> Iterator[PlanNode]:
    return (n for n in root.walk() if n.node_type == "Seq Scan")


_COMPARED = re.compile(
    r"(?:\b(\w+)\.)?\b(\w+)\)?\s*(?:=|<>|!=|<=|>=|<|>|~~\*?|!~~|\bIS\b|= ANY)", re.IGNORECASE
)


_INSIDE_CALL = re.compile(r"\w\($")


def filter_columns(condition: str, table: PgTable | None) -> list[str]:
    """Columns of `table` compared in a plan's filter text, in order of appearance."""
    known = {c.name for c in table.columns} if table else set()
    found: list[str] = []
    for match in _COMPARED.finditer(condition):
        name = match.group(2)
        if _INSIDE_CALL.search(condition, 0, match.start()):
            continue  # the argument of a function: an index on the bare column would not help
        if name in known and name not in found:
            found.append(name)
    return found


def plan_table(node: PlanNode, tables: tuple[PgTable, ...]) -> PgTable | None:
    """The table a scan node reads, by schema-qualified name (EXPLAIN VERBOSE) or bare name."""
    if node.relation is None:
        return None
    if "." in node.relation:
        return next((t for t in tables if t.qualified_name == node.relation), None)
    named = [t for t in tables if t.name == node.relation]
    return named[0] if len(named) == 1 else None


def short_query(text: str, width: int = 80) -> str:
    """A statement on one line, cut to `width` characters, for messages."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 3] + "..."


def explain_fix(query: str) -> Fix:
    """EXPLAIN the statement: with ANALYZE only for queries (it executes the statement)."""
    text = query.strip().rstrip(";")
    first = text.split(None, 1)[0].lower() if text else ""
    if first in ("select", "with", "table", "values"):
        how = "EXPLAIN (ANALYZE, BUFFERS)"
    elif first in ("insert", "update", "delete", "merge"):
        how = "EXPLAIN"
    else:
        return Fix.advice("Look at what this statement does and how often it runs")
    # `text` is the statement as the server reported it, not a name: it goes in as it is.
    return Fix.sql(
        f"{how} the statement (with real values for $n) to see where its time goes",
        f"{how} {text};",
    )

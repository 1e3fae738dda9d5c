"""## What it does
Flags a sort or hash that did not fit in `work_mem` and spilled to disk: `Sort Method: external
merge` (or any sort on disk), `Hash Batches` above 1, or temporary blocks written by the node
itself (from `EXPLAIN (ANALYZE, BUFFERS)`).

## Why is this bad?
A spilled sort writes its input to temporary files and reads it back, often several times; a
hash join split into batches does the same for both sides. The query waits on disk for work
that would take milliseconds in memory.

## Example
```sql
SELECT * FROM shop.page_views ORDER BY url;  -- Sort Method: external merge  Disk: 9640kB
```

## Use instead
```sql
SET work_mem = '64MB';  -- for this session or role only, not the whole server
SELECT id, url FROM shop.page_views ORDER BY url;  -- or sort fewer, narrower rows
```

## Evidence
Sort Method, Sort Space Type, Hash Batches and Temp Written Blocks of each node (temporary
blocks counted for the node itself, not its children), and the server's `work_mem`.

## Known limits
Needs `--analyze-plans` (BUFFERS for temporary blocks). The work_mem that would be enough is not
computed; raise it per session or role, as every sort and hash of every query may use it.

## References
- https://www.postgresql.org/docs/current/runtime-config-resource.html#GUC-WORK-MEM
- https://www.postgresql.org/docs/current/using-explain.html#USING-EXPLAIN-ANALYZE
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.model import Evidence, Finding, Fix, FixSafety, RuleMeta, Severity, TargetKind
from advisor.model_postgres import LiveContext, PgPlan, PlanNode
from advisor.sql.fixsql import Template

_WORK_MEM = Template("SET work_mem = {size:str}", "postgres", composed=True)

META = RuleMeta(
    id="PG-P04",
    name="disk-spill",
    family="postgres.plan",
    target=TargetKind.PLAN,
    severity=Severity.MEDIUM,
    summary="A sort or hash spilled to disk: work_mem was too small for it",
    fix_safety=FixSafety.ADVISORY,
    live=True,
)


def _own_temp_blocks(node: PlanNode) -> int:
    """Temporary blocks the node wrote itself (EXPLAIN counts children in)."""
    mine = node.temp_written_blocks or 0
    return max(0, mine - sum(c.temp_written_blocks or 0 for c in node.children))


def _spill(node: PlanNode) -> str | None:
    if node.sort_space_type == "Disk" or "external" in (node.sort_method or ""):
        return f"Sort Method: {node.sort_method}"
    if node.hash_batches is not None and node.hash_batches > 1:
        return f"Hash Batches: {node.hash_batches}"
    if _own_temp_blocks(node) > 0:
        return f"{_own_temp_blocks(node):,} temporary blocks written"
    return None


def check(plan: PgPlan, ctx: LiveContext) -> Iterator[Finding]:
    if not plan.analyzed:
        return
    work_mem = ctx.postgres.settings.get("work_mem")
    for node in plan.root.walk():
        how = _spill(node)
        if how is None:
            continue
        mem = f"{work_mem} kB" if work_mem else "the current work_mem"
        yield META.finding(
            f"{node.node_type} spilled to disk ({how}) with work_mem = {mem}",
            plan.location,
            object=node.relation or node.node_type,
            evidence=Evidence.of(
                node=node.node_type,
                sort_method=node.sort_method,
                sort_space_type=node.sort_space_type,
                hash_batches=node.hash_batches,
                temp_written_blocks=_own_temp_blocks(node),
                work_mem_kb=int(work_mem) if work_mem and work_mem.isdigit() else None,
            ),
            fix=Fix.sql(
                "Give this query more work_mem (per session, not server-wide), or sort and hash "
                "fewer, narrower rows",
                _WORK_MEM.render(size="64MB"),
            ),
            anchor=plan.statement,
        )

"""PG-P rules on plan trees: each fires on its planted plan and is silent on a clean twin."""

from __future__ import annotations

from advisor.model_postgres import PlanNode
from connectors.postgres import plan_from_json
from postgres.factories import findings, index, node, plan, snapshot, table


def seq_scan(**changes: object) -> PlanNode:
    base: dict[str, object] = {
        "relation": "public.orders",
        "filter": "(orders.status = 'new'::text)",
        "plan_rows": 10.0,
        "actual_rows": 10.0,
        "actual_loops": 1.0,
        "rows_removed_by_filter": 99_990.0,
    }
    base.update(changes)
    return node("Seq Scan", **base)


def test_p01_filtering_seq_scan_names_the_filter_column() -> None:
    [hit] = findings(snapshot([table()], [plan(seq_scan())]), "PG-P01")
    assert hit.fix is not None
    assert hit.fix.content == "CREATE INDEX CONCURRENTLY ON public.orders (status);"
    assert hit.location is not None and (hit.location.path, hit.location.line) == ("q.sql", 3)
    keeps_most = seq_scan(actual_rows=90_000.0, rows_removed_by_filter=9_990.0)
    assert findings(snapshot([table()], [plan(keeps_most)]), "PG-P01") == []
    assert findings(snapshot([table()], [plan(seq_scan(), analyzed=False)]), "PG-P01") == []


def test_p02_row_misestimate_reports_the_lowest_node() -> None:
    scan = seq_scan(plan_rows=100.0, actual_rows=50_000.0, rows_removed_by_filter=None)
    top = node("Hash Join", plan_rows=100.0, actual_rows=50_000.0, children=(scan,))
    [hit] = findings(snapshot([table()], [plan(top)]), "PG-P02")
    assert hit.fix is not None and hit.fix.content == "ANALYZE public.orders;"
    good = seq_scan(plan_rows=40_000.0, actual_rows=50_000.0)
    assert findings(snapshot([table()], [plan(good)]), "PG-P02") == []


def test_p03_nested_loop_over_many_outer_rows() -> None:
    outer = seq_scan(actual_rows=50_000.0, parent_relationship="Outer")
    inner = node("Seq Scan", relation="public.items", parent_relationship="Inner", actual_rows=1.0)
    loop = node("Nested Loop", actual_rows=50_000.0, children=(outer, inner))
    [hit] = findings(snapshot([], [plan(loop)]), "PG-P03")
    assert hit.evidence.as_dict()["outer_rows"] == 50_000.0
    lookup = node("Index Scan", relation="public.items", parent_relationship="Inner")
    indexed = node("Nested Loop", children=(outer, lookup))
    assert findings(snapshot([], [plan(indexed)]), "PG-P03") == []


def test_p04_sort_and_hash_spills() -> None:
    sort = node("Sort", sort_method="external merge", sort_space_type="Disk")
    hashed = node("Hash", hash_batches=4)
    [a, b] = findings(snapshot([], [plan(sort), plan(hashed)]), "PG-P04")
    assert "external merge" in a.message and "Hash Batches: 4" in b.message
    memory = node("Sort", sort_method="quicksort", sort_space_type="Memory")
    assert findings(snapshot([], [plan(memory)]), "PG-P04") == []


def test_p04_counts_temp_blocks_of_the_node_itself() -> None:
    child = node("Seq Scan", temp_written_blocks=0)
    agg = node("HashAggregate", temp_written_blocks=500, children=(child,))
    parent = node("Limit", temp_written_blocks=500, children=(agg,))
    assert [
        f.evidence.as_dict()["node"] for f in findings(snapshot([], [plan(parent)]), "PG-P04")
    ] == ["HashAggregate"]


def test_p05_lossy_bitmap() -> None:
    lossy = node("Bitmap Heap Scan", relation="public.orders", lossy_heap_blocks=300)
    exact = node("Bitmap Heap Scan", relation="public.orders", lossy_heap_blocks=0)
    assert len(findings(snapshot([], [plan(lossy)]), "PG-P05")) == 1
    assert findings(snapshot([], [plan(exact)]), "PG-P05") == []


def test_p06_index_only_scan_heap_fetches() -> None:
    ios = node(
        "Index Only Scan",
        relation="public.orders",
        index_name="orders_pkey",
        actual_rows=1_000.0,
        actual_loops=1.0,
        heap_fetches=900,
    )
    [hit] = findings(snapshot([table()], [plan(ios)]), "PG-P06")
    assert hit.fix is not None and hit.fix.content == "VACUUM public.orders;"
    fresh = node("Index Only Scan", relation="public.orders", actual_rows=1_000.0, heap_fetches=3)
    assert findings(snapshot([table()], [plan(fresh)]), "PG-P06") == []


def test_p07_function_on_indexed_column_works_on_estimates() -> None:
    indexed = table(indexes=(index("orders", "orders_status_idx", ["status"]),))
    wrapped = seq_scan(filter="(lower(orders.status) = 'new'::text)")
    [hit] = findings(snapshot([indexed], [plan(wrapped, analyzed=False)]), "PG-P07")
    assert hit.fix is not None
    assert hit.fix.content == "CREATE INDEX CONCURRENTLY ON public.orders (lower(status));"
    bare = seq_scan(filter="(orders.status = 'new'::text)")
    assert findings(snapshot([indexed], [plan(bare, analyzed=False)]), "PG-P07") == []
    not_indexed = table()
    assert findings(snapshot([not_indexed], [plan(wrapped, analyzed=False)]), "PG-P07") == []


def test_plan_from_explain_json() -> None:
    data = [
        {
            "Plan": {
                "Node Type": "Sort",
                "Plan Rows": 10,
                "Actual Rows": 12,
                "Actual Loops": 1,
                "Sort Method": "quicksort",
                "Plans": [
                    {
                        "Node Type": "Seq Scan",
                        "Schema": "public",
                        "Relation Name": "orders",
                        "Parent Relationship": "Outer",
                        "Filter": "(status = 'x')",
                        "Rows Removed by Filter": 5,
                    }
                ],
            }
        }
    ]
    root = plan_from_json(data)
    assert root.node_type == "Sort" and root.actual_rows == 12.0
    [child] = root.children
    assert child.relation == "public.orders" and child.rows_removed_by_filter == 5.0

"""The EXPLAIN text parser on the verbatim plans of the AWS documentation (rulebook section 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.model_redshift import RsPlanNode
from advisor.sql.explain import ExplainError, parse_plan, parse_plans, plan_from_rows

PLANS = Path(__file__).resolve().parents[2] / "examples" / "redshift" / "plans"


def read(name: str) -> str:
    return (PLANS / f"{name}.txt").read_text(encoding="utf-8")


def shape(node: RsPlanNode) -> tuple[object, ...]:
    """Operator (with table) and children, for comparing whole trees."""
    label = f"{node.operator} {node.relation}" if node.relation else node.operator
    return (label, *(shape(c) for c in node.children))


def test_broadcast_fragment_starts_with_an_arrow_and_nests_by_indentation() -> None:
    plan = parse_plan(read("c_data_redistribution_before"))
    assert shape(plan.root) == (
        "Hash Join",
        ("Hash Join", ("Merge Join", ("Seq Scan listing",), ("Seq Scan sales",))),
    )
    root = plan.root
    assert root.compute_node and root.distribution == "DS_BCAST_INNER"
    assert (root.startup_cost, root.total_cost, root.rows, root.width) == (
        112.50,
        3272334142.59,
        170771,
        84,
    )
    assert root.detail("Hash Cond") == '("outer".venueid = "inner".venueid)'
    merge = root.children[0].children[0]
    assert merge.detail("Merge Cond") == '("outer".listid = "inner".listid)'
    assert merge.distribution == "DS_DIST_NONE" and merge.line == 5


def test_after_all_dimensions_the_joins_are_all_none() -> None:
    plan = parse_plan(read("c_data_redistribution_after"))
    dists = [n.distribution for n in plan.nodes() if n.is_join]
    assert dists == ["DS_DIST_ALL_NONE", "DS_DIST_ALL_NONE", "DS_DIST_NONE"]


def test_header_dashes_and_statement_are_read_around_the_plan() -> None:
    plan = parse_plan(read("hash_join_broadcast"), "p.txt")
    assert plan.statement == "select * from category, event where category.catid=event.catid;"
    assert shape(plan.root) == (
        "Hash Join",
        ("Seq Scan event",),
        ("Hash", ("Seq Scan category",)),
    )
    assert plan.line == 5 and plan.path == "p.txt"
    inner = plan.root.children[1].children[0]
    assert (inner.relation, inner.rows) == ("category", 11)


def test_lost_indentation_and_row_footer() -> None:
    plan = parse_plan(read("r_explain_dist_outer"))
    assert shape(plan.root) == (
        "Hash Join",
        ("Seq Scan event",),
        ("Hash", ("Seq Scan venue",)),
    )
    assert plan.root.distribution == "DS_DIST_OUTER"
    assert plan.root.detail("Hash Cond") == '("outer".venueid = "inner".venueid)'
    assert plan.statement.startswith("select eventid, eventname")


def test_join_aggregate_sort_tree_and_detail_lines() -> None:
    plan = parse_plan(read("join_aggregate_sort"))
    assert shape(plan.root) == (
        "Merge",
        (
            "Network",
            (
                "Sort",
                (
                    "HashAggregate",
                    ("Hash Join", ("Seq Scan sales",), ("Hash", ("Seq Scan event",))),
                ),
            ),
        ),
    )
    network = plan.root.children[0]
    assert plan.root.detail("Merge Key") == "sum(sales.pricepaid)"
    assert network.details == ("Send to leader",)
    assert network.children[0].detail("Sort Key") == "sum(sales.pricepaid)"


def test_tabs_are_expanded_before_nesting() -> None:
    text = (
        "XN Hash Join DS_BCAST_INNER  (cost=0.14..6600286.07 rows=8798 width=84)\n"
        '\tHash Cond: ("outer".catid = "inner".catid)\n'
        "\t->  XN Seq Scan on event  (cost=0.00..87.98 rows=8798 width=35)\n"
        "\t->  XN Hash  (cost=0.11..0.11 rows=11 width=49)\n"
        "\t\t->  XN Seq Scan on category  (cost=0.00..0.11 rows=11 width=49)\n"
    )
    assert shape(parse_plan(text).root) == (
        "Hash Join",
        ("Seq Scan event",),
        ("Hash", ("Seq Scan category",)),
    )


def test_several_plans_per_file_with_trailers() -> None:
    text = read("hash_join_broadcast") + "\n" + read("r_explain_dist_outer")
    text += (
        "\nXN Seq Scan on t  (cost=0.00..1.00 rows=100 width=4)\n"
        "----- Tables missing statistics: t -----\n"
        "----- Update statistics by running the ANALYZE command on these tables -----\n"
    )
    plans = parse_plans(text, "all.txt")
    assert [p.root.distribution for p in plans] == ["DS_BCAST_INNER", "DS_DIST_OUTER", None]
    assert plans[2].notes == (
        "Tables missing statistics: t",
        "Update statistics by running the ANALYZE command on these tables",
    )
    assert plans[1].line == 10 + 8


def test_spectrum_scan_attributes() -> None:
    text = (
        "XN S3 Query Scan sales  (cost=0.00..8.00 rows=100 width=8)\n"
        "  Filter: (region = 'EU'::text)\n"
        '  ->  S3 Seq Scan spectrum.sales location:"s3://b/s" format:TEXT  '
        "(cost=0.00..5.00 rows=1000 width=8)\n"
    )
    root = parse_plan(text).root
    assert (root.operator, root.relation, root.detail("Filter")) == (
        "S3 Query Scan",
        "sales",
        "(region = 'EU'::text)",
    )
    scan = root.children[0]
    assert (scan.operator, scan.relation, scan.compute_node) == (
        "S3 Seq Scan",
        "spectrum.sales",
        False,
    )


def test_text_without_a_plan_is_an_error() -> None:
    with pytest.raises(ExplainError):
        parse_plan("explain select 1;\n\n(0 rows)\n")


def test_plan_from_system_view_rows() -> None:
    rows = [
        (1, 0, "XN Hash Join DS_BCAST_INNER  (cost=0.14..6600286.07 rows=8798 width=84)", ""),
        (
            1,
            0,
            "XN Hash Join DS_BCAST_INNER  (cost=0.14..6600286.07 rows=8798 width=84)",
            'Hash Cond: ("outer".catid = "inner".catid)',
        ),
        (2, 1, "XN Seq Scan on event  (cost=0.00..87.98 rows=8798 width=35)", ""),
        (3, 1, "XN Hash  (cost=0.11..0.11 rows=11 width=49)", ""),
        (4, 3, "XN Seq Scan on category  (cost=0.00..0.11 rows=11 width=49)", ""),
    ]
    plan = plan_from_rows(rows, query_id=7)
    assert plan.query_id == 7
    assert shape(plan.root) == ("Hash Join", ("Seq Scan event",), ("Hash", ("Seq Scan category",)))
    assert plan.root.detail("Hash Cond") == '("outer".catid = "inner".catid)'

"""Which findings recommend an index, which statements each is tried on, and what the finding
says for each answer of a what-if session (a stand-in here; the real session is tested in
test_whatif_live.py)."""

from __future__ import annotations

from collections.abc import Sequence

from advisor.model import Evidence, Finding, Fix, Severity
from advisor.model_postgres import (
    PgForeignKey,
    PgPlan,
    PlanCost,
    WhatIfIndex,
    WhatIfResult,
    WhatIfRun,
)
from advisor.verify_pg import (
    VerifyOptions,
    affected_statements,
    recommended_index,
    verify_findings,
)
from postgres.factories import findings, node, snapshot, statement, table

FK = PgForeignKey("orders_customer_id_fkey", ("customer_id",), "public.customers")


def _finding(content: str, rule: str = "PG-C09", **changes: object) -> Finding:
    base = Finding(
        rule,
        Severity.MEDIUM,
        "foreign key has no index",
        None,
        object="public.orders",
        evidence=Evidence.of(constraint=FK.name),
        fix=Fix.sql("Index it", content),
        source="live",
    )
    from dataclasses import replace

    return replace(base, **changes)  # type: ignore[arg-type]


def test_the_index_of_a_fix_without_concurrently() -> None:
    [hit] = findings(snapshot([table(foreign_keys=(FK,))]), "PG-C09")
    target = recommended_index(hit)
    assert target is not None
    assert target.sql == "CREATE INDEX ON public.orders (customer_id)"
    assert (target.schema, target.table) == ("public", "orders")


def test_fixes_that_are_not_one_index_are_not_tried() -> None:
    assert recommended_index(_finding("VACUUM public.orders;")) is None
    assert recommended_index(_finding("CREATE INDEX ON a (x); CREATE INDEX ON b (y)")) is None
    assert recommended_index(_finding("-- compare city itself")) is None
    assert recommended_index(_finding("CREATE INDEX ON (")) is None
    assert recommended_index(_finding("CREATE INDEX ON a (x)", rule="RS-D01")) is None
    advice = _finding("", fix=Fix.advice("Index the columns the queries filter on"))
    assert recommended_index(advice) is None


def test_statements_tried_plan_lookup_then_history_on_the_table() -> None:
    finding = _finding("CREATE INDEX ON public.orders (customer_id)", anchor="SELECT 1")
    plan = PgPlan("SELECT 1", node("Seq Scan"), path="q.sql", line=4)
    history = [
        statement(1, query="SELECT * FROM orders WHERE customer_id = $1"),
        statement(2, query="SELECT * FROM public.customers"),  # another table
        statement(3, query="EXPLAIN SELECT * FROM public.orders"),  # not a query of its own
        statement(4, query="CREATE INDEX ON public.orders (status)"),
        statement(5, query="SELECT 1 FROM public.orders; SELECT 2"),  # two statements
        statement(6, query="SELECT * FROM other.orders"),  # another schema
        statement(7, query="DELETE FROM public.orders o USING x WHERE o.id = x.id"),
        statement(8, query="INSERT INTO public.orders SELECT * FROM staging.orders"),  # written
        statement(9, query="INSERT INTO archive.orders SELECT * FROM public.orders"),  # read
    ]
    snap = snapshot([table(foreign_keys=(FK,))], [plan], history)
    target = recommended_index(finding)
    assert target is not None
    tried = affected_statements(finding, target, snap)
    assert [s.label for s in tried] == [
        "q.sql:4",
        "lookup of foreign key orders_customer_id_fkey",
        "queryid 1",
        "queryid 7",
        "queryid 9",
    ]
    assert tried[1].text == (
        "SELECT 1 FROM ONLY public.orders x WHERE customer_id = $1 FOR KEY SHARE OF x"
    )
    assert len(affected_statements(finding, target, snap, limit=2)) == 2
    assert len(affected_statements(finding, target, snap)) == 5  # the default bound


class Session:
    """A stand-in what-if session: answers each index with the given costs."""

    def __init__(self, costs: Sequence[PlanCost], extension: str = "installed") -> None:
        self.costs = tuple(costs)
        self.extension = extension
        self.asked: list[WhatIfIndex] = []

    def __call__(self, indexes: Sequence[WhatIfIndex]) -> WhatIfRun:
        self.asked.extend(indexes)
        results = tuple(WhatIfResult(i.key, "<1>btree", self.costs) for i in indexes)
        return WhatIfRun(self.extension, results, None, 12)


def _judge(costs: Sequence[PlanCost]) -> tuple[Finding, str]:
    snap = snapshot([table(foreign_keys=(FK,))])
    finding = _finding("CREATE INDEX CONCURRENTLY ON public.orders (customer_id)")
    [out], summary = verify_findings([finding], snap, Session(costs))
    return out, summary


def test_a_gain_states_both_costs_and_the_ratio() -> None:
    out, summary = _judge([PlanCost("lookup", 1693.0, 8.3, True)])
    assert out.message == "foreign key has no index; hypothetical index: cost 1,693 -> 8.3, 204x"
    facts = out.evidence.as_dict()
    assert facts["constraint"] == FK.name  # the rule's evidence is kept
    assert facts["whatif"] == "gain"
    assert (facts["cost_before"], facts["cost_after"], facts["cost_ratio"]) == (1693.0, 8.3, 203.98)
    assert facts["whatif_plans"] == "lookup: 1,693 -> 8.3 (uses the index)"
    assert out.severity is Severity.MEDIUM
    assert summary == (
        "hypothetical indexes: 1 index recommendation (1 gain); "
        "hypopg installed, 12 statements in a rolled-back session"
    )


def test_the_statements_that_use_the_index_are_summed() -> None:
    out, _ = _judge(
        [
            PlanCost("a", 100.0, 10.0, True),
            PlanCost("b", 50.0, 50.0, False),
            PlanCost("c", 30.0, 20.0, True),
        ]
    )
    assert out.message.endswith(
        "cost 130 -> 30 over 2 statements, 4.3x (used by 2 of the 3 statements planned)"
    )
    facts = out.evidence.as_dict()
    assert facts["statements_using_index"] == 2 and facts["statements_planned"] == 3
    assert facts["whatif_plans"] == (
        "a: 100 -> 10 (uses the index); b: 50 -> 50; c: 30 -> 20 (uses the index)"
    )
    unused, _ = _judge([PlanCost("a", 100.0, 100.0, False), PlanCost("b", 50.0, 50.0, False)])
    assert unused.message.endswith(
        "cost 150 -> 150 over 2 statements, no gain (the planner does not use it)"
    )


def test_no_gain_when_unused_or_barely_cheaper() -> None:
    unused, _ = _judge([PlanCost("a", 100.0, 100.0, False)])
    assert unused.message.endswith("cost 100 -> 100, no gain (the planner does not use it)")
    assert unused.evidence.as_dict()["whatif"] == "no gain"
    barely, _ = _judge([PlanCost("a", 100.0, 95.0, True)])
    assert barely.message.endswith("cost 100 -> 95, no gain (1.05x)")
    assert barely.evidence.as_dict()["whatif"] == "no gain"


def test_statements_that_cannot_be_planned_leave_it_not_checked() -> None:
    out, summary = _judge([PlanCost("queryid 1", error="could not be prepared: syntax error")])
    assert out.message.endswith(
        "hypothetical index not checked: queryid 1: could not be prepared: syntax error"
    )
    assert out.evidence.as_dict()["whatif"] == "not checked"
    assert "(1 not checked)" in summary


def test_nothing_to_try_asks_the_server_nothing() -> None:
    session = Session([])
    finding = _finding("CREATE INDEX ON public.orders (status)", evidence=Evidence())
    [out], _ = verify_findings([finding], snapshot([table()]), session)
    assert session.asked == []
    assert out.evidence.as_dict()["whatif_note"] == (
        "no statement in the plans or the history read touches the table"
    )


def test_without_a_session_the_reason_is_given() -> None:
    finding = _finding("CREATE INDEX ON public.orders (customer_id)")
    why = "fixes are checked only against a live database, not a snapshot"
    [out], summary = verify_findings(
        [finding], snapshot([table(foreign_keys=(FK,))]), None, why_not=why
    )
    assert out.message.endswith(f"hypothetical index not checked: {why}")
    assert summary.endswith(f"(1 not checked); {why}")


def test_other_findings_are_left_alone_and_the_count_is_bounded() -> None:
    other = Finding("PG-C01", Severity.LOW, "dead rows", None, source="live")
    fks = [PgForeignKey(f"fk{i}", ("customer_id",), "public.customers") for i in range(3)]
    many = [
        _finding(
            "CREATE INDEX ON public.orders (customer_id)", evidence=Evidence.of(constraint=f"fk{i}")
        )
        for i in range(3)
    ]
    session = Session([PlanCost("lookup", 100.0, 1.0, True)])
    out, summary = verify_findings(
        [other, *many],
        snapshot([table(foreign_keys=tuple(fks))]),
        session,
        VerifyOptions(max_indexes=2),
    )
    assert out[0] is other
    assert [f.evidence.as_dict()["whatif"] for f in out[1:]] == ["gain", "gain", "not checked"]
    assert out[3].evidence.as_dict()["whatif_note"] == (
        "only the first 2 index recommendations are checked"
    )
    assert len(session.asked) == 2
    assert "3 index recommendations (2 gain, 1 not checked)" in summary

"""The join-graph key recommender (RS-W30) and `advisor whatif` on small workloads."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from advisor.cli import cli
from advisor.config import Config
from advisor.live import analyze_redshift
from advisor.model_redshift import RsQueryGroup, RsSnapshot, RsTableStats, RsWorkload
from advisor.redshift_keys import ALL, recommend, what_if

SNAPSHOT = Path(__file__).with_name("data") / "emulation_snapshot.json"


def table(name: str, diststyle: str, rows: int, size: int = 100, skew: float = 1.0) -> RsTableStats:
    return RsTableStats(
        schema="s",
        table=name,
        diststyle=diststyle,
        tbl_rows=rows,
        size_mb=size,
        skew_rows=skew,
        stats_off=0.0,
    )


def query(text: str, runs: int = 10) -> RsQueryGroup:
    return RsQueryGroup(query_hash=text[:20], query_text=text, runs=runs)


FACT_JOINS = (
    query("SELECT * FROM s.sales f JOIN s.customers c ON c.id = f.customer_id", runs=50),
    query("SELECT * FROM s.sales f JOIN s.products p ON p.id = f.product_id", runs=5),
    query("SELECT * FROM s.sales f WHERE f.sold_at > '2026-01-01'", runs=30),
)


def snapshot(*tables: RsTableStats, queries: tuple[RsQueryGroup, ...] = FACT_JOINS) -> RsSnapshot:
    return RsSnapshot(tables=tables, workload=RsWorkload(queries=queries))


BIG = 50_000_000


def test_heaviest_join_wins_and_small_dimension_becomes_all() -> None:
    snap = snapshot(
        table("sales", "EVEN", BIG, size=50_000),
        table("customers", "EVEN", 20_000_000, size=5_000),
        table("products", "EVEN", 1_000, size=2),
    )
    choices = {c.table: c for c in recommend(snap)}
    assert choices["s.sales"].distkey == "customer_id"
    assert choices["s.customers"].distkey == "id"
    assert choices["s.products"].distkey == ALL
    assert choices["s.sales"].sortkey == "sold_at"
    assert choices["s.customers"].sortkey is None


def test_a_skewed_current_key_is_not_proposed_again() -> None:
    snap = snapshot(
        table("sales", "KEY(customer_id)", BIG, size=50_000, skew=9.0),
        table("customers", "KEY(id)", 20_000_000, size=5_000),
        table("products", "EVEN", 8_000_000, size=800),
    )
    choices = {c.table: c for c in recommend(snap)}
    assert choices["s.sales"].distkey == "product_id"


def test_rule_reports_changed_tables_with_exact_ddl() -> None:
    snap = snapshot(
        table("sales", "EVEN", BIG, size=50_000),
        table("customers", "KEY(id)", 20_000_000, size=5_000),
        table("products", "ALL", 1_000, size=2),
    )
    found = analyze_redshift(snap, Config(), families=("redshift.workload",)).findings
    [hit] = [f for f in found if f.rule_id == "RS-W30"]
    assert hit.object == "s.sales" and hit.fix is not None
    assert hit.fix.content == (
        "ALTER TABLE s.sales ALTER DISTSTYLE KEY DISTKEY customer_id;\n"
        "ALTER TABLE s.sales ALTER COMPOUND SORTKEY (sold_at);"
    )
    tuned = snapshot(
        table("sales", "KEY(customer_id)", BIG, size=50_000),
        table("customers", "KEY(id)", 20_000_000, size=5_000),
        table("products", "ALL", 1_000, size=2),
    )
    found = analyze_redshift(tuned, Config(), families=("redshift.workload",)).findings
    assert [f for f in found if f.rule_id == "RS-W30"] == []


def test_what_if_scores_a_change() -> None:
    snap = snapshot(
        table("sales", "EVEN", BIG, size=50_000),
        table("customers", "KEY(id)", 20_000_000, size=5_000),
        table("products", "EVEN", 1_000, size=2),
    )
    result = what_if(snap, {"s.sales": "customer_id"})
    assert result.before == 0 and result.total > 0
    assert [e.right for e in result.gained] == ["s.sales"]
    assert result.after / result.total > 0.99


def test_whatif_command_on_the_emulation_snapshot() -> None:
    runner = CliRunner()
    args = ["whatif", "--snapshot", str(SNAPSHOT), "--distkey", "rs_demo.sales_even=seller_id"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "93% now, 100% after" in result.output
    bad = runner.invoke(cli, ["whatif", "--snapshot", str(SNAPSHOT), "--distkey", "nope=x"])
    assert bad.exit_code == 2

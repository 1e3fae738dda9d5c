"""Key design that respects AWS's own tuning: AUTO distribution and sort keys, multidimensional
data layouts and the recommendations of Redshift's advisor, offline."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from advisor.cli import cli
from advisor.config import Config
from advisor.live import analyze_redshift
from advisor.model import Finding
from advisor.model_redshift import (
    RsQueryGroup,
    RsRecommendation,
    RsSnapshot,
    RsTableStats,
    RsWorkload,
)
from advisor.redshift_keys import recommend
from advisor.redshift_keys.aws import recommended
from connectors.snapshot import save

BIG = 50_000_000
JOINS = (
    RsQueryGroup(
        "q1",
        "SELECT * FROM s.sales f JOIN s.customers c ON c.id = f.customer_id"
        " WHERE f.sold_at > '2026-01-01'",
        runs=50,
    ),
    RsQueryGroup("q2", "SELECT * FROM s.sales f JOIN s.products p ON p.id = f.product_id", runs=5),
)


def table(name: str, diststyle: str, rows: int, sortkey1: str = "") -> RsTableStats:
    return RsTableStats(
        "s", name, diststyle=diststyle, sortkey1=sortkey1, tbl_rows=rows, size_mb=rows // 10_000
    )


def snapshot(*tables: RsTableStats, recs: tuple[RsRecommendation, ...] = ()) -> RsSnapshot:
    return RsSnapshot(tables=tables, workload=RsWorkload(queries=JOINS), recommendations=recs)


def w30(snap: RsSnapshot) -> dict[str, Finding]:
    found = analyze_redshift(snap, Config(), families=("redshift.workload",)).findings
    return {f.object or "": f for f in found if f.rule_id == "RS-W30"}


def fact(diststyle: str = "EVEN", sortkey1: str = "") -> RsSnapshot:
    return snapshot(
        table("sales", diststyle, BIG, sortkey1),
        table("customers", "KEY(id)", 20_000_000),
        table("products", "EVEN", 8_000_000),
    )


def test_the_table_stats_tell_what_redshift_chooses() -> None:
    assert table("t", "AUTO(KEY(c))", 1).diststyle_auto
    assert not table("t", "KEY(c)", 1).diststyle_auto
    mddl = table("t", "EVEN", 1, "padb_internal_mddl_key_col")
    assert mddl.mddl and mddl.sortkey_auto
    assert table("t", "EVEN", 1, "AUTO(SORTKEY(d))").sortkey_auto
    assert not table("t", "EVEN", 1, "d").sortkey_auto
    assert not table("t", "EVEN", 1, "INTERLEAVED").sortkey_auto


def test_a_manual_sort_key_is_proposed_but_not_on_a_layout_or_auto_key() -> None:
    manual = w30(fact())["s.sales"]
    assert manual.fix is not None and "ALTER COMPOUND SORTKEY (sold_at)" in manual.fix.content
    assert "aws_tuning" not in manual.evidence.as_dict()
    for sortkey1, said in (
        ("padb_internal_mddl_key_col", "multidimensional data layout"),
        ("AUTO(SORTKEY)", "it is AUTO(SORTKEY)"),
        ("AUTO(SORTKEY(sold_at))", "it is AUTO(SORTKEY(sold_at))"),
    ):
        hit = w30(fact(sortkey1=sortkey1))["s.sales"]
        assert hit.fix is not None
        assert hit.fix.content == "ALTER TABLE s.sales ALTER DISTSTYLE KEY DISTKEY customer_id;"
        assert said in hit.message and "sort key left to Redshift" in hit.message
        assert said in str(hit.evidence.as_dict()["aws_tuning"])
        assert hit.evidence.as_dict()["sortkey"] is None


def test_an_auto_distribution_is_kept_and_the_design_joins_it() -> None:
    choices = {c.table: c for c in recommend(fact())}
    assert choices["s.sales"].distkey == "customer_id"
    assert choices["s.products"].distkey is None
    # Redshift chose KEY(product_id) for sales: it stays, and products is keyed to join it.
    auto = fact("AUTO(KEY(product_id))")
    choices = {c.table: c for c in recommend(auto)}
    assert choices["s.sales"].distkey == "product_id"
    assert "distribution left to Redshift" in choices["s.sales"].aws[0]
    assert choices["s.products"].distkey == "id"
    found = w30(auto)
    assert "s.sales" not in found
    assert found["s.products"].fix is not None
    assert found["s.products"].fix.content == (
        "ALTER TABLE s.products ALTER DISTSTYLE KEY DISTKEY id;"
    )
    # AUTO(EVEN) or AUTO(ALL): nothing to key to, nothing proposed for the table itself.
    assert w30(fact("AUTO(EVEN)")) == {}
    assert "s.sales" not in w30(fact("AUTO(ALL)"))


def test_redshifts_advisor_recommendation_is_named_beside_the_proposal() -> None:
    docs_ddl = (
        'ALTER TABLE "s"."sales" ALTER DISTSTYLE KEY DISTKEY "customer_id", '
        'ALTER COMPOUND SORTKEY ("sold_at","customer_id")'
    )
    same = RsRecommendation("diststyle", 1, 1, docs_ddl, True, "s.sales")
    rec = recommended(snapshot(recs=(same,)), "S.Sales")
    assert rec is not None and rec.distribution == "KEY(customer_id)"
    assert rec.sortkey == ("sold_at", "customer_id") and rec.auto_eligible
    agreed = w30(replace(fact(), recommendations=(same,)))["s.sales"]
    assert "Redshift's advisor recommends the same" in agreed.message
    other = RsRecommendation(
        "sortkey",
        1,
        -1,
        'ALTER TABLE "s"."sales" ALTER COMPOUND SORTKEY ("region")',
        False,
        "s.sales",
    )
    differs = w30(replace(fact(), recommendations=(other,)))["s.sales"]
    assert 'recommends otherwise: ALTER TABLE "s"."sales" ALTER COMPOUND SORTKEY ("region")' in (
        differs.message
    )
    assert differs.fix is not None and "SORTKEY (sold_at)" in differs.fix.content
    style = RsRecommendation(
        "diststyle", 2, 1, 'ALTER TABLE "s"."t" ALTER DISTSTYLE ALL', False, "s.t"
    )
    all_rec = recommended(snapshot(recs=(style,)), "s.t")
    assert all_rec is not None and all_rec.distribution == "ALL" and all_rec.sortkey == ()
    assert recommended(snapshot(recs=(style,)), "s.sales") is None


def test_whatif_says_when_a_change_ends_automatic_distribution(tmp_path: Path) -> None:
    path = tmp_path / "auto.json"
    rec = RsRecommendation(
        "diststyle", 1, 1, 'ALTER TABLE "s"."sales" ALTER DISTSTYLE KEY DISTKEY "product_id"'
    )
    save(
        path, redshift=replace(fact("AUTO(EVEN)"), recommendations=(replace(rec, table="s.sales"),))
    )
    runner = CliRunner()
    result = runner.invoke(
        cli, ["whatif", "--snapshot", str(path), "--distkey", "s.sales=customer_id"]
    )
    assert result.exit_code == 0, result.output
    assert (
        "Note: s.sales: distribution left to Redshift: it is AUTO(EVEN) (svv_table_info.diststyle)"
        in result.output
    )
    assert "this change would end it" in result.output
    assert "Note: s.sales: Redshift's advisor recommends otherwise" in result.output
    plain = runner.invoke(cli, ["whatif", "--snapshot", str(path), "--distkey", "s.products=id"])
    assert plain.exit_code == 0 and "Note:" not in plain.output

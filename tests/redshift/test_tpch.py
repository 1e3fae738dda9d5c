"""The key recommender (RS-W30, `advisor whatif`) on the TPC-H-shaped demo schema `tpch`.

The schema holds the eight TPC-H tables at scale factor 0.02 with deliberately poor keys
(lineitem EVEN, orders KEY(o_custkey), customer/supplier/nation on nation or region keys) and
a trap: half of all order lines carry one part, so l_partkey, the join column of the most-run
dashboard queries (Q14, Q19), would pile rows onto one slice. A Redshift expert keys lineitem
and orders on the order key, makes the small dimensions ALL, sorts on the range-filtered dates
and keeps away from l_partkey; so must the recommender, with its evidence.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli import cli
from advisor.config import Config, load_config
from advisor.live import analyze_redshift
from advisor.model import Finding
from advisor.model_redshift import RsColumnValues, RsSnapshot
from advisor.redshift_keys import ALL, recommend
from advisor.sql.joins import query_shape, schemas_named
from connectors.redshift import RedshiftSource, _only_in, read_redshift

ROOT = Path(__file__).resolve().parents[2]
TPCH_CONFIG = ROOT / "examples" / "redshift" / "tpch.toml"


def options() -> dict[str, int]:
    return {"all_max_rows": 1000, "sortkey_min_rows": 1000}


def w30(snapshot: RsSnapshot) -> dict[str, Finding]:
    config = Config(rule_options={"RS-W30": options()})
    found = analyze_redshift(snapshot, config, families=("redshift.workload",)).findings
    return {f.object or "": f for f in found if f.rule_id == "RS-W30"}


# --- offline: the parsing and the estimate the recommender rests on ---------------------------


def resolve(name: str) -> str | None:
    bare = name.split(".")[-1]
    return f"tpch.{bare}" if bare in {"lineitem", "orders", "part", "supplier"} else None


def test_joins_and_filters_are_counted_once_per_query() -> None:
    shape = query_shape(
        "SELECT 1 FROM tpch.orders o, tpch.lineitem l1 WHERE o.o_orderkey = l1.l_orderkey"
        " AND o.o_orderkey = l1.l_orderkey AND date '1995-01-01' <= o.o_orderdate"
        " AND o.o_orderdate < date '1995-01-01' + interval '3 months'"
        " AND l1.l_shipmode IN ('AIR') AND l1.l_quantity BETWEEN 1 AND 5"
        " AND l1.l_commitdate < l1.l_receiptdate"
        " AND EXISTS (SELECT 1 FROM tpch.lineitem l2 WHERE l2.l_orderkey = l1.l_orderkey)",
        resolve,
    )
    assert shape is not None
    assert [p.describe() for p in shape.joins] == [
        "tpch.lineitem.l_orderkey = tpch.orders.o_orderkey"
    ]
    uses = {(f.column, f.is_range, f.temporal) for f in shape.filters}
    assert uses == {
        ("o_orderdate", True, True),
        ("l_shipmode", False, False),
        ("l_quantity", True, False),
    }
    assert query_shape("SELECT (((", resolve) is None


def test_history_with_a_schema_filter_drops_only_other_local_schemas() -> None:
    assert schemas_named("SELECT * FROM tpch.lineitem l JOIN rs_demo.x ON 1 = 1") == {
        "tpch",
        "rs_demo",
    }
    assert _only_in("SELECT * FROM tpch.lineitem", {"tpch"})
    assert not _only_in("SELECT * FROM tpch.lineitem l JOIN rs_demo.x ON 1 = 1", {"tpch"})
    assert not _only_in("SELECT * FROM spectrum.sales", {"tpch"})  # external: kept
    assert not _only_in("SELECT * FROM lineitem", {"tpch"})  # search_path: kept
    assert not _only_in("SELECT (((", {"tpch"})


def test_skew_estimate_from_the_value_spread() -> None:
    even = RsColumnValues("t", "k", rows=120_000, distinct_values=30_000, top_rows=4)
    assert even.skew_estimate(4) == pytest.approx(1.03, abs=0.01)
    hot = RsColumnValues("t", "k", rows=120_000, distinct_values=2_001, top_rows=60_000)
    skew = hot.skew_estimate(4)
    assert skew is not None and skew > 5
    few = RsColumnValues("t", "k", rows=3_000, distinct_values=25, top_rows=120)
    few_skew = few.skew_estimate(4)
    assert few_skew is not None and few_skew > 4  # 25 values hashed to 4 slices
    assert RsColumnValues("t", "k", rows=5, distinct_values=3, top_rows=2).skew_estimate(4) is None


# --- live: the tpch schema of the emulation ----------------------------------------------------

live = pytest.mark.postgres


@pytest.fixture(scope="module")
def tpch(emulation: str) -> RsSnapshot:
    return read_redshift(RedshiftSource(dsn=emulation, schemas=("tpch",)))


@live
def test_tpch_is_read_only_when_asked_for(emulation: str, tpch: RsSnapshot) -> None:
    assert tpch.notes == ()
    assert {t.schema for t in tpch.tables} == {"tpch"} and len(tpch.tables) == 8
    assert tpch.workload is not None
    texts = [q.query_text for q in tpch.workload.queries]
    assert len([t for t in texts if "tpch." in t]) == 12
    assert not any(schemas_named(t) == {"rs_demo"} for t in texts)
    demo = read_redshift(RedshiftSource(dsn=emulation, schemas=("rs_demo",)))
    assert not any(t.schema == "tpch" for t in demo.tables)
    assert demo.workload is not None
    assert not any("tpch." in q.query_text for q in demo.workload.queries)
    assert not any(v.table.startswith("tpch.") for v in demo.column_values)


@live
def test_tpch_relative_sizes_and_the_measured_trap(tpch: RsSnapshot) -> None:
    rows = {t.table: t.tbl_rows for t in tpch.tables}
    assert rows == {
        "lineitem": 120_000,
        "orders": 30_000,
        "partsupp": 16_000,
        "part": 4_000,
        "customer": 3_000,
        "supplier": 200,
        "nation": 25,
        "region": 5,
    }
    assert tpch.slices == 4
    orderkey = tpch.values("tpch.lineitem", "l_orderkey")
    assert orderkey is not None and orderkey.distinct_values == 30_000
    partkey = tpch.values("tpch.lineitem", "l_partkey")
    assert partkey is not None and partkey.top_rows == 60_000
    skew = partkey.skew_estimate(tpch.slices)
    assert skew is not None and skew >= 4


@live
def test_tpch_proposals_are_the_experts(tpch: RsSnapshot) -> None:
    choices = {c.table: c for c in recommend(tpch, **options())}
    assert choices["tpch.lineitem"].distkey == "l_orderkey"
    assert choices["tpch.orders"].distkey == "o_orderkey"
    for small in ("tpch.nation", "tpch.region", "tpch.supplier"):
        assert choices[small].distkey == ALL, small
    for large in ("tpch.customer", "tpch.part", "tpch.partsupp"):
        assert choices[large].distkey is None, large  # AUTO: no collocated join to win
    assert choices["tpch.lineitem"].sortkey == "l_shipdate"
    assert choices["tpch.orders"].sortkey == "o_orderdate"
    assert [c for c, _ in choices["tpch.lineitem"].rejected] == ["l_partkey"]


@live
def test_tpch_findings_carry_the_evidence(tpch: RsSnapshot) -> None:
    found = w30(tpch)
    assert set(found) == {
        "tpch.lineitem",
        "tpch.orders",
        "tpch.nation",
        "tpch.region",
        "tpch.supplier",
        "tpch.customer",
    }
    lineitem = found["tpch.lineitem"]
    evidence = lineitem.evidence.as_dict()
    assert evidence["proposed"] == "l_orderkey" and evidence["sortkey"] == "l_shipdate"
    assert evidence["joins_collocated"] == (
        "tpch.lineitem.l_orderkey = tpch.orders.o_orderkey (132 runs)"
    )
    # 132 runs of the nine queries joining on the order key x orders' 4 MB.
    assert evidence["redistributed_mb_saved"] == 132 * 4
    assert evidence["distkey_skew_estimate"] == pytest.approx(1.03, abs=0.01)
    assert evidence["slices"] == 4
    assert str(evidence["rejected"]).startswith("l_partkey: estimated skew 5.")
    assert "not l_partkey: estimated skew" in lineitem.message
    assert lineitem.fix is not None and lineitem.fix.content == (
        "ALTER TABLE tpch.lineitem ALTER DISTSTYLE KEY DISTKEY l_orderkey;\n"
        "ALTER TABLE tpch.lineitem ALTER COMPOUND SORTKEY (l_shipdate);"
    )
    orders = found["tpch.orders"]
    assert orders.fix is not None and orders.fix.content == (
        "ALTER TABLE tpch.orders ALTER DISTSTYLE KEY DISTKEY o_orderkey;\n"
        "ALTER TABLE tpch.orders ALTER COMPOUND SORTKEY (o_orderdate);"
    )
    for small in ("tpch.nation", "tpch.region", "tpch.supplier"):
        fix = found[small].fix
        assert fix is not None and fix.content == f"ALTER TABLE {small} ALTER DISTSTYLE ALL;"
        saved = found[small].evidence.as_dict()["redistributed_mb_saved"]
        assert isinstance(saved, int) and saved > 0
    customer = found["tpch.customer"]
    assert customer.fix is not None
    assert customer.fix.content.startswith("ALTER TABLE tpch.customer ALTER DISTSTYLE AUTO;")
    assert "DISTKEY c_nationkey skews rows 4.3x" in customer.message


@live
def test_without_the_measured_spread_the_trap_wins(tpch: RsSnapshot) -> None:
    blind = replace(tpch, column_values=())
    choices = {c.table: c for c in recommend(blind, **options())}
    assert choices["tpch.lineitem"].distkey == "l_partkey"  # what the skew check prevents


@live
def test_tpch_config_file_gives_the_same_findings(tpch: RsSnapshot) -> None:
    config = load_config(TPCH_CONFIG, start=ROOT)
    found = analyze_redshift(tpch, config, families=("redshift.workload",)).findings
    assert {f.object for f in found if f.rule_id == "RS-W30"} == set(w30(tpch))


@live
def test_whatif_on_the_tpch_order_key(emulation: str) -> None:
    runner = CliRunner()
    base = ["whatif", "--redshift", emulation, "--schema", "tpch"]
    alone = runner.invoke(cli, [*base, "--distkey", "tpch.lineitem=l_orderkey"])
    assert alone.exit_code == 0, alone.output
    # orders is still KEY(o_custkey): keying lineitem alone collocates nothing.
    assert "1% now, 1% after" in alone.output
    assert "about 0 MB" in alone.output
    assert "Skew of tpch.lineitem.l_orderkey, estimated from its values on the cluster: 1.03" in (
        alone.output
    )
    both = runner.invoke(
        cli, [*base, "--distkey", "tpch.lineitem=l_orderkey", "--distkey", "tpch.orders=o_orderkey"]
    )
    assert both.exit_code == 0, both.output
    assert "1% now, 36% after" in both.output
    assert (
        "collocated: tpch.lineitem.l_orderkey = tpch.orders.o_orderkey "
        "(weight 528: 9 queries, 132 runs)" in both.output
    )
    assert "Data no longer redistributed: about 528 MB" in both.output
    trap = runner.invoke(
        cli, [*base, "--distkey", "tpch.lineitem=l_partkey", "--distkey", "tpch.part=p_partkey"]
    )
    assert trap.exit_code == 0, trap.output
    assert "Skew of tpch.lineitem.l_partkey" in trap.output
    assert "too skewed for a DISTKEY" in trap.output


@live
def test_tpch_snapshot_round_trips_with_the_measured_values(
    tpch: RsSnapshot, tmp_path: Path
) -> None:
    from connectors.snapshot import load_redshift, save

    path = tmp_path / "tpch.json"
    save(path, redshift=tpch)
    loaded = load_redshift(path)
    assert loaded == tpch
    assert loaded is not None and w30(loaded) == w30(tpch)

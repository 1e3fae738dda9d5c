"""RS-P rules on the verbatim AWS plans (rulebook section 4) and on small planted plans."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from advisor.cli import cli
from advisor.config import Config
from advisor.live import analyze_plan_files, analyze_redshift
from advisor.model import Finding
from advisor.model_redshift import RsSnapshot, RsTableStats
from advisor.sql.explain import parse_plan, parse_plans
from rules.redshift.plan.collocated_joins import collocated

PLANS = Path(__file__).resolve().parents[2] / "examples" / "redshift" / "plans"


def file_findings(name: str) -> list[Finding]:
    return analyze_plan_files([PLANS / f"{name}.txt"], Config()).findings


def text_findings(text: str) -> list[Finding]:
    snapshot = RsSnapshot(plans=tuple(parse_plans(text, "p.txt")))
    return analyze_redshift(snapshot, Config(), families=("redshift.plan",)).findings


def ids(findings: list[Finding]) -> Counter[str]:
    return Counter(f.rule_id for f in findings)


def test_4_1_before_two_broadcasts_and_one_collocated_join() -> None:
    found = file_findings("c_data_redistribution_before")
    assert ids(found) == Counter({"RS-P01": 2, "RS-P06": 1})
    assert [f.location.line for f in found if f.rule_id == "RS-P01" and f.location] == [1, 3]
    plan = parse_plan((PLANS / "c_data_redistribution_before.txt").read_text())
    assert len(collocated(plan)) == 1


def test_4_1_after_three_collocated_joins_and_no_findings() -> None:
    assert file_findings("c_data_redistribution_after") == []
    plan = parse_plan((PLANS / "c_data_redistribution_after.txt").read_text())
    assert len(collocated(plan)) == 3


def test_4_2_broadcast_of_category_gets_diststyle_all() -> None:
    [hit] = file_findings("hash_join_broadcast")
    assert hit.rule_id == "RS-P01" and hit.object == "category"
    assert hit.fix is not None and hit.fix.content == "ALTER TABLE category ALTER DISTSTYLE ALL;"
    assert hit.evidence.as_dict()["inner_rows"] == 11
    assert hit.evidence.as_dict()["inner_column"] == "catid"


def test_4_2_large_inner_side_gets_a_shared_distkey() -> None:
    text = (PLANS / "hash_join_broadcast.txt").read_text()
    snapshot = RsSnapshot(plans=tuple(parse_plans(text)))
    config = Config(rule_options={"RS-P01": {"all_max_rows": 5}})
    [hit] = analyze_redshift(snapshot, config, families=("redshift.plan",)).findings
    assert hit.fix is not None
    assert hit.fix.content == (
        "ALTER TABLE event ALTER DISTSTYLE KEY DISTKEY catid;\n"
        "ALTER TABLE category ALTER DISTSTYLE KEY DISTKEY catid;"
    )


def test_4_3_outer_redistribution() -> None:
    [hit] = file_findings("r_explain_dist_outer")
    assert hit.rule_id == "RS-P04" and hit.object == "event"
    assert hit.fix is not None
    assert hit.fix.content == "ALTER TABLE event ALTER DISTSTYLE KEY DISTKEY venueid;"


def test_4_4_broadcast_under_aggregate_and_sort() -> None:
    [hit] = file_findings("join_aggregate_sort")
    assert hit.rule_id == "RS-P01" and hit.object == "event"
    assert hit.location is not None and hit.location.line == 13


JOIN = (
    "XN Hash Join {dist}  (cost=2.52..58653620.93 rows=8712 width=43)\n"
    '  Hash Cond: ("outer".venueid = "inner".venueid)\n'
    "  ->  XN Seq Scan on event  (cost=0.00..87.98 rows=8798 width=23)\n"
    "  ->  XN Hash  (cost=2.02..2.02 rows=202 width=22)\n"
    "        ->  XN Seq Scan on venue  (cost=0.00..2.02 rows=202 width=22)\n"
)


def test_each_distribution_attribute_has_its_rule_and_none_is_clean() -> None:
    expected = {
        "DS_DIST_BOTH": ("RS-P02", "ALTER TABLE venue ALTER DISTSTYLE KEY DISTKEY venueid;"),
        "DS_DIST_INNER": ("RS-P03", "ALTER TABLE venue ALTER DISTSTYLE KEY DISTKEY venueid;"),
        "DS_DIST_OUTER": ("RS-P04", "ALTER TABLE event ALTER DISTSTYLE KEY DISTKEY venueid;"),
        "DS_DIST_ALL_INNER": ("RS-P05", "ALTER TABLE event ALTER DISTSTYLE KEY DISTKEY venueid;"),
    }
    for dist, (rule_id, sql) in expected.items():
        [hit] = text_findings(JOIN.format(dist=dist))
        assert hit.rule_id == rule_id
        assert hit.fix is not None and sql in hit.fix.content
    assert text_findings(JOIN.format(dist="DS_DIST_NONE")) == []
    assert text_findings(JOIN.format(dist="DS_DIST_ALL_NONE")) == []


def test_nested_loop_node_and_trailer() -> None:
    loop = (
        "XN Nested Loop DS_BCAST_INNER  (cost=3296.97..3034286371.20 rows=181000 width=62)\n"
        "  ->  XN Seq Scan on event  (cost=0.00..87.98 rows=8798 width=35)\n"
        "  ->  XN Seq Scan on category  (cost=0.00..0.11 rows=11 width=49)\n"
    )
    found = text_findings(loop)
    assert ids(found) == Counter({"RS-P07": 1, "RS-P01": 1})
    trailer = (
        "XN Seq Scan on t  (cost=0.00..1.00 rows=100 width=4)\n"
        "----- Nested Loop Join in the query plan - review the join predicates to avoid "
        "Cartesian products -----\n"
    )
    assert ids(text_findings(trailer)) == Counter({"RS-P07": 1})
    assert text_findings("XN Seq Scan on t  (cost=0.00..1.00 rows=100 width=4)\n") == []


def test_missing_statistics_trailer_gives_analyze() -> None:
    text = (
        "XN Seq Scan on t  (cost=0.00..1.00 rows=100 width=4)\n"
        "----- Tables missing statistics: t, s.u -----\n"
        "----- Update statistics by running the ANALYZE command on these tables -----\n"
    )
    [hit] = text_findings(text)
    assert hit.rule_id == "RS-P08"
    assert hit.fix is not None
    assert hit.fix.content == "ANALYZE t PREDICATE COLUMNS;\nANALYZE s.u PREDICATE COLUMNS;"


SPECTRUM = (
    "XN S3 Query Scan sales  (cost=0.00..8.00 rows=100 width=8)\n"
    "{filter}"
    '  ->  S3 Seq Scan spectrum.sales location:"s3://b/s" format:{fmt}  '
    "(cost=0.00..5.00 rows=1000 width=8)\n"
)


def test_spectrum_filter_and_text_format() -> None:
    bad = SPECTRUM.format(filter="  Filter: (upper(region) = 'EU'::text)\n", fmt="TEXT")
    assert ids(text_findings(bad)) == Counter({"RS-P12": 1, "RS-P13": 1})
    assert text_findings(SPECTRUM.format(filter="", fmt="PARQUET")) == []


def test_secure_scan_is_reported() -> None:
    text = (
        "XN RLS SecureScan saleview  (cost=0.00..4.50 rows=100 width=8)\n"
        "  ->  XN Seq Scan on sales  (cost=0.00..3.50 rows=350 width=8)\n"
    )
    assert ids(text_findings(text)) == Counter({"RS-P15": 1})


def test_explain_command_formats_and_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    target = PLANS / "hash_join_broadcast.txt"
    result = runner.invoke(cli, ["explain", str(target), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert '"RS-P01"' in result.output
    clean = runner.invoke(cli, ["explain", str(PLANS / "c_data_redistribution_after.txt")])
    assert clean.exit_code == 0, clean.output
    out = tmp_path / "r.sarif"
    sarif = runner.invoke(cli, ["explain", str(target), "--format", "sarif", "-o", str(out)])
    assert sarif.exit_code == 1 and '"ruleId": "RS-P01"' in out.read_text()
    ignored = runner.invoke(cli, ["explain", str(target), "--ignore", "RS-P01"])
    assert ignored.exit_code == 0, ignored.output


SCAN = "XN Seq Scan on sales  (cost=0.00..1724.56 rows=172456 width=24)\n"
FILTERED = SCAN + "  Filter: (saletime > '2008-12-01 00:00:00'::timestamp without time zone)\n"


def test_full_scan_of_a_large_table_needs_the_catalog(tmp_path: Path) -> None:
    catalog = RsSnapshot(
        tables=(
            RsTableStats(schema="tickit", table="sales", tbl_rows=9_000_000, sortkey1="saletime"),
        )
    )
    plan = tmp_path / "scan.txt"
    plan.write_text(SCAN)
    assert analyze_plan_files([plan], Config()).findings == []
    [hit] = analyze_plan_files([plan], Config(), catalog).findings
    assert (hit.rule_id, hit.object) == ("RS-P11", "tickit.sales")
    assert hit.fix is not None and "saletime" in hit.fix.title
    plan.write_text(FILTERED)
    assert analyze_plan_files([plan], Config(), catalog).findings == []
    small = RsSnapshot(tables=(RsTableStats(schema="tickit", table="sales", tbl_rows=1000),))
    plan.write_text(SCAN)
    assert analyze_plan_files([plan], Config(), small).findings == []


def test_explain_command_takes_a_catalog_snapshot(tmp_path: Path) -> None:
    from connectors.snapshot import save

    snap = tmp_path / "snap.json"
    save(
        snap,
        redshift=RsSnapshot(
            tables=(RsTableStats(schema="tickit", table="sales", tbl_rows=9_000_000),)
        ),
    )
    plan = tmp_path / "scan.txt"
    plan.write_text(SCAN)
    result = CliRunner().invoke(
        cli, ["explain", str(plan), "--snapshot", str(snap), "--format", "json"]
    )
    assert result.exit_code == 1, result.output
    assert '"RS-P11"' in result.output


HASH_NONE = (
    "XN Hash Join DS_DIST_NONE  (cost=2399.22..107453.87 rows=172456 width=34)\n"
    '  Hash Cond: ("outer".listid = "inner".listid)\n'
    "  ->  XN Seq Scan on listing  (cost=0.00..1924.97 rows=192497 width=14)\n"
    "  ->  XN Hash  (cost=1724.56..1724.56 rows=172456 width=24)\n"
    "        ->  XN Seq Scan on sales  (cost=0.00..1724.56 rows=172456 width=24)\n"
)


def _catalog(listing_sort: str, sales_style: str = "KEY(listid)") -> RsSnapshot:
    return RsSnapshot(
        tables=(
            RsTableStats("tickit", "listing", diststyle="KEY(listid)", sortkey1=listing_sort),
            RsTableStats("tickit", "sales", diststyle=sales_style, sortkey1="listid"),
        )
    )


def test_collocated_hash_join_on_distkeys_could_be_a_merge_join(tmp_path: Path) -> None:
    plan = tmp_path / "join.txt"
    plan.write_text(HASH_NONE)
    [hit] = analyze_plan_files([plan], Config(), _catalog("listtime")).findings
    assert hit.rule_id == "RS-P09" and hit.fix is not None
    assert hit.fix.content == "ALTER TABLE tickit.listing ALTER COMPOUND SORTKEY (listid);"
    assert analyze_plan_files([plan], Config(), _catalog("listid")).findings == []
    assert analyze_plan_files([plan], Config(), _catalog("listtime", "EVEN")).findings == []
    assert analyze_plan_files([plan], Config()).findings == []

"""RS-P10 (hash aggregate on a sort-key GROUP BY) and RS-P14 (Spectrum partitions not pruned):
offline on parsed plan text, through `advisor explain` with DDL or a snapshot, and live."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli import cli
from advisor.config import Config
from advisor.live import analyze_plan_files, analyze_redshift, ddl_columns
from advisor.model import Finding, FixKind, FixSafety
from advisor.model_redshift import RsExternalColumn, RsKeyColumn, RsSnapshot, RsTableStats
from advisor.sql.explain import parse_plan, parse_plans
from connectors.redshift import RedshiftSource, read_redshift

DATA = Path(__file__).with_name("data")
PLANS = DATA / "grouped_and_spectrum_plans.txt"
DDL = DATA / "grouped_and_spectrum_ddl.sql"

ORDERS_KEYS = (
    RsKeyColumn("rs_demo", "orders_by_customer", "customer_id", distkey=True, sortkey=1),
    RsKeyColumn("rs_demo", "orders_by_customer", "region", sortkey=2),
    RsKeyColumn("rs_demo", "orders_by_customer", "ordered_at", sortkey=3),
)
SALES_PARTS = (RsExternalColumn("spectrum", "sales_by_month", "sale_month", "varchar(7)", 1),)

HASH_AGG = """EXPLAIN {statement}
 XN HashAggregate  (cost=300.00..302.50 rows=1000 width=20)
   ->  XN Seq Scan on orders_by_customer  (cost=0.00..200.00 rows=20000 width=20)
"""

S3_SCAN = (
    'S3 Seq Scan spectrum.sales_by_month location:"s3://b/sales" format:PARQUET'
    "  (cost=0.00..37500000.00 rows=3000000000 width=0)"
)
NO_PARTITION_STEP = f"""XN Aggregate  (cost=45000045.00..45000045.01 rows=1 width=8)
  ->  XN S3 Query Scan sales_by_month  (cost=45000000.00..45000010.00 rows=1000 width=8)
        ->  {S3_SCAN}
"""
INFO = "XN Seq Scan PartitionInfo of spectrum.sales_by_month sm  (cost=0.00..1.00 rows=1 width=0)"
PARTITION_LOOP = f"""XN Aggregate  (cost=90000045.00..90000045.01 rows=1 width=8)
  ->  XN Partition Loop  (cost=90000000.00..90000035.00 rows=1000 width=8)
        ->  {INFO}
{{filter}}        ->  XN S3 Query Scan sm  (cost=45000000.00..45000010.00 rows=1000 width=8)
              ->  {S3_SCAN}
"""
PARTITION_FILTER = "              Filter: ((sale_month)::text >= '2026-01'::text)\n"


def run(text: str, **snapshot: object) -> list[Finding]:
    plans = tuple(parse_plans(text, "p.txt"))
    return analyze_redshift(
        RsSnapshot(plans=plans, **snapshot),  # type: ignore[arg-type]
        Config(select=("RS-P10", "RS-P14")),
        families=("redshift.plan",),
    ).findings


def grouped(statement: str, **snapshot: object) -> list[Finding]:
    return run(HASH_AGG.format(statement=statement), **snapshot)


# --- the parser ---------------------------------------------------------------------------------


def test_partition_info_step_names_its_table_and_keeps_its_filter() -> None:
    plan = parse_plan(PARTITION_LOOP.format(filter=PARTITION_FILTER))
    loop = plan.root.children[0]
    assert loop.operator == "Partition Loop" and len(loop.children) == 2
    info, s3 = loop.children
    assert (info.operator, info.relation, info.alias) == (
        "Seq Scan PartitionInfo",
        "spectrum.sales_by_month",
        "sm",
    )
    assert info.detail("Filter") == "((sale_month)::text >= '2026-01'::text)"
    assert s3.operator == "S3 Query Scan" and s3.children[0].relation == "spectrum.sales_by_month"


# --- RS-P14 -------------------------------------------------------------------------------------


def test_scan_without_a_partition_step_fires_and_names_the_partition_column() -> None:
    [hit] = run(NO_PARTITION_STEP, partition_columns=SALES_PARTS)
    assert hit.rule_id == "RS-P14" and hit.object == "spectrum.sales_by_month"
    assert "sale_month" in hit.message and hit.location is not None
    assert hit.location.line == 3  # the S3 Seq Scan, there being no partition step
    assert hit.fix is not None and "WHERE on sale_month" in hit.fix.title
    assert hit.evidence.as_dict()["partition_columns"] == "sale_month"


def test_partition_step_without_filter_fires_on_that_step() -> None:
    [hit] = run(PARTITION_LOOP.format(filter=""), partition_columns=SALES_PARTS)
    assert hit.rule_id == "RS-P14" and hit.location is not None and hit.location.line == 3
    assert "PartitionInfo step with no filter" in hit.message


def test_filtered_partition_step_is_pruning() -> None:
    assert run(PARTITION_LOOP.format(filter=PARTITION_FILTER), partition_columns=SALES_PARTS) == []


def test_unknown_or_unpartitioned_tables_are_left_alone() -> None:
    assert run(NO_PARTITION_STEP) == []
    other = (RsExternalColumn("spectrum", "clicks_by_day", "click_date", "date", 1),)
    assert run(NO_PARTITION_STEP, partition_columns=other) == []


def test_several_partition_columns_are_all_named_in_key_order() -> None:
    parts = (
        RsExternalColumn("spectrum", "sales_by_month", "region", "varchar(8)", 2),
        RsExternalColumn("spectrum", "sales_by_month", "sale_month", "varchar(7)", 1),
    )
    [hit] = run(NO_PARTITION_STEP, partition_columns=parts)
    assert "partition columns sale_month, region" in hit.message


# --- RS-P10 -------------------------------------------------------------------------------------

GAP = "SELECT customer_id, ordered_at, count(*) FROM rs_demo.orders_by_customer GROUP BY 1, 2;"


def test_group_by_skipping_a_sort_key_column_gets_the_prefix_rewrite() -> None:
    [hit] = grouped(GAP, key_columns=ORDERS_KEYS)
    assert hit.rule_id == "RS-P10" and hit.object == "rs_demo.orders_by_customer"
    assert "skips sort-key column region" in hit.message
    assert hit.fix is not None and hit.fix.safety is FixSafety.UNSAFE
    assert hit.fix.kind is FixKind.SQL
    assert hit.fix.content.splitlines()[-4:] == [
        "GROUP BY",
        "  customer_id,",
        "  region,",
        "  ordered_at;",
    ]
    assert hit.evidence.as_dict()["keys_from"] == "key columns"


def test_group_by_on_the_prefix_still_hashed_is_reported_without_a_rewrite() -> None:
    statement = (
        "SELECT c AS cust, region, count(*) FROM "
        "(SELECT customer_id AS c, region FROM rs_demo.orders_by_customer GROUP BY c, region) q "
        "GROUP BY 1, 2"
    )
    [hit] = grouped(statement, key_columns=ORDERS_KEYS)
    assert "is the sort-key prefix" in hit.message
    assert hit.fix is not None and hit.fix.kind is FixKind.TEXT


@pytest.mark.parametrize(
    "statement",
    [
        # No DISTKEY in the GROUP BY.
        "SELECT region, count(*) FROM rs_demo.orders_by_customer GROUP BY region",
        # A column outside the sort key.
        "SELECT customer_id, total, count(*) FROM rs_demo.orders_by_customer GROUP BY 1, 2",
        # An expression.
        "SELECT customer_id, date_trunc('day', ordered_at), count(*) "
        "FROM rs_demo.orders_by_customer GROUP BY 1, 2",
        # No GROUP BY at all, or one on another table.
        "SELECT count(*) FROM rs_demo.orders_by_customer",
        "SELECT customer_id, count(*) FROM rs_demo.other GROUP BY customer_id",
        # Not SQL.
        "this is not ( sql",
    ],
)
def test_group_by_that_cannot_be_a_prefix_is_silent(statement: str) -> None:
    assert grouped(statement, key_columns=ORDERS_KEYS) == []


def test_group_by_without_the_first_sort_key_column_is_silent() -> None:
    day_first = (
        RsKeyColumn("rs_demo", "orders_by_customer", "ordered_at", sortkey=1),
        RsKeyColumn("rs_demo", "orders_by_customer", "customer_id", distkey=True, sortkey=2),
    )
    statement = "SELECT customer_id, count(*) FROM rs_demo.orders_by_customer GROUP BY 1"
    assert grouped(statement, key_columns=day_first) == []


def test_group_aggregate_is_already_one_phase() -> None:
    text = HASH_AGG.format(statement=GAP).replace("HashAggregate", "GroupAggregate")
    assert run(text, key_columns=ORDERS_KEYS) == []


def test_unknown_keys_and_interleaved_keys_are_silent() -> None:
    assert grouped(GAP) == []
    interleaved = (
        RsKeyColumn("rs_demo", "orders_by_customer", "customer_id", distkey=True, sortkey=1),
        RsKeyColumn("rs_demo", "orders_by_customer", "region", sortkey=-2),
        RsKeyColumn("rs_demo", "orders_by_customer", "ordered_at", sortkey=3),
    )
    assert grouped(GAP, key_columns=interleaved) == []


def test_svv_table_info_alone_judges_a_group_by_on_sortkey1_only() -> None:
    stats = RsTableStats(
        "rs_demo", "orders_by_customer", diststyle="KEY(customer_id)", sortkey1="customer_id"
    )
    one = "SELECT customer_id, count(*) FROM rs_demo.orders_by_customer GROUP BY customer_id"
    [hit] = grouped(one, tables=(stats,))
    assert hit.evidence.as_dict()["keys_from"] == "svv_table_info"
    # The second sort-key column is unknown there: no verdict on a longer GROUP BY.
    assert grouped(GAP, tables=(stats,)) == []
    auto = RsTableStats(
        "rs_demo",
        "orders_by_customer",
        diststyle="AUTO(KEY(customer_id))",
        sortkey1="AUTO(SORTKEY(customer_id))",
    )
    assert len(grouped(one, tables=(auto,))) == 1
    even = RsTableStats("rs_demo", "orders_by_customer", diststyle="EVEN", sortkey1="customer_id")
    assert grouped(one, tables=(even,)) == []


def test_aggregate_over_a_join_is_not_judged() -> None:
    text = """EXPLAIN SELECT o.customer_id, count(*) FROM rs_demo.orders_by_customer o
JOIN rs_demo.customers c ON c.customer_id = o.customer_id GROUP BY 1
 XN HashAggregate  (cost=300.00..302.50 rows=1000 width=20)
   ->  XN Hash Join DS_DIST_NONE  (cost=0.14..660.07 rows=8798 width=84)
         Hash Cond: ("outer".customer_id = "inner".customer_id)
         ->  XN Seq Scan on orders_by_customer  (cost=0.00..87.98 rows=8798 width=35)
         ->  XN Hash  (cost=0.11..0.11 rows=11 width=49)
               ->  XN Seq Scan on customers  (cost=0.00..0.11 rows=11 width=49)
"""
    assert run(text, key_columns=ORDERS_KEYS) == []


# --- saved plans: `advisor explain` with DDL or a snapshot --------------------------------------


def test_ddl_declares_keys_and_partition_columns(tmp_path: Path) -> None:
    keys, parts = ddl_columns([DDL])
    assert [(k.column, k.distkey, k.sortkey) for k in keys] == [
        ("customer_id", True, 1),
        ("region", False, 2),
        ("ordered_at", False, 3),
    ]
    assert parts == (RsExternalColumn("spectrum", "sales_by_month", "sale_month", part_key=1),)
    odd = tmp_path / "odd.sql"
    odd.write_text(
        "CREATE TABLE t (a INT, b INT) DISTKEY (a) INTERLEAVED SORTKEY (a, b);\nNOT SQL (;\n"
    )
    keys, parts = ddl_columns([odd])
    assert [(k.schema, k.column, k.sortkey) for k in keys] == [
        ("public", "a", -1),
        ("public", "b", -2),
    ]
    assert parts == ()


def _rules(found: list[Finding]) -> list[tuple[str, str | None, int | None]]:
    return [(f.rule_id, f.object, f.location.line if f.location else None) for f in found]


def test_saved_plans_with_their_statements_and_ddl() -> None:
    found = analyze_plan_files([PLANS], Config(), ddl=[DDL]).findings
    assert _rules(found) == [
        ("RS-P10", "rs_demo.orders_by_customer", 8),
        ("RS-P10", "rs_demo.orders_by_customer", 16),
        ("RS-P14", "spectrum.sales_by_month", 27),
    ]
    assert analyze_plan_files([PLANS], Config()).findings == []


def test_explain_command_takes_ddl_or_the_emulation_snapshot() -> None:
    runner = CliRunner()
    with_ddl = runner.invoke(cli, ["explain", str(PLANS), "--ddl", str(DDL), "--format", "json"])
    snapshot = DATA / "emulation_snapshot.json"
    with_snapshot = runner.invoke(
        cli, ["explain", str(PLANS), "--snapshot", str(snapshot), "--format", "json"]
    )
    plain = runner.invoke(cli, ["explain", str(PLANS)])
    assert with_ddl.exit_code == 1 and with_snapshot.exit_code == 1, with_ddl.output
    assert plain.exit_code == 0, plain.output

    def ids(text: str) -> list[tuple[str, str]]:
        data = json.loads(text[: text.rindex("}") + 1])
        return [(f["rule_id"], f["object"]) for f in data["findings"]]

    assert ids(with_ddl.stdout) == ids(with_snapshot.stdout)
    assert ids(with_ddl.stdout) == [
        ("RS-P10", "rs_demo.orders_by_customer"),
        ("RS-P10", "rs_demo.orders_by_customer"),
        ("RS-P14", "spectrum.sales_by_month"),
    ]


# --- live, on the emulation ---------------------------------------------------------------------


@pytest.mark.postgres
def test_live_read_has_key_and_partition_columns(emulation: str) -> None:
    snapshot = read_redshift(RedshiftSource(dsn=emulation, schemas=("rs_demo",)))
    assert {"svv_external_columns", "svv_redshift_columns"} <= set(snapshot.views)
    keys = [
        (k.column, k.distkey, k.sortkey)
        for k in snapshot.key_columns
        if k.table == "orders_by_customer"
    ]
    assert keys == [("customer_id", True, 1), ("region", False, 2), ("ordered_at", False, 3)]
    interleaved = {
        k.column: k.sortkey for k in snapshot.key_columns if k.table == "visits_interleaved"
    }
    assert sorted(interleaved.values(), key=abs) == [1, -2]
    assert all(k.schema == "rs_demo" for k in snapshot.key_columns)
    parts = {(p.qualified_name, p.column, p.part_key) for p in snapshot.partition_columns}
    assert ("spectrum.sales_by_month", "sale_month", 1) in parts
    assert all(p.part_key > 0 for p in snapshot.partition_columns)
    plan = next(p for p in snapshot.plans if p.query_id == 2004)
    assert "GROUP BY customer_id, ordered_at" in plan.statement
    found = analyze_redshift(snapshot, Config(select=("RS-P10", "RS-P14"))).findings
    assert sorted((f.rule_id, f.object) for f in found) == [
        ("RS-P10", "rs_demo.orders_by_customer"),
        ("RS-P14", "spectrum.sales_by_month"),
    ]


@pytest.mark.postgres
def test_without_the_column_views_the_rules_stay_silent_with_notes(
    rs_admin_dsn: str, emulation: str
) -> None:
    import psycopg

    role = "rs_no_columns"
    with psycopg.connect(rs_admin_dsn, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
            conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute(f"ALTER ROLE {role} PASSWORD 'no-columns-5b2f'")
        conn.execute(f"ALTER ROLE {role} SET search_path = redshift_emul, public")
        conn.execute(f"GRANT USAGE ON SCHEMA redshift_emul, rs_demo TO {role}")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA redshift_emul TO {role}")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA rs_demo TO {role}")
        conn.execute(f"REVOKE SELECT ON redshift_emul.svv_external_columns FROM {role}")
        conn.execute(f"REVOKE SELECT ON redshift_emul.svv_redshift_columns FROM {role}")
    target = emulation.replace("rs_reader", role).replace("rs-reader-7c41", "no-columns-5b2f")
    snapshot = read_redshift(RedshiftSource(dsn=target, schemas=("rs_demo",)))
    assert snapshot.key_columns == () and snapshot.partition_columns == ()
    assert any("svv_external_columns" in n for n in snapshot.notes)
    assert any("svv_redshift_columns" in n for n in snapshot.notes)
    # svv_table_info knows sortkey1 only: plan 2004 groups by two columns, so no verdict.
    found = analyze_redshift(snapshot, Config(select=("RS-P10", "RS-P14"))).findings
    assert found == []

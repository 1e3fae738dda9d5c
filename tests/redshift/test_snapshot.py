"""The Redshift rules offline, on a snapshot read from the system-view emulation.

The snapshot file was written by `advisor analyze --redshift DSN --save-snapshot` against the
emulation (`services/redshift_emulation.py`); the live tests check that a fresh read gives the
same findings.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from advisor.config import Config, load_config
from advisor.live import analyze_redshift
from advisor.model import Finding
from connectors.snapshot import load_redshift

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = Path(__file__).with_name("data") / "emulation_snapshot.json"
# The thresholds scaled to the emulation's table sizes: the demo's own configuration.
SMALL_TABLES = load_config(ROOT / "examples" / "redshift" / "live.toml").rule_options

# (rule, object) of every planted scenario; each fires exactly once.
PLANTED = {
    ("RS-C01", "rs_demo.customers_nostats"),
    ("RS-C02", "rs_demo.orders_stale"),
    ("RS-C03", "rs_demo.events_unsorted"),
    ("RS-C04", "rs_demo.events_unsorted"),
    ("RS-C05", "rs_demo.clicks_ghost"),
    ("RS-C06", "rs_demo.sales_skewed"),
    ("RS-C08", "rs_demo.visits_nosortkey"),
    ("RS-C09", "rs_demo.regions_sorted"),
    ("RS-C10", "rs_demo.regions_key"),
    ("RS-C11", "rs_demo.visits_all"),
    ("RS-C12", "rs_demo.logs_encoded_sortkey"),
    ("RS-C14", "rs_demo.pages_wide"),
    ("RS-C15", "rs_demo.visits_interleaved"),
    ("RS-C17", "rs_demo.sales_skewed"),
    ("RS-C22", "rs_demo.mv_daily_funnel"),
    ("RS-C24", "spectrum.clicks_raw"),
    ("RS-C25", "spectrum.clicks_raw"),
    ("RS-P01", "customers"),
    ("RS-P02", "events_sorted"),
    # The collocated twin of the broadcast plan joins orders_stale and customers on both their
    # DISTKEYs with a hash join: a merge join needs the join column as their sort key.
    ("RS-P09", "orders_stale"),
    ("RS-W01", "customers_nostats"),
    ("RS-W02", "events_unsorted"),
    ("RS-W03", "clicks_ghost"),
    ("RS-W05", "customers"),
    # 2,500,000 rows redistributed for an aggregation over sales_skewed; visits_all's alert
    # moved 300,000 (under the floor).
    ("RS-W04", "sales_skewed"),
    ("RS-W06", "pages_wide"),
    ("RS-W07", "events_unsorted"),
    ("RS-W08", "query 6001"),
    ("RS-W12", "query 1008003"),
    ("RS-W13", "clicks_ghost"),
    ("RS-W13", "events_unsorted"),
    # The cluster's WLM set-up: manual queues 6 and 7 with 25 slots, no SQA queue.
    ("RS-C28", "wlm"),
    ("RS-C30", "wlm"),
    ("RS-C31", "wlm"),
    # One query monitoring rule, on nested loops only; both queues have concurrency scaling off.
    ("RS-C32", "wlm"),
    ("RS-C33", "wlm"),
    ("RS-W14", "service_class 6"),
    ("RS-W15", "DDL statements"),
    ("RS-W20", "spectrum.clicks_raw"),
    ("RS-W21", "spectrum.clicks_raw"),
    ("RS-W22", "spectrum.sessions_passthrough"),
    ("RS-W23", "public.accounts"),
    # The two statements that took the most time (6 minutes each); 1002 took 80 seconds.
    ("RS-W28", "query 1001039"),
    ("RS-W28", "query 1003011"),
    # The join-graph key design: plan 2003 joins sales_even on seller_id, not its DISTKEY.
    ("RS-W30", "rs_demo.sales_even"),
    # Plan 2004 hashes a GROUP BY (customer_id, ordered_at) that skips sort-key column region.
    ("RS-P10", "rs_demo.orders_by_customer"),
    # Plan 2007 lists every partition of spectrum.sales_by_month (no filter on sale_month).
    ("RS-P14", "spectrum.sales_by_month"),
    # ATO gave up on the sort key and encoding of a table with manual keys.
    ("RS-C18", "rs_demo.logs_encoded_sortkey"),
    # Only the system (userid 1) scanned the archive table in the window.
    ("RS-C19", "rs_demo.sales_2019_archive"),
    ("RS-C26", "rs_demo.f_url_host"),
    # etl and reports hold 9,400 of the node's 10,000 MB of WLM memory.
    ("RS-C29", "wlm"),
    # etl's 15 slots never held more than one query; reports filled its 10 slots in a burst.
    ("RS-C34", "wlm queue etl"),
    # advisor_demo and sandbox ran queries in the same hours.
    ("RS-C35", "databases"),
    # svl_query_summary's slowest segments: a hash join making 12,000 rows per row returned,
    # a scan reading 200,000 per row returned, a step 62 times wider than the query's median.
    ("RS-W09", "query 6003"),
    ("RS-W10", "query 6005"),
    ("RS-W11", "query 6007"),
    # INSERT ... SELECT from an ALL table into one distributed on user_id.
    ("RS-W24", "rs_demo.visits_nosortkey"),
    ("RS-W25", "service_class 6 query_execution_time"),
    # Cluster-wide: 720 s on concurrency scaling in one hour, and a history of under an hour
    # (a cluster has one state each: their clean twins are tested on model objects).
    ("RS-W26", "concurrency scaling"),
    ("RS-W27", "cluster"),
    ("RS-W29", "sales_consumer"),
    # Loads: trickle INSERTs, one small file per COPY, plain CSV input, COPY ANALYZE; the twins
    # events_sorted, clicks_vacuumed, orders_fresh and visits_sorted load the clean way.
    ("RS-W16", "rs_demo.events_unsorted"),
    ("RS-W17", "rs_demo.clicks_ghost"),
    ("RS-W18", "rs_demo.orders_stale"),
    ("RS-W19", "rs_demo.visits_nosortkey"),
    # Storage: blocks on 2 of 4 slices, RAW columns, a skewed interleaved key, partly filled
    # blocks; a nearly full disk; a VACUUM that needed 140 sort partitions.
    ("RS-C07", "rs_demo.devices_bykey"),
    ("RS-C13", "rs_demo.readings_raw"),
    ("RS-C16", "rs_demo.visits_interleaved"),
    ("RS-C20", "rs_demo.events_fragmented"),
    ("RS-C27", "disk"),
    ("RS-C36", "rs_demo.events_unsorted"),
}
# The clean twins: no finding of the rule they are a twin for may name them (RS-W30 and RS-P09
# judge a join's keys as a whole, twins included).
TWINS = {
    "rs_demo.sales_even",
    "rs_demo.visits_sorted",
    "rs_demo.regions_all",
    "rs_demo.logs_raw_sortkey",
    "rs_demo.events_sorted",
    "rs_demo.orders_fresh",
    "rs_demo.customers",
    "rs_demo.clicks_vacuumed",
    "rs_demo.mv_daily_revenue",
    "orders_stale",
    "service_class 7",
    "spectrum.clicks_by_day",
    "spectrum.clicks_compacted",
    "clicks_vacuumed",
    "CTAS statements",
    "query 6002",
    "query 1002039",
    # Plan 2005 groups orders_by_day by its second sort-key column only (no prefix to use);
    # plan 2006 is already a GroupAggregate on orders_by_customer.
    "rs_demo.orders_by_day",
    # Plan 2008 prunes spectrum.returns_by_month on return_month.
    "spectrum.returns_by_month",
    "rs_demo.f_url_host_sql",
    "wlm queue reports",
    "query 6004",
    "query 6006",
    "query 6008",
    "service_class 7 query_execution_time",
    "marketing_consumer",
    "rs_demo.devices_even",
    "rs_demo.readings_encoded",
    "rs_demo.visits_reindexed",
    "rs_demo.events_compact",
    "visits_all",
}


WHOLE_JOIN_RULES = {"RS-W30", "RS-P09"}


def check_planted(found: list[Finding]) -> None:
    pairs = Counter((f.rule_id, f.object or "") for f in found)
    assert set(pairs) == PLANTED, (set(pairs) - PLANTED, PLANTED - set(pairs))
    assert all(n == 1 for n in pairs.values()), pairs
    assert not {f.object for f in found if f.rule_id not in WHOLE_JOIN_RULES} & TWINS


def test_snapshot_gives_every_planted_finding_and_none_on_twins() -> None:
    snapshot = load_redshift(SNAPSHOT)
    assert snapshot is not None
    check_planted(analyze_redshift(snapshot, Config(rule_options=SMALL_TABLES)).findings)


def test_default_thresholds_leave_small_tables_alone() -> None:
    snapshot = load_redshift(SNAPSHOT)
    assert snapshot is not None
    ids = {f.rule_id for f in analyze_redshift(snapshot, Config()).findings}
    assert not ids & {"RS-C03", "RS-C05", "RS-C06", "RS-C12"}
    assert {"RS-C01", "RS-C02", "RS-W14"} <= ids


def test_fixes_use_the_real_object_names() -> None:
    snapshot = load_redshift(SNAPSHOT)
    assert snapshot is not None
    report = analyze_redshift(snapshot, Config(rule_options=SMALL_TABLES))
    fixes = {f.rule_id: f.fix.content for f in report.findings if f.fix and f.fix.content}
    assert fixes["RS-C01"] == "ANALYZE rs_demo.customers_nostats PREDICATE COLUMNS;"
    assert fixes["RS-C02"] == "ANALYZE rs_demo.orders_stale PREDICATE COLUMNS;"
    assert fixes["RS-C03"] == "VACUUM SORT ONLY rs_demo.events_unsorted TO 99 PERCENT;"
    assert fixes["RS-C05"] == "VACUUM DELETE ONLY rs_demo.clicks_ghost;"
    assert fixes["RS-C06"] == "ALTER TABLE rs_demo.sales_skewed ALTER DISTSTYLE EVEN;"
    assert fixes["RS-C12"] == (
        "ALTER TABLE rs_demo.logs_encoded_sortkey ALTER COLUMN logged_at ENCODE RAW;"
    )
    assert fixes["RS-C04"].splitlines()[0] == (
        "CREATE TABLE rs_demo.events_unsorted_copy (LIKE rs_demo.events_unsorted);"
    )
    assert fixes["RS-C08"] == "ALTER TABLE rs_demo.visits_nosortkey ALTER SORTKEY AUTO;"
    assert fixes["RS-C09"] == "ALTER TABLE rs_demo.regions_sorted ALTER SORTKEY NONE;"
    assert fixes["RS-C10"] == "ALTER TABLE rs_demo.regions_key ALTER DISTSTYLE ALL;"
    assert fixes["RS-C11"] == "ALTER TABLE rs_demo.visits_all ALTER DISTSTYLE AUTO;"
    # The interleaved key's columns, from svv_redshift_columns, in their declared order.
    assert fixes["RS-C15"] == (
        "ALTER TABLE rs_demo.visits_interleaved ALTER COMPOUND SORTKEY (user_id, visited_at);"
    )
    assert fixes["RS-C17"] == (
        'ALTER TABLE "rs_demo"."sales_skewed" ALTER DISTSTYLE KEY DISTKEY "sale_id";'
    )
    assert fixes["RS-W01"] == "ANALYZE customers_nostats PREDICATE COLUMNS;"
    assert fixes["RS-W03"] == "VACUUM DELETE ONLY clicks_ghost;"

"""PG-C rules on model objects: each fires on its planted shape and is silent on a clean twin."""

from __future__ import annotations

from advisor.config import Config
from advisor.live import analyze_postgres
from advisor.model import Severity
from advisor.model_postgres import PgColumn, PgForeignKey, PgSettings
from postgres.factories import SETTINGS, findings, index, snapshot, stats, table


def test_c01_dead_rows_past_threshold() -> None:
    planted = table(stats=stats(n_dead_tup=5_000))
    clean = table(stats=stats(n_dead_tup=2_000))  # threshold is 50 + 0.2 * 10,000 = 2,050
    [hit] = findings(snapshot([planted]), "PG-C01")
    assert hit.fix is not None and hit.fix.content == "VACUUM (ANALYZE) public.orders;"
    assert hit.evidence.as_dict()["threshold"] == 2050
    assert findings(snapshot([clean]), "PG-C01") == []


def test_c01_reloptions_override_the_server() -> None:
    tuned = table(
        stats=stats(n_dead_tup=2_000), reloptions=(("autovacuum_vacuum_scale_factor", "0.01"),)
    )
    assert len(findings(snapshot([tuned]), "PG-C01")) == 1


def test_c02_stale_statistics() -> None:
    planted = table(stats=stats(n_mod_since_analyze=5_000))
    clean = table(stats=stats(n_mod_since_analyze=500))
    [hit] = findings(snapshot([planted]), "PG-C02")
    assert hit.fix is not None and hit.fix.content == "ANALYZE public.orders;"
    assert findings(snapshot([clean]), "PG-C02") == []


def test_c03_never_analyzed() -> None:
    planted = table(stats=stats(last_analyze=None))
    empty = table(stats=stats(last_analyze=None, n_live_tup=0), reltuples=0.0)
    [hit] = findings(snapshot([planted]), "PG-C03")
    assert hit.object == "public.orders"
    assert findings(snapshot([table(), empty]), "PG-C03") == []


def test_c04_autovacuum_off_for_a_table_and_for_the_server() -> None:
    planted = table(reloptions=(("autovacuum_enabled", "false"),))
    [hit] = findings(snapshot([planted, table("clean")]), "PG-C04")
    assert hit.object == "public.orders"
    assert hit.fix is not None and "RESET (autovacuum_enabled)" in hit.fix.content
    off = PgSettings(tuple((k, "off" if k == "autovacuum" else v) for k, v in SETTINGS.values))
    assert [f.object for f in findings(snapshot([table()], settings=off), "PG-C04")] == ["test"]
    assert findings(snapshot([table()]), "PG-C04") == []


def test_c05_wraparound() -> None:
    planted = table(frozen_xid_age=150_000_000)
    clean = table(frozen_xid_age=50_000_000)
    [hit] = findings(snapshot([planted]), "PG-C05")
    assert hit.fix is not None and hit.fix.content == "VACUUM (FREEZE) public.orders;"
    assert findings(snapshot([clean]), "PG-C05") == []


def test_c06_seq_scan_heavy() -> None:
    heavy = stats(seq_scan=500, seq_tup_read=500 * 50_000, idx_scan=3)
    planted = table(relpages=5_000, stats=heavy)
    indexed = table(
        relpages=5_000, stats=stats(seq_scan=500, seq_tup_read=500 * 50_000, idx_scan=90)
    )
    small = table(relpages=500, stats=heavy)
    [hit] = findings(snapshot([planted]), "PG-C06")
    assert hit.evidence.as_dict()["rows_per_seq_scan"] == 50_000
    assert findings(snapshot([indexed, small]), "PG-C06") == []


def test_c07_unused_index() -> None:
    unused = index("orders", "orders_status_idx", ["status"], idx_scan=0, size_bytes=5 << 20)
    used = index("orders", "orders_status_idx", ["status"], idx_scan=7, size_bytes=5 << 20)
    unique = index(
        "orders", "orders_status_idx", ["status"], idx_scan=0, size_bytes=5 << 20, unique=True
    )
    [hit] = findings(snapshot([table(indexes=(unused,))]), "PG-C07")
    assert (
        hit.fix is not None
        and hit.fix.content == "DROP INDEX CONCURRENTLY public.orders_status_idx;"
    )
    assert (
        findings(snapshot([table(indexes=(used,)), table("t2", indexes=(unique,))]), "PG-C07") == []
    )


def test_c08_redundant_prefix_and_duplicate() -> None:
    short = index("orders", "orders_customer_idx", ["customer_id"])
    wide = index("orders", "orders_customer_status_idx", ["customer_id", "status"])
    [hit] = findings(snapshot([table(indexes=(short, wide))]), "PG-C08")
    assert hit.object == "public.orders_customer_idx"
    twin = index("orders", "orders_customer_idx2", ["customer_id"])
    assert [f.object for f in findings(snapshot([table(indexes=(short, twin))]), "PG-C08")] == [
        "public.orders_customer_idx2"
    ]
    other = index("orders", "orders_status_idx", ["status"])
    partial = index(
        "orders", "orders_customer_status_idx", ["customer_id", "status"], predicate="x"
    )
    assert (
        findings(
            snapshot([table(indexes=(short, other)), table("t2", indexes=(short, partial))]),
            "PG-C08",
        )
        == []
    )


def test_c09_foreign_key_without_index() -> None:
    fk = PgForeignKey("orders_customer_id_fkey", ("customer_id",), "public.customers", ("id",))
    planted = table(foreign_keys=(fk,))
    clean = table(foreign_keys=(fk,), indexes=(index("orders", "oc", ["customer_id", "status"]),))
    [hit] = findings(snapshot([planted]), "PG-C09")
    assert hit.fix is not None
    assert hit.fix.content == "CREATE INDEX CONCURRENTLY ON public.orders (customer_id);"
    assert findings(snapshot([clean]), "PG-C09") == []


def test_c10_missing_primary_key_promotes_a_unique_index() -> None:
    planted = table(primary_key=())
    [hit] = findings(snapshot([planted, table("clean")]), "PG-C10")
    assert hit.object == "public.orders"
    keyed = table(primary_key=(), indexes=(index("orders", "orders_id_key", ["id"], unique=True),))
    [promote] = findings(snapshot([keyed]), "PG-C10")
    assert promote.fix is not None
    assert (
        promote.fix.content
        == "ALTER TABLE public.orders ADD PRIMARY KEY USING INDEX orders_id_key;"
    )


def test_c11_bloated_table() -> None:
    cols = (PgColumn("id", "bigint", True, 8, 0.0), PgColumn("body", "text", True, 100, 0.0))
    # 100,000 rows of 24 + 108 bytes (aligned to 136) plus a 4-byte line pointer.
    planted = table(columns=cols, reltuples=100_000.0, relpages=6_000)
    clean = table(columns=cols, reltuples=100_000.0, relpages=1_800)
    [hit] = findings(snapshot([planted]), "PG-C11")
    assert hit.evidence.as_dict()["expected_pages"] == 1_725  # 58 rows of 140 bytes a page
    assert findings(snapshot([clean]), "PG-C11") == []


def test_c12_low_cache_hit_ratio() -> None:
    planted = table(stats=stats(heap_blks_hit=20_000, heap_blks_read=80_000))
    clean = table(stats=stats(heap_blks_hit=980_000, heap_blks_read=20_000))
    [hit] = findings(snapshot([planted]), "PG-C12")
    assert hit.evidence.as_dict()["hit_ratio"] == 0.2
    assert findings(snapshot([clean]), "PG-C12") == []


def test_options_apply_when_the_server_settings_are_unknown() -> None:
    planted = snapshot([table(stats=stats(n_dead_tup=5_000))], settings=PgSettings())
    assert len(findings(planted, "PG-C01")) == 1
    assert findings(planted, "PG-C01", {"PG-C01": {"vacuum_threshold": 10_000}}) == []


def test_severity_override_and_ignore_come_from_the_config() -> None:
    planted = snapshot([table(stats=stats(n_dead_tup=5_000, last_analyze=None))])
    report = analyze_postgres(planted, Config(severity={"PG-C01": Severity.HIGH}))
    by_rule = {f.rule_id: f.severity for f in report.findings}
    assert by_rule["PG-C01"] is Severity.HIGH
    assert "PG-C03" in by_rule
    ignored = analyze_postgres(planted, Config(ignore=("PG-C03",)))
    assert "PG-C03" not in {f.rule_id for f in ignored.findings}

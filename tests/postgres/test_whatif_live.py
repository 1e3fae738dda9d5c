"""Index recommendations checked with HypoPG against the real server (`services/postgres.sh
install` installs the extension's package; no database has it until a session creates it).

Planted in a scratch database of its own: a foreign key whose index would make the lookup of
each deleted parent hundreds of times cheaper (PG-C09, gain), a foreign key on a column of two
values where the planner keeps its sequential scan (PG-C09, no gain), and a function that hides
an index (PG-P07 from an --explain file, gain). Every test checks that the database is left as
it was: no extension, no changed table counters, and (from the server's own statement log)
nothing sent but BEGIN ... ROLLBACK.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from service_support import REQUIRE, unavailable

from advisor.config import Config
from advisor.live import analyze_postgres, explain_requests
from advisor.model import Finding
from advisor.model_postgres import PgSnapshot, PgWorkload, WhatIfIndex, WhatIfStatement
from advisor.verify_pg import VerifyOptions, verify_findings
from connectors.postgres import PostgresSource, read_postgres
from connectors.postgres_whatif import check_indexes
from postgres.factories import statement
from postgres.test_read_only_log import _LOG_FILE, _log_end

pytestmark = pytest.mark.postgres

DATABASE = "advisor_hypo_whatif"

SCHEMA = """
CREATE SCHEMA hypo;
CREATE TABLE hypo.parent (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE hypo.child (
    id int PRIMARY KEY,
    parent_id int NOT NULL REFERENCES hypo.parent (id),
    note text NOT NULL
);
CREATE TABLE hypo.kind (id int PRIMARY KEY);
CREATE TABLE hypo.item (
    id int PRIMARY KEY,
    kind_id int NOT NULL REFERENCES hypo.kind (id),
    payload text NOT NULL
);
CREATE TABLE hypo.customer (id int PRIMARY KEY, email text NOT NULL);
CREATE INDEX customer_email_idx ON hypo.customer (email);
INSERT INTO hypo.parent SELECT g, 'p' || g FROM generate_series(1, 50000) g;
INSERT INTO hypo.child SELECT g, g % 50000 + 1, md5(g::text) FROM generate_series(1, 200000) g;
INSERT INTO hypo.kind VALUES (1), (2);
INSERT INTO hypo.item SELECT g, g % 2 + 1, md5(g::text) FROM generate_series(1, 100000) g;
INSERT INTO hypo.customer SELECT g, 'Customer' || g || '@example.com'
FROM generate_series(1, 100000) g;
ANALYZE hypo.parent, hypo.child, hypo.kind, hypo.item, hypo.customer;
"""

_ENTRY = re.compile(r"\[(\d+)\] LOG:\s+(?:statement|execute [^:]*):\s(.*)")

QUERIES = """-- PG-P07: lower() hides the index on email
SELECT id FROM hypo.customer WHERE lower(email) = 'customer17@example.com';
"""


@pytest.fixture(scope="module")
def whatif_dsn(admin_dsn: str) -> Iterator[str]:
    """The scratch database with the planted tables, dropped afterwards."""
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    target = make_conninfo(admin_dsn, dbname=DATABASE)
    with psycopg.connect(target, autocommit=True) as conn:
        conn.execute(SCHEMA)
    try:
        yield target
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


@pytest.fixture(scope="module")
def hypopg(admin_dsn: str) -> None:
    """HypoPG's files on the server (services/postgres.sh install puts them there)."""
    with psycopg.connect(admin_dsn) as conn:
        row = conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'hypopg'").fetchone()
    if row is None:
        unavailable("the server has no hypopg extension", "services/postgres.sh install")


def _source(dsn: str) -> PostgresSource:
    return PostgresSource(dsn=dsn, schemas=("hypo",), statement_timeout_ms=5000, deadline=60)


def _snapshot(dsn: str, tmp_path: Path) -> PgSnapshot:
    queries = tmp_path / "queries.sql"
    queries.write_text(QUERIES)
    return read_postgres(_source(dsn), explain_requests([queries]))


def _verified(
    dsn: str, snapshot: PgSnapshot, *, allow: bool
) -> tuple[dict[tuple[str, str], Finding], str]:
    report = analyze_postgres(snapshot, Config(select=("PG-C09", "PG-P07")))
    source = _source(dsn)
    findings, summary = verify_findings(
        report.findings,
        snapshot,
        lambda indexes: check_indexes(source, indexes, allow_extension=allow),
        VerifyOptions(allow_extension=allow),
    )
    return {(f.rule_id, f.object or ""): f for f in findings}, summary


def _state(dsn: str) -> tuple[object, ...]:
    """What a write would change: the extensions, the relations and the tables' counters."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SELECT pg_stat_clear_snapshot()")
        extensions = conn.execute("SELECT extname FROM pg_extension ORDER BY 1").fetchall()
        relations = conn.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'hypo'"
        ).fetchone()
        counters = conn.execute(
            "SELECT relname, seq_scan, idx_scan, n_tup_ins, n_tup_upd, n_tup_del, n_live_tup"
            " FROM pg_stat_user_tables WHERE schemaname = 'hypo' ORDER BY relname"
        ).fetchall()
    return tuple(extensions), relations, tuple(counters)


def _settled_state(dsn: str) -> tuple[object, ...]:
    """The state once the loader's counters have reached the statistics system."""
    previous = _state(dsn)
    for _ in range(50):
        time.sleep(0.1)
        current = _state(dsn)
        if current == previous:
            return current
        previous = current
    return previous


def test_foreign_key_index_gains_by_a_large_ratio(
    whatif_dsn: str, hypopg: None, tmp_path: Path
) -> None:
    before = _settled_state(whatif_dsn)
    found, summary = _verified(whatif_dsn, _snapshot(whatif_dsn, tmp_path), allow=True)
    hit = found[("PG-C09", "hypo.child")]
    facts = hit.evidence.as_dict()
    assert facts["whatif"] == "gain"
    assert facts["whatif_index"] == "CREATE INDEX ON hypo.child (parent_id)"
    assert isinstance(facts["cost_ratio"], float) and facts["cost_ratio"] > 50
    assert isinstance(facts["cost_before"], float) and isinstance(facts["cost_after"], float)
    assert facts["cost_before"] > 50 * facts["cost_after"]
    assert "lookup of foreign key child_parent_id_fkey" in str(facts["whatif_plans"])
    assert "; hypothetical index: cost " in hit.message and hit.message.endswith("x")
    assert "hypopg created" in summary
    assert _state(whatif_dsn) == before  # the extension went with the rollback


def test_an_index_the_planner_would_not_use_is_no_gain(
    whatif_dsn: str, hypopg: None, tmp_path: Path
) -> None:
    found, _ = _verified(whatif_dsn, _snapshot(whatif_dsn, tmp_path), allow=True)
    hit = found[("PG-C09", "hypo.item")]
    facts = hit.evidence.as_dict()
    assert facts["whatif"] == "no gain"
    assert facts["statements_using_index"] == 0
    assert "no gain (the planner does not use it)" in hit.message
    assert hit.severity.label == "medium"  # the finding stays as the rule made it


def test_expression_index_checked_on_the_explained_statement(
    whatif_dsn: str, hypopg: None, tmp_path: Path
) -> None:
    found, _ = _verified(whatif_dsn, _snapshot(whatif_dsn, tmp_path), allow=True)
    hit = found[("PG-P07", "hypo.customer")]
    facts = hit.evidence.as_dict()
    assert facts["whatif"] == "gain"
    assert facts["whatif_index"] == "CREATE INDEX ON hypo.customer ((lower(email)))"
    assert str(facts["whatif_plans"]).startswith(f"{tmp_path / 'queries.sql'}:2: ")
    assert "(uses the index)" in str(facts["whatif_plans"])


def test_history_statement_with_parameters_is_planned_generically(
    whatif_dsn: str, hypopg: None, tmp_path: Path
) -> None:
    snapshot = _snapshot(whatif_dsn, tmp_path)
    history = (
        statement(7, query="SELECT note FROM hypo.child WHERE parent_id = $1 AND note <> $2"),
        statement(8, query="SELECT count(*) FROM hypo.parent"),  # another table: not tried
    )
    from dataclasses import replace

    found, _ = _verified(whatif_dsn, replace(snapshot, workload=PgWorkload(history)), allow=True)
    plans = str(found[("PG-C09", "hypo.child")].evidence.as_dict()["whatif_plans"])
    assert "queryid 7: " in plans and "queryid 8" not in plans
    queryid_7 = plans.split("queryid 7: ")[1]
    assert queryid_7.endswith("(uses the index)")


def test_extension_missing_and_not_allowed_is_not_checked(
    whatif_dsn: str, hypopg: None, tmp_path: Path
) -> None:
    before = _settled_state(whatif_dsn)
    found, summary = _verified(whatif_dsn, _snapshot(whatif_dsn, tmp_path), allow=False)
    for hit in found.values():
        facts = hit.evidence.as_dict()
        assert facts["whatif"] == "not checked"
        assert "hypopg is not installed in database advisor_hypo_whatif" in str(
            facts["whatif_note"]
        )
        assert "--allow-extension hypopg" in hit.message
    assert "3 not checked" in summary and "hypopg missing" in summary
    assert _state(whatif_dsn) == before


def test_an_installed_extension_is_used_read_only(
    whatif_dsn: str, hypopg: None, tmp_path: Path
) -> None:
    with psycopg.connect(whatif_dsn, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION hypopg")
    try:
        found, summary = _verified(whatif_dsn, _snapshot(whatif_dsn, tmp_path), allow=False)
        assert found[("PG-C09", "hypo.child")].evidence.as_dict()["whatif"] == "gain"
        assert "hypopg installed" in summary
    finally:
        with psycopg.connect(whatif_dsn, autocommit=True) as conn:
            conn.execute("DROP EXTENSION hypopg")


def test_a_second_statement_in_the_text_is_never_run(whatif_dsn: str, hypopg: None) -> None:
    hostile = WhatIfStatement("hostile", "SELECT 1 FROM hypo.kind; DROP TABLE hypo.kind")
    run = check_indexes(
        _source(whatif_dsn),
        [WhatIfIndex("k", "CREATE INDEX ON hypo.kind (id)", (hostile,))],
        allow_extension=True,
    )
    [result] = run.results
    [cost] = result.costs
    assert cost.error is not None and "multiple commands" in cost.error
    with psycopg.connect(whatif_dsn) as conn:
        assert conn.execute("SELECT count(*) FROM hypo.kind").fetchone() == (2,)


def test_the_server_log_shows_only_a_rolled_back_session(
    whatif_dsn: str, hypopg: None, tmp_path: Path
) -> None:
    snapshot = _snapshot(whatif_dsn, tmp_path)
    admin = make_conninfo(whatif_dsn, dbname="postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        path_row = conn.execute(_LOG_FILE).fetchone()
        assert path_row is not None
        path = str(path_row[0])
        start = _log_end(conn, path)
        if start < 0:
            if os.environ.get(REQUIRE):
                pytest.fail(f"server log not found at {path}")
            pytest.skip(f"server log not found at {path} (not the services/ server?)")
        conn.execute(f"ALTER DATABASE {DATABASE} SET log_statement = 'all'")
    try:
        _verified(whatif_dsn, snapshot, allow=True)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"ALTER DATABASE {DATABASE} RESET log_statement")
            end = _log_end(conn, path)
            row = conn.execute(
                "SELECT pg_read_file(%s, %s, %s)", (path, start, max(0, end - start))
            ).fetchone()
    assert row is not None
    sent = _session_statements(str(row[0]))
    assert sent[0] == "BEGIN" and sent[-1] == "ROLLBACK"
    assert "COMMIT" not in sent
    kinds = {s.split()[0].upper() for s in sent}
    assert kinds <= {
        "BEGIN", "SELECT", "SET", "SAVEPOINT", "RELEASE", "ROLLBACK", "PREPARE", "EXPLAIN",
        "CREATE",
    }  # fmt: skip
    assert [s for s in sent if s.upper().startswith("CREATE")] == ["CREATE EXTENSION hypopg"]
    ro = sent.index("SET TRANSACTION READ ONLY")
    assert all(not s.startswith(("PREPARE", "EXPLAIN")) for s in sent[:ro])
    assert conninfo_to_dict(whatif_dsn)["dbname"] == DATABASE


def _session_statements(log: str) -> list[str]:
    """The statements the what-if session sent, by its server process id (other sessions of
    the shared server may log at the same time)."""
    by_pid: dict[str, list[str]] = {}
    pid = ""
    for line in log.splitlines():
        match = _ENTRY.search(line)
        if match:
            pid = match.group(1)
            by_pid.setdefault(pid, []).append(match.group(2).strip())
        elif pid and line.startswith("\t"):
            by_pid[pid][-1] += " " + line.strip()
        else:
            pid = ""
    [session] = [s for s in by_pid.values() if any("hypopg_create_index" in t for t in s)]
    return session


def test_analyze_verify_fixes_on_the_command_line(
    whatif_dsn: str, hypopg: None, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from advisor.cli import cli

    queries = tmp_path / "queries.sql"
    queries.write_text(QUERIES)
    before = _settled_state(whatif_dsn)
    args = ["analyze", "--dsn", whatif_dsn, "--schema", "hypo", "--explain", str(queries)]
    args += ["--select", "PG-C09,PG-P07", "--format", "json", "--verify-fixes"]
    result = CliRunner().invoke(cli, [*args, "--allow-extension", "hypopg"])
    assert result.exit_code == 1, result.output  # medium findings fail the default gate
    found = {(f["rule_id"], f["object"]): f for f in json.loads(result.stdout)["findings"]}
    child = found[("PG-C09", "hypo.child")]
    assert child["evidence"]["whatif"] == "gain" and child["evidence"]["cost_ratio"] > 50
    assert found[("PG-C09", "hypo.item")]["evidence"]["whatif"] == "no gain"
    assert found[("PG-P07", "hypo.customer")]["evidence"]["whatif"] == "gain"
    assert "(2 gain, 1 no gain); hypopg created" in result.stderr
    refused = CliRunner().invoke(cli, args)
    assert refused.exit_code == 1, refused.output  # not checked is an answer, not a failure
    assert "--allow-extension hypopg" in refused.stderr
    assert _state(whatif_dsn) == before

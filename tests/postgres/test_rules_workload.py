"""PG-W rules on pg_stat_statements entries: planted shapes fire, clean twins stay silent."""

from __future__ import annotations

from postgres.factories import findings, snapshot, statement


def test_w01_lists_the_top_statements_by_total_time() -> None:
    statements = [
        statement(1, total_exec_time=600.0),
        statement(2, total_exec_time=300.0),
        statement(3, total_exec_time=10.0),
    ]
    hits = findings(snapshot(statements=statements), "PG-W01")
    assert [h.object for h in hits] == ["queryid 1", "queryid 2", "queryid 3"]
    top = findings(snapshot(statements=statements), "PG-W01", {"PG-W01": {"min_share": 0.05}})
    assert [h.object for h in top] == ["queryid 1", "queryid 2"]  # queryid 3 is under 5%
    assert hits[0].fix is not None and hits[0].fix.content.startswith("EXPLAIN (ANALYZE, BUFFERS)")
    assert findings(snapshot(statements=[statement(total_exec_time=0.0)]), "PG-W01") == []
    assert findings(snapshot(), "PG-W01") == []


def test_w02_slow_statement_on_few_rows() -> None:
    slow = statement(mean_exec_time=250.0, rows=10, calls=10)
    many_rows = statement(mean_exec_time=250.0, rows=100_000, calls=10)
    fast = statement(mean_exec_time=2.0, rows=10, calls=10)
    assert len(findings(snapshot(statements=[slow]), "PG-W02")) == 1
    assert findings(snapshot(statements=[many_rows, fast]), "PG-W02") == []


def test_w03_statement_that_spills() -> None:
    spills = statement(temp_blks_written=4_000)
    [hit] = findings(snapshot(statements=[spills, statement(2)]), "PG-W03")
    assert hit.evidence.as_dict()["temp_blks_per_call"] == 400.0


def test_w04_statement_that_reads_from_disk() -> None:
    disk = statement(calls=500, shared_blks_hit=100, shared_blks_read=900)
    cached = statement(calls=500, shared_blks_hit=900, shared_blks_read=100)
    rare = statement(calls=3, shared_blks_hit=100, shared_blks_read=900)
    assert len(findings(snapshot(statements=[disk]), "PG-W04")) == 1
    assert findings(snapshot(statements=[cached, rare]), "PG-W04") == []


def test_explain_fix_never_analyzes_a_write() -> None:
    write = statement(query="UPDATE public.orders SET status = $1", total_exec_time=100.0)
    [hit] = findings(snapshot(statements=[write]), "PG-W01")
    assert hit.fix is not None and hit.fix.content.startswith("EXPLAIN UPDATE")

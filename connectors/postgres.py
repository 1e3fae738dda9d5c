"""Read-only, bounded reads of a live PostgreSQL database into model objects.

Every session is read-only (`default_transaction_read_only` in the startup options, then
`SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY`), has a statement timeout and a connect
timeout. The catalog is read with a handful of set-based queries, never one per table;
pg_stat_statements is ranked and cut on the server. `EXPLAIN ANALYZE` runs only when asked for,
inside a transaction that is rolled back. Any failure becomes a `ConnectorError` that carries
what was read before it; no message ever contains the password.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import psycopg
from psycopg import conninfo, errors, sql
from psycopg.rows import dict_row

from advisor import redact as redaction
from advisor.errors import ConnectionFailed
from advisor.model_postgres import (
    PgColumn,
    PgForeignKey,
    PgIndex,
    PgPlan,
    PgSettings,
    PgSnapshot,
    PgStatement,
    PgTable,
    PgTableStats,
    PgWorkload,
    PlanNode,
)
from advisor.printable import bounded
from connectors import deadline

Row = dict[str, Any]
Progress = Callable[[str], None]

_USER_SCHEMA = """
    n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%%'
    AND n.nspname NOT LIKE 'pg_temp%%'
    AND (%(schemas)s::text[] IS NULL OR n.nspname = ANY(%(schemas)s::text[]))
"""

SETTINGS = """
SELECT name, setting FROM pg_settings
WHERE name LIKE 'autovacuum%' OR name IN ('track_counts', 'track_io_timing', 'work_mem',
      'shared_buffers', 'effective_cache_size', 'random_page_cost', 'block_size',
      'default_statistics_target', 'vacuum_freeze_min_age', 'wal_level', 'max_connections')
ORDER BY name
"""

TABLES = f"""
SELECT n.nspname AS schema, c.relname AS name, c.reltuples, c.relpages, c.reloptions,
       pg_relation_size(c.oid) AS table_bytes, pg_total_relation_size(c.oid) AS total_bytes,
       age(c.relfrozenxid) AS xid_age, s.relid IS NOT NULL AS has_stats,
       s.seq_scan, s.seq_tup_read, s.idx_scan, s.idx_tup_fetch, s.n_live_tup, s.n_dead_tup,
       s.n_mod_since_analyze, s.last_vacuum, s.last_autovacuum, s.last_analyze,
       s.last_autoanalyze, io.heap_blks_read, io.heap_blks_hit
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
LEFT JOIN pg_statio_user_tables io ON io.relid = c.oid
WHERE c.relkind IN ('r', 'm') AND {_USER_SCHEMA}
ORDER BY 1, 2
"""

COLUMNS = f"""
SELECT n.nspname AS schema, c.relname AS table, a.attname AS name,
       format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
       st.avg_width, st.null_frac
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_stats st
       ON st.schemaname = n.nspname AND st.tablename = c.relname AND st.attname = a.attname
      AND NOT st.inherited
WHERE c.relkind IN ('r', 'm') AND a.attnum > 0 AND NOT a.attisdropped AND {_USER_SCHEMA}
ORDER BY 1, 2, a.attnum
"""

INDEXES = f"""
SELECT n.nspname AS schema, t.relname AS table, ic.relname AS name,
       pg_get_indexdef(i.indexrelid) AS definition, am.amname AS method,
       ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true)
             FROM generate_series(1, i.indnkeyatts) AS k ORDER BY k) AS keys,
       i.indisunique AS unique, i.indisprimary AS primary, i.indisvalid AS valid,
       con.conname AS constraint, pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
       pg_relation_size(i.indexrelid) AS size_bytes, s.idx_scan, s.idx_tup_read
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_am am ON am.oid = ic.relam
LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x')
LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = i.indexrelid
WHERE t.relkind IN ('r', 'm') AND {_USER_SCHEMA}
ORDER BY 1, 2, 3
"""

CONSTRAINTS = f"""
SELECT n.nspname AS schema, c.relname AS table, con.conname AS name, con.contype AS type,
       ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(num, ord)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num
             ORDER BY k.ord) AS columns,
       CASE WHEN con.contype = 'f' THEN con.confrelid::regclass::text END AS ref_table,
       ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY AS k(num, ord)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num
             ORDER BY k.ord) AS ref_columns
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype IN ('p', 'f') AND {_USER_SCHEMA}
ORDER BY 1, 2, 3
"""

STATEMENTS_EXTENSION = """
SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname = 'pg_stat_statements'
"""

# Ranked and cut on the server: the advisor pulls the top N, never the whole history. One row
# per statement: pg_stat_statements keeps one entry per (user, database, queryid), so the
# entries of the users who ran the same statement are summed.
STATEMENTS = """
SELECT queryid, min(query) AS query, sum(calls) AS calls, sum({total}) AS total_exec_time,
       sum({total}) / greatest(sum(calls), 1) AS mean_exec_time, sum(rows) AS rows,
       sum(shared_blks_hit) AS shared_blks_hit, sum(shared_blks_read) AS shared_blks_read,
       sum(temp_blks_read) AS temp_blks_read, sum(temp_blks_written) AS temp_blks_written
FROM {view}
WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND queryid IS NOT NULL
GROUP BY queryid
ORDER BY sum({total}) DESC, queryid
LIMIT %(limit)s
"""


DEFAULT_DEADLINE = 300.0
MAX_EXPLAIN = 1000  # statements EXPLAINed in one read
STATEMENT_GRACE = 2.0  # seconds past its timeout a statement's answer may take to arrive


class WatchedConnection(psycopg.Connection[Row]):
    """A connection that beats the reader's heartbeat as each statement starts and ends, so
    that a statement whose answer never comes (a frozen backend, a stalled network: the
    server's statement timeout cannot fire then) is stopped on the client side."""

    heartbeat: deadline.Heartbeat | None = None

    def execute(self, *args: Any, **kwargs: Any) -> Any:
        beat = self.heartbeat.beat if self.heartbeat is not None else (lambda: None)
        beat()
        try:
            return super().execute(*args, **kwargs)
        finally:
            beat()


def stall_seconds(statement_timeout_ms: int, connect_timeout: int) -> float:
    """How long one statement (or the connection) may wait before the client gives up."""
    return max(statement_timeout_ms / 1000, connect_timeout) + STATEMENT_GRACE


def stalled_message(statement_timeout_ms: int) -> str:
    seconds = statement_timeout_ms / 1000
    return (
        f"no answer to a statement within its timeout ({seconds:g} s) and "
        f"{STATEMENT_GRACE:g} s more: the server or the network is not answering"
    )


class ConnectorError(ConnectionFailed):
    """A live read failed; `partial` holds what was read before the failure."""

    def __init__(self, message: str, partial: PgSnapshot | None = None) -> None:
        super().__init__(message)
        self.partial = partial


@dataclass(frozen=True, slots=True)
class ExplainRequest:
    """A statement to EXPLAIN, with the file and line it came from."""

    statement: str
    path: str | None = None
    line: int = 1


@dataclass(slots=True)
class PostgresSource:
    """Where to connect and how long to wait. Unset parts come from the PG* environment."""

    dsn: str = ""
    connect_timeout: int = 5
    statement_timeout_ms: int = 10_000
    schemas: tuple[str, ...] = ()
    top_statements: int = 50
    application_name: str = "advisor"
    # Seconds the whole read may take, whatever the server does (connect, every statement).
    deadline: float = DEFAULT_DEADLINE
    _password: str | None = field(default=None, repr=False)

    def describe(self) -> str:
        """`user@host:port/db` without the password, for messages."""
        params = _params(self.dsn)
        host = params.get("host") or os.environ.get("PGHOST") or "localhost"
        port = params.get("port") or os.environ.get("PGPORT") or "5432"
        db = params.get("dbname") or os.environ.get("PGDATABASE") or ""
        user = params.get("user") or os.environ.get("PGUSER") or ""
        return redact(f"{user + '@' if user else ''}{host}:{port}/{db}", self.secrets())

    def secrets(self) -> tuple[str, ...]:
        """The passwords libpq may use (the DSN's, even when it does not parse, and
        PGPASSWORD's), to keep out of messages."""
        found = [*redaction.secrets_of(self.dsn), _params(self.dsn).get("password")]
        found.append(os.environ.get("PGPASSWORD"))
        return tuple(dict.fromkeys(s for s in found if s))


def _params(dsn: str) -> dict[str, str]:
    try:
        return {k: str(v) for k, v in conninfo.conninfo_to_dict(dsn).items()}
    except psycopg.ProgrammingError:
        return {}


def redact(message: str, secrets: Sequence[str]) -> str:
    """The message with credentials masked (`advisor.redact`, the one rule for every message)."""
    return redaction.redact(message, secrets)


class PostgresReader:
    """One connection, one read: `read()` returns a PgSnapshot or raises ConnectorError."""

    def __init__(self, source: PostgresSource, progress: Progress | None = None) -> None:
        self.source = source
        self.progress = progress or (lambda _step: None)
        self.snapshot = PgSnapshot(server=source.describe())
        self._conn: psycopg.Connection[Row] | None = None
        self.heartbeat = deadline.Heartbeat()

    def read(
        self, explain: Sequence[ExplainRequest] = (), *, analyze_plans: bool = False
    ) -> PgSnapshot:
        """The whole read within the source's deadline; past it, the running statement is
        cancelled and what was read so far comes back in the ConnectorError."""
        try:
            return deadline.within(
                self.source.deadline,
                lambda: self._read(explain, analyze_plans),
                self._cancel,
                heartbeat=self.heartbeat,
                stall=stall_seconds(self.source.statement_timeout_ms, self.source.connect_timeout),
                stalled=stalled_message(self.source.statement_timeout_ms),
            )
        except deadline.DeadlineExceeded as err:
            where = self.source.describe()
            raise ConnectorError(f"PostgreSQL {where}: {err}", self.snapshot) from None

    def _read(self, explain: Sequence[ExplainRequest], analyze_plans: bool) -> PgSnapshot:
        try:
            with self._connect() as conn:
                self._read_catalog(conn)
                self._read_plans(conn, explain[:MAX_EXPLAIN], analyze_plans)
                conn.rollback()
        except ConnectorError:
            raise
        except psycopg.Error as err:
            raise ConnectorError(self._message(err), self.snapshot) from None
        return self.snapshot

    def _cancel(self) -> None:
        if self._conn is not None:
            self._conn.cancel_safe(timeout=deadline.GRACE)

    def _connect(self) -> psycopg.Connection[Row]:
        self.progress("connect")
        options = (
            "-c default_transaction_read_only=on "
            f"-c statement_timeout={int(self.source.statement_timeout_ms)} "
            "-c lock_timeout=1000"
        )
        try:
            conn = WatchedConnection.connect(
                self.source.dsn,
                connect_timeout=self.source.connect_timeout,
                options=options,
                application_name=self.source.application_name,
                row_factory=dict_row,
            )
        except psycopg.Error as err:
            raise ConnectorError(self._message(err)) from None  # nothing read yet
        conn.heartbeat = self.heartbeat
        self._conn = conn
        conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        conn.commit()
        return conn

    def _message(self, err: psycopg.Error) -> str:
        where = self.source.describe()
        lines = (" ".join(line.split()) for line in str(err).splitlines())
        text = "; ".join(line for line in lines if line) or type(err).__name__
        if isinstance(err, errors.QueryCanceled):
            seconds = self.source.statement_timeout_ms / 1000
            text = f"a read took longer than the statement timeout ({seconds:g} s)"
        elif isinstance(err, errors.AdminShutdown | errors.ConnectionFailure) or (
            "terminat" in text or "closed the connection" in text
        ):
            text = f"the connection was lost during the read ({text})"
        return redact(f"PostgreSQL {where}: {bounded(text)}", self.source.secrets())

    def _update(self, **changes: Any) -> None:
        self.snapshot = replace(self.snapshot, **changes)

    def _read_catalog(self, conn: psycopg.Connection[Row]) -> None:
        head = conn.execute(
            "SELECT current_database() AS db, current_setting('server_version_num')::int AS v"
        ).fetchone()
        assert head is not None
        self._update(database=str(head["db"]), server_version_num=int(head["v"]))
        self.progress("settings")
        settings = conn.execute(SETTINGS).fetchall()
        self._update(settings=PgSettings(tuple((r["name"], r["setting"]) for r in settings)))
        schemas = list(self.source.schemas) or None
        self.progress("tables")
        tables = conn.execute(TABLES, {"schemas": schemas}).fetchall()
        self._update(tables=tuple(_table(r) for r in tables))
        self.progress("columns")
        columns = conn.execute(COLUMNS, {"schemas": schemas}).fetchall()
        self.progress("indexes")
        indexes = conn.execute(INDEXES, {"schemas": schemas}).fetchall()
        self.progress("constraints")
        constraints = conn.execute(CONSTRAINTS, {"schemas": schemas}).fetchall()
        self._update(tables=_assemble(self.snapshot.tables, columns, indexes, constraints))
        self.progress("statements")
        self._update(workload=self._read_statements(conn))

    def _read_statements(self, conn: psycopg.Connection[Row]) -> PgWorkload | None:
        found = conn.execute(STATEMENTS_EXTENSION).fetchone()
        if found is None or found["schema"] is None:
            return None
        # Before PostgreSQL 13 the execution time column was total_time.
        total = "total_exec_time" if self.snapshot.server_version_num >= 130000 else "total_time"
        query = sql.SQL(STATEMENTS).format(
            view=sql.Identifier(found["schema"], "pg_stat_statements"),
            total=sql.Identifier(total),
        )
        try:
            rows = conn.execute(query, {"limit": self.source.top_statements}).fetchall()
        except errors.ObjectNotInPrerequisiteState:
            # Installed in the database but not preloaded by the server: no workload to read.
            conn.rollback()
            return None
        return PgWorkload(tuple(_statement(r) for r in rows))

    def _read_plans(
        self, conn: psycopg.Connection[Row], requests: Sequence[ExplainRequest], analyze: bool
    ) -> None:
        options = "ANALYZE, BUFFERS, VERBOSE, FORMAT JSON" if analyze else "VERBOSE, FORMAT JSON"
        for number, request in enumerate(requests, 1):
            self.progress(f"explain {number}/{len(requests)}")
            conn.rollback()  # each EXPLAIN in its own transaction, always rolled back
            text = request.statement.strip().rstrip(";")
            row = conn.execute(sql.SQL(f"EXPLAIN ({options}) ") + sql.SQL(text)).fetchone()
            conn.rollback()
            assert row is not None
            data = next(iter(row.values()))
            plan = PgPlan(
                statement=text,
                root=plan_from_json(data),
                analyzed=analyze,
                path=request.path,
                line=request.line,
            )
            self._update(plans=(*self.snapshot.plans, plan))


def read_postgres(
    source: PostgresSource,
    explain: Sequence[ExplainRequest] = (),
    *,
    analyze_plans: bool = False,
    progress: Progress | None = None,
) -> PgSnapshot:
    return PostgresReader(source, progress).read(explain, analyze_plans=analyze_plans)


def _int(value: Any) -> int:
    return int(value) if value is not None else 0


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _table(r: Row) -> PgTable:
    options = tuple((k, v) for k, _, v in (str(o).partition("=") for o in (r["reloptions"] or ())))
    stats = None
    if r["has_stats"]:
        stats = PgTableStats(
            seq_scan=_int(r["seq_scan"]),
            seq_tup_read=_int(r["seq_tup_read"]),
            idx_scan=r["idx_scan"],
            idx_tup_fetch=r["idx_tup_fetch"],
            n_live_tup=_int(r["n_live_tup"]),
            n_dead_tup=_int(r["n_dead_tup"]),
            n_mod_since_analyze=_int(r["n_mod_since_analyze"]),
            last_vacuum=_iso(r["last_vacuum"]),
            last_autovacuum=_iso(r["last_autovacuum"]),
            last_analyze=_iso(r["last_analyze"]),
            last_autoanalyze=_iso(r["last_autoanalyze"]),
            heap_blks_read=_int(r["heap_blks_read"]),
            heap_blks_hit=_int(r["heap_blks_hit"]),
        )
    return PgTable(
        schema=r["schema"],
        name=r["name"],
        reltuples=float(r["reltuples"]),
        relpages=_int(r["relpages"]),
        table_bytes=_int(r["table_bytes"]),
        total_bytes=_int(r["total_bytes"]),
        reloptions=options,
        frozen_xid_age=_int(r["xid_age"]),
        stats=stats,
    )


def _assemble(
    tables: tuple[PgTable, ...], columns: list[Row], indexes: list[Row], constraints: list[Row]
) -> tuple[PgTable, ...]:
    cols: dict[str, list[PgColumn]] = {}
    for r in columns:
        cols.setdefault(f"{r['schema']}.{r['table']}", []).append(
            PgColumn(
                name=r["name"],
                type=r["type"],
                not_null=bool(r["not_null"]),
                avg_width=r["avg_width"],
                null_frac=None if r["null_frac"] is None else float(r["null_frac"]),
            )
        )
    idx: dict[str, list[PgIndex]] = {}
    for r in indexes:
        idx.setdefault(f"{r['schema']}.{r['table']}", []).append(
            PgIndex(
                schema=r["schema"],
                table=r["table"],
                name=r["name"],
                definition=r["definition"],
                method=r["method"],
                keys=tuple(r["keys"]),
                unique=bool(r["unique"]),
                primary=bool(r["primary"]),
                constraint=r["constraint"],
                predicate=r["predicate"],
                valid=bool(r["valid"]),
                size_bytes=_int(r["size_bytes"]),
                idx_scan=r["idx_scan"],
                idx_tup_read=r["idx_tup_read"],
            )
        )
    fks: dict[str, list[PgForeignKey]] = {}
    pks: dict[str, tuple[str, ...]] = {}
    for r in constraints:
        key = f"{r['schema']}.{r['table']}"
        if r["type"] == "p":
            pks[key] = tuple(r["columns"])
        else:
            fks.setdefault(key, []).append(
                PgForeignKey(
                    r["name"], tuple(r["columns"]), r["ref_table"], tuple(r["ref_columns"])
                )
            )
    return tuple(
        replace(
            t,
            columns=tuple(cols.get(t.qualified_name, ())),
            indexes=tuple(idx.get(t.qualified_name, ())),
            foreign_keys=tuple(fks.get(t.qualified_name, ())),
            primary_key=pks.get(t.qualified_name, ()),
        )
        for t in tables
    )


def _statement(r: Row) -> PgStatement:
    return PgStatement(
        queryid=_int(r["queryid"]),
        query=r["query"],
        calls=_int(r["calls"]),
        total_exec_time=float(r["total_exec_time"]),
        mean_exec_time=float(r["mean_exec_time"]),
        rows=_int(r["rows"]),
        shared_blks_hit=_int(r["shared_blks_hit"]),
        shared_blks_read=_int(r["shared_blks_read"]),
        temp_blks_read=_int(r["temp_blks_read"]),
        temp_blks_written=_int(r["temp_blks_written"]),
    )


def plan_from_json(data: Any) -> PlanNode:
    """The root node of `EXPLAIN (FORMAT JSON)` output (a one-element list holding `Plan`)."""
    if isinstance(data, str):
        import json

        data = json.loads(data)
    if isinstance(data, list):
        data = data[0]
    return _node(data.get("Plan", data))


def _node(d: dict[str, Any]) -> PlanNode:
    relation = d.get("Relation Name")
    if relation and d.get("Schema"):
        relation = f"{d['Schema']}.{relation}"
    removed = d.get("Rows Removed by Filter")
    return PlanNode(
        node_type=str(d.get("Node Type", "")),
        relation=relation,
        alias=d.get("Alias"),
        index_name=d.get("Index Name"),
        parent_relationship=d.get("Parent Relationship"),
        filter=d.get("Filter"),
        index_cond=d.get("Index Cond") or d.get("Recheck Cond"),
        plan_rows=float(d.get("Plan Rows", 0)),
        total_cost=float(d.get("Total Cost", 0)),
        actual_rows=_opt_float(d.get("Actual Rows")),
        actual_loops=_opt_float(d.get("Actual Loops")),
        rows_removed_by_filter=_opt_float(removed),
        sort_method=d.get("Sort Method"),
        sort_space_type=d.get("Sort Space Type"),
        hash_batches=_opt_int(d.get("Hash Batches")),
        lossy_heap_blocks=_opt_int(d.get("Lossy Heap Blocks")),
        heap_fetches=_opt_int(d.get("Heap Fetches")),
        temp_written_blocks=_opt_int(d.get("Temp Written Blocks")),
        children=tuple(_node(c) for c in d.get("Plans", ())),
    )


def _opt_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)

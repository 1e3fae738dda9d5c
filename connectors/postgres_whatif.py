"""Hypothetical indexes on a live PostgreSQL database (HypoPG), in one session that never commits.

For each index to try, the statements it should help are planned (`EXPLAIN`, never `ANALYZE`:
nothing is executed) without it, the index is created as a hypothetical one
(`hypopg_create_index`, which lives only in this backend's memory), the statements are planned
again, and the hypothetical indexes are dropped (`hypopg_reset`).

What the session sends, and what it never does:

- one transaction, opened with `BEGIN` and always ended with `ROLLBACK`; it is read-only
  (`BEGIN TRANSACTION READ ONLY`) unless the caller allows the extension to be created, and
  then it becomes read-only right after `CREATE EXTENSION hypopg`, before any statement of the
  user's is planned: the extension goes away with the rollback;
- a statement timeout and a lock timeout in the startup options, a client-side deadline for
  the whole session (`connectors.deadline`), and at most `max_statements` statements;
- the user's statements only through `PREPARE` and `EXPLAIN EXECUTE` over the extended query
  protocol, which accepts exactly one command (a `;` followed by a second statement is an
  error, never a second statement run); `$n` parameters get NULL arguments of the types the
  server infers, under `plan_cache_mode = force_generic_plan`, so the plan is the generic one
  and does not depend on the (unknown) values;
- `pg_stat_statements.track = none` for the transaction where the role may set it, so that the
  advisor's own EXPLAINs do not join the workload it reads.

Nothing here decides whether a cost change is a gain: `advisor.verify_pg` does.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg import errors, sql
from psycopg.rows import dict_row

from advisor.model_postgres import PlanCost, WhatIfIndex, WhatIfResult, WhatIfRun, WhatIfStatement
from advisor.printable import bounded
from connectors import deadline
from connectors.postgres import (
    PostgresSource,
    WatchedConnection,
    redact,
    stall_seconds,
    stalled_message,
)

Row = dict[str, Any]

MAX_STATEMENTS = 400  # statements one session may send, whatever it is asked to check
EXTENSION = "hypopg"


class _Budget(Exception):
    """The session has sent as many statements as it may."""


class WhatIfSession:
    """One connection, one rolled-back transaction: `run()` returns a WhatIfRun, never raises
    for what the server answers (a failure is the run's or the result's `error`)."""

    def __init__(
        self,
        source: PostgresSource,
        *,
        allow_extension: bool = False,
        max_statements: int = MAX_STATEMENTS,
    ) -> None:
        self.source = source
        self.allow_extension = allow_extension
        self.max_statements = max_statements
        self.heartbeat = deadline.Heartbeat()
        self.extension = "unknown"  # until the session has looked
        self.results: list[WhatIfResult] = []
        self.sent = 0
        self._conn: psycopg.Connection[Row] | None = None
        self._schema = ""
        self._arity: dict[str, int] = {}
        self._plans = 0
        self._before: dict[str, tuple[float, Any] | str] = {}

    # --- the session ------------------------------------------------------------------------

    def run(self, indexes: Sequence[WhatIfIndex]) -> WhatIfRun:
        try:
            return deadline.within(
                self.source.deadline,
                lambda: self._run(indexes),
                self._cancel,
                heartbeat=self.heartbeat,
                stall=stall_seconds(self.source.statement_timeout_ms, self.source.connect_timeout),
                stalled=stalled_message(self.source.statement_timeout_ms),
            )
        except deadline.DeadlineExceeded as err:
            return self._outcome(f"PostgreSQL {self.source.describe()}: {err}")

    def _outcome(self, error: str | None = None) -> WhatIfRun:
        return WhatIfRun(self.extension, tuple(self.results), error, self.sent)

    def _cancel(self) -> None:
        if self._conn is not None:
            self._conn.cancel_safe(timeout=deadline.GRACE)

    def _run(self, indexes: Sequence[WhatIfIndex]) -> WhatIfRun:
        options = (
            f"-c statement_timeout={int(self.source.statement_timeout_ms)} -c lock_timeout=1000"
        )
        if not self.allow_extension:
            options += " -c default_transaction_read_only=on"
        try:
            conn = WatchedConnection.connect(
                self.source.dsn,
                connect_timeout=self.source.connect_timeout,
                options=options,
                application_name=self.source.application_name,
                row_factory=dict_row,
                autocommit=True,  # BEGIN and ROLLBACK are ours, sent explicitly
                prepare_threshold=None,  # the only prepared statements are the EXPLAINed ones
            )
        except psycopg.Error as err:
            return self._outcome(self._message(err))
        conn.heartbeat = self.heartbeat
        self._conn = conn
        try:
            error = self._session(conn, indexes)
        except _Budget:
            error = f"stopped after {self.sent} statements (the session's bound)"
        except psycopg.Error as err:
            error = self._message(err)
        finally:
            # A lost connection rolls back on the server all the same.
            with contextlib.suppress(psycopg.Error):
                conn.execute("ROLLBACK")
            conn.close()
        return self._outcome(error)

    def _session(self, conn: psycopg.Connection[Row], indexes: Sequence[WhatIfIndex]) -> str | None:
        self._send("BEGIN" if self.allow_extension else "BEGIN TRANSACTION READ ONLY")
        found = self._one(
            "SELECT n.nspname AS schema FROM pg_extension e"
            " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = %s",
            (EXTENSION,),
        )
        database = str((self._one("SELECT current_database() AS db") or {}).get("db", ""))
        if found is not None:
            self.extension = "installed"
        else:
            self.extension = "missing"
            if (
                self._one(
                    "SELECT 1 AS x FROM pg_available_extensions WHERE name = %s", (EXTENSION,)
                )
                is None
            ):
                self.extension = "unavailable"
                return (
                    f"the server has no {EXTENSION} extension to create (install HypoPG for "
                    "this server, e.g. the Debian package postgresql-<major>-hypopg)"
                )
            if not self.allow_extension:
                return (
                    f"{EXTENSION} is not installed in database {database}; allow it for this run "
                    f"with --allow-extension {EXTENSION} (created inside a transaction that is "
                    "rolled back)"
                )
            try:
                self._send(f"SAVEPOINT advisor_{EXTENSION}")
                self._send(f"CREATE EXTENSION {EXTENSION}")
            except psycopg.Error as err:
                self._send(f"ROLLBACK TO SAVEPOINT advisor_{EXTENSION}")
                return f"could not create {EXTENSION} in database {database}: {self._reason(err)}"
            self.extension = "created"
            found = self._one(
                "SELECT n.nspname AS schema FROM pg_extension e"
                " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = %s",
                (EXTENSION,),
            )
        assert found is not None
        self._schema = str(found["schema"])
        # Read-only from here on, before any statement of the user's is planned.
        self._send("SET TRANSACTION READ ONLY")
        self._send("SET LOCAL plan_cache_mode = force_generic_plan")
        self._quiet_statistics()
        for index in indexes:
            self.results.append(self._try(index))
        return None

    def _quiet_statistics(self) -> None:
        """Keep the session's own EXPLAINs out of pg_stat_statements where the role may."""
        self._send("SAVEPOINT advisor_quiet")
        try:
            self._send("SET LOCAL pg_stat_statements.track = 'none'")
        except psycopg.Error:
            self._send("ROLLBACK TO SAVEPOINT advisor_quiet")
        else:
            self._send("RELEASE SAVEPOINT advisor_quiet")

    # --- one hypothetical index ---------------------------------------------------------------

    def _try(self, index: WhatIfIndex) -> WhatIfResult:
        before = [self._cost(s) for s in index.statements]
        self._send("SAVEPOINT advisor_index")
        try:
            row = self._one(
                sql.SQL("SELECT indexname FROM {}.hypopg_create_index(%s)").format(
                    sql.Identifier(self._schema)
                ),
                (index.index_sql,),
            )
        except psycopg.Error as err:
            self._send("ROLLBACK TO SAVEPOINT advisor_index")
            return WhatIfResult(index.key, error=f"hypothetical index refused: {self._reason(err)}")
        name = str(row["indexname"]) if row else ""
        costs: list[PlanCost] = []
        for statement, earlier in zip(index.statements, before, strict=True):
            if isinstance(earlier, str):
                costs.append(PlanCost(statement.label, error=earlier))
                continue
            after = self._cost(statement, cached=False)
            if isinstance(after, str):
                costs.append(PlanCost(statement.label, before=earlier[0], error=after))
                continue
            uses = any(n.get("Index Name") == name for n in _nodes(after[1]))
            costs.append(PlanCost(statement.label, earlier[0], after[0], uses))
        self._send(sql.SQL("SELECT {}.hypopg_reset()").format(sql.Identifier(self._schema)))
        self._send("RELEASE SAVEPOINT advisor_index")
        return WhatIfResult(index.key, name, tuple(costs))

    def _cost(self, statement: WhatIfStatement, *, cached: bool = True) -> tuple[float, Any] | str:
        """The statement's total cost and plan (the cost without hypothetical indexes is
        cached: every index is tried from the same starting point), or why it has none.

        Each plan is of a statement prepared afresh, under a name of its own: a prepared
        statement keeps its generic plan, and a hypothetical index invalidates no cached plan.
        The prepared statements go with the session (a few per index, within the bound)."""
        if cached and statement.text in self._before:
            return self._before[statement.text]
        self._plans += 1
        name = f"advisor_whatif_{self._plans}"
        body = statement.text.strip().rstrip(";").strip()
        self._send("SAVEPOINT advisor_plan")
        step = "prepared"
        try:
            self._send(sql.SQL("PREPARE {} AS ").format(sql.Identifier(name)) + sql.SQL(body))
            arity = self._arity.get(statement.text)
            if arity is None:
                row = self._one(
                    "SELECT cardinality(parameter_types) AS n FROM pg_prepared_statements"
                    " WHERE name = %s",
                    (name,),
                )
                arity = self._arity[statement.text] = int((row or {}).get("n") or 0)
            step = "planned"
            nulls = sql.SQL(", ").join([sql.NULL] * arity)
            explain = sql.SQL("EXPLAIN (FORMAT JSON) EXECUTE {}").format(sql.Identifier(name))
            found = self._one(explain + (sql.SQL("({})").format(nulls) if arity else sql.SQL("")))
        except psycopg.Error as err:
            self._send("ROLLBACK TO SAVEPOINT advisor_plan")
            outcome: tuple[float, Any] | str = f"could not be {step}: {self._reason(err)}"
        else:
            self._send("RELEASE SAVEPOINT advisor_plan")
            plan = _plan(found)
            outcome = (float(plan.get("Total Cost", 0.0)), plan)
        if cached:
            self._before[statement.text] = outcome
        return outcome

    # --- sending ----------------------------------------------------------------------------

    def _send(self, query: Any, params: Sequence[Any] | None = None) -> psycopg.Cursor[Row]:
        """One statement over the extended protocol (one command only), counted."""
        if self.sent >= self.max_statements:
            raise _Budget
        self.sent += 1
        assert self._conn is not None
        self.heartbeat.beat()
        try:
            cursor = self._conn.cursor(binary=True)
            return cursor.execute(query, params)
        finally:
            self.heartbeat.beat()

    def _one(self, query: Any, params: Sequence[Any] | None = None) -> Row | None:
        return self._send(query, params).fetchone()

    def _reason(self, err: psycopg.Error) -> str:
        if isinstance(err, errors.QueryCanceled):
            seconds = self.source.statement_timeout_ms / 1000
            return f"longer than the statement timeout ({seconds:g} s)"
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        return redact(bounded(" ".join(first.split()), 300), self.source.secrets())

    def _message(self, err: psycopg.Error) -> str:
        return f"PostgreSQL {self.source.describe()}: {self._reason(err)}"


def _plan(row: Row | None) -> dict[str, Any]:
    """The top plan node of an `EXPLAIN (FORMAT JSON)` answer."""
    data = next(iter(row.values())) if row else None
    if isinstance(data, list) and data and isinstance(data[0], dict):
        plan = data[0].get("Plan")
        if isinstance(plan, dict):
            return plan
    return {}


def _nodes(plan: dict[str, Any]) -> list[dict[str, Any]]:
    out = [plan]
    for child in plan.get("Plans") or ():
        if isinstance(child, dict):
            out.extend(_nodes(child))
    return out


def check_indexes(
    source: PostgresSource,
    indexes: Sequence[WhatIfIndex],
    *,
    allow_extension: bool = False,
    max_statements: int = MAX_STATEMENTS,
) -> WhatIfRun:
    """Plan each index's statements without and with it as a hypothetical index."""
    session = WhatIfSession(source, allow_extension=allow_extension, max_statements=max_statements)
    return session.run(indexes)

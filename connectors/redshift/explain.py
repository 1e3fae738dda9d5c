"""EXPLAIN of statements on a Redshift cluster, without running them.

One connection, read-only, with the source's statement timeout; each statement is sent as
`EXPLAIN <statement>` (which plans and never executes) and answered with the plan's text, or
with the server's refusal. Refusals of one statement do not stop the others: the transaction
is rolled back after each. The whole session runs within the source's deadline.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

import psycopg
from psycopg import errors
from psycopg.rows import dict_row

from advisor.printable import bounded
from advisor.redshift_data.plan import Refused
from connectors import deadline
from connectors.postgres import WatchedConnection, redact, stall_seconds, stalled_message
from connectors.redshift.session import ConnectorError, RedshiftSource, Row

MAX_PLAN_LINES = 2_000  # lines of one plan kept; a longer plan is cut there


class Explainer:
    """`explain(statements)`: the plan text of each statement, or why there is none."""

    def __init__(self, source: RedshiftSource) -> None:
        self.source = source
        self.sent = 0
        self._conn: psycopg.Connection[Row] | None = None
        self.heartbeat = deadline.Heartbeat()

    def explain(self, statements: Sequence[str]) -> list[str | Refused]:
        try:
            return deadline.within(
                self.source.deadline,
                lambda: self._explain(statements),
                self._cancel,
                heartbeat=self.heartbeat,
                stall=stall_seconds(self.source.statement_timeout_ms, self.source.connect_timeout),
                stalled=stalled_message(self.source.statement_timeout_ms),
            )
        except deadline.DeadlineExceeded as err:
            raise ConnectorError(f"Redshift {self.source.describe()}: {err}") from None

    def _cancel(self) -> None:
        if self._conn is not None:
            self._conn.cancel_safe(timeout=deadline.GRACE)

    def _explain(self, statements: Sequence[str]) -> list[str | Refused]:
        try:
            conn = WatchedConnection.connect(
                self.source.dsn,
                connect_timeout=self.source.connect_timeout,
                application_name=self.source.application_name,
                row_factory=dict_row,
                options=f"-c statement_timeout={int(self.source.statement_timeout_ms)}"
                " -c default_transaction_read_only=on",
            )
        except psycopg.Error as err:
            raise ConnectorError(self._message(err)) from None
        conn.heartbeat = self.heartbeat
        self._conn = conn
        out: list[str | Refused] = []
        try:
            for statement in statements:
                out.append(self._one(conn, statement))
        finally:
            with contextlib.suppress(psycopg.Error):
                conn.rollback()
            conn.close()
        return out

    def _one(self, conn: psycopg.Connection[Row], statement: str) -> str | Refused:
        self.sent += 1
        try:
            # The statement is the user's own text, planned and never run: EXPLAIN is the
            # whole command, and the session is read-only besides.
            # Binary results force the extended query protocol, which takes one statement
            # only: nothing can ride along after the one EXPLAINed.
            cursor = conn.cursor(binary=True)
            rows = cursor.execute(f"EXPLAIN {statement}", prepare=False).fetchmany(MAX_PLAN_LINES)
        except errors.QueryCanceled:
            conn.rollback()
            seconds = self.source.statement_timeout_ms / 1000
            return Refused(f"planning took longer than the statement timeout ({seconds:g} s)")
        except (psycopg.OperationalError, psycopg.InterfaceError) as err:
            raise ConnectorError(self._message(err)) from None
        except psycopg.Error as err:
            conn.rollback()
            return Refused(_one_line(err))
        conn.rollback()
        return "\n".join(str(next(iter(row.values()), "")) for row in rows)

    def _message(self, err: psycopg.Error) -> str:
        return redact(f"Redshift {self.source.describe()}: {_one_line(err)}", self.source.secrets())


def _one_line(err: psycopg.Error) -> str:
    first = next((line.strip() for line in str(err).splitlines() if line.strip()), "")
    return bounded(first or type(err).__name__)

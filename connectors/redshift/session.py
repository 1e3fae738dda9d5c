"""What every step of a Redshift read shares: the source, the snapshot read so far, the views
found, and the helpers that fetch, note and filter by schema."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

import psycopg
from psycopg import sql

from advisor.errors import ConnectionFailed
from advisor.model_redshift import RsSnapshot
from connectors.postgres import DEFAULT_DEADLINE, PostgresSource

Row = dict[str, Any]
Progress = Callable[[str], None]


class ConnectorError(ConnectionFailed):
    """A live read failed; `partial` holds what was read before the failure."""

    def __init__(self, message: str, partial: RsSnapshot | None = None) -> None:
        super().__init__(message)
        self.partial = partial


@dataclass(slots=True)
class RedshiftSource:
    """Where to connect, what to read and how long to wait (PG* environment as default)."""

    dsn: str = ""
    connect_timeout: int = 5
    statement_timeout_ms: int = 30_000
    schemas: tuple[str, ...] = ()
    top_queries: int = 50
    # Days of history read (fractions allowed): every history read is an aggregate over it.
    history_days: float = 7.0
    # Join columns of the workload whose value spread is measured, largest tables first.
    value_columns: int = 24
    application_name: str = "advisor"
    # Seconds the whole read may take, whatever the cluster does.
    deadline: float = DEFAULT_DEADLINE
    _postgres: PostgresSource = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._postgres = PostgresSource(dsn=self.dsn)

    def describe(self) -> str:
        return self._postgres.describe()

    def secrets(self) -> tuple[str, ...]:
        return self._postgres.secrets()


class Session:
    """The state of one read: each step fetches through it and adds to its snapshot."""

    def __init__(self, source: RedshiftSource, progress: Progress | None = None) -> None:
        self.source = source
        self.progress = progress or (lambda _step: None)
        self.since = (datetime.now() - timedelta(days=source.history_days)).replace(microsecond=0)
        self.snapshot = RsSnapshot(
            server=source.describe(),
            history_since=self.since.isoformat(),
            history_days=float(source.history_days),
        )
        # The last query id before the window (0: none known); set by the history step.
        self.before = 0

    def update(self, **changes: Any) -> None:
        self.snapshot = replace(self.snapshot, **changes)

    def note(self, text: str) -> None:
        self.update(notes=(*self.snapshot.notes, text))

    def has(self, view: str) -> bool:
        return view in self.snapshot.views

    def fetch(self, conn: psycopg.Connection[Row], query: Any, **params: Any) -> list[Row]:
        values = {
            "since": self.since,
            "before": self.before,
            "limit": self.source.top_queries,
            **params,
        }
        rows = conn.execute(query, values).fetchall()
        conn.rollback()
        return rows

    def schemas(self, column: str) -> sql.Composable:
        """`trim(column) IN (...)` for the schemas the read is limited to, else TRUE."""
        if not self.source.schemas:
            return sql.SQL("TRUE")
        names = sql.SQL(", ").join(sql.Literal(s) for s in self.source.schemas)
        return sql.SQL("trim({}) IN ({})").format(sql.SQL(column), names)


def qualified(alias: str) -> str:
    """`schema.table` of the svv_table_info row joined as `alias`, in Redshift SQL."""
    return f"trim({alias}.schema) || '.' || trim({alias}.\"table\")"

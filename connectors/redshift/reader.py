"""The read itself: connect read-only with a statement timeout, probe which system views
exist, then run each step (tables, history, loads, usage, plans, objects, storage...) within
the source's deadline."""

from __future__ import annotations

import psycopg
from psycopg import errors, sql
from psycopg.rows import dict_row

from advisor.model_redshift import RsSnapshot
from advisor.printable import bounded
from connectors import deadline
from connectors.postgres import WatchedConnection, redact, stall_seconds, stalled_message
from connectors.redshift import catalog, history, usage
from connectors.redshift.session import (
    ConnectorError,
    Progress,
    RedshiftSource,
    Row,
    Session,
)

# Probed in this order; the first view of each group that exists is read.
VIEWS = (
    "svv_table_info",
    "sys_query_history",
    "stl_query",
    "stl_alert_event_log",
    "stl_scan",
    "sys_query_explain",
    "stl_explain",
    "svl_s3query_summary",
    "svl_s3partition",
    "sys_query_detail",
    "stl_insert",
    "sys_load_history",
    "sys_load_detail",
    "stl_s3client",
    "stv_blocklist",
    "stv_slices",
    "svv_redshift_columns",
    "svv_interleaved_columns",
    "svv_vacuum_summary",
    "stv_partitions",
    "svl_federated_query",
    "svl_query_summary",
    "stv_mv_info",
    "svv_mv_info",
    "svv_alter_table_recommendations",
    "svv_external_tables",
    "stv_wlm_service_class_config",
    "stv_wlm_qmr_config",
    "svv_external_columns",
    "sys_auto_table_optimization",
    "svl_auto_worker_action",
    "stl_wlm_query",
    "svl_query_metrics_summary",
    "sys_datashare_usage_consumer",
)

# The steps of a read, in order; later steps use what earlier ones put in the snapshot.
STEPS = (
    catalog.read_tables,
    catalog.read_shape,
    history.read_workload,
    usage.read_loads,
    usage.read_usage,
    history.read_plans,
    catalog.read_objects,
    catalog.read_columns,
    history.read_administration,
    catalog.read_storage,
    catalog.read_column_values,
)


class RedshiftReader(Session):
    """One connection, one read: `read()` returns an RsSnapshot or raises ConnectorError."""

    def __init__(self, source: RedshiftSource, progress: Progress | None = None) -> None:
        super().__init__(source, progress)
        self._conn: psycopg.Connection[Row] | None = None
        self.heartbeat = deadline.Heartbeat()

    def read(self) -> RsSnapshot:
        """The whole read within the source's deadline; past it, the running statement is
        cancelled and what was read so far comes back in the ConnectorError."""
        try:
            return deadline.within(
                self.source.deadline,
                self._read,
                self._cancel,
                heartbeat=self.heartbeat,
                stall=stall_seconds(self.source.statement_timeout_ms, self.source.connect_timeout),
                stalled=stalled_message(self.source.statement_timeout_ms),
            )
        except deadline.DeadlineExceeded as err:
            where = self.source.describe()
            raise ConnectorError(f"Redshift {where}: {err}", self.snapshot) from None

    def _cancel(self) -> None:
        if self._conn is not None:
            self._conn.cancel_safe(timeout=deadline.GRACE)

    def _read(self) -> RsSnapshot:
        try:
            with self._connect() as conn:
                head = conn.execute("SELECT current_database() AS db").fetchone()
                self.update(database=str(head["db"]) if head else "")
                self._probe(conn)
                for step in STEPS:
                    step(self, conn)
                conn.rollback()
        except ConnectorError:
            raise
        except psycopg.Error as err:
            raise ConnectorError(self._message(err), self.snapshot) from None
        return self.snapshot

    def _connect(self) -> psycopg.Connection[Row]:
        self.progress("connect")
        try:
            conn = WatchedConnection.connect(
                self.source.dsn,
                connect_timeout=self.source.connect_timeout,
                application_name=self.source.application_name,
                row_factory=dict_row,
            )
        except psycopg.Error as err:
            raise ConnectorError(self._message(err)) from None
        conn.heartbeat = self.heartbeat
        self._conn = conn
        conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        conn.execute(f"SET statement_timeout TO {int(self.source.statement_timeout_ms)}")
        conn.commit()
        return conn

    def _message(self, err: psycopg.Error) -> str:
        where = self.source.describe()
        lines = (" ".join(line.split()) for line in str(err).splitlines())
        text = "; ".join(line for line in lines if line) or type(err).__name__
        if isinstance(err, errors.QueryCanceled):
            seconds = self.source.statement_timeout_ms / 1000
            text = f"a read took longer than the statement timeout ({seconds:g} s)"
        return redact(f"Redshift {where}: {bounded(text)}", self.source.secrets())

    def _probe(self, conn: psycopg.Connection[Row]) -> None:
        self.progress("system views")
        found = []
        for view in VIEWS:
            try:
                conn.execute(sql.SQL("SELECT 1 FROM {} LIMIT 0").format(sql.Identifier(view)))
                found.append(view)
            except (
                errors.UndefinedTable,
                errors.InsufficientPrivilege,
                errors.FeatureNotSupported,
            ):
                pass
            conn.rollback()
        self.update(views=tuple(found))
        if not found:
            # Nothing below could read a row: reporting "no findings" would pass a CI job
            # that checked nothing.
            raise ConnectorError(
                f"Redshift {self.source.describe()}: no Redshift system view is readable "
                f"({', '.join(VIEWS[:3])}, ...): this is not a Redshift cluster, or this user "
                "may read none of its system views (they need sys:monitor or superuser)"
            )


def read_redshift(source: RedshiftSource, *, progress: Progress | None = None) -> RsSnapshot:
    return RedshiftReader(source, progress).read()

"""Read-only, bounded reads of a Redshift cluster's system views into model objects.

The SQL is what a real cluster gets: SYS_* monitoring views first (the only ones on Serverless
and Multi-AZ clusters), STL/SVL/SVV/STV views where a SYS view is missing. Which views exist
is probed first (`SELECT ... LIMIT 0`); a missing view is a note in the snapshot, never a
failure. History is aggregated on the server (GROUP BY query hash, event, table; ranked and
cut to the top N), so the advisor pulls summaries, not history rows.

Sessions are read-only (`SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY`) with a
statement timeout; Redshift takes no startup options, so both are set after connecting. Any
failure becomes a `ConnectorError` that carries what was read before it, without the password.

The package, one subject a module: `reader` (connect, probe, the steps in order), `session`
(the source and the state every step shares), `catalog`, `history` and `usage` (the steps),
`sql_catalog` and `sql_history` (their SQL), `mapping` (rows into model objects).
"""

from connectors.redshift.history import only_in as _only_in
from connectors.redshift.reader import VIEWS, RedshiftReader, read_redshift
from connectors.redshift.session import ConnectorError, RedshiftSource

__all__ = [
    "VIEWS",
    "ConnectorError",
    "RedshiftReader",
    "RedshiftSource",
    "_only_in",
    "read_redshift",
]

"""The Redshift statements fixes are made of, shared by the Redshift rule families.

Each is a `Template` (see `advisor.sql.fixsql`): its names are quoted by the one quoter, its
statement is a tree rendered for Redshift. A rule whose fix is one of these uses it from here,
so that the same statement is written, and tested, once.
"""

from __future__ import annotations

from advisor.sql.fixsql import Template

DISTSTYLE_ALL = Template("ALTER TABLE {table} ALTER DISTSTYLE ALL")
DISTSTYLE_AUTO = Template("ALTER TABLE {table} ALTER DISTSTYLE AUTO")
DISTSTYLE_EVEN = Template("ALTER TABLE {table} ALTER DISTSTYLE EVEN")
DISTSTYLE_KEY = Template("ALTER TABLE {table} ALTER DISTSTYLE KEY DISTKEY {column:ident}")
SORTKEY_AUTO = Template("ALTER TABLE {table} ALTER SORTKEY AUTO")
COMPOUND_SORTKEY = Template("ALTER TABLE {table} ALTER COMPOUND SORTKEY ({columns:idents})")
ENCODE_AUTO = Template("ALTER TABLE {table} ALTER ENCODE AUTO")
ADD_PRIMARY_KEY = Template("ALTER TABLE {table} ADD PRIMARY KEY ({columns:idents})")
ANALYZE_PREDICATE_COLUMNS = Template("ANALYZE {table} PREDICATE COLUMNS")
VACUUM = Template("VACUUM {table}")
VACUUM_DELETE_ONLY = Template("VACUUM DELETE ONLY {table}")
VACUUM_SORT_ONLY_99 = Template("VACUUM SORT ONLY {table} TO 99 PERCENT")
DROP_TABLE = Template("DROP TABLE {table}")
REFRESH_MATERIALIZED_VIEW = Template("REFRESH MATERIALIZED VIEW {view}")
COUNT_ROWS = Template("SELECT COUNT(*) FROM {table}")
NUM_ROWS = Template("ALTER TABLE {table} SET TABLE PROPERTIES ('numRows'={rows:str})")

# `ENCODE x` of one column, per encoding the rules suggest (an encoding is a keyword, not a name).
ENCODE_COLUMN = {
    encoding: Template(f"ALTER TABLE {{table}} ALTER COLUMN {{column:ident}} ENCODE {encoding}")
    for encoding in ("RAW", "AZ64", "ZSTD", "LZO", "BYTEDICT", "DELTA", "RUNLENGTH", "TEXT255")
}


def in_order(*rendered: str) -> str:
    """Rendered statements, one a line, in the order they are to be run."""
    return "\n".join(rendered)


__all__ = [
    "ADD_PRIMARY_KEY",
    "ANALYZE_PREDICATE_COLUMNS",
    "COMPOUND_SORTKEY",
    "COUNT_ROWS",
    "DISTSTYLE_ALL",
    "DISTSTYLE_AUTO",
    "DISTSTYLE_EVEN",
    "DISTSTYLE_KEY",
    "DROP_TABLE",
    "ENCODE_AUTO",
    "ENCODE_COLUMN",
    "NUM_ROWS",
    "REFRESH_MATERIALIZED_VIEW",
    "SORTKEY_AUTO",
    "VACUUM",
    "VACUUM_DELETE_ONLY",
    "VACUUM_SORT_ONLY_99",
    "in_order",
]

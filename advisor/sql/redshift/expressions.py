"""Expression classes for Redshift statements that sqlglot has no node for.

Every class documents its args; rules read them with ``node.args.get(name)``.
Option lists hold ``exp.CopyParameter(this=exp.Var(NAME), expression=value,
expressions=[extra parts])`` items whose name is upper case; look them up with
:func:`option`.
"""

from __future__ import annotations

import typing as t

from sqlglot import exp


def option(node: exp.Expr, name: str) -> exp.Expr | None:
    """Value of the option ``name`` of a COPY, UNLOAD, external schema or function.

    Looks in ``params`` (exp.Copy) or ``options``; flags without a value (``MANIFEST``)
    yield ``exp.true()``; None when the option is absent.
    """
    wanted = name.upper()
    for item in node.args.get("params") or node.args.get("options") or []:
        if isinstance(item, (exp.CopyParameter, exp.Property)) and item.name.upper() == wanted:
            value = item.args.get("expression", item.args.get("value"))
            return value if isinstance(value, exp.Expr) else exp.true()
    return None


class DistKeyColumnConstraint(exp.Expression, exp.ColumnConstraintKind):
    """Column-level ``DISTKEY``. No args."""

    arg_types: t.ClassVar[dict[str, bool]] = {}


class SortKeyColumnConstraint(exp.Expression, exp.ColumnConstraintKind):
    """Column-level ``SORTKEY``. No args."""

    arg_types: t.ClassVar[dict[str, bool]] = {}


class SortKeyAutoProperty(exp.Property):
    """Table-level ``SORTKEY AUTO``. No args."""

    arg_types: t.ClassVar[dict[str, bool]] = {}


class EncodeAutoProperty(exp.Property):
    """Table-level ``ENCODE AUTO``. No args."""

    arg_types: t.ClassVar[dict[str, bool]] = {}


class TablePropertiesProperty(exp.Property):
    """``TABLE PROPERTIES ('k'='v', ...)`` of external tables.

    Args: expressions: list of ``exp.Property(this=Literal key, value=Literal value)``.
    """

    arg_types: t.ClassVar[dict[str, bool]] = {"expressions": True}


class NonAtomicProperty(exp.Property):
    """``NONATOMIC`` of stored procedures. No args."""

    arg_types: t.ClassVar[dict[str, bool]] = {}


class Vacuum(exp.Expression):
    """``VACUUM [mode] [table] [TO n PERCENT] [BOOST]``.

    Args:
        this: exp.Table or None (whole database).
        mode: exp.Var upper case (FULL, SORT ONLY, DELETE ONLY, REINDEX, RECLUSTER) or None.
        percent: exp.Literal number of ``TO n PERCENT`` or None.
        boost: True when BOOST is given.
    """

    arg_types: t.ClassVar[dict[str, bool]] = {
        "this": False,
        "mode": False,
        "percent": False,
        "boost": False,
    }


class AnalyzeCompression(exp.Expression):
    """``ANALYZE COMPRESSION [table [(cols)]] [COMPROWS n]``.

    Args:
        this: exp.Table or None.
        columns: list of exp.Identifier.
        comprows: exp.Literal number or None.
    """

    arg_types: t.ClassVar[dict[str, bool]] = {"this": False, "columns": False, "comprows": False}


class Unload(exp.Expression):
    """``UNLOAD ('select ...') TO 's3://...' [authorization] [options]``.

    Args:
        this: exp.Literal string holding the query as written.
        query: the parsed query (exp.Query) when the string parses, else None.
        to: exp.Literal string, the S3 prefix.
        options: list of exp.CopyParameter, authorization (IAM_ROLE, CREDENTIALS, ...) and
            flags (MANIFEST, no value) included. FORMAT AS x has an exp.Var value; PARTITION BY
            has an exp.Tuple of columns and Var INCLUDE in ``expressions``; MAXFILESIZE has the
            number as value and the unit Var (MB/GB) in ``expressions``.
    """

    arg_types: t.ClassVar[dict[str, bool]] = {
        "this": True,
        "query": False,
        "to": True,
        "options": False,
    }


class CreateExternalSchema(exp.Expression):
    """``CREATE EXTERNAL SCHEMA [IF NOT EXISTS] name FROM source ...``.

    Args:
        this: exp.Identifier, the schema name.
        exists: True for IF NOT EXISTS.
        source: exp.Var upper case: DATA CATALOG, HIVE METASTORE, POSTGRES, MYSQL, REDSHIFT,
            KINESIS, KAFKA, MSK ...
        options: list of exp.CopyParameter in source order: DATABASE,
            SCHEMA, URI, PORT, REGION, IAM_ROLE, SECRET_ARN, CATALOG_ROLE, AUTHENTICATION ...
        create_database: True for trailing ``CREATE EXTERNAL DATABASE IF NOT EXISTS``.
    """

    arg_types: t.ClassVar[dict[str, bool]] = {
        "this": True,
        "exists": False,
        "source": True,
        "options": False,
        "create_database": False,
    }


class ExternalFunction(exp.Expression):
    """``CREATE [OR REPLACE] EXTERNAL FUNCTION f(types) RETURNS type volatility ...``.

    Args:
        this: exp.UserDefinedFunction (name and argument types).
        replace: True for OR REPLACE.
        returns: exp.DataType.
        volatility: exp.Var VOLATILE | STABLE | IMMUTABLE.
        options: list of exp.CopyParameter: LAMBDA or SAGEMAKER (string), IAM_ROLE,
            RETRY_TIMEOUT, MAX_BATCH_ROWS, MAX_BATCH_SIZE (numbers / values).
    """

    arg_types: t.ClassVar[dict[str, bool]] = {
        "this": True,
        "replace": False,
        "returns": True,
        "volatility": False,
        "options": False,
    }


class Call(exp.Expression):
    """``CALL proc(args)``. Args: this: exp.Table (procedure name); expressions: arguments."""

    arg_types: t.ClassVar[dict[str, bool]] = {"this": True, "expressions": False}


class Prepare(exp.Expression):
    """``PREPARE name [(types)] AS statement``.

    Args: this: exp.Identifier; types: list of exp.DataType; expression: the statement.
    """

    arg_types: t.ClassVar[dict[str, bool]] = {"this": True, "types": False, "expression": True}


class Deallocate(exp.Expression):
    """``DEALLOCATE [PREPARE] name``. Args: this: exp.Identifier; prepare: bool."""

    arg_types: t.ClassVar[dict[str, bool]] = {"this": True, "prepare": False}


class DeclareCursor(exp.Expression):
    """``DECLARE name CURSOR FOR query``. Args: this: exp.Identifier; expression: query."""

    arg_types: t.ClassVar[dict[str, bool]] = {"this": True, "expression": True}


class FetchCursor(exp.Expression):
    """``FETCH [direction] [count] FROM cursor``.

    Args: this: exp.Identifier cursor; direction: exp.Var (NEXT, ALL, FORWARD, ...) or None;
    count: exp.Literal number or exp.Var ALL or None.
    """

    arg_types: t.ClassVar[dict[str, bool]] = {"this": True, "direction": False, "count": False}


class CloseCursor(exp.Expression):
    """``CLOSE cursor``. Args: this: exp.Identifier."""

    arg_types: t.ClassVar[dict[str, bool]] = {"this": True}


class LockTables(exp.Expression):
    """``LOCK [TABLE] t1, t2``. Args: expressions: list of exp.Table; table: bool."""

    arg_types: t.ClassVar[dict[str, bool]] = {"expressions": True, "table": False}


class AppendFrom(exp.Expression):
    """``ALTER TABLE t APPEND FROM src [IGNOREEXTRA|FILLTARGET]`` action.

    Args: this: exp.Table source; options: list of exp.Var (IGNOREEXTRA, FILLTARGET).
    """

    arg_types: t.ClassVar[dict[str, bool]] = {"this": True, "options": False}


class AlterEncode(exp.Expression):
    """``ALTER TABLE t ALTER ENCODE AUTO`` action. Args: this: exp.Var (AUTO)."""

    arg_types: t.ClassVar[dict[str, bool]] = {"this": True}


class AlterColumnEncode(exp.Expression):
    """``ALTER TABLE t ALTER COLUMN c ENCODE x`` action.

    Args: this: exp.Identifier column; encoding: exp.Var (e.g. AZ64, ZSTD).
    """

    arg_types: t.ClassVar[dict[str, bool]] = {"this": True, "encoding": True}


class SetTableProperties(exp.Expression):
    """``ALTER TABLE t SET TABLE PROPERTIES (...)`` / ``SET LOCATION`` action.

    Args: expressions: list of exp.Property(this=Literal, value=Literal); location: Literal.
    """

    arg_types: t.ClassVar[dict[str, bool]] = {"expressions": False, "location": False}

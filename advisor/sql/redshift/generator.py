"""Generator of the advisor's Redshift dialect: SQL text for our nodes, Redshift word order."""

from __future__ import annotations

import typing as t

from sqlglot import exp
from sqlglot.generators.redshift import RedshiftGenerator

from advisor.sql.redshift import expressions as rx

Transform = t.Callable[..., str]

# Properties that Redshift writes after the body of a function / procedure.
_AFTER_BODY = (exp.LanguageProperty, exp.SqlSecurityProperty)


def _params(gen: RedshiftGenerator, items: list[exp.Expr]) -> str:
    """Options in Redshift's ``NAME value`` form, space separated."""
    out = []
    for item in items:
        if not isinstance(item, exp.CopyParameter):
            out.append(gen.sql(item))
            continue
        name = item.name
        value = item.args.get("expression")
        extras = [gen.sql(e) for e in item.expressions]
        if name == "PARTITION BY":
            parts = [f"PARTITION BY {gen.sql(value)}", *extras]
        elif name == "NULL":
            parts = ["NULL AS", gen.sql(value)]
        elif name == "FORMAT":
            parts = ["FORMAT AS", gen.sql(value), *extras]
        else:
            parts = [name, gen.sql(value), *extras]
        out.append(" ".join(p for p in parts if p))
    return " ".join(out)


def _opt(gen: RedshiftGenerator, node: exp.Expr, key: str, prefix: str = " ") -> str:
    text = gen.sql(node, key)
    return f"{prefix}{text}" if text else ""


def vacuum_sql(gen: RedshiftGenerator, e: rx.Vacuum) -> str:
    percent = e.args.get("percent")
    to = f" TO {gen.sql(percent)} PERCENT" if percent else ""
    boost = " BOOST" if e.args.get("boost") else ""
    return f"VACUUM{_opt(gen, e, 'mode')}{_opt(gen, e, 'this')}{to}{boost}"


def analyze_sql(gen: RedshiftGenerator, e: exp.Analyze) -> str:
    options = "".join(f" {o}" for o in e.args.get("options") or [])
    tables = gen.expressions(e, key="tables", flat=True)
    tables = f" {tables}" if tables else ""
    return f"ANALYZE{options}{tables}{_opt(gen, e, 'expression')}"


def analyze_compression_sql(gen: RedshiftGenerator, e: rx.AnalyzeCompression) -> str:
    columns = gen.expressions(e, key="columns", flat=True)
    columns = f" ({columns})" if columns else ""
    rows = _opt(gen, e, "comprows", " COMPROWS ")
    return f"ANALYZE COMPRESSION{_opt(gen, e, 'this')}{columns}{rows}"


def copy_sql(gen: RedshiftGenerator, e: exp.Copy) -> str:
    files = gen.expressions(e, key="files", flat=True)
    params = _params(gen, e.args.get("params") or [])
    params = f" {params}" if params else ""
    return f"COPY {gen.sql(e, 'this')} FROM {files}{params}"


def unload_sql(gen: RedshiftGenerator, e: rx.Unload) -> str:
    options = _params(gen, e.args.get("options") or [])
    options = f" {options}" if options else ""
    return f"UNLOAD ({gen.sql(e, 'this')}) TO {gen.sql(e, 'to')}{options}"


def external_schema_sql(gen: RedshiftGenerator, e: rx.CreateExternalSchema) -> str:
    exists = " IF NOT EXISTS" if e.args.get("exists") else ""
    options = _params(gen, e.args.get("options") or [])
    options = f" {options}" if options else ""
    tail = " CREATE EXTERNAL DATABASE IF NOT EXISTS" if e.args.get("create_database") else ""
    head = f"CREATE EXTERNAL SCHEMA{exists} {gen.sql(e, 'this')}"
    return f"{head} FROM {gen.sql(e, 'source')}{options}{tail}"


def external_function_sql(gen: RedshiftGenerator, e: rx.ExternalFunction) -> str:
    replace = " OR REPLACE" if e.args.get("replace") else ""
    options = _params(gen, e.args.get("options") or [])
    options = f" {options}" if options else ""
    head = f"CREATE{replace} EXTERNAL FUNCTION {gen.sql(e, 'this')}"
    return f"{head} RETURNS {gen.sql(e, 'returns')}{_opt(gen, e, 'volatility')}{options}"


def sortkey_sql(gen: RedshiftGenerator, e: exp.SortKeyProperty) -> str:
    if e.args.get("interleaved"):
        kind = "INTERLEAVED "
    else:
        kind = "COMPOUND " if e.args.get("compound") else ""
    return f"{kind}SORTKEY({gen.format_args(*e.this)})"


def transaction_sql(gen: RedshiftGenerator, e: exp.Transaction) -> str:
    this = _opt(gen, e, "this")
    modes = ", ".join(e.args.get("modes") or [])
    return f"BEGIN{this}{' ' + modes if modes else ''}"


def create_sql(gen: RedshiftGenerator, e: exp.Create) -> str:
    """Functions and procedures in Redshift order (body before LANGUAGE); others as usual."""
    kind = str(e.args.get("kind") or "").upper()
    body = e.args.get("expression")
    if kind not in ("FUNCTION", "PROCEDURE") or body is None:
        return RedshiftGenerator.create_sql(gen, e)
    props = e.args.get("properties")
    items = list(props.expressions) if props else []
    before = [p for p in items if not isinstance(p, _AFTER_BODY)]
    after = [p for p in items if isinstance(p, _AFTER_BODY)]
    replace = " OR REPLACE" if e.args.get("replace") else ""
    parts = [f"CREATE{replace} {kind} {gen.sql(e, 'this')}"]
    parts += [gen.sql(p) for p in before]
    parts += ["AS", gen.sql(body)]
    parts += [gen.sql(p) for p in after]
    return " ".join(p for p in parts if p)


def file_format_sql(gen: RedshiftGenerator, e: exp.FileFormatProperty) -> str:
    fmt = e.this
    if isinstance(fmt, exp.InputOutputFormat):
        inp = _opt(gen, fmt, "input_format", " INPUTFORMAT ")
        return f"STORED AS{inp}{_opt(gen, fmt, 'output_format', ' OUTPUTFORMAT ')}"
    return f"STORED AS {gen.sql(e, 'this')}"


def serde_sql(gen: RedshiftGenerator, e: exp.RowFormatSerdeProperty) -> str:
    props = e.args.get("serde_properties")
    with_ = ""
    if isinstance(props, exp.SerdeProperties):
        pairs = ", ".join(f"{gen.sql(p, 'this')}={gen.sql(p, 'value')}" for p in props.expressions)
        with_ = f" WITH SERDEPROPERTIES ({pairs})"
    return f"ROW FORMAT SERDE {gen.sql(e, 'this')}{with_}"


def show_sql(gen: RedshiftGenerator, e: exp.Show) -> str:
    return f"SHOW {e.name}"


def execute_sql(gen: RedshiftGenerator, e: exp.Execute) -> str:
    args = gen.expressions(e, flat=True)
    return f"EXECUTE {gen.sql(e, 'this')}{f' ({args})' if args else ''}"


def prepare_sql(gen: RedshiftGenerator, e: rx.Prepare) -> str:
    types = gen.expressions(e, key="types", flat=True)
    types = f" ({types})" if types else ""
    return f"PREPARE {gen.sql(e, 'this')}{types} AS {gen.sql(e, 'expression')}"


def fetch_sql(gen: RedshiftGenerator, e: rx.FetchCursor) -> str:
    head = f"FETCH{_opt(gen, e, 'direction')}{_opt(gen, e, 'count')}"
    return f"{head} FROM {gen.sql(e, 'this')}"


def append_sql(gen: RedshiftGenerator, e: rx.AppendFrom) -> str:
    options = "".join(f" {gen.sql(o)}" for o in e.args.get("options") or [])
    return f"APPEND FROM {gen.sql(e, 'this')}{options}"


def set_table_properties_sql(gen: RedshiftGenerator, e: rx.SetTableProperties) -> str:
    if e.args.get("location"):
        return f"SET LOCATION {gen.sql(e, 'location')}"
    return f"SET TABLE PROPERTIES ({_kv_list(gen, e)})"


def _kv_list(gen: RedshiftGenerator, e: exp.Expr) -> str:
    return ", ".join(f"{gen.sql(p, 'this')}={gen.sql(p, 'value')}" for p in e.expressions)


def _lock_sql(gen: RedshiftGenerator, e: rx.LockTables) -> str:
    table = " TABLE" if e.args.get("table") else ""
    return f"LOCK{table} {gen.expressions(e, flat=True)}"


def _owner_sql(gen: RedshiftGenerator, e: exp.Property) -> str:
    if e.name.upper() == "OWNER" and isinstance(e.parent, exp.Alter):
        return f"OWNER TO {gen.sql(e, 'value')}"
    return RedshiftGenerator.property_sql(gen, e)


TRANSFORMS: dict[type[exp.Expr], Transform] = {
    rx.Vacuum: vacuum_sql,
    exp.Analyze: analyze_sql,
    rx.AnalyzeCompression: analyze_compression_sql,
    exp.Copy: copy_sql,
    rx.Unload: unload_sql,
    rx.CreateExternalSchema: external_schema_sql,
    rx.ExternalFunction: external_function_sql,
    exp.SortKeyProperty: sortkey_sql,
    exp.Transaction: transaction_sql,
    exp.Create: create_sql,
    exp.Show: show_sql,
    exp.FileFormatProperty: file_format_sql,
    exp.RowFormatSerdeProperty: serde_sql,
    exp.PartitionedByProperty: lambda gen, e: f"PARTITIONED BY {gen.sql(e, 'this')}",
    exp.Execute: execute_sql,
    exp.Property: _owner_sql,
    exp.SqlSecurityProperty: lambda gen, e: f"SECURITY {gen.sql(e, 'this')}",
    rx.Prepare: prepare_sql,
    rx.FetchCursor: fetch_sql,
    rx.AppendFrom: append_sql,
    rx.SetTableProperties: set_table_properties_sql,
    rx.LockTables: _lock_sql,
    rx.Call: lambda gen, e: f"CALL {gen.sql(e, 'this')}({gen.expressions(e, flat=True)})",
    rx.Deallocate: lambda gen, e: (
        f"DEALLOCATE {'PREPARE ' if e.args.get('prepare') else ''}{gen.sql(e, 'this')}"
    ),
    rx.DeclareCursor: lambda gen, e: (
        f"DECLARE {gen.sql(e, 'this')} CURSOR FOR {gen.sql(e, 'expression')}"
    ),
    rx.CloseCursor: lambda gen, e: f"CLOSE {gen.sql(e, 'this')}",
    rx.AlterEncode: lambda gen, e: f"ALTER ENCODE {gen.sql(e, 'this')}",
    rx.AlterColumnEncode: lambda gen, e: (
        f"ALTER COLUMN {gen.sql(e, 'this')} ENCODE {gen.sql(e, 'encoding')}"
    ),
    rx.DistKeyColumnConstraint: lambda gen, e: "DISTKEY",
    rx.SortKeyColumnConstraint: lambda gen, e: "SORTKEY",
    rx.SortKeyAutoProperty: lambda gen, e: "SORTKEY AUTO",
    rx.EncodeAutoProperty: lambda gen, e: "ENCODE AUTO",
    rx.NonAtomicProperty: lambda gen, e: "NONATOMIC",
    rx.TablePropertiesProperty: lambda gen, e: f"TABLE PROPERTIES ({_kv_list(gen, e)})",
}


class AdvisorGenerator(RedshiftGenerator):
    """Redshift generator that also prints the advisor's own expression classes."""

    TRANSFORMS: t.ClassVar[dict[type[exp.Expr], Transform]] = {
        **RedshiftGenerator.TRANSFORMS,
        **TRANSFORMS,
    }

    PROPERTIES_LOCATION: t.ClassVar[dict[type[exp.Expression], exp.PropertiesLocation]] = {
        **RedshiftGenerator.PROPERTIES_LOCATION,
        exp.RowFormatSerdeProperty: exp.Properties.Location.POST_SCHEMA,
        exp.RowFormatDelimitedProperty: exp.Properties.Location.POST_SCHEMA,
        rx.SortKeyAutoProperty: exp.Properties.Location.POST_SCHEMA,
        rx.EncodeAutoProperty: exp.Properties.Location.POST_SCHEMA,
        rx.TablePropertiesProperty: exp.Properties.Location.POST_SCHEMA,
        rx.NonAtomicProperty: exp.Properties.Location.POST_SCHEMA,
    }

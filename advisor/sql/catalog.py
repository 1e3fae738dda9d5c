"""The project catalog: tables declared by the DDL of a lint run, built before rules run."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from sqlglot import exp

from advisor.model import Catalog, ColumnInfo, SqlStatement, TableInfo
from advisor.sql.external import file_format, table_properties
from advisor.sql.redshift.expressions import CreateExternalSchema


def qualified(table: exp.Table) -> tuple[str | None, str]:
    """(schema, name) of a table reference, as written (case kept)."""
    return (table.db or None), table.name


def display_name(table: exp.Table) -> str:
    schema, name = qualified(table)
    return f"{schema}.{name}" if schema else name


def sortkey_style(prop: exp.SortKeyProperty) -> str:
    """`INTERLEAVED`, `COMPOUND` (written or implied) or `AUTO`."""
    if prop.args.get("interleaved"):
        return "INTERLEAVED"
    cols = prop.this if isinstance(prop.this, list) else [prop.this]
    if len(cols) == 1 and isinstance(cols[0], exp.Var) and cols[0].name.upper() == "AUTO":
        return "AUTO"
    return "COMPOUND"


def sortkey_columns(prop: exp.SortKeyProperty) -> list[exp.Expr]:
    cols = prop.this if isinstance(prop.this, list) else [prop.this]
    return [c for c in cols if isinstance(c, exp.Expr)]


def _constraint_kinds(col: exp.ColumnDef) -> list[exp.Expr]:
    return [c.args["kind"] for c in col.args.get("constraints") or [] if c.args.get("kind")]


_TYPE_TEXT: dict[tuple[object, ...], str] = {}


def type_text(kind: exp.DataType) -> str:
    """A column type as Redshift prints it, upper case (`VARCHAR(256)`, `INTEGER`).

    Generating SQL is costly and DDL repeats a handful of types, so results are memoised on
    the type and its parameters.
    """
    key = (kind.this, *(p.sql() if p.expressions else p.name for p in kind.expressions))
    text = _TYPE_TEXT.get(key)
    if text is None:
        text = _TYPE_TEXT[key] = kind.sql("redshift").upper()
    return text


# One object per distinct column declaration: most tables of a repository repeat the same
# few (an `id BIGINT NOT NULL`), and a shared object is also sent between processes once per
# message instead of once per table. Bounded, for a long-lived process.
_COLUMNS: dict[ColumnInfo, ColumnInfo] = {}
_COLUMNS_MAX = 65536


def column_info(col: exp.ColumnDef) -> ColumnInfo:
    info = _column_info(col)
    if len(_COLUMNS) >= _COLUMNS_MAX:
        _COLUMNS.clear()
    return _COLUMNS.setdefault(info, info)


def _column_info(col: exp.ColumnDef) -> ColumnInfo:
    kinds = _constraint_kinds(col)
    encoding = next(
        (k.name.upper() for k in kinds if isinstance(k, exp.EncodeColumnConstraint)), None
    )
    identity = any(isinstance(k, exp.GeneratedAsIdentityColumnConstraint) for k in kinds) or any(
        type(k).__name__.lower().startswith("identity") for k in kinds
    )
    kind = col.args.get("kind")
    return ColumnInfo(
        name=col.name,
        type=type_text(kind) if isinstance(kind, exp.DataType) else "",
        encoding=encoding,
        distkey=any(type(k).__name__ == "DistKeyColumnConstraint" for k in kinds),
        sortkey_position=1
        if any(type(k).__name__ == "SortKeyColumnConstraint" for k in kinds)
        else 0,
        not_null=any(isinstance(k, exp.NotNullColumnConstraint) for k in kinds),
        identity=identity,
    )


def table_info(create: exp.Create) -> TableInfo | None:
    """What a CREATE TABLE (or CREATE EXTERNAL TABLE) declares; None for other statements."""
    kind = str(create.args.get("kind") or "").upper()
    if kind != "TABLE":
        return None
    target = create.this
    schema_node = target if isinstance(target, exp.Schema) else None
    table = schema_node.this if schema_node is not None else target
    if not isinstance(table, exp.Table):
        return None
    columns: list[ColumnInfo] = []
    primary: tuple[str, ...] = ()
    if schema_node is not None:
        for item in schema_node.expressions:
            if isinstance(item, exp.ColumnDef):
                columns.append(column_info(item))
                if item.find(exp.PrimaryKeyColumnConstraint) is not None:
                    primary = (item.name,)
            elif isinstance(item, exp.PrimaryKey):
                primary = tuple(e.name for e in item.expressions)
    props = create.args.get("properties")
    diststyle = distkey = sort_style = None
    sortkey: tuple[str, ...] = ()
    partition_keys: tuple[str, ...] = ()
    external = False
    for prop in props.expressions if isinstance(props, exp.Properties) else []:
        if isinstance(prop, exp.DistStyleProperty):
            diststyle = prop.name.upper()
        elif isinstance(prop, exp.DistKeyProperty):
            distkey = prop.name
        elif isinstance(prop, exp.SortKeyProperty):
            sort_style = sortkey_style(prop)
            sortkey = tuple(c.name for c in sortkey_columns(prop)) if sort_style != "AUTO" else ()
        elif isinstance(prop, exp.ExternalProperty):
            external = True
        elif isinstance(prop, exp.PartitionedByProperty):
            partition_keys = _partition_names(prop.this)
    if distkey is None:
        distkey = next((c.name for c in columns if c.distkey), None)
    if not sortkey:
        inline = tuple(c.name for c in columns if c.sortkey_position)
        if inline:
            sortkey, sort_style = inline, sort_style or "COMPOUND"
    schema, name = qualified(table)
    storage_format = file_format(create)[0] if external else None
    declared = table_properties(create) if external else ()
    if external and storage_format is None:
        # An AWS Glue crawler names the files' format in the `classification` property.
        storage_format = next((v.upper() for k, v in declared if k == "classification"), None)
    return TableInfo(
        schema=schema,
        name=name,
        columns=tuple(columns),
        diststyle=diststyle,
        distkey=distkey,
        sortkey=sortkey,
        sortkey_style=sort_style,
        external=external,
        partition_keys=partition_keys,
        primary_key=primary,
        foreign_key=create.find(exp.ForeignKey, exp.Reference) is not None,
        storage_format=storage_format,
        properties=declared,
    )


def _partition_names(node: exp.Expr | None) -> tuple[str, ...]:
    if isinstance(node, exp.Schema):
        return tuple(e.name for e in node.expressions)
    if isinstance(node, exp.Tuple | exp.Array):
        return tuple(e.name for e in node.expressions)
    return (node.name,) if isinstance(node, exp.Expr) and node.name else ()


@dataclass(slots=True)
class CatalogPart:
    """What one file's statements contribute to the project catalog, as plain data.

    Files can be read apart (in worker processes, or from the cache) and their parts merged
    in file order by `merge_parts`, which gives the catalog `catalog_from_statements` builds.
    References are kept as written (`writes`, `joins`): an unqualified name is resolved only
    once every table of the run is known.
    """

    path: str
    search_path: tuple[str, ...] = ()
    tables: list[TableInfo] = field(default_factory=list)
    # (qualified key, bare key, label) of views, materialized views and temporary tables.
    relations: list[tuple[str, str, str]] = field(default_factory=list)
    analyzed: list[str] = field(default_factory=list)
    external_schemas: list[tuple[str, str]] = field(default_factory=list)
    writes: list[tuple[str | None, str]] = field(default_factory=list)
    joins: list[tuple[str | None, str]] = field(default_factory=list)
    # Statements whose tree the catalog could not read, with the error (not merged).
    failures: list[tuple[SqlStatement, Exception]] = field(default_factory=list)


def catalog_part(path: str, statements: Iterable[SqlStatement]) -> CatalogPart:
    """The contribution of one file's statements (procedure bodies included, in order)."""
    part = CatalogPart(path)
    stmts = list(statements)
    if stmts:
        part.search_path = search_path_of(stmts[0].source.text)
    broken: set[int] = set()
    for stmt in stmts:
        try:
            _declare(part, stmt)
        except Exception as error:
            part.failures.append((stmt, error))
            broken.add(id(stmt))
    for stmt in stmts:
        if stmt.tree is None or id(stmt) in broken:
            continue
        try:
            _references(part, stmt.tree, stmt.nodes(exp.Select))
        except Exception as error:
            part.failures.append((stmt, error))
    return part


def merge_parts(parts: Iterable[CatalogPart]) -> Catalog:
    """The project catalog of parts given in file order."""
    catalog = Catalog()
    kept = list(parts)
    for part in kept:
        if part.search_path and part.path not in catalog.search_paths:
            catalog.search_paths[part.path] = part.search_path
        for info in part.tables:
            catalog.add(info)
            catalog.created_in.setdefault(info.qualified_name.lower(), set()).add(part.path)
        for key, bare, label in part.relations:
            catalog.relation_kinds[key] = label
            catalog.relation_kinds.setdefault(bare, label)
        for key in part.analyzed:
            catalog.analyzed_in.setdefault(key, set()).add(part.path)
        for external, source in part.external_schemas:
            catalog.external_schemas[external] = source
    # Usage second: an unqualified name is counted for the table it resolves to, once every
    # table of the run is known (see Catalog.lookup).
    for part in kept:
        for schema, name in part.writes:
            key = _usage_key(catalog, schema, name, part.path)
            catalog.dml_writes[key] = catalog.dml_writes.get(key, 0) + 1
            by_file = catalog.dml_writes_in.setdefault(key, {})
            by_file[part.path] = by_file.get(part.path, 0) + 1
        for schema, name in part.joins:
            key = _usage_key(catalog, schema, name, part.path)
            catalog.joins[key] = catalog.joins.get(key, 0) + 1
    return catalog


def catalog_from_statements(
    statements: Iterable[SqlStatement],
    failures: list[tuple[SqlStatement, Exception]] | None = None,
) -> Catalog:
    """The tables and usage declared by a run's statements. With `failures`, a statement whose
    tree the catalog cannot read is left out and recorded there instead of raising."""
    by_file: dict[str, list[SqlStatement]] = {}
    for stmt in statements:
        by_file.setdefault(stmt.source.path, []).append(stmt)
    parts = [catalog_part(path, stmts) for path, stmts in by_file.items()]
    for part in parts:
        if part.failures and failures is None:
            raise part.failures[0][1]
        if failures is not None:
            failures.extend(part.failures)
    return merge_parts(parts)


def _declare(part: CatalogPart, stmt: SqlStatement) -> None:
    tree = stmt.tree
    if isinstance(tree, exp.Create):
        info = table_info(tree)
        if info is not None:
            part.tables.append(replace(info, location=stmt.location))
        _record_relation_kind(part, tree)
    if isinstance(tree, exp.Analyze):
        targets = [_key(t) for t in tree.args.get("tables") or [] if isinstance(t, exp.Table)]
        part.analyzed.extend(targets or [""])
    if isinstance(tree, CreateExternalSchema):
        # Schema name (lower case) -> source kind: POSTGRES, MYSQL, DATA CATALOG ...
        part.external_schemas.append((tree.this.name.lower(), tree.args["source"].name.upper()))


_SEARCH_PATH = re.compile(r"^\s*set\s+search_path\s*(?:to|=)\s*([^;]+)", re.I | re.M)


def search_path_of(text: str) -> tuple[str, ...]:
    """Schemas named by the first `SET search_path` of a script, lower case, in order."""
    match = _SEARCH_PATH.search(text)
    if match is None:
        return ()
    names = (n.strip().strip("'\"").lower() for n in match.group(1).split(","))
    return tuple(n for n in names if n and n != "$user")


def _key(table: exp.Table) -> str:
    schema, name = qualified(table)
    return (f"{schema}.{name}" if schema else name).lower()


def usage_key(catalog: Catalog, table: exp.Table, path: str | None) -> str:
    """The key a reference is counted under: the table it resolves to, else as written."""
    return _usage_key(catalog, table.db or None, table.name, path)


def _usage_key(catalog: Catalog, schema: str | None, name: str, path: str | None) -> str:
    if not schema:
        info = catalog.lookup(None, name, path)
        if info is not None:
            return info.qualified_name.lower()
    return (f"{schema}.{name}" if schema else name).lower()


def _record_relation_kind(part: CatalogPart, create: exp.Create) -> None:
    """Views, materialized views and temporary tables, which some MV rules must tell apart."""
    target = create.this.this if isinstance(create.this, exp.Schema) else create.this
    if not isinstance(target, exp.Table):
        return
    props = create.args.get("properties")
    kinds = {type(p) for p in props.expressions} if isinstance(props, exp.Properties) else set()
    kind = str(create.args.get("kind") or "").upper()
    if kind == "VIEW":
        label = "MATERIALIZED VIEW" if exp.MaterializedProperty in kinds else "VIEW"
    elif kind == "TABLE" and exp.TemporaryProperty in kinds:
        label = "TEMPORARY TABLE"
    else:
        return
    part.relations.append((_key(target), target.name.lower(), label))


def _references(part: CatalogPart, tree: exp.Expr, selects: list[exp.Select]) -> None:
    """DML targets and joined tables, as written (facts for RS-D13 and RS-D14)."""
    if isinstance(tree, exp.Insert | exp.Update | exp.Delete | exp.Merge):
        target = tree.this.this if isinstance(tree.this, exp.Schema) else tree.this
        if isinstance(target, exp.Table):
            part.writes.append((target.db or None, target.name))
    for select in selects:
        from_ = select.args.get("from_") or select.args.get("from")
        joined = list(select.args.get("joins") or ())
        if isinstance(from_, exp.From) and from_.expressions:
            joined.extend(from_.expressions)
        if not joined or not isinstance(from_, exp.From):
            continue
        for source in [from_.this, *joined]:
            table = source.this if isinstance(source, exp.Join) else source
            if isinstance(table, exp.Table) and table.name:
                part.joins.append((table.db or None, table.name))

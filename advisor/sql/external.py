"""What an external table's DDL says about its files (Redshift Spectrum and Athena).

The storage format (STORED AS, ROW FORMAT, a SerDe or input-format class, an Athena CTAS's
`format`) and the TABLE PROPERTIES / TBLPROPERTIES entries. The project catalog keeps both on
the table (`TableInfo.storage_format`, `TableInfo.properties`); the external-table rules read
them from the CREATE statement itself.
"""

from __future__ import annotations

from sqlglot import exp

COLUMNAR_FORMATS = frozenset({"PARQUET", "ORC"})
# Storage format named by a SerDe or input-format class (e.g. ...parquet.MapredParquetInputFormat).
_CLASS_HINTS: tuple[tuple[str, str], ...] = (
    ("cloudtrail", "JSON"),  # com.amazon.emr.cloudtrail.CloudTrailInputFormat reads JSON files
    ("parquet", "PARQUET"),
    ("orc", "ORC"),
    ("avro", "AVRO"),
    ("json", "JSON"),
    ("csv", "CSV"),
    ("text", "TEXTFILE"),
    ("lazysimple", "TEXTFILE"),
    ("regex", "TEXTFILE"),
    ("grok", "TEXTFILE"),
)


def _properties(tree: exp.Create) -> list[exp.Expr]:
    props = tree.args.get("properties")
    return list(props.expressions) if isinstance(props, exp.Properties) else []


def class_format(name: str) -> str:
    """The format a SerDe or input-format class name stands for (upper case when known)."""
    lowered = name.lower()
    return next((fmt for hint, fmt in _CLASS_HINTS if hint in lowered), name)


def file_format(tree: exp.Create) -> tuple[str | None, exp.Expr | None]:
    """The declared storage format (upper case) and the node that declares it."""
    row_format: tuple[str | None, exp.Expr | None] = (None, None)
    for prop in _properties(tree):
        if isinstance(prop, exp.FileFormatProperty):
            value = prop.this
            if isinstance(value, exp.InputOutputFormat):
                source = value.args.get("input_format")
                declared = class_format(source.name) if source else None
                serde = _serde_format(tree)
                # A plain TextInputFormat reads lines; the SerDe says what they hold (JSON...).
                if declared == "TEXTFILE" and serde is not None:
                    return serde, prop
                return declared, prop
            if isinstance(value, exp.Expr) and value.name:
                return value.name.upper(), prop
        elif isinstance(prop, exp.RowFormatDelimitedProperty):
            row_format = ("TEXTFILE", prop)
        elif isinstance(prop, exp.RowFormatSerdeProperty) and isinstance(prop.this, exp.Expr):
            row_format = (class_format(prop.this.name), prop)
    return row_format


def _serde_format(tree: exp.Create) -> str | None:
    for prop in _properties(tree):
        if isinstance(prop, exp.RowFormatSerdeProperty) and isinstance(prop.this, exp.Expr):
            name = class_format(prop.this.name)
            return name if name.isupper() else None
    return None


def table_property(tree: exp.Create, key: str) -> exp.Property | None:
    """A TABLE PROPERTIES / TBLPROPERTIES entry by key (case-insensitive)."""
    wanted = key.lower()
    for prop in _properties(tree):
        entries = [prop] if type(prop) is exp.Property else list(prop.find_all(exp.Property))
        for entry in entries:
            if entry.name.lower() == wanted:
                return entry
    return None


def table_properties(tree: exp.Create) -> tuple[tuple[str, str], ...]:
    """Every TABLE PROPERTIES / TBLPROPERTIES entry with a literal value: (key lower case,
    value as written), in order."""
    out: list[tuple[str, str]] = []
    for prop in _properties(tree):
        entries = [prop] if type(prop) is exp.Property else list(prop.find_all(exp.Property))
        for entry in entries:
            value = entry.args.get("value")
            if type(entry) is exp.Property and entry.name and isinstance(value, exp.Literal):
                out.append((entry.name.lower(), value.name))
    return tuple(out)

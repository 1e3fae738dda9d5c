"""Parsers for Redshift DDL pieces: external objects, table/column properties, ALTER actions."""

from __future__ import annotations

from sqlglot import exp, parser
from sqlglot.tokenizer_core import TokenType

from advisor.sql.redshift import expressions as rx
from advisor.sql.redshift.options import parse_option, parse_options
from advisor.sql.redshift.statements import parse_object_name

EXTERNAL_SCHEMA_SOURCES = (
    ("DATA", "CATALOG"),
    ("HIVE", "METASTORE"),
    ("POSTGRES",),
    ("MYSQL",),
    ("REDSHIFT",),
    ("KINESIS",),
    ("KAFKA",),
    ("MSK",),
)
PARAMETER_MODES = ("IN", "OUT", "INOUT")
VOLATILITIES = ("VOLATILE", "STABLE", "IMMUTABLE")


def parse_function_parameter(p: parser.Parser) -> exp.Expr | None:
    """``[name] [IN|OUT|INOUT] type`` of procedures and functions.

    Named parameters become exp.ColumnDef (mode in an exp.InOutColumnConstraint), bare types
    exp.DataType.
    """
    index = p._index
    mode_first = p._match_texts(PARAMETER_MODES) and p._prev.text.upper()
    name = p._parse_id_var()
    mode = mode_first or (p._match_texts(PARAMETER_MODES) and p._prev.text.upper())
    kind = p._parse_types() if name else None
    if name is None or kind is None:
        p._retreat(index)
        mode = p._match_texts(PARAMETER_MODES) and p._prev.text.upper()
        kind = p._parse_types()
        if kind is None:
            return None
        if not mode:
            return kind
        name = None
    constraints: list[exp.Expr] = []
    if mode:
        constraints.append(
            exp.InOutColumnConstraint(
                input_=mode in ("IN", "INOUT") or None, output=mode in ("OUT", "INOUT") or None
            )
        )
    return exp.ColumnDef(this=name, kind=kind, constraints=constraints)


def parse_external_schema(p: parser.Parser) -> exp.Expr:
    exists = p._parse_exists(not_=True)
    name = p._parse_id_var()
    if not p._match(TokenType.FROM):
        p.raise_error("Expected FROM in CREATE EXTERNAL SCHEMA")
    source = None
    for words in EXTERNAL_SCHEMA_SOURCES:
        if p._match_text_seq(*words):
            source = exp.var(" ".join(words))
            break
    if source is None:
        p.raise_error("Unknown external schema source")
    options = []
    create_database = False
    while p._curr and p._curr.token_type != TokenType.SEMICOLON:
        if p._match_text_seq("CREATE", "EXTERNAL", "DATABASE", "IF", "NOT", "EXISTS"):
            create_database = True
            continue
        before = p._index
        options.extend(parse_options_until_create(p))
        if p._index == before:
            p.raise_error("Unexpected token in CREATE EXTERNAL SCHEMA")
    return rx.CreateExternalSchema(
        this=name,
        exists=exists,
        source=source,
        options=options,
        create_database=create_database or None,
    )


def parse_options_until_create(p: parser.Parser) -> list[exp.Expr]:
    """Options of CREATE EXTERNAL SCHEMA, stopping at the trailing CREATE EXTERNAL DATABASE."""
    options: list[exp.Expr] = []
    while p._curr and p._curr.token_type not in (TokenType.CREATE, TokenType.SEMICOLON):
        item = parse_option(p)
        if item is None:
            break
        options.append(item)
    return options


def parse_external_function(p: parser.Parser, replace: bool) -> exp.Expr:
    name = parse_object_name(p)
    params = p._parse_wrapped_csv(lambda: parse_function_parameter(p), optional=True)
    func = exp.UserDefinedFunction(this=name, expressions=params, wrapped=True)
    if not p._match_text_seq("RETURNS"):
        p.raise_error("Expected RETURNS")
    returns = p._parse_types()
    volatility = p._match_texts(VOLATILITIES) and exp.var(p._prev.text.upper())
    return rx.ExternalFunction(
        this=func,
        replace=replace or None,
        returns=returns,
        volatility=volatility or None,
        options=parse_options(p),
    )


def parse_sortkey_property(p: parser.Parser, compound: bool = False) -> exp.Expr:
    """``SORTKEY (cols)`` or ``SORTKEY AUTO``; INTERLEAVED is handled by the caller."""
    if p._match_text_seq("AUTO"):
        return rx.SortKeyAutoProperty()
    return exp.SortKeyProperty(this=p._parse_wrapped_id_vars(), compound=compound or None)


def parse_interleaved_sortkey(p: parser.Parser) -> exp.Expr | None:
    if not p._match_text_seq("SORTKEY"):
        p._retreat(p._index - 1)
        return None
    prop = exp.SortKeyProperty(this=p._parse_wrapped_id_vars())
    prop.set("interleaved", True)
    return prop


def parse_encode_property(p: parser.Parser) -> exp.Expr:
    if not p._match_text_seq("AUTO"):
        p.raise_error("Expected AUTO after table-level ENCODE")
    return rx.EncodeAutoProperty()


def parse_table_properties(p: parser.Parser) -> exp.Expr | None:
    """``TABLE PROPERTIES ('k'='v', ...)`` (TABLE already consumed)."""
    if not p._match_text_seq("PROPERTIES"):
        p._retreat(p._index - 1)
        return None
    return rx.TablePropertiesProperty(expressions=p._parse_wrapped_csv(lambda: _kv(p)))


def _kv(p: parser.Parser) -> exp.Expr:
    key = p._parse_string()
    p._match(TokenType.EQ)
    value = p._parse_string() or p._parse_number()
    if key is None or value is None:
        p.raise_error("Expected 'key'='value'")
    return exp.Property(this=key, value=value)


def parse_append(p: parser.Parser) -> exp.Expr:
    if not p._match(TokenType.FROM):
        p.raise_error("Expected FROM after APPEND")
    source = p._parse_table_parts()
    options = []
    while p._match_texts(("IGNOREEXTRA", "FILLTARGET")):
        options.append(exp.var(p._prev.text.upper()))
    return rx.AppendFrom(this=source, options=options)


def parse_set_table_properties(p: parser.Parser) -> exp.Expr | None:
    """ALTER TABLE ... SET TABLE PROPERTIES (...) | SET LOCATION '...' (spectrum tables)."""
    if p._match_text_seq("TABLE", "PROPERTIES"):
        return rx.SetTableProperties(expressions=p._parse_wrapped_csv(lambda: _kv(p)))
    if p._match_text_seq("LOCATION"):
        return rx.SetTableProperties(location=p._parse_string())
    return None


def parse_alter_column_encode(p: parser.Parser) -> exp.Expr | None:
    """``[COLUMN] c ENCODE x``; None (after retreating) when it is another ALTER COLUMN form."""
    index = p._index
    p._match(TokenType.COLUMN)
    column = p._parse_field(any_token=True)
    if column is not None and p._match_text_seq("ENCODE"):
        return rx.AlterColumnEncode(this=column, encoding=p._parse_var(any_token=True, upper=True))
    p._retreat(index)
    return None

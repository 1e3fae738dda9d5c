"""Parsers for Redshift statements that start with a plain word (VACUUM, UNLOAD, CALL, ...).

Each function is called with the parser positioned after the leading word.
"""

from __future__ import annotations

import typing as t

from sqlglot import exp, parser
from sqlglot.tokenizer_core import TokenType

from advisor.sql.redshift import expressions as rx
from advisor.sql.redshift.options import parse_embedded_query, parse_options

StatementParser = t.Callable[[parser.Parser], exp.Expr | None]

VACUUM_MODES = (("FULL",), ("SORT", "ONLY"), ("DELETE", "ONLY"), ("REINDEX",), ("RECLUSTER",))


def _at_end(p: parser.Parser) -> bool:
    return not p._curr or p._curr.token_type == TokenType.SEMICOLON


def parse_object_name(p: parser.Parser) -> exp.Table:
    """``[catalog.][db.]name`` without treating a following ``(`` as a function call."""
    parts = [p._parse_id_var(any_token=False)]
    while p._match(TokenType.DOT):
        parts.append(p._parse_id_var(any_token=True))
    if parts[-1] is None:
        p.raise_error("Expected a name")
    names: list[exp.Expr | None] = [None, None, None, *parts][-3:]
    return exp.Table(this=names[2], db=names[1], catalog=names[0])


def parse_vacuum(p: parser.Parser) -> exp.Expr:
    mode = None
    for words in VACUUM_MODES:
        if p._match_text_seq(*words):
            mode = exp.var(" ".join(words))
            break
    this = None
    at_word = (
        p._curr is not None
        and p._curr.token_type != TokenType.IDENTIFIER  # a quoted "to" is a table name
        and p._curr.text.upper() in ("TO", "BOOST")
    )
    if not _at_end(p) and not at_word:
        this = p._parse_table_parts()
    percent = None
    if p._match_text_seq("TO"):
        percent = p._parse_number()
        if not p._match_text_seq("PERCENT"):
            p.raise_error("Expected PERCENT")
    boost = p._match_text_seq("BOOST")
    return rx.Vacuum(this=this, mode=mode, percent=percent, boost=boost or None)


def _parse_table_with_columns(p: parser.Parser) -> tuple[exp.Expr | None, list[exp.Expr]]:
    if _at_end(p) or (
        p._curr
        and p._curr.token_type != TokenType.IDENTIFIER  # a quoted "all" is a table name
        and p._curr.text.upper() in ("PREDICATE", "ALL", "COMPROWS")
    ):
        return None, []
    table = parse_object_name(p)
    columns = p._parse_wrapped_id_vars() if p._match(TokenType.L_PAREN, advance=False) else []
    return table, columns


def parse_analyze(p: parser.Parser) -> exp.Expr:
    """``ANALYZE``/``ANALYSE``; exp.Analyze, or rx.AnalyzeCompression for COMPRESSION."""
    if p._match_text_seq("COMPRESSION"):
        table, columns = _parse_table_with_columns(p)
        comprows = p._parse_number() if p._match_text_seq("COMPROWS") else None
        return rx.AnalyzeCompression(this=table, columns=columns, comprows=comprows)
    options = ["VERBOSE"] if p._match_text_seq("VERBOSE") else []
    table, columns = _parse_table_with_columns(p)
    target: exp.Expr | None = table
    if table is not None and columns:
        target = exp.Schema(this=table, expressions=columns)
    inner = None
    for words in (("PREDICATE", "COLUMNS"), ("ALL", "COLUMNS")):
        if p._match_text_seq(*words):
            inner = exp.var(" ".join(words))
    return exp.Analyze(tables=[target] if target else [], options=options, expression=inner)


def parse_copy(p: parser.Parser) -> exp.Expr:
    """``COPY t [(cols)] FROM 'source' [options]`` as exp.Copy.

    files holds the source literal; params holds every option (authorization included) as
    exp.CopyParameter in source order; credentials stays empty.
    """
    this = p._parse_table(schema=True)
    if not p._match(TokenType.FROM):
        p.raise_error("Expected FROM in COPY")
    source = p._parse_string()
    if source is None:
        p.raise_error("Expected the COPY source")
    return exp.Copy(this=this, kind=True, files=[source], params=parse_options(p))


def parse_unload(p: parser.Parser) -> exp.Expr:
    if not p._match(TokenType.L_PAREN):
        p.raise_error("Expected ( after UNLOAD")
    text = p._parse_string()
    if text is None:
        p.raise_error("Expected the query string of UNLOAD")
    p._match_r_paren()
    if not p._match_text_seq("TO"):
        p.raise_error("Expected TO in UNLOAD")
    to = p._parse_string()
    query = parse_embedded_query(p, text.name) if text else None
    return rx.Unload(this=text, query=query, to=to, options=parse_options(p))


def _modes(p: parser.Parser) -> list[str]:
    """Transaction modes: ISOLATION LEVEL x, READ ONLY|WRITE, comma separated words."""
    modes: list[str] = []
    words: list[str] = []
    while p._curr and p._curr.token_type != TokenType.SEMICOLON:
        if p._match(TokenType.COMMA):
            modes.append(" ".join(words))
            words = []
            continue
        words.append(p._curr.text.upper())
        p._advance()
    if words:
        modes.append(" ".join(words))
    return modes


def parse_begin(p: parser.Parser) -> exp.Expr:
    """``BEGIN|START [TRANSACTION|WORK] [modes]`` (PL/pgSQL blocks never reach here)."""
    kind = p._prev.text.upper()
    this = None
    if p._match_texts(("TRANSACTION", "WORK")):
        this = p._prev.text.upper()
    transaction = exp.Transaction(this=this, modes=_modes(p))
    transaction.set("mark", exp.var(kind) if kind == "START" else None)
    return transaction


def parse_end(p: parser.Parser) -> exp.Expr:
    """``END [TRANSACTION|WORK]`` commits; ``ABORT`` rolls back."""
    word = p._prev.text.upper()
    p._match_texts(("TRANSACTION", "WORK"))
    return exp.Rollback() if word == "ABORT" else exp.Commit()


def parse_call(p: parser.Parser) -> exp.Expr:
    name = parse_object_name(p)
    args = p._parse_wrapped_csv(p._parse_disjunction)
    return rx.Call(this=name, expressions=args)


def parse_prepare(p: parser.Parser) -> exp.Expr:
    name = p._parse_id_var()
    types = (
        p._parse_wrapped_csv(p._parse_types) if p._match(TokenType.L_PAREN, advance=False) else []
    )
    if not p._match(TokenType.ALIAS):
        p.raise_error("Expected AS in PREPARE")
    statement = p._parse_statement()
    return rx.Prepare(this=name, types=types, expression=statement)


def parse_execute(p: parser.Parser) -> exp.Expr:
    name = p._parse_id_var()
    args = p._parse_wrapped_csv(p._parse_disjunction, optional=True)
    return exp.Execute(this=name, expressions=args)


def parse_deallocate(p: parser.Parser) -> exp.Expr:
    prepare = p._match_text_seq("PREPARE")
    return rx.Deallocate(this=p._parse_id_var(), prepare=prepare or None)


def parse_declare(p: parser.Parser) -> exp.Expr | None:
    start = p._prev
    name = p._parse_id_var()
    if not p._match_text_seq("CURSOR", "FOR"):
        # Other DECLAREs only occur inside PL/pgSQL bodies; keep sqlglot's fallback.
        return p._parse_as_command(start)
    return rx.DeclareCursor(this=name, expression=p._parse_select())


FETCH_DIRECTIONS = ("NEXT", "ALL", "FORWARD", "PRIOR", "FIRST", "LAST", "ABSOLUTE", "RELATIVE")


def parse_fetch(p: parser.Parser) -> exp.Expr:
    direction = None
    count: exp.Expr | None = None
    if p._match_texts(FETCH_DIRECTIONS):
        direction = exp.var(p._prev.text.upper())
        count = exp.var("ALL") if p._match(TokenType.ALL) else p._parse_number()
    p._match_set((TokenType.FROM, TokenType.IN))
    return rx.FetchCursor(this=p._parse_id_var(), direction=direction, count=count)


def parse_close(p: parser.Parser) -> exp.Expr:
    return rx.CloseCursor(this=p._parse_id_var())


def parse_lock(p: parser.Parser) -> exp.Expr:
    table = p._match(TokenType.TABLE)
    tables = p._parse_csv(p._parse_table_parts)
    return rx.LockTables(expressions=tables, table=table or None)


def parse_refresh(p: parser.Parser) -> exp.Expr | None:
    if not p._match_text_seq("MATERIALIZED", "VIEW"):
        return None
    return exp.Refresh(this=p._parse_table_parts(), kind="MATERIALIZED VIEW")


def parse_show(p: parser.Parser) -> exp.Expr:
    """``SHOW name`` / ``SHOW TABLE t`` / ``SHOW MODEL ALL`` as exp.Show."""
    words = []
    while p._curr and p._curr.token_type != TokenType.SEMICOLON:
        words.append(p._curr.text)
        p._advance()
    if not words:
        p.raise_error("Expected what to SHOW")
    return exp.Show(this=" ".join(words))


WORD_STATEMENTS: dict[str, StatementParser] = {
    "VACUUM": parse_vacuum,
    "ANALYZE": parse_analyze,
    "ANALYSE": parse_analyze,
    "COPY": parse_copy,
    "UNLOAD": parse_unload,
    "BEGIN": parse_begin,
    "START": parse_begin,
    "END": parse_end,
    "ABORT": parse_end,
    "CALL": parse_call,
    "PREPARE": parse_prepare,
    "EXECUTE": parse_execute,
    "DEALLOCATE": parse_deallocate,
    "DECLARE": parse_declare,
    "FETCH": parse_fetch,
    "CLOSE": parse_close,
    "LOCK": parse_lock,
    "REFRESH": parse_refresh,
    "SHOW": parse_show,
}

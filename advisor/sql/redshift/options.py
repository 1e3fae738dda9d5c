"""Parsing of Redshift option lists (COPY, UNLOAD, external schemas, ...).

Redshift writes options as ``NAME [AS] value`` sequences without separators, so we read
them with a small table of which names take which kind of value.
"""

from __future__ import annotations

from sqlglot import exp, parser
from sqlglot.errors import ParseError
from sqlglot.tokenizer_core import TokenType

# Words that are values, not option names, when they follow an option name.
VALUE_WORDS = frozenset({"ON", "OFF", "TRUE", "FALSE", "PRESET", "DEFAULT", "AUTO", "NONE"})
# Options whose value is a bare word (FORMAT AS PARQUET, ENCODING UTF8, AUTHENTICATION iam).
WORD_VALUED = frozenset({"FORMAT", "ENCODING", "AUTHENTICATION", "COMPRESSION"})
# Format keywords usable alone (``CSV``, ``JSON 'auto'``), taking an optional string.
FORMAT_WORDS = frozenset({"CSV", "JSON", "PARQUET", "ORC", "AVRO", "SHAPEFILE", "TEXTFILE"})
SIZE_UNITS = frozenset({"MB", "GB", "KB", "TB"})
# Options whose value word may be followed by a number (SIMPLIFY AUTO 1.1E-05).
TOLERANCE_AFTER_WORD = frozenset({"SIMPLIFY"})
_STOP = (TokenType.SEMICOLON, TokenType.R_PAREN)


def _parse_literal(p: parser.Parser) -> exp.Expr | None:
    if p._match(TokenType.DASH):
        number = p._parse_number()
        return exp.Neg(this=number) if number else None
    return p._parse_string() or p._parse_number()


def parse_option(p: parser.Parser) -> exp.Expr | None:
    """One ``NAME [AS|=] [value]`` item as CopyParameter(this=Var NAME, expression=value).

    ``expressions`` holds extra parts: the size unit of MAXFILESIZE, the string after a
    format word (``JSON 'auto'``), INCLUDE after PARTITION BY.

    A psql variable in the place of an option (``... IAM_ROLE default :gzip DELIMITER '|'``,
    which psql expands to option text or to nothing) is kept as an exp.Placeholder item: its
    text is unknown, so no option is read into it.
    """
    curr = p._curr
    if not curr or curr.token_type in _STOP:
        return None
    nxt = p._next
    if (
        curr.token_type == TokenType.COLON
        and nxt is not None
        and nxt.token_type == TokenType.VAR
        and nxt.start == curr.end + 1
    ):
        p._advance(2)
        return exp.Placeholder(this=nxt.text)
    if curr.token_type not in (TokenType.VAR, TokenType.STRING) and not curr.text[:1].isalpha():
        p.raise_error("Expected an option name")
    p._advance()
    name = " ".join(curr.text.upper().split())
    extras: list[exp.Expr] = []
    value: exp.Expr | None = None

    if name == "WITH" and p._curr and p._curr.text.upper() == "CREDENTIALS":
        p._advance()
        name = "CREDENTIALS"
    elif name == "PARTITION BY" or (name == "PARTITION" and p._match_text_seq("BY")):
        name = "PARTITION BY"
        value = exp.Tuple(expressions=p._parse_wrapped_csv(p._parse_column))
        if p._match_text_seq("INCLUDE"):
            extras.append(exp.var("INCLUDE"))
        return exp.CopyParameter(this=exp.var(name), expression=value, expressions=extras)

    p._match(TokenType.ALIAS) or p._match(TokenType.EQ)
    nxt = p._curr
    if name in WORD_VALUED and nxt and nxt.token_type not in _STOP:
        p._advance()
        value = exp.var(nxt.text.upper()) if nxt.token_type != TokenType.STRING else None
        if value is None:
            value = exp.Literal.string(nxt.text)
        if name == "FORMAT" and nxt.text.upper() in FORMAT_WORDS:
            p._match(TokenType.ALIAS)
            arg = p._parse_string()
            if arg:
                extras.append(arg)
    elif nxt and nxt.text.upper() in VALUE_WORDS and nxt.token_type != TokenType.STRING:
        p._advance()
        value = exp.var(nxt.text.upper())
        # SIMPLIFY AUTO [tolerance] (shapefiles): the tolerance follows the word.
        tolerance = _parse_literal(p) if name in TOLERANCE_AFTER_WORD else None
        if tolerance is not None:
            extras.append(tolerance)
    else:
        value = _parse_literal(p)
        if value is not None and p._curr and p._curr.text.upper() in SIZE_UNITS:
            p._advance()
            extras.append(exp.var(p._prev.text.upper()))
    return exp.CopyParameter(this=exp.var(name), expression=value, expressions=extras)


def parse_options(p: parser.Parser) -> list[exp.Expr]:
    """All options up to the end of the statement."""
    options: list[exp.Expr] = []
    while True:
        p._match(TokenType.COMMA)
        item = parse_option(p)
        if item is None:
            return options
        options.append(item)


def parse_embedded_query(p: parser.Parser, text: str) -> exp.Expr | None:
    """Parse the SQL held in a string literal (UNLOAD's query); None when it doesn't parse."""
    try:
        parsed = p.dialect.parse(text)
    except (ParseError, RecursionError):
        return None
    if len(parsed) != 1 or not isinstance(parsed[0], exp.Query):
        return None
    return parsed[0]

"""From a file's bytes to parsed statements, turning every failure into data, never a crash."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from advisor.model import Limits, Location, ParseProblem, SourceText, SqlStatement

from .parse_errors import plain, where
from .plpgsql import PieceKind, body_statements, suppressions_in_file
from .split import split_statements

Parser = Callable[[str], exp.Expr]


@dataclass(slots=True)
class ParsedFile:
    """Statements of one file, plus the problems met while reading it."""

    source: SourceText
    statements: list[SqlStatement] = field(default_factory=list)
    problems: list[ParseProblem] = field(default_factory=list)


def decode(path: str, data: bytes) -> SourceText | ParseProblem:
    """Decode UTF-8 text (a BOM is allowed); binary or undecodable input is a problem."""
    if b"\x00" in data[:8192]:
        return ParseProblem(path, "file is not text (it contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        prefix = data[: err.start].decode("utf-8", errors="replace")
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        loc = Location(path, line, column, line, column)
        return ParseProblem(path, f"file is not valid UTF-8 (byte 0x{data[err.start]:02x})", loc)
    return SourceText.of(path, text)


def parse_source(
    source: SourceText, parse: Parser, dialect: str, limits: Limits | None = None
) -> ParsedFile:
    """Split and parse every statement; a statement that fails keeps its error, not a tree.

    A statement longer than `max-statement-bytes` keeps an error instead of being parsed, and
    statements past `max-statements` are left out with one problem that says so.
    """
    bounds = limits or Limits()
    result = ParsedFile(source)
    spans, split_error = split_statements(source, postgres=dialect.lower() == "postgres")
    if len(spans) > bounds.max_statements:
        first = spans[bounds.max_statements]
        line, col = source.position(first.start)
        result.problems.append(
            ParseProblem(
                source.path,
                f"file has {len(spans):,} statements, over the {bounds.max_statements:,} "
                f"limit (`max-statements`): those from line {line} on are not checked; "
                + Limits.hint("max-statements"),
                Location(source.path, line, col, line, col),
            )
        )
        spans = spans[: bounds.max_statements]
        split_error = None
    for index, span in enumerate(spans):
        stmt = SqlStatement(
            source=source,
            index=index,
            start=span.start,
            end=span.end,
            dialect=dialect,
            suppressions=span.suppressions,
        )
        if split_error is not None and index == len(spans) - 1 and span.end >= split_error.offset:
            stmt.error = str(split_error)
            stmt.error_offset = split_error.offset - span.start
        elif _too_long(span.end - span.start + 1, stmt, bounds.max_statement_bytes):
            size = len(stmt.text.encode("utf-8"))
            stmt.error = (
                f"statement is {size:,} bytes, over the {bounds.max_statement_bytes:,}-byte "
                "limit (`max-statement-bytes`): not parsed; " + Limits.hint("max-statement-bytes")
            )
            stmt.error_offset = 0
        else:
            _parse_one(stmt, parse)
            stmt.body = _procedure_body(stmt, parse)
        result.statements.append(stmt)
    if split_error is not None and not spans:
        line, col = source.position(split_error.offset)
        loc = Location(source.path, line, col, line, col)
        result.problems.append(ParseProblem(source.path, str(split_error), loc))
    return result


def _too_long(chars: int, stmt: SqlStatement, limit: int) -> bool:
    # Characters are at most 4 bytes: only long statements pay for encoding.
    return chars * 4 > limit and len(stmt.text.encode("utf-8")) > limit


# A lone expression is not a statement: sqlglot reads the typo `selec x` as a column alias.
_NOT_STATEMENTS = (exp.Condition, exp.Alias, exp.Identifier, exp.Paren, exp.Tuple, exp.Star)


def _parse_one(stmt: SqlStatement, parse: Parser, text: str | None = None) -> None:
    """Parse the statement (or `text`, its text with the same length) into its tree."""
    text = stmt.text if text is None else text
    try:
        tree = parse(text)
        if isinstance(tree, _NOT_STATEMENTS) and not isinstance(tree, exp.Query):
            word = text.split(None, 1)[0] if text.split() else text
            stmt.error, stmt.error_offset = f"not a statement: unexpected {word!r}", 0
            return
        stmt.tree = tree
    except ParseError as err:
        stmt.error, stmt.error_offset = _describe(err, text)
    except TokenError as err:
        stmt.error = f"cannot tokenize: {err}"
    except RecursionError:
        stmt.error = "statement is nested too deeply to parse"
    except Exception as err:  # a parser bug on this statement is this statement's problem
        stmt.error = f"the parser failed ({type(err).__name__}: {err})".splitlines()[0]


_DOLLAR = re.compile(r"\$(?:[A-Za-z_]\w*)?\$")


def _procedure_body(stmt: SqlStatement, parse: Parser) -> list[SqlStatement]:
    """The statements of a PL/pgSQL procedure's `$$ ... $$` body, located in the file."""
    tree = stmt.tree
    if not isinstance(tree, exp.Create) or str(tree.args.get("kind") or "").upper() != "PROCEDURE":
        return []
    language = tree.find(exp.LanguageProperty)
    body = tree.args.get("expression")
    if language is None or language.name.lower() != "plpgsql" or not isinstance(body, exp.Heredoc):
        return []
    text = stmt.text
    code = str(body.this)
    offset = next(
        (
            stmt.start + m.end()
            for m in _DOLLAR.finditer(text)
            if text.startswith(code + m.group(), m.end())
        ),
        None,
    )
    if offset is None:
        return []
    routine = tree.this
    name = (routine.this if isinstance(routine, exp.UserDefinedFunction) else routine).sql()
    out: list[SqlStatement] = []
    for index, piece in enumerate(body_statements(SourceText.of(stmt.path, code))):
        inner = SqlStatement(
            source=stmt.source,
            index=index,
            start=offset + piece.start,
            end=offset + piece.end,
            dialect=stmt.dialect,
            suppressions=suppressions_in_file(stmt.source, offset, piece.noqa),
            procedure=name,
            dynamic=piece.kind is PieceKind.DYNAMIC,
        )
        if not inner.dynamic:
            text = inner.text
            if piece.variables is not None:
                # Blank, not cut: the parser's positions stay those of the file.
                lo, hi = (at - piece.start for at in piece.variables)
                text = text[:lo] + " " * (hi - lo) + text[hi:]
            _parse_one(inner, parse, text)
        out.append(inner)
    return out


def _describe(err: ParseError, text: str) -> tuple[str, int | None]:
    if not err.errors:
        raw = str(err).splitlines()[0] if str(err) else ""
        return (plain(raw, text, None) if raw else "cannot parse statement"), None
    first = err.errors[0]
    description = str(first.get("description") or "")
    line, col = first.get("line"), first.get("col")
    if not isinstance(line, int) or not isinstance(col, int):
        return (plain(description, text, None) if description else "cannot parse statement"), None
    offset = 0
    for _ in range(line - 1):
        nl = text.find("\n", offset)
        if nl < 0:
            break
        offset = nl + 1
    at = min(max(offset + col - 1, 0), max(len(text) - 1, 0))
    message = plain(description, text, at) if description else "cannot parse statement"
    return message + _hint(text, at), where(text, at)


def _word_bounds(text: str, at: int) -> tuple[int, int]:
    start = at
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    end = at
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    return start, end


# Words that open a statement: met at the start of a line where the parser wanted more of the
# statement before, they are most likely a statement whose `;` is missing above.
_STATEMENT_WORDS = frozenset(
    {
        "SELECT",
        "INSERT",
        "UPDATE",
        "DELETE",
        "CREATE",
        "DROP",
        "ALTER",
        "TRUNCATE",
        "COPY",
        "UNLOAD",
        "GRANT",
        "REVOKE",
        "VACUUM",
        "ANALYZE",
        "CALL",
        "MERGE",
        "WITH",
    }
)


# The other words a Redshift statement may open with.
_OTHER_OPENERS = frozenset(
    {
        "ABORT",
        "ATTACH",
        "BEGIN",
        "CANCEL",
        "CLOSE",
        "COMMENT",
        "COMMIT",
        "DEALLOCATE",
        "DECLARE",
        "DESC",
        "DESCRIBE",
        "DETACH",
        "END",
        "EXECUTE",
        "EXPLAIN",
        "FETCH",
        "LOCK",
        "PREPARE",
        "REFRESH",
        "RESET",
        "ROLLBACK",
        "SET",
        "SHOW",
        "START",
        "TABLE",
        "VALUES",
    }
)


def _hint(text: str, at: int) -> str:
    """A likelier cause than the parser's own words, for two shapes real files have."""
    if text[at : at + 1] == "\\":
        return (
            " (a backslash is not SQL: Redshift has no line continuation, and psql reads"
            " it as a meta-command)"
        )
    first = re.match(r"\s*([A-Za-z_]\w*)", text)
    if first and first.group(1).upper() not in _STATEMENT_WORDS | _OTHER_OPENERS:
        return f" (no statement starts with {first.group(1)!r}: is it text left over from an edit?)"
    start, end = _word_bounds(text, at)
    line_start = text.rfind("\n", 0, start) + 1
    if (
        text[start:end].upper() in _STATEMENT_WORDS
        and line_start > 0
        and not text[line_start:start].strip()
        and text[:line_start].strip()
    ):
        return " (a new statement seems to start there: is a `;` missing before it?)"
    return ""

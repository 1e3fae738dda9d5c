"""SQL text of fixes, built as sqlglot trees and rendered for the server.

Every SQL fix is a `Template` declared once at module level, whose holes say what they hold:

- ``{table}``: a name, possibly qualified (``name("public", "events")``, ``dotted(text)``,
  ``written(node)`` for a name read from the user's SQL, ``spelled(...)`` for one whose
  quotes were lost, or a plain string for one part);
- ``{column:ident}``: one identifier (a string, or a one-part name such as ``written(node)``);
- ``{columns:idents}``: a comma-separated identifier list (a sequence of strings or names);
- ``{value:str}`` / ``{value:num}``: a string or number literal.

A statement template is parsed with the server's dialect (the advisor's Redshift dialect, or
PostgreSQL) into a typed tree with placeholders in its holes; they are replaced by identifier
nodes from `advisor.sql.quoting` and by sqlglot literals, and the tree is rendered with
``.sql(dialect=...)``. A template that does not parse to one typed statement, or that the
generator would print differently from how it is written, is refused (`TemplateError`): the
text users read is the text the template shows.

``composed=True`` marks the forms sqlglot cannot hold as a tree, or renders in another
spelling than the one users are told to run: PostgreSQL's ``REINDEX ... CONCURRENTLY`` and
parenthesised ``VACUUM (...)`` options (no tree at all), Redshift's short ``ALTER DISTKEY c``
(printed as the long ``ALTER DISTSTYLE KEY DISTKEY c``), ``ENCODE`` lists and the like. Their
holes are filled from the same quoted parts (every identifier through the quoter, every
literal through sqlglot's literal rendering), so only the fixed words of the template are plain
text; names are never pasted in as they are.

``sketch=True`` marks a statement the user completes (``<column> <type>`` where they fill in):
it is composed the same way, and is not SQL until completed.

Every template made is listed by `templates()`; the property tests feed hostile names through
all of them and read the output back.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlglot import exp
from sqlglot.errors import ParseError

from advisor.sql.quoting import Server, bare_word, dialect_of, identifier, needs_quotes


class TemplateError(ValueError):
    """A fix template that is not one typed statement printed the way it is written, or a
    value that does not fit its hole."""


@dataclass(frozen=True, slots=True)
class Name:
    """A possibly qualified name: its parts, outermost first (``("public", "events")``).

    `spelled` is set for a name read from the user's SQL (see `written`): each part as it was
    written and whether it was quoted there. A part written in quotes stays quoted; a bare one
    keeps its spelling (``Events`` reads as ``events``) unless the server would not read it as
    a name (a reserved word), when it is quoted in the case the server folded it to.
    """

    parts: tuple[str, ...]
    spelled: tuple[tuple[str, bool], ...] = ()


def name(*parts: str) -> Name:
    """A name from its parts: ``name("public", "events")``, ``name("user")``."""
    return Name(tuple(parts))


def dotted(text: str) -> Name:
    """A name the catalog reports as one ``schema.table`` string, split on its dots.

    A part that itself holds a dot cannot be told apart here; callers that have the parts use
    `name`.
    """
    return Name(tuple(text.split(".")))


def written(node: exp.Expr) -> Name:
    """The name a table, column or identifier node of parsed SQL holds, as the server reads it.

    A table gives its catalog, schema and name (also when it stands with a column list, as in
    ``INSERT INTO t (a, b)``); a column only its own name (its qualifier is where the column is
    read, not part of its name); an identifier itself.
    """
    if isinstance(node, exp.Schema) and node.this is not None:
        node = node.this
    if isinstance(node, exp.Column):
        node = node.this
    pieces = node.parts if isinstance(node, exp.Table) else [node]
    spelled: list[tuple[str, bool]] = []
    for piece in pieces:
        if isinstance(piece, exp.Identifier):
            spelled.append((str(piece.this), bool(piece.args.get("quoted"))))
        else:
            spelled.append((piece.name, False))
    parts = tuple(text if quoted else text.lower() for text, quoted in spelled)
    return Name(parts, tuple(spelled))


def spelled(*parts: str) -> Name:
    """A name whose parts are spelled as the user wrote them, their quotes lost (a table the
    run's DDL declared, known by its case-kept name).

    A part that could only have been written in quotes (spaces, quotes, non-ASCII ...) stays
    quoted as it is; any other keeps its spelling, quoted in lower case when it is a word the
    server would not read as a name.
    """
    return Name(
        tuple(p if not bare_word(p.lower()) else p.lower() for p in parts),
        tuple((p, not bare_word(p.lower())) for p in parts),
    )


Value = Name | str | int | float | Sequence[str | Name]

KINDS = ("", "ident", "idents", "str", "num")

_PLACEHOLDER = re.compile(r"zzfix(\d+)p(\d+)")
# Number holes are parsed as this number plus the hole's index, then replaced (see _fill).
_NUMBER_BASE = 987_654_320_000

_TEMPLATES: list[Template] = []


def _literal(value: str | int | float) -> exp.Expr:
    if isinstance(value, str):
        return exp.Literal.string(value)
    return exp.Literal.number(value)


def _names(hole: str, kind: str, value: Value) -> tuple[Name, ...]:
    """The names a name-like hole's value holds, checked against the hole's kind."""
    names: tuple[Name, ...]
    if kind == "":
        if isinstance(value, Name):
            names = (value,)
        elif isinstance(value, str):
            names = (Name((value,)),)
        else:
            raise TemplateError(f"hole {hole!r} takes a name, not {value!r}")
    elif kind == "ident":
        if isinstance(value, str):
            names = (Name((value,)),)
        elif isinstance(value, Name) and len(value.parts) == 1:
            names = (value,)
        else:
            raise TemplateError(f"hole {hole!r} takes one identifier, not {value!r}")
    else:
        if isinstance(value, str | Name | int | float) or not all(
            isinstance(v, str) or (isinstance(v, Name) and len(v.parts) == 1) for v in value
        ):
            raise TemplateError(f"hole {hole!r} takes a list of identifiers, not {value!r}")
        names = tuple(v if isinstance(v, Name) else Name((v,)) for v in value)
    if not names or not all(n.parts for n in names):
        raise TemplateError(f"hole {hole!r} got no identifiers")
    return names


def _identifiers(hole: str, kind: str, value: Value, server: Server) -> tuple[exp.Identifier, ...]:
    """The identifier nodes a name-like hole is filled with, each quoted as it must be."""
    out: list[exp.Identifier] = []
    for found in _names(hole, kind, value):
        for index, part in enumerate(found.parts):
            if index < len(found.spelled):
                text, quoted = found.spelled[index]
                if quoted:
                    out.append(exp.Identifier(this=text, quoted=True))
                    continue
                if not needs_quotes(part, server) and text.lower() == part:
                    out.append(exp.Identifier(this=text, quoted=False))
                    continue
            out.append(identifier(part, server))
    return tuple(out)


def _scalar(hole: str, kind: str, value: Value) -> str | int | float:
    if kind == "str" and isinstance(value, str):
        return value
    if kind == "num" and isinstance(value, int | float) and not isinstance(value, bool):
        return value
    raise TemplateError(f"hole {hole!r} takes a {kind} literal, not {value!r}")


@dataclass(eq=False)
class Template:
    """One fix statement with typed holes; `render` fills them and ends the text with ``;``."""

    text: str
    server: Server = "redshift"
    composed: bool = False
    # A sketch for the user to complete (``<column>`` where they fill in): composed, and read
    # back by its tokens, not parsed.
    sketch: bool = False
    holes: dict[str, str] = field(init=False)
    _trees: dict[tuple[object, ...], exp.Expr] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        holes: dict[str, str] = {}
        for _, hole, spec, _ in string.Formatter().parse(self.text):
            if hole is None:
                continue
            if not hole.isidentifier() or spec not in KINDS or holes.get(hole, spec) != spec:
                raise TemplateError(f"fix template {self.text!r}: bad hole {hole!r}:{spec!r}")
            holes[hole] = spec
        self.holes = holes
        self._trees = {}
        if self.sketch:
            self.composed = True
        _TEMPLATES.append(self)

    def render(self, **values: Value) -> str:
        """The statement with every hole filled, ending in ``;``."""
        if set(values) != set(self.holes):
            raise TemplateError(
                f"fix template {self.text!r} takes {sorted(self.holes)}, got {sorted(values)}"
            )
        if self.composed:
            return self._compose(values)
        ordered = list(self.holes)
        shapes: list[object] = []
        filled: list[tuple[exp.Identifier, ...] | str | int | float] = []
        for hole in ordered:
            kind = self.holes[hole]
            if kind in ("str", "num"):
                filled.append(_scalar(hole, kind, values[hole]))
                shapes.append(kind)
            else:
                idents = _identifiers(hole, kind, values[hole], self.server)
                filled.append(idents)
                shapes.append(len(idents))
        tree = self._tree(tuple(shapes)).copy()
        return _fill(tree, filled).sql(dialect=dialect_of(self.server)) + ";"

    def query(self, **values: Value) -> str:
        """Like `render` without the closing ``;`` (for a query quoted inside another)."""
        return self.render(**values).removesuffix(";")

    def _compose(self, values: dict[str, Value]) -> str:
        dialect = dialect_of(self.server)
        text: dict[str, str] = {}
        for hole, kind in self.holes.items():
            if kind in ("str", "num"):
                text[hole] = _literal(_scalar(hole, kind, values[hole])).sql(dialect=dialect)
            else:
                glue = ", " if kind == "idents" else "."
                text[hole] = glue.join(
                    node.sql(dialect=dialect)
                    for node in _identifiers(hole, kind, values[hole], self.server)
                )
        body = _substitute(self.text, text)
        return body if body.endswith(";") else body + ";"

    def _tree(self, shapes: tuple[object, ...]) -> exp.Expr:
        """The template's tree with placeholders in its holes, checked once per shape."""
        cached = self._trees.get(shapes)
        if cached is not None:
            return cached
        dialect = dialect_of(self.server)
        text: dict[str, str] = {}
        for index, (hole, shape) in enumerate(zip(self.holes, shapes, strict=True)):
            if shape == "str":
                text[hole] = f"'zzfix{index}p0'"
            elif shape == "num":
                text[hole] = str(_NUMBER_BASE + index)
            else:
                assert isinstance(shape, int)
                glue = ", " if self.holes[hole] == "idents" else "."
                text[hole] = glue.join(f"zzfix{index}p{i}" for i in range(shape))
        body = _substitute(self.text, text).rstrip().removesuffix(";")
        try:
            trees = [t for t in dialect.parse(body) if t is not None]
        except ParseError as error:
            raise TemplateError(f"fix template does not parse: {self.text!r}: {error}") from error
        if len(trees) != 1 or isinstance(trees[0], exp.Command):
            raise TemplateError(f"fix template is not one typed statement: {self.text!r}")
        printed = trees[0].sql(dialect=dialect)
        if printed != body:
            raise TemplateError(
                f"fix template {self.text!r} renders as {printed!r}; mark it composed"
            )
        self._trees[shapes] = trees[0]
        return trees[0]


def _substitute(template: str, text: dict[str, str]) -> str:
    """The template with each hole (and its kind) replaced by the given text."""
    out: list[str] = []
    for literal, hole, _, _ in string.Formatter().parse(template):
        out.append(literal)
        if hole is not None:
            out.append(text[hole])
    return "".join(out)


def _fill(tree: exp.Expr, values: list[tuple[exp.Identifier, ...] | str | int | float]) -> exp.Expr:
    for node in list(tree.find_all(exp.Identifier)):
        match = _PLACEHOLDER.fullmatch(node.name)
        if match:
            idents = values[int(match.group(1))]
            assert isinstance(idents, tuple)
            node.replace(idents[int(match.group(2))].copy())
    for literal in list(tree.find_all(exp.Literal)):
        index: int | None = None
        if literal.is_string:
            found = _PLACEHOLDER.fullmatch(str(literal.this))
            index = int(found.group(1)) if found else None
        elif str(literal.this).isdigit() and int(literal.this) >= _NUMBER_BASE:
            index = int(literal.this) - _NUMBER_BASE
        if index is not None and 0 <= index < len(values):
            value = values[index]
            assert not isinstance(value, tuple)
            literal.replace(_literal(value))
    return tree


def templates() -> tuple[Template, ...]:
    """Every fix template made so far (all of them once the rules are loaded)."""
    return tuple(_TEMPLATES)


__all__ = [
    "KINDS",
    "Name",
    "Template",
    "TemplateError",
    "Value",
    "dotted",
    "name",
    "spelled",
    "templates",
    "written",
]

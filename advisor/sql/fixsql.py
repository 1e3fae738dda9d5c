"""SQL text of fixes, built as sqlglot trees and rendered for the server.

Every SQL fix is a `Template` declared once at module level, whose holes say what they hold:

- ``{table}``: a name, possibly qualified (``name("public", "events")``, ``dotted(text)`` or
  a plain string for one part);
- ``{column:ident}``: one identifier (a string);
- ``{columns:idents}``: a comma-separated identifier list (a sequence of strings);
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

from advisor.sql.quoting import Server, dialect_of, identifier


class TemplateError(ValueError):
    """A fix template that is not one typed statement printed the way it is written, or a
    value that does not fit its hole."""


@dataclass(frozen=True, slots=True)
class Name:
    """A possibly qualified name: its parts, outermost first (``("public", "events")``)."""

    parts: tuple[str, ...]


def name(*parts: str) -> Name:
    """A name from its parts: ``name("public", "events")``, ``name("user")``."""
    return Name(tuple(parts))


def dotted(text: str) -> Name:
    """A name the catalog reports as one ``schema.table`` string, split on its dots.

    A part that itself holds a dot cannot be told apart here; callers that have the parts use
    `name`.
    """
    return Name(tuple(text.split(".")))


Value = Name | str | int | float | Sequence[str]

KINDS = ("", "ident", "idents", "str", "num")

_PLACEHOLDER = re.compile(r"zzfix(\d+)p(\d+)")
# Number holes are parsed as this number plus the hole's index, then replaced (see _fill).
_NUMBER_BASE = 987_654_320_000

_TEMPLATES: list[Template] = []


def _literal(value: str | int | float) -> exp.Expr:
    if isinstance(value, str):
        return exp.Literal.string(value)
    return exp.Literal.number(value)


def _parts(hole: str, kind: str, value: Value) -> tuple[str, ...]:
    """The identifier parts of a name-like hole's value, checked against the hole's kind."""
    if kind == "":
        if isinstance(value, Name):
            parts = value.parts
        elif isinstance(value, str):
            parts = (value,)
        else:
            raise TemplateError(f"hole {hole!r} takes a name, not {value!r}")
    elif kind == "ident":
        if not isinstance(value, str):
            raise TemplateError(f"hole {hole!r} takes one identifier, not {value!r}")
        parts = (value,)
    else:
        if isinstance(value, str | Name | int | float) or not all(
            isinstance(v, str) for v in value
        ):
            raise TemplateError(f"hole {hole!r} takes a list of identifiers, not {value!r}")
        parts = tuple(value)
    if not parts:
        raise TemplateError(f"hole {hole!r} got no identifiers")
    return parts


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
        filled: list[tuple[str, ...] | str | int | float] = []
        for hole in ordered:
            kind = self.holes[hole]
            if kind in ("str", "num"):
                filled.append(_scalar(hole, kind, values[hole]))
                shapes.append(kind)
            else:
                parts = _parts(hole, kind, values[hole])
                filled.append(parts)
                shapes.append(len(parts))
        tree = self._tree(tuple(shapes)).copy()
        return _fill(tree, filled, self.server).sql(dialect=dialect_of(self.server)) + ";"

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
                    identifier(part, self.server).sql(dialect=dialect)
                    for part in _parts(hole, kind, values[hole])
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


def _fill(
    tree: exp.Expr, values: list[tuple[str, ...] | str | int | float], server: Server
) -> exp.Expr:
    for node in list(tree.find_all(exp.Identifier)):
        match = _PLACEHOLDER.fullmatch(node.name)
        if match:
            parts = values[int(match.group(1))]
            assert isinstance(parts, tuple)
            node.replace(identifier(parts[int(match.group(2))], server))
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
    "templates",
]

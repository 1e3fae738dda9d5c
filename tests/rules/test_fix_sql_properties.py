"""Every SQL fix template, fed hostile names, renders SQL its server reads back as those names.

The rules declare their SQL fixes as `advisor.sql.fixsql.Template`s; once every rule module is
loaded, `templates()` lists them all. Each hole gets reserved words, quotes, spaces, dots,
unicode, mixed case, near-empty names, ``$`` and leading digits, in each form a rule passes a
name in: its parts (`name`), a name read from the user's SQL, quoted or bare (`written`), and
a declared name whose quotes were lost (`spelled`). The rendered statement is parsed again
(Redshift fixes with the advisor's dialect, PostgreSQL fixes with PostgreSQL's own parser; a
sketch for the user to complete by its tokens) and every name fed in must come back as an
identifier with exactly the name the server reads (a bare name folded to lower case).

Every rule builds its fixes through the `Fix` constructors (`test_fixes_by_hand.py` keeps it so),
so every SQL fix is either one of these templates or a tree of the user's own statement
rendered again.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pglast.keywords
import pglast.parser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlglot import exp
from sqlglot.tokenizer_core import TokenType

from advisor.sql.dialect import DIALECT
from advisor.sql.fixsql import Name, Template, name, spelled, templates, written
from advisor.sql.quoting import bare_word, quote_qualified, reserved_words
from rules.registry import all_rules

all_rules()  # imports every rule module, so every fix template is made
TEMPLATES = templates()

HOSTILE = [
    "user",
    "order",
    "table",
    "select",
    "from",
    "group",
    "verbose",
    "left",
    "current_date",
    "Events",
    "MIXED_Case",
    "a b",
    ' "',
    'x"y',
    '""',
    "a.b",
    "it's",
    "é",
    "日本",
    "_",
    " ",
    "$x",
    "col$",
    "1abc",
    "9",
    "distkey",
    "sortkey",
    "encode",
    "analyze",
    "vacuum",
]

identifiers = st.one_of(
    st.sampled_from(HOSTILE + sorted(reserved_words("redshift") | reserved_words("postgres"))),
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"),
        min_size=1,
        max_size=12,
    ),
)


def _written(parts: list[tuple[str, bool]]) -> Name:
    """A table name as the parser gives it for SQL that spells each part bare or quoted."""
    pieces = [exp.Identifier(this=text, quoted=quoted) for text, quoted in parts]
    table = exp.Table(this=pieces[-1], db=pieces[-2] if len(pieces) > 1 else None)
    return written(table)


# A part as written in SQL: quoted, or bare when it can be (any case: the server folds it).
written_parts = st.one_of(
    identifiers.map(lambda text: (text, True)),
    identifiers.filter(lambda text: bare_word(text.lower())).map(lambda text: (text, False)),
)

names = st.one_of(
    st.lists(identifiers, min_size=1, max_size=2).map(lambda p: name(*p)),
    st.lists(identifiers, min_size=1, max_size=2).map(lambda p: spelled(*p)),
    st.lists(written_parts, min_size=1, max_size=2).map(_written),
)
one_name = st.one_of(
    identifiers,
    identifiers.map(spelled),
    written_parts.map(lambda part: _written([part])),
)


def _values(template: Template) -> st.SearchStrategy[dict[str, Any]]:
    holes: dict[str, st.SearchStrategy[Any]] = {}
    for hole, kind in template.holes.items():
        if kind == "":
            holes[hole] = names
        elif kind == "ident" and hole == "function":
            # In call position PostgreSQL's column-name keywords are syntax (COALESCE(x),
            # NULLIF(x), TRIM(x)), which EXPLAIN prints bare and the rules copy as printed.
            holes[hole] = identifiers.filter(lambda f: f not in pglast.keywords.COL_NAME_KEYWORDS)
        elif kind == "ident":
            holes[hole] = one_name
        elif kind == "idents":
            holes[hole] = st.lists(one_name, min_size=1, max_size=3)
        elif kind == "str" and hole == "query":
            # a query quoted inside a statement: the rule passes a rendered SELECT
            holes[hole] = st.lists(identifiers, min_size=1, max_size=2).map(
                lambda p: "SELECT * FROM " + quote_qualified(*p)
            )
        elif kind == "str":
            holes[hole] = st.text(max_size=12).filter(lambda t: "\x00" not in t)
        else:
            holes[hole] = st.integers(min_value=0, max_value=10**6)
    return st.fixed_dictionaries(holes)


def _fed(template: Template, values: dict[str, Any]) -> Counter[str]:
    """The names the server must read: each part as it reads it (bare ones folded)."""
    fed: Counter[str] = Counter()
    for hole, kind in template.holes.items():
        value = values[hole]
        if kind in ("str", "num"):
            continue
        for one in value if kind == "idents" else [value]:
            fed.update(one.parts if isinstance(one, Name) else [one])
    return fed


def _read(identifier: exp.Identifier) -> str:
    return str(identifier.this) if identifier.quoted else str(identifier.this).lower()


def _redshift_names(sql: str, sketch: bool = False) -> Counter[str]:
    trees = [] if sketch else [t for t in DIALECT.parse(sql) if t is not None]
    assert trees or sketch, sql
    if trees and not any(isinstance(tree, exp.Command) for tree in trees):
        names = Counter(_read(i) for tree in trees for i in tree.find_all(exp.Identifier))
        for tree in trees:  # a query quoted inside a statement (UNLOAD ('SELECT ...'))
            for literal in tree.find_all(exp.Literal):
                if literal.is_string and str(literal.this).startswith("SELECT "):
                    names += _redshift_names(str(literal.this))
        return names
    # A command or a sketch is read by its tokens: a quoted name is an identifier token, a bare
    # one a word (in a sketch, a keyword such as `database` too; the user completes it).
    words = (TokenType.VAR,) if not sketch else tuple(t for t in TokenType if t != TokenType.STRING)
    out: Counter[str] = Counter()
    for token in DIALECT.tokenize(sql):
        if token.token_type == TokenType.IDENTIFIER:
            out[token.text] += 1
        elif token.token_type in words:
            out[token.text.lower()] += 1
    return out


def _postgres_names(sql: str, sketch: bool = False) -> Counter[str]:
    if not sketch:  # a sketch for the user to complete is tokenised, not parsed
        assert pglast.parser.parse_sql(sql), sql
    out: Counter[str] = Counter()
    for token in pglast.parser.scan(sql):  # offsets count characters, the end is inclusive
        text = sql[token.start : token.end + 1]
        if token.name == "IDENT":
            if text.startswith('"'):
                out[text[1:-1].replace('""', '"')] += 1
            else:
                out[text.lower()] += 1
        elif token.kind != "NO_KEYWORD":
            out[text.lower()] += 1
    return out


def test_the_rules_declare_their_sql_fixes_as_templates() -> None:
    assert len(TEMPLATES) >= 10
    assert {t.server for t in TEMPLATES} >= {"postgres"}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.text)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_hostile_names_round_trip(template: Template, data: st.DataObject) -> None:
    values = data.draw(_values(template))
    sql = template.render(**values)
    names_of = _redshift_names if template.server == "redshift" else _postgres_names
    read = names_of(sql, template.sketch)
    missing = _fed(template, values) - read
    assert not missing, f"{sql!r} does not read back {dict(missing)}"

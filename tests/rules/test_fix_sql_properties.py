"""Every SQL fix template, fed hostile names, renders SQL its server reads back as those names.

The rules declare their SQL fixes as `advisor.sql.fixsql.Template`s; once every rule module is
loaded, `templates()` lists them all. Each hole gets reserved words, quotes, spaces, dots,
unicode, mixed case, near-empty names, ``$`` and leading digits; the rendered statement is
parsed again (Redshift fixes with the advisor's dialect, PostgreSQL fixes with PostgreSQL's own
parser) and every name fed in must come back as an identifier with exactly that name.
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
from advisor.sql.fixsql import Template, name, templates
from advisor.sql.quoting import quote_qualified, reserved_words
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


def _values(template: Template) -> st.SearchStrategy[dict[str, Any]]:
    holes: dict[str, st.SearchStrategy[Any]] = {}
    for hole, kind in template.holes.items():
        if kind == "":
            holes[hole] = st.lists(identifiers, min_size=1, max_size=2).map(lambda p: name(*p))
        elif kind == "ident" and hole == "function":
            # In call position PostgreSQL's column-name keywords are syntax (COALESCE(x),
            # NULLIF(x), TRIM(x)), which EXPLAIN prints bare and the rules copy as printed.
            holes[hole] = identifiers.filter(lambda f: f not in pglast.keywords.COL_NAME_KEYWORDS)
        elif kind == "ident":
            holes[hole] = identifiers
        elif kind == "idents":
            holes[hole] = st.lists(identifiers, min_size=1, max_size=3)
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
    fed: Counter[str] = Counter()
    for hole, kind in template.holes.items():
        value = values[hole]
        if kind == "":
            fed.update(value.parts)
        elif kind == "ident":
            fed[value] += 1
        elif kind == "idents":
            fed.update(value)
    return fed


def _redshift_names(sql: str) -> Counter[str]:
    trees = [t for t in DIALECT.parse(sql) if t is not None]
    assert trees, sql
    if not any(isinstance(tree, exp.Command) for tree in trees):
        names = Counter(i.this for tree in trees for i in tree.find_all(exp.Identifier))
        for tree in trees:  # a query quoted inside a statement (UNLOAD ('SELECT ...'))
            for literal in tree.find_all(exp.Literal):
                if literal.is_string and str(literal.this).startswith("SELECT "):
                    names += _redshift_names(str(literal.this))
        return names
    kinds = (TokenType.VAR, TokenType.IDENTIFIER)
    return Counter(t.text for t in DIALECT.tokenize(sql) if t.token_type in kinds)


def _postgres_names(sql: str) -> Counter[str]:
    if "/*" not in sql:  # a sketch for the user to complete is tokenised, not parsed
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
    read = _redshift_names(sql) if template.server == "redshift" else _postgres_names(sql)
    missing = _fed(template, values) - read
    assert not missing, f"{sql!r} does not read back {dict(missing)}"

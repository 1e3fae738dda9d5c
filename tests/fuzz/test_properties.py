"""Property tests for every parser and the whole `lint` pipeline (hypothesis, bounded).

Any input gives a result or the parser's own error, never another exception, in bounded time;
generated JSON bodies come back from the reader with the exact span of every value; generated
SQL from a small grammar of the dialect parses, prints and parses again to the same tree.
`benchmarks/fuzz.py` runs the same kind of inputs for as long as one likes.
"""

from __future__ import annotations

import json
import os
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.config import Config, ConfigError, check_rules, from_mapping
from advisor.dsl.jsonpos import JsonError, escape_key, parse, read_value
from advisor.dsl.mapping import load_mapping
from advisor.dsl.reader import read_requests
from advisor.engine import Engine
from advisor.model import Limits, SourceText
from advisor.sql.dialect import parse_one
from advisor.sql.explain import ExplainError, parse_plans
from advisor.sql.parse import parse_source
from advisor.sql.split import split_statements
from rules.registry import all_rules

# Bounded for the normal run (the campaign in benchmarks/fuzz.py raises the count through the
# environment); the deadline is per example and generous for a shared machine.
EXAMPLES = int(os.environ.get("ADVISOR_FUZZ_EXAMPLES", "60"))
FAST = settings(
    max_examples=EXAMPLES,
    deadline=2000 if EXAMPLES <= 60 else None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Text biased towards the characters that change lexical state in SQL, JSON and console files.
_LEXICAL = "'\"$;-/*#{}[]:,\\\n\r\t ."
noisy_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(_LEXICAL)),
        st.sampled_from(list(string.ascii_letters + string.digits)),
        st.characters(codec="utf-8"),
    ),
    max_size=400,
)
keys = st.text(alphabet=string.ascii_letters + "~/_ .é", min_size=0, max_size=8)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=30,
)


def _pointers(value: Any, pointer: str = "") -> list[tuple[str, Any]]:
    out = [(pointer, value)]
    stack = [(pointer, value)]
    while stack:
        here, item = stack.pop()
        children = (
            item.items()
            if isinstance(item, dict)
            else enumerate(item)
            if isinstance(item, list)
            else ()
        )
        for key, child in children:
            path = f"{here}/{escape_key(str(key))}"
            out.append((path, child))
            stack.append((path, child))
    return out


@FAST
@given(noisy_text, st.booleans())
def test_json_reader_answers_any_text_with_a_value_or_its_error(text: str, console: bool) -> None:
    try:
        doc = parse(text, console=console)
    except JsonError as err:
        offset = err.offset
        assert 0 <= offset <= max(len(text), 1)
    else:
        assert 0 <= doc.start <= doc.end < len(text)


@FAST
@given(json_values, st.sampled_from([None, 0, 2]), st.booleans())
def test_every_value_comes_back_with_its_exact_span(
    value: Any, indent: int | None, eager: bool
) -> None:
    text = "  " + json.dumps(value, indent=indent, ensure_ascii=False) + "\n"
    doc = parse(text) if eager else read_value(text)
    assert doc.value == value
    for pointer, part in _pointers(value):
        start, end = doc.span(pointer)
        assert json.loads(text[start : end + 1]) == part, pointer


@FAST
@given(json_values, st.sampled_from(["GET", "POST"]), st.sampled_from(["logs", "a,b", "x-*"]))
def test_console_bodies_round_trip_through_the_reader(value: Any, method: str, index: str) -> None:
    body = {"query": {"bool": {"filter": [{"term": {"f": value}}]}}, "size": 1}
    text = f"# a request\n{method} {index}/_search\n{json.dumps(body, indent=2)}\n"
    (request,) = read_requests(SourceText.of("q.osq", text))
    assert request.error is None and request.body is not None
    assert request.body.value == body
    start, end = request.body.span("/query/bool/filter/0/term/f")
    assert json.loads(text[start : end + 1]) == value


@FAST
@given(noisy_text, st.sampled_from(["q.osq", "q.json", "q.ndjson", "q.console"]))
def test_request_reader_never_raises(text: str, name: str) -> None:
    for request in read_requests(SourceText.of(name, text), Limits(max_json_depth=50)):
        assert request.error is not None or request.start <= request.end + 1


@FAST
@given(noisy_text)
def test_splitter_spans_are_ordered_and_inside_the_text(text: str) -> None:
    spans, error = split_statements(SourceText.of("x.sql", text))
    last = -1
    for span in spans:
        assert last < span.start <= span.end < len(text)
        last = span.end
    if error is not None:
        assert 0 <= error.offset < len(text)


@FAST
@given(noisy_text)
def test_explain_text_gives_plans_or_its_error(text: str) -> None:
    try:
        plans = parse_plans(text, "p.txt")
    except ExplainError:
        return
    for plan in plans:
        assert plan.root is not None


@FAST
@given(json_values)
def test_any_json_is_a_mapping_or_no_fields(value: Any) -> None:
    mapping = load_mapping({"mappings": {"properties": {"f": value}}})
    assert mapping.field_count >= 0
    load_mapping(value)


# A small grammar of the dialect: SELECT lists, qualified tables, joins, filters, grouping,
# ordering, LIMIT, and Redshift's DDL attributes.
idents = st.sampled_from(["a", "b", "order_id", "amount", "ts", "region"])
tables = st.sampled_from(["sales.orders", "sales.items", "public.users", "t"])
literals = st.one_of(
    st.integers(min_value=0, max_value=10**6).map(str),
    st.sampled_from(["'x'", "'2024-01-01'", "NULL", "TRUE"]),
)
predicates = st.builds(
    lambda c, op, v: f"{c} {op} {v}", idents, st.sampled_from(["=", "<", ">=", "<>"]), literals
)


@st.composite
def selects(draw: st.DrawFn) -> str:
    columns = ", ".join(draw(st.lists(idents, min_size=1, max_size=4, unique=True)))
    sql = f"SELECT {columns} FROM {draw(tables)} AS x"
    if draw(st.booleans()):
        sql += f" JOIN {draw(tables)} AS y ON x.{draw(idents)} = y.{draw(idents)}"
    where = draw(st.lists(predicates, max_size=3))
    if where:
        sql += " WHERE " + " AND ".join(where)
    if draw(st.booleans()):
        sql += f" GROUP BY {draw(idents)}"
    if draw(st.booleans()):
        sql += f" ORDER BY {draw(idents)} DESC"
    if draw(st.booleans()):
        sql += f" LIMIT {draw(st.integers(min_value=1, max_value=1000))}"
    return sql


@st.composite
def creates(draw: st.DrawFn) -> str:
    cols = draw(st.lists(idents, min_size=1, max_size=4, unique=True))
    body = ", ".join(
        f"{c} {draw(st.sampled_from(['INT', 'BIGINT', 'VARCHAR(10)', 'DATE']))}" for c in cols
    )
    sql = f"CREATE TABLE {draw(tables)} ({body})"
    style = draw(
        st.sampled_from(["", " DISTSTYLE EVEN", f" DISTKEY ({cols[0]})", " DISTSTYLE ALL"])
    )
    sort = draw(st.sampled_from(["", f" SORTKEY ({cols[0]})", f" COMPOUND SORTKEY ({cols[-1]})"]))
    return sql + style + sort


statements = st.one_of(selects(), creates())


@FAST
@given(statements)
def test_generated_sql_parses_prints_and_parses_again(sql: str) -> None:
    tree = parse_one(sql)
    printed = tree.sql(dialect="redshiftadvisor")
    assert parse_one(printed) == tree


@FAST
@given(
    st.lists(statements, min_size=1, max_size=5), st.sampled_from([";\n", ";\n\n-- next\n", "; "])
)
def test_generated_scripts_split_into_their_statements(sqls: list[str], sep: str) -> None:
    text = sep.join(sqls) + ";\n"
    source = SourceText.of("s.sql", text)
    parsed = parse_source(source, parse_one, "redshift")
    assert [s.text for s in parsed.statements] == sqls
    assert all(s.error is None for s in parsed.statements)


_SUFFIXES = [".sql", ".json", ".osq", ".ndjson", ".txt"]


@settings(FAST, max_examples=max(EXAMPLES * 2 // 3, 1), deadline=5000 if EXAMPLES <= 60 else None)
@given(st.binary(max_size=2000), st.sampled_from(_SUFFIXES))
def test_lint_turns_any_bytes_into_findings(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    target = folder / f"input{suffix}"
    target.write_bytes(data)
    report = Engine(Config(root=folder), lint=True).lint_paths([target])
    assert report.files == 1
    assert all(f.location is None or f.location.line >= 1 for f in report.findings)


@settings(FAST, max_examples=max(EXAMPLES * 2 // 3, 1), deadline=5000 if EXAMPLES <= 60 else None)
@given(noisy_text, st.sampled_from(_SUFFIXES))
def test_lint_turns_any_text_into_findings(
    tmp_path_factory: pytest.TempPathFactory, text: str, suffix: str
) -> None:
    folder = tmp_path_factory.mktemp("text")
    target = folder / f"input{suffix}"
    target.write_text(text, encoding="utf-8")
    Engine(Config(root=folder), lint=True).lint_paths([target])


toml_values = st.recursive(
    st.one_of(
        st.integers(min_value=-5, max_value=10**9),
        st.floats(),
        st.booleans(),
        st.text(max_size=8),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
config_keys = st.sampled_from(
    ["select", "ignore", "exclude", "dialect", "fail-on", "severity", "rules", "per-file-ignores",
     "opensearch", "max-file-bytes", "max-json-depth", "max-finding-chars", "selcet"]
)  # fmt: skip
RULES = {r.id: r.meta for r in all_rules()}
OPTIONED = sorted(r for r, m in RULES.items() if m.options)


@FAST
@given(st.dictionaries(config_keys, toml_values, max_size=4))
def test_any_config_table_is_a_config_or_a_config_error(table: dict[str, Any]) -> None:
    try:
        config = from_mapping(table, Path("advisor.toml"))
        check_rules(config, RULES)
    except ConfigError as err:
        assert str(err).startswith("advisor.toml")  # noqa: PT017


@FAST
@given(st.sampled_from(OPTIONED), st.data())
def test_any_option_value_is_accepted_or_named_in_a_config_error(
    rule_id: str, data: st.DataObject
) -> None:
    meta = RULES[rule_id]
    name = data.draw(st.sampled_from(sorted(meta.options)))
    value = data.draw(toml_values)
    config = from_mapping({"rules": {rule_id: {name: value}}}, Path("advisor.toml"))
    try:
        check_rules(config, RULES)
    except ConfigError as err:
        assert name in str(err) and "expected" in str(err)  # noqa: PT017


@FAST
@given(
    st.one_of(
        st.integers(min_value=2**63, max_value=10**4000),
        st.integers(min_value=-(10**4000), max_value=-(2**63) - 1),
        st.sampled_from(["1e999", "-1e999"]),
    )
)
def test_numbers_opensearch_cannot_read_make_an_invalid_request(number: int | str) -> None:
    text = f'GET a/_search\n{{"size": {number}, "query": {{"match_all": {{}}}}}}\n'
    (request,) = read_requests(SourceText.of("q.osq", text))
    assert request.error is not None and "out of range" in request.error
    assert request.search is None

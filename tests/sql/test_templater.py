"""The templater layer: placeholders and psql scripts, Jinja templates and dbt projects."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlglot import exp

from advisor.cli import cli
from advisor.config import Config, ConfigError, from_mapping
from advisor.engine import Engine, parser_for, read_sql_file
from advisor.model import SourceText
from advisor.sql.dialect import parse_one
from advisor.sql.parse import parse_source
from advisor.sql.templater import choose, parse_templated, placeholders, template

DBT = Path(__file__).with_name("dbt_project")


def lint(path: Path, select: tuple[str, ...] = ("AD", "RS"), **config: object) -> list[str]:
    report = Engine(Config(root=path, select=select, **config), lint=True).lint_paths([path])  # type: ignore[arg-type]
    return sorted(
        f"{Path(f.location.path).name}:{f.location.line}:{f.location.column} {f.rule_id}"
        for f in report.findings
        if f.location
    )


def parsed(text: str, setting: str = "auto") -> list[exp.Expr | None]:
    source = template(SourceText.of("job.sql", text), setting, None)
    return [s.tree for s in parse_source(source, parse_one, "redshift").statements]


# --- placeholders and psql ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "node"),
    [
        ("SELECT a FROM t WHERE b = %(name)s", exp.Placeholder),
        ("SELECT a FROM t WHERE b IN %(ids)s", exp.Placeholder),
        ("INSERT INTO t VALUES (%s, %s)", exp.Placeholder),
        ("SELECT a FROM t WHERE b = :name", exp.Placeholder),
        ("SELECT a FROM t WHERE b = $1 AND c = $2", exp.Parameter),
        ("SELECT a FROM t WHERE b = ? AND c = ?", exp.Placeholder),
        ("SELECT a FROM t WHERE b = :'day'", exp.Literal),
        ('SELECT a FROM :"schema_name".t', exp.Identifier),
    ],
)
def test_each_placeholder_form_parses_as_a_parameter(sql: str, node: type[exp.Expr]) -> None:
    (tree,) = parsed(sql)
    assert tree is not None
    assert tree.find(node) is not None


@pytest.mark.parametrize(
    "line",
    [
        "\\set ON_ERROR_STOP on",
        "\\i setup/common.sql",
        "\\echo loading orders",
        "\\timing on",
        "\\o /dev/null",
        "\\pset format unaligned",
        ":EXPLAIN",
    ],
)
def test_psql_lines_are_not_parse_errors(line: str) -> None:
    trees = parsed(f"{line}\nSELECT a FROM t WHERE b = 1;\n{line}\nSELECT c FROM u;\n")
    assert len(trees) == 2
    assert all(t is not None for t in trees)


def test_gset_sends_the_query_like_a_semicolon() -> None:
    trees = parsed("SELECT count(*) AS n FROM t \\gset\nSELECT :n AS n FROM u\n\\crosstabview\n")
    assert len(trees) == 2
    assert all(t is not None for t in trees)


def test_psql_syntax_is_left_alone_in_strings_comments_casts_and_dollar_bodies() -> None:
    text = (
        "SELECT ':''v''', x::int, y::\"char\" -- :'c' \\set\n"
        "/* :'d' \\echo */ FROM t WHERE z = $$ :'e' \\i f $$ AND w = $tag$:\"g\"$tag$;\n"
    )
    assert placeholders.rewrite(text) == text


def test_a_backslash_inside_a_line_is_no_meta_command() -> None:
    text = "COPY t FROM 's3://b/k' ESCAPE '\\' DELIMITER '|';\nSELECT 'a\\nb' \\x;\n"
    assert placeholders.rewrite(text) == text


def test_rewriting_keeps_every_offset() -> None:
    text = "\\set d 1\n:EXPLAIN\nSELECT a FROM t WHERE b = :'d' AND c = :\"d\";\n"
    out = placeholders.rewrite(text)
    assert len(out) == len(text)
    assert out.splitlines()[2] == "SELECT a FROM t WHERE b = 'd'  AND c = \"d\" ;"


def test_findings_after_psql_lines_keep_the_files_positions(tmp_path: Path) -> None:
    path = tmp_path / "q01.sql"
    path.write_text("\\timing on\n:EXPLAIN\nSELECT *\nFROM t WHERE d = :'day';\n")
    assert lint(path) == ["q01.sql:3:8 RS-Q01"]
    assert "q01.sql:1:1 AD-001" in lint(path, templater="none")


def test_plain_sql_is_returned_as_it_is() -> None:
    source = SourceText.of("job.sql", "SELECT a FROM t WHERE b = %(x)s AND c::int = 1;\n")
    assert template(source, "auto", None) is source


def test_plain_sql_does_not_import_jinja(tmp_path: Path) -> None:
    path = tmp_path / "job.sql"
    path.write_text("\\set x 1\nSELECT a FROM t WHERE b = :x;\n")
    code = (
        "import sys\nfrom pathlib import Path\nfrom advisor.engine import read_sql_file\n"
        f"r = read_sql_file(Path({str(path)!r}), 'redshift')\n"
        "assert r.parsed.statements[0].tree is not None\n"
        "print('jinja2' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


# --- choosing the templater --------------------------------------------------------------


def test_auto_detection() -> None:
    array = "SELECT '{{1,2},{3,4}}'::int[], '{{{1,2,3},{4,5,6}}}'::int[];"
    assert choose("auto", array, Path("job.sql")) == "placeholder"
    model = DBT / "models" / "marts" / "fct_orders.sql"
    assert choose("auto", model.read_text(), model) == "dbt"
    assert choose("auto", "select {{ x }}", Path("job.sql")) == "jinja"
    assert choose("auto", "{% if a %}select 1{% endif %}", None) == "jinja"
    assert choose("auto", "select 1", Path("job.sql")) == "placeholder"
    assert choose("none", "select {{ x }}", model) == "none"


def test_templater_config_key_and_cli_option(tmp_path: Path) -> None:
    from advisor import config
    from advisor.sql import templater

    assert (
        config.TEMPLATERS == templater.TEMPLATERS
    )  # two copies: reading the config imports no templater
    assert from_mapping({"templater": "dbt"}).templater == "dbt"
    assert Config().templater == "auto"
    with pytest.raises(
        ConfigError, match=r"templater: unknown templater: expected one of auto, .*, got 'mako'"
    ):
        from_mapping({"templater": "mako"})
    path = tmp_path / "job.sql"
    path.write_text("SELECT a FROM {{ ref('t') }};\n")
    runner = CliRunner()
    plain = runner.invoke(cli, ["lint", "--templater", "none", "--select", "AD", str(path)])
    assert "AD-001" in plain.output
    rendered = runner.invoke(cli, ["lint", "--select", "AD", str(path)])
    assert rendered.exit_code == 0, rendered.output
    bad = runner.invoke(cli, ["lint", "--templater", "mako", str(path)])
    assert bad.exit_code == 2


# --- Jinja -------------------------------------------------------------------------------

TEMPLATE = """\
{%- set columns = ['a', 'b', 'c'] -%}
-- a report
SELECT
  {%- for c in columns %}
  {{ c }},
  {%- endfor %}
  d
FROM {{ ref('orders') }} o
CROSS JOIN {{ ref('days') }} d
WHERE x = 1;
SELECT * FROM u;
"""


def test_literal_sql_keeps_its_lines_and_generated_text_points_at_its_tag(
    tmp_path: Path,
) -> None:
    path = tmp_path / "report.sql"
    path.write_text(TEMPLATE)
    assert lint(path, select=("AD", "RS-Q01", "RS-Q02")) == [
        "report.sql:11:8 RS-Q01",
        "report.sql:9:12 RS-Q02",
    ]
    source = template(SourceText.of(str(path), TEMPLATE), "jinja", path)
    at = source.text.index("orders")
    loc = source.location(at, at + len("orders") - 1)
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (8, 6, 8, 24)
    b = source.text.index("b,")
    assert source.position(b) == (5, 3)  # the `{{ c }}` of the loop body
    where = source.text.index("WHERE")
    assert source.position(where) == (10, 1)
    assert source.line_text(10) == "WHERE x = 1;"


def test_noqa_in_a_template_silences_its_statement(tmp_path: Path) -> None:
    path = tmp_path / "report.sql"
    path.write_text("{% set t = 'u' %}\nSELECT *  -- noqa: RS-Q01\nFROM {{ t }};\n")
    assert lint(path, select=("AD", "RS-Q01")) == []


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("SELECT a\nFROM t\n{% if x %}\nWHERE b = 1\n", 4, "template syntax error"),
        ("SELECT a,\n  {{ 1 / 0 }}\nFROM t\n", 2, "division by zero"),
        ("SELECT {{ 'x' * 100000000 }} FROM t\n", 1, "repeated text too long"),
        ("{% include 'secret.sql' %}\nSELECT 1\n", 1, "template error"),
        ("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}\nSELECT {{ m(1) }}\n", 1, "recursion"),
        ("SELECT a FROM {{ t }\n", 1, "unclosed tag"),
    ],
)
def test_a_broken_template_is_one_finding_at_its_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = tmp_path / "broken.sql"
    path.write_text(text)
    # `auto` takes only files with a complete tag for templates; name the templater here.
    config = Config(root=tmp_path, select=("AD",), templater="jinja")
    report = Engine(config, lint=True).lint_paths([path])
    (finding,) = report.findings
    assert finding.rule_id == "AD-001"
    assert finding.location is not None
    assert finding.location.line <= line
    assert message in finding.message


def test_a_template_that_never_ends_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from advisor.sql.templater import jinja

    monkeypatch.setattr(jinja, "TIME_LIMIT", 0.3)
    path = tmp_path / "loop.sql"
    path.write_text(
        "SELECT 1\n{% for i in range(100000) %}{% for j in range(100000) %}"
        "{% endfor %}{% endfor %}\n"
    )
    report = Engine(Config(root=tmp_path, select=("AD",)), lint=True).lint_paths([path])
    assert [f.message for f in report.findings] == [
        "cannot parse statement: template rendering took longer than 0.3 s"
    ]


def test_unknown_names_and_macros_parse_as_names() -> None:
    trees = parsed(
        "SELECT {{ dbt_utils.star(ref('t')) }} FROM {{ ref('t') }};\n"
        "SELECT a FROM {{ params.schema }}.events WHERE d = '{{ ds }}' AND n = {{ ds_nodash }}"
        "{% if params is defined %} AND never{% endif %}"
        "{% for c in params.columns %}, {{ c }}{% endfor %} AND e = '{{ x | default('y') }}';\n"
    )
    assert [t.sql() if t else None for t in trees] == [
        "SELECT __dbt_utils_star__ FROM analytics.t",
        "SELECT a FROM __params_schema__.events WHERE d = '__ds__' AND n = __ds_nodash__ "
        "AND e = 'y'",
    ]


def test_a_parse_error_after_an_unknown_macro_says_so() -> None:
    source = SourceText.of("m.sql", "{{ my_pkg.union_tables('x') }}\n")
    (stmt,) = parse_templated(source, parse_one, "redshift", "jinja").statements
    assert stmt.error is not None
    assert "the template calls my_pkg.union_tables, not available here" in stmt.error


# --- dbt ---------------------------------------------------------------------------------


def test_dbt_models_are_linted_at_the_model_files_own_lines() -> None:
    found = lint(DBT / "models")
    assert "mart_order_export.sql:4:8 RS-Q01" in found  # SELECT * in a mart
    assert "fct_orders.sql:4:5 RS-D05" in found  # sort_type='interleaved' in config()
    assert "mart_customer_days.sql:8:12 RS-Q02" in found  # CROSS JOIN {{ ref('fct_orders') }}
    assert not [f for f in found if "AD-" in f]


def test_every_model_and_snapshot_of_the_project_parses() -> None:
    files = sorted([*DBT.glob("models/**/*.sql"), *DBT.glob("snapshots/*.sql")])
    assert len(files) >= 8
    for file in files:
        result = read_sql_file(file, "redshift")
        assert result.parsed is not None
        statements = result.parsed.statements
        assert statements, file
        assert [s.error for s in statements] == [None] * len(statements), file
    macros = read_sql_file(DBT / "macros" / "order_count.sql", "redshift").parsed
    assert macros is not None
    assert macros.statements == []  # a macro file renders to nothing to lint


def test_refs_sources_vars_macros_and_this_resolve() -> None:
    def rendered(name: str) -> str:
        (file,) = DBT.rglob(f"{name}.sql")
        return template(SourceText.of(str(file), file.read_text()), "auto", file).text

    orders = rendered("stg_orders")
    assert "FROM raw_shop.orders" in orders.replace("from", "FROM")
    assert "(amount_cents / 100.0)::decimal(16, 2)" in orders
    assert "'EUR' as currency" in orders and "'2024-01-01'" in orders
    events = rendered("stg_events")
    assert "raw_shop.web_events" in events
    assert "select max(event_ts) from staging.stg_events" in events  # is_incremental(), this
    assert "from staging.stg_orders so" in rendered("dim_customers")  # adapter.dispatch, return
    assert "cast(created_at as timestamp without time zone)" in rendered("stg_customers")
    fct = rendered("fct_orders")
    assert fct.startswith(
        "CREATE TABLE marts.fct_orders DISTSTYLE KEY DISTKEY (customer_id) "
        "INTERLEAVED SORTKEY (order_date, status) AS\n"
    )
    assert "from staging.stg_orders o" in fct
    assert "orders_snapshot" not in rendered("orders_snapshot")


def test_the_catalog_joins_refs_to_the_models_config() -> None:
    report = Engine(Config(select=("RS-Q01",)), lint=True).lint_paths([DBT / "models"])
    (star,) = report.findings
    assert star.object == "marts.fct_orders"


def test_compiled_sql_in_target_is_linted_and_mapped_to_the_model(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "dbt_project.yml").write_text("name: p\n")
    model = tmp_path / "models" / "report.sql"
    model.write_text(
        "{{ config(materialized='view') }}\n\n-- report\nselect *\nfrom {{ ref('orders') }}\n"
        "where {{ my_package.filter() }}\n"
    )
    compiled = tmp_path / "target" / "compiled" / "p" / "models" / "report.sql"
    compiled.parent.mkdir(parents=True)
    compiled.write_text(
        '\n\n-- report\nselect *\nfrom "dev"."prod"."orders"\nwhere status = \'x\'\n'
    )
    (tmp_path / "target" / "manifest.json").write_text(json.dumps({"nodes": {}}))
    report = Engine(Config(root=tmp_path, select=("AD", "RS-Q01")), lint=True).lint_paths([model])
    (star,) = report.findings
    assert star.location is not None
    assert (star.location.line, star.location.column) == (4, 8)
    assert star.object == "prod.orders"
    # A model that only dbt itself can render is still linted from its compiled SQL.
    model.write_text(model.read_text().replace("{{ ref('orders') }}", "{{ ref('orders') + 1 }}"))
    report = Engine(Config(root=tmp_path, select=("AD", "RS-Q01")), lint=True).lint_paths([model])
    assert [f.rule_id for f in report.findings] == ["RS-Q01"]


def test_a_models_schema_and_alias_name_its_relation_and_a_new_run_rereads_them(
    tmp_path: Path,
) -> None:
    (tmp_path / "dbt_project.yml").write_text("name: p\n")
    (tmp_path / "models").mkdir()
    orders = tmp_path / "models" / "orders.sql"
    orders.write_text("{{ config(schema='sales', alias='all_orders') }}\nselect 1 as a\n")
    report = tmp_path / "models" / "report.sql"
    report.write_text("select * from {{ ref('orders') }}\n")
    engine = Engine(Config(root=tmp_path, select=("RS-Q01",)), lint=True)
    assert [f.object for f in engine.lint_paths([report]).findings] == ["sales.all_orders"]
    orders.write_text("{{ config(schema='finance') }}\nselect 1 as a\n")
    assert [f.object for f in engine.lint_paths([report]).findings] == ["finance.orders"]


PSQL_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "sqlfluff" / "postgres"


@pytest.mark.skipif(
    not PSQL_CORPUS.is_dir(), reason=f"SQLFluff Postgres corpus not found at {PSQL_CORPUS}"
)
def test_the_psql_scripts_of_the_public_corpus_parse() -> None:
    files = sorted(PSQL_CORPUS.glob("psql_*.sql")) + sorted(PSQL_CORPUS.glob("meta_*.sql"))
    assert files
    errors = {}
    for file in files:
        result = read_sql_file(file, "redshift")
        assert result.parsed is not None
        errors[file.name] = sum(1 for s in result.parsed.statements if s.error)
    # The one left: a `\copy (` whose query runs over several lines, which psql itself rejects.
    assert errors == {**dict.fromkeys(errors, 0), "psql_copy_meta_command.sql": 1}


def test_an_error_raised_in_a_macro_is_reported_at_the_models_call(tmp_path: Path) -> None:
    (tmp_path / "dbt_project.yml").write_text("name: p\n")
    (tmp_path / "macros").mkdir()
    (tmp_path / "macros" / "m.sql").write_text(
        "{% macro fail() %}\n\n\n\n\n{{ exceptions.raise_compiler_error('no') }}{% endmacro %}\n"
    )
    (tmp_path / "models").mkdir()
    model = tmp_path / "models" / "x.sql"
    model.write_text("select\n  a,\n  {{ fail() }}\nfrom t\n")
    report = Engine(Config(root=tmp_path, select=("AD",)), lint=True).lint_paths([model])
    (finding,) = report.findings
    assert finding.location is not None
    assert finding.location.line == 3
    assert "compiler error raised by the template: no" in finding.message


def test_a_fault_of_the_templater_is_a_finding_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from advisor.sql.templater import jinja

    def broken(*args: object, **kwargs: object) -> SourceText:
        raise KeyError("boom")

    monkeypatch.setattr(jinja, "render", broken)
    path = tmp_path / "x.sql"
    path.write_text("select {{ 1 }};\nselect 2;\n")
    report = Engine(Config(root=tmp_path, select=("AD",)), lint=True).lint_paths([path])
    assert [f.message for f in report.findings] == [
        "cannot parse statement: templater failed: KeyError: 'boom'"
    ]


def test_a_dbt_models_keys_are_ddl_for_saved_plans() -> None:
    from advisor.live import ddl_columns

    keys, _ = ddl_columns([DBT / "models" / "marts" / "fct_orders.sql"])
    assert [(k.schema, k.table, k.column, k.distkey, k.sortkey) for k in keys] == [
        ("marts", "fct_orders", "customer_id", True, 0),
        ("marts", "fct_orders", "order_date", False, -1),
        ("marts", "fct_orders", "status", False, -2),
    ]


def test_for_postgres_parameters_become_numbered_ones() -> None:
    text = "SELECT a FROM t WHERE b = :name AND c = %(key)s AND d = %s AND e::int = 1 AND f = '%s';"
    out = placeholders.rewrite(text, numbered=True)
    assert out == (
        "SELECT a FROM t WHERE b = $1    AND c = $1      AND d = $1 AND e::int = 1 AND f = '%s';"
    )
    assert placeholders.rewrite(text) == text
    source = SourceText.of("job.sql", text)
    (stmt,) = parse_templated(source, parser_for("postgres"), "postgres").statements
    assert stmt.error is None


def test_a_projects_own_macros_are_reached_under_its_name(tmp_path: Path) -> None:
    # dbt-labs/redshift's introspection models call `{{ redshift.fetch_column_data_sql() }}`.
    (tmp_path / "dbt_project.yml").write_text("name: warehouse\n")
    (tmp_path / "macros").mkdir()
    (tmp_path / "macros" / "q.sql").write_text(
        "{% macro column_sql() %}select attname from pg_attribute{% endmacro %}\n"
    )
    (tmp_path / "models").mkdir()
    model = tmp_path / "models" / "columns.sql"
    model.write_text("\n{{ warehouse.column_sql() }}\n")
    text = template(SourceText.of(str(model), model.read_text()), "auto", model).text
    assert "select attname from pg_attribute" in text
    assert lint(tmp_path / "models", select=("AD",)) == []


def test_two_shapes_of_broken_files_say_what_is_wrong() -> None:
    def error(text: str) -> str:
        (stmt,) = parse_source(SourceText.of("job.sql", text), parse_one, "redshift").statements
        assert stmt.error is not None
        return stmt.error

    # The parser's own words (advisor.sql.errors.plain), then the likelier cause.
    missing = error("SELECT *\nFROM stg\nLIMIT 10\nSELECT a FROM b;")
    assert missing.startswith("unexpected `SELECT`")
    assert missing.endswith("(a new statement seems to start there: is a `;` missing before it?)")
    shell = error("copy t from 's3://b/k' \\\ncredentials 'aws_iam_role=r' gzip;")
    assert "a backslash is not SQL" in shell
    # The tail of a pasted line after the statement's `;`.
    leftover = error("s_name varchar(25)) BACKUP NO sortkey (receiptdate);")
    assert leftover.startswith("unexpected")
    assert leftover.endswith(
        "(no statement starts with 's_name': is it text left over from an edit?)"
    )
    # A statement word inside a line is no sign of a missing `;`.
    inside = error("SELECT a FROM t WHERE a > SELECT b;")
    assert "`;` missing" not in inside and "SELECT" in inside

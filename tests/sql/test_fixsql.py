"""The identifier quoter and the fix templates (advisor.sql.quoting, advisor.sql.fixsql)."""

from __future__ import annotations

import pytest

from advisor.sql.fixsql import Template, TemplateError, dotted, name
from advisor.sql.quoting import needs_quotes, quote_dotted, quote_ident, quote_qualified


@pytest.mark.parametrize(
    ("raw", "written"),
    [
        ("events", "events"),
        ("event_2", "event_2"),
        ("col$1", "col$1"),
        ("user", '"user"'),
        ("order", '"order"'),
        ("table", '"table"'),
        ("Mixed", '"Mixed"'),
        ("a b", '"a b"'),
        ('x"y', '"x""y"'),
        ("1abc", '"1abc"'),
        ("$x", '"$x"'),
        ("é", '"é"'),
        ("", '""'),
    ],
)
def test_quote_ident_redshift(raw: str, written: str) -> None:
    assert quote_ident(raw) == written


def test_reserved_words_differ_by_server() -> None:
    # `verbose` is reserved (except as a function or type name) in PostgreSQL; Redshift's
    # list does not hold it, `user` is reserved in both.
    assert needs_quotes("verbose", "postgres")
    assert needs_quotes("user", "postgres") and needs_quotes("user", "redshift")
    assert not needs_quotes("events", "postgres")


def test_qualified_and_dotted() -> None:
    assert quote_qualified("public", "user") == 'public."user"'
    assert quote_dotted("Sales.order") == '"Sales"."order"'


def test_the_reserved_word_distkey_fix() -> None:
    alter = Template("ALTER TABLE {table} ALTER DISTKEY {column:ident}", composed=True)
    assert (
        alter.render(table=name("public", "events"), column="user")
        == 'ALTER TABLE public.events ALTER DISTKEY "user";'
    )


def test_statement_is_a_tree_rendered() -> None:
    vacuum = Template("VACUUM SORT ONLY {table} TO {percent:num} PERCENT")
    assert vacuum.render(table=dotted("public.Ev"), percent=95) == (
        'VACUUM SORT ONLY public."Ev" TO 95 PERCENT;'
    )
    select = Template("SELECT COUNT(*) FROM {table} WHERE {column:ident} = {value:str}")
    assert select.query(table="t", column="from", value="x") == (
        """SELECT COUNT(*) FROM t WHERE "from" = 'x'"""
    )
    keys = Template("ALTER TABLE {table} ALTER SORTKEY ({columns:idents})")
    assert (
        keys.render(table="t", columns=["user", "ts"])
        == 'ALTER TABLE t ALTER SORTKEY ("user", ts);'
    )


def test_postgres_templates() -> None:
    analyze = Template("ANALYZE {table}", "postgres")
    assert analyze.render(table=name("public", "Ev")) == 'ANALYZE public."Ev";'
    reindex = Template("REINDEX INDEX CONCURRENTLY {index}", "postgres", composed=True)
    assert reindex.render(index=name("s", "x y")) == 'REINDEX INDEX CONCURRENTLY s."x y";'


def test_a_template_that_prints_otherwise_is_refused() -> None:
    with pytest.raises(TemplateError, match="mark it composed"):
        Template("ALTER TABLE {table} ALTER DISTKEY {column:ident}").render(table="t", column="c")


def test_a_template_that_does_not_parse_is_refused() -> None:
    with pytest.raises(TemplateError):
        Template("ALTER WHATEVER {table} PLEASE").render(table="t")


def test_holes_are_typed() -> None:
    with pytest.raises(TemplateError, match="bad hole"):
        Template("ANALYZE {table:name}")
    analyze = Template("ANALYZE {table}")
    with pytest.raises(TemplateError, match="takes"):
        analyze.render()
    with pytest.raises(TemplateError, match="takes a name"):
        analyze.render(table=3)
    with pytest.raises(TemplateError, match="no identifiers"):
        analyze.render(table=name())
    vacuum = Template("VACUUM {table} TO {percent:num} PERCENT")
    with pytest.raises(TemplateError, match="num literal"):
        vacuum.render(table="t", percent="95")


def test_names_read_from_sql_keep_their_spelling_and_quotes() -> None:
    from sqlglot import exp

    from advisor.sql.dialect import DIALECT
    from advisor.sql.fixsql import written

    tree = DIALECT.parse('SELECT Foo, "Bar" FROM public.Events JOIN "x y"."user" ON TRUE')[0]
    assert tree is not None
    analyze = Template("ANALYZE {table} PREDICATE COLUMNS")
    tables = [analyze.render(table=written(t)) for t in tree.find_all(exp.Table)]
    assert tables == [
        "ANALYZE public.Events PREDICATE COLUMNS;",
        'ANALYZE "x y"."user" PREDICATE COLUMNS;',
    ]
    raw = Template("ALTER TABLE {table} ALTER COLUMN {column:ident} ENCODE RAW")
    columns = [raw.render(table="t", column=written(c)) for c in tree.find_all(exp.Column)]
    assert columns == [
        "ALTER TABLE t ALTER COLUMN Foo ENCODE RAW;",
        'ALTER TABLE t ALTER COLUMN "Bar" ENCODE RAW;',
    ]


def test_declared_names_whose_quotes_were_lost() -> None:
    from advisor.sql.fixsql import spelled

    auto = Template("ALTER TABLE {table} ALTER SORTKEY AUTO")
    assert (
        auto.render(table=spelled("Sales", "Orders"))
        == "ALTER TABLE Sales.Orders ALTER SORTKEY AUTO;"
    )
    assert (
        auto.render(table=spelled("public", "user"))
        == 'ALTER TABLE public."user" ALTER SORTKEY AUTO;'
    )
    assert (
        auto.render(table=spelled("x y", "drop")) == 'ALTER TABLE "x y"."drop" ALTER SORTKEY AUTO;'
    )


def test_a_sketch_is_composed() -> None:
    sketch = Template("ALTER TABLE {table} ALTER COLUMN {c:ident} TYPE VARCHAR(<n>)", sketch=True)
    assert sketch.composed
    assert (
        sketch.render(table="t", c="Name") == 'ALTER TABLE t ALTER COLUMN "Name" TYPE VARCHAR(<n>);'
    )

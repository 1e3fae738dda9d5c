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

"""Catalog rules on svv_table_info's sort and distribution styles, on model objects: each
planted shape fires, its twin does not, and the fix names the table."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from advisor.config import Config
from advisor.live import analyze_redshift
from advisor.model_redshift import RsKeyColumn, RsSnapshot
from redshift.test_rules_model import BIG, table_ids

SMALL = {"tbl_rows": 1000, "estimated_visible_rows": 1000}


def test_sort_and_distribution_style_rules() -> None:
    assert table_ids(size_mb=800_000, unsorted=60.0) == ["RS-C04"]
    assert table_ids(size_mb=800_000, unsorted=50.0) == []
    assert table_ids(size_mb=700_000, unsorted=60.0) == []
    assert table_ids(sortkey1="") == ["RS-C08"]
    assert table_ids(sortkey1="AUTO(SORTKEY)") == []
    assert table_ids(sortkey1="", diststyle="ALL", **SMALL) == []
    assert table_ids(diststyle="ALL", **SMALL) == ["RS-C09"]
    assert table_ids(diststyle="ALL", sortkey1="AUTO(SORTKEY(d))", **SMALL) == []
    assert table_ids(sortkey1="", **SMALL) == ["RS-C10"]
    assert table_ids(sortkey1="", diststyle="EVEN", **SMALL) == ["RS-C10"]
    assert table_ids(sortkey1="", diststyle="AUTO(KEY(c))", **SMALL) == []
    assert table_ids(diststyle="ALL") == ["RS-C11"]
    assert table_ids(diststyle="AUTO(ALL)") == []
    assert table_ids(sortkey1="INTERLEAVED") == ["RS-C15"]
    assert table_ids(sortkey1="INTERLEAVED", diststyle="ALL", **SMALL) == ["RS-C09"]


def test_deep_copy_and_style_fixes_name_the_table() -> None:
    def fix(**changes: Any) -> str:
        snapshot = RsSnapshot(tables=(replace(BIG, **changes),))
        (finding,) = analyze_redshift(snapshot, Config()).findings
        assert finding.fix is not None
        return finding.fix.content or finding.fix.title

    assert fix(size_mb=800_000, unsorted=60.0) == (
        "CREATE TABLE s.t_copy (LIKE s.t);\n"
        "INSERT INTO s.t_copy (SELECT * FROM s.t);\n"
        "DROP TABLE s.t;\n"
        "ALTER TABLE s.t_copy RENAME TO t;"
    )
    assert fix(sortkey1="") == "ALTER TABLE s.t ALTER SORTKEY AUTO;"
    assert fix(diststyle="ALL", **SMALL) == "ALTER TABLE s.t ALTER SORTKEY NONE;"
    assert fix(sortkey1="", **SMALL) == "ALTER TABLE s.t ALTER DISTSTYLE ALL;"
    assert fix(diststyle="ALL") == "ALTER TABLE s.t ALTER DISTSTYLE AUTO;"
    assert "ALTER TABLE s.t ALTER COMPOUND SORTKEY (c);" in fix(sortkey1="INTERLEAVED")


def test_interleaved_fix_names_the_key_columns_when_they_were_read() -> None:
    table = replace(BIG, sortkey1="INTERLEAVED")
    keys = (
        RsKeyColumn(table.schema, table.table, "region", sortkey=-2),
        RsKeyColumn(table.schema, table.table, "day", sortkey=1),
        RsKeyColumn(table.schema, table.table, "id", distkey=True),
    )
    (known,) = analyze_redshift(RsSnapshot(tables=(table,), key_columns=keys), Config()).findings
    assert known.fix is not None and known.fix.content == (
        f"ALTER TABLE {table.qualified_name} ALTER COMPOUND SORTKEY (day, region);"
    )
    (unknown,) = analyze_redshift(RsSnapshot(tables=(table,)), Config()).findings
    assert unknown.fix is not None and not unknown.fix.content
    assert "ALTER COMPOUND SORTKEY (c)" in unknown.fix.title

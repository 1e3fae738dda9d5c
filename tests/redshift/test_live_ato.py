"""The key recommender against the emulation's schema `ato`, tables Redshift tunes itself:
riders AUTO(KEY(rider_id)), rides sorted by a multidimensional data layout, payments with an
AUTO sort key, and tips, their manual twin. The sort keys Redshift chose are not proposed
away; the distribution it chose is kept and joined."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli import cli
from advisor.config import load_config
from advisor.live import analyze_redshift
from advisor.model import Finding
from advisor.model_redshift import RsSnapshot
from connectors.redshift import RedshiftSource, read_redshift

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def ato(emulation: str) -> RsSnapshot:
    return read_redshift(RedshiftSource(dsn=emulation, schemas=("ato",)))


def w30(snapshot: RsSnapshot) -> dict[str, Finding]:
    config = load_config(ROOT / "examples" / "redshift" / "ato.toml", start=ROOT)
    found = analyze_redshift(snapshot, config, families=("redshift.workload",)).findings
    return {f.object or "": f for f in found if f.rule_id == "RS-W30"}


def test_the_emulation_shows_what_redshift_chose(ato: RsSnapshot) -> None:
    shown = {t.table: (t.diststyle, t.sortkey1) for t in ato.tables}
    assert shown == {
        "riders": ("AUTO(KEY(rider_id))", ""),
        "rides": ("KEY(ride_id)", "padb_internal_mddl_key_col"),
        "payments": ("KEY(payment_id)", "AUTO(SORTKEY)"),
        "tips": ("KEY(tip_id)", "tip_id"),
    }
    recs = {r.table: r.type for r in ato.recommendations if (r.table or "").startswith("ato.")}
    assert recs == {"ato.rides": "diststyle", "ato.tips": "sortkey"}


def test_sort_key_proposals_are_suppressed_with_their_note(ato: RsSnapshot) -> None:
    found = w30(ato)
    assert set(found) == {"ato.rides", "ato.payments", "ato.tips"}  # riders keeps AUTO
    tips = found["ato.tips"]
    assert tips.fix is not None and tips.fix.content == (
        "ALTER TABLE ato.tips ALTER DISTSTYLE KEY DISTKEY rider_id;\n"
        "ALTER TABLE ato.tips ALTER COMPOUND SORTKEY (tipped_at);"
    )
    assert "Redshift's advisor recommends the same" in tips.message
    for name, said in (
        ("ato.rides", "multidimensional data layout (svv_table_info.sortkey1 = "),
        ("ato.payments", "it is AUTO(SORTKEY) (svv_table_info.sortkey1)"),
    ):
        hit = found[name]
        assert hit.fix is not None
        assert hit.fix.content == f"ALTER TABLE {name} ALTER DISTSTYLE KEY DISTKEY rider_id;"
        assert "sort key left to Redshift" in hit.message and said in hit.message
        assert said in str(hit.evidence.as_dict()["aws_tuning"])
    assert "Redshift's advisor recommends the same" in found["ato.rides"].message


def test_whatif_on_the_auto_table_says_it_ends_automatic_tuning(emulation: str) -> None:
    args = ["whatif", "--redshift", emulation, "--schema", "ato", "--even", "ato.riders"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "Note: ato.riders: distribution left to Redshift: it is AUTO(KEY(rider_id))" in (
        result.output
    )

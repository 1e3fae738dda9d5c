"""`--baseline FILE` before the file exists: the first run of a CI recipe. It means "no
baseline yet": a notice, every finding shown, the exit code by the findings (never 2)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from advisor.cli import cli


def test_missing_baseline_is_no_baseline_yet(tmp_path: Path) -> None:
    sql = tmp_path / "a.sql"
    sql.write_text("SELECT * FROM t;\n", encoding="utf-8")
    missing = tmp_path / "advisor-baseline.json"
    result = CliRunner().invoke(
        cli, ["lint", str(sql), "--baseline", str(missing), "--format", "concise"]
    )
    assert result.exit_code == 1
    assert "RS-Q01" in result.stdout
    assert result.stderr == (
        f"advisor: no baseline yet at {missing}: every finding is shown "
        "(write one with --baseline FILE --update-baseline)\n"
    )
    assert not missing.exists()


def test_missing_baseline_and_clean_code_exits_0(tmp_path: Path) -> None:
    sql = tmp_path / "a.sql"
    sql.write_text("SELECT a FROM t;\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", str(sql), "--baseline", str(tmp_path / "none.json")])
    assert result.exit_code == 0 and "no baseline yet" in result.stderr


def test_an_unreadable_baseline_is_still_an_error(tmp_path: Path) -> None:
    sql = tmp_path / "a.sql"
    sql.write_text("SELECT a FROM t;\n", encoding="utf-8")
    broken = tmp_path / "b.json"
    broken.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", str(sql), "--baseline", str(broken)])
    assert result.exit_code == 2


def test_update_baseline_then_use_it(tmp_path: Path) -> None:
    sql = tmp_path / "a.sql"
    sql.write_text("SELECT * FROM t;\n", encoding="utf-8")
    baseline = tmp_path / "base.json"
    runner = CliRunner()
    written = runner.invoke(
        cli, ["lint", str(sql), "--baseline", str(baseline), "--update-baseline"]
    )
    assert written.exit_code == 0 and "wrote 1 finding to baseline" in written.stderr
    used = runner.invoke(cli, ["lint", str(sql), "--baseline", str(baseline)])
    assert used.exit_code == 0 and "1 finding in the baseline not shown" in used.stderr

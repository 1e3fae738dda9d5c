"""Data safety: reports, snapshots and baselines are written whole or not at all; a failed
read never replaces a good snapshot; a baseline never shrinks by accident; `snapshot -o`
replaces only snapshots and never writes through a symbolic link."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from advisor import atomic
from advisor.cli import cli
from security import fault_servers
from security.mutations import SNAPSHOTS

ROOT = Path(__file__).resolve().parents[2]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


# 1. Atomic writes ------------------------------------------------------------------------------

LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
sys.argv = ["advisor", *sys.argv[1:]]
from advisor.cli import main
main()
"""


def limited_run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The advisor under a 4 KB file-size limit (as a full disk would cut it)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", LIMITED, *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


@pytest.fixture
def project(tmp_path: Path) -> Path:
    sql = tmp_path / "sql"
    sql.mkdir()
    for n in range(40):  # enough findings that the report is larger than 4 KB
        (sql / f"q{n}.sql").write_text("SELECT * FROM sales.orders;\n", encoding="utf-8")
    return tmp_path


def test_data_safety_1_full_disk_leaves_the_old_report_intact(project: Path) -> None:
    old = project / "report.json"
    old.write_text('{"old": true}\n', encoding="utf-8")
    old.chmod(0o640)
    done = limited_run(project, "lint", "sql", "--format", "json", "-o", "report.json")
    assert done.returncode == 2, done.stderr
    assert "cannot write report.json" in done.stderr and "unchanged" in done.stderr
    assert "Traceback" not in done.stderr
    assert old.read_text(encoding="utf-8") == '{"old": true}\n'
    assert sorted(p.name for p in project.iterdir()) == ["report.json", "sql"]  # no temp left


def test_data_safety_1_full_disk_leaves_the_old_baseline_intact(project: Path) -> None:
    first = invoke("lint", str(project / "sql" / "q0.sql"), "--baseline", str(project / "b.json"),
                   "--update-baseline")  # fmt: skip
    assert first.exit_code == 0, first.output
    before = (project / "b.json").read_bytes()
    done = limited_run(project, "lint", "sql", "--baseline", "b.json", "--update-baseline")
    assert done.returncode == 2, done.stderr
    assert (project / "b.json").read_bytes() == before


def test_data_safety_1_full_disk_leaves_the_old_snapshot_intact(project: Path) -> None:
    good = project / "good.json"
    good.write_bytes(SNAPSHOTS["redshift"].read_bytes())  # 90 KB: larger than the limit
    copy = project / "copy.json"
    copy.write_text("{}", encoding="utf-8")
    done = limited_run(
        project, "analyze", "--snapshot", "good.json", "--save-snapshot", "copy.json"
    )
    assert done.returncode == 2, done.stderr
    assert copy.read_text(encoding="utf-8") == "{}"
    assert good.read_bytes() == SNAPSHOTS["redshift"].read_bytes()


def test_data_safety_1_writes_keep_permissions_and_replace_links(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    atomic.write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(elsewhere)
    atomic.write_text(link, "new")
    assert elsewhere.read_text(encoding="utf-8") == "keep"  # never written through the link
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "new"


# 2. Partial reads ------------------------------------------------------------------------------


def test_data_safety_2_failed_read_does_not_overwrite_a_good_snapshot(tmp_path: Path) -> None:
    good = tmp_path / "snap.json"
    good.write_bytes(SNAPSHOTS["postgres"].read_bytes())
    with fault_servers.silent() as server:
        result = invoke(
            "analyze", "--dsn", f"host=127.0.0.1 port={server.port} user=u dbname=d",
            "--deadline", "1", "--save-snapshot", str(good),
        )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert good.read_bytes() == SNAPSHOTS["postgres"].read_bytes()
    partial = tmp_path / "snap.json.partial"
    assert partial.is_file() and f"{partial}" in result.stderr and "marked partial" in result.stderr
    assert "deadline" in json.loads(partial.read_text(encoding="utf-8"))["partial"]["postgres"]
    replay = invoke("analyze", "--snapshot", str(partial))
    assert replay.exit_code == 2, replay.output
    assert "is a partial snapshot" in replay.stderr


def test_data_safety_2_failed_snapshot_command_writes_only_the_partial_file(
    tmp_path: Path,
) -> None:
    good = tmp_path / "snap.json"
    good.write_bytes(SNAPSHOTS["opensearch"].read_bytes())
    with fault_servers.http_error(500) as server:
        result = invoke("snapshot", "--opensearch", f"http://127.0.0.1:{server.port}",
                        "-o", str(good))  # fmt: skip
    assert result.exit_code == 2, result.output
    assert good.read_bytes() == SNAPSHOTS["opensearch"].read_bytes()
    assert (tmp_path / "snap.json.partial").is_file()


# 3. Baselines never shrink by accident ---------------------------------------------------------


def test_data_safety_3_update_baseline_refuses_to_shrink_without_prune(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    full = invoke("lint", "sql", "--baseline", "b.json", "--update-baseline")
    assert full.exit_code == 0, full.output
    assert "40 added, 0 removed" in full.stderr
    before = Path("b.json").read_bytes()
    sub = invoke("lint", "sql/q1.sql", "--baseline", "b.json", "--update-baseline")
    assert sub.exit_code == 2, sub.output
    assert "would drop 39 entries of 39 files" in sub.stderr and "--prune" in sub.stderr
    assert Path("b.json").read_bytes() == before
    empty = project / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    nothing = invoke("lint", ".", "--baseline", "../b.json", "--update-baseline")
    assert nothing.exit_code == 2, nothing.output
    assert Path("../b.json").read_bytes() == before
    monkeypatch.chdir(project)
    pruned = invoke("lint", "sql/q1.sql", "--baseline", "b.json", "--update-baseline", "--prune")
    assert pruned.exit_code == 0, pruned.output
    assert "wrote 1 finding to" in pruned.stderr and "0 added, 39 removed" in pruned.stderr
    assert len(json.loads(Path("b.json").read_text())["findings"]) == 1


def test_data_safety_3_prune_needs_update_baseline(project: Path) -> None:
    result = invoke("lint", str(project / "sql"), "--prune")
    assert result.exit_code == 2 and "--prune goes with --update-baseline" in result.output


# 4. snapshot -o ---------------------------------------------------------------------------------


def test_data_safety_4_snapshot_o_on_another_file_needs_force(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    result = invoke("snapshot", "--dsn", "host=127.0.0.1 port=9", "-o", str(notes))
    assert result.exit_code == 2, result.output
    assert "is not an advisor snapshot: add --force" in result.output
    assert notes.read_text(encoding="utf-8") == "my notes\n"


def test_data_safety_4_snapshot_o_does_not_follow_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_bytes(SNAPSHOTS["postgres"].read_bytes())
    link = tmp_path / "link.json"
    link.symlink_to(real)
    result = invoke("snapshot", "--dsn", "host=127.0.0.1 port=9", "-o", str(link), "--force")
    assert result.exit_code == 2, result.output
    assert "symbolic link" in result.output
    assert real.read_bytes() == SNAPSHOTS["postgres"].read_bytes()


def test_data_safety_4_snapshot_o_replaces_an_old_snapshot(
    pg_admin: str, own_schema: str, tmp_path: Path
) -> None:
    out = tmp_path / "snap.json"
    out.write_bytes(SNAPSHOTS["postgres"].read_bytes())
    result = invoke("snapshot", "--dsn", pg_admin, "--schema", own_schema, "-o", str(out))
    assert result.exit_code == 0, result.output
    tables = json.loads(out.read_text(encoding="utf-8"))["postgres"]["tables"]
    assert [t["schema"] for t in tables] == [own_schema]


def test_data_safety_4_save_snapshot_replaces_only_snapshots(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    result = invoke("analyze", "--snapshot", str(SNAPSHOTS["postgres"]), "--save-snapshot",
                    str(notes))  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "is not an advisor snapshot: remove it or name another file" in result.output
    assert notes.read_text(encoding="utf-8") == "my notes\n"


def test_data_safety_2_redshift_partial_snapshot_replays_as_partial(tmp_path: Path) -> None:
    target = tmp_path / "rs.json"
    with fault_servers.silent() as server:
        result = invoke(
            "analyze", "--redshift", f"host=127.0.0.1 port={server.port} user=u dbname=d",
            "--deadline", "1", "--save-snapshot", str(target),
        )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert not target.exists()
    replay = invoke("analyze", "--snapshot", f"{target}.partial")
    assert replay.exit_code == 2, replay.output
    assert "is a partial snapshot" in replay.stderr and "redshift:" in replay.stderr


def test_data_safety_3_failed_run_leaves_the_baseline_alone(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    assert invoke("lint", "sql", "--baseline", "b.json", "--update-baseline").exit_code == 0
    before = Path("b.json").read_bytes()
    Path("advisor.toml").write_text("select = 5\n", encoding="utf-8")  # a broken config
    failed = invoke("lint", "sql", "--baseline", "b.json", "--update-baseline")
    assert failed.exit_code == 2, failed.output
    assert Path("b.json").read_bytes() == before

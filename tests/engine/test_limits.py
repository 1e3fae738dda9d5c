"""Bounded work per input: regular files only, per-file limits, links out of the tree, and
nothing skipped in silence."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli import cli
from advisor.config import Config
from advisor.dsl.jsonpos import JsonError, parse, read_value
from advisor.engine import Engine, bounded
from advisor.model import (
    Evidence,
    Finding,
    Fix,
    FixKind,
    FixSafety,
    Limits,
    Location,
    Severity,
)


def lint(paths: list[Path], root: Path, **config: object) -> list[Finding]:
    return Engine(Config(root=root, **config), lint=True).lint_paths(paths).findings  # type: ignore[arg-type]


def messages(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.rule_id, f.message) for f in findings]


def test_file_over_max_file_bytes_is_one_finding_naming_the_key(tmp_path: Path) -> None:
    (tmp_path / "big.sql").write_text("SELECT 1;\n" * 200, encoding="utf-8")
    (tmp_path / "small.sql").write_text("SELECT * FROM t;\n", encoding="utf-8")
    found = lint([tmp_path], tmp_path, limits=Limits(max_file_bytes=1000))
    big = [f for f in found if f.location and f.location.path.endswith("big.sql")]
    assert [f.rule_id for f in big] == ["AD-002"]
    assert "`max-file-bytes`" in big[0].message and "2,000 bytes" in big[0].message
    assert any(f.rule_id == "RS-Q01" for f in found)  # the run went on


def test_statements_past_the_limits(tmp_path: Path) -> None:
    path = tmp_path / "many.sql"
    path.write_text("SELECT 1;\n" * 5 + "SELECT " + "a, " * 400 + "b FROM t;\n", encoding="utf-8")
    found = lint([path], tmp_path, limits=Limits(max_statements=3, max_statement_bytes=500))
    assert [(f.rule_id, f.location.line if f.location else 0) for f in found] == [("AD-002", 4)]
    assert "`max-statements`" in found[0].message
    found = lint([path], tmp_path, limits=Limits(max_statement_bytes=500))
    (long,) = [f for f in found if f.rule_id == "AD-001"]
    assert "`max-statement-bytes`" in long.message and long.location is not None
    assert long.location.line == 6


def test_json_depth_and_clause_limits(tmp_path: Path) -> None:
    deep = tmp_path / "deep.osq"
    deep.write_text(
        'GET a/_search\n{"query": ' + '{"bool": {"must": [' * 40 + "{}" + "]}}" * 40 + "}\n"
    )
    wide = tmp_path / "wide.json"
    wide.write_text(json.dumps({"query": {"terms": {"f": list(range(500))}}}))
    found = lint([deep, wide], tmp_path, limits=Limits(max_json_depth=50, max_dsl_clauses=100))
    assert [f.rule_id for f in found] == ["OS-E01", "OS-E01"]
    assert "nested deeper than 50 levels" in found[0].message
    assert "`max-dsl-clauses`" in found[1].message


def test_long_findings_are_cut_with_a_note() -> None:
    finding = Finding(
        "OS-Q01",
        Severity.LOW,
        "m" * 5000,
        Location("q.osq", 1, 1, 1, 1),
        evidence=Evidence.of(values="v" * 5000, count=3),
        fix=Fix("rewrite", FixSafety.UNSAFE, FixKind.DSL, "f" * 5000),
    )
    cut = bounded(finding, 200)
    assert cut.message.startswith("m" * 200) and "4,800 more characters cut" in cut.message
    assert "`max-finding-chars`" in cut.message
    assert cut.fix is not None and len(cut.fix.content) < 300
    assert cut.evidence.as_dict()["count"] == 3 and len(str(cut.evidence.as_dict()["values"])) < 300


def test_numbers_longer_than_python_converts_are_json_errors() -> None:
    with pytest.raises(JsonError, match="more than 4300 digits"):
        parse('{"size": ' + "9" * 5000 + "}")
    with pytest.raises(JsonError, match="more than 4300 digits"):
        read_value('{"size": ' + "9" * 5000 + "}")


def test_blank_json_ends_in_linear_time() -> None:
    for text in (" " * 200_000, "\n" * 200_000 + "x", "/*" + " " * 100_000):
        with pytest.raises(JsonError):
            parse(text, console=True)


def test_a_fifo_in_a_folder_is_skipped_with_a_note(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(tmp_path / "pipe.sql")
    (found,) = lint([tmp_path], tmp_path)
    assert found.rule_id == "AD-002" and "a FIFO" in found.message
    assert found.location is not None and found.location.path.endswith("pipe.sql")


def test_a_fifo_or_device_named_on_the_command_line_is_an_error(tmp_path: Path) -> None:
    named = [Path(os.devnull)]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.sql")
        named.append(tmp_path / "pipe.sql")
    for path in named:
        result = CliRunner().invoke(cli, ["lint", str(path)])
        assert result.exit_code == 2
        assert "not a file the advisor can read" in result.output
        assert "internal error" not in result.output


def test_links_out_of_the_tree_are_reported_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.sql").write_text("SELECT * FROM password_table;\n")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "in.sql").symlink_to(outside / "secret.sql")
    (tree / "linked").symlink_to(outside, target_is_directory=True)
    (tree / "same.sql").write_text("SELECT a FROM t;\n")
    (tree / "alias.sql").symlink_to(tree / "same.sql")
    found = lint([tree], tree)
    assert sorted(Path(f.location.path).name for f in found if f.location) == ["in.sql", "linked"]
    assert all("--follow-symlinks" in f.message for f in found)
    assert not any("password_table" in f.message for f in found)
    followed = lint([tree], tree, follow_symlinks=True)
    assert {f.rule_id for f in followed} == {"RS-Q01"}


def test_unreadable_folder_and_file_are_findings_with_their_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.sql").write_text("SELECT 1;")
    (tmp_path / "secret.sql").write_text("SELECT 1;")
    real_scandir, real_open = os.scandir, os.open

    def scandir(path: object) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    def opener(path: object, flags: int, *args: object) -> int:
        if str(path).endswith("secret.sql"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", opener)
    found = messages(lint([tmp_path], tmp_path))
    assert ("AD-002", "cannot read folder: Permission denied") in found
    assert ("AD-002", "cannot read file: Permission denied") in found


def test_unterminated_block_comment_is_a_finding(tmp_path: Path) -> None:
    only = tmp_path / "only.sql"
    only.write_text("/* never closed\nSELECT 1;\n")
    after = tmp_path / "after.sql"
    after.write_text("SELECT a FROM t;\n/* never closed\n")
    found = [
        (Path(f.location.path).name, f.location.line, f.rule_id)
        for f in lint([only, after], tmp_path)
        if f.location
    ]
    assert found == [("after.sql", 2, "AD-001"), ("only.sql", 1, "AD-001")]


def test_a_long_line_makes_a_short_code_frame(tmp_path: Path) -> None:
    path = tmp_path / "one-line.json"
    path.write_text('{"query": {"terms": {"f": [' + ",".join(['"abcdefgh"'] * 50_000) + "]}}, x}")
    result = CliRunner().invoke(cli, ["lint", str(path), "--no-color"])
    assert result.exit_code == 1
    assert len(result.output) < 2000, result.output[:300]

"""Output a person reads: colour by NO_COLOR / FORCE_COLOR / --color, fixes as diffs, the
concise format, a missing -o folder, a closed pipe, counts in words."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli import cli

ROOT = Path(__file__).resolve().parents[2]
PRODUCT_SEARCH = ROOT / "examples" / "opensearch" / "product-search.osq"
ESC = "\x1b["


def sql_file(tmp_path: Path) -> Path:
    path = tmp_path / "a.sql"
    path.write_text("SELECT * FROM t;\n", encoding="utf-8")
    return path


def lint(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> str:
    runner = CliRunner()
    result = runner.invoke(cli, ["lint", str(sql_file(tmp_path)), *args], env=env)
    assert result.exit_code == 1, result.output
    return result.stdout


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ((), {}, False),  # piped: plain
        ((), {"FORCE_COLOR": "1"}, True),
        ((), {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        ((), {"NO_COLOR": ""}, False),
        (("--color",), {}, True),
        (("--color", "always"), {"NO_COLOR": "1"}, True),
        (("--color", "never"), {"FORCE_COLOR": "1"}, False),
        (("--color", "auto"), {"FORCE_COLOR": "1"}, True),
        (("--no-color",), {"FORCE_COLOR": "1"}, False),
    ],
)
def test_colour_conventions(
    tmp_path: Path, args: tuple[str, ...], env: dict[str, str], coloured: bool
) -> None:
    clean = {"NO_COLOR": "", "FORCE_COLOR": "", **env}
    out = lint(tmp_path, *args, env=clean)
    assert (ESC in out) is coloured


def test_force_color_through_a_real_pipe(tmp_path: Path) -> None:
    env = {**os.environ, "FORCE_COLOR": "1"}
    env.pop("NO_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-m", "advisor", "lint", str(sql_file(tmp_path))],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1 and ESC in done.stdout


def test_concise_is_one_line_per_finding(tmp_path: Path) -> None:
    out = lint(tmp_path, "--format", "concise")
    path = (tmp_path / "a.sql").as_posix()
    assert out.splitlines() == [
        f"{path}:1:8: RS-Q01 `*` reads every column of t; name the columns the query needs",
        "Found 1 finding (1 low) in 1 file, 1 statement.",
    ]


def test_dsl_fixes_are_diffs_not_whole_bodies() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["lint", str(PRODUCT_SEARCH), "--no-color"])
    full = runner.invoke(cli, ["lint", str(PRODUCT_SEARCH), "--no-color", "--show-fixes"])
    lines, full_lines = result.stdout.splitlines(), full.stdout.splitlines()
    # The must -> filter move: a few changed lines, not the 40-line body.
    assert '    +    "filter": [' in lines
    assert any(line.startswith("    @@ line ") for line in lines)
    assert len(lines) < len(full_lines) - 50
    # --show-fixes: the full rewritten body, as before.
    assert '      "timeout": "2s",' in full_lines


def test_sql_fix_with_edits_is_a_diff(tmp_path: Path) -> None:
    path = tmp_path / "q.sql"
    path.write_text(
        "-- jobs done\nDELETE FROM ops.jobs\nWHERE state LIKE 'DONE';\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["lint", str(path), "--no-color", "--select", "RS-Q05"])
    lines = result.stdout.splitlines()
    assert "    @@ -2,2 +2,2 @@" in lines
    assert "    -WHERE state LIKE 'DONE';" in lines
    assert "    +WHERE state = 'DONE';" in lines


def test_output_into_a_missing_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["lint", str(sql_file(tmp_path)), "-o", str(tmp_path / "nope" / "r.txt")]
    )
    assert result.exit_code == 2
    assert f"the folder {tmp_path / 'nope'} does not exist" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", "--dsn", "host=127.0.0.1 port=1", "-o", "{missing}/r.json"],
        ["analyze", "--dsn", "host=127.0.0.1 port=1", "--save-snapshot", "{missing}/s.json"],
        ["snapshot", "--dsn", "host=127.0.0.1 port=1", "-o", "{missing}/s.json"],
        ["analyze", "--dsn", "host=127.0.0.1 port=1", "--baseline", "{missing}/b.json",
         "--update-baseline"],
    ],
)  # fmt: skip
def test_a_missing_output_folder_is_named_before_anything_is_read(
    tmp_path: Path, args: list[str]
) -> None:
    """A live read can take minutes: a target it could never write is refused first."""
    missing = tmp_path / "nope"
    result = CliRunner().invoke(cli, [a.format(missing=missing) for a in args])
    assert result.exit_code == 2
    assert f"the folder {missing} does not exist" in result.output
    assert "read" not in result.stderr.replace(f"{missing}", "")
    assert "connection" not in result.output


@pytest.mark.parametrize(
    "args", [["rule", "RS-Q01"], ["rules"], ["lint", "--format", "json"], ["--help"]]
)
def test_closed_pipe_exits_quietly(tmp_path: Path, args: list[str]) -> None:
    if args[0] == "lint":
        big = tmp_path / "big.sql"
        big.write_text("SELECT * FROM t;\n" * 3000, encoding="utf-8")
        args = [*args, str(big)]
    command = " ".join([f"'{sys.executable}'", "-m", "advisor", *args]) + " | head -1"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, check=False
    )
    assert done.stderr == ""
    assert done.returncode in (0, 1) if args[0] == "lint" else done.returncode == 0
    assert "internal error" not in done.stderr


def test_counts_in_words(tmp_path: Path) -> None:
    out = lint(tmp_path, "--no-color")
    assert out.splitlines()[-1] == "Found 1 finding (1 low) in 1 file, 1 statement."


def test_counts_of_errors_take_the_plural(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sql"
    bad.write_text("SELECT a FROM t WHERE;\nSELECT FROM WHERE x = ;\n", encoding="utf-8")
    for fmt, expected in [
        ("text", "Found 2 findings (2 errors) in 1 file, 2 statements."),
        ("markdown", "## advisor: 2 findings in 1 file"),
        ("github", "advisor: 2 findings in 1 file"),
    ]:
        result = CliRunner().invoke(cli, ["lint", str(bad), "--format", fmt, "--no-color"])
        assert result.exit_code == 1, result.output
        assert expected in result.stdout.splitlines(), fmt
    one = tmp_path / "one.sql"
    one.write_text("SELECT a FROM t WHERE;\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", str(one), "--no-color"])
    assert result.stdout.splitlines()[-1] == "Found 1 finding (1 error) in 1 file, 1 statement."


def test_f_is_short_for_format(tmp_path: Path) -> None:
    snapshot = str(ROOT / "examples" / "postgres" / "snapshot.json")
    for args in (
        ["lint", str(sql_file(tmp_path)), "-f", "concise"],
        ["analyze", "--snapshot", snapshot, "-f", "concise"],
        ["explain", str(ROOT / "examples/redshift/plans/hash_join_broadcast.txt"), "-f", "concise"],
    ):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, (args, result.output)
        first = result.stdout.splitlines()[0]
        assert ": " in first and " [" not in first, (args, first)

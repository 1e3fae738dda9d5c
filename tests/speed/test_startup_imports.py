"""`advisor lint` of one small file imports only what linting needs: the TUI, the live-system
clients and the report formats it does not print are loaded when a command asks for them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# What the text report of `lint` itself uses.
# The text format, its fix diffs, and the system:// place of a live finding without a file.
TEXT_REPORT = ("advisor.report.text", "advisor.report.fix_diff", "advisor.report.logical")
HEAVY = ("textual", "psycopg", "opensearchpy", "rich", "jinja2", "networkx", "tomllib")


def _imported(code: str, cwd: Path) -> list[str]:
    probe = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert done.returncode in (0, 1), done.stderr
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def _heavy(modules: list[str]) -> list[str]:
    return [
        m
        for m in modules
        if m.split(".")[0] in HEAVY
        or (
            m.startswith(("advisor.tui", "advisor.report.", "multiprocessing"))
            and m not in TEXT_REPORT
        )
    ]


def test_cli_module_imports_nothing_heavy(tmp_path: Path) -> None:
    assert _heavy(_imported("import advisor.cli", tmp_path)) == []


def test_lint_of_one_file_imports_nothing_heavy(tmp_path: Path) -> None:
    (tmp_path / "one.sql").write_text("select a from t where b = 1;\n")
    code = (
        "from advisor.cli import cli\n"
        "try:\n"
        "    cli.main(['lint', '-j', '1', '--no-cache', 'one.sql'], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    assert _heavy(_imported(code, tmp_path)) == []


# The fix verifiers, the costing of findings and the live systems' models: only for the runs
# that ask for them (`--verify-fixes`, `--min-impact`, a history, a scan estimate).
NOT_FOR_PLAIN_LINT = (
    "advisor.verify_os",
    "advisor.verify_pg",
    "advisor.impact",
    "advisor.model_opensearch",
    "advisor.model_redshift",
)


def test_lint_of_one_file_imports_no_verifier_or_costing(tmp_path: Path) -> None:
    (tmp_path / "one.sql").write_text("SELECT order_id FROM sales.orders WHERE status = 'open';\n")
    code = (
        "from advisor.cli import cli\n"
        "try:\n"
        "    cli.main(['lint', '--no-cache', 'one.sql'], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    imported = _imported(code, tmp_path)
    assert [m for m in NOT_FOR_PLAIN_LINT if m in imported] == []


def test_the_option_constants_repeat_the_verifiers_own() -> None:
    from advisor import cli_verify, cli_verify_pg, verify_os, verify_pg

    assert cli_verify.DEFAULT_LIMIT == verify_os.DEFAULT_LIMIT
    assert cli_verify_pg.EXTENSIONS == verify_pg.EXTENSIONS

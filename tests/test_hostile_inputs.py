"""Seventeen small hostile files through `advisor lint`, each on its own: every one ends with
findings or "No findings", exit 0 or 1, never an internal error, and all of them in under 3 s."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli import cli

DEEP_BOOL = '{"bool": {"must": [' * 20_000 + '{"term": {"a": 1}}' + "]}}" * 20_000
HOSTILE: dict[str, bytes] = {
    "blank.json": b" \n\t" * 30_000,
    "digits.json": b'{"size": ' + b"9" * 5000 + b', "query": {"match_all": {}}}',
    "digits.osq": b'GET x/_search\n{"from": -' + b"1" * 5000 + b"}\n",
    "deep-bool.json": ('{"query": ' + DEEP_BOOL + "}").encode(),
    "deep-array.osq": b"GET x/_search\n" + b"[" * 60_000 + b"]" * 60_000 + b"\n",
    "unterminated-comment.sql": b"/* never closed\nSELECT 1;\n",
    "nested-comments.sql": b"/*" * 20_000 + b"*/" * 19_999 + b"\nSELECT 1;",
    "utf16.sql": "SELECT * FROM t;".encode("utf-16"),
    "latin1.sql": b"SELECT 'caf\xe9' FROM t;",
    "binary.sql": bytes(range(256)) * 8,
    "long-line.sql": b"SELECT " + b", ".join(b"c%d" % i for i in range(10_000)) + b" FROM t;",
    "parens.sql": b"SELECT " + b"(" * 3000 + b"1" + b")" * 3000 + b";",
    "dollar.sql": b"CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1;",
    "quotes.sql": b"SELECT '" + b"''" * 50_000 + b";",
    "triple.osq": b'GET x/_search\n{"script": {"source": """' + b"a" * 50_000 + b"\n",
    "pairs.ndjson": b'{"index": "a"}\n' * 2000 + b"{\n",
    "control\x1bchars.sql": b"SELECT \x1b[2J * FROM t;\r\n\x00",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    for name, data in HOSTILE.items():
        (root / name).write_bytes(data)
    return root


def test_there_are_seventeen() -> None:
    assert len(HOSTILE) == 17


def test_each_hostile_file_ends_quickly_without_an_internal_error(folder: Path) -> None:
    runner = CliRunner()
    # CPU time of this process (the runner lints in-process): a hang or a blow-up shows in it,
    # while a machine loaded by other work does not. Wall time only guards against a sleep.
    started, wall = time.process_time(), time.perf_counter()
    outcomes = {}
    for name in HOSTILE:
        result = runner.invoke(cli, ["lint", str(folder / name), "--no-color", "--format", "json"])
        outcomes[name] = result.exit_code
        assert result.exit_code in (0, 1), (name, result.output[-300:])
        assert "internal error" not in result.output, name
        assert len(result.output) < 50_000, name
    took = time.process_time() - started
    assert took < 3.0, f"{took:.1f} s of CPU for {len(HOSTILE)} files: {outcomes}"
    assert time.perf_counter() - wall < 60.0, outcomes


DEEP_PLAN = "".join(
    " " * (2 * i) + "->  XN Hash Join DS_DIST_NONE  (cost=0.00..1.00 rows=1 width=4)\n"
    for i in range(400)
)
BAD_FILES: dict[str, tuple[list[str], bytes, str]] = {
    "deep plan": (["explain"], DEEP_PLAN.encode(), "plan nested deeper than 200 operators"),
    "cost digits": (
        ["explain"],
        b"XN Seq Scan on t  (cost=0.00..1.00 rows=" + b"9" * 5000 + b" width=4)\n",
        "no EXPLAIN plan in",
    ),
    "cost dots": (
        ["explain"],
        b"XN Seq Scan on t  (cost=1.2.3..4 rows=1 width=4)\n",
        "no EXPLAIN plan in",
    ),
    "deep result": (["report"], b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "digits result": (["report"], b'{"findings": ' + b"9" * 5000 + b"}", "digits"),
    "deep snapshot": (
        ["analyze", "--snapshot"],
        b"[" * 100_000 + b"]" * 100_000,
        "nested too deeply",
    ),
    "digits snapshot": (
        ["whatif", "--even", "a.b", "--snapshot"],
        b"9" * 5000,
        "not a JSON snapshot",
    ),
    "text snapshot": (["whatif", "--even", "a.b", "--snapshot"], b"hello", "not a JSON snapshot"),
    "unterminated explain": (
        ["analyze", "--dsn", "postgresql://u@127.0.0.1:1/x", "--explain"],
        b"select 1;\nselect '",
        "connection failed",
    ),
    "utf-16 plan": (["explain"], "XN Seq Scan".encode("utf-16"), "not valid UTF-8"),
    "deep baseline": (
        ["lint", "--select", "RS-Q01", "{here}/a.sql", "--baseline"],
        b"[" * 100_000 + b"]" * 100_000,
        "nested too deeply",
    ),
    "digits baseline": (
        ["lint", "--select", "RS-Q01", "--baseline"],
        b"9" * 5000,
        "not valid JSON",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_bad_plan_result_and_snapshot_files_have_their_own_message(
    case: str, tmp_path: Path
) -> None:
    args, data, message = BAD_FILES[case]
    target = tmp_path / "input.txt"
    target.write_bytes(data)
    (tmp_path / "a.sql").write_text("SELECT 1;\n", encoding="utf-8")
    named = [a.replace("{here}", str(tmp_path)) for a in args]
    result = CliRunner().invoke(cli, [*named, str(target)])
    assert "internal error" not in result.output
    assert message in result.output, result.output[-300:]
    assert result.exit_code in (0, 2)

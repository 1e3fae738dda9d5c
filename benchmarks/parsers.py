"""Time of every parser as its input doubles: linear parsers double their time.

    python benchmarks/parsers.py            # sizes 1x, 2x, 4x, 8x of each input shape
    python benchmarks/parsers.py --scale 4  # larger inputs

Each row is one input shape that once made a reader super-linear (a file of blanks, one long
line, deep nesting, a long array, many broken NDJSON lines, long strings and comments, deep
plans, deep mappings). The last column is the ratio of the time at 8x to the time at 4x: about
2 for linear work, about 4 for quadratic. The script exits 1 when a ratio passes `--max-ratio`.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import contextlib

from advisor.dsl.jsonpos import JsonError, parse, read_value
from advisor.dsl.mapping import load_mapping
from advisor.dsl.reader import read_requests
from advisor.model import Limits, SourceText
from advisor.sql.dialect import parse_one
from advisor.sql.explain import ExplainError, parse_plans
from advisor.sql.parse import parse_source
from advisor.sql.split import split_statements

_NO_LIMITS = Limits(
    max_file_bytes=10**12,
    max_statement_bytes=10**12,
    max_statements=10**9,
    max_json_depth=10**9,
    max_dsl_clauses=10**12,
)


def _json(text: str, console: bool = False) -> None:
    with contextlib.suppress(JsonError):
        read_value(text, console=console, max_depth=10**9)


def _json_positions(text: str) -> None:
    with contextlib.suppress(JsonError):
        parse(text, max_depth=10**9)


def _requests(name: str) -> Callable[[str], None]:
    def read(text: str) -> None:
        read_requests(SourceText.of(name, text), _NO_LIMITS)

    return read


def _split(text: str) -> None:
    split_statements(SourceText.of("f.sql", text))


def _sql(text: str) -> None:
    parse_source(SourceText.of("f.sql", text), parse_one, "redshift", _NO_LIMITS)


def _explain(text: str) -> None:
    with contextlib.suppress(ExplainError):
        parse_plans(text, "p.txt")


def _mapping(text: str) -> None:
    load_mapping(json.loads(text))


def _deep_bool(n: int) -> str:
    return '{"query": ' + '{"bool": {"must": [' * (n // 4) + "{}" + "]}}" * (n // 4) + "}"


def _long_select(n: int) -> str:
    return "SELECT " + ", ".join(f"c{i}" for i in range(n // 4)) + " FROM t;"


def _fields(n: int) -> str:
    return json.dumps({"properties": {f"f{i}": {"type": "keyword"} for i in range(n // 4)}})


_PLAN_LINE = "XN Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)\n"
_REQUEST = 'GET a/_search\n{"size": 1}\n'

# (name, reader, input of size n): n is about the number of repeated units.
SHAPES: list[tuple[str, Callable[[str], None], Callable[[int], str]]] = [
    ("json: blanks only (console)", lambda t: _json(t, True), lambda n: " " * (n * 50)),
    ("json: blanks only (strict)", _json_positions, lambda n: "\n" * (n * 50)),
    ("json: long array", _json_positions, lambda n: "[" + ",".join(['"abcdefgh"'] * n) + "]"),
    ("json: deep nesting", _json_positions, lambda n: "[" * n + "]" * n),
    ("json: unterminated string", _json_positions, lambda n: '"' + "a" * (n * 20)),
    ("json: unterminated comment", lambda t: _json(t, True), lambda n: "/*" + " " * (n * 20)),
    ("request: deep bool", _requests("q.json"), _deep_bool),
    ("request: broken ndjson lines", _requests("q.ndjson"), lambda n: '{"q\n' * (n // 2)),
    ("request: console requests", _requests("q.osq"), lambda n: _REQUEST * (n // 20)),
    ("request: comment lines", _requests("q.osq"), lambda n: "# note\n" * n + _REQUEST),
    ("sql split: statements", _split, lambda n: "SELECT a FROM t WHERE b = 'x';\n" * n),
    ("sql split: one line of statements", _split, lambda n: "SELECT 1;" * (n * 4)),
    ("sql split: one long string", _split, lambda n: "SELECT '" + "a''b" * (n * 5) + "';"),
    ("sql split: blanks", _split, lambda n: " \n" * (n * 20)),
    ("sql split: nested comments", _split, lambda n: "/*" * n + "*/" * n + "SELECT 1;"),
    ("sql parse: statements", _sql, lambda n: "SELECT a, b FROM s.t WHERE c = 1;\n" * (n // 20)),
    ("sql parse: one long line", _sql, _long_select),
    ("explain: plan lines", _explain, lambda n: _PLAN_LINE * (n // 10)),
    ("explain: text lines", _explain, lambda n: "some text that is not a plan\n" * (n // 4)),
    ("explain: trailer of blanks", _explain, lambda n: _PLAN_LINE + "--- " + " " * n + "x\n"),
    ("mapping: many fields", _mapping, _fields),
]


def measure(reader: Callable[[str], None], text: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        reader(text)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1, help="multiply every input size")
    parser.add_argument("--base", type=int, default=5_000, help="units at 1x")
    parser.add_argument("--max-ratio", type=float, default=3.0)
    args = parser.parse_args()
    logging.getLogger("sqlglot").setLevel(logging.ERROR)
    sizes = [args.base * args.scale * m for m in (1, 2, 4, 8)]
    print(f"{'input':32} " + " ".join(f"{s:>9}" for s in sizes) + "   8x/4x")
    worst = 0.0
    for name, reader, build in SHAPES:
        times = [measure(reader, build(size)) for size in sizes]
        ratio = times[-1] / max(times[-2], 1e-6)
        worst = max(worst, ratio if times[-1] > 0.01 else 0.0)
        cells = " ".join(f"{t * 1000:8.1f}ms" for t in times)
        print(f"{name:32} {cells}   {ratio:5.2f}", flush=True)
    print(f"worst ratio over 10 ms: {worst:.2f}")
    sys.exit(1 if worst > args.max_ratio else 0)


if __name__ == "__main__":
    main()

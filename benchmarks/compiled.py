"""Parse time of the routed parser: fast-path statements on sqlglot's compiled build.

    python benchmarks/compiled.py --compiled-python PATH [--statements 100000] [--rounds 1]

`PATH` is the Python of a separate environment with `sqlglot[c]` (sqlglot plus its compiled
sqlglotc overlay) at the version the project pins: the compiled build refuses the Python
subclasses our dialect is made of, so both builds cannot serve one process. The script
generates the lint benchmark's workload (`benchmarks/lint.py`) up to `--statements`
statements, splits it, and times parsing every statement, in-process and without start-up:

- before: every statement with our dialect (pure-Python sqlglot);
- routed, pure: `advisor.sql.route.parse_one` in this environment;
- fast path, compiled: the statements `advisor.sql.route.fast_path` accepts, with sqlglot's
  Redshift dialect in the compiled environment; slow path, pure: the others, with ours;
- after: fast path compiled + slow path pure, the routed parser's time once both builds
  can serve one process; and the compiled floor: every statement, stock dialect, compiled,
  errors ignored as in `benchmarks/raw_sqlglot.py`.

It also checks that the compiled build gives every fast-path statement the tree our dialect
gives it (serde dumps compared by digest). Without `--compiled-python` only the pure-Python
figures and the fast-path share are printed.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import logging
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlglot import exp
from sqlglot.errors import ParseError

from advisor.model import SourceText
from advisor.sql import dialect, route
from advisor.sql.parse import parse_source

sys.path.insert(0, str(Path(__file__).parent))
from lint import generate

# Run by the compiled environment's Python: time sqlglot's Redshift dialect over the texts in
# argv[1] (repeated argv[2] times), then write the digest of each tree's serde dump to argv[3].
# With argv[4] == "floor", errors are ignored as in benchmarks/raw_sqlglot.py (the floor).
COMPILED = r"""
import hashlib, json, logging, sys, time
import sqlglot.parser
from sqlglot.dialects.redshift import Redshift
from sqlglot.errors import ErrorLevel
if not sqlglot.parser.__file__.endswith(".so"):
    sys.exit("this Python's sqlglot is not the compiled build: install sqlglot[c]")
logging.getLogger("sqlglot").setLevel(logging.ERROR)
texts = json.load(open(sys.argv[1], encoding="utf-8"))
stock = Redshift()
level = ErrorLevel.IGNORE if sys.argv[4] == "floor" else ErrorLevel.RAISE

def parse(sql):
    try:
        return stock.parse(sql, error_level=level)
    except Exception:
        return None

times = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    for sql in texts:
        parse(sql)
    times.append(time.perf_counter() - start)
digests = []
for sql in texts:
    trees = [t for t in parse(sql) or [] if t is not None]
    dump = json.dumps(trees[0].dump(), sort_keys=True, default=str) if len(trees) == 1 else ""
    digests.append(hashlib.sha1(dump.encode()).hexdigest() if dump else "")
json.dump({"version": sqlglot.__version__, "times": times, "digests": digests},
          open(sys.argv[3], "w", encoding="utf-8"))
"""


def statements(count: int, folder: Path) -> list[str]:
    generate(folder, max(1, count // 12 + 1))
    texts: list[str] = []
    for path in sorted(folder.glob("*.sql")):
        source = SourceText.of(str(path), path.read_text(encoding="utf-8"))
        texts += [s.text for s in parse_source(source, _no_tree, "redshift").statements]
    return texts[:count]


def _no_tree(_: str) -> exp.Expr:
    raise ParseError("only split")


def timed(parse: Callable[[str], object], texts: list[str]) -> float:
    start = time.perf_counter()
    for sql in texts:
        with contextlib.suppress(ParseError):
            parse(sql)
    return time.perf_counter() - start


def compiled(python: str, texts: list[str], rounds: int, tmp: Path, mode: str) -> dict[str, Any]:
    src, out = tmp / "texts.json", tmp / "out.json"
    src.write_text(json.dumps(texts), encoding="utf-8")
    done = subprocess.run(
        [python, "-c", COMPILED, str(src), str(rounds), str(out), mode],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"compiled run failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


def digest(sql: str) -> str:
    try:
        tree = dialect.parse_one(sql)
    except ParseError:
        return ""
    return hashlib.sha1(json.dumps(tree.dump(), sort_keys=True, default=str).encode()).hexdigest()


def main() -> None:
    logging.getLogger("sqlglot").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--compiled-python", help="Python of an environment with sqlglot[c]")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        (tmp / "sql").mkdir()
        texts = statements(args.statements, tmp / "sql")
        fast = [s for s in texts if route.fast_path(s)]
        slow = [s for s in texts if not route.fast_path(s)]
        chars = sum(map(len, fast)) / max(sum(map(len, texts)), 1)
        print(
            f"{len(texts)} statements; fast path {len(fast)} = {len(fast) / len(texts):.1%} "
            f"of statements, {chars:.1%} of their text"
        )
        runs: dict[str, list[float]] = {
            "before: all, our dialect (pure)": [],
            "routed, pure": [],
            "slow path, our dialect (pure)": [],
        }
        for warm in texts[:200]:  # builds both dialects' tables; not counted
            timed(dialect.parse_one, [warm])
            timed(route.parse_one, [warm])
        jobs = [
            ("before: all, our dialect (pure)", dialect.parse_one, texts),
            ("routed, pure", route.parse_one, texts),
            ("slow path, our dialect (pure)", dialect.parse_one, slow),
        ]
        for round_no in range(args.rounds):  # rotated, so that noise hits each in turn
            for label, parse, some in jobs[round_no % 3 :] + jobs[: round_no % 3]:
                runs[label].append(timed(parse, some))
        medians = {k: statistics.median(v) for k, v in runs.items()}
        before = medians["before: all, our dialect (pure)"]
        if args.compiled_python:
            on_fast = compiled(args.compiled_python, fast, args.rounds, tmp, "routed")
            on_all = compiled(args.compiled_python, texts, args.rounds, tmp, "floor")
            medians["fast path, stock dialect (compiled)"] = statistics.median(
                t for t in on_fast["times"]
            )
            medians["floor: all, stock, errors ignored (compiled)"] = statistics.median(
                t for t in on_all["times"]
            )
            medians["after: fast compiled + slow pure"] = (
                medians["fast path, stock dialect (compiled)"]
                + medians["slow path, our dialect (pure)"]
            )
        print(f"parse time, medians of {args.rounds} round(s), in-process:")
        for label, seconds in medians.items():
            print(f"  {label:46s} {seconds:8.2f} s  {before / seconds:5.2f}x of before")
        if args.compiled_python:
            after = medians["after: fast compiled + slow pure"]
            floor = medians["floor: all, stock, errors ignored (compiled)"]
            print(
                f"before / after: {before / after:.2f}x; "
                f"after / compiled floor: {after / floor:.2f}x"
            )
            theirs = on_fast["digests"]
            ours = [digest(s) for s in fast]
            differ = sum(a != b for a, b in zip(ours, theirs, strict=True))
            print(
                f"compiled sqlglot {on_fast['version']}: {len(fast) - differ}/{len(fast)} "
                f"fast-path trees equal to our dialect's, {differ} differ"
            )


if __name__ == "__main__":
    main()

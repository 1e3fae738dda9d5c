"""Lint throughput: `advisor lint` against raw sqlglot parsing (our floor) and SQLFluff.

Usage (from the repository root, with the dev and bench extras installed):

    python benchmarks/lint.py                 # public corpus + generated workload, 5 rounds
    python benchmarks/lint.py --rounds 3 --no-sqlfluff
    python benchmarks/lint.py --corpus path/to/sql --corpus other/folder

Each tool runs as a whole process (start-up included) on the same files, in turn, for several
rounds; the order is rotated every round so that a noisy neighbour does not always hit the same
tool. Medians are printed with their ratios. It also prints the share of statements our dialect
parses into typed trees and the count of findings per rule on the corpus.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = ROOT.parent / "shared" / "corpora" / "sqlfluff"
RAW = Path(__file__).with_name("raw_sqlglot.py")


def generate(folder: Path, files: int, seed: int = 7) -> None:
    """A deterministic Redshift workload: DDL, loads, maintenance and reporting queries."""
    rng = random.Random(seed)
    dims = ["customer", "product", "store", "region", "channel", "campaign"]
    for n in range(files):
        fact = f"sales.fact_{n % 17}"
        lines = [f"-- generated job {n}", "BEGIN;"]
        cols = ", ".join(f"{d}_id BIGINT ENCODE az64" for d in dims[: rng.randint(2, 6)])
        lines.append(
            f"CREATE TABLE IF NOT EXISTS {fact}_{n} (id BIGINT NOT NULL, sold_at TIMESTAMP, "
            f"{cols}, amount DECIMAL(12,2), note VARCHAR({rng.choice([64, 256, 4000])})) "
            f"DISTKEY(id) COMPOUND SORTKEY(sold_at, id);"
        )
        lines.append(
            f"COPY {fact}_{n} FROM 's3://bucket/{n}/' IAM_ROLE 'arn:aws:iam::1:role/r' "
            "FORMAT AS CSV GZIP IGNOREHEADER 1;"
        )
        for q in range(rng.randint(3, 8)):
            dim = rng.choice(dims)
            lines.append(
                f"SELECT d.{dim}_name, DATE_TRUNC('day', f.sold_at) AS day, "
                f"SUM(f.amount) AS total, COUNT(DISTINCT f.id) AS n "
                f"FROM {fact}_{n} f JOIN sales.dim_{dim} d "
                f"ON d.{dim}_id = f.{dim}_id WHERE f.sold_at >= DATEADD(day, -{q + 1}, GETDATE()) "
                f"GROUP BY 1, 2 ORDER BY 3 DESC LIMIT {rng.randint(10, 100)};"
            )
        lines.append(f"DELETE FROM {fact}_{n} WHERE sold_at < '2020-01-01';")
        lines.append("COMMIT;")
        lines.append(f"VACUUM DELETE ONLY {fact}_{n};")
        lines.append(f"ANALYZE {fact}_{n} PREDICATE COLUMNS;")
        (folder / f"job_{n:04d}.sql").write_text("\n".join(lines) + "\n", encoding="utf-8")


def sql_files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out.extend(sorted(p.rglob("*.sql")) if p.is_dir() else [p])
    return out


# Measure what users run: with Python's bytecode cache on, whatever this shell says.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, env=ENV)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{cmd[0]} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed


def corpus_facts(files: list[Path]) -> tuple[int, int, int, int]:
    """(statements, typed, tuning-relevant, tuning-relevant typed) by our dialect."""
    from advisor.engine import read_sql_file
    from advisor.sql.coverage import classify, tuning_relevant
    from advisor.sql.dialect import is_typed

    total = typed = relevant = relevant_typed = 0
    for file in files:
        parsed = read_sql_file(file, "redshift").parsed
        if parsed is None:
            continue
        for stmt in parsed.statements:
            total += 1
            ok = stmt.tree is not None and is_typed(stmt.tree)
            typed += ok
            if tuning_relevant(classify(stmt.tree)):
                relevant += 1
                relevant_typed += ok
    return total, typed, relevant, relevant_typed


def findings_per_rule(paths: list[Path]) -> Counter[str]:
    done = subprocess.run(
        [sys.executable, "-m", "advisor", "lint", "--format", "json", "--exit-zero"]
        + [str(p) for p in paths],
        capture_output=True,
        text=True,
        check=True,
    )
    return Counter(f["rule_id"] for f in json.loads(done.stdout)["findings"])


def main() -> None:
    logging.getLogger("sqlglot").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="SQL file or folder")
    parser.add_argument("--generated", type=int, default=150, help="generated files to add")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-sqlfluff", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        paths = list(args.corpus or [])
        if not paths:
            if (PUBLIC / "redshift").is_dir():
                paths.append(PUBLIC / "redshift")
            else:
                print(f"note: public corpus not found at {PUBLIC}; using generated files only")
        if args.generated:
            generate(Path(tmp), args.generated)
            paths.append(Path(tmp))
        files = sql_files(paths)
        total, typed, relevant, relevant_typed = corpus_facts(files)
        print(f"corpus: {len(files)} files, {total} statements")
        print(
            f"typed parse (our dialect): {typed}/{total} = {typed / max(total, 1):.1%} of all; "
            f"{relevant_typed}/{relevant} = {relevant_typed / max(relevant, 1):.1%} of the "
            "statements that matter for tuning"
        )

        names = [str(p) for p in paths]
        tools = {
            "advisor lint": [sys.executable, "-m", "advisor", "lint", "-q", "--exit-zero", *names],
            "raw sqlglot": [sys.executable, str(RAW), *names],
        }
        if not args.no_sqlfluff:
            tools["sqlfluff lint"] = [
                sys.executable, "-m", "sqlfluff", "lint", "--dialect", "redshift",
                "--processes", "1", "--disable-progress-bar", "--nofail", *names,
            ]  # fmt: skip
        times: dict[str, list[float]] = {name: [] for name in tools}
        order = list(tools)
        for cmd in tools.values():  # warm-up: fills the bytecode caches, not counted
            timed(cmd)
        for round_no in range(args.rounds):
            for name in order[round_no % len(order) :] + order[: round_no % len(order)]:
                times[name].append(timed(tools[name]))
        medians = {name: statistics.median(ts) for name, ts in times.items()}
        print(f"\nwhole-process medians over {args.rounds} rounds ({total} statements):")
        for name, median in medians.items():
            rate = total / median
            spread = f"{min(times[name]):.2f}-{max(times[name]):.2f}s"
            print(f"  {name:14s} {median:7.3f}s  {rate:9.0f} statements/s  (range {spread})")
        ours = medians["advisor lint"]
        print(
            f"\nadvisor lint vs raw sqlglot parse: {medians['raw sqlglot'] / ours:.2f}x "
            "(1.00 = as fast as the floor)"
        )
        if "sqlfluff lint" in medians:
            fluff = medians["sqlfluff lint"]
            print(f"advisor lint vs sqlfluff lint:    {fluff / ours:.1f}x faster")
            print(
                f"raw sqlglot vs sqlfluff lint:     "
                f"{medians['sqlfluff lint'] / medians['raw sqlglot']:.1f}x faster"
            )

        print("\nfindings per rule on this corpus:")
        for rule_id, count in sorted(findings_per_rule(paths).items()):
            print(f"  {rule_id:8s} {count}")


if __name__ == "__main__":
    main()

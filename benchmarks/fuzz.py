"""A fuzzing campaign over every parser and the whole `lint` pipeline, for as long as you like.

    python benchmarks/fuzz.py --minutes 60            # mutate the seed corpus for an hour
    python benchmarks/fuzz.py --minutes 5 --seed 7    # a reproducible short run

Inputs are the seed corpus (`tests/fuzz/corpus/`) mutated the ways that have broken linters
before: bytes flipped, inserted and deleted, pieces spliced from other seeds, runs repeated
thousands of times, brackets and comment openers nested deep, digits grown long, blanks
multiplied. Each input goes through the SQL splitter and parser, the JSON reader, the request
reader, the EXPLAIN parser, the mapping loader and `Engine.lint_paths`. An input that raises,
or takes longer than `--slow` seconds, is a crasher: it is written to `tests/fuzz/crashers/`,
where `tests/fuzz/test_crashers.py` keeps it as a regression test. The hypothesis properties
of `tests/fuzz/test_properties.py` run afterwards with `--examples` examples each.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import logging
import os
import random
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from advisor.config import Config  # noqa: E402
from advisor.dsl.jsonpos import JsonError, parse  # noqa: E402
from advisor.dsl.mapping import load_mapping  # noqa: E402
from advisor.dsl.reader import read_requests  # noqa: E402
from advisor.engine import Engine  # noqa: E402
from advisor.model import SourceText  # noqa: E402
from advisor.sql.dialect import parse_one  # noqa: E402
from advisor.sql.explain import ExplainError, parse_plans  # noqa: E402
from advisor.sql.parse import parse_source  # noqa: E402

CORPUS = ROOT / "tests" / "fuzz" / "corpus"
CRASHERS = ROOT / "tests" / "fuzz" / "crashers"
_OPENERS = [b"(", b"[", b"{", b"/*", b'{"bool": {"must": [', b"'", b'"', b"$$", b"-- ", b"\n"]


def mutate(data: bytes, seeds: list[bytes], rng: random.Random) -> bytes:
    """One to four mutations of `data`, chosen among the shapes hostile input takes."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(8)
        at = rng.randrange(len(out) + 1)
        if kind == 0 and out:
            out[min(at, len(out) - 1)] = rng.randrange(256)
        elif kind == 1:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif kind == 2 and out:
            del out[at : at + rng.randint(1, 32)]
        elif kind == 3:
            other = rng.choice(seeds)
            lo = rng.randrange(len(other) + 1)
            out[at:at] = other[lo : lo + rng.randint(1, 200)]
        elif kind == 4 and out:
            piece = bytes(out[at : at + rng.randint(1, 16)]) or b" "
            out[at:at] = piece * rng.choice([10, 1000, 20_000])
        elif kind == 5:
            out[at:at] = rng.choice(_OPENERS) * rng.choice([100, 5_000, 60_000])
        elif kind == 6:
            out[at:at] = b"9" * rng.choice([20, 400, 5_000])
        else:
            out[at:at] = rng.choice([b" ", b"\t", b"\r\n", b"\xef\xbb\xbf"]) * rng.choice(
                [1, 10_000]
            )
    return bytes(out)


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _sql(data: bytes) -> None:
    parse_source(SourceText.of("f.sql", _text(data)), parse_one, "redshift")


def _json(data: bytes) -> None:
    for console in (False, True):
        with contextlib.suppress(JsonError):
            parse(_text(data), console=console)


def _requests(data: bytes) -> None:
    for name in ("f.osq", "f.json", "f.ndjson"):
        read_requests(SourceText.of(name, _text(data)))


def _explain(data: bytes) -> None:
    with contextlib.suppress(ExplainError):
        parse_plans(_text(data), "p.txt")


def _mapping(data: bytes) -> None:
    try:
        value = parse(_text(data)).value
    except JsonError:
        return
    load_mapping(value)


def _lint(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"input{suffix}"
        target.write_bytes(data)
        Engine(Config(root=Path(folder)), lint=True).lint_paths([target])


TARGETS: dict[str, Callable[[bytes], None]] = {
    "sql": _sql,
    "json": _json,
    "requests": _requests,
    "explain": _explain,
    "mapping": _mapping,
}


def run(minutes: float, seed: int, slow: float) -> tuple[int, int]:
    rng = random.Random(seed)
    files = sorted(p for p in CORPUS.iterdir() if p.is_file())
    seeds = [p.read_bytes() for p in files]
    deadline = time.monotonic() + minutes * 60
    runs = crashes = 0
    while time.monotonic() < deadline:
        index = rng.randrange(len(files))
        data = mutate(seeds[index], seeds, rng)
        suffix = files[index].suffix
        for name, target in [*TARGETS.items(), ("lint", None)]:
            started = time.monotonic()
            try:
                if target is None:
                    _lint(data, suffix)
                else:
                    target(data)
                problem = None
            except Exception:
                problem = traceback.format_exc(limit=3)
            took = time.monotonic() - started
            runs += 1
            if problem is not None or took > slow:
                crashes += 1
                digest = hashlib.sha256(data).hexdigest()[:12]
                path = CRASHERS / f"{name}-{digest}{suffix}"
                path.write_bytes(data)
                why = problem.strip().splitlines()[-1] if problem else f"{took:.1f} s"
                print(f"crasher: {path.name}: {why}", flush=True)
        if runs % 600 < len(TARGETS) + 1:
            print(f"{runs} runs, {crashes} crashers", flush=True)
    return runs, crashes


def properties(examples: int) -> int:
    """Run the hypothesis properties with `examples` examples each; returns pytest's code."""
    env = {**os.environ, "ADVISOR_FUZZ_EXAMPLES": str(examples)}
    test = ROOT / "tests" / "fuzz" / "test_properties.py"
    command = [sys.executable, "-m", "pytest", str(test), "-q", "-p", "no:cacheprovider"]
    return subprocess.call([*command, "--hypothesis-show-statistics"], cwd=ROOT, env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--slow", type=float, default=5.0, help="seconds that make a crasher")
    parser.add_argument("--examples", type=int, default=2000, help="per property; 0 skips them")
    args = parser.parse_args()
    logging.getLogger("sqlglot").setLevel(logging.ERROR)
    print(f"seed {args.seed}", flush=True)
    runs, crashes = run(args.minutes, args.seed, args.slow)
    print(f"mutation: {runs} runs, {crashes} crashers", flush=True)
    failed = properties(args.examples) if args.examples else 0
    sys.exit(1 if crashes or failed else 0)


if __name__ == "__main__":
    main()

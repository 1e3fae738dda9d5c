"""A seeded mutation fuzzer for the files the advisor reads from other machines: snapshots,
saved results and baselines.

Each case takes a real file, applies one mutation (a value of the wrong type, a huge or
negative integer, a NaN, a 400-level nesting, a missing field, a truncation, a string with
control characters or a lone surrogate) and runs the whole offline path: load, run the rules,
render every report format. A case either loads (and then must analyse and render without an
exception) or is refused with the loader's own error, naming the file; anything else is a
crash. `python tests/security/mutations.py --cases 5000` runs a longer campaign.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOTS = {
    "postgres": ROOT / "examples" / "postgres" / "snapshot.json",
    "opensearch": ROOT / "examples" / "opensearch" / "snapshot.json",
    "redshift": ROOT / "tests" / "redshift" / "data" / "emulation_snapshot.json",
}

WRONG_TYPES: tuple[Any, ...] = ("x", 1, 1.5, True, None, [], {}, [1, "a"], {"a": 1})
NUMBERS: tuple[Any, ...] = (
    0,
    -1,
    2**63,
    -(2**63) - 1,
    10**30,
    1e308,
    -1e-308,
    2**53 + 1,
)
STRINGS: tuple[str, ...] = (
    "",
    "\x1b[2J\x1b[31mred",
    "a\nb:1:1: RS-Q01 [high] forged",
    "\u202egnp.exe",
    "\ud800",
    "x" * 20_000,
    "<script>alert(1)</script>]]>`|",
)


@dataclass
class Counts:
    """What a campaign did: cases run, loaded and analysed, refused cleanly, crashed."""

    cases: int = 0
    analysed: int = 0
    refused: int = 0
    crashes: list[str] = field(default_factory=list)
    rule_errors: int = 0
    seconds: float = 0.0


def _places(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path into the document (keys and list indexes), parents before children."""
    stack = [(data, path)]
    while stack:
        node, where = stack.pop()
        yield where
        if isinstance(node, dict):
            stack.extend((v, (*where, k)) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, (*where, i)) for i, v in enumerate(node))


def _set(doc: Any, where: tuple[Any, ...], value: Any) -> Any:
    if not where:
        return value
    parent = doc
    for key in where[:-1]:
        parent = parent[key]
    parent[where[-1]] = value
    return doc


def _delete(doc: Any, where: tuple[Any, ...]) -> Any:
    if not where:
        return doc
    parent = doc
    for key in where[:-1]:
        parent = parent[key]
    del parent[where[-1]]
    return doc


def mutate(doc: Any, text: str, rng: random.Random) -> str:
    """One mutation of a document, as the text of the file to read."""
    places = list(_places(doc))
    where = rng.choice(places[1:] or places)
    kind = rng.randrange(9)
    mutated = copy.deepcopy(doc)
    if kind == 0:
        return json.dumps(_set(mutated, where, rng.choice(WRONG_TYPES)))
    if kind == 1:
        return json.dumps(_set(mutated, where, rng.choice(NUMBERS)))
    if kind == 2:
        return json.dumps(_set(mutated, where, rng.choice(STRINGS)))
    if kind == 3:
        depth = rng.choice((40, 400, 3000, 100_000))
        opener, closer = rng.choice((("[", "]"), ('{"children": ', "}")))
        deep = opener * depth + "1" + closer * depth
        return json.dumps(_set(mutated, where, "@@TOKEN@@")).replace('"@@TOKEN@@"', deep)
    if kind == 4:
        return json.dumps(_delete(mutated, where))
    if kind == 5:
        return text[: rng.randrange(len(text))]
    if kind == 6:
        token = rng.choice(("NaN", "Infinity", "-Infinity", "1" * 5000, "1e999"))
        return json.dumps(_set(mutated, where, "@@TOKEN@@")).replace('"@@TOKEN@@"', token)
    if kind == 7:  # every number of the document at once, as a hostile tool would write them

        def flip(node: Any) -> Any:
            if isinstance(node, dict):
                return {k: flip(v) for k, v in node.items()}
            if isinstance(node, list):
                return [flip(v) for v in node]
            if isinstance(node, int | float) and not isinstance(node, bool):
                return rng.choice((-node, 0, node * 10**6))
            return node

        return json.dumps(flip(mutated))
    node = mutated
    for key in where:
        node = node[key]
    if isinstance(node, list) and node:  # a list of many copies of one item
        node.extend([copy.deepcopy(node[0])] * rng.randrange(1, 50))
    return json.dumps(mutated)


def _names_the_file(path: Path, err: Exception) -> None:
    if path.as_posix() not in str(err):
        raise AssertionError(f"the error does not name the file: {err}")


def _check_snapshot(path: Path, counts: Counts) -> None:
    from advisor import live
    from advisor.config import Config
    from advisor.report import FORMATS, render
    from connectors.snapshot import SnapshotError

    config = Config()
    try:
        runs = (
            (live.load_snapshot(path), live.analyze_postgres),
            (live.load_opensearch_snapshot(path), live.analyze_opensearch),
            (live.load_redshift_snapshot(path), live.analyze_redshift),
        )
    except SnapshotError as err:
        _names_the_file(path, err)
        counts.refused += 1
        return
    counts.analysed += 1
    for run, analyze in runs:
        if run.snapshot is None:
            continue
        report = analyze(run.snapshot, config)  # type: ignore[arg-type]
        counts.rule_errors += sum(f.rule_id == "AD-004" for f in report.findings)
        for fmt in FORMATS:
            render(report, fmt, {}).encode("utf-8", "surrogateescape")


def _check_result(path: Path, counts: Counts) -> None:
    from advisor.report import FORMATS, render
    from advisor.report.json_report import ReportDataError, load_result

    try:
        report = load_result(path)
    except ReportDataError as err:
        _names_the_file(path, err)
        counts.refused += 1
        return
    counts.analysed += 1
    for fmt in FORMATS:
        render(report, fmt, {}).encode("utf-8", "surrogateescape")


def _check_baseline(path: Path, counts: Counts) -> None:
    from advisor import baseline
    from advisor.model import Report

    try:
        loaded = baseline.load(path)
    except baseline.BaselineError as err:
        _names_the_file(path, err)
        counts.refused += 1
        return
    counts.analysed += 1
    baseline.apply(Report(), loaded)


CHECKS: dict[str, Callable[[Path, Counts], None]] = {
    "snapshot": _check_snapshot,
    "result": _check_result,
    "baseline": _check_baseline,
}


def campaign(kind: str, seed_file: Path, cases: int, seed: int, folder: Path) -> Counts:
    """`cases` mutations of `seed_file` (a snapshot, result or baseline), each checked."""
    rng = random.Random(seed)
    text = seed_file.read_text(encoding="utf-8")
    doc = json.loads(text)
    counts = Counts()
    started = time.perf_counter()
    target = folder / f"{kind}-{seed_file.stem}.json"
    for number in range(cases):
        mutated = mutate(doc, text, rng)
        target.write_text(mutated, encoding="utf-8", errors="surrogatepass")
        counts.cases += 1
        try:
            CHECKS[kind](target, counts)
        except Exception as err:  # a crash: what the suite counts and reports
            counts.crashes.append(f"case {number}: {type(err).__name__}: {err}"[:300])
    counts.seconds = time.perf_counter() - started
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    crashed = 0
    with tempfile.TemporaryDirectory() as folder:
        for name, path in SNAPSHOTS.items():
            counts = campaign("snapshot", path, args.cases, args.seed, Path(folder))
            crashed += len(counts.crashes)
            print(f"{name}: {counts}")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())

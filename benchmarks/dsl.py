"""OpenSearch request reading and linting speed, typed-model coverage and findings per rule.

Usage (from the repository root):

    python benchmarks/dsl.py                          # the public corpus, 5 rounds
    python benchmarks/dsl.py path/to/requests --rounds 3

It reads every request file of the folder (console `.console`/`.osq`, `.json`, `.ndjson`) in
memory, then times, per round: reading alone (JSON decoded, the typed model built; positions are
found on demand, when a finding needs one), and reading plus every DSL rule (no mappings, so
positions are found for every request with a finding). Medians are printed, and the time of
the position-keeping JSON reader against `json.loads` on the same `.json` files. It also prints
how many bodies are not valid JSON in the corpus itself, the share of valid search bodies that
build into the typed model, the share of query clauses and aggregations of a known type, and
the count of findings per rule.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from advisor.config import Config
from advisor.dsl.jsonpos import parse
from advisor.dsl.reader import DSL_SUFFIXES, read_requests
from advisor.dsl.request import DslRequest
from advisor.engine_dsl import decode, lint_requests
from advisor.model import Finding, SourceText, TargetKind
from rules.registry import all_rules

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "opensearch"


def load(folder: Path) -> list[SourceText]:
    sources = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name.lower().endswith(DSL_SUFFIXES):
            source = decode(path.as_posix(), path.read_bytes())
            if isinstance(source, SourceText):
                sources.append(source)
    return sources


def read_all(sources: list[SourceText]) -> list[list[DslRequest]]:
    return [read_requests(source) for source in sources]


def lint_all(sources: list[SourceText]) -> list[Finding]:
    rules, config, out = all_rules(), Config(), []
    for source in sources:
        out.extend(lint_requests(read_requests(source), config, rules, {}))
    return out


def timed(rounds: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def coverage(files: list[list[DslRequest]]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for requests in files:
        for request in requests:
            counts["requests"] += 1
            if request.error is not None:
                counts["invalid_json"] += 1
                continue
            if not request.endpoint:
                counts["other_requests"] += 1
                continue
            if request.body is None:
                counts["search_without_body"] += 1
                continue
            counts["search_bodies"] += 1
            if request.search is None:
                continue
            counts["typed"] += 1
            for visit in request.search.queries():
                counts["clauses"] += 1
                counts["known_clauses"] += visit.query.known
            for agg, _ in request.search.all_aggs():
                counts["aggregations"] += 1
                counts["known_aggregations"] += agg.known
    return dict(counts)


def json_floor(sources: list[SourceText]) -> tuple[float, float]:
    """Seconds for our reader and for `json.loads` over the same valid `.json` files."""
    texts = [s.text for s in sources if s.path.endswith(".json")]
    valid = []
    for text in texts:
        try:
            json.loads(text)
            valid.append(text)
        except ValueError:
            continue
    ours = timed(3, lambda: [parse(t) for t in valid])
    stdlib = timed(3, lambda: [json.loads(t) for t in valid])
    return ours, stdlib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if not args.folder.is_dir():
        raise SystemExit(f"no such folder: {args.folder}")
    sources = load(args.folder)
    files = read_all(sources)
    stats = coverage(files)
    requests = stats.get("requests", 0)
    size = sum(len(s.text) for s in sources)
    read_s = timed(args.rounds, lambda: read_all(sources))
    lint_s = timed(args.rounds, lambda: lint_all(sources))
    findings = lint_all(sources)
    ours, stdlib = json_floor(sources)

    def share(part: str, whole: str) -> str:
        total = stats.get(whole, 0)
        return f"{stats.get(part, 0)}/{total} ({100 * stats.get(part, 0) / max(total, 1):.1f}%)"

    print(f"corpus: {len(sources)} files, {size / 1024:.0f} KiB, {requests} requests")
    print(f"{'read (JSON + typed model):':<28}{requests / read_s:>8,.0f} requests/s")
    dsl_rules = sum(r.meta.target is TargetKind.DSL_REQUEST for r in all_rules())
    print(f"{f'read + all {dsl_rules} DSL rules:':<28}{requests / lint_s:>8,.0f} requests/s")
    print(
        "position-keeping JSON reader vs json.loads on the .json files: "
        f"{ours / max(stdlib, 1e-9):.1f}x the time"
    )
    print(f"invalid JSON in the corpus itself: {stats.get('invalid_json', 0)} bodies")
    print(f"search requests without a body: {stats.get('search_without_body', 0)}")
    print(f"other (non-search) requests: {stats.get('other_requests', 0)}")
    print(f"valid search bodies in the typed model: {share('typed', 'search_bodies')}")
    print(f"query clauses of a known type: {share('known_clauses', 'clauses')}")
    print(f"aggregations of a known type: {share('known_aggregations', 'aggregations')}")
    print("findings per rule:")
    for rule_id, count in sorted(Counter(f.rule_id for f in findings).items()):
        print(f"  {rule_id}  {count}")


if __name__ == "__main__":
    main()

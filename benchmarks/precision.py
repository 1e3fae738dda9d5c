"""Precision of the rules on real public code: volume per rule, parse errors, crashes, verdicts.

Usage (from the repository root):

    python benchmarks/precision.py                      # every corpus root under tests/corpus
    python benchmarks/precision.py --family redshift    # one family
    python benchmarks/precision.py --unlabelled         # also list the findings nobody judged
    python benchmarks/precision.py --sample 25          # a seeded sample of unjudged findings
    python benchmarks/precision.py --stale              # also list labels matching no finding

The corpus is `<corpus>/<family>/<source>/...` (family `redshift` or `opensearch`); each source
folder is linted as one run, the way `advisor lint <source>` would lint it, with the
`advisor.toml` found in the source folder (or the family folder) as its config. A run that
raises ends without a report: it is counted as a crash, and its files are then linted one by
one so that the figures still cover the rest.

Verdicts live in `<corpus>/labels/<family>.yml`: a list of
`{fingerprint: "<RULE-ID> <path relative to the corpus>:<line>:<col>", verdict: ..., reason: ...}`
where the verdict is `false` (the claim is wrong), `not-worth-it` (true, but nobody should act
on it) or `useful` (worth acting on).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from advisor.config import Config, load_config
from advisor.engine import Engine, discover
from advisor.model import Finding, Severity

ROOT = Path(__file__).resolve().parents[1]
FAMILIES = ("redshift", "opensearch")
VERDICTS = ("useful", "not-worth-it", "false")
PARSE_ERRORS = frozenset({"AD-001", "OS-E01"})
RULE_ERROR = "AD-004"


@dataclass(frozen=True, slots=True)
class Hit:
    """One finding, reduced to what the benchmark needs."""

    fingerprint: str
    rule_id: str
    severity: Severity
    message: str


@dataclass(slots=True)
class FamilyRun:
    family: str
    roots: int = 0
    files: int = 0
    statements: int = 0
    crashes: list[str] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    seconds: float = 0.0


def corpus_roots(corpus: Path, family: str) -> list[Path]:
    folder = corpus / family
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def root_config(root: Path) -> Config:
    for folder in (root, root.parent):
        own = folder / "advisor.toml"
        if own.is_file():
            return load_config(own, start=root)
    # No config of its own: the defaults, not whatever config lies above the corpus.
    return Config(root=root.resolve())


def fingerprint(finding: Finding, corpus: Path) -> str:
    loc = finding.location
    if loc is None:
        return f"{finding.rule_id} <no location>"
    path = Path(loc.path)
    try:
        rel = path.resolve().relative_to(corpus.resolve()).as_posix()
    except ValueError:
        rel = path.as_posix()
    return f"{finding.rule_id} {rel}:{loc.line}:{loc.column}"


def lint_root(root: Path, corpus: Path, run: FamilyRun) -> None:
    config = root_config(root)
    run.roots += 1
    try:
        report = Engine(config, lint=True).lint_paths([root])
        reports = [report]
    except Exception as err:  # a crash is what this benchmark measures
        run.crashes.append(f"{root.relative_to(corpus)}: {type(err).__name__}: {err}")
        reports = []
        for path in discover([root], config):
            try:
                reports.append(Engine(config, lint=True).lint_paths([path]))
            except Exception as inner:
                run.crashes.append(f"  {path.relative_to(corpus)}: {type(inner).__name__}: {inner}")
    for report in reports:
        run.files += report.files
        run.statements += report.statements
        run.hits.extend(
            Hit(fingerprint(f, corpus), f.rule_id, f.severity, f.message) for f in report.findings
        )


def load_labels(corpus: Path, family: str) -> dict[str, tuple[str, str]]:
    path = corpus / "labels" / f"{family}.yml"
    if not path.is_file():
        return {}
    data: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(data, list):
        raise SystemExit(f"{path}: expected a list of labels")
    labels: dict[str, tuple[str, str]] = {}
    for n, entry in enumerate(data, 1):
        if not isinstance(entry, dict) or "fingerprint" not in entry or "verdict" not in entry:
            raise SystemExit(f"{path}: entry {n} needs fingerprint and verdict")
        # YAML reads a bare `false` as a boolean.
        verdict = "false" if entry["verdict"] is False else str(entry["verdict"])
        if verdict not in VERDICTS:
            raise SystemExit(f"{path}: entry {n}: unknown verdict {verdict!r}")
        labels[str(entry["fingerprint"])] = (verdict, str(entry.get("reason", "")))
    return labels


def _judged(hit: Hit) -> bool:
    """A finding of a Redshift or OpenSearch rule (not a parse, read or rule-error note)."""
    return hit.rule_id not in PARSE_ERRORS and not hit.rule_id.startswith("AD-")


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def summarise(run: FamilyRun, labels: dict[str, tuple[str, str]], out: list[str]) -> None:
    hits = run.hits
    stmts = run.statements
    parse = sum(1 for h in hits if h.rule_id in PARSE_ERRORS)
    rule_errors = sum(1 for h in hits if h.rule_id == RULE_ERROR)
    out.append(
        f"== {run.family}: {run.roots} roots, {run.files} files, {stmts} statements/requests"
    )
    out.append(f"   linted in {run.seconds:.1f} s")
    out.append(f"   parse errors: {parse} ({_pct(parse, stmts).strip()} of statements)")
    out.append(f"   rule errors ({RULE_ERROR}): {rule_errors}")
    out.append(
        f"   crashes (runs ending without a report): {sum(1 for c in run.crashes if c[0] != ' ')}"
    )
    out.extend(f"     {c}" for c in run.crashes)
    judged = [h for h in hits if _judged(h)]
    per_rule: dict[str, list[Hit]] = defaultdict(list)
    for h in judged:
        per_rule[h.rule_id].append(h)
    out.append("")
    out.append(
        f"   {'rule':<8} {'findings':>8} {'/1k st':>7} {'labelled':>8}"
        f" {'useful':>11} {'not-worth':>11} {'false':>11}"
    )
    for rule_id in sorted(per_rule, key=lambda r: (-len(per_rule[r]), r)):
        rule_hits = per_rule[rule_id]
        verdicts = Counter(labels[h.fingerprint][0] for h in rule_hits if h.fingerprint in labels)
        n = sum(verdicts.values())
        cells = " ".join(f"{verdicts[v]:>4} {_pct(verdicts[v], n)}" for v in VERDICTS)
        rate = 1000 * len(rule_hits) / stmts if stmts else 0.0
        out.append(f"   {rule_id:<8} {len(rule_hits):>8} {rate:>7.1f} {n:>8} {cells}")
    for floor, name in ((Severity.LOW, "low or above"), (Severity.INFO, "all severities")):
        chosen = [h for h in judged if h.severity >= floor]
        verdicts = Counter(labels[h.fingerprint][0] for h in chosen if h.fingerprint in labels)
        n = sum(verdicts.values())
        out.append(
            f"   {name}: {len(chosen)} findings, {n} labelled: "
            f"useful {verdicts['useful']} ({_pct(verdicts['useful'], n).strip()}), "
            f"not-worth-it {verdicts['not-worth-it']} "
            f"({_pct(verdicts['not-worth-it'], n).strip()}), "
            f"false {verdicts['false']} ({_pct(verdicts['false'], n).strip()})"
        )
    unlabelled = sum(1 for h in judged if h.fingerprint not in labels)
    stale = len(stale_labels(run, labels))
    out.append(f"   unlabelled findings: {unlabelled}; labels matching no finding: {stale}")


def stale_labels(run: FamilyRun, labels: dict[str, tuple[str, str]]) -> list[str]:
    """Labels no current finding has: a rule changed (it is silent there now, or reports at
    another place), or the corpus file changed. Prune them after re-judging, so that the
    count stays a sign of labels to refresh."""
    current = {h.fingerprint for h in run.hits}
    return [fp for fp in labels if fp not in current]


def unjudged(run: FamilyRun, labels: dict[str, tuple[str, str]]) -> list[Hit]:
    seen: set[str] = set()
    out: list[Hit] = []
    for h in run.hits:
        if not _judged(h):
            continue
        if h.fingerprint in labels or h.fingerprint in seen:
            continue
        seen.add(h.fingerprint)
        out.append(h)
    return out


def sample(hits: list[Hit], size: int, seed: int) -> list[Hit]:
    """Every finding of a rule with at most `size` of them, a seeded `size` of the others."""
    by_rule: dict[str, list[Hit]] = defaultdict(list)
    for h in hits:
        by_rule[h.rule_id].append(h)
    rng = random.Random(seed)
    out: list[Hit] = []
    for rule_id in sorted(by_rule):
        group = by_rule[rule_id]
        out.extend(group if len(group) <= size else rng.sample(group, size))
    return out


def run(argv: Sequence[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus")
    parser.add_argument("--family", choices=FAMILIES, action="append")
    parser.add_argument("--unlabelled", action="store_true", help="list unjudged findings")
    parser.add_argument("--sample", type=int, metavar="N", help="a seeded sample to judge")
    parser.add_argument("--stale", action="store_true", help="list labels matching no finding")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)
    corpus: Path = args.corpus
    if not corpus.is_dir():
        parser.error(f"no corpus folder {corpus}")
    out: list[str] = []
    for family in args.family or FAMILIES:
        roots = corpus_roots(corpus, family)
        if not roots:
            continue
        family_run = FamilyRun(family)
        started = time.perf_counter()
        for root in roots:
            lint_root(root, corpus, family_run)
        family_run.seconds = time.perf_counter() - started
        labels = load_labels(corpus, family)
        summarise(family_run, labels, out)
        todo = unjudged(family_run, labels)
        if args.sample:
            todo = sample(todo, args.sample, args.seed)
        if args.unlabelled or args.sample:
            out.append(f"   -- {len(todo)} unjudged findings")
            for h in todo:
                out.append(f"   {h.fingerprint} [{h.severity.label}] {h.message}")
        if args.stale:
            stale = stale_labels(family_run, labels)
            out.append(f"   -- {len(stale)} labels matching no finding")
            out.extend(f"   {fp} [{labels[fp][0]}]" for fp in stale)
        out.append("")
    return "\n".join(out)


def main() -> None:
    import logging

    # sqlglot warns on every statement it falls back to a Command for.
    logging.getLogger("sqlglot").setLevel(logging.ERROR)
    sys.stdout.write(run() + "\n")


if __name__ == "__main__":
    main()

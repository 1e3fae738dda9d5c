"""`advisor lint --fix` on copies of folders: what it fixes and proof that it corrupts nothing.

    python benchmarks/fix.py examples [more folders ...] [--unsafe-fixes]

Each folder is copied to a temporary directory (the originals are never touched) and fixed twice
through the real command. The script prints the fixes applied per rule, the statements and
requests that parsed before and no longer parse, the files with bytes changed outside the spans
of the edits that were applied (a byte comparison, edit by edit, pass by pass), and what the
second `--fix` changed (it must change nothing).
"""

from __future__ import annotations

import argparse
import logging
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from advisor import fix as fixer
from advisor.config import load_config
from advisor.engine import Engine
from advisor.model import TextEdit


def _snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _outside_spans_kept(before: str, after: str, edits: tuple[TextEdit, ...]) -> bool:
    """Whether `after` is `before` with exactly these edits: every other character the same."""
    pos = 0
    rebuilt = []
    for edit in sorted(edits, key=lambda e: e.start):
        rebuilt.append(before[pos : edit.start])
        rebuilt.append(edit.replacement)
        pos = edit.end
    rebuilt.append(before[pos:])
    return "".join(rebuilt) == after


def measure(folder: Path, unsafe: bool) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / folder.name
        shutil.copytree(folder, copy)
        original = _snapshot(copy)
        config = load_config(None, start=copy)
        engine = Engine(config, lint=True)
        report = engine.lint_paths([copy])
        run = fixer.fix_files(engine, report.findings, unsafe=unsafe)
        lint = fixer.engine_linter(engine)
        new_parse_errors = 0
        outside = 0
        for item in run.files:
            before = lint(item.path, item.original).parse_errors
            after = lint(item.path, item.fixed).parse_errors
            new_parse_errors += max(0, after - before)
            chain_ok = all(
                _outside_spans_kept(text, nxt, edits) for text, edits, nxt in item.steps()
            )
            outside += 0 if chain_ok else 1
        args = [sys.executable, "-m", "advisor", "lint", "--fix-only", str(copy)]
        if unsafe:
            args.append("--unsafe-fixes")
        first = subprocess.run(args, capture_output=True, text=True, check=False)
        after_first = _snapshot(copy)
        # The bytes written by the command must be the fixer's text, prefix (BOM) included.
        written_mismatch = 0
        for item in run.files:
            path = Path(item.path)
            expected = (run.prefixes.get(item.path, "") + item.fixed).encode("utf-8")
            if after_first.get(path) != expected:
                written_mismatch += 1
        untouched = {p for p in original if p.as_posix() not in {i.path for i in run.changed}}
        changed_unfixed = sum(1 for p in untouched if after_first.get(p) != original[p])
        second = subprocess.run(args, capture_output=True, text=True, check=False)
        after_second = _snapshot(copy)
        second_changes = sum(1 for p in after_second if after_second[p] != after_first.get(p))
        return {
            "folder": str(folder),
            "files": report.files,
            "findings": len(report.findings),
            "applied": run.applied,
            "rolled_back": Counter(r.finding.rule_id for r in run.rolled_back),
            "files_changed": len(run.changed),
            "new_parse_errors": new_parse_errors,
            "files_changed_outside_spans": outside + written_mismatch + changed_unfixed,
            "second_fix_files_changed": second_changes,
            "first_summary": first.stderr.strip().splitlines()[-1] if first.stderr else "",
            "second_summary": second.stderr.strip().splitlines()[-1] if second.stderr else "",
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--unsafe-fixes", action="store_true")
    args = parser.parse_args()
    logging.getLogger("sqlglot").setLevel(logging.ERROR)
    for folder in args.folders:
        if not folder.is_dir():
            print(f"{folder}: not a folder, skipped")
            continue
        result = measure(folder, args.unsafe_fixes)
        applied = result["applied"]
        assert isinstance(applied, Counter)
        print(f"== {result['folder']} ({result['files']} files, {result['findings']} findings)")
        per_rule = ", ".join(f"{k} {v}" for k, v in sorted(applied.items())) or "none"
        print(f"fixes applied: {sum(applied.values())} ({per_rule})")
        print(f"rolled back: {dict(result['rolled_back'])}")  # type: ignore[call-overload]
        print(f"files changed: {result['files_changed']}")
        print(f"new parse errors: {result['new_parse_errors']}")
        print(f"files changed outside edit spans: {result['files_changed_outside_spans']}")
        print(f"files changed by a second --fix: {result['second_fix_files_changed']}")
        print(f"first run: {result['first_summary']}")
        print(f"second run: {result['second_summary']}")


if __name__ == "__main__":
    main()

"""What the commands write and read back: baselines, snapshots (whole, or `.partial` after a
failed read) and the files whose lines code frames may show.

Every write goes through `write_file` (atomic; a failure is exit 2 and the old file stays).
A code frame is read only from a regular file under a path the user named, never from a path
that a saved result or a snapshot names.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from advisor.cli_options import say, write_file
from advisor.model import Report, SourceText
from advisor.redact import redact
from advisor.words import count


def update_baseline(path: Path, report: Report, paths: Sequence[Path], prune: bool) -> None:
    """Write the run's findings to the baseline; without --prune, refuse when that would drop
    the entries of files the run did not lint (a run over a sub-folder, or an empty one)."""
    from advisor import baseline as baselines

    old = None
    if path.exists():
        try:
            old = baselines.load_entries(path)
        except baselines.BaselineError as err:
            raise click.UsageError(f"{err}; not overwritten") from err
    change = baselines.change(old or [], report.findings, paths)
    if change.uncovered and not prune:
        sample = ", ".join(sorted(change.uncovered)[:3])
        raise click.UsageError(
            f"--update-baseline would drop {count(change.uncovered_entries, 'entry', 'entries')} "
            f"of {count(len(change.uncovered), 'file')} this run did not lint ({sample}); lint "
            "the whole tree, or add --prune to drop them"
        )
    write_file(path, baselines.render(report.findings))
    say(
        f"wrote {count(change.total, 'finding')} to baseline {path}: "
        f"{change.added} added, {change.removed} removed"
    )


def apply_baseline(path: Path, report: Report) -> Report:
    """Hide the findings the baseline lists. A baseline that does not exist yet (the first
    run of a CI recipe) hides nothing, with a notice; one that cannot be read is an error."""
    from advisor import baseline as baselines

    if not path.exists() and not path.is_symlink():
        say(
            f"no baseline yet at {path}: every finding is shown "
            "(write one with --baseline FILE --update-baseline)"
        )
        return report
    try:
        report, hidden = baselines.apply(report, baselines.load(path))
    except baselines.BaselineError as err:
        raise click.UsageError(str(err)) from err
    if hidden:
        say(f"{count(hidden, 'finding')} in the baseline not shown")
    return report


MAX_FRAME_FILE = 10 * 1024 * 1024  # a file larger than this gets no code frame


def frame_sources(report: Report, roots: Sequence[Path]) -> dict[str, SourceText]:
    """Re-read the files that have findings, for code frames (only those, only once, and
    only regular files under `roots`: a path named by a saved result or a snapshot is never
    read unless it lies under a path the user gave)."""
    import os
    import stat

    allowed = [r.resolve() for r in roots]
    out: dict[str, SourceText] = {}
    for finding in report.findings:
        loc = finding.location
        if loc is None or loc.path in out or not allowed:
            continue
        path = Path(loc.path)
        try:
            real = path.resolve()
            if not any(real == r or real.is_relative_to(r) for r in allowed):
                continue
            info = os.stat(real)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FRAME_FILE:
                continue
            out[loc.path] = SourceText.of(loc.path, real.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, ValueError, RuntimeError):
            continue
    return out


def partial_sections(snapshot_file: Path) -> dict[str, str]:
    """The sections of a snapshot that a failed read left incomplete, with the reason."""
    from connectors.snapshot import load_document

    return dict(load_document(snapshot_file).get("partial") or {})


def partial_note(snapshot_file: Path | None, partial: dict[str, str]) -> str:
    reasons = "; ".join(f"{name}: {reason}" for name, reason in partial.items())
    return (
        f"{snapshot_file} is a partial snapshot (the read it was saved from failed: "
        f"{reasons}); its findings are incomplete"
    )


def save_snapshot(path: Path, sections: dict[str, Any], failures: dict[str, str]) -> None:
    """Save what was read; after a failed read, to `PATH.partial` (marked partial), so that a
    good snapshot at `path` is never replaced by an incomplete one."""
    from connectors.snapshot import snapshot_text

    if failures:
        target = path.with_name(path.name + ".partial")
        reasons = {name: redact(reason) for name, reason in failures.items()}
        write_file(target, snapshot_text(sections, partial=reasons))
        say(f"the read failed: what was read is in {target} (marked partial); {path} not written")
        return
    write_file(path, snapshot_text(sections))


def check_snapshot_target(
    output: Path, force: bool, hint: str = "add --force to replace it"
) -> None:
    """Refuse a symbolic link, and an existing file that is not a snapshot unless --force."""
    from connectors.snapshot import SnapshotError, load_document

    if output.is_symlink():
        raise click.UsageError(
            f"{output} is a symbolic link: not written through (name the file itself)"
        )
    if not output.exists() or force:
        return
    try:
        load_document(output)
    except SnapshotError:
        raise click.UsageError(f"{output} exists and is not an advisor snapshot: {hint}") from None


def baseline_step(
    report: Report, baseline: Path | None, update: bool, paths: Sequence[Path], prune: bool
) -> Report:
    """`--baseline FILE` of a run: with `--update-baseline`, write the run's findings there and
    exit 0; else the report without the findings the baseline holds."""
    if baseline is None:
        return report
    if update:
        update_baseline(baseline, report, paths, prune)
        sys.exit(0)
    return apply_baseline(baseline, report)

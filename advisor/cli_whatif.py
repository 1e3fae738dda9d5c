"""`advisor whatif`: score a Redshift key change on the workload's joins.

The command reads one Redshift snapshot (a saved file or a live read), turns the options
into key changes on the tables it knows, scores them with `advisor.redshift_keys.what_if`
and prints the text of `advisor.redshift_keys.render`. `advisor.cli` only declares the
options and calls `run`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from advisor.cli_options import say

if TYPE_CHECKING:
    from advisor.model_redshift import RsSnapshot


def run(
    snapshot_file: Path | None,
    redshift_dsn: str | None,
    distkeys: Sequence[str],
    all_tables: Sequence[str],
    even_tables: Sequence[str],
    schemas: Sequence[str] = (),
) -> None:
    """Read the snapshot, score the changes and print the result (exit 2 when no Redshift
    section could be had)."""
    from advisor.redshift_keys import what_if
    from advisor.redshift_keys.render import whatif_lines

    if (snapshot_file is None) == (redshift_dsn is None):
        raise click.UsageError("give one of --snapshot FILE or --redshift DSN")
    snapshot = _snapshot(snapshot_file, redshift_dsn, schemas)
    changes = resolve(snapshot, asked_changes(distkeys, all_tables, even_tables))
    for line in whatif_lines(what_if(snapshot, changes), snapshot, changes):
        click.echo(line)


def _snapshot(
    snapshot_file: Path | None, redshift_dsn: str | None, schemas: Sequence[str]
) -> RsSnapshot:
    from advisor import live

    if snapshot_file is not None:
        from connectors.snapshot import SnapshotError

        try:
            run = live.load_redshift_snapshot(snapshot_file)
        except SnapshotError as err:
            raise click.UsageError(str(err)) from err
    else:
        from connectors.redshift import RedshiftSource

        run = live.read_redshift_live(
            RedshiftSource(dsn=redshift_dsn or "", schemas=tuple(schemas))
        )
    if run.snapshot is None:
        say(run.error or "no redshift section")
        sys.exit(2)
    return run.snapshot


def asked_changes(
    distkeys: Sequence[str], all_tables: Sequence[str], even_tables: Sequence[str]
) -> dict[str, str | None]:
    """table -> new DISTKEY column, ALL, or None (EVEN), as the options name them."""
    from advisor.redshift_keys import ALL

    changes: dict[str, str | None] = {}
    for value in distkeys:
        table, sep, column = value.partition("=")
        if not sep or not table or not column:
            raise click.UsageError(f"--distkey expects S.T=C, got {value!r}")
        changes[table] = column
    changes.update(dict.fromkeys(all_tables, ALL))
    changes.update(dict.fromkeys(even_tables))
    return changes


def resolve(snapshot: RsSnapshot, changes: dict[str, str | None]) -> dict[str, str | None]:
    """The changes keyed by the snapshot's qualified names; an unknown table is an error."""
    resolved: dict[str, str | None] = {}
    for name, change in changes.items():
        stats = snapshot.table(name)
        if stats is None:
            raise click.UsageError(f"not in the snapshot: {name}")
        resolved[stats.qualified_name] = change
    return resolved

"""`advisor tui PATHS` with a live source or a snapshot: the linted statements joined to the
history the sources read (advisor.impact, as `advisor lint --redshift ...` does), so the table
shows each finding's cost and sorts costliest first.

The join runs each time the findings are combined (the lint done, a source done); a lint
finding whose statement never ran in the history keeps an `unknown` impact, which the Cost
column shows as "no history". Without a source, a finding on a read of an external table
the DDL sizes shows its cost per run, estimated from the catalog (`with_catalog_costs`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from advisor.model import Report

if TYPE_CHECKING:
    from advisor.config import Config
    from advisor.tui.live_sources import Snapshots

Join = Callable[[Report, "Snapshots"], Report]


def history_join(config: Config) -> Join:
    """The join of a report's static findings to the snapshots read, with the run's dialect,
    templater and limits (those the files were linted with)."""

    def join(report: Report, snapshots: Snapshots) -> Report:
        read = [s for s in (snapshots.redshift, snapshots.postgres, snapshots.opensearch) if s]
        if not read or not any(f.source == "static" for f in report.findings):
            return report
        from advisor import impact

        return impact.join(
            report,
            read,
            dialect=config.dialect,
            templater=config.templater,
            limits=config.limits,
            prices=impact.prices_of(config),
        )

    return join


def with_catalog_costs(lint: Callable[[], Report], config: Config) -> Callable[[], Report]:
    """The lint, its findings on Athena and Spectrum reads given their cost per run from the
    catalog (as `advisor lint` gives them), priced at the configuration's `[impact]`."""

    def run() -> Report:
        from advisor import impact

        return impact.catalog_estimates(lint(), impact.prices_of(config))

    return run

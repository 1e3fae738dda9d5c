"""What AWS's own tuning has decided about a table's keys, read before a key is proposed.

Redshift tunes keys by itself (automatic table optimisation): it chooses the distribution of
an `AUTO` table (svv_table_info.diststyle `AUTO(ALL)`, `AUTO(EVEN)`, `AUTO(KEY(c))`) and the
sort key of a `SORTKEY AUTO` table (`AUTO(SORTKEY)`, `AUTO(SORTKEY(c))`), which it may lay
out as a multidimensional data layout built from the workload's repeated predicates
(sortkey1 `padb_internal_mddl_key_col`); and its advisor lists the key changes it recommends
in svv_alter_table_recommendations. A manual `ALTER ... DISTKEY` or `ALTER ... SORTKEY`
takes the table out of that tuning for good, so the key design of this package respects it:

- **Sort key of an AUTO or MDDL table: not proposed.** Redshift measures which blocks each
  predicate skips and keeps changing the key as the workload does; a layout serves several
  predicates at once, which no single compound key can. The proposal is dropped and a note
  says what Redshift has chosen and why it stays.
- **Distribution of an AUTO table: kept as Redshift chose it.** The recommender takes its
  current key as given (other tables may still be keyed to join it) and proposes no change;
  `advisor whatif` scores a change the user asks for but says that it ends automatic tuning.
- **A recommendation of Redshift's advisor** for the table is named beside a proposal: that
  it agrees, or, when it differs, its DDL (it measures the data each join moved, where the
  proposal here estimates it from table sizes). RS-C17 proposes applying the ones Redshift
  will not apply itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from advisor.model_redshift import RsRecommendation, RsSnapshot, RsTableStats

ALL = "ALL"
_DISTKEY = re.compile(r'\bDISTKEY\s+("?)([^",\s;]+)\1', re.IGNORECASE)
_DISTSTYLE = re.compile(r"\bDISTSTYLE\s+(ALL|EVEN|AUTO)\b", re.IGNORECASE)
_SORTKEY = re.compile(r"\bSORTKEY\s*\(([^)]*)\)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Recommended:
    """The keys Redshift's advisor recommends for one table (svv_alter_table_recommendations),
    read from the DDL of its rows: `distribution` is `KEY(c)`, `ALL` or `EVEN` (empty when no
    row changes it), `sortkey` the compound key's columns."""

    table: str
    distribution: str = ""
    sortkey: tuple[str, ...] = ()
    ddl: tuple[str, ...] = ()
    auto_eligible: bool = False

    def describe(self) -> str:
        return "; ".join(d.strip().rstrip(";") for d in self.ddl)


def recommended(snapshot: RsSnapshot, table: str) -> Recommended | None:
    """What Redshift's advisor recommends for `table`, or None when it recommends nothing."""
    rows = [r for r in snapshot.recommendations if (r.table or "").lower() == table.lower()]
    if not rows:
        return None
    distribution = ""
    sortkey: tuple[str, ...] = ()
    for row in rows:
        distribution = distribution or _distribution(row)
        sortkey = sortkey or _sortkey(row)
    return Recommended(
        table,
        distribution,
        sortkey,
        tuple(r.ddl for r in rows),
        all(r.auto_eligible for r in rows),
    )


def _distribution(row: RsRecommendation) -> str:
    key = _DISTKEY.search(row.ddl)
    if key:
        return f"KEY({key.group(2)})"
    style = _DISTSTYLE.search(row.ddl)
    return style.group(1).upper() if style and style.group(1).upper() != "AUTO" else ""


def _sortkey(row: RsRecommendation) -> tuple[str, ...]:
    found = _SORTKEY.search(row.ddl)
    if not found:
        return ()
    return tuple(c.strip().strip('"') for c in found.group(1).split(",") if c.strip())


def distribution_of(key: str | None) -> str:
    """A design's key (a column, ALL, or None) as svv_table_info would show it."""
    if key is None:
        return "EVEN"
    return ALL if key == ALL else f"KEY({key})"


def sortkey_note(stats: RsTableStats) -> str | None:
    """Why no sort key is proposed for this table, when Redshift chooses its sort key."""
    if stats.mddl:
        return (
            "sort key left to Redshift: it sorts the table by a multidimensional data layout "
            "(svv_table_info.sortkey1 = padb_internal_mddl_key_col) built from the workload's "
            "repeated predicates, which a compound sort key would replace and stop tuning"
        )
    if stats.sortkey_auto:
        return (
            f"sort key left to Redshift: it is {stats.sortkey1} (svv_table_info.sortkey1), "
            "chosen and changed by automatic table optimisation, which an explicit sort key "
            "would stop"
        )
    return None


def distribution_note(stats: RsTableStats) -> str | None:
    """Why the distribution is kept, when Redshift chooses it."""
    if not stats.diststyle_auto:
        return None
    return (
        f"distribution left to Redshift: it is {stats.diststyle} (svv_table_info.diststyle), "
        "chosen by automatic table optimisation, which a manual DISTSTYLE or DISTKEY would stop"
    )


def advisor_note(rec: Recommended | None, distribution: str, sortkey: str | None) -> str | None:
    """How a proposal (distribution as `KEY(c)`/`ALL`/`EVEN`, first sort-key column) compares
    with Redshift's own recommendation for the table."""
    if rec is None:
        return None
    same = True
    if rec.distribution:
        same = rec.distribution == distribution
    if rec.sortkey:
        same = same and sortkey is not None and rec.sortkey[0].lower() == sortkey.lower()
    if same:
        return "Redshift's advisor recommends the same (svv_alter_table_recommendations)"
    return (
        f"Redshift's advisor recommends otherwise: {rec.describe()} "
        "(svv_alter_table_recommendations; it measures the data each join moved, where this "
        "proposal estimates it from table sizes)"
    )


def change_notes(snapshot: RsSnapshot, changes: Mapping[str, str | None]) -> Iterator[str]:
    """What a key change asked of `advisor whatif` would undo of AWS's own tuning."""
    for table, key in changes.items():
        stats = snapshot.table(table)
        if stats is None:
            continue
        note = distribution_note(stats)
        if note:
            yield f"{table}: {note}; this change would end it"
        rec = recommended(snapshot, table)
        if rec is not None and rec.distribution:
            yield f"{table}: {advisor_note(rec, distribution_of(key), None)}"

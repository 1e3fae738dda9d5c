"""What a finding costs: static findings joined to the executions a live history kept.

A lint run that also has a live source or a snapshot (`advisor lint PATHS --redshift DSN`,
`--dsn`, `--opensearch`, `--snapshot FILE`) matches every linted statement and request to its
executions by fingerprint (`advisor.fingerprint`), and gives each finding an `Impact`:

- **Redshift**: query groups of `sys_query_history` (runs, elapsed and queue time over the
  read's window, `history_days`, 7 by default). Bytes scanned in S3 come from
  `svl_s3query_summary`, per external table: a statement that reads an external table is given
  the table's average bytes per query times its own runs (an estimate when several statements
  read the table). Dollars: Spectrum at `spectrum_usd_per_tb` (the public list price, $5 per TB
  scanned, by default); cluster time at `cluster_usd_per_hour` when it is set (a provisioned
  cluster's node-hours, or Serverless RPU-hours times the base capacity), spread as the
  statement's share of a day's wall time.
- **PostgreSQL**: `pg_stat_statements` (calls and total execution time since the statistics
  were last reset, taken as `window_days`).
- **OpenSearch**: Query Insights' top queries grouped by shape (count and latency within its
  window, extrapolated to a day: an estimate).

A statement with no execution in the history gets an Impact of confidence "unknown" that says
so: a statement in a file that never ran is worth knowing about too.

**From the catalog**: a finding on an Athena or Spectrum query over an external table the lint
run declares carries an estimate of the bytes one run scans, made from the table's format,
partitions, column count and size properties (`advisor.sql.scan`): RS-Q25 and RS-Q31 give the
scan they are about, every other finding the whole statement's, when the DDL sizes each read.
`catalog_estimates` turns it into an Impact of confidence "estimated from the catalog", priced
at `spectrum_usd_per_tb` per run; joined to a history, the runs measured there make it a cost
per day, and bytes measured there (svl_s3query_summary) replace the estimate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor.fingerprint import (
    dsl_fingerprint,
    may_be_truncated,
    prefix_of,
    sql_fingerprint,
)
from advisor.impact_threshold import Threshold as Threshold
from advisor.impact_threshold import filter_report as filter_report
from advisor.impact_threshold import parse_threshold as parse_threshold
from advisor.model import (
    CATALOG_ESTIMATE,
    EvidenceValue,
    Finding,
    Impact,
    Limits,
    Report,
    SourceText,
)
from advisor.model_opensearch import OsSnapshot
from advisor.model_postgres import PgSnapshot
from advisor.model_redshift import RsSnapshot

if TYPE_CHECKING:
    from advisor.config import Config

TB = 10**12
DAY_SECONDS = 86_400.0


@dataclass(frozen=True, slots=True)
class Prices:
    """The prices and window impact figures are computed with (config `[impact]`)."""

    spectrum_usd_per_tb: float = 5.0
    cluster_usd_per_hour: float | None = None
    window_days: float = 7.0


def prices_of(config: Config) -> Prices:
    """The `[impact]` prices of a configuration (`advisor.config.Config`), defaults for what it
    leaves out."""
    given: Mapping[str, float] = config.prices
    defaults = Prices()
    return Prices(
        spectrum_usd_per_tb=given.get("scan_usd_per_tb", defaults.spectrum_usd_per_tb),
        cluster_usd_per_hour=given.get("cluster_usd_per_hour", defaults.cluster_usd_per_hour),
        window_days=given.get("window_days", defaults.window_days),
    )


@dataclass(frozen=True, slots=True)
class Execution:
    """One history entry of any system, in common units."""

    system: str
    key: str
    text: str
    runs: int
    elapsed_s: float
    queue_s: float = 0.0
    window_days: float = 7.0
    estimated: bool = False  # per-day figures extrapolated from a shorter or unknown window
    tables: frozenset[str] = frozenset()
    bytes_per_run: float | None = None
    bytes_note: str = ""


@dataclass(slots=True)
class History:
    """Executions indexed by fingerprint; cut-off texts kept apart for prefix matching."""

    sql: dict[str, list[Execution]] = field(default_factory=dict)
    truncated: list[Execution] = field(default_factory=list)
    bodies: dict[str, list[Execution]] = field(default_factory=dict)
    systems: tuple[str, ...] = ()
    dialect: str = "redshift"

    def __bool__(self) -> bool:
        return bool(self.sql or self.truncated or self.bodies)

    def match_sql(self, text: str) -> list[Execution]:
        found = list(self.sql.get(sql_fingerprint(text, self.dialect), ()))
        if not found and self.dialect == "postgres":
            found = list(self.sql.get(sql_fingerprint(text, "redshift"), ()))
        if not found:
            found = [e for e in self.truncated if prefix_of(e.text, text, self.dialect)]
        return found

    def reading(self, table: str) -> list[Execution]:
        """Executions whose text names `table` (schema-qualified, lower case)."""
        name = table.lower()
        seen: list[Execution] = []
        for group in (*self.sql.values(), self.truncated):
            seen.extend(e for e in group if name in e.tables)
        return seen

    def match_body(self, body: Any) -> list[Execution]:
        return list(self.bodies.get(dsl_fingerprint(body), ()))


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*(?:\.[A-Za-z_][A-Za-z0-9_$]*)+")


def _tables_named(text: str) -> frozenset[str]:
    """Qualified names a statement mentions (`schema.table`), lower case."""
    return frozenset(t.lower() for t in _NAME.findall(text))


def history_of(
    snapshots: Iterable[object], prices: Prices = Prices(), dialect: str = "redshift"
) -> History:
    """The executions every snapshot holds, ready to be matched."""
    history = History(dialect=dialect)
    systems: list[str] = []
    for snap in snapshots:
        if isinstance(snap, RsSnapshot):
            executions = list(_redshift(snap, prices))
            name = "redshift"
        elif isinstance(snap, PgSnapshot):
            executions = list(_postgres(snap, prices))
            name = "postgres"
        elif isinstance(snap, OsSnapshot):
            executions = list(_opensearch(snap, prices))
            name = "opensearch"
        else:
            continue
        if name not in systems:
            systems.append(name)
        for ex in executions:
            if ex.system == "opensearch":
                history.bodies.setdefault(dsl_fingerprint(ex.text), []).append(ex)
            elif may_be_truncated(ex.text):
                history.truncated.append(ex)
            else:
                fp = sql_fingerprint(ex.text, "postgres" if ex.system == "postgres" else dialect)
                history.sql.setdefault(fp, []).append(ex)
    history.systems = tuple(systems)
    return history


def _redshift(snap: RsSnapshot, prices: Prices) -> Iterator[Execution]:
    workload = snap.workload
    if workload is None:
        return
    # Average S3 bytes per query of each external table.
    per_table = {
        scan.table.lower(): scan.s3_scanned_bytes / scan.queries
        for scan in workload.spectrum
        if scan.queries > 0
    }
    for group in workload.queries:
        tables = _tables_named(group.query_text)
        external = [t for t in sorted(tables) if t in per_table]
        note = ""
        if external:
            note = f"average S3 bytes per query of {', '.join(external)} (svl_s3query_summary)"
        yield Execution(
            system="redshift",
            key=f"query hash {group.query_hash}" if group.query_hash else "query group",
            text=group.query_text,
            runs=group.runs,
            elapsed_s=group.total_elapsed_us / 1e6,
            queue_s=group.total_queue_us / 1e6,
            window_days=prices.window_days,
            # Bytes of several tables, each shared out by its average: an estimate.
            estimated=len(external) > 1,
            tables=tables,
            bytes_per_run=sum(per_table[t] for t in external) if external else None,
            bytes_note=note,
        )


def _postgres(snap: PgSnapshot, prices: Prices) -> Iterator[Execution]:
    if snap.workload is None:
        return
    for st in snap.workload.statements:
        yield Execution(
            system="postgres",
            key=f"pg_stat_statements queryid {st.queryid}",
            text=st.query,
            runs=st.calls,
            elapsed_s=st.total_exec_time / 1000.0,
            window_days=prices.window_days,
            estimated=True,
        )


# Query Insights ranks top queries over a window of minutes (1 minute by default); a day holds
# this many of them. Its figures are extrapolated, so OpenSearch impact is an estimate.
_INSIGHTS_WINDOW_MINUTES = 1.0


def _opensearch(snap: OsSnapshot, prices: Prices) -> Iterator[Execution]:
    for top in snap.insights.top_queries:
        if not top.source:
            continue
        latency = (top.latency_ms or 0.0) / 1000.0
        yield Execution(
            system="opensearch",
            key=f"Query Insights top query {top.id}" if top.id else "Query Insights top query",
            text=top.source,
            runs=max(top.count, 1),
            elapsed_s=latency * max(top.count, 1),
            window_days=_INSIGHTS_WINDOW_MINUTES / (24 * 60),
            estimated=True,
        )


def impact_of(executions: Sequence[Execution], prices: Prices) -> Impact:
    """The per-day cost of a statement from the executions it matched."""
    runs = sum(e.runs for e in executions)
    window = max(e.window_days for e in executions) or prices.window_days
    elapsed = sum(e.elapsed_s for e in executions)
    queue = sum(e.queue_s for e in executions)
    system = executions[0].system
    seconds_day = elapsed / window
    queue_day = queue / window
    inputs: list[tuple[str, EvidenceValue]] = [
        ("executions", runs),
        ("window days", round(window, 6)),
        ("total elapsed s", round(elapsed, 3)),
    ]
    if queue:
        inputs.append(("total queue s", round(queue, 3)))
    formula = [f"seconds/day = {elapsed:.3f} s elapsed / {window:g} days"]
    bytes_day: float | None = None
    dollars = 0.0
    priced = False
    estimated = any(e.estimated for e in executions)
    scanned = [e for e in executions if e.bytes_per_run is not None]
    if scanned:
        total_bytes = sum((e.bytes_per_run or 0.0) * e.runs for e in scanned)
        bytes_day = total_bytes / window
        inputs.append(("S3 bytes per run", round(total_bytes / max(runs, 1))))
        inputs.append(("S3 bytes source", scanned[0].bytes_note))
        formula.append(
            f"bytes/day = {runs} runs x {total_bytes / max(runs, 1):.0f} B / {window:g} days"
        )
        spectrum = bytes_day / TB * prices.spectrum_usd_per_tb
        dollars += spectrum
        priced = True
        inputs.append(("Spectrum $ per TB", prices.spectrum_usd_per_tb))
        formula.append(
            f"Spectrum $/day = {bytes_day / TB:.4f} TB/day x ${prices.spectrum_usd_per_tb:g}/TB"
        )
    if prices.cluster_usd_per_hour is not None and system == "redshift":
        cluster = seconds_day / 3600.0 * prices.cluster_usd_per_hour
        dollars += cluster
        priced = True
        inputs.append(("cluster $ per hour", prices.cluster_usd_per_hour))
        formula.append(
            f"cluster $/day = {seconds_day / 3600:.4f} h/day x ${prices.cluster_usd_per_hour:g}/h"
            " (the statement's share of the cluster's wall time)"
        )
        estimated = True
    keys = ", ".join(dict.fromkeys(e.key for e in executions))
    return Impact(
        confidence="estimated" if estimated else "measured",
        system=system,
        executions=runs,
        window_days=window,
        seconds_per_day=seconds_day,
        queue_seconds_per_day=queue_day if queue else None,
        bytes_per_day=bytes_day,
        dollars_per_day=dollars if priced else None,
        matched=keys,
        formula="; ".join(formula),
        inputs=tuple(inputs),
    )


NO_HISTORY = "no execution of this statement in the history read"


def catalog_estimate(finding: Finding, prices: Prices) -> Impact | None:
    """The per-run scan estimate a finding's evidence carries (`advisor.sql.scan`), priced."""
    evidence = finding.evidence.as_dict()
    formula = evidence.get("scan_formula")
    if not isinstance(formula, str):
        return None
    per_run = evidence.get("scan_bytes_per_run")
    bytes_run = float(per_run) if isinstance(per_run, int | float) else None
    inputs: list[tuple[str, EvidenceValue]] = [
        (key.removeprefix("scan_").replace("_", " "), value)
        for key, value in evidence.items()
        if key.startswith("scan_")
        and key not in ("scan_formula", "scan_engine")
        and value is not None
    ]
    dollars: float | None = None
    formulas = [formula]
    if bytes_run is not None:
        dollars = bytes_run / TB * prices.spectrum_usd_per_tb
        inputs.append(("$ per TB scanned", prices.spectrum_usd_per_tb))
        formulas.append(f"$/run = {bytes_run / TB:.6f} TB x ${prices.spectrum_usd_per_tb:g}/TB")
    engine = evidence.get("scan_engine")
    table = evidence.get("scan_table")
    return Impact(
        confidence=CATALOG_ESTIMATE,
        system=str(engine).lower() if engine else "",
        matched=f"the DDL of {table}" if table else "",
        formula="; ".join(formulas),
        inputs=tuple(inputs),
        bytes_per_run=bytes_run,
        dollars_per_run=dollars,
    )


def catalog_estimates(report: Report, prices: Prices = Prices()) -> Report:
    """Every finding that carries a scan estimate and no impact gets it as its Impact; when
    one of them gives a figure (bytes per run), the report sorts by impact from then on."""
    report.findings = with_catalog_estimates(report.findings, prices)
    if any(f.impact is not None and f.impact.bytes_per_run is not None for f in report.findings):
        report.order = "impact"
    return report


def with_catalog_estimates(findings: Iterable[Finding], prices: Prices) -> list[Finding]:
    out: list[Finding] = []
    for finding in findings:
        estimate = None if finding.impact is not None else catalog_estimate(finding, prices)
        out.append(finding if estimate is None else replace(finding, impact=estimate))
    return out


def with_history(estimate: Impact, cost: Impact, prices: Prices) -> Impact:
    """A catalog estimate joined to what the history says of the same statement.

    No execution: the estimate, saying so. Bytes measured: the measured cost, the estimate
    kept among its inputs. Runs but no bytes: runs x the estimated bytes per run. A cost of
    the queries that read the table a statement creates (`cost.table`: a CREATE TABLE AS
    that never ran itself) is not the statement's: the estimate, saying so.
    """
    if not cost.known:
        return replace(estimate, note=cost.note)
    if cost.table:
        return replace(estimate, note=f"{NO_HISTORY} (only queries reading {cost.table} ran)")
    per_run = estimate.bytes_per_run
    if cost.bytes_per_day is not None or per_run is None:
        if per_run is None:
            return cost
        return replace(cost, inputs=(*cost.inputs, ("catalog estimate B per run", per_run)))
    window = cost.window_days or prices.window_days
    bytes_day = cost.executions * per_run / window
    scan_dollars = bytes_day / TB * prices.spectrum_usd_per_tb
    formula = (
        f"{cost.formula}; {estimate.formula}; bytes/day = {cost.executions} runs x "
        f"{per_run:.0f} B / {window:g} days; $/day = {bytes_day / TB:.4f} TB/day x "
        f"${prices.spectrum_usd_per_tb:g}/TB"
    )
    return replace(
        cost,
        confidence=CATALOG_ESTIMATE,
        bytes_per_day=bytes_day,
        dollars_per_day=(cost.dollars_per_day or 0.0) + scan_dollars,
        formula=formula,
        inputs=(*cost.inputs, *estimate.inputs),
        bytes_per_run=per_run,
        dollars_per_run=estimate.dollars_per_run,
    )


def unknown(systems: Sequence[str]) -> Impact:
    read = ", ".join(systems) or "the live source"
    return Impact(confidence="unknown", note=f"{NO_HISTORY} ({read})")


@dataclass(frozen=True, slots=True)
class Unit:
    """One statement or request of a file: its lines and how to match it."""

    first_line: int
    last_line: int
    text: str = ""
    body: Any = None
    is_request: bool = False
    table: str = ""  # the table a CREATE TABLE declares (schema-qualified, lower case)


def units_of(path: Path, dialect: str, templater: str, limits: Limits) -> list[Unit]:
    """The statements (SQL) or requests (DSL) of one file, as lines and matchable text."""
    from advisor.dsl.reader import read_requests
    from advisor.engine import is_sql_file, read_sql_file
    from advisor.files import read_bounded
    from advisor.sql.parse import decode

    if is_sql_file(path):
        result = read_sql_file(path, dialect, limits, templater)
        if result.parsed is None:
            return []
        out: list[Unit] = []
        for stmt in result.parsed.statements:
            statements = [stmt, *stmt.body]
            for s in statements:
                loc = s.location
                out.append(Unit(loc.line, loc.end_line, text=s.text, table=_declared(s.tree)))
        return out
    data = read_bounded(path, limits)
    if not isinstance(data, bytes):
        return []
    source = decode(path.as_posix(), data)
    if not isinstance(source, SourceText):
        return []
    units: list[Unit] = []
    for req in read_requests(source, limits):
        if req.is_search and req.value is not None:
            loc = req.location
            units.append(Unit(loc.line, loc.end_line, body=req.value, is_request=True))
    return units


def _declared(tree: Any) -> str:
    from sqlglot import exp

    if not isinstance(tree, exp.Create) or str(tree.args.get("kind") or "").upper() != "TABLE":
        return ""
    table = tree.find(exp.Table)
    if table is None or not table.db:
        return ""
    return f"{table.db}.{table.name}".lower()


def _unit_at(units: Sequence[Unit], line: int) -> Unit | None:
    """The innermost unit holding `line` (a procedure's body statement before the procedure)."""
    best: Unit | None = None
    for unit in units:
        if unit.first_line <= line <= unit.last_line and (
            best is None or unit.last_line - unit.first_line < best.last_line - best.first_line
        ):
            best = unit
    return best


def attach(
    report: Report,
    history: History,
    prices: Prices,
    units: Mapping[str, Sequence[Unit]],
) -> Report:
    """The report with an Impact on every static finding that sits in a statement or request.

    `units` maps a finding's path to that file's statements; findings of live rules and of
    places no statement covers keep no impact. The report sorts by impact from then on.
    """
    cache: dict[tuple[str, int], Impact] = {}
    out: list[Finding] = []
    for finding in report.findings:
        loc = finding.location
        if finding.source != "static" or loc is None or loc.path not in units:
            out.append(finding)
            continue
        unit = _unit_at(units[loc.path], loc.line)
        if unit is None:
            out.append(finding)
            continue
        key = (loc.path, unit.first_line)
        if key not in cache:
            cache[key] = _cost(unit, history, prices)
        estimate = catalog_estimate(finding, prices)
        cost = cache[key] if estimate is None else with_history(estimate, cache[key], prices)
        out.append(replace(finding, impact=cost))
    report.findings = out
    report.order = "impact"
    return report


def _cost(unit: Unit, history: History, prices: Prices) -> Impact:
    found = history.match_body(unit.body) if unit.is_request else history.match_sql(unit.text)
    if found:
        return impact_of(found, prices)
    if unit.table:
        readers = history.reading(unit.table)
        if readers:
            cost = impact_of(readers, prices)
            return replace(
                cost,
                confidence="estimated",
                table=unit.table,
                matched=f"queries reading {unit.table}: {cost.matched}",
            )
    return unknown(history.systems)


def join(
    report: Report,
    snapshots: Sequence[object],
    *,
    dialect: str = "redshift",
    templater: str = "auto",
    limits: Limits | None = None,
    prices: Prices = Prices(),
) -> Report:
    """`attach` for the files a lint report's findings name, read again for their spans."""
    history = history_of(snapshots, prices, dialect)
    bounds = limits or Limits()
    paths = sorted(
        {f.location.path for f in report.findings if f.location and f.source == "static"}
    )
    units = {p: units_of(Path(p), dialect, templater, bounds) for p in paths if Path(p).is_file()}
    return attach(report, history, prices, units)

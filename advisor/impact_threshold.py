"""`--min-impact`: a cost per day or per run that a finding's impact must reach to be kept."""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.model import Impact, Report

# --min-impact: a figure with its unit: dollars ("$2", "2usd"), time ("90s", "5m", "1h") or
# bytes ("500MB", "1TB"), per day (the default) or per run ("$5/run", "1TB/run").
_THRESHOLD = re.compile(
    r"^\s*(?P<dollar>\$)?\s*(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>usd|s|m|min|h|b|kb|mb|gb|tb)?"
    r"\s*(?:/\s*(?P<per>day|run))?\s*$",
    re.I,
)
_SECONDS = {"s": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0}
_BYTES = {"b": 1.0, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12}


@dataclass(frozen=True, slots=True)
class Threshold:
    """A --min-impact value: `measure` is "dollars", "seconds" or "bytes", `per` "day" or
    "run".

    Per day, a finding is kept when its statement's cost per day is known and at least the
    value: an estimate from the catalog counts once a history gives its runs; one whose
    statement never ran has no cost per day and is left out, as a finding of unknown cost is.
    Per run, the estimate from the catalog is compared as it is, and a measured cost per day
    is divided by the runs that made it.
    """

    measure: str
    value: float
    per: str = "day"

    def keeps(self, impact: Impact | None) -> bool:
        if impact is None or not impact.known:
            return False
        figure = self.figure(impact)
        return figure is not None and figure >= self.value

    def figure(self, impact: Impact) -> float | None:
        """The impact's figure this threshold compares (None when it is not known)."""
        daily = {
            "dollars": impact.dollars_per_day,
            "seconds": impact.seconds_per_day,
            "bytes": impact.bytes_per_day,
        }[self.measure]
        if self.per == "day":
            return daily
        per_run = {"dollars": impact.dollars_per_run, "bytes": impact.bytes_per_run}.get(
            self.measure
        )
        if per_run is not None:
            return per_run
        if daily is None or impact.executions <= 0:
            return None
        return daily * (impact.window_days or 0.0) / impact.executions

    @property
    def needs_history(self) -> bool:
        """Whether only a run with a live source or a snapshot can meet it (a cost per day)."""
        return self.per == "day"


def parse_threshold(text: str) -> Threshold:
    """`$5`, `5usd`, `90s`, `10m`, `1h`, `500MB`, `1TB` (per day; `/day` may be written), or
    the same per run (`$5/run`, `1TB/run`); ValueError otherwise."""
    m = _THRESHOLD.match(text)
    if m is None or (m.group("dollar") and m.group("unit") and m.group("unit").lower() != "usd"):
        raise ValueError(
            f"{text!r} is not a cost per day or per run: give dollars ($5), time (90s, 10m, 1h)"
            " or bytes scanned (500MB, 1TB), optionally followed by /day or /run"
        )
    value = float(m.group("value"))
    unit = (m.group("unit") or "").lower()
    per = (m.group("per") or "day").lower()
    if m.group("dollar") or unit == "usd":
        return Threshold("dollars", value, per)
    if unit in _SECONDS:
        return Threshold("seconds", value * _SECONDS[unit], per)
    if unit in _BYTES:
        return Threshold("bytes", value * _BYTES[unit], per)
    raise ValueError(
        f"{text!r} has no unit: give dollars ($5), time (90s, 10m, 1h) or bytes (500MB, 1TB)"
    )


def filter_report(report: Report, threshold: Threshold) -> Report:
    report.findings = [f for f in report.findings if threshold.keeps(f.impact)]
    return report

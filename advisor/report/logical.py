"""The logical location of a finding: the object of a live system it is about.

A live finding (table health, an index's shards, a WLM queue) has an object but often no file.
Reports that need a place for every finding name it `system://<system>/<object>`: the system
(`redshift`, `postgres`, `opensearch`) from the rule's family, the object as the rule named it
(`system://redshift/rs_demo.clicks_ghost`, `system://opensearch/logs-2024`).
"""

from __future__ import annotations

from urllib.parse import quote

from advisor.model import Finding, Report

SCHEME = "system://"

# Rule id prefixes, for findings whose rule is not described in the report.
_PREFIXES = {"RS": "redshift", "PG": "postgres", "OS": "opensearch", "AD": "advisor"}


def system_of(finding: Finding, report: Report) -> str:
    meta = report.rules.get(finding.rule_id)
    if meta is not None and meta.family:
        return meta.family.split(".", 1)[0]
    return _PREFIXES.get(finding.rule_id.split("-", 1)[0], "advisor")


def object_uri(finding: Finding, report: Report) -> str:
    """`system://redshift/rs_demo.clicks_ghost`; `system://redshift` without an object."""
    root = SCHEME + system_of(finding, report)
    if not finding.object:
        return root
    return f"{root}/{quote(finding.object, safe='.-_*,:')}"


def place(finding: Finding, report: Report) -> str:
    """The finding's file, or its object's logical location when it has no file."""
    if finding.location is not None:
        return finding.location.path
    return object_uri(finding, report)


def shown(finding: Finding, report: Report | None = None) -> str:
    """Where a finding is, for people: `path:line:col`, else its object's logical location
    (`system://redshift/rs_demo.clicks_ghost`), else `<run>` (a note about the run itself)."""
    loc = finding.location
    if loc is not None:
        return f"{loc.path}:{loc.line}:{loc.column}"
    if finding.object:
        return object_uri(finding, report if report is not None else _NO_RULES)
    return "<run>"


_NO_RULES = Report()

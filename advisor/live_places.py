"""Where the objects of live findings are defined in files: a file and line for each.

A live rule judges an object of a system (a Redshift table, a PostgreSQL index, an OpenSearch
index) and its finding has no file of its own. When a file of the run defines that object (the
CREATE statement in the SQL files named with `--ddl`, the mapping file configured for the
index, a request file that searches it), the finding gets that file's line, so that every
report format can point at it. Findings whose object no file defines keep no location; the
reports then name the object by its logical location (`system://redshift/schema.table`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from advisor.model import Finding, Location, Report, SourceText

_SQL_SUFFIXES = (".sql",)


@dataclass(frozen=True, slots=True)
class Places:
    """Object name (lower case, as qualified as its file names it) -> where it is defined."""

    relations: Mapping[str, Location] = field(default_factory=dict)
    # Index names or patterns, in the order they were found (mapping files first).
    indices: tuple[tuple[str, Location], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.relations or self.indices)

    def locate(self, report: Report) -> Report:
        """The report with each live finding that has no location placed where its object is
        defined; other findings are left as they are."""
        if not self:
            return report
        findings = [self._placed(f) for f in report.findings]
        return dataclasses.replace(report, findings=findings)

    def _placed(self, finding: Finding) -> Finding:
        if finding.location is not None or not finding.object:
            return finding
        system = finding.rule_id.split("-", 1)[0]
        where = self._index(finding.object) if system == "OS" else self._relation(finding.object)
        return finding if where is None else dataclasses.replace(finding, location=where)

    def _relation(self, name: str) -> Location | None:
        key = name.strip().lower().replace('"', "")
        if key in self.relations:
            return self.relations[key]
        # An unqualified object (plan and history rules often name `orders`) matches the one
        # table of that name; two schemas with one makes it ambiguous: no location.
        if "." not in key:
            hits = [loc for full, loc in self.relations.items() if full.rsplit(".", 1)[-1] == key]
            return hits[0] if len(hits) == 1 else None
        return None

    def _index(self, name: str) -> Location | None:
        from advisor.dsl.mapping import patterns_overlap

        for pattern, location in self.indices:
            if patterns_overlap(name, pattern):
                return location
        return None


def gather(
    ddl: Sequence[Path] = (),
    requests: Sequence[Path] = (),
    mappings: Mapping[str, Path] | None = None,
) -> Places:
    """The definitions in the SQL files and folders `ddl`, the request files `requests` and
    the configured mapping files; a file that cannot be read or parsed defines nothing."""
    relations: dict[str, Location] = {}
    for path in _sql_files(ddl):
        for name, location in _creates(path):
            relations.setdefault(name, location)
    indices: list[tuple[str, Location]] = []
    for pattern, file in (mappings or {}).items():
        if file.is_file():
            indices.append((pattern, Location(file.as_posix(), 1, 1, 1, 1)))
    for pattern, location in _request_indices(requests):
        indices.append((pattern, location))
    return Places(relations, tuple(indices))


def _sql_files(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in _SQL_SUFFIXES))
        elif path.is_file():
            found.append(path)
    return found


def _creates(path: Path) -> list[tuple[str, Location]]:
    """(qualified name in lower case, location of the name) of each CREATE in the file."""
    from sqlglot import exp

    from advisor.sql.dialect import parse_one
    from advisor.sql.parse import parse_source

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    parsed = parse_source(SourceText.of(path.as_posix(), text), parse_one, "redshift")
    out: list[tuple[str, Location]] = []
    for stmt in parsed.statements:
        tree = stmt.tree
        if not isinstance(tree, exp.Create):
            continue
        target = tree.this
        table = target if isinstance(target, exp.Table) else target.find(exp.Table)
        if not isinstance(table, exp.Table) or not table.name:
            continue
        parts = [p.name for p in table.parts if p.name]
        name = ".".join(parts).lower()
        first, last = table.parts[0].meta, table.parts[-1].meta
        start, end = first.get("start"), last.get("end")
        span = (start, end) if isinstance(start, int) and isinstance(end, int) else None
        out.append((name, stmt.locate(span)))
    return out


def _request_indices(paths: Sequence[Path]) -> list[tuple[str, Location]]:
    from advisor import engine_dsl

    out: list[tuple[str, Location]] = []
    for path in paths:
        read = engine_dsl.read_file(path)
        if not isinstance(read, list):
            continue
        for request in read:
            line = request.location
            where = Location(line.path, line.line, line.column, line.line, line.column)
            out.extend((index, where) for index in request.indices if index)
    return out

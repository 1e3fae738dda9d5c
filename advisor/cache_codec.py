"""Findings, parse problems and catalog parts as JSON data, for the lint cache.

JSON rather than pickle: a cache folder is a file tree anyone may have written (a checked-in
or restored CI cache), and reading it must never run code. Every reader raises `ValueError`
(or `KeyError`/`TypeError`) on data it does not understand; the cache treats that as a miss.
"""

from __future__ import annotations

from typing import Any

from advisor.model import (
    ColumnInfo,
    Evidence,
    Finding,
    Fix,
    FixKind,
    FixSafety,
    Location,
    ParseProblem,
    Severity,
    TableInfo,
    TextEdit,
)
from advisor.sql.catalog import CatalogPart

_SCALARS = (str, int, float, bool, type(None))


def location_data(loc: Location | None) -> list[Any] | None:
    return None if loc is None else [loc.path, loc.line, loc.column, loc.end_line, loc.end_column]


def location_from(data: Any) -> Location | None:
    if data is None:
        return None
    path, line, column, end_line, end_column = data
    return Location(_str(path), _int(line), _int(column), _int(end_line), _int(end_column))


def finding_data(f: Finding) -> dict[str, Any]:
    fix = f.fix
    return {
        "rule_id": f.rule_id,
        "severity": f.severity.label,
        "message": f.message,
        "location": location_data(f.location),
        "object": f.object,
        "evidence": [[k, v] for k, v in f.evidence.items],
        "fix": None
        if fix is None
        else {
            "title": fix.title,
            "safety": fix.safety.value,
            "kind": fix.kind.value,
            "content": fix.content,
            "edits": [
                [e.path, e.start, e.end, e.replacement, location_data(e.span)] for e in fix.edits
            ],
        },
        "anchor": f.anchor,
        "source": f.source,
    }


def finding_from(data: dict[str, Any]) -> Finding:
    fix = data["fix"]
    evidence = []
    for key, value in data["evidence"]:
        if not isinstance(value, _SCALARS):
            raise ValueError("evidence value is not a scalar")
        evidence.append((_str(key), value))
    return Finding(
        rule_id=_str(data["rule_id"]),
        severity=Severity.parse(_str(data["severity"])),
        message=_str(data["message"]),
        location=location_from(data["location"]),
        object=_opt_str(data["object"]),
        evidence=Evidence(tuple(evidence)),
        fix=None
        if fix is None
        else Fix(
            title=_str(fix["title"]),
            safety=FixSafety(fix["safety"]),
            kind=FixKind(fix["kind"]),
            content=_str(fix["content"]),
            edits=tuple(_edit_from(e) for e in fix["edits"]),
        ),
        anchor=_str(data["anchor"]),
        source=_str(data["source"]),
    )


def _edit_from(data: Any) -> TextEdit:
    path, start, end, replacement, span = data
    where = location_from(span)
    if where is None:
        raise ValueError("edit without a span")
    return TextEdit(_str(path), _int(start), _int(end), _str(replacement), where)


def problem_data(p: ParseProblem) -> list[Any]:
    return [p.path, p.message, location_data(p.location), p.decoding]


def problem_from(data: Any) -> ParseProblem:
    path, message, loc, decoding = data
    return ParseProblem(_str(path), _str(message), location_from(loc), bool(decoding))


def _column_data(c: ColumnInfo) -> list[Any]:
    return [c.name, c.type, c.encoding, c.distkey, c.sortkey_position, c.not_null, c.identity]


def _column_from(data: Any) -> ColumnInfo:
    name, kind, encoding, distkey, position, not_null, identity = data
    return ColumnInfo(
        _str(name), _str(kind), _opt_str(encoding), bool(distkey), _int(position),
        bool(not_null), bool(identity),
    )  # fmt: skip


def table_data(t: TableInfo) -> list[Any]:
    """A table as a list of its fields in order (a project has thousands: names repeated in
    every table would double what the cache reads)."""
    return [
        t.schema, t.name, [_column_data(c) for c in t.columns], t.diststyle, t.distkey,
        list(t.sortkey), t.sortkey_style, t.external, list(t.partition_keys),
        list(t.primary_key), location_data(t.location), t.foreign_key, t.storage_format,
        [list(p) for p in t.properties],
    ]  # fmt: skip


def table_from(data: Any) -> TableInfo:
    (
        schema, name, columns, diststyle, distkey, sortkey, sortkey_style, external,
        partition_keys, primary_key, location, foreign_key, storage_format, properties,
    ) = data  # fmt: skip
    return TableInfo(
        _opt_str(schema), _str(name), tuple(map(_column_from, columns)), _opt_str(diststyle),
        _opt_str(distkey), _strs(sortkey), _opt_str(sortkey_style), bool(external),
        _strs(partition_keys), _strs(primary_key), location_from(location), bool(foreign_key),
        _opt_str(storage_format), tuple((_str(k), _str(v)) for k, v in properties),
    )  # fmt: skip


def _strs(values: Any) -> tuple[str, ...]:
    out = tuple(values)
    if not all(type(v) is str for v in out):
        raise ValueError("expected strings")
    return out


def part_data(part: CatalogPart) -> dict[str, Any]:
    """A catalog part without its failures (those are saved as findings)."""
    return {
        "path": part.path,
        "search_path": list(part.search_path),
        "tables": [table_data(t) for t in part.tables],
        "relations": [list(r) for r in part.relations],
        "analyzed": part.analyzed,
        "external_schemas": [list(e) for e in part.external_schemas],
        "writes": [list(w) for w in part.writes],
        "joins": [list(j) for j in part.joins],
    }


def part_from(data: dict[str, Any]) -> CatalogPart:
    return CatalogPart(
        path=_str(data["path"]),
        search_path=tuple(_str(s) for s in data["search_path"]),
        tables=[table_from(t) for t in data["tables"]],
        relations=[(_str(k), _str(b), _str(label)) for k, b, label in data["relations"]],
        analyzed=[_str(a) for a in data["analyzed"]],
        external_schemas=[(_str(s), _str(k)) for s, k in data["external_schemas"]],
        writes=[(_opt_str(s), _str(n)) for s, n in data["writes"]],
        joins=[(_opt_str(s), _str(n)) for s, n in data["joins"]],
    )


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {type(value).__name__}")
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"expected an integer, got {type(value).__name__}")
    return value

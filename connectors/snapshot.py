"""Versioned JSON snapshots of what a live run read, for offline runs that give the same findings.

The file is one JSON object: `{"format": "advisor-snapshot", "version": 1, "postgres": {...}}`;
other sources add their own top-level section (`redshift`, `opensearch`) and sections a reader
does not know are kept as they are. Model objects are written field by field (dataclass field
names as keys) and read back with their declared types, so a snapshot round-trips exactly.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from advisor import atomic, validate
from advisor.errors import SnapshotFileError
from advisor.model_opensearch import OsSnapshot
from advisor.model_postgres import PgSnapshot
from advisor.model_redshift import RsSnapshot

FORMAT = "advisor-snapshot"
VERSION = 1

T = TypeVar("T")


class SnapshotError(SnapshotFileError, ValueError):
    """A snapshot file that cannot be read: not JSON, another format, or a newer version."""


def encode(value: Any) -> Any:
    """A model object as plain JSON data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    return value


def decode(cls: type[T], data: Any, path: str = "$") -> T:
    """The model object of type `cls` that `encode` turned into `data`, checked field by field
    against its declared types and limits (`advisor.validate`): a SnapshotError names the JSON
    path of the first field that is not as declared."""
    try:
        return validate.decode(cls, data, path)
    except validate.InvalidData as err:
        raise SnapshotError(f"invalid snapshot at {err.path}: {err.problem}") from None
    except RecursionError:
        raise SnapshotError(f"invalid snapshot at {path}: nested too deeply") from None


def document(
    sections: Mapping[str, Any], partial: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The whole snapshot document; sections are model objects or already-encoded data.
    `partial` names the sections whose read failed (with the reason): such a snapshot is
    incomplete, and replaying it says so."""
    out: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    if partial:
        out["partial"] = dict(partial)
    for name, section in sections.items():
        if section is not None:
            out[name] = encode(section)
    return out


def snapshot_text(sections: Mapping[str, Any], partial: Mapping[str, str] | None = None) -> str:
    """The snapshot document as the text of its file."""
    return json.dumps(document(sections, partial), indent=1, sort_keys=False) + "\n"


def save(
    path: Path,
    *,
    postgres: PgSnapshot | None = None,
    partial: Mapping[str, str] | None = None,
    **others: Any,
) -> None:
    """Write the sections given (e.g. `opensearch=OsSnapshot`) as one snapshot document, in
    one step (a failed write leaves the old file as it was)."""
    atomic.write_text(path, snapshot_text({"postgres": postgres, **others}, partial))


MAX_BYTES = 512 * 1024 * 1024  # a snapshot larger than this is refused before it is read


def _kind_of(value: Any) -> str:
    return "a list" if isinstance(value, list) else "an object"


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def load_document(path: Path) -> dict[str, Any]:
    """The snapshot document of a file: JSON, the right format and a supported version."""
    where = path.as_posix()
    try:
        if path.stat().st_size > MAX_BYTES:
            raise SnapshotError(f"{where}: larger than {MAX_BYTES // 2**20} MB; not read")
        data = json.loads(path.read_text(encoding="utf-8"), parse_constant=_no_constant)
    except OSError as err:
        raise SnapshotError(f"{where}: cannot read: {err.strerror}") from None
    except RecursionError:
        raise SnapshotError(f"{where}: not a JSON snapshot (nested too deeply)") from None
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError) as err:
        raise SnapshotError(f"{where}: not a JSON snapshot ({err})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SnapshotError(f'{where}: not an advisor snapshot (no "format": "{FORMAT}")')
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= VERSION:
        shown = repr(version) if isinstance(version, str | float | None) else str(version)
        if not isinstance(version, int | str | float | None):
            shown = _kind_of(version)
        raise SnapshotError(f"{where}: snapshot version {shown[:40]} is not supported")
    partial = data.get("partial")
    if partial is not None:
        try:
            validate.decode(dict[str, str], partial, "$.partial")
        except validate.InvalidData as err:
            raise SnapshotError(f"{where}: invalid snapshot at {err.path}: {err.problem}") from None
    return data


def _section(path: Path, name: str, cls: type[T]) -> T | None:
    section = load_document(path).get(name)
    if section is None:
        return None
    try:
        return decode(cls, section, f"$.{name}")
    except SnapshotError as err:
        raise SnapshotError(f"{path.as_posix()}: {err}") from None


def load_postgres(path: Path) -> PgSnapshot | None:
    """The PostgreSQL section of a snapshot file, or None when it has none."""
    return _section(path, "postgres", PgSnapshot)


def load_opensearch(path: Path) -> OsSnapshot | None:
    """The OpenSearch section of a snapshot file, or None when it has none; each index's
    mapping is checked to have the shape OpenSearch gives (objects of field objects)."""
    snapshot = _section(path, "opensearch", OsSnapshot)
    if snapshot is not None:
        for number, index in enumerate(snapshot.indices):
            problem = mapping_problem(index.mapping, f"$.opensearch.indices[{number}].mapping")
            if problem:
                raise SnapshotError(f"{path.as_posix()}: invalid snapshot at {problem}")
    return snapshot


def mapping_problem(mapping: Mapping[str, Any], where: str) -> str | None:
    """Where a mapping is not shaped as `GET _mapping` gives it (`properties` and `fields`
    objects whose values are field objects), or None; checked without recursion."""
    stack: list[tuple[Any, str]] = [(mapping, where)]
    while stack:
        node, at = stack.pop()
        for key in ("properties", "fields"):
            if key not in node:
                continue
            children = node[key]
            if not isinstance(children, dict):
                return f"{at}.{key}: expected an object of fields"
            for name, spec in children.items():
                if not isinstance(spec, dict):
                    return f"{at}.{key}.{name}: expected a field object"
                stack.append((spec, f"{at}.{key}.{name}"))
    return None


def load_redshift(path: Path) -> RsSnapshot | None:
    """The Redshift section of a snapshot file, or None when it has none."""
    return _section(path, "redshift", RsSnapshot)


SECTIONS: dict[str, type] = {
    "postgres": PgSnapshot,
    "opensearch": OsSnapshot,
    "redshift": RsSnapshot,
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a snapshot file of this version (published in docs/)."""
    defs: dict[str, Any] = {}
    properties: dict[str, Any] = {
        "format": {"const": FORMAT},
        "version": {"type": "integer", "minimum": 1, "maximum": VERSION},
        "partial": {
            "description": "Sections whose read failed, with the reason: the snapshot is "
            "incomplete, and replaying it exits with code 2.",
            "type": "object",
            "additionalProperties": {"type": "string"},
        },
    }
    for name, cls in SECTIONS.items():
        schema = validate.json_schema(cls)
        defs.update(schema.pop("$defs"))
        properties[name] = {"anyOf": [schema, {"type": "null"}]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"advisor-snapshot-v{VERSION}.json",
        "title": "advisor snapshot",
        "description": "What a live read of PostgreSQL, OpenSearch and Redshift returned, for "
        "offline `advisor analyze --snapshot`. Sections a reader does not know are ignored.",
        "type": "object",
        "required": ["format", "version"],
        "properties": properties,
        "$defs": dict(sorted(defs.items())),
    }

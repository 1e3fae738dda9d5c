"""Versioned JSON snapshots of what a live run read, for offline runs that give the same findings.

The file is one JSON object: `{"format": "advisor-snapshot", "version": 1, "postgres": {...}}`;
other sources add their own top-level section (`redshift`, `opensearch`) and sections a reader
does not know are kept as they are. Model objects are written field by field (dataclass field
names as keys) and read back with their declared types, so a snapshot round-trips exactly.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
import typing
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from advisor import model
from advisor.model_opensearch import OsSnapshot
from advisor.model_postgres import PgSnapshot
from advisor.model_redshift import RsSnapshot

FORMAT = "advisor-snapshot"
VERSION = 1

T = TypeVar("T")


class SnapshotError(ValueError):
    """A snapshot file that cannot be read: not JSON, another format, or a newer version."""


def encode(value: Any) -> Any:
    """A model object as plain JSON data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    return value


def decode(cls: type[T], data: Any) -> T:
    """The model object of type `cls` that `encode` turned into `data`."""
    return typing.cast(T, _decode(cls, data, cls.__name__))


@cache
def _hints(cls: type) -> dict[str, Any]:
    # Names resolve in the module that declares the class (advisor.model, model_opensearch).
    return typing.get_type_hints(cls, {**vars(model), **vars(sys.modules[cls.__module__])})


def _decode(tp: Any, data: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        if data is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _decode(inner[0], data, where) if len(inner) == 1 else data
    if origin is tuple:
        args = typing.get_args(tp)
        if not isinstance(data, list):
            raise SnapshotError(f"{where}: expected a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v, f"{where}[{i}]") for i, v in enumerate(data))
        return tuple(
            _decode(a, v, f"{where}[{i}]") for i, (a, v) in enumerate(zip(args, data, strict=False))
        )
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(data, Mapping):
            raise SnapshotError(f"{where}: expected an object")
        hints = _hints(tp)
        names = {f.name for f in dataclasses.fields(tp)}
        return tp(
            **{k: _decode(hints[k], v, f"{where}.{k}") for k, v in data.items() if k in names}
        )
    if tp is float and isinstance(data, int):
        return float(data)
    return data


def document(sections: Mapping[str, Any]) -> dict[str, Any]:
    """The whole snapshot document; sections are model objects or already-encoded data."""
    out: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for name, section in sections.items():
        if section is not None:
            out[name] = encode(section)
    return out


def save(path: Path, *, postgres: PgSnapshot | None = None, **others: Any) -> None:
    """Write the sections given (e.g. `opensearch=OsSnapshot`) as one snapshot document."""
    text = json.dumps(document({"postgres": postgres, **others}), indent=1, sort_keys=False)
    path.write_text(text + "\n", encoding="utf-8")


def load_document(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise SnapshotError(f"{path}: cannot read: {err.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise SnapshotError(f"{path}: not a JSON snapshot ({err})") from None
    except RecursionError:
        raise SnapshotError(f"{path}: not a JSON snapshot (nested too deeply)") from None
    except ValueError as err:  # an integer of more digits than Python converts
        raise SnapshotError(f"{path}: not a JSON snapshot ({err})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SnapshotError(f'{path}: not an advisor snapshot (no "format": "{FORMAT}")')
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION or version < 1:
        raise SnapshotError(f"{path}: snapshot version {version!r} is not supported")
    return data


def load_postgres(path: Path) -> PgSnapshot | None:
    """The PostgreSQL section of a snapshot file, or None when it has none."""
    section = load_document(path).get("postgres")
    if section is None:
        return None
    try:
        return decode(PgSnapshot, section)
    except (TypeError, KeyError, ValueError) as err:
        raise SnapshotError(f"{path}: invalid postgres section: {err}") from None


def load_opensearch(path: Path) -> OsSnapshot | None:
    """The OpenSearch section of a snapshot file, or None when it has none."""
    section = load_document(path).get("opensearch")
    if section is None:
        return None
    try:
        return decode(OsSnapshot, section)
    except (TypeError, KeyError, ValueError) as err:
        raise SnapshotError(f"{path}: invalid opensearch section: {err}") from None


def load_redshift(path: Path) -> RsSnapshot | None:
    """The Redshift section of a snapshot file, or None when it has none."""
    section = load_document(path).get("redshift")
    if section is None:
        return None
    try:
        return decode(RsSnapshot, section)
    except (TypeError, KeyError, ValueError) as err:
        raise SnapshotError(f"{path}: invalid redshift section: {err}") from None

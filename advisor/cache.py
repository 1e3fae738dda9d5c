"""The lint cache: a file's catalog part and findings, kept between runs in `.advisor_cache/`.

An entry is found by a key over the file's path and bytes and the run's key: the advisor's
version and code, sqlglot's version, the resolved configuration and the rules that run. Its
findings are reused only when the catalog entries they read (recorded while the file was
linted, see `watch`) still have the same digests: editing one DDL file re-lints exactly the
files whose rules looked that table up. The folder holds a `CACHEDIR.TAG` and a `.gitignore`
of `*`, as Ruff's does. An entry that cannot be read, is not ours or is for another key is a
miss, never an error; a cache that cannot be written is skipped in silence.

Beside the entries, one parts file holds the catalog share of every file of the last run, so
that a run which lints a few files of a large repository (`--changed`) reads one file for the
catalog instead of an entry per file; a file's findings are decoded only when it is linted.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from advisor import __version__, cache_codec
from advisor.model import Catalog, ColumnInfo, Finding, Location, ParseProblem, TableInfo
from advisor.sql.catalog import CatalogPart

CACHE_DIR_NAME = ".advisor_cache"
FORMAT = "advisor-lint-cache"
FORMAT_VERSION = 2
PARTS_FILE = "parts.json"
# Keys by which the parts file may differ from a run's before it is written again.
PARTS_SLACK = 16
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by the advisor.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
# A dependency on the whole of a catalog field (the rule iterated it), or on its size.
ALL = "*"
NONEMPTY = "#nonempty"
Dependency = tuple[str, str, str]  # (catalog field, key or ALL/NONEMPTY, digest)


@dataclass(slots=True)
class CacheEntry:
    """What is kept of one file: enough to rebuild its share of a run without parsing it."""

    part: CatalogPart
    statements: int
    read_problem: ParseProblem | None = None
    parse_problems: list[ParseProblem] = field(default_factory=list)
    catalog_findings: list[Finding] = field(default_factory=list)
    # The findings of the file's statements and the catalog entries they read; None when the
    # file was read (for the catalog) but not linted.
    findings: list[Finding] | None = None
    deps: list[Dependency] = field(default_factory=list)
    # The findings as read from the cache, as JSON text: decoded by `stored_findings` only
    # for a file that is linted (most of a `--changed` run's files are read for the catalog).
    findings_text: str | None = None
    # Read from the parts file: the catalog share only, no findings nor dependencies.
    partial: bool = False

    def stored_findings(self) -> list[Finding] | None:
        """The findings kept for the file; None when there are none or they cannot be read."""
        if self.findings is None and self.findings_text is not None:
            try:
                self.findings = [
                    cache_codec.finding_from(f) for f in json.loads(self.findings_text)
                ]
            except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
                self.findings_text = None
        return self.findings


class LintCache:
    """One cache folder, for one run key."""

    def __init__(self, folder: Path, run_key: str) -> None:
        self.folder = folder
        self.run_key = run_key
        self.writable = True
        self._entries = folder / f"lint-v{FORMAT_VERSION}"
        self._parts: dict[str, Any] | None = None
        self._parts_keys: frozenset[str] | None = None

    @classmethod
    def open(cls, folder: Path, run_key: str) -> LintCache:
        cache = cls(folder, run_key)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tag = folder / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text(_TAG, encoding="utf-8")
            ignore = folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by the advisor.\n*\n", encoding="utf-8")
            cache._entries.mkdir(exist_ok=True)
        except OSError:
            cache.writable = False
        return cache

    def key(self, path: str, data: bytes) -> str:
        digest = hashlib.sha256(self.run_key.encode())
        digest.update(b"\0" + path.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def has(self, key: str) -> bool:
        """Whether an entry is stored under `key` (it may still turn out unreadable)."""
        return (self._entries / key[:2] / f"{key}.json").is_file()

    def load(self, key: str) -> CacheEntry | None:
        """The entry stored under `key`, or None (absent, unreadable, corrupt or foreign)."""
        try:
            raw = (self._entries / key[:2] / f"{key}.json").read_bytes()
            data = json.loads(raw)
            if data.get("format") != FORMAT or data.get("key") != key:
                return None
            return _entry_from(data)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None

    def store(self, key: str, entry: CacheEntry) -> None:
        if not self.writable:
            return
        data = {"format": FORMAT, "key": key, **_entry_data(entry)}
        self._write(self._entries / key[:2], f"{key}.json", data)

    def _write(self, folder: Path, name: str, data: Any) -> None:
        """`data` as JSON in `folder/name`, replaced at once; a failure stops all writing."""
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        try:
            folder.mkdir(exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{name[:8]}.", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write(text)
                os.replace(temp, folder / name)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
        except OSError:
            self.writable = False

    def from_parts(self, key: str) -> CacheEntry | None:
        """The catalog share of the entry under `key` (its findings and dependencies left out,
        `partial` set), from the parts file of the last run, read once; None when not there.

        A run that lints a few files of many (`--changed`) reads the others only for their
        part of the catalog: one file of every part is much faster to read than an entry each.
        """
        if self._parts is None:
            self._parts = self._read_parts()
        data = self._parts.pop(key, None)  # each file is read once: let go of its data
        if data is None:
            return None
        try:
            entry = _entry_from({**data, "findings": None, "deps": []})
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None
        entry.partial = True
        return entry

    def _read_parts(self) -> dict[str, Any]:
        try:
            data = json.loads((self._entries / PARTS_FILE).read_bytes())
            if data.get("format") != FORMAT or data.get("run") != self.run_key:
                return {}
            entries = data["entries"]
            if not isinstance(entries, dict):
                return {}
            self._parts_keys = frozenset(entries)
            return entries
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return {}

    def store_parts(self, entries: Mapping[str, CacheEntry]) -> None:
        """The parts file for the next run: the catalog share of each of these entries (those
        of one run's files, so the file stays the size of the repository). Not rewritten when
        it was read in this process and differs from these keys in only a few: the entries
        of a few edited files are read from their own files until then."""
        if not self.writable:
            return
        if self._parts_keys is not None:
            differ = len(self._parts_keys.symmetric_difference(entries))
            if differ <= max(PARTS_SLACK, len(entries) // 20):
                return
        data = {
            "format": FORMAT,
            "run": self.run_key,
            "entries": {
                key: {k: v for k, v in _entry_data(entry).items() if k not in ("findings", "deps")}
                for key, entry in sorted(entries.items())
            },
        }
        self._write(self._entries, PARTS_FILE, data)


def _entry_data(entry: CacheEntry) -> dict[str, Any]:
    return {
        "part": cache_codec.part_data(entry.part),
        "statements": entry.statements,
        "read_problem": None
        if entry.read_problem is None
        else cache_codec.problem_data(entry.read_problem),
        "parse_problems": [cache_codec.problem_data(p) for p in entry.parse_problems],
        "catalog_findings": [cache_codec.finding_data(f) for f in entry.catalog_findings],
        "findings": None
        if entry.findings is None
        else json.dumps(
            [cache_codec.finding_data(f) for f in entry.findings],
            ensure_ascii=False,
            separators=(",", ":"),
        ),
        "deps": [list(d) for d in entry.deps],
    }


def _entry_from(data: dict[str, Any]) -> CacheEntry:
    statements = data["statements"]
    if not isinstance(statements, int):
        raise ValueError("statements is not a count")
    found = data["findings"]
    if found is not None and not isinstance(found, str):
        raise ValueError("findings are not JSON text")
    deps: list[Dependency] = []
    for name, key, digest in data["deps"]:
        if not all(isinstance(x, str) for x in (name, key, digest)):
            raise ValueError("dependency is not three strings")
        deps.append((name, key, digest))
    read_problem = data["read_problem"]
    return CacheEntry(
        part=cache_codec.part_from(data["part"]),
        statements=statements,
        read_problem=None if read_problem is None else cache_codec.problem_from(read_problem),
        parse_problems=[cache_codec.problem_from(p) for p in data["parse_problems"]],
        catalog_findings=[cache_codec.finding_from(f) for f in data["catalog_findings"]],
        deps=deps,
        findings_text=found,
    )


def run_key(config: object, rule_ids: Iterable[str]) -> str:
    """What every entry of a run depends on besides its file and the catalog."""
    import sqlglot

    parts = [
        FORMAT,
        str(FORMAT_VERSION),
        __version__,
        code_digest(),
        getattr(sqlglot, "__version__", "?"),
        f"{sys.version_info[0]}.{sys.version_info[1]}",
        canonical_text(config),
        ",".join(sorted(rule_ids)),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def code_digest() -> str:
    """Size and modification time of every module of the advisor and its rules: an edited
    rule (a development install) must not be answered from results of the old code."""
    import advisor
    import rules

    digest = hashlib.sha256()
    for package in (advisor, rules):
        for root in package.__path__:
            for folder, dirs, files in os.walk(root):
                dirs[:] = sorted(d for d in dirs if d != "__pycache__")
                for name in sorted(files):
                    if name.endswith(".py"):
                        info = os.stat(os.path.join(folder, name))
                        rel = os.path.relpath(os.path.join(folder, name), root)
                        digest.update(f"{rel}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.hexdigest()


def canonical(value: Any) -> Any:
    """A JSON-able form of `value` that does not depend on set or dict ordering."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind in _BY_REPR:
        return repr(value)
    names = _FIELD_NAMES.get(kind)
    if names is None and dataclasses.is_dataclass(kind):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(kind))
    if names is not None:
        return [kind.__name__, *(canonical(getattr(value, name)) for name in names)]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, Mapping):
        items = [[canonical(k), canonical(v)] for k, v in value.items()]
        return sorted(items, key=repr)
    if isinstance(value, set | frozenset):
        return sorted((canonical(v) for v in value), key=repr)
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if hasattr(value, "value") and hasattr(value, "name"):  # an Enum
        return [type(value).__name__, value.name]
    return repr(value)


_PLAIN = frozenset((str, int, float, bool, type(None)))
# Frozen records of scalars and tuples only: their repr is the same in every process (no set
# or hash order in it) and much faster to make than the generic form.
_BY_REPR = frozenset((TableInfo, ColumnInfo, Location))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def canonical_text(value: Any) -> str:
    return json.dumps(canonical(value), separators=(",", ":"), ensure_ascii=False)


def _digest(value: Any) -> str:
    return hashlib.sha256(canonical_text(value).encode()).hexdigest()[:20]


_MISSING = object()
CATALOG_FIELDS = tuple(f.name for f in fields(Catalog))


class _Watched(dict[str, Any]):
    """A catalog field that notes which keys are read (by the Python-level dict API)."""

    __slots__ = ("_name", "_seen")

    def __init__(self, name: str, data: Mapping[str, Any], seen: set[tuple[str, str]]) -> None:
        super().__init__(data)
        self._name = name
        self._seen = seen

    def get(self, key: str, default: Any = None) -> Any:
        self._seen.add((self._name, key))
        return super().get(key, default)

    def __getitem__(self, key: str) -> Any:
        self._seen.add((self._name, key))
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self._seen.add((self._name, str(key)))
        return super().__contains__(key)

    def __bool__(self) -> bool:
        self._seen.add((self._name, NONEMPTY))
        return super().__len__() > 0

    def __len__(self) -> int:
        self._seen.add((self._name, ALL))
        return super().__len__()

    def __iter__(self) -> Iterator[str]:
        self._seen.add((self._name, ALL))
        return super().__iter__()

    def keys(self) -> Any:
        self._seen.add((self._name, ALL))
        return super().keys()

    def values(self) -> Any:
        self._seen.add((self._name, ALL))
        return super().values()

    def items(self) -> Any:
        self._seen.add((self._name, ALL))
        return super().items()


class CatalogWatch:
    """A copy of the run's catalog whose reads are recorded, and the digests of what was read.

    Built once per process and run; `start()` before each file, `dependencies()` after it.
    """

    def __init__(self, catalog: Catalog) -> None:
        self.source = catalog
        self._seen: set[tuple[str, str]] = set()
        watched = {
            name: _Watched(name, getattr(catalog, name), self._seen) for name in CATALOG_FIELDS
        }
        self.catalog = Catalog(**watched)
        self._digests: dict[tuple[str, str], str] = {}

    def start(self) -> None:
        self._seen.clear()

    def dependencies(self) -> list[Dependency]:
        return sorted((name, key, self.digest(name, key)) for name, key in self._seen)

    def digest(self, name: str, key: str) -> str:
        known = self._digests.get((name, key))
        if known is None:
            data: dict[str, Any] = getattr(self.source, name)
            if key == ALL:
                # Of the digests of the entries, each also wanted on its own by some file.
                known = self._digests[(name, key)] = _digest(
                    sorted((str(k), self.digest(name, str(k))) for k in data)
                )
                return known
            value: Any
            if key == NONEMPTY:
                value = bool(data)
            else:
                value = data.get(key, _MISSING)
                value = "<missing>" if value is _MISSING else ["=", value]
            known = self._digests[(name, key)] = _digest(value)
        return known

    def unchanged(self, deps: Iterable[Dependency]) -> bool:
        """Whether every catalog entry a cached result read still has the same digest."""
        return all(
            name in CATALOG_FIELDS and self.digest(name, key) == digest
            for name, key, digest in deps
        )

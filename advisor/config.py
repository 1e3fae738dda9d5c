"""Configuration from `[tool.advisor]` in pyproject.toml or from advisor.toml.

The closest file to the linted paths wins (searching upwards from the first path); when one
directory holds both, advisor.toml is taken. Command-line options are applied on top.
"""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from advisor.model import Severity

DIALECTS = ("redshift", "postgres", "athena")
# How SQL files are rendered before parsing (advisor.sql.templater); `auto` picks per file.
TEMPLATERS = ("auto", "none", "placeholder", "jinja", "dbt")


class ConfigError(ValueError):
    """A configuration file or option that cannot be used; the CLI exits with code 2."""


@dataclass(frozen=True, slots=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    severity: Mapping[str, Severity] = field(default_factory=dict)
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    dialect: str = "redshift"
    templater: str = "auto"
    fail_on: Severity = Severity.LOW
    exclude: tuple[str, ...] = ()
    # OpenSearch index name pattern (wildcards allowed) -> mapping file, as `GET idx/_mapping`
    # returns it; relative paths are relative to the config file's folder.
    mappings: Mapping[str, Path] = field(default_factory=dict)
    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)

    def rule_enabled(self, rule_id: str) -> bool:
        if self.select and not _matches_any(rule_id, self.select):
            return False
        return not _matches_any(rule_id, self.ignore)

    def rule_selected(self, rule_id: str, default_on: bool = True) -> bool:
        """Whether a rule runs: enabled, and named by its exact id if it is off by default."""
        if not default_on and rule_id not in self.select:
            return False
        return self.rule_enabled(rule_id)

    def ignored_in_file(self, rule_id: str, path: str) -> bool:
        rel = _relative(path, self.root)
        for pattern, codes in self.per_file_ignores.items():
            if fnmatch.fnmatch(rel, pattern) and _matches_any(rule_id, codes):
                return True
        return False

    def excluded(self, path: str) -> bool:
        rel = _relative(path, self.root)
        return any(fnmatch.fnmatch(rel, p) for p in self.exclude)

    def options_for(self, rule_id: str, defaults: Mapping[str, Any]) -> dict[str, Any]:
        merged = dict(defaults)
        merged.update(self.rule_options.get(rule_id, {}))
        return merged

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _matches_any(rule_id: str, codes: Iterable[str]) -> bool:
    """A code selects itself and every id it prefixes: `RS` and `RS-Q` both match `RS-Q01`."""
    return any(rule_id == c or rule_id.startswith(c) for c in codes)


def _relative(path: str, root: Path) -> str:
    p = Path(path)
    try:
        return p.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def find_config_file(start: Path) -> Path | None:
    """The closest advisor.toml, or pyproject.toml with a [tool.advisor] table."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        own = folder / "advisor.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_advisor_table(pyproject):
            return pyproject
    return None


def _has_advisor_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False
    return isinstance(data.get("tool"), dict) and "advisor" in data["tool"]


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    path = explicit if explicit is not None else find_config_file(start or Path.cwd())
    if path is None:
        return Config(root=(start or Path.cwd()).resolve())
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(f"{path}: cannot read: {err.strerror}") from err
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML: {err}") from err
    table = data.get("tool", {}).get("advisor", {}) if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.advisor] must be a table")
    return from_mapping(table, path)


_KNOWN_KEYS = {
    "select",
    "ignore",
    "per-file-ignores",
    "severity",
    "rules",
    "dialect",
    "templater",
    "fail-on",
    "exclude",
    "opensearch",
}


def from_mapping(table: Mapping[str, Any], path: Path | None = None) -> Config:
    where = str(path) if path else "config"
    unknown = sorted(set(table) - _KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s): {', '.join(unknown)}")
    dialect = str(table.get("dialect", "redshift")).lower()
    if dialect not in DIALECTS:
        raise ConfigError(f"{where}: unknown dialect {dialect!r} (expected {', '.join(DIALECTS)})")
    templater = str(table.get("templater", "auto")).lower()
    if templater not in TEMPLATERS:
        raise ConfigError(
            f"{where}: unknown templater {templater!r} (expected {', '.join(TEMPLATERS)})"
        )
    try:
        severity = {k.upper(): Severity.parse(str(v)) for k, v in _table(table, "severity").items()}
        fail_on = Severity.parse(str(table.get("fail-on", "warning")))
    except ValueError as err:
        raise ConfigError(f"{where}: {err}") from err
    rules = _table(table, "rules")
    options: dict[str, dict[str, Any]] = {}
    for rule_id, opts in rules.items():
        if not isinstance(opts, dict):
            raise ConfigError(f"{where}: [rules.{rule_id}] must be a table of options")
        options[rule_id.upper()] = {k.replace("-", "_"): v for k, v in opts.items()}
    per_file = {
        pattern: _codes(codes, f"{where}: per-file-ignores[{pattern!r}]")
        for pattern, codes in _table(table, "per-file-ignores").items()
    }
    base = path.parent if path else Path.cwd()
    opensearch = _table(table, "opensearch")
    mappings = {
        str(pattern): (base / str(file)).resolve()
        for pattern, file in _table(opensearch, "mappings").items()
    }
    return Config(
        mappings=mappings,
        select=_codes(table.get("select", []), f"{where}: select"),
        ignore=_codes(table.get("ignore", []), f"{where}: ignore"),
        per_file_ignores=per_file,
        severity=severity,
        rule_options=options,
        dialect=dialect,
        templater=templater,
        fail_on=fail_on,
        exclude=tuple(str(p) for p in table.get("exclude", [])),
        path=path,
        root=(path.parent if path else Path.cwd()).resolve(),
    )


def _table(table: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"`{key}` must be a table")
    return value


def _codes(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of rule ids or prefixes")
    return tuple(v.strip().upper() for v in value)

"""Configuration from `[tool.advisor]` in pyproject.toml or from advisor.toml.

The closest file to the linted paths wins (searching upwards from the first path); when one
directory holds both, advisor.toml is taken. Command-line options are applied on top.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from advisor.config_schema import (
    DIALECTS,
    LIMIT_KEYS,
    TEMPLATERS,
    ConfigError,
    Where,
    check_option,
    check_table,
    closest,
    code_candidates,
    key_lines,
    shown,
)
from advisor.model import Limits, RuleMeta, Severity

__all__ = [
    "DIALECTS",
    "TEMPLATERS",
    "Config",
    "ConfigError",
    "check_rules",
    "from_mapping",
    "load_config",
]


@dataclass(frozen=True, slots=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    severity: Mapping[str, Severity] = field(default_factory=dict)
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    dialect: str = "redshift"
    # How SQL files are rendered before parsing (advisor.sql.templater); `auto` picks per file.
    templater: str = "auto"
    fail_on: Severity = Severity.LOW
    exclude: tuple[str, ...] = ()
    # OpenSearch index name pattern (wildcards allowed) -> mapping file, as `GET idx/_mapping`
    # returns it; relative paths are relative to the config file's folder.
    mappings: Mapping[str, Path] = field(default_factory=dict)
    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    limits: Limits = field(default_factory=Limits)
    # Follow symbolic links that lead out of the linted folders (off: they are reported).
    follow_symlinks: bool = False
    # Skip what git ignores below the linted folders (`--no-respect-gitignore`: lint it too).
    respect_gitignore: bool = True
    # `[impact]`: prices and window of cost figures (config_schema.IMPACT_KEYS, `-` as `_`).
    prices: Mapping[str, float] = field(default_factory=dict)
    # Where each setting came from, for error messages: dotted key -> `file:line` or `--option`.
    origins: Mapping[str, str] = field(default_factory=dict)

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
        if not self.per_file_ignores:
            return False
        rel = _relative(path, self.root)
        for pattern, codes in self.per_file_ignores.items():
            if fnmatch.fnmatch(rel, pattern) and _matches_any(rule_id, codes):
                return True
        return False

    def excluded(self, path: str) -> bool:
        if not self.exclude:
            return False
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


@lru_cache(maxsize=4096)
def _relative(path: str, root: Path) -> str:
    p = Path(path)
    try:
        return p.resolve().relative_to(_resolved(root)).as_posix()
    except ValueError:
        return p.as_posix()


def _resolved(root: Path) -> Path:
    return _resolved_absolute(root) if root.is_absolute() else root.resolve()


@lru_cache(maxsize=64)
def _resolved_absolute(root: Path) -> Path:
    return root.resolve()


def find_config_file(start: Path) -> Path | None:
    """The closest advisor.toml, or pyproject.toml with a [tool.advisor] table.

    A pyproject.toml that is not valid TOML is an error, not a file without a table: a typo
    there must not mean "no configuration".
    """
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
        text = path.read_bytes()
    except OSError:
        return False
    # Parsed even when it does not mention the advisor: a pyproject.toml that is not valid
    # TOML breaks every tool that reads it, and a typo there must not pass as "no config".
    data = _parse_toml(path, _decode(path, text))
    return isinstance(data.get("tool"), dict) and "advisor" in data["tool"]


def _decode(path: Path, data: bytes) -> str:
    """Config files are UTF-8 (a byte order mark is allowed); anything else is a clear error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ConfigError(f"{path}: the file is UTF-16; save it as UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ConfigError(
            f"{path}:{line}: not valid UTF-8 (byte 0x{data[err.start]:02x}); save it as UTF-8"
        ) from None


def _parse_toml(path: Path, text: str) -> dict[str, Any]:
    import tomllib  # a run with no configuration file never needs the parser

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML: {err}") from err
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    path = explicit if explicit is not None else find_config_file(start or Path.cwd())
    if path is None:
        return Config(root=(start or Path.cwd()).resolve())
    try:
        if not path.is_file():
            raise ConfigError(f"{path}: not a regular file")
        raw = path.read_bytes()
    except OSError as err:
        raise ConfigError(f"{path}: cannot read: {err.strerror}") from err
    text = _decode(path, raw)
    data = _parse_toml(path, text)
    prefix = "tool.advisor." if path.name == "pyproject.toml" else ""
    table = data.get("tool", {}).get("advisor", {}) if prefix else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.advisor] must be a table")
    return from_mapping(table, path, key_lines(text, prefix))


def from_mapping(
    table: Mapping[str, Any], path: Path | None = None, lines: Mapping[str, int] | None = None
) -> Config:
    where = Where(str(path) if path else "config", lines or {})
    check_table(table, where)
    dialect = str(table.get("dialect", "redshift")).strip().lower()
    templater = str(table.get("templater", "auto")).strip().lower()
    severity = {
        k.strip().upper(): Severity.parse(str(v)) for k, v in _table(table, "severity").items()
    }
    fail_on = Severity.parse(str(table.get("fail-on", "warning")))
    options: dict[str, dict[str, Any]] = {}
    origins: dict[str, str] = {}
    for rule_id, opts in _table(table, "rules").items():
        key = rule_id.strip().upper()
        options[key] = {k.replace("-", "_"): v for k, v in opts.items()}
        origins[f"rules.{key}"] = where(f"rules.{rule_id}")
        for name in opts:
            origins[f"rules.{key}.{name.replace('-', '_')}"] = where(f"rules.{rule_id}.{name}")
    for rule_id in _table(table, "severity"):
        origins[f"severity.{rule_id.strip().upper()}"] = where(f"severity.{rule_id}")
    per_file = {
        pattern: _codes(codes) for pattern, codes in _table(table, "per-file-ignores").items()
    }
    for pattern in per_file:
        origins[f"per-file-ignores.{pattern}"] = where(f"per-file-ignores.{pattern}")
    for name in ("select", "ignore"):
        origins[name] = where(name)
    base = path.parent if path else Path.cwd()
    opensearch = _table(table, "opensearch")
    mappings = {
        str(pattern): (base / str(file)).resolve()
        for pattern, file in _table(opensearch, "mappings").items()
    }
    for pattern in mappings:
        origins[f"opensearch.mappings.{pattern}"] = where(f"opensearch.mappings.{pattern}")
    limits = Limits(**{k.replace("-", "_"): table[k] for k in LIMIT_KEYS if k in table})
    exclude = table.get("exclude", [])
    prices = {k.replace("-", "_"): float(v) for k, v in _table(table, "impact").items()}
    return Config(
        mappings=mappings,
        select=_codes(table.get("select", [])),
        ignore=_codes(table.get("ignore", [])),
        per_file_ignores=per_file,
        severity=severity,
        rule_options=options,
        dialect=dialect,
        templater=templater,
        fail_on=fail_on,
        exclude=tuple([exclude] if isinstance(exclude, str) else exclude),
        path=path,
        root=(path.parent if path else Path.cwd()).resolve(),
        limits=limits,
        prices=prices,
        origins=origins,
    )


def _table(table: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = table.get(key, {})
    return value if isinstance(value, dict) else {}


def _codes(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    return tuple(v.strip().upper() for v in value if v.strip())


def check_rules(config: Config, rules: Mapping[str, RuleMeta]) -> None:
    """Every rule id, prefix and option the configuration names must exist; options must fit
    their rule's declared type and range. Raises ConfigError naming the closest valid one."""
    ids = sorted(rules)
    codes = code_candidates(ids)
    named = [
        (config.origins.get(n, n), c) for n in ("select", "ignore") for c in getattr(config, n)
    ]
    for pattern, some in config.per_file_ignores.items():
        origin = config.origins.get(f"per-file-ignores.{pattern}", pattern)
        named.extend((origin, code) for code in some)
    for where, code in named:
        if not any(i == code or i.startswith(code) for i in ids):
            raise ConfigError(f"{where}: {code!r} matches no rule{closest(code, codes)}")
    for rule_id in config.severity:
        if rule_id not in rules:
            where = config.origins.get(f"severity.{rule_id}", f"severity.{rule_id}")
            raise ConfigError(f"{where}: no rule {rule_id!r}{closest(rule_id, ids)}")
    for rule_id, options in config.rule_options.items():
        meta = rules.get(rule_id)
        if meta is None:
            where = config.origins.get(f"rules.{rule_id}", f"rules.{rule_id}")
            raise ConfigError(f"{where}: no rule {rule_id!r}{closest(rule_id, ids)}")
        for name, value in options.items():
            where = config.origins.get(f"rules.{rule_id}.{name}", f"rules.{rule_id}.{name}")
            if name not in meta.options:
                known = ", ".join(meta.options) or "none"
                hint = closest(name, meta.options) or f" ({rule_id} options: {known})"
                raise ConfigError(f"{where}: {rule_id} has no option {name!r}{hint}")
            problem = check_option(meta.option_spec(name), value)
            if problem is not None:
                raise ConfigError(f"{where}: expected {problem}, got {shown(value)}")

"""A dbt project as the templater sees it: models, sources, vars, macros and model configs.

No warehouse and no dbt install are needed. `dbt_project.yml` gives the model, macro and
snapshot folders, the vars and the folder-level model configs; `sources:` in the YAML files under
the model folders give what `source()` resolves to; every model's relation is `schema.name`, the
schema and name being the model's configured `schema` and `alias` (in its `config()` call or in
`dbt_project.yml`), else the default `analytics` and the file's name. The Jinja context that
renders models is in `dbt_context`; a model renders as dbt would compile it on a first run,
except that `is_incremental()` is true for incremental models (their incremental filter is
linted), `execute` is false (nothing is read from a warehouse), and `env_var` never reads the
environment (its default, or its name).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from . import PROJECT_FILE

DEFAULT_SCHEMA = "analytics"
# `schema=`, `alias=` or a snapshot's `target_schema=` inside a model's config(...) call.
_CONFIG_NAMES = re.compile(r"config\s*\((?:[^()]|\([^()]*\))*?\)", re.S)
_CONFIG_ARG = re.compile(r"\b(schema|alias|target_schema)\s*=\s*['\"](\w+)['\"]")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


@dataclass(frozen=True, slots=True)
class Relation:
    """A table or view as dbt names it; prints as `schema.identifier`."""

    database: str | None
    schema: str | None
    identifier: str

    @property
    def name(self) -> str:
        return self.identifier

    @property
    def table(self) -> str:
        return self.identifier

    def include(self, **_: object) -> Relation:
        return self

    def render(self) -> str:
        return str(self)

    def __str__(self) -> str:
        return f"{self.schema}.{self.identifier}" if self.schema else self.identifier


@dataclass(slots=True)
class Project:
    root: Path
    name: str
    vars: dict[str, Any]
    model_paths: tuple[Path, ...]
    macro_paths: tuple[Path, ...]
    models_config: dict[str, Any]
    models: dict[str, Path] = field(default_factory=dict)
    sources: dict[tuple[str, str], Relation] = field(default_factory=dict)
    macro_files: tuple[Path, ...] = ()
    # Installed packages (`dbt deps` puts them in dbt_packages/): name -> their macro files.
    packages: dict[str, tuple[Path, ...]] = field(default_factory=dict)
    env: Any = None
    current: _Current | None = None

    def folder_config(self, path: Path) -> dict[str, Any]:
        """Configs from the `models:` tree of dbt_project.yml that apply to a model file."""
        out: dict[str, Any] = {}
        node: Any = self.models_config.get(self.name, self.models_config)
        parts = self._parts(path)
        _collect(node, out)
        for part in parts:
            if not isinstance(node, dict) or not isinstance(node.get(part), dict):
                break
            node = node[part]
            _collect(node, out)
        return out

    def _parts(self, path: Path) -> tuple[str, ...]:
        resolved = path.resolve()
        for base in self.model_paths:
            try:
                return resolved.parent.relative_to(base.resolve()).parts
            except ValueError:
                continue
        return ()

    def relation_of(self, model: str, path: Path | None = None) -> Relation:
        """`schema.name` of a model: its declared schema and alias, else the folder's, else
        the default schema and the model's name."""
        path = path or self.models.get(model)
        if path is None:
            return Relation("dev", DEFAULT_SCHEMA, model)
        declared = declared_names(path)
        folder = self.folder_config(path)
        schema = (
            declared.get("schema")
            or declared.get("target_schema")
            or folder.get("schema")
            or DEFAULT_SCHEMA
        )
        alias = declared.get("alias") or folder.get("alias") or model
        return Relation("dev", str(schema), str(alias))


def _collect(node: Any, out: dict[str, Any]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key.startswith("+"):
                out[key[1:]] = value
            elif not isinstance(value, dict):
                out[key] = value


@lru_cache(maxsize=1024)
def declared_names(path: Path) -> dict[str, str]:
    """The names a model file's config() call sets, read without rendering it."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    call = _CONFIG_NAMES.search(text)
    return {m.group(1): m.group(2) for m in _CONFIG_ARG.finditer(call.group())} if call else {}


@lru_cache(maxsize=16)
def load_project(root: Path) -> Project:
    """Read a dbt project once per run (the cache is keyed by its folder)."""
    data = _yaml(root / PROJECT_FILE)
    name = str(data.get("name") or root.name)
    model_paths = tuple(root / p for p in _paths(data, "model-paths", "models"))
    snapshot_paths = tuple(root / p for p in _paths(data, "snapshot-paths", "snapshots"))
    macro_paths = tuple(root / p for p in _paths(data, "macro-paths", "macros"))
    vars_ = _mapping(data.get("vars"))
    flat_vars = {k: v for k, v in vars_.items() if not isinstance(v, dict) or k != name}
    if isinstance(vars_.get(name), dict):
        flat_vars.update(vars_[name])
    models_config = _mapping(data.get("models"))
    project = Project(root, name, flat_vars, model_paths, macro_paths, models_config)
    for base in (*model_paths, *snapshot_paths):
        for file in sorted(base.rglob("*.sql")) if base.is_dir() else ():
            project.models.setdefault(file.stem, file)
    for base in model_paths:
        found = [*base.rglob("*.yml"), *base.rglob("*.yaml")] if base.is_dir() else []
        for file in sorted(found):
            _read_sources(_yaml(file), project.sources)
    project.macro_files = tuple(
        file for base in macro_paths if base.is_dir() for file in sorted(base.rglob("*.sql"))
    )
    for folder in ("dbt_packages", "dbt_modules"):
        installed = root / folder
        for package in sorted(installed.iterdir()) if installed.is_dir() else ():
            if not package.is_dir():
                continue
            meta = _yaml(package / PROJECT_FILE)
            files = tuple(
                file
                for base in _paths(meta, "macro-paths", "macros")
                if (package / base).is_dir()
                for file in sorted((package / base).rglob("*.sql"))
            )
            project.packages.setdefault(str(meta.get("name") or package.name), files)
    return project


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _paths(data: Mapping[str, Any], key: str, default: str) -> list[str]:
    value = data.get(key)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return [default]


def _yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _read_sources(data: Mapping[str, Any], into: dict[tuple[str, str], Relation]) -> None:
    for source in data.get("sources") or ():
        if not isinstance(source, dict) or not source.get("name"):
            continue
        src = str(source["name"])
        schema = str(source.get("schema") or src)
        database = source.get("database")
        for table in source.get("tables") or ():
            if isinstance(table, dict) and table.get("name"):
                ident = str(table.get("identifier") or table["name"])
                into[(src, str(table["name"]))] = Relation(database, schema, ident)


@dataclass(slots=True)
class _Current:
    """The model being rendered; the context's functions read it."""

    name: str
    relation: Relation
    config: dict[str, Any]
    config_at: tuple[int, int] | None = None


def model_context(project: Project, path: Path) -> _Current:
    """Start rendering the model at `path`: its relation and its folder-level config."""
    name = path.stem
    config = dict(project.folder_config(path))
    current = _Current(name, project.relation_of(name, path), config)
    project.current = current
    return current


def table_ddl_prefix(current: _Current) -> list[tuple[str, str | None]] | None:
    """`CREATE TABLE ... AS` for a table or incremental model with dist or sort configs.

    dbt-redshift builds such a model with exactly this statement, so the DDL rules see the
    model's keys as they would see them in a hand-written CREATE TABLE AS. The text comes in
    parts, each with the config key it stands for (`dist`, `sort`; None for the rest), so that
    a finding on the sort key points at the `sort=` argument.
    """
    config = current.config
    if str(config.get("materialized", "view")).lower() not in ("table", "incremental"):
        return None
    dist, sort = config.get("dist"), config.get("sort")
    if not dist and not sort:
        return None
    parts: list[tuple[str, str | None]] = [(f"CREATE TABLE {current.relation} ", None)]
    if isinstance(dist, str) and dist:
        style = dist.lower()
        if style in ("even", "all", "auto"):
            parts.append((f"DISTSTYLE {style.upper()}", "dist"))
        else:
            parts.append((f"DISTSTYLE KEY DISTKEY ({_quoted(dist)})", "dist"))
        parts.append((" ", None))
    columns = [sort] if isinstance(sort, str) else list(sort or ())
    columns = [str(c) for c in columns if c]
    if columns:
        kind = str(config.get("sort_type") or "compound").upper()
        kind = "INTERLEAVED" if kind == "INTERLEAVED" else "COMPOUND"
        parts.append((f"{kind} SORTKEY ({', '.join(_quoted(c) for c in columns)})", "sort"))
        parts.append((" ", None))
    parts.append(("AS\n", None))
    return parts


def _quoted(name: str) -> str:
    return name if _IDENT.fullmatch(name) else '"' + name.replace('"', '""') + '"'


def compiled_file(project: Project, path: Path) -> Path | None:
    """dbt's own compiled SQL of a model, when `target/` has a manifest and the file."""
    target = project.root / "target"
    if not (target / "manifest.json").is_file():
        return None
    try:
        rel = path.resolve().relative_to(project.root.resolve())
    except ValueError:
        return None
    candidate = target / "compiled" / project.name / rel
    return candidate if candidate.is_file() else None

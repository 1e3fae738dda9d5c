"""dbt's Jinja context, as stand-ins that need no warehouse: `ref`, `source`, `var`, `config`,
`this`, `is_incremental`, `env_var`, `target`, `adapter`, `return`, `exceptions` and the rest,
plus the macros of the project, of its installed packages and dbt's cross-database macros.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import crossdb, jinja
from .dbt import DEFAULT_SCHEMA, Project, Relation
from .problem import TemplateProblem


class _MacroReturn(Exception):
    def __init__(self, value: object) -> None:
        super().__init__()
        self.value = value


def _return(value: object = "") -> str:
    raise _MacroReturn(value)


def _wrap_macro(macro: Any) -> Any:
    def call(*args: object, **kwargs: object) -> object:
        try:
            return macro(*args, **kwargs)
        except _MacroReturn as done:
            return done.value

    return call


class _Config:
    """`config(...)` records a model's config; `config.get` reads it back in macros."""

    def __init__(self, project: Project) -> None:
        self._project = project

    def __call__(self, *args: object, **kwargs: object) -> str:
        current = self._project.current
        if current is not None:
            for arg in args:
                if isinstance(arg, dict):
                    current.config.update(arg)
            current.config.update(kwargs)
        return ""

    def get(self, key: str, default: object = None) -> object:
        current = self._project.current
        return current.config.get(key, default) if current else default

    def require(self, key: str) -> object:
        return self.get(key)

    def set(self, key: str, value: object) -> str:
        current = self._project.current
        if current is not None:
            current.config[key] = value
        return ""


class _This:
    """`this`: the relation of the model being rendered."""

    def __init__(self, project: Project) -> None:
        self._project = project

    def _relation(self) -> Relation:
        current = self._project.current
        return current.relation if current else Relation(None, DEFAULT_SCHEMA, "this")

    @property
    def schema(self) -> str | None:
        return self._relation().schema

    @property
    def identifier(self) -> str:
        return self._relation().identifier

    @property
    def name(self) -> str:
        return self._relation().identifier

    @property
    def database(self) -> str | None:
        return self._relation().database

    def __str__(self) -> str:
        return str(self._relation())


class _Adapter:
    def __init__(self, project: Project) -> None:
        self._project = project

    def dispatch(
        self, macro_name: str = "", macro_namespace: str | None = None, packages: object = None
    ) -> Any:
        name = str(macro_name)
        env = self._project.env
        scopes: list[Any] = [env.globals] if env is not None else []
        package = env.globals.get(macro_namespace) if env is not None and macro_namespace else None
        if isinstance(package, Package):
            scopes.insert(0, package.macros)
        for candidate in (f"redshift__{name}", f"postgres__{name}", f"default__{name}", name):
            for scope in scopes:
                if candidate in scope:
                    return scope[candidate]
        return jinja.Unknown(name=f"{macro_namespace}.{name}" if macro_namespace else name)

    def quote(self, text: object) -> str:
        return f'"{text}"'

    def type(self) -> str:
        return "redshift"

    def get_relation(self, *args: object, **kwargs: object) -> None:
        return None

    def get_columns_in_relation(self, *args: object, **kwargs: object) -> list[object]:
        return []

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return jinja.Unknown(name=f"adapter.{name}")


@dataclass(frozen=True, slots=True)
class _Target:
    name: str = "dev"
    schema: str = DEFAULT_SCHEMA
    database: str = "dev"
    type: str = "redshift"
    user: str = "dbt"
    threads: int = 1
    profile_name: str = "default"


@dataclass(frozen=True, slots=True)
class _Exceptions:
    def raise_compiler_error(self, message: object = "") -> None:
        raise TemplateProblem(f"compiler error raised by the template: {message}")

    def warn(self, message: object = "") -> str:
        return ""


def build_environment(project: Project) -> Any:
    """The project's sandboxed environment, with dbt's context and the project's macros."""
    if project.env is not None:
        return project.env
    config = _Config(project)

    def ref(*args: str, **kwargs: object) -> Relation:
        return project.relation_of(str(args[-1])) if args else Relation(None, None, "ref")

    def source(source_name: str, table_name: str) -> Relation:
        found = project.sources.get((str(source_name), str(table_name)))
        return found or Relation(None, str(source_name), str(table_name))

    def var(name: str, default: object = None) -> object:
        if name in project.vars:
            return project.vars[name]
        return "NULL" if default is None else default

    def env_var(name: str, default: object = None) -> object:
        return name if default is None else default

    def is_incremental() -> bool:
        current = project.current
        return bool(current and current.config.get("materialized") == "incremental")

    globals_: dict[str, Any] = {
        "ref": ref,
        "source": source,
        "var": var,
        "env_var": env_var,
        "config": config,
        "is_incremental": is_incremental,
        "this": _This(project),
        "target": _Target(),
        "adapter": _Adapter(project),
        "execute": False,
        "flags": {"FULL_REFRESH": False, "WHICH": "compile"},
        "run_query": lambda *a, **k: None,
        "statement": lambda *a, **k: "",
        "load_result": lambda *a, **k: None,
        "log": lambda *a, **k: "",
        "print": lambda *a, **k: "",
        "return": _return,
        "exceptions": _Exceptions(),
        # No `re`: a pathological pattern runs in C, out of reach of the time limit.
        "modules": {"datetime": datetime},
        "run_started_at": datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
        "invocation_id": "00000000-0000-0000-0000-000000000000",
        "tojson": lambda value, *a, **k: json.dumps(value),
        "fromjson": lambda text, *a: json.loads(str(text)),
        "toyaml": lambda value, *a, **k: yaml.safe_dump(value),
        "fromyaml": lambda text, *a: yaml.safe_load(str(text)),
        "zip": zip,
        "set": set,
        "graph": {"nodes": {}, "sources": {}},
        "project_name": project.name,
    }
    env = jinja.environment(globals_)
    project.env = env
    cross = crossdb.CrossDatabase("dbt")
    env.globals["dbt"] = cross
    for macro in crossdb.MACROS:
        env.globals[macro] = getattr(cross, macro)
    env.globals["dbt_utils"] = crossdb.CrossDatabase("dbt_utils")
    for name, files in project.packages.items():
        package = Package(name, {})
        env.globals[name] = package
        for file in files:
            _load_macros(env, file, package.macros)
    # The project's macros win over a package's and dbt's own; a package's macros call each
    # other by bare name, so they are global too. dbt also puts a project's own macros under
    # its name (`{{ my_project.my_macro() }}`), which packages use to call themselves.
    own = Package(project.name, {})
    for file in project.macro_files:
        _load_macros(env, file, own.macros, override=True)
        env.globals.update(own.macros)
    if project.name:
        env.globals.setdefault(project.name, own)
    for package_macros in [p.macros for p in env.globals.values() if isinstance(p, Package)]:
        for macro, call in package_macros.items():
            env.globals.setdefault(macro, call)
    return env


@dataclass(slots=True)
class Package:
    """An installed package's macros, reached as `package.macro(...)`."""

    name: str
    macros: dict[str, Any]

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("_"):
            raise AttributeError(attr)
        if attr in self.macros:
            return self.macros[attr]
        fallback = crossdb.CrossDatabase(self.name)
        return getattr(fallback, attr)


_TEST_BLOCK = re.compile(r"\{%(-?)\s*test\s+(\w+)")
_END_TEST = re.compile(r"\{%(-?)\s*endtest\s*(-?)%\}")
_MATERIALIZATION = re.compile(
    r"\{%-?\s*materialization\b.*?\{%-?\s*endmaterialization\s*-?%\}", re.S
)


def _load_macros(env: Any, file: Path, into: dict[str, Any], *, override: bool = False) -> None:
    """Add a macro file's macros to `into`; a file that does not compile is skipped."""
    try:
        text = file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    text = _MATERIALIZATION.sub("", text)
    text = _TEST_BLOCK.sub(lambda m: "{%" + m.group(1) + " macro test_" + m.group(2), text)
    text = _END_TEST.sub(lambda m: "{%" + m.group(1) + " endmacro " + m.group(2) + "%}", text)
    try:
        module = jinja.bounded(lambda: _module_of(env, text, str(file)))
    except TemplateProblem:
        return
    for name, macro in module:
        if override or name not in into:
            into[name] = _wrap_macro(macro)


def _module_of(env: Any, text: str, filename: str) -> list[tuple[str, Any]]:
    try:
        # The module's context reads the environment's globals live (shared, not copied), so a
        # macro can call macros of files loaded after its own.
        template = jinja.compile_template(env, text, filename)
        module = template.make_module(vars=env.globals, shared=True)
    except Exception:  # a macro file that does not compile or run is left out, not fatal
        return []
    return [(n, getattr(module, n)) for n in dir(module) if not n.startswith("_")]

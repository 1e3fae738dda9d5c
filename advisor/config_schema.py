"""The schema of `[tool.advisor]` / advisor.toml: every key's type, range and meaning.

`check_table` validates a parsed table against it and names the first violation as
`file:line: key: expected …, got …` with the closest valid key; `json_schema` publishes the same
schema as JSON Schema (draft 2020-12) for editors (`advisor config --schema`).
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from advisor.errors import ConfigurationError
from advisor.model import Limits, OptionSpec

DIALECTS = ("redshift", "postgres", "athena")
# How SQL files are rendered before parsing (advisor.sql.templater); `auto` picks per file.
TEMPLATERS = ("auto", "none", "placeholder", "jinja", "dbt")
SEVERITY_NAMES = ("info", "low", "warning", "medium", "high", "error")
_LIMITS = Limits()


class ConfigError(ConfigurationError, ValueError):
    """A configuration file or option that cannot be used; the CLI exits with code 2."""


@dataclass(frozen=True, slots=True)
class Key:
    """One top-level key: its TOML type, what it means and its default."""

    name: str
    kind: str  # "string", "integer", "codes", "globs", "table"
    meaning: str
    default: Any = None
    choices: tuple[str, ...] = ()
    minimum: int = 1


KEYS: tuple[Key, ...] = (
    Key("select", "codes", "Rule ids or prefixes to run (all default rules when empty).", []),
    Key("ignore", "codes", "Rule ids or prefixes not to run.", []),
    Key(
        "per-file-ignores",
        "table",
        "Glob pattern (relative to the config's folder) -> rule ids or prefixes ignored there.",
        {},
    ),
    Key("severity", "table", "Rule id -> severity that replaces the rule's own.", {}),
    Key("rules", "table", "Rule id -> table of that rule's options (see `advisor rule ID`).", {}),
    Key("dialect", "string", "SQL dialect of the linted files.", "redshift", DIALECTS),
    Key(
        "templater",
        "string",
        "How SQL files are rendered before parsing: dbt models, Jinja, psql and placeholders.",
        "auto",
        TEMPLATERS,
    ),
    Key("fail-on", "string", "Lowest severity that makes the exit code 1.", "low", SEVERITY_NAMES),
    Key("exclude", "globs", "Glob patterns of files not to lint (relative paths).", []),
    Key("opensearch", "table", "OpenSearch settings: `mappings` (index pattern -> file).", {}),
    Key(
        "max-file-bytes",
        "integer",
        "Files larger than this are not read (one finding says so).",
        _LIMITS.max_file_bytes,
    ),
    Key(
        "max-statement-bytes",
        "integer",
        "SQL statements longer than this are not parsed (one finding each).",
        _LIMITS.max_statement_bytes,
    ),
    Key(
        "max-statements",
        "integer",
        "Statements parsed per file; the rest of a longer file gets one finding.",
        _LIMITS.max_statements,
    ),
    Key(
        "max-json-depth",
        "integer",
        "Deepest nesting of a JSON request body or mapping that is read.",
        _LIMITS.max_json_depth,
    ),
    Key(
        "max-dsl-clauses",
        "integer",
        "Most JSON values (clauses, terms, array items) in one request body.",
        _LIMITS.max_dsl_clauses,
    ),
    Key(
        "max-finding-chars",
        "integer",
        "Longest message, evidence value or fix text of one finding; longer is cut with a note.",
        _LIMITS.max_finding_chars,
        minimum=200,
    ),
)
BY_NAME = {k.name: k for k in KEYS}
LIMIT_KEYS = tuple(k.name for k in KEYS if k.name.startswith("max-"))
OPENSEARCH_KEYS = ("mappings",)


def closest(word: str, candidates: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for the closest candidate, or '' when none is close.

    Closeness is difflib's ratio; ties go to the candidate sharing the longest prefix, so
    `RS-Q0l` suggests `RS-Q01`, not `RS-Q20`.
    """
    best, score = "", 0.0
    key = word.upper()
    for candidate in candidates:
        ratio = difflib.SequenceMatcher(None, key, candidate.upper()).ratio()
        shared = next(
            (i for i, (a, b) in enumerate(zip(key, candidate.upper(), strict=False)) if a != b),
            min(len(key), len(candidate)),
        )
        value = ratio + shared / 1000
        if value > score:
            best, score = candidate, value
    return f" (did you mean {best!r}?)" if best and score >= 0.6 else ""


def code_candidates(ids: Iterable[str]) -> list[str]:
    """Rule ids plus the prefixes a selection may name (`RS`, `RS-Q`)."""
    out: set[str] = set()
    for rule_id in ids:
        out.add(rule_id)
        family, _, rest = rule_id.partition("-")
        out.add(family)
        if rest:
            out.add(f"{family}-{rest[0]}")
    return sorted(out)


def shown(value: Any) -> str:
    """A TOML value as an error message shows it, with its type."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, int):
        return f"{value} (an integer)"
    if isinstance(value, float):
        return f"{value} (a float)"
    if isinstance(value, str):
        return f"{value!r} (a string)" if len(value) < 60 else f"{value[:57]!r}... (a string)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


class Where:
    """Turns a dotted key into `file:line: key` using the line numbers found in the file."""

    def __init__(self, path: str, lines: Mapping[str, int]) -> None:
        self.path = path
        self.lines = lines

    def __call__(self, key: str) -> str:
        line = self.lines.get(key)
        if line is None:
            parent = key
            while "." in parent and line is None:
                parent = parent.rsplit(".", 1)[0]
                line = self.lines.get(parent)
        return f"{self.path}:{line}: {key}" if line else f"{self.path}: {key}"

    def error(self, key: str, expected: str, value: Any) -> ConfigError:
        return ConfigError(f"{self(key)}: expected {expected}, got {shown(value)}")


def check_table(table: Mapping[str, Any], where: Where) -> None:
    """Raise ConfigError for the first key of `table` the schema does not allow."""
    for name, value in table.items():
        key = BY_NAME.get(name)
        if key is None:
            raise ConfigError(f"{where(name)}: unknown key{closest(name, BY_NAME)}")
        _check_key(key, value, where)
    opensearch = table.get("opensearch", {})
    for name, value in opensearch.items():
        if name not in OPENSEARCH_KEYS:
            raise ConfigError(
                f"{where('opensearch.' + name)}: unknown key{closest(name, OPENSEARCH_KEYS)}"
            )
        if not isinstance(value, dict):
            raise where.error(f"opensearch.{name}", "a table of index pattern = file", value)
        for pattern, file in value.items():
            if not isinstance(file, str) or not file:
                raise where.error(f"opensearch.mappings.{pattern}", "a file path", file)
    for pattern, codes in table.get("per-file-ignores", {}).items():
        if isinstance(codes, str):
            codes = [codes]
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise where.error(
                f"per-file-ignores.{pattern}", "a list of rule ids or prefixes", codes
            )
    for rule_id, level in table.get("severity", {}).items():
        if not isinstance(level, str) or level.strip().lower() not in SEVERITY_NAMES:
            names = ", ".join(SEVERITY_NAMES)
            raise ConfigError(
                f"{where('severity.' + rule_id)}: unknown severity: expected one of {names}, "
                f"got {shown(level)}"
            )
    for rule_id, options in table.get("rules", {}).items():
        if not isinstance(options, dict):
            raise where.error(f"rules.{rule_id}", "a table of options", options)


def _check_key(key: Key, value: Any, where: Where) -> None:
    name = key.name
    if key.kind == "string":
        if not isinstance(value, str) or value.strip().lower() not in key.choices:
            label = f"unknown {name}" if name in ("dialect", "templater") else "unknown severity"
            raise ConfigError(
                f"{where(name)}: {label}: expected one of {', '.join(key.choices)}, "
                f"got {shown(value)}"
            )
    elif key.kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise where.error(name, f"an integer ≥ {key.minimum}", value)
        if value < key.minimum:
            raise where.error(name, f"an integer ≥ {key.minimum}", value)
    elif key.kind == "codes":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise where.error(name, "a list of rule ids or prefixes", value)
    elif key.kind == "globs":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise where.error(name, "a list of glob patterns", value)
    elif not isinstance(value, dict):
        raise where.error(name, "a table", value)


def check_option(spec: OptionSpec, value: Any) -> str | None:
    """What is wrong with an option value (`expected …`), or None when it is valid."""
    expected = spec.describe()
    if spec.kind is bool:
        return None if isinstance(value, bool) else expected
    if spec.kind is str:
        if not isinstance(value, str):
            return expected
        if spec.choices and value not in spec.choices:
            return expected
        if spec.pattern:
            try:
                re.compile(value)
            except re.error as err:
                return f"a valid regular expression ({err})"
        return None
    if spec.kind is list:
        if not isinstance(value, list) or not all(_is(spec.item, v) for v in value):
            return expected
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return expected
    if spec.kind is int and not isinstance(value, int):
        return expected
    if not math.isfinite(value):
        return f"a finite number ({expected})"
    if spec.minimum is not None and (value <= spec.minimum if spec.above else value < spec.minimum):
        return expected
    if spec.maximum is not None and value > spec.maximum:
        return expected
    return None


def _is(kind: type, value: Any) -> bool:
    if kind is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def option_schema(spec: OptionSpec, default: Any) -> dict[str, Any]:
    """JSON Schema of one rule option."""
    out: dict[str, Any] = {"default": default}
    if spec.doc:
        out["description"] = spec.doc
    if spec.kind is bool:
        out["type"] = "boolean"
    elif spec.kind is str:
        out["type"] = "string"
        if spec.choices:
            out["enum"] = list(spec.choices)
    elif spec.kind is list:
        out["type"] = "array"
        out["items"] = {"type": _JSON_TYPES.get(spec.item, "string")}
    else:
        out["type"] = "integer" if spec.kind is int else "number"
        if spec.minimum is not None:
            out["exclusiveMinimum" if spec.above else "minimum"] = spec.minimum
        if spec.maximum is not None:
            out["maximum"] = spec.maximum
    return out


_JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def json_schema(rules: Iterable[tuple[str, Mapping[str, Any], Mapping[str, OptionSpec]]]) -> Any:
    """The configuration schema as JSON Schema; `rules` are (id, defaults, specs) triples."""
    codes = {"type": "array", "items": {"type": "string"}}
    properties: dict[str, Any] = {}
    rule_ids: list[str] = []
    rule_tables: dict[str, Any] = {}
    for rule_id, defaults, specs in rules:
        rule_ids.append(rule_id)
        if defaults:
            props: dict[str, Any] = {}
            for name, value in defaults.items():
                props[name] = option_schema(specs.get(name) or OptionSpec.infer(value), value)
                # The config accepts `min-rows` for `min_rows`, as TOML keys usually read.
                if "_" in name:
                    props[name.replace("_", "-")] = props[name]
            rule_tables[rule_id] = {
                "type": "object",
                "additionalProperties": False,
                "properties": props,
            }
    for key in KEYS:
        prop: dict[str, Any]
        if key.kind == "string":
            prop = {"type": "string", "enum": list(key.choices)}
        elif key.kind == "integer":
            prop = {"type": "integer", "minimum": key.minimum}
        elif key.kind in ("codes", "globs"):
            prop = dict(codes)
        else:
            prop = {"type": "object"}
        prop["description"] = key.meaning
        prop["default"] = key.default
        properties[key.name] = prop
    properties["severity"]["propertyNames"] = {"enum": rule_ids}
    properties["severity"]["additionalProperties"] = {
        "type": "string",
        "enum": list(SEVERITY_NAMES),
    }
    properties["per-file-ignores"]["additionalProperties"] = codes
    properties["rules"]["properties"] = rule_tables
    properties["rules"]["additionalProperties"] = False
    properties["opensearch"]["additionalProperties"] = False
    properties["opensearch"]["properties"] = {
        "mappings": {
            "type": "object",
            "description": "Index name or pattern -> mapping file (as `GET idx/_mapping`).",
            "additionalProperties": {"type": "string"},
        }
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "advisor configuration ([tool.advisor] or advisor.toml)",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_ASSIGN = re.compile(
    r'^\s*((?:"[^"]*"|\'[^\']*\'|[A-Za-z0-9_\-]+)(?:\s*\.\s*(?:"[^"]*"|\'[^\']*\'|[A-Za-z0-9_\-]+))*)\s*='
)
_PART = re.compile(r'"([^"]*)"|\'([^\']*)\'|([A-Za-z0-9_\-]+)')


def key_lines(text: str, prefix: str = "") -> dict[str, int]:
    """Line numbers of the keys of a TOML text, by dotted key (tables and assignments).

    `prefix` (e.g. `tool.advisor.`) is stripped, so keys are those of the advisor's table.
    Values spanning lines (arrays) are not looked into; a key's line is where it is set.
    """
    lines: dict[str, int] = {}
    table = ""
    in_string = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.count('"""') % 2 or line.count("'''") % 2:
            in_string = not in_string
            continue
        if in_string:
            continue
        header = _HEADER.match(line)
        if header:
            table = ".".join(_parts(header.group(1)))
            _record(lines, table, number, prefix)
            continue
        assign = _ASSIGN.match(line)
        if assign:
            key = ".".join(_parts(assign.group(1)))
            _record(lines, f"{table}.{key}" if table else key, number, prefix)
    return lines


def _parts(dotted: str) -> list[str]:
    return [next(g for g in m.groups() if g is not None) for m in _PART.finditer(dotted)]


def _record(lines: dict[str, int], key: str, number: int, prefix: str) -> None:
    if prefix:
        if not key.startswith(prefix):
            return
        key = key[len(prefix) :]
    lines.setdefault(key, number)

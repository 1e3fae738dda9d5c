"""OpenSearch request files: recognising them and running the DSL rules over them.

Request files are `.json` (one search body, or `{"index": ..., "body": ...}`), `.ndjson`
(`_msearch` header/body pairs) and console files (`.osq`, `.console`, or any file whose first
line is `GET|POST|... <path>`). JSON that is not a search request (a mapping, a template, a
package manifest) is skipped without a finding. Mappings named in the configuration are loaded
once per run and handed to rules through their context.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.config import Config
from advisor.dsl.jsonpos import JsonError, read_value
from advisor.dsl.mapping import FieldMap, load_mapping, resolve
from advisor.dsl.reader import read_requests
from advisor.dsl.request import DslRequest
from advisor.dsl.rulekit import DslContext
from advisor.dsl.sniff import has_dsl_suffix, is_dsl_file
from advisor.engine import RuleRunner
from advisor.files import read_bounded
from advisor.model import (
    Finding,
    Limits,
    Location,
    ParseProblem,
    Rule,
    SourceText,
    TargetKind,
)
from rules.advisor import unreadable_file

__all__ = ["DslResult", "has_dsl_suffix", "is_dsl_file", "lint_dsl_files"]


@dataclass(slots=True)
class DslResult:
    findings: list[Finding] = field(default_factory=list)
    requests: int = 0
    indices: set[str] = field(default_factory=set)


def decode(path: str, data: bytes) -> SourceText | ParseProblem:
    if b"\x00" in data[:8192]:
        return ParseProblem(path, "file is not text (it contains NUL bytes)", decoding=True)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        loc = Location(path, line, 1, line, 1)
        message = f"file is not valid UTF-8 (byte 0x{data[err.start]:02x})"
        return ParseProblem(path, message, loc, decoding=True)
    return SourceText.of(path, text)


def load_mappings(
    config: Config, live: Mapping[str, Any] | None = None
) -> tuple[dict[str, FieldMap], list[ParseProblem]]:
    """Every configured mapping file, read once; a file that cannot be read is a problem.

    `live` holds mappings read from a cluster or a snapshot (index name -> mapping JSON); they
    take the place of a mapping file for the same name.
    """
    maps: dict[str, FieldMap] = {}
    problems: list[ParseProblem] = []
    for index, raw in (live or {}).items():
        maps[index] = load_mapping(raw)
    for pattern, file in config.mappings.items():
        if pattern in maps:
            continue
        loaded = read_mapping_file(Path(file), config.limits)
        if isinstance(loaded, ParseProblem):
            problems.append(loaded)
        else:
            maps[pattern] = loaded
    return maps, problems


def read_mapping_file(path: Path, limits: Limits) -> FieldMap | ParseProblem:
    """A mapping file, read with the same bounds as a request file."""
    display = path.as_posix()
    data = read_bounded(path, limits)
    if isinstance(data, ParseProblem):
        return ParseProblem(display, f"cannot read mapping: {data.message}")
    try:
        doc = read_value(data.decode("utf-8-sig"), max_depth=limits.max_json_depth)
    except UnicodeDecodeError as err:
        return ParseProblem(display, f"cannot read mapping: not valid UTF-8 ({err.reason})")
    except JsonError as err:
        return ParseProblem(display, f"cannot read mapping: {err.message} (offset {err.offset})")
    return load_mapping(doc.value)


def read_file(path: Path, limits: Limits | None = None) -> list[DslRequest] | ParseProblem:
    display = path.as_posix()
    data = read_bounded(path, limits or Limits())
    if isinstance(data, ParseProblem):
        return data
    source = decode(display, data)
    if isinstance(source, ParseProblem):
        return source
    return read_requests(source, limits)


def lint_requests(
    requests: Sequence[DslRequest],
    config: Config,
    rules: Sequence[Rule],
    mappings: Mapping[str, FieldMap],
    *,
    runner: RuleRunner | None = None,
) -> list[Finding]:
    """Run the DSL rules over the requests of one file (through the engine's loop); a
    request's `noqa` skips the rules it names. `runner` is the run's loop, when it has one."""
    loop = runner or _runner(config, rules)
    dsl_rules = loop.by_kind.get(TargetKind.DSL_REQUEST, ())
    if not dsl_rules:
        return []
    options = _options(config, dsl_rules)
    siblings = tuple(requests)
    contexts: dict[tuple[int, str], DslContext] = {}
    mapped: dict[int, FieldMap | None] = {}

    def targets(kind: TargetKind) -> Sequence[DslRequest]:
        return requests if kind is TargetKind.DSL_REQUEST else ()

    def context(rule: Rule, target: object) -> DslContext:
        request = target
        assert isinstance(request, DslRequest)
        key = id(request)
        if key not in mapped:
            mapped[key] = (
                resolve(request.indices, mappings) if mappings and request.indices else None
            )
        mapping = mapped[key]
        ctx_key = (id(mapping), rule.id)
        found = contexts.get(ctx_key)
        if found is None:
            found = contexts[ctx_key] = DslContext(options[rule.id], mapping, siblings)
        return found

    def skip(rule: Rule, target: object) -> bool:
        return isinstance(target, DslRequest) and target.suppresses(rule.id)

    return loop.run(targets, context, skip=skip)


_RUNNERS: dict[tuple[int, tuple[str, ...]], tuple[Config, RuleRunner]] = {}


def _runner(config: Config, rules: Sequence[Rule]) -> RuleRunner:
    """The loop for a configuration and the rules a caller chose, built once (callers lint
    file by file)."""
    key = (id(config), tuple(r.id for r in rules))
    found = _RUNNERS.get(key)
    if found is None or found[0] is not config:
        if len(_RUNNERS) > 64:
            _RUNNERS.clear()
        found = _RUNNERS[key] = (config, RuleRunner(rules, config, select=False))
    return found[1]


# Each entry keeps its configuration alive, so the id in its key cannot be reused by another
# configuration (with other options) while the entry exists.
_OPTIONS: dict[tuple[int, tuple[str, ...]], tuple[Config, dict[str, dict[str, Any]]]] = {}


def _options(config: Config, rules: Sequence[Rule]) -> dict[str, dict[str, Any]]:
    """Each rule's options (defaults and config), computed once per configuration."""
    key = (id(config), tuple(r.id for r in rules))
    found = _OPTIONS.get(key)
    if found is None or found[0] is not config:
        if len(_OPTIONS) > 64:
            _OPTIONS.clear()
        options = {r.id: config.options_for(r.id, r.meta.options) for r in rules}
        found = _OPTIONS[key] = (config, options)
    return found[1]


def lint_dsl_files(
    paths: Sequence[Path],
    config: Config,
    rules: Sequence[Rule],
    *,
    live_mappings: Mapping[str, Any] | None = None,
    runner: RuleRunner | None = None,
) -> DslResult:
    """Lint request files; the findings are final (ignores and severity overrides applied)."""
    loop = runner or _runner(config, rules)
    result = DslResult()
    mappings, problems = load_mappings(config, live_mappings)
    report_problems = config.rule_enabled(unreadable_file.META.id)
    for path in paths:
        read = read_file(path, config.limits)
        if isinstance(read, ParseProblem):
            # A `.json` that is not text is most likely some other tool's data, not a request;
            # one that could not be read at all (too large, not a regular file) is reported.
            if not path.name.lower().endswith((".json", ".ndjson")) or not read.decoding:
                problems.append(read)
            continue
        limit = config.limits.max_statements
        if len(read) > limit:
            problems.append(_too_many(read, limit))
            read = read[:limit]
        result.requests += len(read)
        result.indices.update(i for r in read for i in r.indices)
        result.findings.extend(lint_requests(read, config, rules, mappings, runner=loop))
    if report_problems:
        found = map(loop.finalise, map(unreadable_file.finding, problems))
        result.findings.extend(f for f in found if f is not None)
    return result


def _too_many(requests: Sequence[DslRequest], limit: int) -> ParseProblem:
    first = requests[limit]
    location = first.source.location(first.start, first.start)
    return ParseProblem(
        first.source.path,
        f"file has more than {limit:,} requests (`max-statements`): "
        f"those from line {location.line} on are not checked; " + Limits.hint("max-statements"),
        location,
    )

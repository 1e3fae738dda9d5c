"""The templater layer: from a file as written to the SQL that is split and parsed.

`templater` is one of `auto`, `none`, `placeholder`, `jinja` and `dbt` (a plain value: the
caller reads it from the configuration). `auto` picks `dbt` for a file below a folder holding
`dbt_project.yml`, `jinja` for a file with a `{{ ... }}` or `{% ... %}` tag in it, and
`placeholder` otherwise (harmless on plain SQL: a few substring tests, and the text is returned
unchanged).

Whatever runs, the statements keep positions in the file as written: the placeholder pass
rewrites in place with text of the same length, and a rendered template is a `SourceText`
whose locations map back to its origin (see `advisor.model.SourceText.rendered`). A template
that cannot be rendered is one parse finding at the template's line, never an exception.
jinja2 is imported only when a template is rendered.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlglot import exp

from advisor.model import Limits, Segment, SourceText, SqlStatement

from ..parse import ParsedFile, parse_source
from . import placeholders
from .problem import TemplateProblem

if TYPE_CHECKING:
    from .dbt import Project

TEMPLATERS = ("auto", "none", "placeholder", "jinja", "dbt")
PROJECT_FILE = "dbt_project.yml"
# A Jinja expression or statement tag, not any `{{` (a Postgres array literal `'{{1,2},{3,4}}'`
# has those too).
_JINJA_TAG = re.compile(
    r"\{\{[-+]?\s*[A-Za-z0-9_'\"(\[][^{}]*\}\}|\{%[-+]?\s*[A-Za-z_]+.*?%\}", re.S
)
_CONFIG_CALL = re.compile(r"\{\{-?\s*config\s*\(")
_MARK_RANGE = re.compile("[\U000f0000-\U000ffffd]")
# Compiled files longer than this are not aligned at all; runs of differing lines larger than
# _ALIGN_BLOCK (the product of their lengths) are mapped as one block, not character by character.
_ALIGN_LIMIT = 1_000_000
_ALIGN_BLOCK = 1_000_000


def choose(setting: str, text: str, path: Path | None) -> str:
    """The templater that runs on one file."""
    if setting != "auto":
        return setting
    if path is not None and _project_of(_folder(path)) is not None:
        return "dbt"
    if ("{{" in text or "{%" in text) and _JINJA_TAG.search(text):
        return "jinja"
    return "placeholder"


def _folder(path: Path) -> Path:
    # abspath, not resolve(): no system calls for the common case of a file in no project.
    return Path(os.path.abspath(path)).parent


@lru_cache(maxsize=256)
def _project_of(folder: Path) -> Path | None:
    if (folder / PROJECT_FILE).is_file():
        return folder
    parent = folder.parent
    return None if parent == folder else _project_of(parent)


def forget() -> None:
    """Forget the dbt projects and folders read so far (a new run may see edited files)."""
    _project_of.cache_clear()
    _loose_project.cache_clear()
    dbt = sys.modules.get(f"{__name__}.dbt")
    if dbt is not None:
        dbt.load_project.cache_clear()
        dbt.declared_names.cache_clear()


def template(
    source: SourceText, setting: str, path: Path | None, dialect: str = "redshift"
) -> SourceText:
    """The text to split and parse; raises `TemplateProblem` for a template that fails."""
    return _template(source, setting, path, dialect)[0]


def _template(
    source: SourceText, setting: str, path: Path | None, dialect: str = "redshift"
) -> tuple[SourceText, tuple[str, ...]]:
    """The text to parse, and the unknown macros the template called."""
    kind = choose(setting, source.text, path)
    if kind == "none":
        return source, ()
    if kind == "placeholder":
        text = placeholders.rewrite(source.text, numbered=dialect.lower() == "postgres")
        return (source if text is source.text else SourceText.of(source.path, text)), ()
    from . import dbt, dbt_context, jinja

    if _MARK_RANGE.search(source.text):
        raise TemplateProblem("file holds private-use characters the templater reserves", 0)
    root = _project_of(_folder(path)) if path is not None and kind == "dbt" else None
    folder = _folder(path) if path is not None else Path.cwd()
    project = dbt.load_project(root) if root is not None else _loose_project(folder)
    compiled = dbt.compiled_file(project, path) if root is not None and path else None
    aligned = _aligned(source, compiled) if compiled is not None else None
    env = dbt_context.build_environment(project)
    current = dbt.model_context(project, path or Path(source.path))
    try:
        # Rendered even beside dbt's compiled SQL: the config() call is read from it.
        rendered = jinja.render(env, source)
        unknown = tuple(sorted(jinja.UNKNOWN_CALLS))
    except TemplateProblem:
        if aligned is None:
            raise
        return aligned, ()
    finally:
        project.current = None
    if aligned is not None:
        rendered, unknown = aligned, ()
    parts = dbt.table_ddl_prefix(current)
    if parts is not None:
        rendered = _with_prefix(source, rendered, parts)
    return rendered, unknown


@lru_cache(maxsize=64)
def _loose_project(folder: Path) -> Project:
    """A project without models or macros, for plain Jinja templates outside dbt projects."""
    from . import dbt

    return dbt.Project(folder, "", {}, (), (), {})


def _with_prefix(
    origin: SourceText, rendered: SourceText, parts: list[tuple[str, str | None]]
) -> SourceText:
    """The synthesised DDL in front of the rendered text, located at the `config(` call.

    A part that stands for a config key maps to that key's argument when the call names it.
    """
    text = origin.text
    call = _CONFIG_CALL.search(text)
    if call is not None:
        close = text.find("}}", call.end())
        lo, hi = call.start(), (close + 1 if close >= 0 else call.end() - 1)
    else:
        lo = min(len(text) - len(text.lstrip()), max(len(text) - 1, 0))
        hi = lo
    segments: list[Segment] = []
    shift = 0
    for part, key in parts:
        where = _argument(text, lo, hi, key) if key and call is not None else None
        start, end = where or (lo, hi)
        segments.append(Segment(shift, start, end, False))
        shift += len(part)
    segments.extend(
        Segment(s.start + shift, s.source_start, s.source_end, s.exact) for s in rendered.segments
    )
    if not rendered.segments:  # not rendered (no markup): the text is the file itself
        segments.append(Segment(shift, 0, max(len(text) - 1, 0), True))
    prefix = "".join(part for part, _ in parts)
    return SourceText.rendered(origin, prefix + rendered.text, tuple(segments))


def _argument(text: str, lo: int, hi: int, key: str) -> tuple[int, int] | None:
    """Span of `key=value` (and of `key_type=value` after it) inside the call at [lo, hi]."""
    found = None
    for name in (key, f"{key}_type"):
        m = re.compile(rf"\b{name}\s*=\s*(\[[^\]]*\]|'[^']*'|\"[^\"]*\"|\w+)").search(
            text, lo, hi + 1
        )
        if m is not None:
            found = (found[0], max(found[1], m.end() - 1)) if found else (m.start(), m.end() - 1)
    return found


def _aligned(origin: SourceText, compiled: Path) -> SourceText | None:
    """dbt's compiled SQL, mapped back to the model by aligning the two texts.

    Lines are aligned first (cheap), then the characters of each run of lines that differ, so
    that the time grows with the size of the changes, not with the square of the file's.
    """
    import difflib

    try:
        text = compiled.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if len(text) > _ALIGN_LIMIT or len(origin.text) > _ALIGN_LIMIT:
        return None
    src_lines = origin.text.splitlines(keepends=True)
    out_lines = text.splitlines(keepends=True)
    src_at = _offsets(src_lines)
    out_at = _offsets(out_lines)
    last = max(len(origin.text) - 1, 0)
    segments: list[Segment] = []

    def add(op: str, i1: int, i2: int, j1: int, j2: int) -> None:
        if j2 <= j1:
            return
        if op == "equal":
            segments.append(Segment(j1, i1, i2 - 1, True))
        else:
            lo = min(i1, last)
            segments.append(Segment(j1, lo, max(lo, min(i2 - 1, last)), False))

    lines = difflib.SequenceMatcher(None, src_lines, out_lines, autojunk=False)
    for op, i1, i2, j1, j2 in lines.get_opcodes():
        s1, s2, o1, o2 = src_at[i1], src_at[i2], out_at[j1], out_at[j2]
        if op != "replace" or (s2 - s1) * (o2 - o1) > _ALIGN_BLOCK:
            add(op, s1, s2, o1, o2)
            continue
        chars = difflib.SequenceMatcher(None, origin.text[s1:s2], text[o1:o2], autojunk=False)
        for cop, c1, c2, d1, d2 in chars.get_opcodes():
            add(cop, s1 + c1, s1 + c2, o1 + d1, o1 + d2)
    return SourceText.rendered(origin, text, tuple(segments))


def _offsets(lines: list[str]) -> list[int]:
    out = [0]
    for line in lines:
        out.append(out[-1] + len(line))
    return out


def parse_templated(
    source: SourceText,
    parse: Callable[[str], exp.Expr],
    dialect: str,
    setting: str = "auto",
    path: Path | None = None,
    limits: Limits | None = None,
) -> ParsedFile:
    """Template, split and parse one file; a failing template is one statement with its error."""
    try:
        text, unknown = _template(source, setting, path, dialect)
    except TemplateProblem as problem:
        return _failed(source, dialect, problem.message, problem.offset)
    except Exception as err:  # a fault of the templater itself is this file's finding, not a crash
        reason = str(err).splitlines()[0] if str(err) else ""
        return _failed(source, dialect, f"templater failed: {type(err).__name__}: {reason}", None)
    result = parse_source(text, parse, dialect, limits)
    if unknown:
        names = ", ".join(unknown[:5]) + (" ..." if len(unknown) > 5 else "")
        hint = (
            f" (the template calls {names}, not available here: install the project's "
            "packages with `dbt deps`, or lint dbt's compiled SQL in target/)"
        )
        for stmt in result.statements:
            if stmt.error is not None:
                stmt.error += hint
    return result


def _failed(source: SourceText, dialect: str, message: str, offset: int | None) -> ParsedFile:
    failed = ParsedFile(source)
    stmt = failed_statement(source, message, offset)
    if stmt is not None:
        stmt.dialect = dialect
        failed.statements.append(stmt)
    return failed


def failed_statement(source: SourceText, message: str, offset: int | None) -> SqlStatement | None:
    """The whole file as one statement that carries the template's error, or None if blank."""
    text = source.text
    stripped = text.strip()
    if not stripped:
        return None
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip()) - 1
    stmt = SqlStatement(source=source, index=0, start=start, end=end)
    stmt.error = message
    stmt.error_offset = None if offset is None else min(max(offset - start, 0), end - start)
    return stmt


__all__ = ["TEMPLATERS", "TemplateProblem", "choose", "forget", "parse_templated", "template"]

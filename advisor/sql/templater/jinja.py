"""Rendering Jinja SQL templates with a map from every rendered character back to the source.

Before rendering, the template's own text is cut into literal pieces and tags, and a marker (one
private-use character naming the piece) is put in front of each literal piece and each tag that
can print. Rendered, each marker says where the text after it came from: a literal piece is
copied character for character (an exact segment), anything else (an expression's value, a
macro's output, a `{% call %}` block) is generated text that maps to its tag. Whitespace control
(`{%-`, `-%}`) is turned off in the copy that is rendered, so literal text keeps every blank and
line break it has in the file; to SQL that changes nothing.

Rendering runs in a sandbox with no loader (no `include` or `import` of files), string repetition
bounded, and a wall-clock limit enforced from a watchdog thread: a template that loops for ever
becomes a finding, not a hang.
"""

from __future__ import annotations

import ctypes
import re
import threading
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import jinja2
import jinja2.sandbox
from jinja2.exceptions import SecurityError

from advisor.model import Segment, SourceText

from .problem import TemplateProblem

MARK_BASE = 0xF0000
_MAX_PIECES = 0xFFFFD - MARK_BASE
_MARK = re.compile("[\U000f0000-\U000ffffd]")
_TAG_OPEN = re.compile(r"\{\{|\{%|\{#")
_WORD = re.compile(r"[-+]?\s*([A-Za-z_]+)")
_ENDRAW = re.compile(r"\{%[-+]?\s*endraw\s*[-+]?%\}")
# Block tags whose body is captured (not printed where it stands): no markers inside them.
_CAPTURING = {"macro", "call", "filter", "set", "test", "materialization"}
# Statement tags that print something where they stand.
_PRINTING = {"call", "filter", "include"}
# dbt's own block tags that plain Jinja does not know; their tags print nothing.
_DBT_BLOCKS = {"snapshot", "endsnapshot"}

_T = TypeVar("_T")
# The name the file being rendered has in tracebacks (macro files keep their own paths).
MODEL_FILENAME = "<model>"

TIME_LIMIT = 5.0
OUTPUT_LIMIT = 4_000_000


@dataclass(slots=True)
class _Piece:
    start: int
    end: int  # exclusive
    tag: bool
    printing: bool = False


@dataclass(slots=True)
class Instrumented:
    text: str
    pieces: list[_Piece] = field(default_factory=list)


def has_markup(text: str) -> bool:
    return "{{" in text or "{%" in text


def instrument(source: str) -> Instrumented:
    """The template with markers in front of its literal pieces and printing tags."""
    pieces = _cut(source)
    if len(pieces) > _MAX_PIECES:
        raise TemplateProblem("template has too many pieces to map")
    out: list[str] = []
    depth = 0
    for index, piece in enumerate(pieces):
        text = source[piece.start : piece.end]
        if piece.tag:
            word = _tag_word(text)
            if text.startswith("{%") and word in _DBT_BLOCKS:
                out.append("{#" + text[2:-2] + "#}")
                continue
            opens = word in _CAPTURING and not (word == "set" and "=" in text)
            if depth == 0 and (text.startswith("{{") or word in _PRINTING):
                piece.printing = True
                out.append(chr(MARK_BASE + index))
            out.append(_without_whitespace_control(text))
            if opens:
                depth += 1
            elif word.startswith("end") and word[3:] in _CAPTURING:
                depth = max(0, depth - 1)
        else:
            if depth == 0:
                out.append(chr(MARK_BASE + index))
            out.append(text)
    return Instrumented("".join(out), pieces)


def _cut(source: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    pos = 0
    length = len(source)
    while pos < length:
        m = _TAG_OPEN.search(source, pos)
        if m is None:
            pieces.append(_Piece(pos, length, False))
            break
        if m.start() > pos:
            pieces.append(_Piece(pos, m.start(), False))
        opener = m.group()
        if opener == "{#":
            close = source.find("#}", m.end())
            if close < 0:
                raise TemplateProblem("unclosed comment {#", m.start())
            end = close + 2
        else:
            end = _tag_end(source, m.end(), "}}" if opener == "{{" else "%}")
            if end < 0:
                raise TemplateProblem(f"unclosed tag {opener}", m.start())
        pieces.append(_Piece(m.start(), end, True))
        pos = end
        if opener == "{%" and _tag_word(source[m.start() : end]) == "raw":
            closing = _ENDRAW.search(source, pos)
            if closing is None:
                raise TemplateProblem("{% raw %} without {% endraw %}", m.start())
            if closing.start() > pos:
                pieces.append(_Piece(pos, closing.start(), False))
            pieces.append(_Piece(closing.start(), closing.end(), True))
            pos = closing.end()
    return pieces


def _tag_end(source: str, pos: int, close: str) -> int:
    i = pos
    length = len(source)
    while i < length:
        ch = source[i]
        if ch in "'\"":
            j = i + 1
            while j < length and source[j] != ch:
                j += 2 if source[j] == "\\" else 1
            i = j + 1
            continue
        if source.startswith(close, i):
            return i + 2
        i += 1
    return -1


def _tag_word(tag: str) -> str:
    m = _WORD.match(tag, 2)
    return m.group(1).lower() if m else ""


def _without_whitespace_control(tag: str) -> str:
    if len(tag) >= 5 and tag[2] in "-+":
        tag = tag[:2] + " " + tag[3:]
    if len(tag) >= 5 and tag[-3] in "-+" and tag[-2:] in ("}}", "%}", "#}"):
        tag = tag[:-3] + " " + tag[-2:]
    return tag


def build_map(origin: SourceText, inst: Instrumented, output: str) -> SourceText:
    """The rendered text without markers, mapped back to `origin`."""
    source = origin.text
    pieces = inst.pieces
    parts: list[str] = []
    segments: list[Segment] = []
    rpos = 0

    def emit(text: str, start: int, end: int, exact: bool) -> None:
        nonlocal rpos
        if not text:
            return
        parts.append(text)
        segments.append(Segment(rpos, start, end, exact))
        rpos += len(text)

    marks = list(_MARK.finditer(output))
    first_tag = next((p for p in pieces if p.tag), None)
    head = output[: marks[0].start()] if marks else output
    if first_tag is not None:
        emit(head, first_tag.start, first_tag.end - 1, False)
    else:
        emit(head, 0, 0, False)
    for n, m in enumerate(marks):
        stop = marks[n + 1].start() if n + 1 < len(marks) else len(output)
        text = output[m.end() : stop]
        index = ord(m.group()) - MARK_BASE
        piece = pieces[index]
        if piece.tag:
            emit(text, piece.start, piece.end - 1, False)
            continue
        literal = source[piece.start : piece.end]
        same = len(literal) if text.startswith(literal) else _common_prefix(text, literal)
        emit(text[:same], piece.start, piece.start + max(same - 1, 0), True)
        if same < len(text):
            after = next((p for p in pieces[index + 1 :] if p.tag), None)
            lo, hi = (after.start, after.end - 1) if after else (piece.end - 1, piece.end - 1)
            emit(text[same:], lo, hi, False)
    return SourceText.rendered(origin, "".join(parts), tuple(segments))


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


# Names of unknown macros called by the rendering under way (cleared by `render`).
UNKNOWN_CALLS: set[str] = set()


class Unknown(jinja2.Undefined):
    """What an unknown name becomes: undefined (`is defined` is false, `default()` applies),
    falsy, iterable as empty, callable, and printed as a name.

    Printed (`{{ params.table }}` of an Airflow template, `{{ dbt_utils.star(...) }}` of a
    package that is not installed) it is an identifier made from its dotted name, which parses
    wherever a value, a column or a table may stand. Arithmetic on it is a template error, as
    on any undefined value.
    """

    __slots__ = ()

    @property
    def _dotted(self) -> str:
        return str(self._undefined_name or "undefined")

    def __getattr__(self, name: str) -> Unknown:
        if name.startswith("__"):
            raise AttributeError(name)
        return Unknown(name=f"{self._dotted}.{name}")

    def __getitem__(self, key: object) -> Unknown:  # type: ignore[override]
        return Unknown(name=self._dotted)

    def __call__(self, *args: object, **kwargs: object) -> Unknown:  # type: ignore[override]
        UNKNOWN_CALLS.add(self._dotted)
        return Unknown(name=self._dotted)

    def __str__(self) -> str:
        return "__" + re.sub(r"\W", "_", self._dotted) + "__"


class _Sandbox(jinja2.sandbox.SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and right > 64:
            raise SecurityError("exponent too large")
        if operator == "*":
            for text, count in ((left, right), (right, left)):
                if (
                    isinstance(text, str | list)
                    and isinstance(count, int)
                    and len(text) * count > OUTPUT_LIMIT
                ):
                    raise SecurityError("repeated text too long")
        return super().call_binop(context, operator, left, right)


def environment(globals_: Mapping[str, Any] | None = None) -> jinja2.Environment:
    env = _Sandbox(
        undefined=Unknown,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"],
        autoescape=False,
    )
    if globals_:
        env.globals.update(globals_)
    return env


class _Timeout(BaseException):
    """Raised inside a rendering that ran past its time limit."""


def render(
    env: jinja2.Environment,
    origin: SourceText,
    context: Mapping[str, Any] | None = None,
    *,
    template_text: str | None = None,
) -> SourceText:
    """Render `origin` (or `template_text`, with the same length and lines) and map it back."""
    text = origin.text if template_text is None else template_text
    UNKNOWN_CALLS.clear()
    inst = instrument(text)
    output = bounded(lambda: _render_text(env, inst.text, context or {}, text))
    return build_map(origin, inst, output)


def _render_text(
    env: jinja2.Environment, text: str, context: Mapping[str, Any], source: str
) -> str:
    """Render `text` (the instrumented `source`: the same lines) to one string."""
    try:
        template = compile_template(env, text, MODEL_FILENAME)
    except jinja2.TemplateSyntaxError as err:
        where = _line_offset(source, err.lineno)
        raise TemplateProblem(f"template syntax error: {err.message}", where) from None
    out: list[str] = []
    size = 0
    try:
        for chunk in template.generate(**context):
            size += len(chunk)
            if size > OUTPUT_LIMIT:
                raise TemplateProblem(f"template renders more than {OUTPUT_LIMIT:,} characters")
            out.append(chunk)
    except TemplateProblem as problem:
        if problem.offset is None:
            problem.offset = _line_offset(source, _template_line(problem))
        raise
    except RecursionError:
        raise TemplateProblem("template recursion too deep") from None
    except Exception as err:  # any error of the template's own code is the template's problem
        line = _template_line(err)
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise TemplateProblem(f"template error: {reason}", _line_offset(source, line)) from None
    return "".join(out)


def compile_template(env: jinja2.Environment, text: str, filename: str) -> jinja2.Template:
    """Compile with a file name of its own, so that an error's line is found in the right file."""
    code = env.compile(text, filename=filename)
    return env.template_class.from_code(env, code, env.make_globals(None))


def bounded(work: Callable[[], _T], limit: float | None = None) -> _T:
    """Run `work` in this thread; past `limit` seconds (TIME_LIMIT) a watchdog interrupts it."""
    limit = TIME_LIMIT if limit is None else limit
    lock = threading.Lock()
    state = {"done": False}
    target = threading.get_ident()

    def interrupt() -> None:
        with lock:
            if not state["done"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(target), ctypes.py_object(_Timeout)
                )

    timer = threading.Timer(limit, interrupt)
    timer.daemon = True
    timer.start()
    try:
        try:
            result = work()
        finally:
            with lock:
                state["done"] = True
            timer.cancel()
    except _Timeout:
        raise TemplateProblem(f"template rendering took longer than {limit:g} s") from None
    return result


def _template_line(err: BaseException) -> int | None:
    line = None
    for frame in traceback.extract_tb(err.__traceback__):
        if frame.filename == MODEL_FILENAME:
            line = frame.lineno
    return line


def _line_offset(text: str, line: int | None) -> int | None:
    if not line or line < 1:
        return None
    offset = 0
    for _ in range(line - 1):
        nl = text.find("\n", offset)
        if nl < 0:
            return None
        offset = nl + 1
    return offset

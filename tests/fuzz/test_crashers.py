"""Inputs the fuzzing campaign (`benchmarks/fuzz.py`) found slow or crashing, kept as
regression tests: each goes through every reader and the lint pipeline, quickly."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from advisor.config import Config
from advisor.dsl.jsonpos import JsonError, parse
from advisor.dsl.reader import read_requests
from advisor.dsl.rulekit import is_template
from advisor.engine import Engine
from advisor.model import SourceText
from advisor.sql.dialect import parse_one
from advisor.sql.explain import ExplainError, parse_plans
from advisor.sql.parse import parse_source
from advisor.sql.split import split_statements

CRASHERS = sorted((Path(__file__).parent / "crashers").glob("*"))


@pytest.mark.parametrize("path", CRASHERS, ids=[p.name for p in CRASHERS])
def test_crasher_is_read_and_linted_quickly(path: Path, tmp_path: Path) -> None:
    text = path.read_bytes().decode("utf-8", errors="replace")
    # CPU time: a blow-up shows in it, a machine loaded by other work does not.
    started = time.process_time()
    parse_source(SourceText.of("f.sql", text), parse_one, "redshift")
    for name in ("f.osq", "f.json", "f.ndjson"):
        read_requests(SourceText.of(name, text))
    for console in (False, True):
        with contextlib.suppress(JsonError):
            parse(text, console=console)
    with contextlib.suppress(ExplainError):
        parse_plans(text, "p.txt")
    target = tmp_path / f"input{path.suffix}"
    target.write_bytes(path.read_bytes())
    Engine(Config(root=tmp_path), lint=True).lint_paths([target])
    assert time.process_time() - started < 5.0


def test_many_broken_ndjson_lines_read_in_linear_time() -> None:
    # Found by the campaign (two crashers of 180 and 260 KB, kept here in this smaller form):
    # each broken line's error message counted the lines of the whole file, so 40,000 broken
    # lines took seconds.
    timings = []
    for lines in (5_000, 20_000):
        text = "POST _m}}\n}\n\n" * lines
        started = time.perf_counter()
        read_requests(SourceText.of("f.ndjson", text))
        timings.append(time.perf_counter() - started)
    assert timings[1] < 8 * timings[0] + 0.2


def _split_many(n: int) -> None:
    split_statements(SourceText.of("f.sql", "SELECT a FROM t WHERE b = 'x';\n" * n))


def _one_line_of_statements(n: int) -> None:
    # Found by the campaign (a 360 KB crasher): the search for the end of the line after each
    # semicolon made one long line of many statements quadratic.
    split_statements(SourceText.of("f.sql", "SELECT 1;" * n))


def _msearch_many(n: int) -> None:
    read_requests(SourceText.of("f.osq", "POST _msearch\n{\n{\n\n" * n))


def _blank_json(n: int) -> None:
    with contextlib.suppress(JsonError):
        parse(" " * (n * 20), console=True)


def _explain_trailer(n: int) -> None:
    with contextlib.suppress(ExplainError):
        parse_plans("XN Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)\n--- " + " " * n + "x\n")


def _braces_template(n: int) -> None:
    is_template("*phone" + "{" * (n * 5))


@pytest.mark.parametrize(
    "work",
    [
        _split_many,
        _one_line_of_statements,
        _msearch_many,
        _blank_json,
        _explain_trailer,
        _braces_template,
    ],
)
def test_four_times_the_input_takes_about_four_times_as_long(work: Callable[[int], None]) -> None:
    # Quadratic work would take sixteen times as long; the margin absorbs a busy machine.
    def timed(n: int) -> float:
        started = time.perf_counter()
        work(n)
        return time.perf_counter() - started

    small = min(timed(2_000) for _ in range(3))
    large = min(timed(8_000) for _ in range(2))
    assert large < 8 * small + 0.05, (small, large)

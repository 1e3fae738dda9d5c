"""Inputs the fuzzing campaign (`benchmarks/fuzz.py`) found slow or crashing, kept as
regression tests: each goes through every reader and the lint pipeline, quickly."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest

from advisor.config import Config
from advisor.dsl.jsonpos import JsonError, parse
from advisor.dsl.reader import read_requests
from advisor.engine import Engine
from advisor.model import SourceText
from advisor.sql.dialect import parse_one
from advisor.sql.explain import ExplainError, parse_plans
from advisor.sql.parse import parse_source

CRASHERS = sorted((Path(__file__).parent / "crashers").glob("*"))


@pytest.mark.parametrize("path", CRASHERS, ids=[p.name for p in CRASHERS])
def test_crasher_is_read_and_linted_quickly(path: Path, tmp_path: Path) -> None:
    text = path.read_bytes().decode("utf-8", errors="replace")
    started = time.perf_counter()
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
    assert time.perf_counter() - started < 5.0


def test_many_broken_ndjson_lines_read_in_linear_time() -> None:
    # Found by the campaign: each broken line's error message counted the lines of the whole
    # file, so 40,000 broken lines took seconds.
    timings = []
    for lines in (5_000, 20_000):
        text = "POST _m}}\n}\n\n" * lines
        started = time.perf_counter()
        read_requests(SourceText.of("f.ndjson", text))
        timings.append(time.perf_counter() - started)
    assert timings[1] < 8 * timings[0] + 0.2

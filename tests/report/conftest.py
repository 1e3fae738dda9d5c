"""Fixtures for the report tests; the sample itself lives in report_sample.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from advisor.model import Report, SourceText

from .report_sample import build_report, build_sources


@pytest.fixture
def report() -> Report:
    return build_report()


@pytest.fixture
def sources() -> dict[str, SourceText]:
    return build_sources()


@pytest.fixture
def make_report() -> Callable[[int], Report]:
    return build_report

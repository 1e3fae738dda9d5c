"""Every format rendered from one fixed report, compared byte for byte with tests/report/golden.

Regenerate after an intended change with `ADVISOR_UPDATE_GOLDEN=1 pytest tests/report`, then
read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from advisor.model import Report, SourceText
from advisor.report import FORMATS, render

from .report_sample import DOCS

GOLDEN = Path(__file__).with_name("golden")
SUFFIXES = {
    "text": "txt",
    "concise": "concise.txt",
    "json": "json",
    "sarif": "sarif",
    "junit": "junit.xml",
    "github": "github.txt",
    "gitlab": "gitlab.json",
    "markdown": "md",
    "html": "html",
}


@pytest.fixture(autouse=True)
def _pinned_version(monkeypatch: pytest.MonkeyPatch) -> None:
    from advisor.report import html, json_report, sarif

    monkeypatch.setattr(html, "__version__", "0.0.0")
    monkeypatch.setattr(json_report, "__version__", "0.0.0")
    monkeypatch.setattr(sarif, "__version__", "0.0.0")


def test_every_format_has_a_golden_file() -> None:
    assert set(SUFFIXES) == set(FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fmt: str, report: Report, sources: dict[str, SourceText]) -> None:
    # Shuffle the findings: output order must come from the report's sort, not insertion.
    report.findings.reverse()
    out = render(report, fmt, sources, docs=DOCS, statistics=True)
    path = GOLDEN / f"report.{SUFFIXES[fmt]}"
    if os.environ.get("ADVISOR_UPDATE_GOLDEN"):
        path.write_bytes(out.encode("utf-8"))
    assert path.exists(), f"missing {path.name}; run with ADVISOR_UPDATE_GOLDEN=1"
    assert out.encode("utf-8") == path.read_bytes()

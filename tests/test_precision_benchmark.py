"""benchmarks/precision.py on a tiny corpus of its own: volume, verdicts, unlabelled findings."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "precision_bench", ROOT / "benchmarks" / "precision.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


precision = _load()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    src = tmp_path / "redshift" / "demo"
    src.mkdir(parents=True)
    (src / "report.sql").write_text(
        "SELECT * FROM sales.orders;\nSELECT * FROM sales.returns;\nSELEC broken;\n",
        encoding="utf-8",
    )
    dsl = tmp_path / "opensearch" / "bodies"
    dsl.mkdir(parents=True)
    (dsl / "q.json").write_text('{"query": {"match_all": {}}}\n', encoding="utf-8")
    labels = tmp_path / "labels"
    labels.mkdir()
    (labels / "redshift.yml").write_text(
        '- {fingerprint: "RS-Q01 redshift/demo/report.sql:1:8", verdict: useful, '
        'reason: "wide table"}\n'
        '- {fingerprint: "RS-Q99 redshift/demo/gone.sql:1:1", verdict: false, reason: "old"}\n',
        encoding="utf-8",
    )
    return tmp_path


def test_figures_per_family(corpus: Path) -> None:
    out = precision.run(["--corpus", str(corpus), "--unlabelled"])
    redshift, _, opensearch = out.partition("== opensearch")
    assert "== redshift: 1 roots, 1 files, 3 statements/requests" in redshift
    assert "parse errors: 1 (33.3% of statements)" in redshift
    assert "crashes (runs ending without a report): 0" in redshift
    rule_line = next(line for line in redshift.splitlines() if line.strip().startswith("RS-Q01"))
    # 2 findings, 666.7 per 1,000 statements, 1 labelled: useful 1 (100%).
    assert rule_line.split()[:5] == ["RS-Q01", "2", "666.7", "1", "1"]
    assert "low or above: 2 findings, 1 labelled: useful 1 (100.0%)" in redshift
    assert "unlabelled findings: 1; labels matching no finding: 1" in redshift
    assert "RS-Q01 redshift/demo/report.sql:2:8 [low]" in redshift
    assert "1 statements/requests" in opensearch


def test_family_filter_and_sample(corpus: Path) -> None:
    out = precision.run(["--corpus", str(corpus), "--family", "redshift", "--sample", "5"])
    assert "== opensearch" not in out
    assert "-- 1 unjudged findings" in out


def test_stale_labels_are_listed(corpus: Path) -> None:
    out = precision.run(["--corpus", str(corpus), "--family", "redshift", "--stale"])
    assert "-- 1 labels matching no finding" in out
    assert "RS-Q99 redshift/demo/gone.sql:1:1 [false]" in out


def test_a_bad_verdict_is_an_error(corpus: Path) -> None:
    (corpus / "labels" / "redshift.yml").write_text(
        '- {fingerprint: "RS-Q01 x.sql:1:1", verdict: maybe}\n', encoding="utf-8"
    )
    with pytest.raises(SystemExit, match="unknown verdict 'maybe'"):
        precision.run(["--corpus", str(corpus)])


def test_the_committed_labels_are_well_formed() -> None:
    for family in precision.FAMILIES:
        labels = precision.load_labels(ROOT / "tests" / "corpus", family)
        assert all(fp.split(" ", 1)[0].count("-") == 1 for fp in labels)

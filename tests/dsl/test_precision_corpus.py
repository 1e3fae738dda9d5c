"""The OpenSearch precision corpus (tests/corpus/opensearch) and its judged labels stay usable.

Each source root is read with its own `advisor.toml` (the mappings of its indices): every
request parses and is typed, every mapping loads, and the labels name findings by rule, file,
line and column with one of the three verdicts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from advisor.config import load_config
from advisor.dsl.reader import DSL_SUFFIXES, read_requests
from advisor.engine_dsl import decode, lint_dsl_files, load_mappings
from advisor.model import SourceText
from rules.registry import all_rules

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ROOTS = sorted(p.parent for p in (CORPUS / "opensearch").glob("*/advisor.toml"))
_FINGERPRINT = re.compile(r"^(?P<rule>[A-Z]{2}-[A-Z]?\d+) (?P<path>\S+):(?P<line>\d+):(\d+)$")


def _request_files(root: Path) -> list[Path]:
    return sorted(
        p for p in root.rglob("*") if p.name.endswith(DSL_SUFFIXES) and "mappings" not in p.parts
    )


def test_there_are_roots() -> None:
    assert len(ROOTS) >= 3


@pytest.mark.parametrize("root", ROOTS, ids=[r.name for r in ROOTS])
def test_root_reads_and_lints(root: Path) -> None:
    config = load_config(root / "advisor.toml")
    mappings, problems = load_mappings(config)
    assert not problems and mappings
    files = _request_files(root)
    requests = 0
    for path in files:
        source = decode(path.as_posix(), path.read_bytes())
        assert isinstance(source, SourceText)
        for request in read_requests(source):
            requests += 1
            assert request.error is None, (path.name, request.error)
            assert request.search is not None, path.name
    result = lint_dsl_files(files, config, all_rules())
    assert result.requests == requests > 0
    assert not [f for f in result.findings if f.rule_id.startswith("AD-")]


def test_labels_name_corpus_positions() -> None:
    labels = yaml.safe_load((CORPUS / "labels" / "opensearch.yml").read_text(encoding="utf-8"))
    assert isinstance(labels, list) and len(labels) >= 100
    seen: set[str] = set()
    for entry in labels:
        assert set(entry) == {"fingerprint", "verdict", "reason"}, entry
        assert entry["verdict"] in (False, "not-worth-it", "useful"), entry
        assert isinstance(entry["reason"], str) and entry["reason"].strip(), entry
        found = _FINGERPRINT.match(entry["fingerprint"])
        assert found, entry["fingerprint"]
        assert entry["fingerprint"] not in seen
        seen.add(entry["fingerprint"])
        lines = (CORPUS / found["path"]).read_text(encoding="utf-8").count("\n") + 1
        assert 1 <= int(found["line"]) <= lines, entry["fingerprint"]

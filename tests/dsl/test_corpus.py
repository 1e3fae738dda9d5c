"""The public corpus of OpenSearch requests is read without a crash and fully typed.

The corpus sits beside the repository (`../shared/corpora/opensearch`): console requests from
the OpenSearch documentation and JSON bodies from the API specification tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.config import Config
from advisor.dsl.reader import DSL_SUFFIXES, read_requests
from advisor.engine_dsl import decode, lint_requests
from advisor.model import SourceText
from rules.registry import all_rules

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "opensearch"


def test_corpus_reads_and_every_valid_search_body_is_typed() -> None:
    if not CORPUS.is_dir():
        pytest.skip("OpenSearch corpus not found at ../shared/corpora/opensearch")
    files = sorted(p for p in CORPUS.rglob("*") if p.name.lower().endswith(DSL_SUFFIXES))
    assert files, "the corpus folder holds no request files"
    rules = all_rules()
    requests = invalid = searches = typed = 0
    for path in files:
        source = decode(path.as_posix(), path.read_bytes())
        assert isinstance(source, SourceText)
        read = read_requests(source)
        requests += len(read)
        for request in read:
            if request.error is not None:
                invalid += 1
            elif (
                request.endpoint
                and request.body is not None
                and isinstance(request.body.value, dict)
            ):
                searches += 1
                typed += request.search is not None
        lint_requests(read, Config(), rules, {})
    assert requests >= 800
    assert typed == searches
    # The corpus keeps documentation placeholders ("...", <model-id>) byte for byte.
    assert invalid < requests * 0.05

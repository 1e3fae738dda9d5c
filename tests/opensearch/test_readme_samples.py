"""The README's sample of `--verify-fixes` against the demo OpenSearch index is what the
command prints (its measured milliseconds aside): scripts/readme_samples.py run on it once the
demo indices are loaded. `ADVISOR_UPDATE_SAMPLES=1` rewrites it instead."""

from __future__ import annotations

import os

import pytest
from readme_support import readme_samples

NAMES = ("verify-fixes",)


def test_the_live_opensearch_sample_is_current(demo: str, monkeypatch: pytest.MonkeyPatch) -> None:
    samples = readme_samples()
    assert set(NAMES) <= {n for n, s in samples.SAMPLES.items() if "opensearch" in s.needs}
    monkeypatch.setenv("OPENSEARCH_URL", demo)
    argv = [] if os.environ.get("ADVISOR_UPDATE_SAMPLES") else ["--check"]
    for name in NAMES:
        argv += ["--only", name]
    assert samples.main(argv) == 0

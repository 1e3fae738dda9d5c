"""Settings for the whole test session."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_lint_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests patch rules in place; a cache shared between tests could answer with the results
    # of other code. The cache's own tests remove this variable.
    monkeypatch.setenv("ADVISOR_NO_CACHE", "1")

"""Console requests of fixes (advisor.dsl.console)."""

from __future__ import annotations

from advisor.dsl.console import request, requests


def test_a_request_with_and_without_a_body() -> None:
    assert request("DELETE", "logs-old") == "DELETE logs-old"
    assert request("PUT", "logs/_settings", {"index": {"refresh_interval": "30s"}}) == (
        'PUT logs/_settings\n{\n  "index": {\n    "refresh_interval": "30s"\n  }\n}'
    )


def test_bodies_are_json_not_pasted_text() -> None:
    odd = 'lo"gs\\é'
    text = request("POST", "_reindex", {"source": {"index": odd}}, compact=True)
    assert text == 'POST _reindex\n{"source": {"index": "lo\\"gs\\\\é"}}'
    assert requests("A x", "B y") == "A x\nB y"

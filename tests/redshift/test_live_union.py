"""`analyze --redshift DSN --dsn DSN2 --opensearch URL` against the real servers: the run with
the three sources gives the union of the findings of the three single runs (it once returned
after the Redshift part and dropped the other two)."""

from __future__ import annotations

import json
import urllib.request

import pytest
from click.testing import CliRunner
from opensearch.conftest import node_url
from postgres.conftest import dsn
from service_support import unavailable

from advisor.cli import cli

pytestmark = pytest.mark.postgres
# PostgreSQL's catalog rules only, less the sequential-scan count (PG-C06): those counters move
# as other sessions run queries, and the Redshift read of the same run scans the same server.
SELECT = "PG-C,RS,OS"
IGNORE = "PG-C06"


def keys(args: list[str]) -> set[tuple[str, str]]:
    result = CliRunner().invoke(
        cli, ["analyze", "--format", "json", "--select", SELECT, "--ignore", IGNORE, *args]
    )
    assert result.exit_code in (0, 1), result.output
    return {(f["rule_id"], f.get("object") or "") for f in json.loads(result.stdout)["findings"]}


def test_three_sources_give_the_union_of_the_single_runs(emulation: str) -> None:
    url = node_url()
    try:
        with urllib.request.urlopen(url, timeout=3) as answer:
            answer.read()
    except OSError as err:
        unavailable(f"OpenSearch is not reachable at {url}: {err}", "services/opensearch.sh start")
    sources = {"--redshift": emulation, "--dsn": dsn(), "--opensearch": url}
    every = keys([a for pair in sources.items() for a in pair])
    singles = {option: keys([option, value]) for option, value in sources.items()}
    assert all(singles.values())
    assert {rule[:2] for rule, _ in every} == {"PG", "RS", "OS"}
    assert every == set().union(*singles.values())

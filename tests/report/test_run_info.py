"""The command line a published report shows: as typed (quoted where the shell needs it),
every password masked and nothing else lost."""

from __future__ import annotations

import shlex

from advisor.cli_run import command_line


def test_a_quoted_dsn_keeps_its_quotes_with_the_password_masked() -> None:
    dsn = "host=db port=5439 dbname=dev user=reader password=s3cret-pass"
    shown = command_line(["analyze", "--redshift", dsn, "--schema", "rs_demo"])
    assert "s3cret-pass" not in shown
    assert shlex.split(shown) == [
        "advisor",
        "analyze",
        "--redshift",
        "host=db port=5439 dbname=dev user=reader password=***",
        "--schema",
        "rs_demo",
    ]


def test_a_url_password_is_masked_in_its_argument() -> None:
    shown = command_line(["analyze", "--opensearch", "https://admin:hunter22@search:9200"])
    assert "hunter22" not in shown
    assert shlex.split(shown)[-1] == "https://admin:***@search:9200"

"""Secrets: no password in any message (ours or a driver's), on stderr, in logs, in the TUI or
in a snapshot; and no saved file can make the advisor show lines of a file the user did not
name."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_strings import raw_controls

from advisor.cli import cli
from advisor.config import Config
from advisor.redact import redact, redact_logs, secrets_of, url_without_userinfo
from security import fault_servers

SECRET = "Sup3r%ZZS3cretPw"
BAD_DSN = f"postgresql://u:{SECRET}@127.0.0.1/db"


def assert_no_secret(text: str, secret: str = SECRET) -> None:
    for part in (secret, secret.replace("%ZZ", ""), "ZZS3cretPw", "S3cret"):
        assert part not in text, text


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", "--dsn", BAD_DSN],
        ["analyze", "--redshift", BAD_DSN],
        ["snapshot", "--dsn", BAD_DSN, "-o", "snap.json"],
        ["whatif", "--redshift", BAD_DSN, "--even", "a.b"],
    ],
)
def test_secrets_1_invalid_percent_escape_never_prints_the_password(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "invalid percent-encoded token" in result.stderr  # the driver's reason is kept
    assert_no_secret(result.output)
    assert not (tmp_path / "snap.json").exists()


def test_secrets_1_tui_status_and_notification_never_show_the_password() -> None:
    from advisor.cli import _tui_source
    from advisor.tui import live_sources as tl

    source = tl.postgres_source(_tui_source("postgres", BAD_DSN), Config())
    outcome = source.read(lambda _step: None)
    assert outcome.error is not None and "percent-encoded" in outcome.error
    assert_no_secret(outcome.error + outcome.summary)


def test_secrets_1_library_log_lines_are_masked(caplog: pytest.LogCaptureFixture) -> None:
    redact_logs()
    logger = logging.getLogger("urllib3.connectionpool")
    handler = logging.lastResort
    assert handler is not None
    record = logger.makeRecord(
        logger.name, logging.WARNING, __file__, 1,
        "Retrying after connection broken: %s", ("http://admin:S3cretPw99@node:9200/x",), None,
    )  # fmt: skip
    for f in handler.filters:
        assert not isinstance(f, logging.Filter) or f.filter(record)
    assert "S3cretPw99" not in record.getMessage()
    assert "http://admin:***@node:9200/x" in record.getMessage()


def test_secrets_1_opensearch_driver_messages_are_masked() -> None:
    body = b'{"error": "seen http://admin:S3cretPw99@127.0.0.1 in the request"}'
    with fault_servers.http_error(500, body) as server:
        result = CliRunner().invoke(
            cli, ["analyze", "--opensearch", f"http://admin:S3cretPw99@127.0.0.1:{server.port}"]
        )
    assert result.exit_code == 2, result.output
    assert "HTTP 500" in result.stderr
    assert "S3cretPw99" not in result.output


def test_secrets_1_one_masking_function() -> None:
    assert secrets_of(BAD_DSN) == (SECRET,)
    assert redact(f"token {SECRET!r} in {BAD_DSN}", secrets_of(BAD_DSN)) == (
        "token '***' in postgresql://u:***@127.0.0.1/db"
    )
    assert redact("host=h password='a b' user=u") == "host=h password=*** user=u"
    assert redact("connect user:pw-x1@host:9200 failed") == "connect user:***@host:9200 failed"
    assert url_without_userinfo("https://u:p@h:9200/x?y") == "https://h:9200/x?y"


def test_secrets_2_opensearch_url_without_a_scheme_gets_http_and_says_so() -> None:
    with fault_servers.http_error(503) as server:
        result = CliRunner().invoke(
            cli, ["analyze", "--opensearch", f"user:pw-S3cret7@127.0.0.1:{server.port}"]
        )
        assert server.connections >= 1  # it did connect, over http://
    assert result.exit_code == 2, result.output
    assert "has no scheme: using http://" in result.stderr
    assert "pw-S3cret7" not in result.output


def test_secrets_2_snapshot_keeps_the_url_without_credentials(os_node: str, tmp_path: Path) -> None:
    host = os_node.split("://", 1)[1]
    out = tmp_path / "os.json"
    result = CliRunner().invoke(
        cli, ["snapshot", "--opensearch", f"http://user:pw-S3cret7@{host}", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "pw-S3cret7" not in text and "user:" not in text
    assert json.loads(text)["opensearch"]["url"] == f"http://{host.rstrip('/')}"
    assert "pw-S3cret7" not in result.output


def tampered_result(tmp_path: Path, secret_file: Path) -> Path:
    """A saved result whose finding points at a file the user never named."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "job.sql").write_text("SELECT * FROM sales.orders;\n", encoding="utf-8")
    saved = project / "result.json"
    run = CliRunner().invoke(
        cli, ["lint", str(project / "job.sql"), "--select", "RS-Q01", "--format", "json",
              "-o", str(saved)],
    )  # fmt: skip
    assert run.exit_code == 1, run.output
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["findings"][0]["location"]["path"] = str(secret_file)
    saved.write_text(json.dumps(data), encoding="utf-8")
    return saved


def test_secrets_4_tampered_result_shows_no_local_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret_file = tmp_path / "elsewhere" / "credentials"
    secret_file.parent.mkdir()
    secret_file.write_text("aws_secret_access_key = TOPSECRETLINE\n", encoding="utf-8")
    saved = tampered_result(tmp_path, secret_file)
    monkeypatch.chdir(saved.parent)
    for fmt in ("text", "html", "markdown"):
        result = CliRunner().invoke(cli, ["report", str(saved), "--format", fmt])
        assert result.exit_code == 0, result.output
        assert "TOPSECRETLINE" not in result.output
        relative = os.path.relpath(secret_file, saved.parent)
        data = json.loads(saved.read_text(encoding="utf-8"))
        data["findings"][0]["location"]["path"] = relative  # ../elsewhere/credentials
        saved.with_name("rel.json").write_text(json.dumps(data), encoding="utf-8")
        result = CliRunner().invoke(cli, ["report", "rel.json", "--format", fmt])
        assert "TOPSECRETLINE" not in result.output
    # Named by the user, the folder's files may be shown.
    shown = CliRunner().invoke(cli, ["report", str(saved), "--sources", str(secret_file.parent)])
    assert "TOPSECRETLINE" in shown.output


def test_secrets_4_tampered_snapshot_shows_no_local_file(tmp_path: Path) -> None:
    from postgres import factories

    from connectors.snapshot import save

    secret_file = tmp_path / "credentials"
    secret_file.write_text("line one\npassword = TOPSECRETLINE\n", encoding="utf-8")
    spill = factories.node("Sort", sort_method="external merge", sort_space_type="Disk")
    plan = replace(factories.plan(spill), path=str(secret_file), line=2)
    tampered = factories.snapshot(plans=(plan,))
    snap = tmp_path / "snap.json"
    save(snap, postgres=tampered)
    for fmt in ("text", "html"):
        result = CliRunner().invoke(cli, ["analyze", "--snapshot", str(snap), "--format", fmt])
        assert "PG-P04" in result.output, result.output
        assert "TOPSECRETLINE" not in result.output
        assert not raw_controls(result.stdout)


def test_secrets_4_tui_code_frames_only_from_named_paths(tmp_path: Path) -> None:
    from advisor.tui.sources import SourceCache

    work, named, other = tmp_path / "work", tmp_path / "named", tmp_path / "other"
    for folder in (work, named, other):
        folder.mkdir()
        (folder / "q.sql").write_text("SELECT 1;\n", encoding="utf-8")
    cache = SourceCache(work, also=[named])
    assert cache.get("q.sql") is not None
    assert cache.get(str(named / "q.sql")) is not None
    assert cache.get(str(other / "q.sql")) is None
    assert cache.get("../other/q.sql") is None

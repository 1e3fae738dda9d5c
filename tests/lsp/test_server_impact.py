"""What a finding costs, in the editor: the catalog's estimate per run on the diagnostic (message
and related information) and in the hover, over stdio as an editor sees it, and in the
workspace's analysis after an edit."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import BaseLanguageClient  # type: ignore[attr-defined]

from advisor.lsp import convert
from advisor.lsp.analysis import Workspace
from advisor.model import CATALOG_ESTIMATE, Finding, Impact, Location, Severity

DDL = """\
CREATE EXTERNAL TABLE spectrum.events (
    event_ts TIMESTAMP,
    user_id BIGINT,
    kind VARCHAR(32)
)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION 's3://example-bucket/events/'
TABLE PROPERTIES ('totalSize'='1500000000000');
"""
QUERY = "SELECT kind, COUNT(*) FROM spectrum.events GROUP BY kind ORDER BY 2 DESC;\n"
CONFIG = 'select = ["RS-Q26"]\n\n[impact]\nscan-usd-per-tb = 6\n'
# 1.5 TB of JSON, read whole, at $6 per TB.
COST = "cost: per run: about 1.5 TB scanned, $9.00 (estimated from the catalog)"


class Client(BaseLanguageClient):
    def __init__(self) -> None:
        super().__init__("advisor-test", "1")
        self.diagnostics: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()


async def _session(tmp_path: Path) -> None:
    (tmp_path / "advisor.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "ddl.sql").write_text(DDL, encoding="utf-8")
    doc = tmp_path / "report.sql"
    doc.write_text(QUERY, encoding="utf-8")
    uri = doc.as_uri()
    client = Client()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics.put_nowait(params)

    await client.start_io(sys.executable, "-m", "advisor", "server")
    try:
        await asyncio.wait_for(
            client.initialize_async(
                types.InitializeParams(
                    capabilities=types.ClientCapabilities(), root_uri=tmp_path.as_uri()
                )
            ),
            60,
        )
        client.initialized(types.InitializedParams())
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id="sql", version=1, text=QUERY)
            )
        )
        published = await asyncio.wait_for(client.diagnostics.get(), 30)
        [diag] = [d for d in published.diagnostics if d.code == "RS-Q26"]
        assert diag.message.splitlines()[1] == COST, diag.message
        related = [r.message for r in diag.related_information or ()]
        assert related[0] == COST
        assert related[1].startswith(
            "cost formula: bytes/run = 1500000000000 B (totalSize) x all columns (JSON"
        )
        assert related[1].endswith("$/run = 1.500000 TB x $6/TB")
        # The evidence follows, the statement's scan among it.
        assert "scan_bytes_per_run: 1500000000000" in related

        hover = await asyncio.wait_for(
            client.text_document_hover_async(
                types.HoverParams(types.TextDocumentIdentifier(uri), diag.range.start)
            ),
            30,
        )
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        text = hover.contents.value
        assert "**Cost**: per run: about 1.5 TB scanned, $9.00 (estimated from the catalog)" in text
        assert "matched: the DDL of spectrum.events" in text
        assert "formula: `bytes/run = 1500000000000 B (totalSize)" in text
        assert text.index("**Cost**") < text.index("## What it does")
        await asyncio.wait_for(client.shutdown_async(None), 30)
        client.exit(None)
    finally:
        process = getattr(client, "_server", None)
        if process is not None and process.returncode is None:
            process.kill()  # a failed assertion must not leave the server running
        await asyncio.wait_for(client.stop(), 30)  # type: ignore[no-untyped-call]


def test_the_diagnostic_and_the_hover_say_what_a_run_costs(tmp_path: Path) -> None:
    asyncio.run(_session(tmp_path))


def test_the_cost_follows_edits_of_the_document(tmp_path: Path) -> None:
    (tmp_path / "advisor.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "ddl.sql").write_text(DDL, encoding="utf-8")
    workspace = Workspace(tmp_path)
    workspace.scan()
    path = str(tmp_path / "report.sql")
    first = workspace.lint(path, QUERY).findings
    # The statement linted again unchanged (its findings reused), below a new line.
    again = workspace.lint(path, "SELECT 1;\n" + QUERY).findings
    for findings in (first, again):
        [finding] = findings
        assert finding.impact is not None and finding.impact.confidence == CATALOG_ESTIMATE
        assert finding.impact.dollars_per_run == 9.0
    # Without the DDL's size there is no cost to show.
    (tmp_path / "ddl.sql").write_text(DDL.replace("'1500000000000'", "'x'"), encoding="utf-8")
    workspace.update_file(str(tmp_path / "ddl.sql"), (tmp_path / "ddl.sql").read_text())
    [plain] = workspace.lint(path, QUERY).findings
    assert plain.impact is None
    assert "cost" not in convert.diagnostic(plain, "file:///r.sql", None).message


def test_a_cost_per_day_reads_the_same_in_a_diagnostic() -> None:
    cost = Impact(
        "measured",
        system="redshift",
        executions=14,
        window_days=7.0,
        seconds_per_day=80.0,
        bytes_per_day=1.2e12,
        dollars_per_day=6.0,
        formula="seconds/day = 560.000 s elapsed / 7 days",
    )
    finding = Finding(
        "RS-Q26", Severity.LOW, "ORDER BY ...", Location("r.sql", 1, 1, 1, 5), impact=cost
    )
    diag = convert.diagnostic(finding, "file:///r.sql", None)
    expected = "cost: 14 runs in 7 days: 80.0 s/day, 1.2 TB/day scanned, $6.00/day (measured)"
    assert diag.message.splitlines()[1] == expected
    assert diag.related_information is not None
    assert diag.related_information[0].message == expected

"""The language server, driven over stdio by a real LSP client (pygls's), as an editor would."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import BaseLanguageClient  # type: ignore[attr-defined]

PLANTED = (
    "-- orders report\n"
    "SELECT order_id FROM sales.orders WHERE status LIKE 'OK';\n"
    "SELECT 1; -- noqa: RS-Q17\n"
)


class Client(BaseLanguageClient):
    def __init__(self) -> None:
        super().__init__("advisor-test", "1")
        self.diagnostics: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()


async def _session(tmp_path: Path) -> None:
    (tmp_path / "advisor.toml").write_text('select = ["RS-Q05", "AD"]\n', encoding="utf-8")
    doc = tmp_path / "report.sql"
    doc.write_text(PLANTED, encoding="utf-8")
    uri = doc.as_uri()
    client = Client()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics.put_nowait(params)

    await client.start_io(sys.executable, "-m", "advisor", "server")
    try:
        init = await asyncio.wait_for(
            client.initialize_async(
                types.InitializeParams(
                    capabilities=types.ClientCapabilities(), root_uri=tmp_path.as_uri()
                )
            ),
            60,
        )
        assert init.capabilities.code_action_provider
        client.initialized(types.InitializedParams())
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id="sql", version=1, text=PLANTED)
            )
        )
        published = await asyncio.wait_for(client.diagnostics.get(), 30)
        [diag] = [d for d in published.diagnostics if d.code == "RS-Q05"]
        assert diag.range.start == types.Position(1, 40)
        assert diag.severity is not None
        assert diag.source == "advisor"

        hover = await asyncio.wait_for(
            client.text_document_hover_async(
                types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(1, 45))
            ),
            30,
        )
        assert hover is not None
        assert isinstance(hover.contents, types.MarkupContent)
        assert "## What it does" in hover.contents.value
        on_id = await asyncio.wait_for(
            client.text_document_hover_async(
                types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(2, 21))
            ),
            30,
        )
        assert on_id is not None
        assert isinstance(on_id.contents, types.MarkupContent)
        assert "PREDICATE COLUMNS" in on_id.contents.value

        actions = await asyncio.wait_for(
            client.text_document_code_action_async(
                types.CodeActionParams(
                    types.TextDocumentIdentifier(uri),
                    diag.range,
                    types.CodeActionContext(diagnostics=[diag]),
                )
            ),
            30,
        )
        assert actions is not None
        quick = [a for a in actions if isinstance(a, types.CodeAction) and a.is_preferred]
        assert quick, actions
        titles = [a.title for a in actions if isinstance(a, types.CodeAction)]
        assert any("noqa" in t for t in titles)
        assert any("fix all safe" in t for t in titles)
        edit = quick[0].edit
        assert edit is not None and edit.changes is not None
        [change] = edit.changes[uri]
        lines = PLANTED.split("\n")
        line = lines[change.range.start.line]
        lines[change.range.start.line] = (
            line[: change.range.start.character]
            + change.new_text
            + line[change.range.end.character :]
        )
        fixed = "\n".join(lines)
        assert "status = 'OK'" in fixed
        assert fixed.startswith("-- orders report\n")

        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                [types.TextDocumentContentChangeWholeDocument(text=fixed)],
            )
        )
        after = await asyncio.wait_for(client.diagnostics.get(), 30)
        assert after.version == 2
        assert not [d for d in after.diagnostics if d.code == "RS-Q05"]

        # Text that does not parse gives a diagnostic, and the server keeps answering.
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=3),
                [types.TextDocumentContentChangeWholeDocument(text="SELECT (1;\n")],
            )
        )
        broken = await asyncio.wait_for(client.diagnostics.get(), 30)
        assert [d.code for d in broken.diagnostics] == ["AD-001"]
        await asyncio.wait_for(client.shutdown_async(None), 30)
        client.exit(None)
    finally:
        process = getattr(client, "_server", None)
        if process is not None and process.returncode is None:
            process.kill()  # a failed assertion must not leave the server running
        await asyncio.wait_for(client.stop(), 30)  # type: ignore[no-untyped-call]


def test_server_diagnoses_fixes_and_re_diagnoses_over_stdio(tmp_path: Path) -> None:
    asyncio.run(_session(tmp_path))

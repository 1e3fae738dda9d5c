"""`advisor server`: diagnostics, quick fixes and rule documentation over LSP (pygls, stdio).

Documents are linted on open and save, and after changes once typing pauses (`DEBOUNCE`
seconds). Each finding becomes a diagnostic; each fix with edits a quick fix (safe ones
preferred), plus "fix all safe" for the document and "suppress with noqa" for SQL lines;
hovering a flagged span shows the rule's documentation. A finding whose cost is known (a read
of an external table the workspace's DDL sizes: its cost per run, estimated from the catalog)
says it in the diagnostic's message and related information, and in the hover with its formula.
"""

from __future__ import annotations

import asyncio
import functools
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from advisor import __version__
from advisor import fix as fixer
from advisor.fix_cli import line_with_noqa
from advisor.lsp import convert
from advisor.lsp.analysis import Linted, Workspace
from advisor.model import FixSafety

DEBOUNCE = 0.15
LANGUAGES = (".sql", ".json", ".ndjson", ".osq", ".console")


class AdvisorServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "advisor", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.advisor = Workspace()
        self.results: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.docs: dict[str, str] = {}


def uri_path(uri: str) -> str:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


@functools.cache
def rule_docs() -> dict[str, str]:
    from rules.registry import all_rules

    return {r.id: r.doc for r in all_rules()}


@functools.cache
def docs_link(rule_id: str) -> str | None:
    """A link to the rule's section of docs/rules.md when the docs sit beside the package."""
    from rules.registry import all_rules

    docs = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    if not docs.is_file():
        return None
    from advisor.docs import _anchor

    for rule in all_rules():
        if rule.id == rule_id:
            return f"{docs.as_uri()}#{_anchor(rule)}"
    return None


def publish(server: AdvisorServer, uri: str, version: int | None = None) -> None:
    doc = server.workspace.get_text_document(uri)
    path = uri_path(uri)
    result = server.advisor.lint(path, doc.source)
    server.results[uri] = result
    diagnostics = [convert.diagnostic(f, uri, docs_link(f.rule_id)) for f in result.findings]
    server.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
    )


def build() -> AdvisorServer:
    server = AdvisorServer()
    _document_features(server)
    _query_features(server)
    return server


def _document_features(server: AdvisorServer) -> None:
    """The workspace's start and each document's open, change, save and close."""

    @server.feature(types.INITIALIZED)
    def initialized(ls: AdvisorServer, params: types.InitializedParams) -> None:
        root = ls.workspace.root_path
        if root:
            ls.advisor.root = Path(root)
            ls.advisor.scan()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: AdvisorServer, params: types.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.advisor.update_file(uri_path(uri), params.text_document.text)
        publish(ls, uri, params.text_document.version)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: AdvisorServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        handle = ls.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        loop = asyncio.get_event_loop()
        version = params.text_document.version
        ls.pending[uri] = loop.call_later(DEBOUNCE, _debounced, ls, uri, version)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: AdvisorServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.advisor.update_file(uri_path(uri), ls.workspace.get_text_document(uri).source)
        publish(ls, uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: AdvisorServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.results.pop(uri, None)
        ls.advisor.forget(uri_path(uri))
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )


def _query_features(server: AdvisorServer) -> None:
    """Quick fixes, hover documentation, and DDL changed outside the editor."""

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
        ),
    )
    def code_action(
        ls: AdvisorServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        result = ls.results.get(uri)
        if result is None:
            return None
        return actions(result, uri, params.range)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: AdvisorServer, params: types.DidChangeWatchedFilesParams) -> None:
        # DDL edited outside the editor changes the catalog of every open document.
        for change in params.changes:
            path = uri_path(change.uri)
            if not path.endswith(".sql"):
                continue
            if change.type == types.FileChangeType.Deleted:
                ls.advisor.ddl.pop(path, None)
                continue
            try:
                ls.advisor.update_file(path, Path(path).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                ls.advisor.ddl.pop(path, None)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: AdvisorServer, params: types.HoverParams) -> types.Hover | None:
        result = ls.results.get(params.text_document.uri)
        if result is None:
            return None
        docs = rule_docs()
        named = _rule_id_at(result, params.position)
        if named is not None and named in docs:
            return types.Hover(
                contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=docs[named])
            )
        for finding in result.findings:
            rng = convert.lsp_range(finding.location)
            if convert.contains(rng, params.position) and finding.rule_id in docs:
                text = f"**{finding.rule_id}**: {finding.message}\n\n"
                if finding.impact is not None:
                    text += f"{convert.impact_markdown(finding.impact)}\n\n"
                text += docs[finding.rule_id]
                return types.Hover(
                    contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
                    range=rng,
                )
        return None


_RULE_ID = re.compile(r"\b[A-Z]{2}-[A-Z]?\d{2,3}\b")


def _rule_id_at(result: Linted, pos: types.Position) -> str | None:
    """The rule id written under the cursor (in a noqa comment, say), if any."""
    if pos.line >= len(result.source.line_starts):
        return None
    line = result.source.line_text(pos.line + 1)
    for match in _RULE_ID.finditer(line):
        if match.start() <= pos.character <= match.end():
            return match.group()
    return None


def _debounced(ls: AdvisorServer, uri: str, version: int) -> None:
    ls.pending.pop(uri, None)
    publish(ls, uri, version)


def actions(result: Linted, uri: str, wanted: types.Range) -> list[types.CodeAction]:
    out: list[types.CodeAction] = []
    source = result.source
    for finding in result.findings:
        rng = convert.lsp_range(finding.location)
        if not convert.overlaps(rng, wanted):
            continue
        diag = convert.diagnostic(finding, uri, None)
        fix = finding.fix
        if fix is not None and fix.edits and fix.safety is not FixSafety.ADVISORY:
            edits = [
                types.TextEdit(convert.edit_range(source, e), e.replacement) for e in fix.edits
            ]
            label = "" if fix.safety is FixSafety.SAFE else " (unsafe)"
            out.append(
                types.CodeAction(
                    title=f"{finding.rule_id}: {fix.title}{label}",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    is_preferred=fix.safety is FixSafety.SAFE,
                    edit=types.WorkspaceEdit(changes={uri: edits}),
                )
            )
        if result.path.endswith(".sql") and finding.location is not None and "-" in finding.rule_id:
            line = finding.location.line
            body = source.line_text(line)
            start = types.Position(line - 1, 0)
            end = types.Position(line - 1, len(body))
            out.append(
                types.CodeAction(
                    title=f"Suppress {finding.rule_id} on this line (noqa)",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    edit=types.WorkspaceEdit(
                        changes={
                            uri: [
                                types.TextEdit(
                                    types.Range(start, end),
                                    line_with_noqa(body, {finding.rule_id}),
                                )
                            ]
                        }
                    ),
                )
            )
    fix_all = _fix_all(result, uri)
    if fix_all is not None:
        out.append(fix_all)
    return out


def _fix_all(result: Linted, uri: str) -> types.CodeAction | None:
    if result.engine is None:
        return None
    if not any(fixer.applicable(f, result.path, False) for f in result.findings):
        return None
    fixed = fixer.fix_text(result.path, result.source.text, fixer.engine_linter(result.engine))
    if not fixed.changed:
        return None
    source = result.source
    last = len(source.line_starts) - 1
    end = types.Position(last, len(source.text) - source.line_starts[last])
    whole = types.Range(types.Position(0, 0), end)
    n = sum(fixed.applied.values())
    return types.CodeAction(
        title=f"advisor: fix all safe ({n} fix{'es' if n != 1 else ''})",
        kind=types.CodeActionKind.SourceFixAll,
        edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(whole, fixed.fixed)]}),
    )


def main() -> None:
    build().start_io()

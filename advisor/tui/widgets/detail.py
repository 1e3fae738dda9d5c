"""The detail pane: a finding's rule documentation, evidence, fix and source lines."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from advisor.impact_text import describe
from advisor.model import Finding, FixKind, Impact, RuleMeta, SourceText
from advisor.printable import BIDI, printable
from advisor.tui.widgets.styles import SEVERITY_STYLE

if TYPE_CHECKING:
    from rich.syntax import Syntax
    from textual.await_complete import AwaitComplete

# Lines shown above and below the finding's span.
CONTEXT_LINES = 3
# The evidence table's name column at most (a longer name is cut, the value keeps the rest).
NAME_WIDTH = 24
FIX_LEXER = {FixKind.SQL: "sql", FixKind.DSL: "json"}


@cache
def _unsafe_languages() -> frozenset[str]:
    """Languages the fix box must not highlight here (asked once, on the first fix shown)."""
    return frozenset({"json"}) if _tree_sitter_crashes_on_json() else frozenset()


def _tree_sitter_crashes_on_json() -> bool:
    """tree-sitter 0.26 takes the process down highlighting JSON; the pin keeps it out, and
    an environment that still has it gets plain JSON instead of a crash."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tree-sitter").startswith("0.26")
    except PackageNotFoundError:
        return False


class DetailPane(VerticalScroll, can_focus=True):
    """Follows the table's cursor; shows nothing rule-specific beyond what the model carries."""

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text(encoding="utf-8")
    ALLOW_MAXIMIZE = True

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.finding: Finding | None = None
        self._doc_rule: str | None = None
        # The fix box and the documentation (Textual's TextArea and Markdown, the costliest
        # widgets to import and lay out) are made once there is a finding to show, after the
        # frame that shows it in the table; until then the pane holds what it was asked to show.
        self._built = False
        # The documentation's last update (Markdown parses in a thread and mounts in batches).
        self._doc_update: AwaitComplete | None = None
        self._building = False
        self._pending: tuple[Finding | None, RuleMeta | None, str, SourceText | None] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="detail-title")
        yield Static("Evidence", classes="detail-heading", id="evidence-heading")
        # A table drawn from the finding shown alone, at the pane's width: a DataTable keeps
        # each column as wide as the widest cell it ever held, so its width depended on which
        # findings the pane happened to show before (and so on timing).
        yield Static(id="detail-evidence")
        yield Static("Fix", classes="detail-heading", id="fix-heading")
        yield Static(id="detail-fix-title")
        yield Static("Source", classes="detail-heading", id="source-heading")
        yield Static(id="detail-source")
        yield Static("Rule", classes="detail-heading", id="doc-heading")

    def on_mount(self) -> None:
        for heading in self.query(".detail-heading"):
            heading.display = False
        self.query_one("#detail-fix-title").display = False
        self.query_one("#detail-source").display = False
        self.query_one("#detail-evidence").display = False
        self.show(None, None, "", None)

    async def _build(self) -> None:
        if not self.is_attached or self._built:
            return  # the app quit before the first frame was followed by another
        from textual.widgets import Markdown, TextArea

        fix = TextArea(
            id="detail-fix",
            read_only=True,
            soft_wrap=True,
            show_line_numbers=False,
            theme="monokai",
        )
        fix.display = False
        doc = Markdown(id="detail-doc")
        doc.display = False
        await self.mount(fix, after="#detail-fix-title")
        await self.mount(doc, after="#doc-heading")
        if not (self.is_attached and fix.is_attached and doc.is_attached):
            return  # the app is closing: its widgets were removed while these were mounted
        self._built = True
        if self._pending is not None:
            self.show(*self._pending)

    @property
    def ready(self) -> bool:
        """Whether the evidence, fix and documentation widgets exist (after the first paint)."""
        return self._built

    async def settled(self) -> None:
        """Wait until the pane draws what it was last asked to show: its widgets built and
        the documentation laid out (for a picture that does not depend on timing)."""
        while self._building and not self._built and self.is_attached:
            await asyncio.sleep(0.01)
        if self._doc_update is not None:
            await self._doc_update

    def select_fix(self) -> bool:
        """Select the whole fix in its box, for copying by hand; False when there is none."""
        if not self._built:
            return False
        from textual.widgets import TextArea

        self.query_one("#detail-fix", TextArea).select_all()
        return True

    def show(
        self,
        finding: Finding | None,
        meta: RuleMeta | None,
        doc: str,
        source: SourceText | None,
    ) -> None:
        self.finding = finding
        self.query_one("#detail-title", Static).update(_title(finding, meta))
        if not self._built:
            self._pending = (finding, meta, doc, source)
            if finding is not None and not self._building:
                # After the frame that shows the table: the first paint does not wait.
                self._building = True
                self.call_after_refresh(self._build)
            return
        self._pending = None
        self._show_evidence(finding)
        self._show_fix(finding)
        frame = _source_frame(finding, source) if finding else None
        source_view = self.query_one("#detail-source", Static)
        source_view.display = self.query_one("#source-heading").display = frame is not None
        if frame is not None:
            source_view.update(frame)
        rule_id = finding.rule_id if finding else None
        from textual.widgets import Markdown

        markdown = self.query_one("#detail-doc", Markdown)
        markdown.display = self.query_one("#doc-heading").display = bool(doc)
        if rule_id != self._doc_rule:
            # Re-parsing Markdown is the slow part of a cursor move; skip it within one rule.
            self._doc_rule = rule_id
            self._doc_update = markdown.update(doc)

    def _show_fix(self, finding: Finding | None) -> None:
        from textual.widgets import TextArea

        fix = finding.fix if finding else None
        title = self.query_one("#detail-fix-title", Static)
        code = self.query_one("#detail-fix", TextArea)
        title.display = self.query_one("#fix-heading").display = fix is not None
        code.display = fix is not None and bool(fix.content)
        if fix is None:
            return
        title.update(_fix_title(printable(fix.title), fix.safety.value, fix.kind))
        if fix.content:
            # Syntax colouring needs tree-sitter (textual[syntax]); plain text without it.
            language = FIX_LEXER.get(fix.kind)
            usable = code.available_languages - _unsafe_languages()
            code.language = language if language in usable else None
            code.load_text(printable(fix.content, newlines=True))

    def _show_evidence(self, finding: Finding | None) -> None:
        view = self.query_one("#detail-evidence", Static)
        items = finding.evidence.items if finding else ()
        impact = finding.impact if finding else None
        view.display = self.query_one("#evidence-heading").display = bool(items or impact)
        if items or impact:
            view.update(_evidence_table(finding.evidence.items if finding else (), impact))


def _evidence_table(items: Iterable[tuple[str, object]], impact: Impact | None) -> Table:
    """Name and value per line, the cost first; a long value wraps within the pane."""
    table = Table(
        box=None,
        padding=(0, 1),
        show_edge=False,
        header_style="bold",
    )
    table.add_column("Name", style="bold", no_wrap=True, max_width=NAME_WIDTH)
    table.add_column("Value", overflow="fold")
    if impact is not None:
        # What its statement costs on the live system, first (advisor.impact).
        table.add_row("cost", Text(printable(describe(impact))))
    for name, value in items:
        shown = "" if value is None else printable(str(value))
        table.add_row(Text(printable(name), overflow="ellipsis"), Text(shown))
    return table


def _title(finding: Finding | None, meta: RuleMeta | None) -> Text:
    if finding is None:
        return Text("No finding selected.", style="dim")
    text = Text()
    text.append(f"{finding.severity.label.upper()} ", style=SEVERITY_STYLE[finding.severity])
    text.append(printable(finding.rule_id), style="bold")
    if meta is not None:
        text.append(f" {printable(meta.name)}", style="italic")
    text.append(f"\n{printable(finding.message)}\n")
    if finding.location is not None:
        text.append(printable(str(finding.location)), style="dim")
    if finding.object:
        text.append(f"  object: {printable(finding.object)}", style="dim")
    return text


def _fix_title(title: str, safety: str, kind: FixKind) -> Text:
    head = Text()
    head.append(title, style="bold")
    head.append(f"  ({safety}, {kind.value})", style="dim")
    return head


def _source_frame(finding: Finding, source: SourceText | None) -> Syntax | None:
    loc = finding.location
    if loc is None or source is None or loc.line > len(source.line_starts):
        return None
    first = max(1, loc.line - CONTEXT_LINES)
    last = min(len(source.line_starts), max(loc.end_line, loc.line) + CONTEXT_LINES)
    lexer = "json" if loc.path.endswith((".json", ".ndjson")) else "sql"
    from rich.syntax import Syntax  # pygments, imported when a source frame is first shown

    # Shown as text, a control character would take a different width than the columns say;
    # it is replaced by one visible character so the marked span stays where it is.
    syntax = Syntax(
        _visible(source.text),
        lexer,
        theme="monokai",
        line_numbers=True,
        line_range=(first, last),
        highlight_lines=set(range(loc.line, max(loc.end_line, loc.line) + 1)),
        background_color="default",
    )
    # Syntax columns are 0-based; the location's end column is inclusive.
    syntax.stylize_range(
        "bold underline reverse",
        (loc.line, max(0, loc.column - 1)),
        (max(loc.end_line, loc.line), loc.end_column),
    )
    return syntax


_ONE_WIDE = dict.fromkeys((*range(32), 127, *range(128, 160), *BIDI), "�")
del _ONE_WIDE[0x0A], _ONE_WIDE[0x09]


def _visible(text: str) -> str:
    """Source text with each control or BiDi character replaced by U+FFFD (same column)."""
    return text.translate(_ONE_WIDE)

"""The Plans view (`p`): the plan findings on the left, the chosen one's plan as a tree."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import OptionList, Static, Tree
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode

from advisor.model import Finding
from advisor.printable import printable
from advisor.tui.live_sources import Session
from advisor.tui.plans import PlanLine, PlanTree, TextOf, plan_findings, plan_for
from advisor.tui.widgets.footer import AdvisorFooter
from advisor.tui.widgets.styles import SEVERITY_STYLE
from advisor.words import count

MARK = "◀ finding"


class PlansScreen(Screen[None]):
    """Choosing a finding in the list shows its plan with the costly node marked and selected."""

    CSS_PATH = "plans.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f", "app.show_findings", "Findings"),
        Binding("tab", "focus_next", "Next pane", show=False),
    ]

    def __init__(self, session: Session, text_of: TextOf) -> None:
        super().__init__()
        self.session = session
        self.text_of = text_of
        self.findings: list[Finding] = []
        self.plan: PlanTree | None = None
        self.wanted: Finding | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="plans-head")
        with Horizontal(id="plans-body"):
            yield OptionList(id="plan-findings")
            yield Tree[PlanLine]("plan", id="plan-tree")
        yield AdvisorFooter()

    def on_mount(self) -> None:
        self.refresh_view()

    def select(self, finding: Finding | None) -> None:
        """Show `finding`'s plan (when it is a plan finding) once the view is refreshed."""
        self.wanted = finding
        if self.is_mounted:
            self.refresh_view()

    def refresh_view(self) -> None:
        self.findings = plan_findings(self.session.report)
        options = self.query_one("#plan-findings", OptionList)
        options.clear_options()
        options.add_options(Option(_option_text(f)) for f in self.findings)
        head = self.query_one("#plans-head", Static)
        if not self.findings:
            head.update(
                Text(
                    "No plan findings. Plans come from --explain files with --dsn (PostgreSQL), "
                    "a snapshot with plans, Redshift EXPLAIN output, or --profile (OpenSearch).",
                    style="italic dim",
                )
            )
            self._show_plan(None)
            return
        head.update(Text(count(len(self.findings), "plan finding"), style="bold"))
        index = 0
        if self.wanted is not None and self.wanted in self.findings:
            index = self.findings.index(self.wanted)
        options.highlighted = index
        self._show_plan(self.findings[index])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if 0 <= event.option_index < len(self.findings):
            self._show_plan(self.findings[event.option_index])

    def _show_plan(self, finding: Finding | None) -> None:
        tree = self.query_one("#plan-tree", Tree)
        tree.clear()
        self.plan = plan_for(finding, self.session.snapshots, self.text_of) if finding else None
        if self.plan is None:
            tree.root.set_label(
                Text("no plan was read for this finding", style="dim")
                if finding
                else Text("no plan", style="dim")
            )
            return
        tree.root.set_label(Text(self.plan.title[:200], style="bold"))
        marked = _add(tree.root, self.plan.root)
        tree.root.expand_all()
        if marked is not None:
            # The tree lays out its lines on the next refresh; select the marked node then.
            tree.call_after_refresh(tree.move_cursor, marked)


def _option_text(finding: Finding) -> Text:
    text = Text()
    text.append(f"{printable(finding.rule_id)} ", style=SEVERITY_STYLE[finding.severity])
    text.append(printable(finding.message))
    return text


def _label(line: PlanLine) -> Text:
    if line.marked:
        text = Text(printable(line.label), style="bold reverse red")
        text.append(f" {MARK}", style="bold red")
        return text
    return Text(printable(line.label))


def _add(parent: TreeNode[PlanLine], line: PlanLine) -> TreeNode[PlanLine] | None:
    """Add `line` and its children under `parent`; return the marked node."""
    if line.children:
        node = parent.add(_label(line), data=line, expand=True)
    else:
        node = parent.add_leaf(_label(line), data=line)
    marked = node if line.marked else None
    for child in line.children:
        found = _add(node, child)
        marked = marked or found
    return marked

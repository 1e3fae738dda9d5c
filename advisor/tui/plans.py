"""Plans as plain trees for the Plans view, each with the node a finding is about marked.

A plan finding is one whose rule targets plans (PostgreSQL JSON plans, Redshift EXPLAIN text,
OpenSearch profiles). Its plan is found through the model only: the plan at the finding's
location (or with the finding's anchor), and in it the node the evidence names. Redshift plans
not in a snapshot are parsed from the EXPLAIN file the finding points at.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from advisor.model import Finding, Report, TargetKind
from advisor.model_opensearch import OsProfile, OsProfileNode
from advisor.model_postgres import PgPlan, PlanNode
from advisor.model_redshift import RsPlan, RsPlanNode
from advisor.tui.live_sources import Snapshots


@dataclass(frozen=True, slots=True)
class PlanLine:
    """One node of a plan as shown: its label, whether the finding is about it, its children."""

    label: str
    marked: bool = False
    children: tuple[PlanLine, ...] = ()

    def walk(self) -> list[PlanLine]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass(frozen=True, slots=True)
class PlanTree:
    title: str
    root: PlanLine

    @property
    def marked(self) -> list[PlanLine]:
        return [line for line in self.root.walk() if line.marked]


TextOf = Callable[[str], str | None]


def is_plan_finding(finding: Finding, report: Report) -> bool:
    meta = report.rules.get(finding.rule_id)
    return meta is not None and meta.target is TargetKind.PLAN


def plan_findings(report: Report) -> list[Finding]:
    return [f for f in report.findings if is_plan_finding(f, report)]


def _evidence(finding: Finding, *names: str) -> str | None:
    for key, value in finding.evidence.items:
        if key in names and value is not None:
            return str(value)
    return None


# --- PostgreSQL -------------------------------------------------------------------------------


def _pg_label(node: PlanNode) -> str:
    parts = [node.node_type]
    if node.relation:
        parts.append(f"on {node.relation}")
    if node.index_name:
        parts.append(f"using {node.index_name}")
    figures = f"cost {node.total_cost:,.1f}, rows {node.plan_rows:,.0f}"
    if node.actual_rows is not None:
        figures += f", actual {node.actual_rows:,.0f}"
    return f"{' '.join(parts)}  ({figures})"


def _pg_line(node: PlanNode, marked: PlanNode | None) -> PlanLine:
    children = tuple(_pg_line(child, marked) for child in node.children)
    return PlanLine(_pg_label(node), node is marked, children)


def _pg_marked(plan: PgPlan, finding: Finding) -> PlanNode | None:
    nodes = list(plan.root.walk())
    kind = _evidence(finding, "node", "node_type")
    obj = finding.object
    for test in (
        lambda n: kind is not None and n.node_type == kind and n.relation == obj,
        lambda n: kind is not None and n.node_type == kind,
        lambda n: obj is not None and obj in (n.relation, n.index_name),
    ):
        found = [n for n in nodes if test(n)]
        if found:
            return found[0]
    return None


def _pg_plan(finding: Finding, plans: Sequence[PgPlan]) -> PlanTree | None:
    loc = finding.location
    chosen = None
    for plan in plans:
        if finding.anchor and plan.statement == finding.anchor:
            chosen = plan
            break
        if loc is not None and plan.path == loc.path and plan.line == loc.line and chosen is None:
            chosen = plan
    if chosen is None:
        return None
    marked = _pg_marked(chosen, finding)
    title = " ".join(chosen.statement.split())
    return PlanTree(title, _pg_line(chosen.root, marked))


# --- Redshift ---------------------------------------------------------------------------------


def _rs_label(node: RsPlanNode) -> str:
    parts = [node.label or node.operator]
    figures = [
        f"{name} {value:,.0f}" if isinstance(value, int) else f"{name} {value:,.2f}"
        for name, value in (("cost", node.total_cost), ("rows", node.rows))
        if value is not None
    ]
    return f"{' '.join(parts)}  ({', '.join(figures)})" if figures else " ".join(parts)


def _rs_line(node: RsPlanNode, marked: RsPlanNode | None) -> PlanLine:
    children = tuple(_rs_line(child, marked) for child in node.children)
    return PlanLine(_rs_label(node), node is marked, children)


def _rs_tree(plan: RsPlan, node: RsPlanNode) -> PlanTree:
    where = f"{plan.path}:{plan.root.line}" if plan.path else f"query {plan.query_id}"
    title = " ".join(plan.statement.split()) or where
    return PlanTree(title, _rs_line(plan.root, node))


def _rs_by_anchor(finding: Finding, plans: Sequence[RsPlan]) -> PlanTree | None:
    """A plan read from the cluster has no file: the anchor names its statement and node."""
    anchor = finding.anchor
    for plan in plans:
        if not plan.statement or not anchor.startswith(plan.statement):
            continue
        rest = anchor[len(plan.statement) :].strip()
        nodes = [n for n in plan.nodes() if n.label and rest.startswith(n.label)]
        # Among equal labels, the node whose details (its join condition) the anchor names.
        named = [n for n in nodes if any(d.split(":", 1)[-1].strip() in rest for d in n.details)]
        chosen = (named or nodes)[:1]
        if chosen:
            return _rs_tree(plan, chosen[0])
    return None


def _rs_plan(finding: Finding, plans: Sequence[RsPlan]) -> PlanTree | None:
    loc = finding.location
    if loc is None:
        return _rs_by_anchor(finding, plans) if finding.anchor else None
    for plan in plans:
        if plan.path != loc.path:
            continue
        for node in plan.nodes():
            if node.line == loc.line:
                return _rs_tree(plan, node)
    return None


def _rs_file_plans(path: str, text_of: TextOf) -> list[RsPlan]:
    from advisor.sql.explain import parse_plans

    text = text_of(path)
    if not text:
        return []
    try:
        return parse_plans(text, path)
    except (ValueError, IndexError):
        return []


# --- OpenSearch -------------------------------------------------------------------------------


def _os_line(node: OsProfileNode, marked: OsProfileNode | None) -> PlanLine:
    label = f"{node.type} {node.description[:80]}  ({node.time_ns / 1e6:,.2f} ms)"
    children = tuple(_os_line(child, marked) for child in node.children)
    return PlanLine(label, node is marked, children)


def _os_plan(finding: Finding, profiles: Sequence[OsProfile]) -> PlanTree | None:
    loc = finding.location
    if loc is None:
        return None
    for profile in profiles:
        if profile.path != loc.path or profile.line != loc.line or not profile.shards:
            continue
        shard = max(profile.shards, key=lambda s: s.query_ns)
        roots = [node for search in shard.searches for node in search.query]
        if not roots:
            continue
        kind = _evidence(finding, "type", "node")
        nodes = [n for root in roots for n in root.walk()]
        typed = [n for n in nodes if n.type == kind]
        marked = typed[0] if typed else max(nodes, key=lambda n: n.self_ns)
        lines = tuple(_os_line(root, marked) for root in roots)
        root = lines[0] if len(lines) == 1 else PlanLine(f"shard {shard.id}", False, lines)
        return PlanTree(f"{profile.index}: {profile.body[:100]}", root)
    return None


def plan_for(finding: Finding, snapshots: Snapshots, text_of: TextOf) -> PlanTree | None:
    """The plan `finding` is about, with its node marked; None when no plan was read."""
    if snapshots.postgres is not None:
        found = _pg_plan(finding, snapshots.postgres.plans)
        if found is not None:
            return found
    if snapshots.redshift is not None:
        found = _rs_plan(finding, snapshots.redshift.plans)
        if found is not None:
            return found
    if snapshots.opensearch is not None:
        found = _os_plan(finding, snapshots.opensearch.profiles)
        if found is not None:
            return found
    if finding.location is not None:
        return _rs_plan(finding, _rs_file_plans(finding.location.path, text_of))
    return None

"""Redshift `EXPLAIN` text to a tree of plan nodes.

Each operator line reads `[->  ]<operator> [DS_xxx]  (cost=a..b rows=n width=w)`; the lines
after it that are not operators (`Hash Cond:`, `Filter:`, `Merge Key:`, `Send to leader`) are
its details. Nesting follows the indentation of the `->` arrows. Some copies of plans lose the
indentation (every line at column 0); then an operator that must have an input (a `Hash`, a
`Sort`, the second side of a join) takes the next line as its child. The psql decoration
(`QUERY PLAN` header, dashes, `(N rows)` footer), tabs and the `EXPLAIN` statement printed
before a plan are tolerated. Trailer lines such as `----- Tables missing statistics: t -----`
become the plan's notes.

A file may hold several plans: a blank line, a header or a footer ends one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from advisor.model_redshift import RsPlan, RsPlanNode

# Numbers of bounded length: a 5,000-digit row count is not a plan, and Python refuses to
# convert it.
_COST = re.compile(
    r"\(cost=(?P<start>\d{1,40}(?:\.\d{1,40})?)\.\.(?P<total>\d{1,40}(?:\.\d{1,40})?)"
    r"\s+rows=(?P<rows>\d{1,40})\s+width=(?P<width>\d{1,40})\)"
)
# Operators nested deeper than this are refused: no real plan comes near it, and the plan
# rules walk the tree recursively.
MAX_PLAN_DEPTH = 200
_ARROW = re.compile(r"^(?P<indent>\s*)->\s*(?P<body>.*)$")
_HEADER = re.compile(r"^\s*QUERY PLAN\s*$", re.I)
_DASHES = re.compile(r"^\s*-+\s*$")
_FOOTER = re.compile(r"^\s*\(\d+ rows?\)\s*$")
_DIST = re.compile(r"\b(DS_[A-Z_]+)\b")
_SCAN_ON = re.compile(r"^(?P<op>.*?Scan(?: \w+)?) on (?P<rel>\S+)(?:\s+(?P<alias>\S+))?$")
_S3_SCAN = re.compile(r"^(?P<op>S3 (?:Seq|Query) Scan)\s+(?P<rel>[^\s\"]+)(?:\s+(?P<rest>.*))?$")
# Spectrum partition pruning: `Seq Scan PartitionInfo of spectrum.sales_part [alias]`.
_PARTITION_INFO = re.compile(
    r"^(?P<op>Seq Scan PartitionInfo) of (?P<rel>\S+)(?:\s+(?P<alias>\S+))?$"
)
_LEAF_WORDS = ("Seq Scan", "S3 Seq Scan", "Function Scan", "Result", "SecureScan")


class ExplainError(ValueError):
    """Text that holds no plan."""


@dataclass(slots=True)
class _Builder:
    """A node under construction (children and details are still being added)."""

    node: RsPlanNode
    key: tuple[int, int]
    details: list[str] = field(default_factory=list)
    children: list[_Builder] = field(default_factory=list)

    def freeze(self) -> RsPlanNode:
        return replace(
            self.node,
            details=tuple(self.details),
            children=tuple(c.freeze() for c in self.children),
        )

    def wants_child(self) -> bool:
        return len(self.children) < _inputs(self.node)


def _inputs(node: RsPlanNode) -> int:
    """How many inputs an operator must have: 2 for joins, 0 for scans, else 1."""
    if node.is_join or node.operator.endswith("Loop"):
        return 2
    if any(word in node.operator for word in _LEAF_WORDS) or node.operator.endswith("Scan"):
        return 0 if not node.operator.startswith(("S3 Query Scan", "Subquery Scan")) else 1
    if node.operator in ("Append", "Values"):
        return 0
    return 1


def parse_node_text(text: str, line: int = 1) -> RsPlanNode | None:
    """The node of one operator line (without its arrow); None when it is not one."""
    match = _COST.search(text)
    if match is None:
        return None
    label = text[: match.start()].strip()
    return _node(label, line, match)


def _node(label: str, line: int, cost: re.Match[str] | None) -> RsPlanNode:
    rest = label
    compute = rest.startswith("XN ")
    if compute:
        rest = rest[3:].strip()
    dist_match = _DIST.search(rest)
    distribution = dist_match.group(1) if dist_match else None
    if dist_match:
        rest = (rest[: dist_match.start()] + rest[dist_match.end() :]).strip()
    operator, relation, alias = rest, None, None
    scan = _SCAN_ON.match(rest) or _PARTITION_INFO.match(rest)
    s3 = _S3_SCAN.match(rest)
    if s3:
        operator, relation = s3.group("op"), s3.group("rel")
    elif scan:
        operator, relation, alias = scan.group("op"), scan.group("rel"), scan.group("alias")
    return RsPlanNode(
        operator=" ".join(operator.split()),
        label=label,
        compute_node=compute,
        distribution=distribution,
        relation=relation,
        alias=alias,
        startup_cost=float(cost.group("start")) if cost else None,
        total_cost=float(cost.group("total")) if cost else None,
        rows=int(cost.group("rows")) if cost else None,
        width=int(cost.group("width")) if cost else None,
        line=line,
    )


@dataclass(slots=True)
class _PlanText:
    """The lines of one plan and the statement text printed before it."""

    lines: list[tuple[int, str]] = field(default_factory=list)
    before: list[str] = field(default_factory=list)


def _is_operator(text: str) -> bool:
    return bool(_ARROW.match(text)) or bool(_COST.search(text))


def split_plans(text: str) -> list[_PlanText]:
    """The plans of a text, each with its own lines (number, text with tabs expanded)."""
    plans: list[_PlanText] = []
    current: _PlanText | None = None
    before: list[str] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.expandtabs(8).rstrip()
        ends = not line.strip() or _HEADER.match(line) or _FOOTER.match(line)
        if ends or (_DASHES.match(line) and _trailer(line) is None):
            if current is not None:
                plans.append(current)
                current = None
                before = []
            continue
        if current is None:
            if _is_operator(line):
                current = _PlanText(before=before)
                before = []
            else:
                before.append(line.strip())
                continue
        current.lines.append((number, line))
    if current is not None:
        plans.append(current)
    return plans


def _trailer(line: str) -> str | None:
    r"""The text of a `----- Nested Loop Join in the query plan ... -----` line, else None.

    Written out rather than as the regex `-{3,}\s+(.*?)\s+-{3,}`, which backtracked in cubic
    time over a line of dashes followed by thousands of blanks.
    """
    text = line.strip()
    if not text.startswith("---") or not text.endswith("---"):
        return None
    head = len(text) - len(text.lstrip("-"))
    tail = len(text) - len(text.rstrip("-"))
    inner = text[head : len(text) - tail]
    if tail < 3 or not inner or not inner[0].isspace() or not inner[-1].isspace():
        return None
    words = inner.strip()
    return words if words or len(inner) >= 2 else None


def _statement(before: list[str]) -> str:
    text = " ".join(before).strip()
    match = re.match(r"(?is)^explain\s+(?:verbose\s+)?(.*)$", text)
    return (match.group(1) if match else text).strip()


def build_plan(piece: _PlanText, path: str | None = None) -> RsPlan:
    """The tree of one plan's lines."""
    root: _Builder | None = None
    stack: list[_Builder] = []
    notes: list[str] = []
    for number, line in piece.lines:
        trailer = _trailer(line)
        if trailer is not None:
            notes.append(trailer)
            continue
        arrow = _ARROW.match(line)
        body = arrow.group("body") if arrow else line.strip()
        cost = _COST.search(body)
        if not arrow and cost is None:
            if stack:
                stack[-1].details.append(line.strip())
            else:
                notes.append(line.strip())
            continue
        label = body[: cost.start()].strip() if cost else body.strip()
        indent = len(arrow.group("indent")) if arrow else len(line) - len(line.lstrip())
        builder = _Builder(_node(label, number, cost), (indent, 1 if arrow else 0))
        if root is None:
            root = builder
            stack = [builder]
            continue
        # Same indentation as an operator still missing an input: indentation was lost.
        while stack and (
            stack[-1].key > builder.key
            or (stack[-1].key == builder.key and not stack[-1].wants_child())
        ):
            stack.pop()
        parent = stack[-1] if stack else root
        parent.children.append(builder)
        stack.append(builder)
        if len(stack) > MAX_PLAN_DEPTH:
            raise ExplainError(f"line {number}: plan nested deeper than {MAX_PLAN_DEPTH} operators")
    if root is None:
        raise ExplainError("no plan operator line found")
    return RsPlan(
        root=root.freeze(),
        notes=tuple(notes),
        statement=_statement(piece.before),
        path=path,
        line=root.node.line,
    )


def parse_plans(text: str, path: str | None = None) -> list[RsPlan]:
    """Every plan in a text (a saved EXPLAIN output, possibly several)."""
    return [build_plan(piece, path) for piece in split_plans(text) if piece.lines]


def parse_plan(text: str, path: str | None = None) -> RsPlan:
    """The one plan of a text; ExplainError when there is none."""
    plans = parse_plans(text, path)
    if not plans:
        raise ExplainError("no plan operator line found")
    return plans[0]


def plan_from_rows(rows: list[tuple[int, int, str, str]], query_id: int | None = None) -> RsPlan:
    """A plan from stl_explain / sys_query_explain rows: (node id, parent id, node, info).

    Each row is one operator (`plannode`) and one detail (`info`); a node with several details
    appears on several rows with the same id.
    """
    builders: dict[int, _Builder] = {}
    parents: dict[int, int] = {}
    order: list[int] = []
    for node_id, parent_id, plannode, info in sorted(rows, key=lambda r: r[0]):
        if node_id not in builders:
            text = plannode.strip()
            cost = _COST.search(text)
            label = text[: cost.start()].strip() if cost else text
            builders[node_id] = _Builder(_node(label, node_id, cost), (0, 0))
            parents[node_id] = parent_id
            order.append(node_id)
        detail = (info or "").strip()
        if detail:
            builders[node_id].details.append(detail)
    if not order:
        raise ExplainError("no plan rows")
    roots = [n for n in order if parents[n] not in builders or parents[n] == n]
    if not roots or not _shallow(parents, set(roots), order):
        raise ExplainError(f"plan rows form a cycle or nest deeper than {MAX_PLAN_DEPTH} operators")
    for node_id in order:
        if node_id not in roots:
            builders[parents[node_id]].children.append(builders[node_id])
    root = builders[roots[0]]
    return RsPlan(root=root.freeze(), query_id=query_id, line=root.node.line)


def _shallow(parents: dict[int, int], roots: set[int], order: list[int]) -> bool:
    """Every node reaches a root within MAX_PLAN_DEPTH parent steps (so: no cycles)."""
    depth: dict[int, int] = dict.fromkeys(roots, 0)
    for node_id in order:
        path = []
        current = node_id
        while current not in depth:
            path.append(current)
            if len(path) > MAX_PLAN_DEPTH:
                return False
            current = parents[current]
        base = depth[current]
        for step, node in enumerate(reversed(path), 1):
            depth[node] = base + step
            if depth[node] > MAX_PLAN_DEPTH:
                return False
    return True

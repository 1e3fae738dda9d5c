"""Rules build fixes only through the `Fix` constructors and the fix templates.

An AST scan of the rule base (and of the rule kits in `advisor.sql` and `advisor.dsl`) for the
two ways a fix used to be made by hand:

- a `Fix(...)` made directly, instead of `Fix.sql` / `Fix.dsl` / `Fix.setting` / `Fix.advice`;
- the text of a SQL or DSL fix pasted together (an f-string with values in it, ``%``,
  ``str.format``, or ``+`` of SQL words), in the call itself or through a local name assigned
  so in the same function; and an OpenSearch console request pasted around ``json.dumps``
  (`advisor.dsl.console` writes those from data).

Joining rendered statements with ``";"`` or a newline is not pasting: each part is a rendered
template or tree.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCANNED = [ROOT / "rules", ROOT / "advisor" / "sql", ROOT / "advisor" / "dsl"]

# Calls whose second argument (or `content=`) is the text of a SQL or DSL fix.
TEXT_FIXES = {"sql", "dsl", "sql_fix", "dsl_fix"}
# Calls whose text may be prose, but not a console request pasted around json.dumps.
PROSE_FIXES = {"setting", "advice"}

# Written as text on purpose, each for the same reason: the text pasted in is a statement the
# server reported (pg_stat_statements, sys_query_history), not a name. PostgreSQL's EXPLAIN
# takes it behind its words; the UNLOAD quotes it with doubled single quotes, the spelling the
# Redshift UNLOAD documentation shows (sqlglot's literal would escape with backslashes).
KEPT_BY_HAND = [
    "rules/postgres/_common.py: pasted SQL or DSL text",
    "rules/redshift/workload/large_result_set.py: pasted SQL or DSL text",
]


def _wordy(node: ast.expr) -> bool:
    """A string constant with words in it (SQL), not a separator such as ';' or a newline."""
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.search("[A-Za-z]", node.value) is not None
    )


def _pasted(node: ast.expr) -> bool:
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.FormattedValue) for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return isinstance(node.left, ast.Constant | ast.JoinedStr)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return any(_wordy(side) or _pasted(side) for side in (node.left, node.right))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "format" and isinstance(node.func.value, ast.Constant)
    return False


def _dumps_in_fstring(node: ast.expr) -> bool:
    for inner in ast.walk(node):
        if isinstance(inner, ast.JoinedStr):
            for part in ast.walk(inner):
                if (
                    isinstance(part, ast.Call)
                    and isinstance(part.func, ast.Attribute)
                    and part.func.attr == "dumps"
                ):
                    return True
    return False


def _content(call: ast.Call) -> ast.expr | None:
    if len(call.args) > 1:
        return call.args[1]
    return next((k.value for k in call.keywords if k.arg == "content"), None)


def _scopes(tree: ast.Module) -> Iterator[ast.AST]:
    yield tree
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            yield node


def by_hand(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, what) of every fix made by hand in one module."""
    found: set[tuple[int, str]] = set()
    for scope in _scopes(tree):
        assigned: dict[str, list[ast.expr]] = {}
        for node in ast.walk(scope):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assigned.setdefault(target.id, []).append(node.value)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                if node.value is not None:
                    assigned.setdefault(node.target.id, []).append(node.value)
            elif (
                isinstance(node, ast.AugAssign)
                and isinstance(node.target, ast.Name)
                and isinstance(node.op, ast.Add)
            ):
                joined = ast.BinOp(ast.Constant(""), ast.Add(), node.value)
                assigned.setdefault(node.target.id, []).append(joined)
        for call in (n for n in ast.walk(scope) if isinstance(n, ast.Call)):
            func = call.func
            if isinstance(func, ast.Name) and func.id == "Fix":
                found.add((call.lineno, "Fix(...) made directly"))
                continue
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            content = _content(call)
            if content is None or called not in TEXT_FIXES | PROSE_FIXES:
                continue
            via = [content]
            if isinstance(content, ast.Name):
                via += assigned.get(content.id, [])
            if called in TEXT_FIXES and any(_pasted(v) for v in via):
                found.add((call.lineno, "pasted SQL or DSL text"))
            elif any(_dumps_in_fstring(v) for v in via):
                found.add((call.lineno, "console request pasted around json.dumps"))
    return sorted(found)


def scan() -> list[str]:
    rows = []
    for folder in SCANNED:
        for path in sorted(folder.rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            where = path.relative_to(ROOT).as_posix()
            rows += [f"{where}: {what}" for _, what in by_hand(tree)]
    return rows


def test_fixes_are_built_through_the_constructors_and_templates() -> None:
    assert scan() == KEPT_BY_HAND


def _found(source: str) -> list[str]:
    return [what for _, what in by_hand(ast.parse(source))]


def test_the_scan_sees_each_way_of_building_a_fix_by_hand() -> None:
    assert _found("Fix('t', FixSafety.SAFE, FixKind.SQL, 'VACUUM')") == ["Fix(...) made directly"]
    pasted = "pasted SQL or DSL text"
    assert _found("Fix.sql('t', f'VACUUM {table};')") == [pasted]
    assert _found("def f(t):\n    ddl = f'DROP TABLE {t}'\n    return Fix.sql('x', ddl)") == [
        pasted
    ]
    assert _found("def f(t):\n    ddl = 'a'\n    ddl += 'ANALYZE ' + t\n    Fix.sql('x', ddl)")
    assert _found("Fix.sql('t', 'DROP TABLE %s;' % table)") == [pasted]
    assert _found("Fix.sql('t', 'DROP TABLE {};'.format(table))") == [pasted]
    assert _found("Fix.dsl('t', content='{\"size\": ' + size + '}')") == [pasted]
    assert _found("Fix.setting('t', f'PUT {i}/_settings\\n{json.dumps(body)}')") == [
        "console request pasted around json.dumps"
    ]


def test_the_scan_lets_rendered_statements_be_joined() -> None:
    assert not _found("Fix.sql('t', A.render(table=t) + '\\n' + B.render(table=t))")
    assert not _found("def f(t):\n    fixed = tree.sql()\n    return Fix.sql('x', fixed + ';')")
    assert not _found("Fix.advice('t', f'Look at {table} before the next load')")
    assert not _found("Fix.setting('t', f'{q.name}: memory_percent_to_use = {p}')")

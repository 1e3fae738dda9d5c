"""Measure how much of a SQL corpus the dialect turns into typed trees.

``classify`` buckets a parsed statement; ``tuning_relevant`` says whether the bucket holds
statements the advisor's rules look at. ``split_statements`` is a rough splitter for
measurement only (semicolons outside quotes, comments and dollar quotes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlglot import exp
from sqlglot.errors import ParseError

from advisor.sql import dialect
from advisor.sql.redshift import expressions as rx

TUNING_CATEGORIES = frozenset(
    {"table_ddl", "view_ddl", "dml", "query", "maintenance", "load_unload", "alter_table"}
)
_DOLLAR = re.compile(r"\$([A-Za-z_]\w*)?\$")


def classify(e: exp.Expr | None) -> str:
    """Category of a statement: table_ddl, view_ddl, dml, query, maintenance,
    load_unload, alter_table or other."""
    if e is None or isinstance(e, exp.Command):
        return "other"
    if isinstance(e, exp.Create):
        kind = str(e.args.get("kind") or "").upper()
        if kind == "TABLE":
            return "table_ddl"
        if kind == "VIEW":
            return "view_ddl"
        return "other"
    if isinstance(e, exp.Alter):
        return "alter_table" if str(e.args.get("kind") or "").upper() == "TABLE" else "other"
    if isinstance(e, (exp.Insert, exp.Update, exp.Delete, exp.Merge, exp.TruncateTable)):
        return "dml"
    if isinstance(e, exp.Query):
        return "query"
    if isinstance(e, (rx.Vacuum, exp.Analyze, rx.AnalyzeCompression, exp.Refresh)):
        return "maintenance"
    if isinstance(e, (exp.Copy, rx.Unload)):
        return "load_unload"
    return "other"


def tuning_relevant(category: str) -> bool:
    return category in TUNING_CATEGORIES


def _intended_category(sql: str) -> str:
    """Category guessed from the leading words, for statements that failed to parse."""
    words = re.sub(r"--[^\n]*|/\*.*?\*/", " ", sql, flags=re.S).upper().split()
    head = " ".join(words[:6])
    if re.match(r"CREATE (OR REPLACE )?(LOCAL )?(TEMP(ORARY)? |EXTERNAL )?TABLE", head):
        return "table_ddl"
    if re.match(r"CREATE (OR REPLACE )?(MATERIALIZED )?VIEW", head):
        return "view_ddl"
    if re.match(r"ALTER TABLE", head):
        return "alter_table"
    first = words[0] if words else ""
    if first in ("INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE"):
        return "dml"
    if first in ("SELECT", "WITH", "("):
        return "query"
    if first in ("VACUUM", "ANALYZE", "ANALYSE"):
        return "maintenance"
    if first in ("COPY", "UNLOAD"):
        return "load_unload"
    return "other"


def split_statements(text: str) -> list[str]:
    """Rough split on ``;`` outside quotes, comments and dollar-quoted bodies."""
    out: list[str] = []
    start = i = 0
    n = len(text)
    while i < n:
        if text.startswith("--", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif text[i] in "'\"":
            quote, i = text[i], i + 1
            while i < n and text[i] != quote:
                i += 2 if text[i] == "\\" and quote == "'" else 1
            i += 1
        elif text[i] == "$" and (m := _DOLLAR.match(text, i)):
            j = text.find(m.group(0), m.end())
            i = n if j < 0 else j + len(m.group(0))
        elif text[i] == ";":
            out.append(text[start:i])
            start = i = i + 1
        else:
            i += 1
    out.append(text[start:])
    return [s.strip() for s in out if s.strip() and _has_code(s)]


def _has_code(sql: str) -> bool:
    return bool(re.sub(r"--[^\n]*|/\*.*?\*/", "", sql, flags=re.S).strip())


@dataclass
class Coverage:
    """Counts of statements and typed parses, overall and for tuning-relevant ones."""

    total: int = 0
    typed: int = 0
    tuning_total: int = 0
    tuning_typed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def add(self, sql: str, tree: exp.Expr | None, error: str | None) -> None:
        category = classify(tree) if error is None else _intended_category(sql)
        if category == "other" and error is None and not dialect.is_typed(tree):
            category = _intended_category(sql)
        ok = error is None and dialect.is_typed(tree)
        self.total += 1
        self.typed += ok
        if tuning_relevant(category):
            self.tuning_total += 1
            self.tuning_typed += ok
        if not ok:
            self.failures.append((sql, error or "untyped"))

    @property
    def share(self) -> float:
        return self.typed / self.total if self.total else 1.0

    @property
    def tuning_share(self) -> float:
        return self.tuning_typed / self.tuning_total if self.tuning_total else 1.0


def measure(folder: Path) -> Coverage:
    """Parse every statement of every ``*.sql`` file in ``folder`` with the dialect."""
    coverage = Coverage()
    for path in sorted(folder.glob("*.sql")):
        for sql in split_statements(path.read_text(encoding="utf-8")):
            try:
                tree: exp.Expr | None = dialect.parse_one(sql)
                error = None
            except ParseError as err:
                tree, error = None, str(err).splitlines()[0]
            coverage.add(sql, tree, error)
    return coverage

"""`advisor lint --redshift DSN --verify-fixes`: query rewrites planned next to their originals.

The pairing and the verdicts are tested on the AWS guide's own before/after plans; the session
is tested against the emulation on the real PostgreSQL server (its planner answers EXPLAIN:
the costs are PostgreSQL's, and it has no steps that move rows between nodes).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from service_support import free_port

from advisor.cli import cli
from advisor.model import Finding, Fix, FixSafety, Location, Severity, SourceText
from advisor.redshift_data.plan import Refused
from advisor.sql.explain import parse_plan
from advisor.verify_rs import (
    Figures,
    RsVerifier,
    Unreachable,
    Verdict,
    judge,
    pair_of,
)

ROOT = Path(__file__).resolve().parents[2]
PLANS = ROOT / "examples" / "redshift" / "plans"
DDL = """CREATE TABLE rs_demo.orders_stale (
    order_id BIGINT,
    customer_id INTEGER,
    status VARCHAR(16),
    ordered_at TIMESTAMP
) DISTKEY (customer_id) SORTKEY (ordered_at);
"""
REPORT = """-- Orders still open, for the support dashboard.
SELECT *
FROM rs_demo.orders_stale
WHERE status = 'open';
"""


def plan_text(name: str) -> str:
    return (PLANS / f"{name}.txt").read_text(encoding="utf-8")


def test_the_guides_redistribution_fix_shows_in_the_figures() -> None:
    before = Figures.of(parse_plan(plan_text("c_data_redistribution_before")))
    after = Figures.of(parse_plan(plan_text("c_data_redistribution_after")))
    assert before.moves == ("DS_BCAST_INNER", "DS_BCAST_INNER")
    assert after.moves == ()
    outcome = judge(
        plan_text("c_data_redistribution_before"), plan_text("c_data_redistribution_after")
    )
    assert outcome.verdict is Verdict.PLANNED
    assert "plan cost 3272334142.59 -> 14142.59" in outcome.summary
    assert "steps moving rows 2 -> 0" in outcome.summary


def test_a_rewrite_that_does_not_plan_is_not_safe() -> None:
    outcome = judge(plan_text("hash_join_broadcast"), Refused('column "x" does not exist'))
    assert outcome.verdict is Verdict.REWRITE_FAILS
    assert outcome.original is not None and outcome.rewrite is None


def test_an_original_that_does_not_plan_is_not_checked() -> None:
    outcome = judge(Refused('relation "sales.orders" does not exist'), "whatever")
    assert outcome.verdict is Verdict.NOT_VERIFIED
    assert "does not plan on this database" in outcome.summary


def finding_on(path: str, text: str, start: int, end: int, replacement: str) -> Finding:
    source = SourceText.of(path, text)
    edit = source.edit(start, end, replacement)
    fix = Fix.sql("Name the columns", replacement, FixSafety.UNSAFE, edits=(edit,))
    return Finding("RS-Q01", Severity.INFO, "`*` reads every column", edit.span, fix=fix)


def test_pair_applies_the_edits_inside_the_statement() -> None:
    text = "SELECT 1;\n" + REPORT
    star = text.index("*")
    finding = finding_on("r.sql", text, star, star + 1, "order_id, status")
    pair = pair_of(finding, SourceText.of("r.sql", text))
    assert not isinstance(pair, str)
    assert pair.original.endswith("WHERE status = 'open'")
    assert "SELECT order_id, status\nFROM rs_demo.orders_stale" in pair.rewrite
    assert "SELECT 1" not in pair.rewrite


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("SELECT * FROM {{ ref('orders') }};", "template code"),
        ("DELETE FROM t WHERE id IN (SELECT * FROM u);", "only queries"),
    ],
)
def test_statements_not_planned_say_why(text: str, why: str) -> None:
    star = text.index("*")
    finding = finding_on("r.sql", text, star, star + 1, "id")
    pair = pair_of(finding, SourceText.of("r.sql", text))
    assert isinstance(pair, str) and why in pair


class Recording:
    def __init__(self, answers: Sequence[str | Refused] | None = None) -> None:
        self.calls: list[tuple[str, ...]] = []
        self.answers = answers

    def __call__(self, statements: Sequence[str]) -> Sequence[str | Refused]:
        self.calls.append(tuple(statements))
        if self.answers is None:
            raise Unreachable("Redshift host=nowhere: connection refused")
        return self.answers


def test_each_pair_is_planned_once_and_the_limit_holds(tmp_path: Path) -> None:
    path = tmp_path / "r.sql"
    text = "SELECT * FROM a;\nSELECT * FROM b;\n"
    path.write_text(text, encoding="utf-8")
    plan = plan_text("hash_join_broadcast")
    explain = Recording([plan, plan])
    verifier = RsVerifier(explain, limit=1)
    first = finding_on(str(path), text, 7, 8, "x")
    again = finding_on(str(path), text, 7, 8, "x")
    second = finding_on(str(path), text, 24, 25, "y")
    out = verifier.check([first, again, second])
    assert len(explain.calls) == 1
    assert "explained on the cluster" in (out[0].fix.title if out[0].fix else "")
    assert out[0].evidence.as_dict()["original_plan_cost"] is not None
    assert "past the limit of 1" in (out[2].fix.title if out[2].fix else "")


def test_rewrite_refused_makes_the_fix_advice(tmp_path: Path) -> None:
    path = tmp_path / "r.sql"
    text = "SELECT * FROM a;\n"
    path.write_text(text, encoding="utf-8")
    verifier = RsVerifier(Recording([plan_text("hash_join_broadcast"), Refused("no column x")]))
    (out,) = verifier.check([finding_on(str(path), text, 7, 8, "x")])
    assert out.fix is not None and out.fix.safety is FixSafety.ADVISORY
    assert "NOT SAFE" in out.fix.title


def test_unreachable_cluster_is_remembered(tmp_path: Path) -> None:
    path = tmp_path / "r.sql"
    text = "SELECT * FROM a;\nSELECT * FROM b;\n"
    path.write_text(text, encoding="utf-8")
    explain = Recording(None)
    verifier = RsVerifier(explain)
    verifier.check(
        [finding_on(str(path), text, 7, 8, "x"), finding_on(str(path), text, 24, 25, "y")]
    )
    assert len(explain.calls) == 1
    assert verifier.failure is not None and "connection refused" in verifier.failure


def write_tree(tmp_path: Path, report: str = REPORT) -> Path:
    (tmp_path / "ddl.sql").write_text(DDL, encoding="utf-8")
    (tmp_path / "report.sql").write_text(report, encoding="utf-8")
    return tmp_path


def test_live_rewrite_explained_on_the_emulation(emulation: str, tmp_path: Path) -> None:
    tree = write_tree(tmp_path)
    result = CliRunner().invoke(
        cli,
        ["lint", str(tree), "--redshift", emulation, "--verify-fixes", "--select", "RS-Q01",
         "--format", "json"],
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    assert "query rewrites explained on Redshift: 1 pair planned" in result.stderr
    import json

    (finding,) = json.loads(result.stdout)["findings"]
    assert "explained on the cluster: plan cost" in finding["fix"]["title"]
    evidence = finding["evidence"]
    assert evidence["verify_verdict"] == "planned"
    assert evidence["original_plan_cost"] > 0
    assert evidence["rewrite_rows_moved_steps"] == 0


def test_live_query_on_tables_elsewhere_is_not_checked(emulation: str, tmp_path: Path) -> None:
    tree = write_tree(tmp_path, REPORT.replace("rs_demo.orders_stale", "rs_demo.nowhere"))
    (tree / "ddl.sql").write_text(DDL.replace("orders_stale", "nowhere"), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["lint", str(tree), "--redshift", emulation, "--verify-fixes", "--select", "RS-Q01"]
    )
    assert result.exit_code in (0, 1), result.output
    assert "does not plan on this database" in result.stderr
    assert 'relation "rs_demo.nowhere" does not exist' in result.stderr


def test_unreachable_cluster_exits_2_after_the_report(tmp_path: Path) -> None:
    tree = write_tree(tmp_path)
    dsn = f"host=127.0.0.1 port={free_port()} user=u password=rs-secret-91 connect_timeout=2"
    result = CliRunner().invoke(
        cli, ["lint", str(tree), "--redshift", dsn, "--verify-fixes", "--select", "RS-Q01"]
    )
    assert result.exit_code == 2
    assert "RS-Q01" in result.stdout
    assert "cannot verify fixes" in result.stderr
    assert "rs-secret-91" not in result.output


def test_explain_never_runs_the_statement(emulation: str) -> None:
    from connectors.redshift.explain import Explainer
    from connectors.redshift.session import RedshiftSource

    explainer = Explainer(RedshiftSource(dsn=emulation))
    answers = explainer.explain(
        [
            "SELECT pg_sleep(30)",
            "SELECT 1; SELECT 2",
            "DELETE FROM rs_demo.orders_stale",
        ]
    )
    assert isinstance(answers[0], str) and "Result" in answers[0]
    assert isinstance(answers[1], Refused)  # one statement only
    # A write is refused by the read-only session, even as EXPLAIN's argument, or planned only.
    assert isinstance(answers[2], (str, Refused))
    assert explainer.sent == 3


def test_location_of_findings_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "r.sql"
    text = "SELECT * FROM a;\n"
    path.write_text(text, encoding="utf-8")
    verifier = RsVerifier(Recording([plan_text("hash_join_broadcast")] * 2))
    (out,) = verifier.check([finding_on(str(path), text, 7, 8, "x")])
    assert out.location == Location(str(path), 1, 8, 1, 8)

"""WLM configuration rules on model objects: a manual set-up fires, automatic WLM does not."""

from __future__ import annotations

from advisor.config import Config
from advisor.live import analyze_redshift
from advisor.model_redshift import RsQmrRule, RsSnapshot, RsWlmQueue

SYSTEM = (
    *(RsWlmQueue(c, f"System queue {c}", 1) for c in (1, 2, 3, 4)),
    RsWlmQueue(5, "Superuser queue", 1, 300),
    RsWlmQueue(15, "Maintenance", 1),
)
MANUAL = (RsWlmQueue(6, "etl", 15, 420), RsWlmQueue(7, "reports", 10, 310))
AUTO = (RsWlmQueue(100, "Default queue", -1), RsWlmQueue(14, "Short query queue", 6))


def ids(*queues: RsWlmQueue) -> list[str]:
    report = analyze_redshift(RsSnapshot(wlm_queues=SYSTEM + queues), Config())
    return sorted(f.rule_id for f in report.findings)


def test_manual_wlm_without_sqa_and_too_many_slots() -> None:
    assert ids(*MANUAL) == ["RS-C28", "RS-C30", "RS-C31", "RS-C33"]


def test_manual_wlm_with_few_slots_and_sqa() -> None:
    etl = RsWlmQueue(6, "etl", 5, concurrency_scaling="auto")
    assert ids(etl, RsWlmQueue(7, "reports", 5), AUTO[1]) == ["RS-C28"]
    assert ids(RsWlmQueue(6, "etl", 12), RsWlmQueue(7, "reports", 8), AUTO[1]) == [
        "RS-C28",
        "RS-C33",
    ]


def test_automatic_wlm_is_silent() -> None:
    etl = RsWlmQueue(100, "etl", -1, concurrency_scaling="auto", query_priority="high")
    bi = RsWlmQueue(101, "bi", -1, concurrency_scaling="auto", query_priority="normal")
    assert ids(etl, bi, AUTO[1]) == []


def test_nothing_read_is_silent() -> None:
    assert analyze_redshift(RsSnapshot(), Config()).findings == []


def test_fix_and_evidence() -> None:
    report = analyze_redshift(RsSnapshot(wlm_queues=SYSTEM + MANUAL), Config())
    by_rule = {f.rule_id: f for f in report.findings}
    fix = by_rule["RS-C28"].fix
    assert fix is not None and fix.content == 'wlm_json_configuration = [{"auto_wlm": true}]'
    assert "25 slots" in by_rule["RS-C30"].message
    fix = by_rule["RS-C30"].fix
    assert fix is not None and "etl, reports" in fix.title


def test_wlm_setup_smells() -> None:
    def c33(*queues: RsWlmQueue) -> list[str]:
        report = analyze_redshift(RsSnapshot(wlm_queues=SYSTEM + queues), Config())
        return [f.message for f in report.findings if f.rule_id == "RS-C33"]

    (message,) = c33(*MANUAL)
    assert message == "WLM set-up: no queue has concurrency scaling on auto"
    (message,) = c33(RsWlmQueue(100, "all", -1, query_priority="normal"))
    assert "one user queue (all)" in message
    same = (
        RsWlmQueue(100, "etl", -1, query_priority="normal", concurrency_scaling="auto"),
        RsWlmQueue(101, "bi", -1, query_priority="normal", concurrency_scaling="off"),
    )
    assert c33(*same) == ["WLM set-up: every automatic queue has priority normal"]
    twin = (same[0], RsWlmQueue(101, "bi", -1, query_priority="high"))
    assert c33(*twin) == []


def test_query_monitoring_rules() -> None:
    def c32(*rules: RsQmrRule, read: bool = True) -> list[str]:
        views = ("stv_wlm_qmr_config",) if read else ()
        report = analyze_redshift(RsSnapshot(views=views, qmr_rules=rules), Config())
        return [f.message for f in report.findings if f.rule_id == "RS-C32"]

    assert c32(read=False) == []
    (message,) = c32()
    assert "no query monitoring rule at all" in message
    nested = RsQmrRule(6, "nested", "log", "nested_loop_join_row_count", ">", 100)
    (message,) = c32(nested)
    assert "no rule on query_execution_time, query_temp_blocks_to_disk, spectrum" in message
    twin = (
        RsQmrRule(6, "long", "log", "query_execution_time", ">", 7200),
        RsQmrRule(6, "spill", "log", "query_temp_blocks_to_disk", ">", 100000),
        RsQmrRule(7, "lake", "abort", "spectrum_scan_row_count", ">", 10**9),
    )
    assert c32(*twin) == []

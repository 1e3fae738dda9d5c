"""WLM configuration rules on model objects: a manual set-up fires, automatic WLM does not."""

from __future__ import annotations

from advisor.config import Config
from advisor.live import analyze_redshift
from advisor.model import RsSnapshot, RsWlmQueue

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
    assert ids(*MANUAL) == ["RS-C28", "RS-C30", "RS-C31"]


def test_manual_wlm_with_few_slots_and_sqa() -> None:
    assert ids(RsWlmQueue(6, "etl", 5), RsWlmQueue(7, "reports", 5), AUTO[1]) == ["RS-C28"]
    assert ids(RsWlmQueue(6, "etl", 12), RsWlmQueue(7, "reports", 8), AUTO[1]) == ["RS-C28"]


def test_automatic_wlm_is_silent() -> None:
    assert ids(*AUTO) == []


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

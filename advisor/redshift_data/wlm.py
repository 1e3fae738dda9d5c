"""Workload management as configured: the WLM queues and their query monitoring rules."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RsWlmQueue:
    """One stv_wlm_service_class_config row: a WLM service class and its slots and memory."""

    service_class: int
    name: str = ""
    num_query_tasks: int = 0
    query_working_mem: int = 0
    max_execution_time: int = 0
    concurrency_scaling: str = ""
    query_priority: str = ""


@dataclass(frozen=True, slots=True)
class RsQmrRule:
    """One stv_wlm_qmr_config row: a query monitoring rule's predicate on one WLM queue."""

    service_class: int
    rule_name: str = ""
    action: str = ""
    metric_name: str = ""
    metric_operator: str = ""
    metric_value: float = 0.0

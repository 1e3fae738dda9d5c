"""Profiled searches of given bodies, to compare two forms of one request (read-only).

Each body is POSTed to `<index>/_search` only (the reader refuses any other POST), with the
request cache off so that every run is measured, never answered from the cache. No scroll
context or point in time is opened. The bodies come ready from the caller (profile, size,
timeout set); this module runs them and turns the answers into `OsMeasuredSearch`. All the
searches of one `SearchMeter` share its source's deadline, and each request its timeout.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from advisor.model_opensearch import OsMeasuredSearch
from connectors import deadline
from connectors.opensearch import (
    ConnectorError,
    OpenSearchReader,
    OpenSearchSource,
    _HttpError,
)


class SearchMeter(OpenSearchReader):
    """Runs search bodies against one cluster; a failure to reach it is a ConnectorError."""

    def __init__(self, source: OpenSearchSource, client: Any = None) -> None:
        super().__init__(source, client)
        self._ends = time.monotonic() + source.deadline

    def measure(
        self, index: str, bodies: Sequence[Mapping[str, Any]], rounds: int = 1
    ) -> tuple[OsMeasuredSearch, ...]:
        """Each body run `rounds` times, the bodies taking turns in every round (so that a
        slow moment of the node falls on all of them alike)."""
        left = (self._ends or 0.0) - time.monotonic()
        if left <= 0:
            raise self._error(f"no time left within the deadline ({self.source.deadline:g} s)")
        try:
            return deadline.within(
                left,
                lambda: self._measure(index, bodies, max(1, rounds)),
                self._close,
                heartbeat=self.heartbeat,
                stall=self.source.timeout + deadline.GRACE,
                stalled=f"no whole answer to a search within {self.source.timeout:g} s",
            )
        except deadline.DeadlineExceeded as err:
            raise self._error(str(err)) from None

    def _measure(
        self, index: str, bodies: Sequence[Mapping[str, Any]], rounds: int
    ) -> tuple[OsMeasuredSearch, ...]:
        path = f"/{quote(index, safe=',*')}/_search"
        answers: list[list[Mapping[str, Any]]] = [[] for _ in bodies]
        refused: dict[int, _HttpError] = {}
        for _ in range(rounds):
            for n, body in enumerate(bodies):
                if n in refused:
                    continue
                try:
                    answers[n].append(self._read_post(path, body, {"request_cache": "false"}))
                except _HttpError as err:
                    refused[n] = err
        out = []
        for n, runs in enumerate(answers):
            if n in refused:
                refusal = refused[n]
                out.append(OsMeasuredSearch(index, error=refusal.reason, status=refusal.status))
                continue
            try:
                out.append(measured(index, runs))
            except (AttributeError, KeyError, TypeError, ValueError) as err:
                # A node that answers, but not in the shapes of OpenSearch 2.x.
                raise self._error(f"search: unexpected answer ({type(err).__name__})") from None
        return tuple(out)


def measured(index: str, runs: Sequence[Mapping[str, Any]]) -> OsMeasuredSearch:
    """The runs of one body as one measurement: times of every run, hits of the first."""
    first = runs[0]
    hits = first.get("hits") or {}
    total = hits.get("total")
    if isinstance(total, Mapping):
        count, relation = total.get("value"), str(total.get("relation") or "eq")
    else:
        count, relation = total, "eq"
    ids = tuple(f"{hit.get('_index', '')}/{hit.get('_id', '')}" for hit in hits.get("hits") or ())
    return OsMeasuredSearch(
        index=index,
        took_ms=tuple(int(run.get("took") or 0) for run in runs),
        query_ns=tuple(query_time_ns(run) for run in runs),
        hits=int(count) if isinstance(count, int | float) else None,
        hits_relation=relation,
        top_ids=ids,
        timed_out=any(bool(run.get("timed_out")) for run in runs),
        total_shards=int((first.get("_shards") or {}).get("total") or 0),
        failed_shards=max(int((run.get("_shards") or {}).get("failed") or 0) for run in runs),
    )


def query_time_ns(answer: Mapping[str, Any]) -> int:
    """The profile's query time: the top-level queries' time over every shard and search."""
    total = 0
    for shard in (answer.get("profile") or {}).get("shards") or ():
        for search in shard.get("searches") or ():
            total += sum(int(q.get("time_in_nanos") or 0) for q in search.get("query") or ())
    return total


__all__ = ["ConnectorError", "SearchMeter", "measured", "query_time_ns"]

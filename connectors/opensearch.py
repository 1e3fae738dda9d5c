"""Read-only reads of a live OpenSearch cluster (opensearch-py), returned as model objects.

Every request goes through `OpenSearchReader._get` or `_read_post`: GET for the inventory, and
POST only to `_search` (a profiled search of a given request, when asked), `_validate/query`
and `_count`, which read and change nothing. Each request has a timeout and a bounded number of
retries. A failure raises `ConnectorError` carrying what was read before it; credentials in the
URL never appear in messages.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote, urlsplit

from advisor import redact as redaction
from advisor.errors import ConfigurationError, ConnectionFailed
from advisor.model_opensearch import (
    OsAllocation,
    OsBreaker,
    OsCluster,
    OsCollector,
    OsIndex,
    OsInsights,
    OsNodeStats,
    OsProfile,
    OsProfileNode,
    OsSearchProfile,
    OsShard,
    OsShardProfile,
    OsSnapshot,
    OsTopQuery,
    OsValidation,
)
from advisor.printable import bounded
from connectors import deadline

DEFAULT_URL = "http://127.0.0.1:9200"
# POST is allowed only to these read-only endpoints (the last path segments).
READ_POSTS = ("_search", "_validate/query", "_count")
MAX_REQUESTS = 1000  # searches validated, and searches profiled, in one read
_NO_HANDLER = re.compile(r"no handler found|invalid_index_name|not found", re.IGNORECASE)


class ConnectorError(ConnectionFailed):
    """A live read failed; `partial` holds what was read before the failure."""

    def __init__(self, message: str, partial: OsSnapshot | None = None) -> None:
        super().__init__(message)
        self.partial = partial


@dataclass(frozen=True, slots=True)
class OsRequest:
    """A search request from a file: to validate, and to profile when asked."""

    index: str
    body: Mapping[str, Any]
    path: str | None = None
    line: int = 1


@dataclass(slots=True)
class OpenSearchSource:
    """Where the cluster is and how long to wait for each request."""

    url: str = DEFAULT_URL
    timeout: float = 10.0
    retries: int = 1
    # Seconds the whole read may take, whatever the node does (a trickled answer included).
    deadline: float = 300.0

    def describe(self) -> str:
        """The URL with any password masked, for messages."""
        return mask_url(self.url or DEFAULT_URL)

    def secrets(self) -> tuple[str, ...]:
        return redaction.secrets_of(self.url or DEFAULT_URL)


class UrlError(ConfigurationError, ValueError):
    """An OpenSearch address that cannot be used (the message never holds its password)."""


def normalise_url(url: str) -> tuple[str, str | None]:
    """The address to connect to and a note when it was changed: an address without a scheme
    (`host:9200`, `user:pw@host:9200`) gets `http://`, as the client would assume anyway, and
    the note says so; an address whose scheme is not http(s) or whose port is out of range
    is refused with a UrlError."""
    note = None
    if "://" not in url:
        url = f"http://{url}"
        note = f"--opensearch {mask_url(url).removeprefix('http://')} has no scheme: using http://"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as err:
        raise UrlError(f"invalid OpenSearch URL {mask_url(url)}: {err}") from None
    if parts.scheme not in ("http", "https"):
        raise UrlError(f"invalid OpenSearch URL {mask_url(url)}: the scheme must be http or https")
    if not parts.hostname:
        raise UrlError(f"invalid OpenSearch URL {mask_url(url)}: no host")
    if port is not None and not 0 < port < 65536:
        raise UrlError(f"invalid OpenSearch URL {mask_url(url)}: port {port} is out of range")
    return url, note


def mask_url(url: str) -> str:
    return redaction.redact(url)


def _redact(text: str, secrets: Sequence[str]) -> str:
    return redaction.redact(text, secrets)


def _int(value: Any, default: int = 0) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return default


def _opt_int(value: Any) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _opt_float(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


class OpenSearchReader:
    """One read of a cluster; `snapshot` grows as each part is read."""

    def __init__(self, source: OpenSearchSource, client: Any = None) -> None:
        self.source = source
        # A snapshot is shared: it keeps the address, never the credentials in it.
        self.snapshot = OsSnapshot(url=redaction.url_without_userinfo(source.url or DEFAULT_URL))
        # Parts read whole: a failure before the first leaves no snapshot to judge (an empty
        # one would give findings built from no data, "cluster: ; ...").
        self.parts_read = 0
        if client is None:
            from opensearchpy import OpenSearch

            # The client logs every failed request; failures are reported as ConnectorError.
            logging.getLogger("opensearch").setLevel(logging.ERROR)

            client = OpenSearch(
                hosts=[source.url or DEFAULT_URL],
                timeout=source.timeout,
                max_retries=max(0, source.retries),
                retry_on_timeout=False,
            )
        self.client = client
        self._ends: float | None = None
        self.heartbeat = deadline.Heartbeat()

    # Requests ---------------------------------------------------------------------------------

    def _get(self, path: str, params: Mapping[str, str] | None = None) -> Any:
        return self._send("GET", path, params, None)

    def _read_post(self, path: str, body: Mapping[str, Any], params: Mapping[str, str]) -> Any:
        if not path.rstrip("/").endswith(READ_POSTS):
            raise ValueError(f"refusing POST {path}: not a read-only endpoint")
        return self._send("POST", path, params, body)

    def _send(self, method: str, path: str, params: Mapping[str, str] | None, body: Any) -> Any:
        from opensearchpy import exceptions as ex

        timeout = self.source.timeout
        past_deadline = f"no answer within the deadline ({round(self.source.deadline, 1):g} s)"
        if self._ends is not None:
            left = self._ends - time.monotonic()
            if left <= 0:
                raise self._error(past_deadline)
            timeout = min(timeout, left)
        self.heartbeat.beat()
        try:
            return self.client.transport.perform_request(
                method, path, params=dict(params or {}), body=body, timeout=timeout
            )
        except ex.ConnectionTimeout:
            if timeout < self.source.timeout:  # the request was cut to the time left
                raise self._error(f"{past_deadline} ({method} {path})") from None
            raise self._error(
                f"no answer within {self.source.timeout:g} s ({method} {path})"
            ) from None
        except ex.ConnectionError as err:
            raise self._error(f"cannot reach the node ({method} {path}): {_cause(err)}") from None
        except ex.TransportError as err:
            raise _HttpError(_status(err), bounded(_reason(err))) from None
        except ex.OpenSearchException as err:  # e.g. an answer that is not JSON
            raise self._error(f"unexpected answer to {method} {path}: {err}") from None
        finally:
            self.heartbeat.beat()

    def _error(self, what: str) -> ConnectorError:
        message = f"OpenSearch {self.source.describe()}: {bounded(what)}"
        partial = self.snapshot if self.parts_read else None
        return ConnectorError(_redact(message, self.source.secrets()), partial)

    # Reads ------------------------------------------------------------------------------------

    def read(
        self,
        requests: Sequence[OsRequest] = (),
        *,
        profile: Sequence[OsRequest] = (),
        progress: Callable[[str], None] | None = None,
    ) -> OsSnapshot:
        """The whole read within the source's deadline (each request's timeout is cut to the
        time left); past it, what was read so far comes back in the ConnectorError."""
        self._ends = time.monotonic() + self.source.deadline
        try:
            return deadline.within(
                self.source.deadline,
                lambda: self._read(requests[:MAX_REQUESTS], profile[:MAX_REQUESTS], progress),
                self._close,
                # The socket timeout restarts with each byte; this bounds a whole request.
                heartbeat=self.heartbeat,
                stall=self.source.timeout + deadline.GRACE,
                stalled=f"no whole answer to a request within {self.source.timeout:g} s "
                "(the node answers too slowly, or a byte at a time)",
            )
        except deadline.DeadlineExceeded as err:
            raise self._error(str(err)) from None

    def _close(self) -> None:
        close = getattr(getattr(self.client, "transport", None), "close", None)
        if callable(close):
            close()

    def _read(
        self,
        requests: Sequence[OsRequest],
        profile: Sequence[OsRequest],
        progress: Callable[[str], None] | None,
    ) -> OsSnapshot:
        step = progress or (lambda _name: None)
        parts: list[tuple[str, Callable[[], None]]] = [
            ("cluster", self.read_cluster),
            ("indices", self.read_indices),
            ("shards", self.read_shards),
            ("nodes", self.read_nodes),
            ("query insights", self.read_insights),
            ("validate", lambda: self.read_validations(requests)),
            ("profile", lambda: self.read_profiles(profile)),
        ]
        for name, read in parts:
            step(name)
            try:
                read()
            except _HttpError as err:
                raise self._error(f"{name}: HTTP {err.status}: {err.reason}") from None
            except (AttributeError, KeyError, TypeError, ValueError) as err:
                # A node that answers, but not in the shapes of OpenSearch 2.x.
                raise self._error(f"{name}: unexpected answer ({type(err).__name__})") from None
            self.parts_read += 1
        return self.snapshot

    def read_cluster(self) -> None:
        root = self._get("/")
        health = self._get("/_cluster/health")
        raw = self._get("/_cluster/settings", {"include_defaults": "true", "flat_settings": "true"})
        settings: dict[str, str] = {}
        explicit: list[str] = []
        for part in ("defaults", "persistent", "transient"):
            for key, value in (raw.get(part) or {}).items():
                settings[key] = _flat_value(value)
                if part != "defaults" and key not in explicit:
                    explicit.append(key)
        cluster = OsCluster(
            name=str(root.get("cluster_name", "")),
            version=str((root.get("version") or {}).get("number", "")),
            status=str(health.get("status", "")),
            number_of_nodes=_int(health.get("number_of_nodes")),
            number_of_data_nodes=_int(health.get("number_of_data_nodes")),
            active_shards=_int(health.get("active_shards")),
            unassigned_shards=_int(health.get("unassigned_shards")),
            settings=dict(sorted(settings.items())),
            explicit=tuple(sorted(explicit)),
        )
        self.snapshot = replace(self.snapshot, cluster=cluster)

    def read_indices(self) -> None:
        rows = self._get(
            "/_cat/indices", {"format": "json", "bytes": "b", "expand_wildcards": "all"}
        )
        settings = self._get(
            "/_all/_settings",
            {"include_defaults": "true", "flat_settings": "true", "expand_wildcards": "all"},
        )
        mappings = self._get("/_all/_mapping", {"expand_wildcards": "all"})
        indices = []
        for row in sorted(rows, key=lambda r: str(r.get("index", ""))):
            name = str(row.get("index", ""))
            own = (settings.get(name) or {}).get("settings") or {}
            defaults = (settings.get(name) or {}).get("defaults") or {}
            flat = {k: _flat_value(v) for k, v in defaults.items()}
            flat.update({k: _flat_value(v) for k, v in own.items()})
            indices.append(
                OsIndex(
                    name=name,
                    health=str(row.get("health") or ""),
                    status=str(row.get("status") or ""),
                    primaries=_int(row.get("pri"), 1),
                    replicas=_int(row.get("rep")),
                    docs_count=_int(row.get("docs.count")),
                    docs_deleted=_int(row.get("docs.deleted")),
                    store_bytes=_int(row.get("store.size")),
                    pri_store_bytes=_int(row.get("pri.store.size")),
                    settings=dict(sorted(flat.items())),
                    explicit=tuple(sorted(own)),
                    mapping=(mappings.get(name) or {}).get("mappings") or {},
                )
            )
        self.snapshot = replace(self.snapshot, indices=tuple(indices))

    def read_shards(self) -> None:
        rows = self._get(
            "/_cat/shards",
            {
                "format": "json",
                "bytes": "b",
                "h": "index,shard,prirep,state,docs,store,node,unassigned.reason",
            },
        )
        segments: dict[tuple[str, int, bool], tuple[int, int]] = {}
        for seg in self._get("/_cat/segments", {"format": "json", "bytes": "b"}):
            key = (str(seg.get("index")), _int(seg.get("shard")), seg.get("prirep") == "p")
            count, size = segments.get(key, (0, 0))
            segments[key] = (count + 1, size + _int(seg.get("size")))
        shards = []
        for row in rows:
            index, shard = str(row.get("index")), _int(row.get("shard"))
            primary = row.get("prirep") in ("p", "primary")
            count, size = segments.get((index, shard, primary), (0, 0))
            shards.append(
                OsShard(
                    index=index,
                    shard=shard,
                    primary=primary,
                    state=str(row.get("state") or ""),
                    docs=_opt_int(row.get("docs")),
                    store_bytes=_opt_int(row.get("store")),
                    node=row.get("node") or None,
                    unassigned_reason=row.get("unassigned.reason") or None,
                    segments=count,
                    segments_bytes=size,
                )
            )
        shards.sort(key=lambda s: (s.index, s.shard, not s.primary, s.node or ""))
        allocation = [
            OsAllocation(
                node=str(row.get("node") or ""),
                shards=_int(row.get("shards")),
                disk_used_bytes=_opt_int(row.get("disk.used")),
                disk_total_bytes=_opt_int(row.get("disk.total")),
                disk_percent=_opt_float(row.get("disk.percent")),
            )
            for row in self._get("/_cat/allocation", {"format": "json", "bytes": "b"})
            if row.get("node") != "UNASSIGNED"  # the row that counts unassigned shards
        ]
        self.snapshot = replace(self.snapshot, shards=tuple(shards), allocations=tuple(allocation))

    def read_nodes(self) -> None:
        raw = self._get("/_nodes/stats/jvm,breaker,indices,thread_pool")
        nodes = [node_stats_of(node_id, data) for node_id, data in (raw.get("nodes") or {}).items()]
        nodes.sort(key=lambda n: (n.name, n.node_id))
        self.snapshot = replace(self.snapshot, nodes=tuple(nodes))

    def read_insights(self) -> None:
        records: list[OsTopQuery] = []
        for metric in ("latency", "cpu", "memory"):
            try:
                raw = self._get("/_insights/top_queries", {"type": metric})
            except _HttpError as err:
                if err.status in (400, 404) and _NO_HANDLER.search(err.reason):
                    note = "Query Insights is not installed (no handler for _insights/top_queries)"
                else:
                    note = f"Query Insights answered HTTP {err.status}: {err.reason}"
                self.snapshot = replace(self.snapshot, insights=OsInsights(False, note))
                return
            for item in raw.get("top_queries") or []:
                record = top_query_of(item)
                if all(r.id != record.id or not record.id for r in records):
                    records.append(record)
        insights = OsInsights(True, f"{len(records)} top queries", tuple(records))
        self.snapshot = replace(self.snapshot, insights=insights)

    def read_validations(self, requests: Sequence[OsRequest]) -> None:
        out: list[OsValidation] = []
        for request in requests:
            query = request.body.get("query")
            if query is None:
                continue  # nothing to validate: an aggregation-only or match-all search
            body = {"query": query}
            path = f"/{quote(request.index, safe=',*')}/_validate/query"
            try:
                raw = self._read_post(path, body, {"explain": "true", "rewrite": "true"})
            except _HttpError as err:
                out.append(
                    OsValidation(request.index, False, "", err.reason, request.path, request.line)
                )
                continue
            explanations = raw.get("explanations") or []
            text = "; ".join(str(e.get("explanation", "")) for e in explanations if e)
            error = "; ".join(str(e.get("error")) for e in explanations if e and e.get("error"))
            out.append(
                OsValidation(
                    request.index,
                    bool(raw.get("valid")),
                    text,
                    error or str(raw.get("error") or ""),
                    request.path,
                    request.line,
                )
            )
            self.snapshot = replace(self.snapshot, validations=tuple(out))
        self.snapshot = replace(self.snapshot, validations=tuple(out))

    def read_profiles(self, requests: Sequence[OsRequest]) -> None:
        out: list[OsProfile] = []
        for request in requests:
            body = {**request.body, "profile": True}
            text = json.dumps(dict(request.body), sort_keys=True)
            path = f"/{quote(request.index, safe=',*')}/_search"
            try:
                raw = self._read_post(path, body, {"request_cache": "false"})
            except _HttpError as err:
                out.append(
                    OsProfile(request.index, text, request.path, request.line, error=err.reason)
                )
                continue
            out.append(_profile(request, text, raw))
            self.snapshot = replace(self.snapshot, profiles=tuple(out))
        self.snapshot = replace(self.snapshot, profiles=tuple(out))


def read_opensearch(
    source: OpenSearchSource,
    requests: Sequence[OsRequest] = (),
    *,
    profile: Sequence[OsRequest] = (),
    progress: Callable[[str], None] | None = None,
    client: Any = None,
) -> OsSnapshot:
    """Read the cluster (and validate / profile the given requests) into one snapshot."""
    reader = OpenSearchReader(source, client)
    return reader.read(requests, profile=profile, progress=progress)


# Response shapes -> model ---------------------------------------------------------------------


class _HttpError(Exception):
    """An HTTP error answer, turned into a ConnectorError or a note by the caller."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"HTTP {status}: {reason}")
        self.status = status
        self.reason = reason


def _status(err: Any) -> int:
    status = getattr(err, "status_code", None)
    return status if isinstance(status, int) else 0


def _reason(err: Any) -> str:
    info = getattr(err, "info", None)
    if isinstance(info, dict):
        error = info.get("error")
        if isinstance(error, dict):
            root = (error.get("root_cause") or [error])[0]
            return str(root.get("reason") or root.get("type") or error)
        if error:
            return str(error)
    return str(getattr(err, "error", "") or err)


def _cause(err: Any) -> str:
    text = str(getattr(err, "info", "") or err)
    if "refused" in text.lower():
        return "connection refused"
    return " ".join(text.split())[:200]


def _flat_value(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True)


def node_stats_of(node_id: str, data: Mapping[str, Any]) -> OsNodeStats:
    jvm = (data.get("jvm") or {}).get("mem") or {}
    indices = data.get("indices") or {}
    qc = indices.get("query_cache") or {}
    rc = indices.get("request_cache") or {}
    fd = indices.get("fielddata") or {}
    search_pool = (data.get("thread_pool") or {}).get("search") or {}
    breakers = tuple(
        OsBreaker(
            name,
            _int(b.get("limit_size_in_bytes")),
            _int(b.get("estimated_size_in_bytes")),
            _int(b.get("tripped")),
        )
        for name, b in sorted((data.get("breakers") or {}).items())
    )
    return OsNodeStats(
        node_id=node_id,
        name=str(data.get("name") or node_id),
        roles=tuple(data.get("roles") or ()),
        heap_used_percent=float(jvm.get("heap_used_percent") or 0),
        heap_max_bytes=_int(jvm.get("heap_max_in_bytes")),
        breakers=breakers,
        query_cache_hits=_int(qc.get("hit_count")),
        query_cache_misses=_int(qc.get("miss_count")),
        query_cache_evictions=_int(qc.get("evictions")),
        query_cache_bytes=_int(qc.get("memory_size_in_bytes")),
        request_cache_hits=_int(rc.get("hit_count")),
        request_cache_misses=_int(rc.get("miss_count")),
        request_cache_evictions=_int(rc.get("evictions")),
        request_cache_bytes=_int(rc.get("memory_size_in_bytes")),
        fielddata_bytes=_int(fd.get("memory_size_in_bytes")),
        fielddata_evictions=_int(fd.get("evictions")),
        search_queries=_int((indices.get("search") or {}).get("query_total")),
        search_rejected=_int(search_pool.get("rejected")),
        search_queue=_int(search_pool.get("queue")),
    )


def top_query_of(item: Mapping[str, Any]) -> OsTopQuery:
    measurements = item.get("measurements") or {}

    def measure(name: str) -> float | None:
        value = measurements.get(name)
        if isinstance(value, Mapping):
            return _opt_float(value.get("number"))
        return _opt_float(value)

    latency = measurements.get("latency")
    count = latency.get("count", 1) if isinstance(latency, Mapping) else 1
    phases = item.get("phase_latency_map") or {}
    source = item.get("source")
    return OsTopQuery(
        id=str(item.get("id") or ""),
        timestamp=_int(item.get("timestamp")),
        indices=tuple(str(i) for i in item.get("indices") or ()),
        source=source if isinstance(source, str) else json.dumps(source, sort_keys=True),
        search_type=str(item.get("search_type") or ""),
        total_shards=_int(item.get("total_shards")),
        group_by=str(item.get("group_by") or ""),
        node_id=str(item.get("node_id") or ""),
        latency_ms=measure("latency"),
        cpu_ns=measure("cpu"),
        memory_bytes=measure("memory"),
        count=_int(count, 1),
        phase_expand_ms=_opt_float(phases.get("expand")),
        phase_query_ms=_opt_float(phases.get("query")),
        phase_fetch_ms=_opt_float(phases.get("fetch")),
    )


def profile_node(raw: Mapping[str, Any]) -> OsProfileNode:
    breakdown = {k: _int(v) for k, v in (raw.get("breakdown") or {}).items()}
    return OsProfileNode(
        type=str(raw.get("type") or ""),
        description=str(raw.get("description") or ""),
        time_ns=_int(raw.get("time_in_nanos")),
        breakdown=breakdown,
        children=tuple(profile_node(c) for c in raw.get("children") or ()),
        max_slice_ns=_opt_int(raw.get("max_slice_time_in_nanos")),
        avg_slice_ns=_opt_int(raw.get("avg_slice_time_in_nanos")),
    )


def _collector(raw: Mapping[str, Any]) -> OsCollector:
    return OsCollector(
        name=str(raw.get("name") or ""),
        reason=str(raw.get("reason") or ""),
        time_ns=_int(raw.get("time_in_nanos")),
        children=tuple(_collector(c) for c in raw.get("children") or ()),
    )


def shard_profiles(raw: Mapping[str, Any]) -> tuple[OsShardProfile, ...]:
    """The `profile.shards` of a search response as model objects."""
    shards = []
    for shard in (raw.get("profile") or {}).get("shards") or ():
        searches = tuple(
            OsSearchProfile(
                query=tuple(profile_node(q) for q in s.get("query") or ()),
                rewrite_ns=_int(s.get("rewrite_time")),
                collectors=tuple(_collector(c) for c in s.get("collector") or ()),
            )
            for s in shard.get("searches") or ()
        )
        aggs = tuple(profile_node(a) for a in shard.get("aggregations") or ())
        shards.append(OsShardProfile(str(shard.get("id") or ""), searches, aggs))
    return tuple(sorted(shards, key=lambda s: s.id))


def _profile(request: OsRequest, text: str, raw: Mapping[str, Any]) -> OsProfile:
    total = ((raw.get("hits") or {}).get("total")) or {}
    hits = total.get("value") if isinstance(total, Mapping) else total
    return OsProfile(
        index=request.index,
        body=text,
        path=request.path,
        line=request.line,
        took_ms=_int(raw.get("took")),
        hits=_opt_int(hits),
        shards=shard_profiles(raw),
    )

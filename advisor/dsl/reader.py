"""Reads request files into `DslRequest`s: console files, JSON bodies and `_msearch` NDJSON."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from typing import Any
from urllib.parse import parse_qsl

from advisor.dsl.jsonpos import (
    JsonDoc,
    JsonError,
    count_values,
    out_of_range,
    read_value,
    skip_space,
)
from advisor.dsl.request import DslRequest, classify_endpoint, indices_of
from advisor.dsl.search import KNOWN_OPTIONS, build_search
from advisor.dsl.sniff import (
    CONSOLE_SUFFIXES,
    DSL_SUFFIXES,
    JSON_SUFFIXES,
    METHODS,
    NDJSON_SUFFIXES,
    looks_like_console,
)
from advisor.model import Limits, SourceText

__all__ = [
    "CONSOLE_SUFFIXES",
    "DSL_SUFFIXES",
    "JSON_SUFFIXES",
    "NDJSON_SUFFIXES",
    "looks_like_console",
    "read_requests",
]

# Dev Tools runs a request whose method is in lower case too (`get logs/_search`).
_REQUEST_LINE = re.compile(rf"^[ \t]*({METHODS})[ \t]+([^ \t\r\n]+)[^\r\n]*", re.M | re.I)
_LEADING_NOISE = re.compile(r"(?:[\s\ufeff]+|#[^\n]*|//[^\n]*)*")
# Keys that only occur in a search body; a JSON file with none of them is not a request.
_SEARCH_MARKERS = KNOWN_OPTIONS - {"index", "fields", "version", "stats", "ext", "timeout"}
_NOT_A_BODY = frozenset({"mappings", "settings", "index_patterns", "template", "aliases"})
_LOOKS_LIKE_SEARCH = re.compile(r'"(?:query|aggs|aggregations|post_filter|sort)"\s*:')
_NOQA = re.compile(r"(?:#|//)\s*noqa(?::\s*([A-Za-z0-9_\-]+(?:\s*,\s*[A-Za-z0-9_\-]+)*))?", re.I)
_COMMENT_LINES = re.compile(r"(?:^[ \t]*(?:#|//)[^\n]*\n)+\Z", re.M)


def read_requests(source: SourceText, limits: Limits | None = None) -> list[DslRequest]:
    """Every request of a file, chosen by suffix (console content is recognised by content).

    A body nested deeper than `max-json-depth`, or holding more than `max-dsl-clauses` JSON
    values, is an invalid request whose error names the limit; no rule reads it.
    """
    bounds = limits or Limits()
    name = source.path.lower()
    if name.endswith(NDJSON_SUFFIXES):
        requests = _read_ndjson(source, bounds.max_json_depth, bounds.max_statements)
    elif name.endswith(JSON_SUFFIXES) and not looks_like_console(source.text):
        requests = _read_json(source, bounds.max_json_depth)
    else:
        requests = _read_console(source, bounds.max_json_depth, bounds.max_statements)
    # One past `max-statements` is enough to report the limit; the rest is never decoded.
    found = list(islice(requests, bounds.max_statements + 1))
    for request in found:
        _bound(request, bounds)
    return found


def _bound(request: DslRequest, limits: Limits) -> None:
    body = request.body
    if body is None:
        return
    limit = limits.max_dsl_clauses
    if count_values(body.value, limit) > limit:
        request.error = (
            f"body holds more than {limit:,} JSON values (`max-dsl-clauses`): not checked; "
            + Limits.hint("max-dsl-clauses")
        )
    else:
        number = out_of_range(body.value)
        if number is None:
            return
        shown = str(number) if isinstance(number, float) else f"{str(number)[:20]}..."
        request.error = (
            f"number {shown} is out of range: OpenSearch reads whole numbers as 64-bit "
            "integers and others as finite doubles"
        )
    request.error_offset = body.start
    request.search = None
    request.body = None


def is_search_body(value: Any) -> bool:
    if not isinstance(value, dict) or not value:
        return False
    keys = set(value)
    return not keys & _NOT_A_BODY and bool(keys & _SEARCH_MARKERS)


def _finish(request: DslRequest) -> DslRequest:
    """Attach the typed model when the request is a search with a body."""
    body = request.body
    if body is None:
        return request
    endpoint = request.endpoint
    if endpoint in ("_search/template", "_msearch/template"):
        source = body.value.get("source") if isinstance(body.value, dict) else None
        if isinstance(source, dict):
            request.body_pointer = "/source"
            request.search = build_search(source)
    elif endpoint and isinstance(body.value, dict):
        request.search = build_search(body.value)
    return request


def _error(request: DslRequest, err: JsonError) -> DslRequest:
    request.error = err.message
    request.error_offset = err.offset
    return request


def _read_json(source: SourceText, depth: int) -> Iterator[DslRequest]:
    text = source.text
    try:
        doc = read_value(text, 0, console=True, max_depth=depth)
        rest = skip_space(text, doc.end + 1, console=True)
        if rest < len(text):
            raise JsonError("unexpected text after the JSON value", rest)
    except JsonError as err:
        # Only a file that reads like a search body is reported; other broken JSON is not ours.
        if _LOOKS_LIKE_SEARCH.search(text):
            yield _error(DslRequest(source, 0, "GET", "_search", 0, max(len(text) - 1, 0)), err)
        return
    value = doc.value
    if isinstance(value, dict) and "body" in value and is_search_body(value.get("body")):
        index = value.get("index")
        names = (
            tuple(index.split(","))
            if isinstance(index, str)
            else tuple(str(i) for i in index)
            if isinstance(index, list)
            else ()
        )
        path = f"{','.join(names)}/_search" if names else "_search"
        request = DslRequest(source, 0, "GET", path, doc.start, doc.end, {}, names, "_search", doc)
        request.body_pointer = "/body"
        request.search = build_search(value["body"])
        yield request
    elif is_search_body(value):
        yield _finish(
            DslRequest(source, 0, "GET", "_search", doc.start, doc.end, {}, (), "_search", doc)
        )


def _read_ndjson(source: SourceText, depth: int, most: int) -> Iterator[DslRequest]:
    yield from _msearch_pairs(
        source, 0, len(source.text), (), 0, "POST", "_msearch", depth=depth, most=most, strict=True
    )


def _msearch_pairs(
    source: SourceText,
    start: int,
    stop: int,
    default_indices: tuple[str, ...],
    first_index: int,
    method: str,
    path: str,
    *,
    depth: int,
    most: int,
    strict: bool = False,
) -> Iterator[DslRequest]:
    """Header/body pairs of an `_msearch` payload; one request per body (at most `most` + 1:
    the lines past them are not decoded)."""
    text = source.text
    docs: list[JsonDoc | JsonError] = []
    pos = skip_space(text, start, console=True)
    while pos < stop and len(docs) < 2 * (most + 1):
        line_end = text.find("\n", pos, stop)
        line_end = stop if line_end < 0 else line_end
        try:
            docs.append(read_value(text, pos, line_end, console=True, max_depth=depth))
        except JsonError as err:
            docs.append(err.with_traceback(None))  # thousands kept: not their frames
        pos = skip_space(text, line_end, console=True)
    if strict and any(
        isinstance(d, JsonDoc)
        and isinstance(d.value, dict)
        and isinstance(d.value.get("index"), dict)
        for d in docs[::2]
    ):
        return  # a `_bulk` file, not `_msearch`
    has_body = any(isinstance(d, JsonDoc) and is_search_body(d.value) for d in docs[1::2])
    broken = any(isinstance(d, JsonError) for d in docs) and _LOOKS_LIKE_SEARCH.search(
        text, start, stop
    )
    if strict and not has_body and not broken:
        return
    count = first_index
    for i in range(0, len(docs), 2):
        header, body = docs[i], docs[i + 1] if i + 1 < len(docs) else None
        indices = default_indices
        if isinstance(header, JsonDoc) and isinstance(header.value, dict):
            named = header.value.get("index")
            if isinstance(named, str):
                indices = tuple(n for n in named.split(",") if n)
            elif isinstance(named, list):
                indices = tuple(str(n) for n in named)
        begin = header.start if isinstance(header, JsonDoc) else header.offset
        sub_path = f"{','.join(indices)}/_search" if indices else "_search"
        request = DslRequest(source, count, method, sub_path, begin, begin, {}, indices, "_msearch")
        count += 1
        if isinstance(header, JsonError):
            yield _error(request, header)
            continue
        if body is None:
            request.end = header.end
            yield request
            continue
        if isinstance(body, JsonError):
            request.end = body.offset
            yield _error(request, body)
            continue
        request.end = body.end
        request.body = body
        yield _finish(request)


def _noqa(text: str, previous: int, line: re.Match[str]) -> frozenset[str] | None:
    """Codes of a `noqa` comment on the request line or in the comment block just above it."""
    above = _COMMENT_LINES.search(text, previous, line.start())
    where = (above.group(0) if above else "") + line.group(0)
    found = _NOQA.search(where)
    if found is None:
        return None
    codes = found.group(1)
    return frozenset(c.strip().upper() for c in codes.split(",")) if codes else frozenset()


def _stray_text(source: SourceText, first: int) -> DslRequest | None:
    """Text before the first request line that is not a comment: a misspelt method
    (`GETT logs/_search`) or no request at all. Skipping it would hide the requests it
    holds, so it is an invalid request at its first character."""
    text = source.text
    noise = _LEADING_NOISE.match(text, 0, first)
    start = noise.end() if noise else 0
    if start >= first:
        return None
    end = text.find("\n", start, first)
    end = first - 1 if end < 0 else end - 1
    # `start` is past every whitespace character (`\s` is what str.split splits on).
    word = text[start : end + 1].split(None, 1)[0][:40]
    request = DslRequest(source, 0, "", "", start, max(start, end))
    request.error = (
        f"expected a request line (a method: GET, POST, PUT, DELETE, HEAD or PATCH, then a path),"
        f" found `{word}`"
    )
    request.error_offset = start
    return request


def _read_console(source: SourceText, depth: int, most: int) -> Iterator[DslRequest]:
    text = source.text
    lines = list(_REQUEST_LINE.finditer(text))
    count = 0
    stray = _stray_text(source, lines[0].start() if lines else len(text))
    if stray is not None:
        count += 1
        yield stray
    for i, line in enumerate(lines):
        stop = lines[i + 1].start() if i + 1 < len(lines) else len(text)
        method, target = line.group(1).upper(), line.group(2)
        path, _, query = target.partition("?")
        path = path.lstrip("/")
        params = dict(parse_qsl(query, keep_blank_values=True))
        endpoint = classify_endpoint(path)
        indices = indices_of(path)
        body_start = skip_space(text, line.end(), console=True)
        noqa = _noqa(text, lines[i - 1].end() if i else 0, line)
        if endpoint in ("_msearch", "_msearch/template") and body_start < stop:
            for request in _msearch_pairs(
                source, body_start, stop, indices, count, method, path, depth=depth, most=most
            ):
                request.params = params
                request.noqa = noqa
                count += 1
                yield request
            continue
        request = DslRequest(
            source,
            count,
            method,
            path,
            line.start(1),
            line.end() - 1,
            params,
            indices,
            endpoint,
        )
        count += 1
        request.noqa = noqa
        if body_start >= stop:
            yield request
            continue
        if path.rstrip("/").endswith("_bulk"):
            # An NDJSON payload of documents, not one JSON body; kept as a generic request.
            request.end = stop - 1
            yield request
            continue
        try:
            doc = read_value(text, body_start, stop, console=True, max_depth=depth)
            rest = skip_space(text, doc.end + 1, console=True)
            if rest < stop:
                raise JsonError("unexpected text after the request body", rest)
        except JsonError as err:
            request.end = max(request.end, min(err.offset, stop - 1))
            yield _error(request, err)
            continue
        request.end = doc.end
        request.body = doc
        yield _finish(request)

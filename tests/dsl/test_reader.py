"""Reading request files: console files, JSON bodies, msearch NDJSON."""

from __future__ import annotations

from advisor.dsl.reader import looks_like_console, read_requests
from advisor.dsl.request import DslRequest
from advisor.model import SourceText


def read(name: str, text: str) -> list[DslRequest]:
    return read_requests(SourceText.of(name, text))


CONSOLE = """# Dashboard requests
// another comment

GET logs-*/_search?size=5&timeout=2s
{
  "query": {
    "term": { "level": "error" }
  }
}

POST products/_count
{"query": {"match_all": {}}}

PUT products
{"mappings": {"properties": {"a": {"type": "keyword"}}}}

GET _cat/indices?v
"""


def test_several_requests_with_methods_paths_and_params() -> None:
    requests = read("a.osq", CONSOLE)
    assert [(r.method, r.path, r.endpoint) for r in requests] == [
        ("GET", "logs-*/_search", "_search"),
        ("POST", "products/_count", "_count"),
        ("PUT", "products", ""),
        ("GET", "_cat/indices", ""),
    ]
    first = requests[0]
    assert first.params == {"size": "5", "timeout": "2s"}
    assert first.indices == ("logs-*",)
    assert first.location.line == 4
    assert requests[1].search is not None
    assert requests[2].search is None and requests[2].body is not None
    assert requests[3].body is None


def test_clause_location_is_exact() -> None:
    first = read("a.osq", CONSOLE)[0]
    assert first.search is not None and first.search.query is not None
    query = first.search.query
    loc = first.locate(query.pointer)
    assert (loc.line, loc.column) == (6, 12)
    loc = first.locate(f"{query.field_pointer}")
    assert (loc.line, loc.column) == (7, 24)


def test_crlf_positions() -> None:
    text = CONSOLE.replace("\n", "\r\n")
    first = read("a.osq", text)[0]
    assert first.search is not None and first.search.query is not None
    loc = first.locate(f"{first.search.query.field_pointer}")
    assert (loc.line, loc.column) == (7, 24)


def test_invalid_body_mid_file_then_valid_request() -> None:
    text = 'GET a/_search\n{"query": {"match_all": {}}\n "size": 1}\n\nGET b/_search\n{"size": 2}\n'
    bad, good = read("a.osq", text)
    assert bad.error is not None and bad.error_offset is not None
    assert bad.source.position(bad.error_offset) == (3, 2)
    assert good.error is None and good.search is not None and good.search.size == 2


def test_console_msearch_pairs() -> None:
    text = (
        "GET logs-*/_msearch\n"
        '{"index": "products"}\n'
        '{"query": {"match_all": {}}, "size": 1}\n'
        "{}\n"
        '{"query": {"term": {"a": "b"}}}\n'
    )
    requests = read("m.console", text)
    assert [r.indices for r in requests] == [("products",), ("logs-*",)]
    assert all(r.search is not None for r in requests)
    assert requests[1].locate("/query/term").line == 5


def test_ndjson_msearch_file() -> None:
    text = '{"index": "a"}\n{"size": 0}\n{"index": ["b", "c"]}\n{"query": {"match_all": {}}}\n'
    requests = read("m.ndjson", text)
    assert [r.indices for r in requests] == [("a",), ("b", "c")]
    assert requests[1].locate("/query").line == 4


def test_ndjson_bulk_file_is_not_a_request_file() -> None:
    text = '{"index": {"_index": "a"}}\n{"title": "x"}\n'
    assert read("bulk.ndjson", text) == []


def test_json_body_and_wrapper() -> None:
    (bare,) = read("q.json", '{"query": {"match_all": {}}}')
    assert bare.indices == () and bare.search is not None
    (wrapped,) = read(
        "w.json", '{"index": "logs-*", "body": {"size": 3, "query": {"match_all": {}}}}'
    )
    assert wrapped.indices == ("logs-*",)
    assert wrapped.search is not None and wrapped.search.size == 3
    assert wrapped.locate("/size").column == 38


def test_non_request_json_is_skipped() -> None:
    assert read("m.json", '{"products": {"mappings": {"properties": {}}}}') == []
    assert read("m.json", '{"mappings": {"properties": {}}}') == []
    assert read("t.json", '{"index_patterns": ["logs-*"], "template": {"settings": {}}}') == []
    assert read("package.json", '{"name": "x", "version": "1.0.0"}') == []
    assert read("tsconfig.json", "{ // not strict JSON\n broken") == []


def test_broken_search_json_is_reported() -> None:
    (request,) = read("q.json", '{"query": {"match_all": {}} "size": 1}')
    assert request.error is not None


def test_search_template_source_is_linted() -> None:
    text = (
        "GET x/_search/template\n"
        '{"source": {"query": {"match": {"t": "{{q}}"}}}, "params": {"q": 1}}'
    )
    (request,) = read("t.osq", text)
    assert request.search is not None and request.search.query is not None
    assert request.search.query.kind == "match"
    assert request.locate("/query").line == 2


def test_sniffing_console_content() -> None:
    assert looks_like_console("# c\n\n// d\nGET _search\n{}")
    assert looks_like_console("POST idx/_search?x=1")
    assert not looks_like_console("SELECT 1;")
    assert not looks_like_console('{"query": {}}')


def test_bulk_payload_is_a_generic_request() -> None:
    text = 'POST _bulk\n{"index": {"_index": "a"}}\n{"title": "x"}\n\nGET a/_search\n{"size": 1}\n'
    bulk, search = read("b.osq", text)
    assert bulk.error is None and bulk.body is None and bulk.search is None
    assert search.search is not None


def test_noqa_on_the_request_line_or_just_above() -> None:
    text = (
        "GET a/_search  # noqa: OS-Q26, os-q15\n{}\n\n"
        "# dashboards send this on purpose\n// noqa\nGET b/_search\n{}\n\n"
        "# noqa: OS-Q01\n\nGET c/_search\n{}\n"
    )
    first, second, third = read("n.osq", text)
    assert first.noqa == frozenset({"OS-Q26", "OS-Q15"})
    assert first.suppresses("OS-Q26") and not first.suppresses("OS-Q01")
    assert second.noqa == frozenset() and second.suppresses("OS-Q01")
    assert third.noqa is None


def test_a_lowercase_method_is_a_request_as_in_dev_tools() -> None:
    (request,) = read("a.osq", 'get logs/_search\n{"query": {"match_all": {}}}\n')
    assert (request.method, request.path, request.endpoint) == ("GET", "logs/_search", "_search")
    assert request.search is not None and request.error is None


def test_text_before_the_first_request_line_is_an_error_not_skipped() -> None:
    text = '# typo below\n\nGETT logs/_search\n{"query": {}}\nGET logs/_search\n{"size": 1}\n'
    stray, good = read("a.osq", text)
    assert stray.error is not None and "GETT" in stray.error
    assert "request line" in stray.error
    assert stray.location.line == 3
    assert good.error is None and good.search is not None


def test_a_console_file_with_no_request_line_is_an_error() -> None:
    (stray,) = read("a.osq", "SELECT * FROM t;\n")
    assert stray.error is not None and stray.location.line == 1


def test_comments_and_blank_lines_alone_are_no_request() -> None:
    assert read("a.osq", "# nothing yet\n// still nothing\n\n") == []


def test_any_whitespace_alone_is_no_request() -> None:
    # A form feed or a vertical tab is blank text, as a space is (found by the property test).
    assert read("a.osq", "\x0c") == []
    assert read("a.osq", "\x0b\n\x0c\nGET logs/_search\n")[0].error is None

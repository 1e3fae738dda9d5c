"""OpenSearch request reader and the typed model of the query DSL.

Files read:

- `.json`: one search body (`{"query": ..., "aggs": ...}`) or an object naming the index and the
  body (`{"index": "logs-*", "body": {...}}`). JSON that is not a search body (a mapping, an
  index template, a package manifest) yields no request at all.
- `.ndjson`: `_msearch` payloads, a header line then a body line; each body is one request.
- Console files, as typed in OpenSearch Dashboards Dev Tools: `GET index/_search` (or `POST`,
  with a query string) followed by a JSON body, several requests per file, `#` and `//`
  comments, triple-quoted strings. Their extension is **`.osq`** (OpenSearch query); `.console`
  is accepted too, and any file whose first line (after blank lines and comments) is
  `GET|POST|PUT|DELETE|HEAD|PATCH <path>` is read as a console file whatever its name.

A comment `# noqa` (every rule) or `# noqa: OS-Q26,OS-Q15` on a console request line, or on
the comment lines just above it, silences rules for that request.

Every value of every body keeps its JSON pointer and its span in the file (`jsonpos`), so a
finding points at the exact clause. Search bodies (`_search`, `_msearch`, `_count`,
`_validate/query`, `_explain`, and the inline `source` of `_search/template`) are built into the
typed model (`model`; built by `build`, `build_aggs`, `search`); other requests (`PUT idx`,
`GET _cat/...`, `POST _bulk`) are kept as generic requests. Mappings (`mapping`) resolve dotted
field paths to types. `request` holds `DslRequest`; `rulekit` what rules share; `jsontree`
copies and writes bodies of any depth for fixes.
"""

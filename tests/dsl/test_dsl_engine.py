"""Request files through the engine: discovery, mappings from the config, positions."""

from __future__ import annotations

import json
from pathlib import Path

from advisor.config import Config
from advisor.dsl.mapping import load_mapping, resolve
from advisor.engine import Engine
from advisor.engine_dsl import has_dsl_suffix, is_dsl_file

MAPPING = {
    "logs-2024.06.01": {
        "mappings": {
            "properties": {"status": {"type": "text", "fields": {"keyword": {"type": "keyword"}}}}
        }
    }
}


def test_suffixes_and_sniffing(tmp_path: Path) -> None:
    assert has_dsl_suffix("a.osq") and has_dsl_suffix("b.CONSOLE") and has_dsl_suffix("c.ndjson")
    assert has_dsl_suffix("d.json") and not has_dsl_suffix("e.sql")
    plain = tmp_path / "requests.txt"
    plain.write_text("# dashboard\nGET logs/_search\n{}\n", encoding="utf-8")
    assert is_dsl_file(plain)
    sql = tmp_path / "q.txt"
    sql.write_text("SELECT 1;", encoding="utf-8")
    assert not is_dsl_file(sql)


def test_mapping_patterns_resolve_and_merge() -> None:
    logs = load_mapping(MAPPING)
    other = load_mapping({"properties": {"x": {"type": "long"}}})
    assert logs.get("status.keyword") is not None
    assert resolve(["logs-2024*"], {"logs-*": logs}) is logs
    assert resolve(["logs-*"], {"logs-2024.06.01": logs}) is logs
    assert resolve(["metrics"], {"logs-*": logs}) is None
    merged = resolve(["logs-1", "m"], {"logs-*": logs, "m": other})
    assert merged is not None and "x" in merged and "status" in merged


def test_lint_with_mapping_from_config(tmp_path: Path) -> None:
    mapping_file = tmp_path / "mapping.json"
    mapping_file.write_text(json.dumps(MAPPING), encoding="utf-8")
    (tmp_path / "package.json").write_text('{"name": "x"}', encoding="utf-8")
    requests = tmp_path / "q.osq"
    requests.write_text(
        'GET logs-2024*/_search\n{\n  "timeout": "1s",\n  "query": {"term": {"status": "A"}}\n}\n',
        encoding="utf-8",
    )
    config = Config(mappings={"logs-*": mapping_file}, root=tmp_path)
    report = Engine(config).lint_paths([tmp_path])
    by_rule = {f.rule_id: f for f in report.findings}
    assert set(by_rule) == {"OS-M01"}  # OS-Q17 leaves text fields to OS-M01
    location = by_rule["OS-M01"].location
    assert location is not None and (location.line, location.column) == (4, 21)
    assert report.statements == 1


def test_invalid_request_finding_and_following_request(tmp_path: Path) -> None:
    requests = tmp_path / "q.osq"
    requests.write_text(
        'GET a/_search\n{"query": {"match_all": {}}\n "size": 1}\n\n'
        'GET b/_search\n{"profile": true}\n',
        encoding="utf-8",
    )
    report = Engine(Config(select=("OS-E01", "OS-Q24"), root=tmp_path)).lint_paths([requests])
    found = sorted((f.rule_id, f.location.line if f.location else 0) for f in report.findings)
    assert found == [("OS-E01", 3), ("OS-Q24", 6)]


def test_runtime_fields_count_as_mapped() -> None:
    mapping = load_mapping(
        {"mappings": {"runtime": {"day": {"type": "keyword"}}, "properties": {}}}
    )
    assert mapping.knows("day")


def test_unreadable_json_is_skipped_but_console_is_reported(tmp_path: Path) -> None:
    (tmp_path / "data.json").write_bytes('{"a": 1}'.encode("utf-16"))
    (tmp_path / "q.osq").write_bytes(b"GET a/_search\n{\xff}\n")
    report = Engine(Config(root=tmp_path)).lint_paths([tmp_path])
    assert [
        (f.rule_id, Path(f.location.path).name if f.location else "") for f in report.findings
    ] == [("AD-002", "q.osq")]

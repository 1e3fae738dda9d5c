"""Live findings have a place every consumer accepts: SARIF, JUnit and GitLab name the object
(`system://postgres/shop.customers`), or the file and line that define it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from sarif_checks import check

from advisor.cli import cli

ROOT = Path(__file__).resolve().parents[2]
PG_SNAPSHOT = ROOT / "examples" / "postgres" / "snapshot.json"
OS_SNAPSHOT = ROOT / "examples" / "opensearch" / "snapshot.json"


def analyze(*args: str) -> str:
    result = CliRunner().invoke(cli, ["analyze", *args])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def sarif_of(*args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(analyze(*args, "--format", "sarif"))
    return data


def test_sarif_of_a_snapshot_run_is_valid_and_every_result_has_a_place() -> None:
    for snapshot in (PG_SNAPSHOT, OS_SNAPSHOT):
        log = sarif_of("--snapshot", str(snapshot))
        results = log["runs"][0]["results"]
        assert results, snapshot
        check(log)
        system = "postgres" if snapshot == PG_SNAPSHOT else "opensearch"
        for result in results:
            (location,) = result["locations"]
            uri = location["physicalLocation"]["artifactLocation"]["uri"]
            assert uri.startswith(f"system://{system}"), uri
            obj = result["properties"].get("object")
            if obj:
                (logical,) = location["logicalLocations"]
                assert logical["name"] == obj
                assert logical["fullyQualifiedName"] == uri


def test_object_uri_names_the_schema_and_table() -> None:
    log = sarif_of("--snapshot", str(PG_SNAPSHOT), "--select", "PG-C")
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert "system://postgres/shop.events_raw" in uris


def ddl_file(tmp_path: Path) -> Path:
    ddl = tmp_path / "ddl" / "shop.sql"
    ddl.parent.mkdir()
    ddl.write_text(
        "-- the event store\n\n"
        "CREATE TABLE shop.events_raw (\n    id bigint,\n    at timestamptz\n);\n",
        encoding="utf-8",
    )
    return ddl


def test_ddl_gives_a_live_finding_the_file_and_line_of_its_table(tmp_path: Path) -> None:
    ddl = ddl_file(tmp_path)
    log = sarif_of("--snapshot", str(PG_SNAPSHOT), "--ddl", str(ddl.parent))
    check(log)
    placed = [
        r for r in log["runs"][0]["results"] if r["properties"].get("object") == "shop.events_raw"
    ]
    assert placed
    for result in placed:
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == "file://" + ddl.as_posix()
        assert physical["region"]["startLine"] == 3
        assert physical["region"]["startColumn"] == 14  # the table's name
        (logical,) = location["logicalLocations"]
        assert logical["fullyQualifiedName"] == "system://postgres/shop.events_raw"
    others = [r for r in log["runs"][0]["results"] if r not in placed]
    assert others and all(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("system://")
        for r in others
    )


def test_junit_and_gitlab_name_the_object_or_its_file(tmp_path: Path) -> None:
    ddl = ddl_file(tmp_path)
    junit = ET.fromstring(
        analyze("--snapshot", str(PG_SNAPSHOT), "--ddl", str(ddl), "--format", "junit")
    )
    suites = {s.get("name") for s in junit.iter("testsuite")}
    assert suites == {"system://postgres", ddl.as_posix()}
    names = [c.get("name") or "" for c in junit.iter("testcase")]
    assert all(" at run" not in n for n in names)
    assert any(n.endswith(" at system://postgres/shop.orders_churn") for n in names)
    assert any(n.endswith(f" at {ddl.as_posix()}:3:14") for n in names)

    issues = json.loads(
        analyze("--snapshot", str(PG_SNAPSHOT), "--ddl", str(ddl), "--format", "gitlab")
    )
    paths = {i["location"]["path"] for i in issues}
    assert "." not in paths
    assert ddl.as_posix() in paths and "system://postgres/shop.orders_churn" in paths
    assert all(i["location"]["lines"]["begin"] >= 1 for i in issues)


def test_request_and_mapping_files_place_index_findings(tmp_path: Path) -> None:
    requests = tmp_path / "searches.osq"
    snapshot = json.loads(OS_SNAPSHOT.read_text(encoding="utf-8"))
    log = sarif_of("--snapshot", str(OS_SNAPSHOT))
    objects = [r["properties"].get("object") for r in log["runs"][0]["results"]]
    index = next(o for o in objects if o and o in json.dumps(snapshot["opensearch"]["indices"]))
    requests.write_text(
        f'# one search\n\nGET {index}/_search\n{{"query": {{"match_all": {{}}}}}}\n',
        encoding="utf-8",
    )
    log = sarif_of("--snapshot", str(OS_SNAPSHOT), str(requests))
    check(log)
    placed = [r for r in log["runs"][0]["results"] if r["properties"].get("object") == index]
    assert placed
    for result in placed:
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == "file://" + requests.as_posix()
        assert physical["region"]["startLine"] == 3

"""The lint cache: its folder, what invalidates an entry, and entries it cannot trust."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from advisor.cache import PARTS_FILE, LintCache, run_key
from advisor.config import load_config
from advisor.engine import Engine
from advisor.model import Catalog, Finding
from advisor.parallel import lint_paths
from advisor.report import render
from advisor.sql.parse import ParsedFile

from .workload import write_project


class Counting(Engine):
    """An engine that notes the files it lints (a cached file is not linted)."""

    linted: list[str]

    def lint_file(self, parsed: ParsedFile, catalog: Catalog) -> list[Finding]:
        self.linted.append(Path(parsed.source.path).relative_to(self.base).as_posix())
        return super().lint_file(parsed, catalog)

    base: Path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write_project(tmp_path / "repo")
    return tmp_path / "repo"


def run(repo: Path, folder: Path, jobs: int = 1) -> tuple[str, list[str]]:
    engine = Counting(load_config(start=repo), lint=True)
    engine.linted, engine.base = [], repo
    cache = LintCache.open(folder, run_key(engine.config, (r.id for r in engine.rules)))
    report = lint_paths(engine, [repo], jobs=jobs, cache=cache)
    return render(report, "json"), sorted(engine.linted)


def entries(folder: Path) -> Iterator[Path]:
    """The entry files (the parts file left out)."""
    return (p for p in folder.rglob("*.json") if p.name != PARTS_FILE)


def parts_file(folder: Path) -> Path:
    (found,) = folder.rglob(PARTS_FILE)
    return found


def test_folder_is_tagged_and_ignored_by_itself(repo: Path, tmp_path: Path) -> None:
    run(repo, tmp_path / "cache")
    tag = (tmp_path / "cache" / "CACHEDIR.TAG").read_text()
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (tmp_path / "cache" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_warm_run_lints_nothing_and_reports_the_same(repo: Path, tmp_path: Path) -> None:
    cold, linted = run(repo, tmp_path / "cache")
    assert len(linted) == 17  # every SQL file that decodes
    warm, again = run(repo, tmp_path / "cache")
    assert (warm, again) == (cold, [])


def test_a_ddl_change_relints_exactly_the_files_that_used_the_table(
    repo: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    run(repo, cache)
    orders = repo / "ddl" / "orders.sql"
    orders.write_text(orders.read_text().replace("total DECIMAL(12,2)", "total DECIMAL(18,2)"))
    changed, linted = run(repo, cache)
    etl = [f"etl/job_{n:02d}.sql" for n in range(12)]
    assert linted == sorted(["ddl/orders.sql", "reports/orders.sql", *etl])
    fresh, _ = run(repo, tmp_path / "fresh")
    assert changed == fresh
    # The customers table is used by the ETL jobs only: the report over orders is kept.
    customers = repo / "ddl" / "customers.sql"
    customers.write_text(customers.read_text().replace("CHAR(2)", "CHAR(3)"))
    _, linted = run(repo, cache)
    assert linted == sorted(["ddl/customers.sql", "reports/customers.sql", *etl])


def test_a_new_column_changes_the_select_star_finding(repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before, _ = run(repo, cache)
    customers = repo / "ddl" / "customers.sql"
    customers.write_text(customers.read_text().replace("region CHAR(2)", "region CHAR(2), x INT"))
    after, linted = run(repo, cache)
    assert "reports/customers.sql" in linted
    assert after != before and after == run(repo, tmp_path / "fresh")[0]


def test_config_change_is_a_new_key(repo: Path, tmp_path: Path) -> None:
    run(repo, tmp_path / "cache")
    (repo / "advisor.toml").write_text('ignore = ["RS-Q01"]\n')
    report, linted = run(repo, tmp_path / "cache")
    assert len(linted) == 17
    assert '"RS-Q01"' not in report


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"{not json",
        b"[1, 2, 3]",
        b'{"format": "advisor-lint-cache", "key": "someone else"}',
        b"\xff\xfe\x00",
        b"[" * 100_000,
    ],
)
def test_corrupt_or_foreign_entries_are_misses(repo: Path, tmp_path: Path, garbage: bytes) -> None:
    cache = tmp_path / "cache"
    cold, _ = run(repo, cache)
    for entry in [*entries(cache), parts_file(cache)]:
        entry.write_bytes(garbage)
    again, linted = run(repo, cache)
    assert again == cold and len(linted) == 17


def test_entries_with_wrong_shapes_are_misses(repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold, _ = run(repo, cache)
    parts_file(cache).unlink()  # the parts are read from the entries then

    def fatal(d: dict[str, Any]) -> None:
        found = json.loads(d["findings"] or "[{}]")
        d.update(findings=json.dumps([{**found[0], "severity": "fatal"}]))

    mutations: list[Callable[[dict[str, Any]], object]] = [
        lambda d: d.update(statements="3"),
        lambda d: d["part"].update(tables=[{"name": 1}]),
        lambda d: d["part"].update(tables=[[None, 1, [], *[None] * 11]]),
        lambda d: d.update(findings=[{"rule_id": "RS-Q01"}]),  # a list, not JSON text
        lambda d: d.update(findings=json.dumps([{"rule_id": "RS-Q01"}])),
        lambda d: d.update(findings="[not json"),
        lambda d: d.update(deps=[["tables", 1, 2]]),
        fatal,
    ]
    files = sorted(entries(cache))
    for n, entry in enumerate(files):
        data = json.loads(entry.read_text())
        mutations[n % len(mutations)](data)
        entry.write_text(json.dumps(data))
    again, linted = run(repo, cache)
    assert again == cold and len(linted) == 17


def test_a_cache_that_cannot_be_written_is_skipped(repo: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    cold, linted = run(repo, blocker)
    assert len(linted) == 17
    assert run(repo, tmp_path / "fresh")[0] == cold


def test_parts_with_wrong_shapes_are_misses(repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold, _ = run(repo, cache)
    path = parts_file(cache)
    data = json.loads(path.read_text())
    mutations: list[Callable[[dict[str, Any]], object]] = [
        lambda d: d.update(statements=None),
        lambda d: d.update(part=[]),
        lambda d: d["part"].update(tables=[["public", "t"]]),
        lambda d: d["part"].update(
            tables=[[None, "t", [["c", 1, None, 0, 0, 0, 0]], *[None] * 11]]
        ),
    ]
    for n, entry in enumerate(data["entries"].values()):
        mutations[n % len(mutations)](entry)
    path.write_text(json.dumps(data))
    again, linted = run(repo, cache)
    assert again == cold and linted == []  # each part was read again from its own entry


def test_a_run_of_a_few_files_reads_the_others_from_the_parts_file(
    repo: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    run(repo, cache)
    for entry in entries(cache):
        entry.unlink()  # only the parts file is left
    report = repo / "reports" / "orders.sql"
    report.write_text(report.read_text() + "\nSELECT * FROM sales.orders;\n")

    def only(folder: Path) -> tuple[str, list[str]]:
        engine = Counting(load_config(start=repo), lint=True)
        engine.linted, engine.base = [], repo
        lint_cache = LintCache.open(folder, run_key(engine.config, (r.id for r in engine.rules)))
        result = lint_paths(engine, [repo], jobs=1, cache=lint_cache, chosen=lambda p: p == report)
        return render(result, "json"), engine.linted

    cached, linted = only(cache)
    assert linted == ["reports/orders.sql"]
    # The others were not parsed (a file parsed for the catalog gets an entry of its own).
    assert len(list(entries(cache))) == 1
    assert cached == only(tmp_path / "fresh")[0]


def test_the_parts_file_is_rewritten_only_when_many_keys_differ(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    run(repo, cache)
    path = parts_file(cache)
    written = path.stat().st_mtime_ns
    etl = repo / "etl" / "job_00.sql"
    etl.write_text(etl.read_text() + "\nSELECT 1;\n")
    run(repo, cache)
    assert path.stat().st_mtime_ns == written  # one key differs: its own entry serves it
    _, linted = run(repo, cache)
    assert linted == []
    for n in range(12):
        job = repo / "etl" / f"job_{n:02d}.sql"
        job.write_text(job.read_text() + "\nSELECT 2;\n")
    monkeypatch.setattr("advisor.cache.PARTS_SLACK", 2)  # the project has too few files
    run(repo, cache)
    assert path.stat().st_mtime_ns != written

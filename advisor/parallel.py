"""Lint SQL files in a pool of processes, with the lint cache, in two passes.

Pass one reads every file (from the cache when its entry is there, else by parsing it) and
returns its part of the project catalog; the parts are merged in file order into the one
catalog. Pass two lints the files chosen for the run against that catalog, which each worker
receives once. Findings are merged in file order, so the report is the same whatever the
number of workers (`jobs=1` runs everything in this process).

A worker keeps the trees it parsed in pass one for pass two, up to `RETAIN_BYTES` of SQL; the
files past that budget are parsed again in pass two, so memory stays flat however many files
a run has. A tree is released as soon as its file is linted.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor.cache import CacheEntry, CatalogWatch, LintCache
from advisor.engine import (
    CATALOG,
    Engine,
    describe_rule_errors,
    discover,
    is_sql_file,
    parser_for,
    with_bodies,
)
from advisor.files import read_bounded
from advisor.model import Catalog, Finding, ParseProblem, Report
from advisor.sql.catalog import CatalogPart, catalog_part, merge_parts
from advisor.sql.parse import ParsedFile, decode
from advisor.sql.templater import choose, parse_templated
from advisor.sql.templater import forget as forget_templates
from rules.advisor import rule_error, unreadable_file

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

log = logging.getLogger("advisor.rules")
# SQL text a worker keeps parsed between the passes: its trees take about 50 times as much
# memory, so this bounds a worker's trees near 50 MB whatever the size of the run.
RETAIN_BYTES = 1024 * 1024
# Below this much SQL a pool costs more than it saves, unless workers were asked for.
POOL_MIN_BYTES = 512 * 1024


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


@dataclass(slots=True)
class FileRead:
    """Pass one's result for one file (sent between processes: no trees)."""

    index: int
    part: CatalogPart | None
    statements: int = 0
    read_problem: ParseProblem | None = None
    parse_problems: list[ParseProblem] = field(default_factory=list)
    catalog_findings: list[Finding] = field(default_factory=list)


class FileWorker:
    """Reads and lints one share of a run's files, in this process or in a worker."""

    def __init__(self, engine: Engine, paths: Sequence[Path], cache: LintCache | None) -> None:
        self.engine = engine
        self.paths = paths
        self.cache = cache
        self._parsed: dict[int, ParsedFile] = {}
        self._entries: dict[int, CacheEntry] = {}
        self._keys: dict[int, str] = {}
        self._reads: dict[int, FileRead] = {}
        self._retained = 0

    def read(self, indices: Sequence[int]) -> list[FileRead]:
        return [self._read(i) for i in indices]

    def _read(self, index: int) -> FileRead:
        path = self.paths[index]
        config = self.engine.config
        data = read_bounded(path, config.limits)
        if isinstance(data, ParseProblem):
            return FileRead(index, None, read_problem=data)
        display = path.as_posix()
        source = decode(display, data)
        if isinstance(source, ParseProblem):
            return FileRead(index, None, read_problem=source)
        cacheable = self.cache is not None and choose(config.templater, source.text, path) in (
            "none",
            "placeholder",
        )
        if cacheable and self.cache is not None:
            key = self._keys[index] = self.cache.key(display, data)
            entry = self.cache.load(key)
            if entry is not None:
                self._entries[index] = entry
                return self._remember(
                    FileRead(
                        index,
                        entry.part,
                        entry.statements,
                        None,
                        entry.parse_problems,
                        entry.catalog_findings,
                    )
                )
        parsed = parse_templated(
            source, parser_for(config.dialect), config.dialect, config.templater, path,
            config.limits,
        )  # fmt: skip
        result = self._describe(index, parsed)
        if self._retained < RETAIN_BYTES:
            self._parsed[index] = parsed
            self._retained += len(data)
        return self._remember(result)

    def _remember(self, result: FileRead) -> FileRead:
        self._reads[result.index] = result
        return result

    def _describe(self, index: int, parsed: ParsedFile) -> FileRead:
        statements = list(with_bodies(parsed.statements))
        part = catalog_part(parsed.source.path, statements)
        found: list[Finding] = []
        for stmt, error in part.failures:
            # The project catalog is not a rule, but a failure there is reported the same way.
            final = self.engine.finalise(rule_error.finding(CATALOG, stmt, error))
            if final is not None:
                log.debug("%s failed at %s", CATALOG, final.location, exc_info=error)
                found.append(final)
        part.failures = []
        for stmt in statements:  # the catalog walked them; the rules walk them again
            stmt._flat = None
        return FileRead(index, part, len(statements), None, list(parsed.problems), found)

    def lint(self, catalog: Catalog, chosen: Sequence[int]) -> list[tuple[int, list[Finding]]]:
        """Findings of the chosen files of this share; the rest are cached for their catalog
        part only. Every tree is dropped once its file is done."""
        watch = CatalogWatch(catalog) if self.cache is not None else None
        wanted = set(chosen)
        out: list[tuple[int, list[Finding]]] = []
        for index in chosen:
            findings = self._lint(index, catalog, watch)
            if findings is not None:
                out.append((index, findings))
        for index in self._reads:
            if index not in wanted and index not in self._entries:
                self._store(index, None, [])  # read for the catalog: its part is kept
        self._parsed.clear()
        return out

    def _lint(
        self, index: int, catalog: Catalog, watch: CatalogWatch | None
    ) -> list[Finding] | None:
        read = self._reads.get(index)
        if read is None or read.part is None:
            return None
        entry = self._entries.get(index)
        fresh = entry is not None and watch is not None and watch.unchanged(entry.deps)
        if entry is not None and entry.findings is not None and fresh:
            return entry.findings
        parsed = self._parsed.pop(index, None)
        if parsed is None:
            parsed = self._parse_again(index)
        if parsed is None:  # the file changed between the passes
            return []
        if watch is None:
            return self.engine.lint_file(parsed, catalog)
        watch.start()
        findings = self.engine.lint_file(parsed, watch.catalog)
        # A rule that failed is not remembered as a result: the next run tries it again (and
        # shows its traceback under --debug).
        failed = any(f.rule_id == rule_error.META.id for f in findings)
        self._store(index, None if failed else findings, watch.dependencies())
        return findings

    def _parse_again(self, index: int) -> ParsedFile | None:
        path = self.paths[index]
        config = self.engine.config
        data = read_bounded(path, config.limits)
        if isinstance(data, ParseProblem):
            return None
        source = decode(path.as_posix(), data)
        if isinstance(source, ParseProblem):
            return None
        return parse_templated(
            source, parser_for(config.dialect), config.dialect, config.templater, path,
            config.limits,
        )  # fmt: skip

    def _store(self, index: int, findings: list[Finding] | None, deps: list[Any]) -> None:
        key = self._keys.get(index)
        read = self._reads.get(index)
        if self.cache is None or key is None or read is None or read.part is None:
            return
        entry = CacheEntry(
            part=read.part,
            statements=read.statements,
            parse_problems=read.parse_problems,
            catalog_findings=read.catalog_findings,
            findings=findings,
            deps=deps,
        )
        self.cache.store(key, entry)


def shares(paths: Sequence[Path], workers: int) -> list[list[int]]:
    """Files split over workers by size, largest first (the same split for the same files)."""
    sizes = []
    for index, path in enumerate(paths):
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        sizes.append((-size, index))
    load = [0] * workers
    out: list[list[int]] = [[] for _ in range(workers)]
    for neg, index in sorted(sizes):
        least = min(range(workers), key=lambda w: (load[w], w))
        out[least].append(index)
        load[least] += -neg + 1
    return [sorted(s) for s in out if s]


class _Pool:
    """Worker processes forked from this one: each holds one FileWorker (the engine, its rules
    and the file list are inherited, not sent) and answers `read` and `lint` requests."""

    def __init__(self, workers: list[FileWorker]) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self.conns: list[Connection] = []
        self.procs: list[Any] = []
        for worker in workers:
            mine, theirs = context.Pipe()
            proc = context.Process(target=_serve, args=(theirs, worker), daemon=True)
            proc.start()
            theirs.close()
            self.conns.append(mine)
            self.procs.append(proc)

    def ask(self, requests: Sequence[tuple[str, Any]]) -> list[Any]:
        for conn, request in zip(self.conns, requests, strict=True):
            conn.send(request)
        answers = []
        for conn in self.conns:
            try:
                kind, value = conn.recv()
            except EOFError:
                raise RuntimeError("a lint worker process ended unexpectedly") from None
            if kind == "error":
                raise RuntimeError(f"a lint worker failed: {value}")
            answers.append(value)
        return answers

    def close(self) -> None:
        for conn in self.conns:
            with contextlib.suppress(OSError):
                conn.send(("stop", None))
            conn.close()
        for proc in self.procs:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.terminate()
                proc.join()


def _serve(conn: Connection, worker: FileWorker) -> None:
    while True:
        try:
            kind, value = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if kind == "stop":
            return
        try:
            if kind == "read":
                answer: Any = worker.read(value)
            else:
                catalog, chosen = value
                answer = worker.lint(catalog, chosen)
            conn.send(("ok", answer))
        except Exception as error:  # reported by the parent as an internal error
            detail = traceback.format_exception_only(type(error), error)[-1].strip()
            conn.send(("error", detail))
        except KeyboardInterrupt:
            return


def lint_paths(
    engine: Engine,
    paths: Sequence[Path],
    *,
    jobs: int | None = None,
    cache: LintCache | None = None,
    chosen: Callable[[Path], bool] | None = None,
) -> Report:
    """`Engine.lint_paths` over a pool and the cache. Every SQL file is read for the catalog;
    only those `chosen` accepts (all when None) are linted and counted in the report."""
    started = time.perf_counter()
    skipped: list[ParseProblem] = []
    files = list(discover(paths, engine.config, skipped))
    linted = [p for p in files if chosen is None or chosen(p)]
    sql_files = [p for p in files if is_sql_file(p)]
    wanted = set(linted)
    dsl_files = [p for p in linted if not is_sql_file(p)]
    if dsl_files:
        engine.load_dsl_rules()
    forget_templates()
    workers = _worker_count(jobs, sql_files)
    split = shares(sql_files, workers) if workers > 1 else [list(range(len(sql_files)))]
    local = [FileWorker(engine, sql_files, cache) for _ in split]
    if len(split) > 1:
        parser_for(engine.config.dialect)("SELECT 1")  # built once, before the workers fork
    pool = _Pool(local) if len(split) > 1 else None
    try:
        read_answers: list[list[FileRead]]
        if pool is None:
            read_answers = [local[0].read(split[0])]
        else:
            read_answers = pool.ask([("read", share) for share in split])
        reads: list[FileRead | None] = [None] * len(sql_files)
        for answer in read_answers:
            for result in answer:
                reads[result.index] = result
        catalog = merge_parts(r.part for r in reads if r is not None and r.part is not None)
        engine.catalog = catalog
        read_done = time.perf_counter()
        picks = [[i for i in share if sql_files[i] in wanted] for share in split]
        lint_answers: list[list[tuple[int, list[Finding]]]]
        if pool is None:
            lint_answers = [local[0].lint(catalog, picks[0])]
        else:
            lint_answers = pool.ask([("lint", (catalog, pick)) for pick in picks])
    finally:
        if pool is not None:
            pool.close()
    by_file: dict[int, list[Finding]] = {}
    for linted_share in lint_answers:
        by_file.update(linted_share)
    report = Report(
        rules_run=tuple(r.id for r in engine.rules), rules={r.id: r.meta for r in engine.rules}
    )
    chosen_reads = [r for i, r in enumerate(reads) if r is not None and sql_files[i] in wanted]
    report.statements = sum(r.statements for r in chosen_reads)
    for read in chosen_reads:
        report.findings.extend(read.catalog_findings)
    for index in range(len(sql_files)):
        report.findings.extend(by_file.get(index, ()))
    if dsl_files:
        _lint_dsl(engine, dsl_files, report)
    if engine.config.rule_enabled(unreadable_file.META.id):
        chosen_skipped = [p for p in skipped if chosen is None or chosen(Path(p.path))]
        _add_unreadable(engine, report, chosen_skipped, chosen_reads)
    report.files = len(linted)
    report.timings = {
        "read_parse": read_done - started,
        "rules": time.perf_counter() - read_done,
    }
    report.findings.sort(key=lambda f: f.sort_key)
    describe_rule_errors(report)
    return report


def _lint_dsl(engine: Engine, dsl_files: Sequence[Path], report: Report) -> None:
    """The DSL request files, linted in this process; their findings join the report."""
    from advisor import engine_dsl

    dsl = engine_dsl.lint_dsl_files(dsl_files, engine.config, engine.rules)
    engine.request_indices |= dsl.indices
    report.findings.extend(f for f in map(engine.finalise, dsl.findings) if f is not None)
    report.statements += dsl.requests


def _add_unreadable(
    engine: Engine, report: Report, skipped: Sequence[ParseProblem], reads: Sequence[FileRead]
) -> None:
    """One finding per input that could not be read or parsed (skipped files first)."""
    problems = [*skipped, *(r.read_problem for r in reads if r.read_problem)]
    problems.extend(p for r in reads for p in r.parse_problems)
    for problem in problems:
        final = engine.finalise(unreadable_file.finding(problem))
        if final is not None:
            report.findings.append(final)


def _worker_count(jobs: int | None, files: Sequence[Path]) -> int:
    if len(files) < 2 or not can_fork():
        return 1
    if jobs is None:
        total = 0
        for path in files:
            try:
                total += path.stat().st_size
            except OSError:
                continue
        if total < POOL_MIN_BYTES:
            return 1
        jobs = default_jobs()
    return max(1, min(jobs, len(files)))

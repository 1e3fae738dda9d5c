"""Lint SQL files in a pool of processes, with the lint cache, in two passes.

Pass one reads every file (from the cache when its entry is there, else by parsing it) and
returns its part of the project catalog; the parts are merged in file order into the one
catalog. Pass two lints the files chosen for the run against that catalog, which each worker
receives once. Findings are merged in file order, so the report is the same whatever the
number of workers (`jobs=1` runs everything in this process).

A run of at most `RETAIN_RUN_BYTES` of SQL keeps the trees parsed in pass one for pass two,
up to `RETAIN_BYTES` of SQL in all; a bigger run parses every file again in pass two (the
trees of a share of it would save little time and cost about a hundred times their SQL in
memory), so memory stays flat however many files a run has. A tree is released as soon as
its file is linted. Without the cache, a worker keeps nothing of pass one but which files it
read; pass two is asked for in chunks of files, so findings reach this process as they are
made instead of piling up in the workers.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
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
# SQL text a run keeps parsed between the passes (split among its workers): its trees take
# about 100 times as much memory. Only runs of at most RETAIN_RUN_BYTES keep any.
RETAIN_BYTES = 1024 * 1024
RETAIN_RUN_BYTES = 4 * 1024 * 1024
# Files per pass-two request to a worker: bounds the findings a worker holds at once.
LINT_CHUNK = 64
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
    key: str | None = None  # the file's cache key, when it has one


_READ = CatalogPart("")  # stands for the part of a file read in this process, not kept


class FileWorker:
    """Reads and lints one share of a run's files, in this process or in a worker."""

    def __init__(
        self,
        engine: Engine,
        paths: Sequence[Path],
        cache: LintCache | None,
        retain: int = RETAIN_BYTES,
    ) -> None:
        self.engine = engine
        self.paths = paths
        self.cache = cache
        self.retain = retain
        self.catalog: Catalog | None = None
        self._parsed: dict[int, ParsedFile] = {}
        self._entries: dict[int, CacheEntry] = {}
        self._keys: dict[int, str] = {}
        self._reads: dict[int, FileRead] = {}
        self._retained = 0
        self._watch: CatalogWatch | None = None

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
            entry = self.cache.from_parts(key) or self.cache.load(key)
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
                        key,
                    )
                )
        parsed = parse_templated(
            source, parser_for(config.dialect), config.dialect, config.templater, path,
            config.limits,
        )  # fmt: skip
        result = self._describe(index, parsed)
        result.key = self._keys.get(index)
        if self._retained < self.retain:
            self._parsed[index] = parsed
            self._retained += len(data)
        return self._remember(result)

    def _remember(self, result: FileRead) -> FileRead:
        # Without the cache only the fact that the file was read matters to pass two.
        if self.cache is None and result.part is not None:
            self._reads[result.index] = FileRead(result.index, _READ)
        else:
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
        self.begin(catalog)
        out = self.lint_some(chosen)
        self.finish(chosen)
        return out

    def begin(self, catalog: Catalog) -> None:
        """Pass two starts: the catalog every file is linted against."""
        self.catalog = catalog
        self._watch = CatalogWatch(catalog) if self.cache is not None else None

    def lint_some(self, indices: Sequence[int]) -> list[tuple[int, list[Finding]]]:
        """Findings of some of the chosen files (after `begin`), in the order given."""
        assert self.catalog is not None
        out: list[tuple[int, list[Finding]]] = []
        for index in indices:
            findings = self._lint(index, self.catalog, self._watch)
            if findings is not None:
                out.append((index, findings))
        return out

    def finish(self, chosen: Sequence[int]) -> None:
        """Pass two is over: the files read but not chosen are cached for their part."""
        wanted = set(chosen)
        for index in self._reads:
            if index not in wanted and index not in self._entries:
                self._store(index, None, [])  # read for the catalog: its part is kept
        self._parsed.clear()
        self.catalog = self._watch = None

    def _lint(
        self, index: int, catalog: Catalog, watch: CatalogWatch | None
    ) -> list[Finding] | None:
        read = self._reads.get(index)
        if read is None or read.part is None:
            return None
        entry = self._entries.get(index)
        if entry is not None and entry.partial and self.cache is not None:
            # Read for the catalog only so far: its findings are in its own entry.
            entry = self.cache.load(self._keys[index])
        if entry is not None and watch is not None and watch.unchanged(entry.deps):
            kept = entry.stored_findings()
            if kept is not None:
                return kept
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


def shares(
    paths: Sequence[Path], workers: int, sizes: Sequence[int] | None = None
) -> list[list[int]]:
    """Files split over workers by size, largest first (the same split for the same files)."""
    by_size = sorted((-size, index) for index, size in enumerate(sizes or _sizes(paths)))
    load = [0] * workers
    out: list[list[int]] = [[] for _ in range(workers)]
    for neg, index in by_size:
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
        return [self._answer(conn) for conn in self.conns]

    def stream(self, kind: str, shares: Sequence[Sequence[int]]) -> Iterator[Any]:
        """Answers to `kind` requests over each worker's share, in chunks of LINT_CHUNK files,
        as they arrive; two requests in flight per worker keep it busy meanwhile."""
        from multiprocessing.connection import wait

        todo = {
            id(conn): [list(share[i : i + LINT_CHUNK]) for i in range(0, len(share), LINT_CHUNK)]
            for conn, share in zip(self.conns, shares, strict=True)
        }
        waiting: dict[int, int] = {}
        for conn in self.conns:
            waiting[id(conn)] = 0
            for _ in range(2):
                self._next(conn, kind, todo, waiting)
        while any(waiting.values()):
            busy = [c for c in self.conns if waiting[id(c)]]
            for ready in wait(busy):
                conn = next(c for c in busy if c is ready)
                waiting[id(conn)] -= 1
                answer = self._answer(conn)
                self._next(conn, kind, todo, waiting)
                yield answer

    @staticmethod
    def _next(
        conn: Connection, kind: str, todo: dict[int, list[list[int]]], waiting: dict[int, int]
    ) -> None:
        chunks = todo[id(conn)]
        if chunks:
            conn.send((kind, chunks.pop(0)))
            waiting[id(conn)] += 1

    @staticmethod
    def _answer(conn: Connection) -> Any:
        try:
            kind, value = conn.recv()
        except EOFError:
            raise RuntimeError("a lint worker process ended unexpectedly") from None
        if kind == "error":
            raise RuntimeError(f"a lint worker failed: {value}")
        return value

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
            answer: Any = None
            if kind == "read":
                answer = worker.read(value)
            elif kind == "begin":
                worker.begin(value)
            elif kind == "lint":
                answer = worker.lint_some(value)
            else:
                worker.finish(value)
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
    sizes = _sizes(sql_files)
    workers = _worker_count(
        jobs, sizes if cache is None else _uncached(engine, sql_files, sizes, cache)
    )
    split = shares(sql_files, workers, sizes) if workers > 1 else [list(range(len(sql_files)))]
    retain = RETAIN_BYTES // len(split) if sum(sizes) <= RETAIN_RUN_BYTES else 0
    local = [FileWorker(engine, sql_files, cache, retain) for _ in split]
    pool = _start_pool(engine, local) if len(split) > 1 else None
    by_file: dict[int, list[Finding]] = {}
    try:
        reads: list[FileRead | None] = [None] * len(sql_files)
        answers = [local[0].read(split[0])] if pool is None else pool.stream("read", split)
        for answer in answers:
            for result in answer:
                reads[result.index] = result
        catalog = merge_parts(r.part for r in reads if r is not None and r.part is not None)
        if cache is not None:
            cache.store_parts(_parts_of(reads))
        # The parts are in the catalog now; what the report needs of a read is kept.
        reads = [_without_part(r) for r in reads]
        engine.catalog = catalog
        read_done = time.perf_counter()
        picks = [[i for i in share if sql_files[i] in wanted] for share in split]
        if pool is None:
            by_file.update(local[0].lint(catalog, picks[0]))
        else:
            pool.ask([("begin", catalog)] * len(split))
            for linted_share in pool.stream("lint", picks):
                by_file.update(linted_share)
            pool.ask([("finish", pick) for pick in picks])
    finally:
        if pool is not None:
            pool.close()
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


def _sizes(paths: Sequence[Path]) -> list[int]:
    sizes = []
    for path in paths:
        try:
            sizes.append(path.stat().st_size)
        except OSError:
            sizes.append(0)
    return sizes


def _uncached(
    engine: Engine, paths: Sequence[Path], sizes: Sequence[int], cache: LintCache
) -> list[int]:
    """The sizes of the files that have no cache entry, 0 for the others: a warm run, or one
    with few files changed, reads its entries faster in this process than through a pool."""
    out = []
    for path, size in zip(paths, sizes, strict=True):
        data = read_bounded(path, engine.config.limits)
        found = not isinstance(data, ParseProblem) and cache.has(cache.key(path.as_posix(), data))
        out.append(0 if found else size)
    return out


def _worker_count(jobs: int | None, sizes: Sequence[int]) -> int:
    if len(sizes) < 2 or not can_fork():
        return 1
    if jobs is None:
        if sum(sizes) < POOL_MIN_BYTES:
            return 1
        jobs = default_jobs()
    return max(1, min(jobs, len(sizes)))


def _parts_of(reads: Sequence[FileRead | None]) -> dict[str, CacheEntry]:
    """The catalog share of every file read with a cache key, for the cache's parts file."""
    out = {}
    for read in reads:
        if read is None or read.key is None or read.part is None or read.part is _READ:
            continue
        out[read.key] = CacheEntry(
            read.part, read.statements, read.read_problem, read.parse_problems,
            read.catalog_findings,
        )  # fmt: skip
    return out


def _without_part(read: FileRead | None) -> FileRead | None:
    if read is None or read.part is None:
        return read
    return FileRead(
        read.index, _READ, read.statements, None, read.parse_problems, read.catalog_findings
    )


def _start_pool(engine: Engine, workers: list[FileWorker]) -> _Pool:
    """Fork the workers, with this process's objects frozen first: the collector of a worker
    then never writes to the pages it shares with this one."""
    import gc

    parser_for(engine.config.dialect)("SELECT 1")  # built once, before the workers fork
    gc.collect()
    gc.freeze()
    try:
        return _Pool(workers)
    finally:
        gc.unfreeze()

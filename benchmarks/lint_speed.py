"""Lint speed at every scale: start-up, 100k statements, SQLFluff's corpus, the cache, `--changed`.

Usage (from the repository root):

    python benchmarks/lint_speed.py --make-venv .bench-venv  # once: sqlglot[c] and SQLFluff 4.5
    python benchmarks/lint_speed.py --bench-python .bench-venv/bin/python
    python benchmarks/lint_speed.py --bench-python .bench-venv/bin/python --only scale

Every tool runs as a whole process (start-up included) on the same files, in turn, for
`--rounds` rounds whose order rotates; medians are printed with the ratios the targets name:

- `startup`: `advisor lint` of one small file against `python -c pass` and the import of
  sqlglot's Redshift dialect, and the advisor's own import time by `python -X importtime`.
- `scale`: a generated repository of `--statements` statements in many files: `advisor lint`
  (`-j 1` and the default, every core) against the raw parse by sqlglot's stock Redshift
  dialect, pure Python (this interpreter) and compiled (`--bench-python`, with `sqlglot[c]`).
  Peak memory is the largest sum of the proportional set sizes of the advisor's processes
  (the parent and its workers), sampled every 20 ms; Linux only.
- `sqlfluff`: SQLFluff's 615 Redshift statements, and the 2,483-statement corpus (those plus
  150 generated files, as `benchmarks/lint.py` builds it): `advisor lint` against
  `sqlfluff lint --dialect redshift` (from `--bench-python`).
- `cache`: a 10k-statement git repository: a cold run (empty cache), a warm run (nothing
  changed), `--changed` with one file edited, and `--shard i/N` run one after another (the
  slowest shard is the wall time N machines would take).

The advisor runs from this interpreter unless `--advisor-python` names another (one where the
compiled sqlglot is installed beside the advisor, say).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "sqlfluff" / "redshift"
RAW = Path(__file__).with_name("raw_sqlglot.py")
SQLGLOT_PIN = "30.30.0"
# Measure what users run: with Python's bytecode cache on, whatever this shell says.
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "NO_COLOR")}
ENV.pop("ADVISOR_NO_CACHE", None)


def _lint_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_lint", Path(__file__).with_name("lint.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate(folder: Path, statements: int) -> int:
    """Generated Redshift jobs (see benchmarks/lint.py) up to about `statements`; the count.
    Each line of a generated file but its first comment is one statement."""
    folder.mkdir(parents=True, exist_ok=True)
    files = max(1, round(statements / 12.5))
    _lint_module().generate(folder, files)
    return count_generated(folder)


def count_generated(folder: Path) -> int:
    total = 0
    for path in folder.glob("*.sql"):
        total += sum(1 for line in path.read_text().splitlines() if line.endswith(";"))
    return total


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
            return [int(p) for p in handle.read().split()]
    except (OSError, ValueError):
        return []


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(_children(p))
    return out


class Run:
    """One whole process: wall time and (on Linux) the peak PSS of its process tree."""

    def __init__(self, cmd: Sequence[str], cwd: Path | None = None, sample: bool = False) -> None:
        self.cmd = list(cmd)
        self.cwd = cwd
        self.sample = sample and Path("/proc/self/smaps_rollup").exists()
        self.peak_kb = 0
        self.seconds = 0.0

    def go(self) -> Run:
        start = time.perf_counter()
        proc = subprocess.Popen(
            self.cmd, cwd=self.cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        stop = threading.Event()
        watcher = None
        if self.sample:

            def watch() -> None:
                while not stop.is_set():
                    self.peak_kb = max(self.peak_kb, sum(_pss_kb(p) for p in _tree(proc.pid)))
                    stop.wait(0.02)

            watcher = threading.Thread(target=watch, daemon=True)
            watcher.start()
        _, err = proc.communicate()
        self.seconds = time.perf_counter() - start
        stop.set()
        if watcher is not None:
            watcher.join()
        if proc.returncode not in (0, 1):
            text = err.decode(errors="replace")[-2000:]
            raise SystemExit(f"{self.cmd[:4]} failed ({proc.returncode}):\n{text}")
        return self


def rounds(
    tools: Mapping[str, Callable[[], Run]], count: int, warm_up: bool = True
) -> dict[str, list[Run]]:
    """Every tool once per round, the order rotated each round; a first uncounted round fills
    the bytecode caches."""
    names = list(tools)
    if warm_up:
        for name in names:
            tools[name]()
    runs: dict[str, list[Run]] = {name: [] for name in names}
    for n in range(count):
        for name in names[n % len(names) :] + names[: n % len(names)]:
            runs[name].append(tools[name]())
    return runs


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def show(title: str, runs: dict[str, list[Run]], statements: int | None = None) -> None:
    print(f"\n{title}: medians of {len(next(iter(runs.values())))} rotated rounds")
    for name, done in runs.items():
        med = median(done)
        rate = f"  {statements / med:9.0f} statements/s" if statements else ""
        spread = f"range {min(r.seconds for r in done):.3f}-{max(r.seconds for r in done):.3f}s"
        peak = max(r.peak_kb for r in done)
        mem = f"  peak PSS {peak / 1024:6.0f} MB" if peak else ""
        print(f"  {name:34s} {med:8.3f}s{rate}{mem}  ({spread})", flush=True)


def ratio_line(label: str, value: float, target: str) -> None:
    print(f"  {label:58s} {value:7.2f}x   (target {target})", flush=True)


def advisor(python: str, *args: str) -> list[str]:
    return [python, "-m", "advisor", "lint", "-q", "--exit-zero", *args]


def bench_startup(args: argparse.Namespace, tmp: Path) -> None:
    small = tmp / "startup"
    small.mkdir()
    (small / "q.sql").write_text("SELECT order_id FROM sales.orders WHERE status = 'open';\n")
    py = args.advisor_python
    tools = {
        "python -c pass": lambda: Run([py, "-c", "pass"]).go(),
        "python -c 'import sqlglot (redshift)'": lambda: Run(
            [py, "-c", "import sqlglot.dialects.redshift"]
        ).go(),
        "advisor lint q.sql --no-cache": lambda: Run(
            advisor(py, "q.sql", "--no-cache"), cwd=small
        ).go(),
        "advisor lint q.sql (cache warm)": lambda: Run(advisor(py, "q.sql"), cwd=small).go(),
    }
    runs = rounds(tools, max(args.rounds, 5))
    show("start-up, one small file", runs)
    base = median(runs["python -c 'import sqlglot (redshift)'"])
    ours = median(runs["advisor lint q.sql --no-cache"])
    ratio_line("advisor lint of one file / (python + sqlglot import)", ours / base, "little more")
    print(f"  the advisor's own share: {ours - base:.3f}s over python + sqlglot's import")
    done = subprocess.run(
        [py, "-X", "importtime", *advisor(py, "q.sql", "--no-cache")[1:]],
        cwd=small, env=ENV, capture_output=True, text=True, check=False,
    )  # fmt: skip
    own: dict[str, int] = {}
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) != 3 or not parts[0].startswith("import time:"):
            continue
        try:
            self_us = int(parts[0].split(":")[1])
        except ValueError:
            continue
        top = parts[2].strip().split(".")[0]
        own[top] = own.get(top, 0) + self_us
    ranked = sorted(own.items(), key=lambda kv: -kv[1])[:8]
    print("  -X importtime, self time by top-level package (inflated by the measuring):")
    for name, us in ranked:
        print(f"    {name:24s} {us / 1000:7.1f} ms")


def bench_scale(args: argparse.Namespace, tmp: Path) -> None:
    repo = tmp / "scale"
    statements = generate(repo, args.statements)
    files = len(list(repo.glob("*.sql")))
    print(f"\nscale: {statements} statements in {files} generated files", flush=True)
    py = args.advisor_python
    tools: dict[str, Callable[[], Run]] = {
        "advisor lint (default -j)": lambda: Run(
            advisor(py, str(repo), "--no-cache"), sample=True
        ).go(),
        "advisor lint -j 1": lambda: Run(
            advisor(py, str(repo), "--no-cache", "-j", "1"), sample=True
        ).go(),
        "raw parse, pure-Python sqlglot": lambda: Run([sys.executable, str(RAW), str(repo)]).go(),
    }
    if args.bench_python:
        tools["raw parse, compiled sqlglot[c]"] = lambda: Run(
            [args.bench_python, str(RAW), str(repo)]
        ).go()
    runs = rounds(tools, args.rounds, warm_up=False)
    show(f"scale, {statements} statements", runs, statements)
    ours = median(runs["advisor lint (default -j)"])
    one = median(runs["advisor lint -j 1"])
    pure = median(runs["raw parse, pure-Python sqlglot"])
    ratio_line(
        "advisor lint -j 1 / advisor lint (default -j): the pool's gain", one / ours, "~cores"
    )
    ratio_line("advisor lint (default -j) / raw pure-Python parse", ours / pure, "-")
    if "raw parse, compiled sqlglot[c]" in runs:
        floor = median(runs["raw parse, compiled sqlglot[c]"])
        ratio_line("advisor lint (default -j) / raw compiled parse", ours / floor, "<= 1.5x")
    peak = max(r.peak_kb for r in runs["advisor lint (default -j)"]) / 1024
    alone = max(r.peak_kb for r in runs["advisor lint -j 1"]) / 1024
    print(
        f"  peak memory of advisor lint, the peak over the run of the sum of its processes' PSS"
        f" (parent and workers, sampled every 20 ms; the largest of the rounds): {peak:.0f} MB"
        f" (target < 300 MB); -j 1: {alone:.0f} MB"
    )


def _corpus_2483(tmp: Path) -> list[Path]:
    generated = tmp / "generated150"
    generated.mkdir()
    _lint_module().generate(generated, 150)
    return [CORPUS, generated]


def bench_sqlfluff(args: argparse.Namespace, tmp: Path) -> None:
    if not CORPUS.is_dir():
        print(f"\nsqlfluff: skipped, SQLFluff's Redshift corpus is not at {CORPUS}")
        return
    if not args.bench_python:
        print("\nsqlfluff: skipped, give --bench-python (an interpreter with SQLFluff 4.5)")
        return
    py = args.advisor_python
    for label, paths, target in (
        ("SQLFluff's Redshift corpus (615 statements)", [CORPUS], ">= 25x"),
        ("the 2,483-statement corpus (615 + 150 generated files)", _corpus_2483(tmp), ">= 60x"),
    ):
        names = [str(p) for p in paths]
        tools = {
            "advisor lint --no-cache": lambda n=names: Run(advisor(py, *n, "--no-cache")).go(),
            "sqlfluff lint": lambda n=names: Run(
                [
                    args.bench_python,
                    "-m",
                    "sqlfluff",
                    "lint",
                    "--dialect",
                    "redshift",
                    "--processes",
                    "1",
                    "--disable-progress-bar",
                    "--nofail",
                    *n,
                ]
            ).go(),
        }
        runs = rounds(tools, args.rounds)
        show(label, runs)
        ratio_line(
            "sqlfluff lint / advisor lint",
            median(runs["sqlfluff lint"]) / median(runs["advisor lint --no-cache"]),
            target,
        )


def _git(repo: Path, *argv: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com", *argv],
        cwd=repo, check=True, capture_output=True,
    )  # fmt: skip


def bench_cache(args: argparse.Namespace, tmp: Path) -> None:
    if shutil.which("git") is None:
        print("\ncache: skipped, git is not installed")
        return
    repo = tmp / "cache"
    statements = generate(repo / "sql", args.cache_statements)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "generated")
    print(f"\ncache: a git repository of {statements} statements", flush=True)
    py = args.advisor_python
    cache_dir = tmp / "cache-dir"

    def cold() -> Run:
        shutil.rmtree(cache_dir, ignore_errors=True)
        return Run(advisor(py, "sql", "--cache-dir", str(cache_dir)), cwd=repo).go()

    def warm() -> Run:
        return Run(advisor(py, "sql", "--cache-dir", str(cache_dir)), cwd=repo).go()

    edited = sorted((repo / "sql").glob("*.sql"))[len(list((repo / "sql").glob("*.sql"))) // 2]
    original = edited.read_text()
    flip = [0]

    def changed() -> Run:
        flip[0] += 1
        edited.write_text(original + f"SELECT {flip[0]};\n")
        return Run(advisor(py, "sql", "--changed", "--cache-dir", str(cache_dir)), cwd=repo).go()

    def no_cache() -> Run:
        return Run(advisor(py, "sql", "--no-cache"), cwd=repo).go()

    tools = {
        "cold (empty cache; writes it)": cold,
        "no cache": no_cache,
        "warm (nothing changed)": warm,
    }
    runs = rounds(tools, args.rounds)
    cold()  # the cache stays full for what follows
    runs["--changed, one file edited"] = rounds({"c": changed}, args.rounds)["c"]
    show(f"cache, {statements} statements", runs, statements)
    ratio_line(
        "warm / cold",
        median(runs["warm (nothing changed)"]) / median(runs["cold (empty cache; writes it)"]),
        "<= 0.10x",
    )
    print(
        f"  --changed with one file edited: {median(runs['--changed, one file edited']):.3f}s"
        " (target < 0.5 s)"
    )
    edited.write_text(original)
    if args.shards > 1:
        times = []
        for i in range(1, args.shards + 1):
            shard = Run(
                advisor(py, "sql", "--no-cache", "-j", "1", "--shard", f"{i}/{args.shards}"),
                cwd=repo,
            ).go()
            times.append(shard.seconds)
        whole = median(runs["no cache"])
        print(
            f"  simulated {args.shards} workers (--shard i/{args.shards} -j 1, one after another):"
            f" slowest shard {max(times):.3f}s, {whole / max(times):.2f}x faster than one"
            f" run with the default -j (each shard still reads the whole catalog)"
        )


def make_venv(folder: Path) -> None:
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    pip = folder / "bin" / "pip"
    subprocess.run(
        [str(pip), "install", "-q", f"sqlglot[c]=={SQLGLOT_PIN}", "sqlfluff>=4.5,<5"], check=True
    )
    print(f"made {folder}: use --bench-python {folder / 'bin' / 'python'}")


SECTIONS: dict[str, Callable[[argparse.Namespace, Path], None]] = {
    "startup": bench_startup,
    "scale": bench_scale,
    "sqlfluff": bench_sqlfluff,
    "cache": bench_cache,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--make-venv", type=Path, help="make a venv with sqlglot[c] and SQLFluff")
    parser.add_argument("--bench-python", help="interpreter with sqlglot[c] and SQLFluff 4.5")
    parser.add_argument("--advisor-python", default=sys.executable)
    parser.add_argument("--only", action="append", choices=list(SECTIONS))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--cache-statements", type=int, default=10_000)
    parser.add_argument("--shards", type=int, default=4)
    args = parser.parse_args()
    if args.make_venv:
        make_venv(args.make_venv)
        return
    print(f"cores: {len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'}")
    with tempfile.TemporaryDirectory(prefix="advisor-speed-") as tmp:
        for name in args.only or list(SECTIONS):
            SECTIONS[name](args, Path(tmp))


if __name__ == "__main__":
    main()

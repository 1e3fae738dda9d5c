"""The README's sample output, regenerated from the commands it claims to show.

    python scripts/readme_samples.py            # rewrite every sample in README.md
    python scripts/readme_samples.py --check    # exit 1 when a sample differs from the command
    python scripts/readme_samples.py --only NAME
    python scripts/readme_samples.py --check --offline   # the gate: samples needing no server

It also redraws docs/tui.svg, the README's picture of the TUI (`benchmarks/tui.py
--screenshot`, deterministic), and --check compares it.

Each sample sits between `<!-- sample NAME ... -->` and `<!-- /sample -->` in the README and is
produced by the commands of SAMPLES[NAME]: their `$ command` lines, then their output, cut to
the findings the sample is about (a note says which were left out). Samples that need the demo
servers (PostgreSQL for the emulated Redshift, OpenSearch) run when those are reachable
(`eval "$(services/postgres.sh env)"` and `eval "$(services/opensearch.sh env)"` give their
addresses) and are skipped, saying so, when not; with ADVISOR_REQUIRE_SERVICES set (the
server-backed test run) an unreachable server fails the check instead. Figures that change
from run to run (measured milliseconds) are compared as patterns, not as text.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
REQUIRE = "ADVISOR_REQUIRE_SERVICES"
TIMEOUT = 300  # seconds, per command
# A shared demo server may be reloading its data when a sample runs: a sample that needs one
# is run again, after a pause, before it counts as out of date.
RETRIES = 2
RETRY_PAUSE = 5.0  # seconds
LIST_RULES = 6  # a note names the rules of the findings left out up to this many
_REGION = re.compile(
    r"(?P<open><!-- sample (?P<name>[\w-]+)[^>]*-->\n)(?P<body>.*?)(?P<close><!-- /sample -->)",
    re.S,
)
_SUMMARY = re.compile(r"(Found \d+ findings?|No findings)\b")
_FINDING = re.compile(r"^\S+: (?P<rule>[A-Z]{2}-[A-Z0-9]+) \[")


@dataclass(frozen=True)
class Step:
    shown: str  # the command as the README shows it, after `$ `
    args: tuple[str, ...]  # advisor's arguments; $DSN and $OPENSEARCH_URL are expanded
    stderr: bool = False  # the README shows what the command writes to stderr as well


@dataclass(frozen=True)
class Sample:
    steps: tuple[Step, ...]
    lang: str = "text"
    needs: tuple[str, ...] = ()  # "postgres", "opensearch"
    keep: tuple[str, ...] = ()  # regexes on a finding's first line; empty keeps them all
    lines: str = ""  # a regex: show only the lines it matches (an excerpt)
    volatile: tuple[str, ...] = ()  # regexes of text that changes from run to run
    files: dict[str, str] = field(default_factory=dict)  # a scratch folder the steps run in
    prompt: bool = True  # show the `$ command` lines


_DSN = "$DSN"
_MS = r"\d+ -> \d+ ms, query [\d.]+ -> [\d.]+ ms"

SAMPLES: dict[str, Sample] = {
    "lint-redshift": Sample(
        steps=(Step("advisor lint examples/redshift", ("lint", "examples/redshift")),),
        keep=(r"web_events\.sql:\S+ RS-D02", r"RS-Q14", r"order_export\.sql:\S+ RS-Q01"),
    ),
    "analyze-redshift": Sample(
        steps=(
            Step(
                'advisor analyze --redshift "$DSN" --schema rs_demo '
                "--config examples/redshift/live.toml",
                (
                    "analyze",
                    "--redshift",
                    _DSN,
                    "--schema",
                    "rs_demo",
                    "--config",
                    "examples/redshift/live.toml",
                ),
            ),
        ),
        needs=("postgres",),
        keep=(r"RS-C06", r"rs_demo\.clicks_ghost: RS-C05", r"RS-P02"),
    ),
    "tpch-w30": Sample(
        steps=(
            Step(
                'advisor analyze --redshift "$DSN" --schema tpch --select RS-W30 '
                "--config examples/redshift/tpch.toml",
                (
                    "analyze",
                    "--redshift",
                    _DSN,
                    "--schema",
                    "tpch",
                    "--select",
                    "RS-W30",
                    "--config",
                    "examples/redshift/tpch.toml",
                ),
            ),
        ),
        needs=("postgres",),
        keep=(r"tpch\.lineitem ", r"tpch\.orders ", r"tpch\.nation ", r"tpch\.customer "),
    ),
    "whatif": Sample(
        steps=(
            Step(
                'advisor whatif --redshift "$DSN" --schema tpch '
                "--distkey tpch.lineitem=l_orderkey --distkey tpch.orders=o_orderkey",
                (
                    "whatif",
                    "--redshift",
                    _DSN,
                    "--schema",
                    "tpch",
                    "--distkey",
                    "tpch.lineitem=l_orderkey",
                    "--distkey",
                    "tpch.orders=o_orderkey",
                ),
            ),
        ),
        needs=("postgres",),
    ),
    "fix": Sample(
        steps=(
            Step("advisor lint --diff load.sql", ("lint", "--diff", "load.sql"), stderr=True),
            Step("advisor lint --fix load.sql", ("lint", "--fix", "load.sql"), stderr=True),
        ),
        lang="console",
        files={
            "load.sql": "-- daily load check\n"
            "SELECT job_id FROM ops.jobs WHERE state LIKE 'DONE';\n"
            "ANALYZE ops.jobs;\n"
        },
    ),
    "verify-fixes": Sample(
        steps=(
            Step(
                'advisor lint examples/opensearch/verify/ --opensearch "$OPENSEARCH_URL" '
                "--verify-fixes",
                (
                    "lint",
                    "examples/opensearch/verify/",
                    "--opensearch",
                    "$OPENSEARCH_URL",
                    "--verify-fixes",
                ),
                stderr=True,
            ),
        ),
        needs=("opensearch",),
        lines=r"^(\$ |  fix |advisor: fixes checked)",
        volatile=(_MS,),
    ),
}


class Unavailable(Exception):
    """A server a sample needs is not reachable."""


class CommandFailed(Exception):
    """A sample's command exited with an error (2: usage, configuration, connection)."""


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=3):
            return True
    except OSError:
        return False


def _environment(needs: Sequence[str]) -> dict[str, str]:
    """What `$DSN` and `$OPENSEARCH_URL` stand for, from the demo servers' environment."""
    values: dict[str, str] = {}
    if "postgres" in needs:
        host, port = os.environ.get("PGHOST", ""), os.environ.get("PGPORT", "5432")
        if not host or not _reachable(host, int(port)):
            raise Unavailable(
                "PostgreSQL (the emulated Redshift) is not reachable: "
                'start the demo servers and `eval "$(services/postgres.sh env)"`'
            )
        database = os.environ.get("PGDATABASE", "advisor_demo")
        values[_DSN] = (
            f"host={host} port={port} dbname={database} user=rs_reader password=rs-reader-7c41"
        )
    if "opensearch" in needs:
        url = os.environ.get("OPENSEARCH_URL", "")
        parts = urlsplit(url)
        if not url or not parts.hostname or not _reachable(parts.hostname, parts.port or 9200):
            raise Unavailable(
                "OpenSearch is not reachable: start the demo servers and "
                '`eval "$(services/opensearch.sh env)"`'
            )
        values["$OPENSEARCH_URL"] = url
    return values


def _chunks(text: str) -> list[str]:
    """Output split at blank lines: one finding (with its frame and fix) a chunk."""
    return [c for c in re.split(r"\n\s*\n", text.strip("\n")) if c.strip()]


def _cut(sample: Sample, output: str) -> tuple[str, list[str]]:
    """The findings the sample keeps (and the summary line), and the rules of those left out."""
    if not sample.keep:
        return output.strip("\n"), []
    kept: list[str] = []
    left: list[str] = []
    for chunk in _chunks(output):
        first = chunk.splitlines()[0]
        if _SUMMARY.match(first):
            kept.append(chunk)
            continue
        finding = _FINDING.match(first)
        if any(re.search(p, first) for p in sample.keep):
            kept.append(chunk)
        elif finding:
            left.append(finding["rule"])
    return "\n\n".join(kept), left


def run(name: str, sample: Sample) -> str:
    """The sample's Markdown: its fenced block and, when findings were cut, a note."""
    values = _environment(sample.needs)
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("FORCE_COLOR", None)
    parts: list[str] = []
    left: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        cwd = ROOT
        if sample.files:
            cwd = Path(scratch)
            for rel, content in sample.files.items():
                (cwd / rel).write_text(content, encoding="utf-8")
        for step in sample.steps:
            args = [values.get(a, a) for a in step.args]
            done = subprocess.run(
                [sys.executable, "-m", "advisor", *args],
                cwd=cwd,
                env={**env, "PYTHONPATH": str(ROOT)},
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                check=False,
            )
            if done.returncode > 1:
                raise CommandFailed(
                    f"sample {name}: `{step.shown}` exited {done.returncode}:\n{done.stderr}"
                )
            output = done.stdout + (done.stderr if step.stderr else "")
            text, cut = _cut(sample, output)
            left += cut
            if sample.prompt:
                parts.append(f"$ {step.shown}")
            if text:
                parts.append(text)
    body = "\n".join(parts)
    if sample.lines:
        body = "\n".join(line for line in body.splitlines() if re.search(sample.lines, line))
    out = f"```{sample.lang}\n{body}\n```\n"
    if left:
        out += f"\n({_left_out(left)} left out above for length.)\n"
    return out


def _left_out(rules: list[str]) -> str:
    counted: dict[str, int] = {}
    for rule in rules:
        counted[rule] = counted.get(rule, 0) + 1
    more = len(rules)
    plural = more != 1
    if len(counted) > LIST_RULES:
        return f"{more} more findings of {len(counted)} rules are"
    names = [f"{r} ({n})" if n > 1 else r for r, n in counted.items()]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{more} more finding{'s' if plural else ''}, {listed}, {'are' if plural else 'is'}"


def _pattern(text: str, volatile: Sequence[str]) -> re.Pattern[str]:
    """`text` as a regex in which each volatile part matches any value of its shape."""
    if not volatile:
        return re.compile(re.escape(text))
    joined = "|".join(f"(?:{v})" for v in volatile)
    pieces: list[str] = []
    last = 0
    for match in re.finditer(joined, text):
        pieces.append(re.escape(text[last : match.start()]))
        pieces.append(f"(?:{joined})")
        last = match.end()
    pieces.append(re.escape(text[last:]))
    return re.compile("".join(pieces))


TUI_SVG = ROOT / "docs" / "tui.svg"
TUI = "tui-svg"  # the README's screenshot of the TUI, drawn by benchmarks/tui.py


def tui_svg(check: bool) -> bool:
    """Draw docs/tui.svg afresh; True when the file on disk is (now) what the app draws. The
    drawing waits for the detail pane to settle, so it does not depend on the machine's load."""
    current = TUI_SVG.read_bytes() if TUI_SVG.is_file() else None
    fresh = _draw_tui()
    if fresh == current:
        return True
    if not check:
        TUI_SVG.write_bytes(fresh)
    return False


def _draw_tui() -> bytes:
    with tempfile.TemporaryDirectory() as scratch:
        drawn = Path(scratch) / "tui.svg"
        subprocess.run(
            [sys.executable, "benchmarks/tui.py", "--screenshot", str(drawn)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            check=True,
            timeout=TIMEOUT,
        )
        return drawn.read_bytes()


def _samples(n: int) -> str:
    return f"{n} sample" + ("" if n == 1 else "s")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--only", action="append", default=[], metavar="NAME")
    parser.add_argument(
        "--offline",
        action="store_true",
        help="only the samples that need no server (the gate's step; the server-backed tests "
        "check the others after loading the demo data)",
    )
    parser.add_argument("--readme", type=Path, default=README)
    args = parser.parse_args(argv)
    unknown = sorted(set(args.only) - set(SAMPLES) - {TUI})
    if unknown:
        names = ", ".join([*SAMPLES, TUI])
        parser.error(f"unknown sample {', '.join(unknown)}; samples: {names}")
    text = args.readme.read_text(encoding="utf-8")
    found = {m["name"] for m in _REGION.finditer(text)}
    missing = sorted(set(SAMPLES) - found)
    strays = sorted(found - set(SAMPLES))
    if missing or strays:
        print(
            f"readme_samples: {args.readme.name}: "
            + "; ".join(
                ([f"no region for {', '.join(missing)}"] if missing else [])
                + ([f"unknown sample {', '.join(strays)}"] if strays else [])
            ),
            file=sys.stderr,
        )
        return 2
    stale: list[str] = []
    skipped: list[str] = []
    broken: list[str] = []  # samples whose command failed or whose server is required but down
    deferred: list[str] = []  # samples that need a server, left to the server-backed tests

    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        sample = SAMPLES[name]
        if args.only and name not in args.only:
            return match[0]
        if args.offline and sample.needs:
            deferred.append(name)
            return match[0]
        fresh = ""
        failed = ""
        for attempt in range(1 + (RETRIES if sample.needs else 0)):
            if attempt:
                time.sleep(RETRY_PAUSE)
            try:
                fresh, failed = run(name, sample), ""
            except Unavailable as exc:
                if os.environ.get(REQUIRE):
                    print(f"readme_samples: {name}: {exc} (and {REQUIRE} is set)", file=sys.stderr)
                    broken.append(name)
                else:
                    skipped.append(f"{name}: {exc}")
                return match[0]
            except CommandFailed as exc:
                failed = str(exc)
                continue
            if _pattern(fresh, sample.volatile).fullmatch(match["body"]):
                return match[0]
        if failed:
            print(f"readme_samples: {failed}", file=sys.stderr)
            broken.append(name)
            return match[0]
        stale.append(name)
        if args.check:
            diff = difflib.unified_diff(
                match["body"].splitlines(),
                fresh.splitlines(),
                f"README.md ({name})",
                f"{name}, as the commands print it now",
                lineterm="",
            )
            print("\n".join(diff), file=sys.stderr)
        return match["open"] + fresh + match["close"]

    new = _REGION.sub(replace, text)
    drawing = TUI in args.only or not args.only
    if drawing and not tui_svg(args.check):
        stale.append(f"{TUI} (docs/tui.svg)")
        if args.check:
            print("readme_samples: docs/tui.svg is not what the TUI draws now", file=sys.stderr)
    for line in skipped:
        print(f"readme_samples: skipped {line}", file=sys.stderr)
    if deferred:
        print(
            f"readme_samples: not run here (they need the demo servers and data): "
            f"{', '.join(deferred)}; tests/redshift/test_readme_samples.py and "
            "tests/opensearch/test_readme_samples.py check them",
            file=sys.stderr,
        )
    if broken:
        print(f"readme_samples: could not run {', '.join(broken)}", file=sys.stderr)
        return 1
    if args.check:
        if stale:
            print(
                f"readme_samples: {_samples(len(stale))} out of date: {', '.join(stale)}; "
                "run `python scripts/readme_samples.py`",
                file=sys.stderr,
            )
            return 1
        chosen = [n for n in [*SAMPLES, TUI] if not args.only or n in args.only]
        print(f"readme_samples: {_samples(len(chosen) - len(skipped) - len(deferred))} current")
        return 0
    if new != text:
        args.readme.write_text(new, encoding="utf-8")
    print(f"readme_samples: {_samples(len(stale))} rewritten, {len(skipped)} skipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

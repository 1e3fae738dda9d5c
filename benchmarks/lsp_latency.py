"""Diagnostics latency of `advisor server` for a 2,000-line SQL file after a change.

    python benchmarks/lsp_latency.py [--lines 2000] [--rounds 10]

Starts the real server process, opens a generated file of about `--lines` lines (a mix of
DDL, reports with planted problems and loads), then changes one line per round and times
from sending `didChange` to receiving the diagnostics of that version. The time includes the
server's debounce (`advisor.lsp.server.DEBOUNCE`), which is printed too.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import BaseLanguageClient  # type: ignore[attr-defined]

from advisor.lsp.server import DEBOUNCE


def workload(lines: int, every: int = 1) -> str:
    """About `lines` lines of SQL; one report in `every` carries the planted problems."""
    out = [
        "CREATE TABLE sales.orders (order_id BIGINT, customer_id BIGINT, status VARCHAR(16),",
        "  total DECIMAL(12,2), order_date DATE) DISTKEY (customer_id) SORTKEY (order_date);",
    ]
    i = 0
    while len(out) < lines:
        out += [
            f"-- report {i}",
            "SELECT o.order_id, o.total",
            "FROM sales.orders AS o",
            f"WHERE o.status {'LIKE' if i % every == 0 else '='} 'OK'"
            f" AND o.order_date >= '2024-01-{1 + i % 28:02d}'",
            "ORDER BY o.order_date;",
            "SELECT * FROM sales.orders;" if i % (5 * every) == 0 else "SELECT 1;",
        ]
        i += 1
    return "\n".join(out[:lines]) + "\n"


async def measure(lines: int, rounds: int, every: int) -> list[float]:
    text = workload(lines, every)
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "big.sql"
        doc.write_text(text, encoding="utf-8")
        uri = doc.as_uri()
        client = BaseLanguageClient("bench", "1")
        arrived: asyncio.Queue[tuple[float, types.PublishDiagnosticsParams]] = asyncio.Queue()

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            arrived.put_nowait((time.perf_counter(), params))

        await client.start_io(sys.executable, "-m", "advisor", "server")
        await client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(), root_uri=Path(tmp).as_uri()
            )
        )
        client.initialized(types.InitializedParams())
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "sql", 1, text))
        )
        _, first = await arrived.get()
        print(f"{len(text.splitlines())} lines, {len(first.diagnostics)} diagnostics on open")
        times = []
        for version in range(2, rounds + 2):
            changed = text.replace("-- report 7\n", f"-- report 7 (edit {version})\n", 1)
            sent = time.perf_counter()
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    [types.TextDocumentContentChangeWholeDocument(text=changed)],
                )
            )
            while True:
                at, params = await arrived.get()
                if params.version == version:
                    break
            times.append(at - sent)
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()  # type: ignore[no-untyped-call]
        return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    print(f"debounce {DEBOUNCE * 1000:.0f} ms (included below)")
    # Dense: every report of the file is flagged (hundreds of findings, each with a fix to
    # build); sparse: one report in ten, closer to a real file.
    for label, every in (("dense", 1), ("sparse", 10)):
        times = asyncio.run(measure(args.lines, args.rounds, every))
        ms = sorted(t * 1000 for t in times)
        print(
            f"{label}: change -> diagnostics: median {statistics.median(ms):.0f} ms, "
            f"min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms over {len(ms)} changes"
        )


if __name__ == "__main__":
    main()

"""A client-side deadline for a whole live read, whatever the server does.

Socket and statement timeouts bound each step, but not a server that trickles its answer a
byte at a time, a backend frozen mid-answer, or a proxy that stops forwarding: those keep a
read waiting for ever. `within` runs the read in a worker thread and waits for it at most
`seconds`; when the deadline passes it calls `interrupt` (psycopg's cancel, closing a client),
gives the read a moment to stop, and then returns to the caller regardless: the worker is a
daemon thread, and anything it still holds is dropped with it. With a `Heartbeat` (beaten as
each request or statement starts and ends) it also stops a read whose one request has waited
longer than its own timeout allows, so `--os-timeout` and `--statement-timeout` hold on the
client side too, well before the overall deadline.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

GRACE = 1.0  # seconds a read gets to stop after the interrupt
POLL = 0.1  # seconds between two looks of the watchdog


class DeadlineExceeded(Exception):
    """The read did not end within its deadline."""

    def __init__(self, seconds: float, what: str = "") -> None:
        super().__init__(what or f"no answer within the deadline ({round(seconds, 1):g} s)")
        self.seconds = seconds


class Heartbeat:
    """Counts the requests (statements) a read starts and ends, so that a watchdog can tell
    one that has been waiting longer than its own timeout from a read that is moving."""

    def __init__(self) -> None:
        self.count = 0

    def beat(self) -> None:
        self.count += 1


def within(
    seconds: float,
    work: Callable[[], T],
    interrupt: Callable[[], None],
    *,
    heartbeat: Heartbeat | None = None,
    stall: float | None = None,
    stalled: str = "",
) -> T:
    """`work()`'s result (or its exception), or DeadlineExceeded once `seconds` have passed,
    or once `heartbeat` has not moved for `stall` seconds (one request waited past its own
    timeout: the `stalled` message says so)."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as err:  # handed to the caller's thread below
            outcome["error"] = err

    worker = threading.Thread(target=run, name="advisor-live-read", daemon=True)
    worker.start()
    ends = time.monotonic() + seconds
    seen, since = (heartbeat.count if heartbeat else 0), time.monotonic()
    reason: DeadlineExceeded | None = None
    while worker.is_alive():
        now = time.monotonic()
        if now >= ends:
            reason = DeadlineExceeded(seconds)
            break
        if heartbeat is not None and stall is not None:
            if heartbeat.count != seen:
                seen, since = heartbeat.count, now
            elif now - since > stall:
                reason = DeadlineExceeded(seconds, stalled)
                break
        worker.join(min(POLL, ends - now))
    if reason is not None and worker.is_alive():
        with contextlib.suppress(Exception):  # best effort: the deadline holds without it
            interrupt()
        # Whether the read stops on the interrupt (a cancelled query) or not, it is over.
        worker.join(GRACE)
        raise reason
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]

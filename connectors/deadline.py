"""A client-side deadline for a whole live read, whatever the server does.

Socket and statement timeouts bound each step, but not a server that trickles its answer a
byte at a time, a backend frozen mid-answer, or a proxy that stops forwarding: those keep a
read waiting for ever. `within` runs the read in a worker thread and waits for it at most
`seconds`; when the deadline passes it calls `interrupt` (psycopg's cancel, closing a client),
gives the read a moment to stop, and then returns to the caller regardless: the worker is a
daemon thread, and anything it still holds is dropped with it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

GRACE = 1.0  # seconds a read gets to stop after the interrupt


class DeadlineExceeded(Exception):
    """The read did not end within its deadline."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no answer within the deadline ({round(seconds, 1):g} s)")
        self.seconds = seconds


def within(seconds: float, work: Callable[[], T], interrupt: Callable[[], None]) -> T:
    """`work()`'s result (or its exception), or DeadlineExceeded once `seconds` have passed."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as err:  # handed to the caller's thread below
            outcome["error"] = err

    worker = threading.Thread(target=run, name="advisor-live-read", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        with contextlib.suppress(Exception):  # best effort: the deadline holds without it
            interrupt()
        # Whether the read stops on the interrupt (a cancelled query) or not, it is over.
        worker.join(GRACE)
        raise DeadlineExceeded(seconds)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]

"""What the tests against real servers share: loading a `services/` script as a module, and
the rule that an unreachable server skips its tests unless ADVISOR_REQUIRE_SERVICES is set (as
in CI), where it fails them, so that a broken service never passes as skipped tests."""

from __future__ import annotations

import importlib.util
import os
import socket
from pathlib import Path
from typing import Any, NoReturn

import pytest

ROOT = Path(__file__).resolve().parents[1]
REQUIRE = "ADVISOR_REQUIRE_SERVICES"


def service_module(name: str) -> Any:
    """`services/<name>.py` imported as a module (the services folder is not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "services" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module: Any = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def unavailable(reason: str, start: str) -> NoReturn:
    """Skip, or fail when services are required; `start` is the command that starts it."""
    if os.environ.get(REQUIRE):
        pytest.fail(f"{reason} (and {REQUIRE} is set)")
    pytest.skip(f"{reason}; start it with `{start}`")


def free_port() -> int:
    """A local TCP port nothing listens on (for a server that cannot be reached)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])

"""scripts/readme_samples.py loaded as a module, for the tests of the README's samples."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


@cache
def readme_samples() -> Any:
    spec = importlib.util.spec_from_file_location(
        "readme_samples", ROOT / "scripts" / "readme_samples.py"
    )
    assert spec is not None and spec.loader is not None
    module: Any = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module

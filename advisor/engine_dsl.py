"""OpenSearch request files: recognising them and running the DSL rules over them.

Placeholder until the DSL reader lands: no file is recognised as a request file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from advisor.config import Config
from advisor.model import Finding, Rule


@dataclass(slots=True)
class DslResult:
    findings: list[Finding] = field(default_factory=list)
    requests: int = 0


def has_dsl_suffix(name: str) -> bool:
    return False


def is_dsl_file(path: Path) -> bool:
    return False


def lint_dsl_files(paths: Sequence[Path], config: Config, rules: Sequence[Rule]) -> DslResult:
    return DslResult()

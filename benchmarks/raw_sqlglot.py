"""The floor: parse the same files with sqlglot's stock Redshift dialect and nothing else."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import sqlglot
from sqlglot.errors import ErrorLevel, SqlglotError


def main(paths: list[str]) -> None:
    logging.getLogger("sqlglot").setLevel(logging.ERROR)
    for name in paths:
        root = Path(name)
        for file in sorted(root.rglob("*.sql")) if root.is_dir() else [root]:
            text = file.read_text(encoding="utf-8", errors="replace")
            try:
                sqlglot.parse(text, read="redshift", error_level=ErrorLevel.IGNORE)
            except (SqlglotError, RecursionError):
                continue


if __name__ == "__main__":
    main(sys.argv[1:])

"""File text for the detail pane's code frame and for exports, read once per path."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from advisor.model import Finding, SourceText

MAX_FILE_BYTES = 10 * 1024 * 1024


class SourceCache:
    """Reads the files findings point at, relative to `root`; unreadable files are None, and
    so are files outside `root` and the `also` paths (the ones the user named)."""

    def __init__(self, root: Path | None = None, also: Sequence[Path] = ()) -> None:
        self.root = root or Path.cwd()
        self.allowed = [self.root, *also]
        self._texts: dict[str, SourceText | None] = {}

    def get(self, path: str) -> SourceText | None:
        if path not in self._texts:
            self._texts[path] = self._read(path)
        return self._texts[path]

    def _read(self, path: str) -> SourceText | None:
        """A regular file under the root, or None: a path named by a snapshot's finding is
        never read from elsewhere."""
        file = Path(path)
        if not file.is_absolute():
            file = self.root / file
        try:
            real = file.resolve()
            if not any(real.is_relative_to(r.resolve()) for r in self.allowed):
                return None
            if not real.is_file():
                return None
            if real.stat().st_size > MAX_FILE_BYTES:
                return None
            return SourceText.of(path, real.read_text(encoding="utf-8", errors="replace"))
        except (OSError, RuntimeError, ValueError):
            return None

    def for_findings(self, findings: Iterable[Finding]) -> dict[str, SourceText]:
        out: dict[str, SourceText] = {}
        for finding in findings:
            if finding.location and finding.location.path not in out:
                text = self.get(finding.location.path)
                if text is not None:
                    out[finding.location.path] = text
        return out

    def clear(self) -> None:
        self._texts.clear()

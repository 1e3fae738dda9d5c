"""The one error the templater raises (kept apart so that catching it imports no jinja2)."""

from __future__ import annotations


class TemplateProblem(Exception):
    """A template that cannot be rendered; `offset` is where in the source, when known."""

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset

"""The export dialog: choose a report format and a file; returns the choice or None."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

# File extension of each report format, for the default file name.
EXTENSIONS: dict[str, str] = {
    "text": "txt",
    "json": "json",
    "sarif": "sarif",
    "junit": "xml",
    "github": "txt",
    "gitlab": "json",
    "markdown": "md",
    "html": "html",
}
DEFAULT_STEM = "advisor-report"


def default_path(fmt: str) -> str:
    return f"{DEFAULT_STEM}.{EXTENSIONS.get(fmt, fmt)}"


class ExportScreen(ModalScreen[tuple[str, str] | None]):
    """Dismisses with (format, path) on Export or Enter, None on Cancel or Escape."""

    CSS_PATH = "export.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, formats: Sequence[str], shown: int, initial: str = "json") -> None:
        super().__init__()
        self.formats = tuple(formats)
        self.shown = shown
        self.initial = initial if initial in self.formats else self.formats[0]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(f"Export the {self.shown} findings shown", id="export-title")
            yield Select(
                [(fmt, fmt) for fmt in self.formats],
                value=self.initial,
                allow_blank=False,
                id="export-format",
            )
            yield Input(value=default_path(self.initial), id="export-path")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#export-path", Input)
        stem_only = path.value in {default_path(fmt) for fmt in self.formats}
        if stem_only and isinstance(event.value, str):
            # Follow the format only while the user has not typed a name of their own.
            path.value = default_path(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-ok":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _submit(self) -> None:
        fmt = self.query_one("#export-format", Select).value
        path = self.query_one("#export-path", Input).value.strip()
        if not isinstance(fmt, str) or not path:
            self.notify("Choose a format and a file name.", severity="warning")
            return
        self.dismiss((fmt, path))

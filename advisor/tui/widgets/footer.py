"""The footer of every view: the keys of the view, with help (`?`) and quit (`q`) first.

Textual's footer lists the focused widget's keys, then the screen's, then the app's, and cuts
what does not fit; on an 80-column terminal that cut the two keys a newcomer needs most.

It is one line of text drawn from the screen's active bindings, not a widget per key: Textual's
footer mounts a widget for every key each time the bindings change (a focus move, a new
screen), which cost the first paint a tenth of its time. A click on a key presses it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

# Actions whose keys are always shown, in this order, before the view's own keys.
PINNED = ("toggle_help", "quit")


class AdvisorFooter(Widget):
    """The active bindings that are shown, `?` and `q` first, the palette key on the right."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "advisor-footer--key",
        "advisor-footer--description",
        "advisor-footer--disabled",
    }
    DEFAULT_CSS = """
    AdvisorFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    AdvisorFooter > .advisor-footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    AdvisorFooter > .advisor-footer--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    AdvisorFooter > .advisor-footer--disabled {
        text-style: dim;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        # (key, key shown, description, enabled) per key, in the order shown.
        self.keys: list[tuple[str, str, str, bool]] = []
        self.palette: tuple[str, str, str, bool] | None = None
        # Where each key is drawn: (first column, column after it, key), for clicks.
        self._spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        keys = self._shown(screen)
        if keys != (self.keys, self.palette):
            self.keys, self.palette = keys
            self.refresh()

    def _shown(
        self, screen: Screen[object]
    ) -> tuple[list[tuple[str, str, str, bool]], tuple[str, str, str, bool] | None]:
        app = self.app
        active = screen.active_bindings
        first: dict[str, tuple[Binding, bool]] = {}
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show:
                # One entry per action, as Textual's footer shows (its first key).
                first.setdefault(binding.action, (binding, enabled))
        rank = {action: n for n, action in enumerate(PINNED)}
        # sorted() is stable: the other keys keep Textual's order.
        ordered = sorted(
            first.values(), key=lambda b: rank.get(b[0].action.rsplit(".", 1)[-1], len(PINNED))
        )
        keys = [(b.key, app.get_key_display(b), b.description, enabled) for b, enabled in ordered]
        palette = None
        entry = active.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
        if entry is not None:
            _node, binding, enabled, _tooltip = entry
            palette = (binding.key, app.get_key_display(binding), binding.description, enabled)
        return keys, palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("advisor-footer--key")
        text_style = self.get_component_rich_style("advisor-footer--description")
        dim = self.get_component_rich_style("advisor-footer--disabled")
        width = self.size.width
        palette = self._entry(self.palette) if self.palette else ""
        # The palette key on the right, after a bar, when the keys leave room for it.
        room = width - (cell_len(palette) + 1 if palette else 0)
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for key, shown, description, enabled in self.keys:
            entry = self._entry((key, shown, description, enabled))
            start = line.cell_len
            if start + cell_len(entry) > room:
                break
            off = dim if not enabled else None
            line.append(shown, key_style + off if off else key_style)
            line.append(f" {description}", text_style + off if off else text_style)
            line.append(" ")
            self._spans.append((start, line.cell_len, key))
        if palette and self.palette is not None:
            line.pad_right(max(0, room - line.cell_len))
            start = line.cell_len
            key, shown, description, _enabled = self.palette
            line.append("▏", text_style)
            line.append(shown, key_style)
            line.append(f" {description}", text_style)
            self._spans.append((start, line.cell_len, key))
        return line

    @staticmethod
    def _entry(key: tuple[str, str, str, bool]) -> str:
        return f"{key[1]} {key[2]} "

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return

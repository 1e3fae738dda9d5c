"""The footer of every view: the keys of the view, with help (`?`) and quit (`q`) first.

Textual's footer lists the focused widget's keys, then the screen's, then the app's, and cuts
what does not fit; on an 80-column terminal that cut the two keys a newcomer needs most.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# Actions whose keys are always shown, in this order, before the view's own keys.
PINNED = ("toggle_help", "quit")


class AdvisorFooter(Footer):
    """A compact footer that starts with `?` and `q`."""

    # Compact mode drops the palette key's right padding, letting a cut key show through.
    DEFAULT_CSS = """
    AdvisorFooter.-compact FooterKey.-command-palette {
        padding-right: 1;
    }
    """

    def __init__(self) -> None:
        super().__init__(compact=True)

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        rank = {action: n for n, action in enumerate(PINNED)}

        def order(widget: object) -> int:
            if isinstance(widget, FooterKey):
                return rank.get(widget.action.rsplit(".", 1)[-1], len(PINNED))
            return len(PINNED)

        # sorted() is stable: the other keys keep Textual's order.
        yield from sorted(widgets, key=order)

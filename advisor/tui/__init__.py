"""The Textual app of `advisor tui`: the only package that imports Textual.

It renders the model (Report, Finding, RuleMeta) and nothing rule-specific, so every new kind of
finding shows up here without changes. `view` holds the table's state as plain data so it can be
tested and timed without a terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advisor.tui.app import AdvisorApp


def app_class() -> type[AdvisorApp]:
    """The app's class, imported with the garbage collector paused: Textual's import makes
    some hundred thousand objects that live as long as the process, and the collections that
    their making set off (a tenth of the import's time) find nothing to free."""
    import gc

    collecting = gc.isenabled()
    gc.disable()
    try:
        from advisor.tui.app import AdvisorApp
    finally:
        if collecting:
            gc.enable()
    return AdvisorApp

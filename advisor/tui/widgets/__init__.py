"""Widgets of the advisor TUI, each with its `.tcss` beside it."""

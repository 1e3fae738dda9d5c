"""Screens of the advisor TUI, each with its `.tcss` beside it."""

"""The Textual app of `advisor tui`: the only package that imports Textual.

It renders the model (Report, Finding, RuleMeta) and nothing rule-specific, so every new kind of
finding shows up here without changes. `view` holds the table's state as plain data so it can be
tested and timed without a terminal.
"""

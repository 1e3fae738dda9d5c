"""Text from files, catalogs and servers made safe to show to a person.

File names, SQL, mappings and server answers are other people's text. Written raw to a
terminal, an ESC sequence can clear the screen or rewrite what was printed, a newline in a
file name can forge a finding line, and a BiDi override can make code read differently from
what it is. `printable` shows every such character as visible text, as Ruff and git do: C0
controls and DEL in caret notation (`\\x1b` is `^[`, a carriage return `^M`), C1 controls and
the BiDi embedding, override and isolate characters as `\\u202e`. Tab and newline are kept
only where the caller says they are legitimate (a fix's SQL keeps its lines; a path never
does). `bounded` caps a message that repeats what a server said. Imports nothing of the
project, so every output (reports, CLI messages, the TUI) uses the same rule.
"""

from __future__ import annotations

import functools

BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
MESSAGE_LIMIT = 300


def _caret(code: int) -> str:
    return "^?" if code == 0x7F else "^" + chr(code + 0x40)


def _table(*, newlines: bool, tabs: bool) -> dict[int, str]:
    table = {code: _caret(code) for code in (*range(0x20), 0x7F)}
    table.update({code: f"\\u{code:04x}" for code in (*range(0x80, 0xA0), *BIDI)})
    # U+2028/U+2029 end a line for some viewers, which is how a forged line would start; a
    # lone surrogate cannot be written out at all.
    table.update({0x2028: "\\u2028", 0x2029: "\\u2029"})
    table.update({code: f"\\u{code:04x}" for code in range(0xD800, 0xE000)})
    if newlines:
        del table[0x0A]
    if tabs:
        del table[0x09]
    return table


# Built on first use: most runs print nothing a table has to change, and building the three
# costs a small run's start-up more than everything it prints.
_table_for = functools.cache(_table)
_SPECIALS = frozenset(
    chr(c)
    for c in (*range(0x20), *range(0x7F, 0xA0), *BIDI, 0x2028, 0x2029, *range(0xD800, 0xE000))
)


def printable(text: str, *, newlines: bool = False, tabs: bool = True) -> str:
    """`text` with every control and BiDi character shown as visible text; `newlines` keeps
    line feeds (a fix's SQL, a code block), `tabs` keeps tabs."""
    if text.isprintable() or _SPECIALS.isdisjoint(text):  # the common case costs one scan
        return text
    if not tabs:
        return text.translate(_table_for(newlines=False, tabs=False))
    return text.translate(_table_for(newlines=newlines, tabs=True))


def is_plain(text: str) -> bool:
    """Whether `text` has no character that `printable` would replace (one scan).

    Every character `printable` replaces is one `str.isprintable` rejects (controls, BiDi
    format characters, line and paragraph separators, surrogates), so its C scan answers the
    common case; only text it rejects (a tab, a non-breaking space...) is looked at again."""
    return text.isprintable() or _SPECIALS.isdisjoint(text)


def bounded(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """One printable line of at most `limit` characters (and a note of what was cut), for
    messages that repeat what a server or a file said."""
    line = printable(" ".join(text.split()) if "\n" in text else text)
    if len(line) <= limit:
        return line
    return f"{line[:limit]}… ({len(line) - limit} more characters)"

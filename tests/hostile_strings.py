"""One set of hostile strings for every output test: terminal control, line forging, BiDi
tricks, markup and the escapes of each report format.

`HOSTILE` maps a name to the string; `CONTROLS` holds the characters that must never reach a
human-readable output raw (a terminal would obey them); `FORGED` is the text that a newline in
a file name or message would try to put at the start of a line of its own.
"""

from __future__ import annotations

FORGED = "forged.sql:1:1: RS-Q01 [high] forged finding"

HOSTILE: dict[str, str] = {
    "clear-screen": "\x1b[2J\x1b[H",
    "colour": "\x1b[31mred\x1b[0m",
    "window-title": "\x1b]0;pwned\x07",
    "hyperlink": "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "c1-csi": "\x9b31m",
    "newline-forge": f"ok\n{FORGED}",
    "carriage-return": f"ok\r{FORGED}",
    "line-separator": f"ok\u2028{FORGED}",
    "nul-and-del": "a\x00b\x7fc",
    "backspace": "abc\x08\x08\x08xyz",
    "bidi-override": "txt.\u202eexe",
    "bidi-isolate": "\u2066admin\u2069",
    "html": "<script>alert(1)</script>",
    "attribute": '" onmouseover="alert(1)" \'',
    "cdata": "]]><x/>",
    "backticks": "``` `code` ```",
    "table-pipe": "a | b |",
    "textual-markup": "[bold red]markup[/] [link=http://evil.example]x[/link]",
    "github-command": "::error file=x::forged",
    "percent": "100%0A%25",
}

# C0 (tab and newline are checked by each test where they are legitimate), DEL, C1, the BiDi
# embedding, override and isolate characters, and the Unicode line and paragraph separators.
CONTROLS = frozenset(
    chr(c)
    for c in (
        *range(0x20),
        0x7F,
        *range(0x80, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        0x2028,
        0x2029,
    )
)


def raw_controls(text: str, allowed: str = "\n") -> set[str]:
    """The control characters of `text` other than `allowed`, as escapes for messages."""
    return {repr(c) for c in text if c in CONTROLS and c not in allowed}

"""Driver placeholders and psql script syntax, rewritten in place so that they parse.

sqlglot already reads psycopg's `%(name)s` and `%s`, `:name`, `$1` and `?` as parameters. What it
cannot read are psql's own forms: meta-command lines (`\\set`, `\\i`, `\\echo`, `\\timing`, any
backslash command up to the end of its line), `:'var'` (a quoted literal), `:"var"` (a quoted
identifier) and a variable that stands where a statement begins (AWS's benchmark queries open
with a `:EXPLAIN` line that psql expands to `explain` or to nothing). Each is replaced by text
of the same length: a meta-command (a backslash command at the start of a line) by blanks, and
one that sends the query (`\\g`, `\\gset`, `\\gx`, `\\gexec`, `\\crosstabview`, `\\watch`, also
after the query on its line) by a semicolon; `:'var'` by the literal `'var'`, `:"var"` by the
identifier `"var"`, and a leading variable by blanks. Offsets do not move, so every line and
column stays the file's.

Nothing inside string literals, comments, `::` casts or dollar-quoted bodies is touched. A file
with none of these characters is returned as it is after a few substring tests.
"""

from __future__ import annotations

import re

# A psql variable at the start of a line (quoted variables and backslashes are found with `in`).
_LEADING_VAR = re.compile(r"(?:^|[\r\n])[ \t]*:[A-Za-z_]")
_NEXT = re.compile(
    r"--|/\*|:'|:\"|:[A-Za-z_][A-Za-z_0-9]*|%\([A-Za-z_][A-Za-z_0-9]*\)s|%s|'|\"|"
    r"\$(?:[A-Za-z_][A-Za-z_0-9]*)?\$|\\|;"
)
_BLOCK = re.compile(r"/\*|\*/")
_IDENT_CHAR = re.compile(r"[A-Za-z0-9_$]")
_VAR_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
# psql meta-commands that send the query buffer, as `;` does.
_SENDS = re.compile(r"\\(?:g(?:set|x|exec|desc)?|crosstabview|watch)\b")


def needs_rewrite(text: str, *, numbered: bool = False) -> bool:
    """Whether the text may hold psql syntax; False is certain, True means "scan it"."""
    if "\\" in text or ":'" in text or ':"' in text:
        return True
    if numbered and ("%s" in text or "%(" in text or ":" in text):
        return True
    return ":" in text and _LEADING_VAR.search(text) is not None


def rewrite(text: str, *, numbered: bool = False) -> str:
    """The text with psql syntax replaced by same-length SQL (see the module docstring).

    `numbered` is for PostgreSQL's own parser, which reads only `$1` parameters: `:name`,
    `%(name)s` and `%s` become `$1` and blanks.
    """
    if not needs_rewrite(text, numbered=numbered):
        return text
    out = list(text)
    pos = 0
    length = len(text)
    at_start = True  # nothing but blanks and comments since the last statement ended
    while pos < length:
        m = _NEXT.search(text, pos)
        if m is None:
            break
        if text[pos : m.start()].strip():
            at_start = False
        token = m.group()
        start = m.start()
        if token == ";":
            at_start = True
            pos = m.end()
        elif token == "--":
            pos = _end_of_line(text, m.end())
        elif token == "/*":
            pos = _skip_block_comment(text, m.end())
        elif token in ("'", '"'):
            pos = _skip_quoted(text, m.end(), token)
            at_start = False
        elif token.startswith("$"):
            if start > 0 and _IDENT_CHAR.match(text, start - 1):
                pos = start + 1
            else:
                close_at = text.find(token, m.end())
                pos = length if close_at < 0 else close_at + len(token)
            at_start = False
        elif token == "\\":
            pos, sent = _meta_command(text, out, start)
            at_start = at_start or sent
        elif start > 0 and text[start - 1] == ":":
            # The second colon of a `::` cast: `x::int` is no variable.
            pos = start + 1
        elif token in (":'", ':"'):
            pos = _quoted_variable(text, out, start, m.end())
            at_start = False
        elif token.startswith("%"):
            if numbered:
                _number(out, start, m.end())
            at_start = False
            pos = m.end()
        else:  # :name
            if at_start:
                _blank(out, start, m.end())
            elif numbered:
                _number(out, start, m.end())
            pos = m.end()
    return "".join(out)


def _blank(out: list[str], lo: int, hi: int) -> None:
    for i in range(lo, hi):
        if out[i] not in "\r\n":
            out[i] = " "


def _meta_command(text: str, out: list[str], start: int) -> tuple[int, bool]:
    r"""At a backslash: where scanning goes on, and whether a psql meta-command there sent the
    query (`\g`, which becomes `;`). A meta-command is blanked to the end of its line."""
    line_start = _start_of_line(text, start)
    sends = _SENDS.match(text, start) is not None
    if text[line_start:start].strip() and not (sends and text[start - 1] in " \t"):
        # Not a meta-command: psql reads those at the start of a line, or `\g` after
        # a query. (A backslash that closes a string would end up here, too.)
        return start + 1, False
    eol = _end_of_line(text, start)
    _blank(out, start, eol)
    if sends:
        out[start] = ";"
    return eol, sends


def _quoted_variable(text: str, out: list[str], start: int, end: int) -> int:
    """At `:'` or `:"` (ending at `end`): a quoted variable becomes the same characters, one
    left; where scanning goes on."""
    quote = text[start + 1]
    name = _VAR_NAME.match(text, end)
    close = name.end() if name else -1
    if name and close < len(text) and text[close] == quote:
        # `:'var'` -> `'var' `, `:"var"` -> `"var" `: the same characters, one left.
        out[start : close + 1] = [*text[start + 1 : close + 1], " "]
        return close + 1
    return end


def _number(out: list[str], start: int, end: int) -> None:
    out[start : start + 2] = ["$", "1"]
    for i in range(start + 2, end):
        out[i] = " "


def _start_of_line(text: str, pos: int) -> int:
    return max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1


def _end_of_line(text: str, pos: int) -> int:
    ends = [e for e in (text.find("\n", pos), text.find("\r", pos)) if e >= 0]
    return min(ends) if ends else len(text)


def _skip_block_comment(text: str, pos: int) -> int:
    depth = 1
    for m in _BLOCK.finditer(text, pos):
        depth += 1 if m.group() == "/*" else -1
        if depth == 0:
            return m.end()
    return len(text)


def _skip_quoted(text: str, pos: int, quote: str) -> int:
    i = pos
    length = len(text)
    while i < length:
        ch = text[i]
        if ch == "\\" and quote == "'":
            i += 2
            continue
        if ch == quote:
            if i + 1 < length and text[i + 1] == quote:
                i += 2
                continue
            return i + 1
        i += 1
    return length

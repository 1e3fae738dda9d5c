"""Credentials kept out of every message: one masking function for DSNs, URLs and driver text.

A connection string can reach a message in many ways: our own text, psycopg's (an invalid
percent-escape is quoted back whole), opensearch-py's and urllib3's (which name the URL they
tried). `redact` masks the password of every URL (`scheme://user:***@host`), every libpq
`password=...` keyword, and each secret it is given wherever it appears, so the same call
works on any text before it is printed, logged, stored or shown. It imports nothing of the
project, so connectors, the CLI and the TUI can all use it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit, urlunsplit

MASK = "***"
LONG_SECRET = 8  # secrets this long are masked wherever they appear, even inside a word

# scheme://user:password@ — the password is anything up to the last "@" before the host part.
_URL_USERINFO = re.compile(r"(?P<head>\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@]*:)(?P<pw>[^\s/]*)@")
# A scheme-less `user:password@host` (as some users type an OpenSearch address).
_BARE_USERINFO = re.compile(r"(?P<head>(?:^|(?<=[\s'\"(\[]))[^\s:/@'\"]+:)(?P<pw>[^\s/@'\"]+)@")
# libpq keyword form: password=secret or password='se cret'.
_KEYWORD = re.compile(r"(?P<head>\bpassword\s*=\s*)(?P<pw>'(?:[^'\\]|\\.)*'|[^\s'][^\s]*)", re.I)


def secrets_of(dsn: str) -> tuple[str, ...]:
    """The password(s) a DSN or URL holds, as written and percent-decoded, even when it does
    not parse (the driver's error would quote the bad part back)."""
    found: list[str] = []
    for pattern in (_URL_USERINFO, _BARE_USERINFO, _KEYWORD):
        for match in pattern.finditer(dsn):
            value = match.group("pw").strip("'")
            found.extend((value, unquote(value)))
    return tuple(dict.fromkeys(s for s in found if s))


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with the passwords of URLs and libpq strings in it, and every given secret,
    masked."""
    text = _URL_USERINFO.sub(lambda m: f"{m.group('head')}{MASK}@", text)
    text = _BARE_USERINFO.sub(lambda m: f"{m.group('head')}{MASK}@", text)
    text = _KEYWORD.sub(lambda m: f"{m.group('head')}{MASK}", text)
    for secret in sorted(set(secrets), key=len, reverse=True):
        if not secret or secret == MASK:
            continue
        if len(secret) >= LONG_SECRET:
            text = text.replace(secret, MASK)
        else:  # a short password (perhaps also a user name): only where it stands alone
            text = re.sub(rf"(?<![\w%]){re.escape(secret)}(?![\w%])", MASK, text)
    return text


def url_without_userinfo(url: str) -> str:
    """The URL without `user:password@`: what a snapshot may keep."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return redact(url)
    if "@" not in parts.netloc:
        return url
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    netloc = f"{host}:{port}" if port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


class RedactingFilter(logging.Filter):
    """Masks credentials in a log record's message before any handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = redact(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


def redact_logs() -> None:
    """Mask credentials in every log line the process prints (the drivers log the URLs they
    try): on the root logger's handlers and on the handler of last resort."""
    handlers = [*logging.getLogger().handlers]
    if logging.lastResort is not None:
        handlers.append(logging.lastResort)
    for handler in handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())

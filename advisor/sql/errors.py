"""One contract for every parse entry point: whatever sqlglot raises becomes a ParseError."""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp
from sqlglot.errors import ParseError, TokenError


def guarded_parse(run: Callable[[], list[exp.Expr | None]]) -> list[exp.Expr | None]:
    """Run a sqlglot parse; whatever it raises reaches the caller as a ParseError."""
    try:
        return run()
    except ParseError:
        raise
    except TokenError as error:
        raise ParseError(str(error)) from error
    except RecursionError as error:
        # Pathological nesting must not crash callers; report it as a parse failure.
        raise ParseError("SQL is nested too deeply to parse") from error
    except Exception as error:
        # sqlglot itself trips over some malformed input (IndexError, or UnboundLocalError on
        # `CREATE TABLE p1 PARTITION OF p`); to callers that is a syntax error.
        raise ParseError(f"Unparsable SQL ({type(error).__name__}: {error})") from error

"""Tokenizer of the advisor's Redshift dialect."""

from __future__ import annotations

import typing as t

from sqlglot.dialects.redshift import Redshift
from sqlglot.tokenizer_core import TokenType


class AdvisorTokenizer(Redshift.Tokenizer):
    # sqlglot turns these words into opaque commands; we parse them as statements instead.
    KEYWORDS: t.ClassVar[dict[str, TokenType]] = {
        **{
            k: v
            for k, v in Redshift.Tokenizer.KEYWORDS.items()
            if k not in ("UNLOAD", "VACUUM", "CALL", "PREPARE", "REFRESH", "DECLARE")
        },
        "SERDEPROPERTIES": TokenType.SERDE_PROPERTIES,
    }
    COMMANDS = Redshift.Tokenizer.COMMANDS - {
        TokenType.EXECUTE,
        TokenType.FETCH,
        TokenType.SHOW,
        TokenType.LOCK,
    }

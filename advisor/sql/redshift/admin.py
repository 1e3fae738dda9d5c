"""Parsers for administrative statements (owners, users, groups, schemas, ...)."""

from __future__ import annotations

from sqlglot import exp, parser


def parse_owner_to(p: parser.Parser) -> exp.Expr | None:
    """``OWNER TO name`` action of ALTER TABLE / SCHEMA."""
    if not p._match_text_seq("TO"):
        return None
    return exp.Property(this=exp.var("OWNER"), value=p._parse_id_var(any_token=True))


def parse_create_admin(p: parser.Parser, replace: bool) -> exp.Expr | None:
    return None


def parse_alter_admin(p: parser.Parser) -> exp.Expr | None:
    return None

"""Parser of the advisor's Redshift dialect."""

from __future__ import annotations

import typing as t

from sqlglot import exp
from sqlglot.parsers.redshift import RedshiftParser
from sqlglot.tokenizer_core import TokenType

from advisor.sql.redshift import admin, ddl
from advisor.sql.redshift import expressions as rx
from advisor.sql.redshift.statements import WORD_STATEMENTS

# Token types a leading statement word may have been given by the tokenizer.
_WORD_TOKENS = {
    TokenType.VAR,
    TokenType.COMMAND,
    TokenType.ANALYZE,
    TokenType.COPY,
    TokenType.BEGIN,
    TokenType.END,
    TokenType.EXECUTE,
    TokenType.FETCH,
    TokenType.LOCK,
    TokenType.SHOW,
    TokenType.DESC,
    TokenType.DESCRIBE,
}


# Types Redshift has that sqlglot's Redshift dialect does not know: REFCURSOR for procedure
# parameters, and the catalog's own column types (pg_class.relacl is aclitem[], pg_proc's
# argument lists are oidvector ...), which admin queries cast to.
CATALOG_TYPES = frozenset({"REFCURSOR", "ACLITEM", "INT2VECTOR", "OIDVECTOR", "XID", "CID", "TID"})


class AdvisorParser(RedshiftParser):
    """Redshift parser producing typed trees for DDL, maintenance and load statements."""

    PROPERTY_PARSERS: t.ClassVar[dict[str, t.Callable[..., t.Any]]] = {
        **RedshiftParser.PROPERTY_PARSERS,
        "SORTKEY": lambda self: ddl.parse_sortkey_property(self),
        "INTERLEAVED": lambda self: ddl.parse_interleaved_sortkey(self),
        "ENCODE": lambda self: ddl.parse_encode_property(self),
        "TABLE": lambda self: ddl.parse_table_properties(self),
        "LOCAL": lambda self: self._match_set((TokenType.TEMPORARY,)) and exp.TemporaryProperty(),
        "NONATOMIC": lambda self: rx.NonAtomicProperty(),
    }

    CONSTRAINT_PARSERS: t.ClassVar[dict[str, t.Callable[..., t.Any]]] = {
        **RedshiftParser.CONSTRAINT_PARSERS,
        "DISTKEY": lambda self: rx.DistKeyColumnConstraint(),
        "SORTKEY": lambda self: rx.SortKeyColumnConstraint(),
        "ENCODE": lambda self: exp.EncodeColumnConstraint(
            this=self._parse_var(any_token=True, upper=True)
        ),
    }

    ALTER_PARSERS: t.ClassVar[dict[str, t.Callable[..., t.Any]]] = {
        **RedshiftParser.ALTER_PARSERS,
        "APPEND": lambda self: ddl.parse_append(self),
        "OWNER": lambda self: admin.parse_owner_to(self),
        "SET": lambda self: ddl.parse_set_table_properties(self) or self._parse_alter_table_set(),
    }

    ALTER_ALTER_PARSERS: t.ClassVar[dict[str, t.Callable[..., t.Any]]] = {
        **RedshiftParser.ALTER_ALTER_PARSERS,
        "ENCODE": lambda self: rx.AlterEncode(this=self._parse_var(any_token=True, upper=True)),
    }

    def _parse_statement(self) -> exp.Expr | None:
        curr = self._curr
        if curr and curr.token_type in _WORD_TOKENS:
            handler = WORD_STATEMENTS.get(curr.text.upper())
            if handler is not None:
                index = self._index
                comments = curr.comments
                self._advance()
                stmt = handler(self)
                if stmt is not None:
                    stmt.add_comments(comments, prepend=True)
                    return stmt
                self._retreat(index)
        return super()._parse_statement()

    def _parse_create(self) -> exp.Create | exp.Command:
        index = self._index
        replace = self._match_pair(TokenType.OR, TokenType.REPLACE)
        if self._match_text_seq("EXTERNAL", "SCHEMA"):
            return t.cast(exp.Create, ddl.parse_external_schema(self))
        if self._match_text_seq("EXTERNAL", "FUNCTION"):
            return t.cast(exp.Create, ddl.parse_external_function(self, replace))
        stmt = admin.parse_create_admin(self, replace)
        if stmt is not None:
            return t.cast(exp.Create, stmt)
        self._retreat(index)
        return super()._parse_create()

    def _parse_alter(self) -> exp.Alter | exp.Command:
        stmt = admin.parse_alter_admin(self)
        if stmt is not None:
            return t.cast(exp.Alter, stmt)
        return super()._parse_alter()

    def _parse_alter_table_alter(self) -> exp.Expr | None:
        return ddl.parse_alter_column_encode(self) or super()._parse_alter_table_alter()

    # True while reading a procedure's or function's signature (CREATE, DROP, ALTER ...
    # PROCEDURE p(...)): only there is `(int, varchar)` a list of types. sqlglot reads table
    # and CTE alias column lists (`AS t(x)`, `WITH t(a, b)`) with the same method, where each
    # item is a name.
    _in_signature = False

    def _parse_user_defined_function(self, kind: TokenType | None = None) -> exp.Expr | None:
        outer, self._in_signature = self._in_signature, True
        try:
            return super()._parse_user_defined_function(kind)
        finally:
            self._in_signature = outer

    def _parse_table_alias(
        self, alias_tokens: t.Collection[TokenType] | None = None
    ) -> exp.TableAlias | None:
        outer, self._in_signature = self._in_signature, False
        try:
            return super()._parse_table_alias(alias_tokens)
        finally:
            self._in_signature = outer

    def _parse_types(
        self,
        check_func: bool = False,
        schema: bool = False,
        allow_identifiers: bool = True,
        with_collation: bool = False,
    ) -> exp.Expr | None:
        found = super()._parse_types(check_func, schema, allow_identifiers, with_collation)
        curr = self._curr
        if (
            found is not None
            or not allow_identifiers
            or curr is None
            or curr.token_type != TokenType.VAR
            or curr.text.upper() not in CATALOG_TYPES
            or (self._next is not None and self._next.token_type == TokenType.L_PAREN)
        ):
            return found
        self._advance()
        kind: exp.Expr = exp.DataType(
            this=exp.DataType.Type.USERDEFINED, kind=exp.to_identifier(curr.text.lower())
        )
        while self._match_pair(TokenType.L_BRACKET, TokenType.R_BRACKET):
            kind = exp.DataType(this=exp.DataType.Type.ARRAY, expressions=[kind], nested=True)
        return kind

    def _parse_function_parameter(self) -> exp.Expr | None:
        if self._in_signature:
            return ddl.parse_function_parameter(self)
        return super()._parse_function_parameter()

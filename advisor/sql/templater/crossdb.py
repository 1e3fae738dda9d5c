"""dbt's cross-database macros (`dbt.type_timestamp()`, `dbt.dateadd(...)`...) as Redshift SQL.

dbt ships them in its own internal project, and older dbt_utils releases carried the same names;
a model that calls them renders here as dbt-redshift would render it. Any other name of these
namespaces is unknown (see `jinja.Unknown`).
"""

from __future__ import annotations

from typing import Any

from . import jinja


def _fields(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


class CrossDatabase:
    """The `dbt` namespace (and its stand-in for `dbt_utils` when no package is installed)."""

    def __init__(self, namespace: str) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return jinja.Unknown(name=f"{self._namespace}.{name}")

    def type_string(self) -> str:
        return "varchar"

    def type_timestamp(self) -> str:
        return "timestamp without time zone"

    def type_int(self) -> str:
        return "integer"

    def type_bigint(self) -> str:
        return "bigint"

    def type_numeric(self) -> str:
        return "numeric(28, 6)"

    def type_float(self) -> str:
        return "float"

    def type_boolean(self) -> str:
        return "boolean"

    def current_timestamp(self) -> str:
        return "getdate()"

    current_timestamp_backcompat = current_timestamp
    current_timestamp_in_utc_backcompat = current_timestamp

    def dateadd(self, datepart: object, interval: object, from_date_or_timestamp: object) -> str:
        return f"dateadd({datepart}, {interval}, {from_date_or_timestamp})"

    def datediff(self, first_date: object, second_date: object, datepart: object) -> str:
        return f"datediff({datepart}, {first_date}, {second_date})"

    def date_trunc(self, datepart: object, date: object) -> str:
        return f"date_trunc('{datepart}', {date})"

    def last_day(self, date: object, datepart: object = "month") -> str:
        return f"last_day({date})"

    def concat(self, fields: object) -> str:
        return " || ".join(_fields(fields))

    def safe_cast(self, field: object, type: object) -> str:
        return f"cast({field} as {type})"

    cast = safe_cast

    def cast_bool_to_text(self, field: object) -> str:
        return f"cast({field} as varchar)"

    def hash(self, field: object) -> str:
        return f"md5(cast({field} as varchar))"

    def split_part(self, string_text: object, delimiter_text: object, part_number: object) -> str:
        return f"split_part({string_text}, {delimiter_text}, {part_number})"

    def string_literal(self, value: object) -> str:
        return "'" + str(value).replace("'", "''") + "'"

    def escape_single_quotes(self, expression: object) -> str:
        return str(expression).replace("'", "''")

    def any_value(self, expression: object) -> str:
        return f"any_value({expression})"

    def bool_or(self, expression: object) -> str:
        return f"bool_or({expression})"

    def length(self, expression: object) -> str:
        return f"length({expression})"

    def position(self, substring_text: object, string_text: object) -> str:
        return f"position({substring_text} in {string_text})"

    def replace(self, field: object, old_chars: object, new_chars: object) -> str:
        return f"replace({field}, {old_chars}, {new_chars})"

    def right(self, string_text: object, length_expression: object) -> str:
        return f"right({string_text}, {length_expression})"

    def listagg(
        self,
        measure: object,
        delimiter_text: object = "','",
        order_by_clause: object = None,
        limit_num: object = None,
    ) -> str:
        within = f" within group ({order_by_clause})" if order_by_clause else ""
        return f"listagg({measure}, {delimiter_text}){within}"

    def generate_surrogate_key(self, field_list: object) -> str:
        parts = [f"coalesce(cast({f} as varchar), '_null_')" for f in _fields(field_list)]
        joined = " || '-' || ".join(parts)
        return f"md5({joined})"

    surrogate_key = generate_surrogate_key


MACROS = tuple(
    name
    for name in dir(CrossDatabase)
    if not name.startswith("_") and callable(getattr(CrossDatabase, name))
)

"""A typed walker: untrusted JSON data checked against dataclass type hints, field by field.

Snapshots, saved results and baselines come from CI artefacts and other people's machines.
`decode(cls, data)` builds the dataclass `cls` from `data` only when every field has the type
its hint declares (an `int` is an integer and not a boolean, a `float` a finite number, a
`tuple[X, ...]` a list of X, a `Mapping[str, X]` an object of X) and stays within `Limits`
(integer size, string length, list length, nesting depth). The first field that does not
raises `InvalidData` with its JSON path (`$.postgres.tables[3].stats.seq_scan`), so a bad file
is one clear message, never a crash in a rule far from the cause. `json_schema(cls)` describes
the same types and limits as JSON Schema, so the published schema and the checks cannot drift.
Imports nothing of the project.
"""

from __future__ import annotations

import dataclasses
import enum
import math
import re
import sys
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on every value; generous for real data, fatal to a hostile file's tricks."""

    max_int: int = 2**63 - 1  # PostgreSQL's bigint: larger counters do not exist
    max_float: float = 1e300
    max_string: int = 4_000_000  # characters
    max_items: int = 1_000_000  # in one list or object
    max_depth: int = 64  # nested objects and lists


LIMITS = Limits()


class InvalidData(ValueError):
    """A value that does not have the declared type or lies outside the limits."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def decode(cls: type[T], data: Any, path: str = "$", limits: Limits = LIMITS) -> T:
    """The `cls` object that `data` describes, or InvalidData naming the first bad field."""
    return typing.cast(T, _Walker(limits).value(cls, data, path, 0))


@cache
def hints(cls: type) -> dict[str, Any]:
    """The resolved field types of a dataclass (names resolve in its module)."""
    return typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))


def _kind(data: Any) -> str:
    if data is None:
        return "null"
    if isinstance(data, bool):
        return "a boolean"
    if isinstance(data, int):
        return "an integer"
    if isinstance(data, float):
        return "a number"
    if isinstance(data, str):
        return "a string"
    if isinstance(data, list):
        return "a list"
    if isinstance(data, dict):
        return "an object"
    return type(data).__name__


class _Walker:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    def fail(self, path: str, expected: str, data: Any) -> InvalidData:
        return InvalidData(path, f"expected {expected}, got {_kind(data)}")

    def value(self, tp: Any, data: Any, path: str, depth: int) -> Any:
        if depth > self.limits.max_depth:
            raise InvalidData(path, f"nested deeper than {self.limits.max_depth} levels")
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            return self.union(tp, data, path, depth)
        if origin is tuple:
            return self.tuple(tp, data, path, depth)
        if origin in (dict, Mapping) or tp in (dict, Mapping):
            return self.mapping(tp, data, path, depth)
        if origin is list:
            item = typing.get_args(tp)[0]
            return list(self.tuple(tuple[item, ...], data, path, depth))  # type: ignore[valid-type]
        if tp is Any or tp is object:
            return self.any(data, path, depth)
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            return self.dataclass(tp, data, path, depth)
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return self.enum(tp, data, path)
        return self.scalar(tp, data, path)

    def union(self, tp: Any, data: Any, path: str, depth: int) -> Any:
        args = typing.get_args(tp)
        if data is None:
            if type(None) in args:
                return None
            raise self.fail(path, _describe(tp), data)
        errors = []
        for arg in (a for a in args if a is not type(None)):
            try:
                return self.value(arg, data, path, depth)
            except InvalidData as err:
                errors.append(err)
        if len(errors) == 1:
            raise errors[0]
        raise self.fail(path, _describe(tp), data)

    def tuple(self, tp: Any, data: Any, path: str, depth: int) -> tuple[Any, ...]:
        args = typing.get_args(tp)
        if not isinstance(data, list):
            raise self.fail(path, "a list", data)
        if len(data) > self.limits.max_items:
            raise InvalidData(path, f"more than {self.limits.max_items} items")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(
                self.value(args[0], v, f"{path}[{i}]", depth + 1) for i, v in enumerate(data)
            )
        if len(data) != len(args):
            raise InvalidData(path, f"expected a list of {len(args)} items, got {len(data)}")
        return tuple(
            self.value(a, v, f"{path}[{i}]", depth + 1)
            for i, (a, v) in enumerate(zip(args, data, strict=True))
        )

    def mapping(self, tp: Any, data: Any, path: str, depth: int) -> dict[str, Any]:
        args = typing.get_args(tp) or (str, Any)
        if not isinstance(data, dict):
            raise self.fail(path, "an object", data)
        if len(data) > self.limits.max_items:
            raise InvalidData(path, f"more than {self.limits.max_items} keys")
        out = {}
        for key, item in data.items():
            where = f"{path}.{key}" if str(key).isidentifier() else f"{path}[{key!r}]"
            self.scalar(str, key, where)
            out[key] = self.value(args[1], item, where, depth + 1)
        return out

    def dataclass(self, tp: type, data: Any, path: str, depth: int) -> Any:
        if not isinstance(data, dict):
            raise self.fail(path, f"an object ({tp.__name__})", data)
        types_of = hints(tp)
        values = {}
        for field in dataclasses.fields(tp):
            if not field.init:
                continue
            where = f"{path}.{field.name}"
            if field.name in data:
                values[field.name] = self.value(
                    types_of[field.name], data[field.name], where, depth + 1
                )
            elif (
                field.default is dataclasses.MISSING
                and field.default_factory is dataclasses.MISSING
            ):
                raise InvalidData(where, "missing")
        try:
            return tp(**values)
        except (TypeError, ValueError, ArithmeticError) as err:
            raise InvalidData(path, f"not a valid {tp.__name__}: {err}") from None

    def enum(self, tp: type[enum.Enum], data: Any, path: str) -> Any:
        for member in tp:
            if data == member.value and type(data) is type(member.value):
                return member
        names = ", ".join(repr(m.value) for m in tp)
        raise InvalidData(path, f"expected one of {names}, got {_short(data)}")

    def scalar(self, tp: Any, data: Any, path: str) -> Any:
        limits = self.limits
        if tp is bool:
            if not isinstance(data, bool):
                raise self.fail(path, "a boolean", data)
            return data
        if tp is int:
            if isinstance(data, bool) or not isinstance(data, int):
                raise self.fail(path, "an integer", data)
            if abs(data) > limits.max_int:
                raise InvalidData(path, f"integer out of range (at most {limits.max_int})")
            return data
        if tp is float:
            if isinstance(data, bool) or not isinstance(data, int | float):
                raise self.fail(path, "a number", data)
            if isinstance(data, int) and abs(data) > limits.max_int:
                raise InvalidData(path, f"number out of range (at most {limits.max_int})")
            number = float(data)
            if not math.isfinite(number) or abs(number) > limits.max_float:
                raise InvalidData(path, "expected a finite number")
            return number
        if tp is str:
            if not isinstance(data, str):
                raise self.fail(path, "a string", data)
            if len(data) > limits.max_string:
                raise InvalidData(path, f"string longer than {limits.max_string} characters")
            if _SURROGATE.search(data):
                raise InvalidData(path, "a lone surrogate: not valid Unicode text")
            return data
        if tp is type(None):
            if data is not None:
                raise self.fail(path, "null", data)
            return None
        raise InvalidData(path, f"no rule to check a value of type {tp!r}")

    def any(self, data: Any, path: str, depth: int) -> Any:
        """Any JSON value, within the limits (checked without recursion)."""
        stack = [(data, path, depth)]
        while stack:
            item, where, level = stack.pop()
            if level > self.limits.max_depth:
                raise InvalidData(where, f"nested deeper than {self.limits.max_depth} levels")
            if isinstance(item, dict):
                if len(item) > self.limits.max_items:
                    raise InvalidData(where, f"more than {self.limits.max_items} keys")
                for key, value in item.items():
                    self.scalar(str, key, where)
                    stack.append((value, f"{where}.{key}", level + 1))
            elif isinstance(item, list):
                if len(item) > self.limits.max_items:
                    raise InvalidData(where, f"more than {self.limits.max_items} items")
                stack.extend((v, f"{where}[{i}]", level + 1) for i, v in enumerate(item))
            elif isinstance(item, bool) or item is None:
                continue
            elif isinstance(item, int):
                self.scalar(int, item, where)
            elif isinstance(item, float):
                self.scalar(float, item, where)
            else:
                self.scalar(str, item, where)
        return data


def _short(data: Any) -> str:
    text = repr(data)
    return text if len(text) <= 40 else f"{text[:40]}…"


def _describe(tp: Any) -> str:
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    names = " or ".join(getattr(a, "__name__", str(a)) for a in args)
    return f"{names} or null" if type(None) in typing.get_args(tp) else names


# JSON Schema --------------------------------------------------------------------------------


def json_schema(cls: type, limits: Limits = LIMITS) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of what `decode(cls, ...)` accepts; dataclasses become
    `$defs` entries, referenced by name."""
    defs: dict[str, Any] = {}
    root = _schema(cls, defs, limits)
    return {**root, "$defs": dict(sorted(defs.items()))}


def _schema(tp: Any, defs: dict[str, Any], limits: Limits) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_schema(a, defs, limits) for a in typing.get_args(tp)]}
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return {
                "type": "array",
                "items": _schema(args[0], defs, limits),
                "maxItems": limits.max_items,
            }
        return {
            "type": "array",
            "prefixItems": [_schema(a, defs, limits) for a in args],
            "minItems": len(args),
            "maxItems": len(args),
        }
    if origin in (dict, Mapping) or tp in (dict, Mapping):
        args = typing.get_args(tp) or (str, Any)
        return {
            "type": "object",
            "additionalProperties": _schema(args[1], defs, limits),
            "maxProperties": limits.max_items,
        }
    if origin is list:
        item = typing.get_args(tp)[0]
        return _schema(tuple[item, ...], defs, limits)  # type: ignore[valid-type]
    if tp is Any or tp is object:
        return {"description": f"any JSON value, nested at most {limits.max_depth} levels"}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placed first: recursive types refer to themselves
            types_of = hints(tp)
            fields = [f for f in dataclasses.fields(tp) if f.init]
            required = [
                f.name
                for f in fields
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            ]
            entry: dict[str, Any] = {
                "type": "object",
                "properties": {f.name: _schema(types_of[f.name], defs, limits) for f in fields},
            }
            if required:
                entry["required"] = required
            doc = (tp.__doc__ or "").strip().split("\n\n")[0]
            if doc and not doc.startswith(f"{name}("):
                entry = {"description": " ".join(doc.split()), **entry}
            defs[name] = entry
        return {"$ref": f"#/$defs/{name}"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [m.value for m in tp]}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer", "minimum": -limits.max_int, "maximum": limits.max_int}
    if tp is float:
        return {"type": "number", "minimum": -limits.max_float, "maximum": limits.max_float}
    if tp is str:
        return {"type": "string", "maxLength": limits.max_string}
    if tp is type(None):
        return {"type": "null"}
    raise TypeError(f"no JSON Schema for {tp!r}")

"""Index mappings as rules see them: dotted field paths resolved to types and parameters.

A mapping arrives as plain JSON in any of the shapes `GET <index>/_mapping` and index templates
use: `{"<index>": {"mappings": {...}}}`, `{"mappings": {...}}` or `{"properties": {...}}`.
Rules never learn where it came from (a file named in the config or a live cluster).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

TEXT_TYPES = frozenset({"text", "match_only_text", "search_as_you_type"})
KEYWORD_TYPES = frozenset({"keyword", "constant_keyword", "wildcard"})
STRING_TYPES = TEXT_TYPES | KEYWORD_TYPES
NUMERIC_TYPES = frozenset(
    {"long", "integer", "short", "byte", "double", "float", "half_float", "scaled_float",
     "unsigned_long"}
)  # fmt: skip
DATE_TYPES = frozenset({"date", "date_nanos"})
OBJECT_TYPES = frozenset({"object", "nested", "flat_object"})
# Objects nested deeper are not read: OpenSearch refuses mappings past 20 levels by default
# (`index.mapping.depth.limit`), and each level's path repeats its parents' names.
MAX_FIELD_DEPTH = 1000


@dataclass(frozen=True, slots=True)
class FieldInfo:
    """One mapped field: its dotted path, type and mapping parameters."""

    path: str
    type: str
    params: Mapping[str, Any] = field(default_factory=dict)
    # Path of the field this is a multi-field of (`title` for `title.keyword`).
    parent_field: str | None = None
    # Paths of the enclosing `nested` objects, outermost first.
    nested_paths: tuple[str, ...] = ()

    @property
    def is_text(self) -> bool:
        return self.type in TEXT_TYPES

    @property
    def is_keyword(self) -> bool:
        return self.type in KEYWORD_TYPES

    def sub_field(self, fields: FieldMap, of_type: frozenset[str]) -> FieldInfo | None:
        """A multi-field of this field with one of the given types (e.g. `.keyword`)."""
        subs = self.params.get("fields")
        if not isinstance(subs, dict):
            return None
        for name in subs:
            info = fields.get(f"{self.path}.{name}")
            if info is not None and info.type in of_type:
                return info
        return None


@dataclass(frozen=True, slots=True)
class FieldMap:
    """The fields of one or more indices (merged), keyed by dotted path."""

    fields: Mapping[str, FieldInfo]
    dynamic: Any = None
    indices: tuple[str, ...] = ()
    # The `dynamic_templates` entries (their inner objects: match, path_match, mapping...).
    dynamic_templates: tuple[Mapping[str, Any], ...] = ()
    # The single-index maps a merged map was made from (empty for a single map).
    parts: tuple[FieldMap, ...] = ()

    def get(self, path: str) -> FieldInfo | None:
        return self.fields.get(path)

    def __contains__(self, path: str) -> bool:
        return path in self.fields

    @property
    def field_count(self) -> int:
        return len(self.fields)

    def knows(self, path: str) -> bool:
        """True when the path is mapped, is a metadata field, or may match a pattern."""
        if path in self.fields or path.startswith("_") or "*" in path:
            return True
        return any(self._object_allows(path))

    def _object_allows(self, path: str) -> Iterable[bool]:
        # Below a `flat_object` field any sub-path exists (its keys are not mapped one by one).
        parts = path.split(".")
        for i in range(1, len(parts)):
            info = self.fields.get(".".join(parts[:i]))
            if info is not None and info.type == "flat_object":
                yield True

    def created_dynamically(self, path: str) -> str | None:
        """How an unmapped path could still exist in the index: `"template"` when a dynamic
        template would map it, `"dynamic"` when dynamic mapping is on where it sits, else None
        (`dynamic: false` or `strict` above it, or a leaf field in its way)."""
        if self.parts:
            found = [p.created_dynamically(path) for p in self.parts]
            return "template" if "template" in found else "dynamic" if "dynamic" in found else None
        parts = path.split(".")
        setting: Any = self.dynamic
        for i in range(1, len(parts)):
            info = self.fields.get(".".join(parts[:i]))
            if info is None:
                continue
            if info.type not in OBJECT_TYPES and "properties" not in info.params:
                return None  # a leaf field cannot hold sub-fields (multi-fields are mapped)
            if "dynamic" in info.params:
                setting = info.params["dynamic"]
        value = str(setting).lower() if setting is not None else "true"
        if value in ("true", "runtime", "strict_allow_templates"):
            if any(_template_matches(t, path) for t in self.dynamic_templates):
                return "template"
            return "dynamic" if value != "strict_allow_templates" else None
        return None

    def text_fields(self) -> Iterable[FieldInfo]:
        return (f for f in self.fields.values() if f.is_text)


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value]
    return []


def _template_matches(template: Mapping[str, Any], path: str) -> bool:
    """Whether a dynamic template's name and path conditions accept a field path.

    `match_mapping_type` is not checked: the JSON type of a value the documents will send is
    not known, so any template whose names fit is taken as able to map the field.
    """
    name = path.rsplit(".", 1)[-1]
    regex = template.get("match_pattern") == "regex"

    def fits(pattern: str, value: str) -> bool:
        if regex:
            try:
                return re.fullmatch(pattern, value) is not None
            except re.error:
                return False
        return fnmatch.fnmatchcase(value, pattern)

    match, path_match = _names(template.get("match")), _names(template.get("path_match"))
    if match and not any(fits(p, name) for p in match):
        return False
    if path_match and not any(fnmatch.fnmatchcase(path, p) for p in path_match):
        return False
    if any(fits(p, name) for p in _names(template.get("unmatch"))):
        return False
    return not any(fnmatch.fnmatchcase(path, p) for p in _names(template.get("path_unmatch")))


def _dynamic_templates(mappings: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    out: list[Mapping[str, Any]] = []
    entries = mappings.get("dynamic_templates")
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict):
            out.extend(v for v in entry.values() if isinstance(v, dict))
    return out


def _properties_of(raw: Any) -> list[tuple[str, Mapping[str, Any]]]:
    """(index name, mappings object) pairs of a mapping document in any accepted shape."""
    # An index template nests its mapping under `template` (a loop, not recursion: a file
    # nested thousands of templates deep must not overflow the stack).
    while (
        isinstance(raw, dict) and "properties" not in raw and isinstance(raw.get("template"), dict)
    ):
        if "mappings" in raw or "dynamic" in raw:
            break
        raw = raw["template"]
    if not isinstance(raw, dict):
        return []
    if "properties" in raw or ("dynamic" in raw and "mappings" not in raw):
        return [("", raw)]
    if isinstance(raw.get("mappings"), dict):
        return [("", raw["mappings"])]
    out: list[tuple[str, Mapping[str, Any]]] = []
    for name, value in raw.items():
        if isinstance(value, dict) and isinstance(value.get("mappings"), dict):
            out.append((name, value["mappings"]))
    return out


def load_mapping(raw: Any) -> FieldMap:
    """A FieldMap from mapping JSON; several indices in one document are merged."""
    fields: dict[str, FieldInfo] = {}
    dynamic: Any = None
    names: list[str] = []
    templates: list[Mapping[str, Any]] = []
    for name, mappings in _properties_of(raw):
        if name:
            names.append(name)
        if dynamic is None and "dynamic" in mappings:
            dynamic = mappings["dynamic"]
        templates.extend(_dynamic_templates(mappings))
        _flatten(mappings.get("properties"), "", (), fields)
        runtime = mappings.get("runtime")
        if isinstance(runtime, dict):
            for path, spec in runtime.items():
                if isinstance(spec, dict):
                    kind = str(spec.get("type", "keyword"))
                    fields.setdefault(path, FieldInfo(path, kind, spec))
    return FieldMap(fields, dynamic, tuple(names), tuple(templates))


def _flatten(
    properties: Any, prefix: str, nested: tuple[str, ...], out: dict[str, FieldInfo]
) -> None:
    stack: list[tuple[Any, str, tuple[str, ...]]] = [(properties, prefix, nested)]
    while stack:
        props, base, nest = stack.pop()
        if not isinstance(props, dict):
            continue
        for name, spec in props.items():
            if not isinstance(spec, dict):
                continue
            path = f"{base}{name}"
            kind = str(spec.get("type", "object"))
            out.setdefault(path, FieldInfo(path, kind, spec, None, nest))
            inner = (*nest, path) if kind == "nested" else nest
            if isinstance(spec.get("properties"), dict) and path.count(".") < MAX_FIELD_DEPTH:
                stack.append((spec["properties"], f"{path}.", inner))
            subs = spec.get("fields")
            if isinstance(subs, dict):
                for sub, sub_spec in subs.items():
                    if isinstance(sub_spec, dict):
                        sub_path = f"{path}.{sub}"
                        sub_type = str(sub_spec.get("type", "object"))
                        out.setdefault(
                            sub_path, FieldInfo(sub_path, sub_type, sub_spec, path, nest)
                        )


def merge(maps: Iterable[FieldMap]) -> FieldMap | None:
    """One FieldMap over several indices; the first definition of a path wins."""
    items = list(maps)
    if not items:
        return None
    if len(items) == 1:
        return items[0]
    fields: dict[str, FieldInfo] = {}
    for item in items:
        for path, info in item.fields.items():
            fields.setdefault(path, info)
    dynamic = next((m.dynamic for m in items if m.dynamic is not None), None)
    parts = tuple(p for m in items for p in (m.parts or (m,)))
    return FieldMap(fields, dynamic, tuple(n for m in items for n in m.indices), parts=parts)


def patterns_overlap(index: str, pattern: str) -> bool:
    """True when an index (or index pattern) of a request falls under a mapping's pattern."""
    index = index.strip()
    if index.startswith("-"):
        return False
    return fnmatch.fnmatchcase(index, pattern) or fnmatch.fnmatchcase(pattern, index)


def resolve(indices: Iterable[str], mappings: Mapping[str, FieldMap]) -> FieldMap | None:
    """The merged mapping of every configured pattern a request's indices match."""
    found: list[FieldMap] = []
    for pattern, mapping in mappings.items():
        if any(patterns_overlap(index, pattern) for index in indices):
            found.append(mapping)
    return merge(found)

"""Typed documents: frozen dataclasses ⇄ plain dicts, with a JSON Schema generated from them.

One description serves three purposes, so they cannot drift apart: the dataclass fields (with
:func:`spec` metadata) drive the parser (:func:`parse_document`, which collects *every* problem
with its path), the exporter (:func:`export_document`) and the JSON Schema (:func:`schema_for`).

Supported field types: ``str``, ``int``, ``bool``, ``Decimal`` (an amount as a decimal string,
never a float), ``datetime.time`` (``"HH:MM"``), ``StrEnum`` subclasses, ``tuple[X, ...]``,
``X | None`` (omitted when ``None``; ``null`` is refused), nested dataclasses, and tagged unions
of dataclasses that each carry a ``TAG`` class variable (stored under the key ``"type"``).

Export omits a field whose value equals its default, so ``parse(export(x)) == x`` always and
``export(parse(d)) == d`` for every document in that compact canonical form. To keep the
canonical form unique, an optional list that is present must have at least one item.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from datetime import time
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import Any

TAG_KEY = "type"
AMOUNT_PATTERN = r"^(0|[1-9][0-9]*)(\.[0-9]{1,2})?$"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"

PathPart = str | int
Path = tuple[PathPart, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a document, at ``path`` (e.g. ``phases[1].steps[2].trigger.days``)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def format_path(path: Path) -> str:
    """``("phases", 1, "steps", 2, "id")`` → ``"phases[1].steps[2].id"``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def spec(
    default: Any = MISSING,
    *,
    doc: str = "",
    minimum: int | None = None,
    maximum: int | None = None,
    pattern: str | None = None,
    hint: str | None = None,
    min_items: int | None = None,
) -> Any:
    """A dataclass field with the metadata the parser and the schema generator read.

    ``minimum``/``maximum``/``pattern`` apply to the value, or to each item of a tuple;
    ``hint`` is the message shown when ``pattern`` does not match.
    """
    meta: dict[str, Any] = {"doc": doc}
    for key, value in (
        ("minimum", minimum),
        ("maximum", maximum),
        ("pattern", pattern),
        ("hint", hint),
        ("min_items", min_items),
    ):
        if value is not None:
            meta[key] = value
    if default is MISSING:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


class _Invalid:
    __slots__ = ()


INVALID: Any = _Invalid()


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _union_args(tp: Any) -> tuple[Any, ...] | None:
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        return typing.get_args(tp)
    return None


def _unwrap_optional(tp: Any) -> Any:
    args = _union_args(tp)
    if args is None or type(None) not in args:
        return tp
    rest = tuple(a for a in args if a is not type(None))
    return rest[0] if len(rest) == 1 else typing.Union[rest]  # noqa: UP007


def _variants(tp: Any) -> tuple[type, ...] | None:
    """The variants of a tagged union of dataclasses, or ``None`` for any other type."""
    args = _union_args(tp)
    if args is None or not all(is_dataclass(a) and hasattr(a, "TAG") for a in args):
        return None
    return typing.cast(tuple[type, ...], args)


def _tuple_item(tp: Any) -> Any | None:
    if typing.get_origin(tp) is tuple:
        return typing.get_args(tp)[0]
    return None


# ---------------------------------------------------------------------------------- parsing


def parse_document(cls: type, value: object, problems: list[Problem], path: Path = ()) -> Any:
    """Parse ``value`` into ``cls``; append every problem found; return INVALID on any."""
    return _parse(cls, value, path, problems, {})


def _problem(problems: list[Problem], path: Path, message: str) -> Any:
    problems.append(Problem(format_path(path), message))
    return INVALID


def _parse(tp: Any, value: object, path: Path, problems: list[Problem], meta: Any) -> Any:
    variants = _variants(tp)
    if variants is not None:
        return _parse_tagged(variants, value, path, problems)
    if is_dataclass(tp) and isinstance(tp, type):
        return _parse_object(tp, value, path, problems)
    item = _tuple_item(tp)
    if item is not None:
        if not isinstance(value, list | tuple):
            return _problem(problems, path, "must be a list")
        need = meta.get("min_items", 0)
        if len(value) < need:
            return _problem(problems, path, f"must have at least {need} item(s)")
        items = [_parse(item, v, (*path, i), problems, meta) for i, v in enumerate(value)]
        if any(v is INVALID for v in items):
            return INVALID
        return tuple(items)
    return _parse_scalar(tp, value, path, problems, meta)


def _parse_scalar(tp: Any, value: object, path: Path, problems: list[Problem], meta: Any) -> Any:
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        allowed = [m.value for m in tp]
        if not isinstance(value, str) or value not in allowed:
            return _problem(problems, path, "must be one of: " + ", ".join(allowed))
        return tp(value)
    if tp is bool:
        if not isinstance(value, bool):
            return _problem(problems, path, "must be true or false")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            return _problem(problems, path, "must be a whole number")
        if "minimum" in meta and value < meta["minimum"]:
            return _problem(problems, path, f"must be >= {meta['minimum']}")
        if "maximum" in meta and value > meta["maximum"]:
            return _problem(problems, path, f"must be <= {meta['maximum']}")
        return value
    if tp is Decimal:
        if not isinstance(value, str) or not re.fullmatch(AMOUNT_PATTERN, value):
            return _problem(problems, path, 'must be an amount as text, such as "250.00"')
        return Decimal(value)
    if tp is time:
        if not isinstance(value, str) or not re.fullmatch(TIME_PATTERN, value):
            return _problem(problems, path, 'must be a time "HH:MM" (quoted in YAML)')
        return time(int(value[:2]), int(value[3:]))
    if tp is str:
        if not isinstance(value, str):
            return _problem(problems, path, "must be text")
        if not value.strip():
            return _problem(problems, path, "must not be empty")
        pattern = meta.get("pattern")
        if pattern is not None and not re.fullmatch(pattern, value):
            return _problem(problems, path, meta.get("hint", f"must match {pattern}"))
        return value
    raise TypeError(f"unsupported field type {tp!r}")  # a programming error in the model


def _parse_tagged(
    variants: tuple[type, ...], value: object, path: Path, problems: list[Problem]
) -> Any:
    if not isinstance(value, dict):
        return _problem(problems, path, "must be an object")
    by_tag = {typing.cast(str, getattr(v, "TAG")): v for v in variants}  # noqa: B009
    if TAG_KEY not in value:
        return _problem(problems, (*path, TAG_KEY), "is required")
    tag = value[TAG_KEY]
    if not isinstance(tag, str) or tag not in by_tag:
        return _problem(problems, (*path, TAG_KEY), "must be one of: " + ", ".join(by_tag))
    return _parse_object(by_tag[tag], value, path, problems)


def _parse_object(cls: type, value: object, path: Path, problems: list[Problem]) -> Any:
    if not isinstance(value, dict):
        return _problem(problems, path, "must be an object")
    known = {f.name: f for f in fields(cls)}
    tagged = hasattr(cls, "TAG")
    ok = True
    for key in value:
        if not (isinstance(key, str) and (key in known or (tagged and key == TAG_KEY))):
            _problem(problems, (*path, str(key)), "is not a known field")
            ok = False
    kwargs: dict[str, Any] = {}
    hints = _hints(cls)
    for f in fields(cls):
        fpath = (*path, f.name)
        if f.name not in value:
            if f.default is MISSING:
                _problem(problems, fpath, "is required")
                ok = False
            continue
        raw = value[f.name]
        if raw is None:
            _problem(problems, fpath, "must not be null (leave the field out)")
            ok = False
            continue
        meta = dict(f.metadata)
        if f.default == () and "min_items" not in meta:
            meta["min_items"] = 1  # an optional list, when present, is not empty
        parsed = _parse(_unwrap_optional(hints[f.name]), raw, fpath, problems, meta)
        if parsed is INVALID:
            ok = False
        else:
            kwargs[f.name] = parsed
    if not ok:
        return INVALID
    return cls(**kwargs)


# ---------------------------------------------------------------------------------- export


def export_document(obj: object) -> dict[str, Any]:
    """A dataclass instance → a plain dict of str/int/bool/list/dict (defaults omitted)."""
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError(f"not a dataclass instance: {obj!r}")
    out: dict[str, Any] = {}
    tag = getattr(type(obj), "TAG", None)
    if tag is not None:
        out[TAG_KEY] = tag
    for f in fields(obj):
        value = getattr(obj, f.name)
        if value is None or (f.default is not MISSING and value == f.default):
            continue
        out[f.name] = _export_value(value)
    return out


def _export_value(value: object) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return export_document(value)
    if isinstance(value, tuple):
        return [_export_value(v) for v in value]
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return value


# ---------------------------------------------------------------------------------- schema


def schema_for(cls: type, *, extra_roots: tuple[type, ...] = ()) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) body for ``cls``: ``$ref`` to its definition plus ``$defs``.

    ``extra_roots`` are further document types whose definitions are added to ``$defs``.
    """
    defs: dict[str, Any] = {}
    root = _schema(cls, defs, {})
    for extra in extra_roots:
        _schema(extra, defs, {})
    return {**root, "$defs": dict(sorted(defs.items()))}


def _doc_of(cls: type) -> str:
    text = (cls.__doc__ or "").strip().split("\n\n")[0]
    return " ".join(text.replace("``", "").split())


def _schema(tp: Any, defs: dict[str, Any], meta: Any) -> dict[str, Any]:
    variants = _variants(tp)
    if variants is not None:
        return {"oneOf": [_schema(v, defs, {}) for v in variants]}
    if is_dataclass(tp) and isinstance(tp, type):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}  # placeholder against recursion
            defs[tp.__name__] = _object_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    item = _tuple_item(tp)
    if item is not None:
        out: dict[str, Any] = {"type": "array", "items": _schema(item, defs, meta)}
        if meta.get("min_items"):
            out["minItems"] = meta["min_items"]
        return out
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        return {"type": "string", "enum": [m.value for m in tp]}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        out = {"type": "integer"}
        for key in ("minimum", "maximum"):
            if key in meta:
                out[key] = meta[key]
        return out
    if tp is Decimal:
        return {"type": "string", "pattern": AMOUNT_PATTERN}
    if tp is time:
        return {"type": "string", "pattern": TIME_PATTERN}
    if tp is str:
        out = {"type": "string", "minLength": 1}
        if "pattern" in meta:
            out["pattern"] = meta["pattern"]
        return out
    raise TypeError(f"unsupported field type {tp!r}")


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = _hints(cls)
    props: dict[str, Any] = {}
    required: list[str] = []
    tag = getattr(cls, "TAG", None)
    if tag is not None:
        props[TAG_KEY] = {"const": tag}
        required.append(TAG_KEY)
    for f in fields(cls):
        meta = dict(f.metadata)
        if f.default == () and "min_items" not in meta:
            meta["min_items"] = 1
        prop = _schema(_unwrap_optional(hints[f.name]), defs, meta)
        if meta.get("doc"):
            prop = {"description": meta["doc"], **prop}
        if f.default is not MISSING and f.default is not None and f.default != ():
            prop["default"] = _export_value(f.default)
        props[f.name] = prop
        if f.default is MISSING:
            required.append(f.name)
    out: dict[str, Any] = {"type": "object"}
    if _doc_of(cls):
        out = {"description": _doc_of(cls), **out}
    out["properties"] = props
    if required:
        out["required"] = required
    out["additionalProperties"] = False
    return out

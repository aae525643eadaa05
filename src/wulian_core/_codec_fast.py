"""The codec's hot path: a decoder and a JSON encoder generated once per record class.

cattrs' generated hook calls one hook per field and then the class's attrs ``__init__``,
which runs every validator: each field is checked twice (its JSON type by the hook, its
Python type again by the validator), at some fifteen calls a record. The decoder written
here checks each field once, inline, and builds the record as ``__init__`` does (every
field set, on a plain twin of the class where Python allows, every validator the wire
check does not imply run after, then ``__attrs_post_init__``), without calling it.

It only ever *accepts less*: on anything it does not know (a mapping that is not a dict, a
value of another type, a bad value) it raises, and the codec decodes again through cattrs
as before, so every refusal and its message stay what they were. A class whose
``__init__`` does more than attrs' usual work, or whose hooks the converter writes itself
(``_converter.own_hooks``), keeps cattrs' hook.

The encoder leaves dates, enums, region codes and instants in place for orjson, which
writes them itself; the standard library backend writes them the same way
(``_codec_scalars``).
"""

from __future__ import annotations

import datetime as dt
import linecache
import types
from collections.abc import Callable
from functools import cache
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

import attrs
import cattrs

from ._checks import DESCRIBED, MAX_COUNT
from ._codec_scalars import unstructure_datetime
from ._converter import own_hooks, wire_unions
from ._enums import LabelledEnum
from ._frozen import plain_twin
from .regions import _INTERNED, RegionCode

__all__ = ["build_decoder", "build_encoder", "install", "json_encoder"]

Decoder = Callable[..., Any]
Encoder = Callable[[Any], Any]
Hook = Callable[[Any], Any]
Tag = tuple[str, str]
Writes = tuple[Hook, bool, Callable[[Any, Exception], Exception]]


class _GiveUp(Exception):
    """The generated decoder does not decide; cattrs does."""


# What a field's wire check leaves in the variable: ("str",), ("int",), ("bool",),
# ("date",), ("aware",) for an aware datetime, ("member", cls) for an enum or a region
# code; ("optional", inner) when None is allowed too; None when a hook decoded it.
Kind = tuple[Any, ...] | None

_SCALARS: dict[Any, str] = {str: "str", int: "int", bool: "bool"}


def _optional_of(tp: Any) -> Any:
    """``X`` for ``X | None``, else None."""
    if get_origin(tp) in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if len(args) == 1 and len(get_args(tp)) == 2:
            return args[0]
    return None


def _wire_lines(tp: Any, var: str, env: dict[str, Any], hook: Hook) -> tuple[list[str], Kind]:
    """The lines that check and decode ``var`` as ``tp``, and what they leave in it."""
    inner = _optional_of(tp)
    if inner is not None:
        lines, kind = _plain_wire_lines(inner, var, env)
        if kind is not None:
            guarded = [f"if {var} is not None:", *("    " + line for line in lines)]
            return guarded, ("optional", kind)
    else:
        lines, kind = _plain_wire_lines(tp, var, env)
        if kind is not None:
            return lines, kind
    name = f"_hook_{var}"
    env[name], env[f"_type_{var}"] = hook(tp), tp
    return [f"{var} = {name}({var}, _type_{var})"], None


def _plain_wire_lines(tp: Any, var: str, env: dict[str, Any]) -> tuple[list[str], Kind]:
    if tp in _SCALARS:
        return [f"if type({var}) is not {tp.__name__}: raise _GiveUp"], (_SCALARS[tp],)
    if tp is dt.date:  # text from JSON; a date as it is from TOML
        return [
            f"if type({var}) is str and len({var}) == 10: {var} = _date_from({var})",
            f"elif type({var}) is not _date: raise _GiveUp",
        ], ("date",)
    if tp is dt.datetime:
        # Parsed from text, an instant has a fixed offset exactly when its tzinfo is set.
        return [
            f"if type({var}) is str:",
            f"    {var} = _datetime_from({var})",
            f"    if {var}.tzinfo is None: raise _GiveUp",
            f"elif type({var}) is not _datetime or {var}.utcoffset() is None: raise _GiveUp",
        ], ("aware",)
    if tp is RegionCode:
        return [
            f"if type({var}) is not str: raise _GiveUp",
            f"{var} = _interned_codes.get({var}) or _RegionCode({var})",
        ], ("member", RegionCode)
    if isinstance(tp, type) and issubclass(tp, LabelledEnum):
        env[f"_members_{var}"] = dict(tp._value2member_map_)
        return [
            f"if type({var}) is not str: raise _GiveUp",
            f"{var} = _members_{var}[{var}]",
        ], ("member", tp)
    return [], None


@cache
def _minute_zones() -> frozenset[dt.timezone]:
    """Every fixed offset of whole minutes, UTC among them (a timezone equals another of
    the same offset, whatever its name). Built on first use, not at import."""
    return frozenset(dt.timezone(dt.timedelta(minutes=m)) for m in range(-1439, 1440))


_TYPE_OF = {"str": str, "int": int, "bool": bool, "date": dt.date, "aware": dt.datetime}


def _inline_check(validator: Any, kind: Kind, var: str) -> list[str] | None:
    """Lines doing what ``validator`` checks, given what the wire check left (``kind``):
    none when the wire check implies it; None when the validator must be called."""
    what = DESCRIBED.get(validator)
    if what is None or kind is None:
        return None
    return _inline(what, kind, var)


def _inline(what: tuple[Any, ...], kind: tuple[Any, ...], var: str) -> list[str] | None:
    optional = kind[0] == "optional"
    if what[0] == "optional":  # None, or what the inner description says
        lines = _inline(what[1], kind[1] if optional else kind, var)
        if lines and optional:
            return [f"if {var} is not None:", *("    " + line for line in lines)]
        return lines
    base = kind[1] if optional else kind
    if what[0] == "text" and kind == ("str",):
        if what[2]:  # blank allowed
            return [f"if len({var}) > {what[1]}: raise _GiveUp"]
        # Blank is empty or all whitespace (``not s.strip()``); isspace() is the quicker.
        return [f"if not 0 < len({var}) <= {what[1]} or {var}.isspace(): raise _GiveUp"]
    if what[0] == "count" and kind == ("int",):
        return [f"if not {what[1]} <= {var} <= {what[2]}: raise _GiveUp"]
    if what[0] == "whole" and kind == ("int",):
        tests = [f"not -{MAX_COUNT} <= {var} <= {MAX_COUNT}"]
        if what[1] is not None:
            tests.append(f"{var} < {what[1]}")
        if what[2]:
            tests.append(f"not {var}")
        return [f"if {' or '.join(tests)}: raise _GiveUp"]
    if optional and not what[-1]:
        return None  # None passes the wire check, not the validator: let it say so
    if what[0] in ("date", "aware") and base == (what[0],):
        return []
    if what[0] == "instance_of":
        made = base[1] if base[0] == "member" else _TYPE_OF.get(base[0])
        if isinstance(made, type) and issubclass(made, what[1]):
            return []
    return None


def _default_passes(validator: Any, attribute: Any, default: Any) -> bool:
    """Whether a described validator takes the field's default (checked once, here)."""
    try:
        validator(None, attribute, default)
    except Exception:
        return False
    return True


_RAISE = ": raise _GiveUp"


def _merged(wire: list[str], check: list[str]) -> list[str]:
    """The wire check and the validator's as one test where each is one, under the same
    guard if any (``if v is not None:``): a test and a jump less a field. ``or`` tries the
    second only when the first passed, as in turn."""
    if len(wire) == len(check) == 2 and wire[0] == check[0] and wire[0].endswith(":"):
        return [wire[0], *("    " + line for line in _merged([wire[1][4:]], [check[1][4:]]))]
    if len(wire) == len(check) == 1 and all(
        line.startswith("if ") and line.endswith(_RAISE) for line in (*wire, *check)
    ):
        return [f"{wire[0][: -len(_RAISE)]} or {check[0][3:]}"]
    return [*wire, *check]


_INIT_NAMES = frozenset({"_cached_setattr_get", "_config", "_run_validators", "NOTHING"})


def _plain_init(cls: Any) -> bool:
    """Whether ``cls.__init__`` is attrs' own and does only what the decoder redoes."""
    init = cls.__dict__.get("__init__")
    code = getattr(init, "__code__", None)
    if code is None or not code.co_filename.startswith("<attrs generated"):
        return False
    if cls.__new__ is not object.__new__ or hasattr(cls, "__attrs_pre_init__"):
        return False
    fields = attrs.fields(cls)
    names = {a.name for a in fields} | _INIT_NAMES | {"__attrs_post_init__"}
    if not all(n in names or n.startswith("__attr_") for n in code.co_names):
        return False  # hash caching, or anything else attrs may learn to do
    return all(
        a.init
        and a.alias == a.name
        and not (isinstance(a.default, attrs.Factory) and a.default.takes_self)  # type: ignore[arg-type]
        for a in fields
    )


def _plain_field(a: Any) -> bool:
    """A field whose type alone says how cattrs reads it, with a plain-function converter."""
    if a.type is None or isinstance(a.type, TypeVar) or get_origin(a.type) is Annotated:
        return False
    return not isinstance(a.converter, attrs.Converter)


def build_decoder(
    cls: Any, converter: cattrs.Converter, hook: Hook, tag: Tag | None, loads: Hook | None = None
) -> Decoder | None:
    """A decoder ``(data, cls=None) -> record`` for ``cls``, or None to keep cattrs' hook.

    ``hook(type)`` gives the decoder of a field type the code does not check inline;
    ``tag`` is a union member's ``("kind", "case.opened")``, which the data may carry.
    The decoder's ``with_loads(loads)`` is the same decoder of JSON text, parsed by
    ``loads`` in the same function: a call less a record.
    """
    if not (isinstance(cls, type) and attrs.has(cls)) or not _plain_init(cls):
        return None
    try:
        attrs.resolve_types(cls)
    except Exception:  # an annotation that does not resolve: cattrs will say so
        return None
    fields = attrs.fields(cls)
    if not all(_plain_field(a) for a in fields):
        return None
    env: dict[str, Any] = {
        "_GiveUp": _GiveUp,
        "_date": dt.date,
        "_datetime": dt.datetime,
        "_date_from": dt.date.fromisoformat,
        "_datetime_from": dt.datetime.fromisoformat,
        "_RegionCode": RegionCode,
        # RegionCode(value) looks its argument up here first; one call less a code.
        "_interned_codes": _INTERNED,
        "_new": object.__new__,
        "_set": object.__setattr__,
        "_cls": cls,
    }
    # No unknown keys: every required key is read (a missing one raises), each optional
    # one found is counted, and the dict holds no more keys than that, or one more: the
    # tag, with its value (checked last, where the count says it is there).
    required = sum(a.default is attrs.NOTHING for a in fields)
    optional = required < len(fields)
    if tag and tag[0] in attrs.fields_dict(cls):
        return None  # a field of the tag's name: cattrs sorts it out
    lines = ["if type(o) is not dict: raise _GiveUp", *(["found = 0"] if optional else [])]
    if tag:
        env["_tag"], env["_tag_value"] = tag
    after: list[str] = []
    for i, a in enumerate(fields):
        var = f"v{i}"
        wire, kind = _wire_lines(a.type, var, env, hook)
        check = _inline_check(a.validator, kind, var) if a.validator else []
        checks = _merged(wire, check or [])
        if a.default is attrs.NOTHING:
            lines += [f"{var} = o[{a.name!r}]", *checks]
        else:
            lines += [f"if {a.name!r} in o:", f"    {var} = o[{a.name!r}]", "    found += 1"]
            lines += ["    " + line for line in checks]
            if isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
                env[f"_factory_{var}"] = a.default.factory
                lines += ["else:", f"    {var} = _factory_{var}()"]
                check = None  # a fresh value each time: the validator sees it, as in attrs
            else:
                env[f"_default_{var}"] = a.default
                lines += ["else:", f"    {var} = _default_{var}"]
                if (
                    check is not None
                    and a.validator
                    and not _default_passes(a.validator, a, a.default)
                ):
                    check = None
        if a.converter is not None:
            env[f"_converter_{var}"] = a.converter
            lines.append(f"{var} = _converter_{var}({var})")
            check = None if a.validator else check
        if a.validator and check is None:
            env[f"_validator_{var}"], env[f"_attribute_{var}"] = a.validator, a
            after.append(f"_validator_{var}(self, _attribute_{var}, {var})")
    keys = f"{required} + found" if optional else f"{required}"
    if tag:
        lines.append(f"extra = len(o) - ({keys})")
        lines.append("if extra and (extra != 1 or o[_tag] != _tag_value): raise _GiveUp")
    else:
        lines.append(f"if len(o) != {keys}: raise _GiveUp")
    twin = plain_twin(cls)
    if twin is not None:
        # Set on an instance of the twin, a plain assignment each, then made the record.
        env["_twin"] = twin
        lines.append("self = _twin()")
        lines += [f"self.{a.name} = v{i}" for i, a in enumerate(fields)]
        lines.append("self.__class__ = _cls")
    else:
        lines.append("self = _new(_cls)")
    for i, a in enumerate(fields if twin is None else ()):
        # A slot's descriptor sets it a third quicker than object.__setattr__ (which finds it).
        slot = getattr(cls, a.name, None)
        if type(slot) is types.MemberDescriptorType:
            env[f"_slot_{i}"] = slot.__set__
            lines.append(f"_slot_{i}(self, v{i})")
        else:
            lines.append(f"_set(self, {a.name!r}, v{i})")
    lines += after
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("self.__attrs_post_init__()")
    lines.append("return self")
    if loads is not None:
        env["_loads"] = loads
        return _compile(f"read_{cls.__name__}", "text", ["o = _loads(text)", *lines], env, cls)
    made = _compile(f"decode_{cls.__name__}", "o, _=None", lines, env, cls)
    made.with_loads = lambda loads: build_decoder(cls, converter, hook, tag, loads)  # type: ignore[attr-defined]
    return made


def build_encoder(
    cls: Any, hook: Hook, tag: Tag | None, writes: Writes | None = None
) -> Encoder | None:
    """An encoder ``record -> dict`` for orjson: dates, enums, region codes and instants of
    whole-minute offsets left as they are (orjson writes them as the codec's dict form
    would), the rest through ``hook(type)``.

    The keys come in cattrs' order: the tag, the fields, then each field added later
    (``LATER_FIELD``) that differs from its default. None where a field's type is not one
    cattrs reads from the annotation alone: the codec's own hook writes those records.

    With ``writes`` (see :func:`json_encoder`) it returns the JSON text instead.
    """
    if not (isinstance(cls, type) and attrs.has(cls)):
        return None
    try:
        attrs.resolve_types(cls)
    except Exception:
        return None
    env: dict[str, Any] = {"_datetime_text": unstructure_datetime, "_minute_zones": _minute_zones()}
    items = [f"{tag[0]!r}: {tag[1]!r}"] if tag else []
    later: list[str] = []
    for i, a in enumerate(attrs.fields(cls)):
        if not a.init:
            continue  # derived state (an index): cattrs leaves it out too
        if not _plain_field(a):
            return None
        value = _encoded(a.type, f"obj.{a.name}", f"_hook_{i}", env, hook)
        if not a.metadata.get("omit_if_default"):
            items.append(f"{a.name!r}: {value}")
            continue
        if isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            if a.default.takes_self:
                return None
            env[f"_factory_{i}"] = a.default.factory
            default = f"_factory_{i}()"
        else:
            env[f"_default_{i}"] = a.default
            default = f"_default_{i}"
        later += [f"if obj.{a.name} != {default}:", f"    res[{a.name!r}] = {value}"]
    body = "{" + ", ".join(items) + "}"
    if writes is None:
        lines = [f"res = {body}", *later, "return res"] if later else [f"return {body}"]
        return _compile(f"encode_{cls.__name__}", "obj", lines, env, cls)
    # Only the backend's own errors are the text's: the dict is built outside the try, so
    # that a field hook's error reaches the caller as it did.
    env["_dumps"], decoded, env["_refuse"] = writes
    text = "_dumps(res).decode()" if decoded else "_dumps(res)"
    lines = [f"res = {body}", *later, "try:", f"    return {text}", *_REFUSED]
    return _compile(f"write_{cls.__name__}", "obj", lines, env, cls)


def _encoded(tp: Any, get: str, name: str, env: dict[str, Any], hook: Hook) -> str:
    inner = _optional_of(tp)
    base = tp if inner is None else inner
    if base in _SCALARS or base is dt.date or base is RegionCode:
        return get
    if isinstance(base, type) and issubclass(base, LabelledEnum):
        # orjson would read ``value``, a Python-level property on enums: ``_value_`` is
        # the same string, read directly.
        return get if inner is not None else f"{get}._value_"
    if base is dt.datetime:
        # orjson writes an instant as isoformat() does, but for an offset with seconds
        # (local mean time before 1901, +08:05:43): it gets the instant as it is when its
        # zone is a whole-minute offset, else the codec's text (which refuses naive ones).
        var = f"{name}_value"
        hooked = f"_datetime_text({var})" if inner is None else f"{name}({var})"
        if inner is not None:
            env[name] = hook(tp)
        if inner is None:
            return f"({var} if ({var} := {get}).tzinfo in _minute_zones else {hooked})"
        taken = f"({var} := {get}) is None or {var}.tzinfo in _minute_zones"
        return f"({var} if {taken} else {hooked})"
    env[name] = hook(tp)
    return f"{name}({get})"


# What to_json says of data the backend cannot write.
_REFUSED = [
    "except (TypeError, ValueError, RecursionError) as e:",
    "    raise _refuse(obj, e) from None",
]


def _compile(name: str, args: str, lines: list[str], env: dict[str, Any], cls: Any) -> Decoder:
    source = f"def {name}({args}):\n" + "".join(f"    {line}\n" for line in lines)
    filename = f"<wulian_core codec {name} {cls.__module__}.{cls.__qualname__}>"
    # In linecache, so that a traceback through the generated code shows its lines.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), env)
    made: Decoder = env[name]
    return made


def install(converter: cattrs.Converter) -> None:
    """Make ``converter`` (the codec's fast one) decode records through generated decoders
    wherever it would use cattrs' generated hook, union members included."""
    own = _own_hooks()
    built: dict[Any, Decoder | None] = {}

    def hook(tp: Any) -> Any:
        return converter.get_structure_hook(tp)

    def decoder(cls: Any) -> Decoder | None:
        if cls not in built:
            built[cls] = None  # a class that names itself gets cattrs' hook
            built[cls] = None if cls in own else build_decoder(cls, converter, hook, None)
        return built[cls]

    # Consulted only for classes no hook is registered for (cattrs looks those up first).
    def made(cls: Any) -> Decoder:
        return built[cls]  # type: ignore[return-value]  # the predicate built it

    converter.register_structure_hook_factory(
        lambda t: isinstance(t, type) and attrs.has(t) and decoder(t) is not None, made
    )
    for member, tag in _tags().items():
        tagged = build_decoder(member, converter, hook, tag)
        if tagged is not None:
            converter.register_structure_hook(member, tagged)


def json_encoder(
    cls: Any, converter: cattrs.Converter, writes: Writes | None = None
) -> Encoder | None:
    """The generated JSON encoder of ``cls`` (see :func:`build_encoder`), or None.

    With ``writes``, ``(dumps, decoded, refuse)``, a writer ``record -> JSON text``: the
    encoder and the backend in one function, a call less a record. ``dumps`` is the
    backend's, ``decoded`` whether it gives bytes to decode (orjson) rather than text, and
    ``refuse(record, error)`` the error to raise when the backend cannot write the data.
    """
    if not isinstance(cls, type) or cls in _own_hooks():
        return None
    return build_encoder(cls, converter.get_unstructure_hook, _tags().get(cls), writes)


_own_hooks = cache(own_hooks)


@cache
def _tags() -> dict[Any, Tag]:
    return {
        member: ("kind", member.kind)  # type: ignore[attr-defined]
        for _, members in wire_unions()
        for member in members
    }

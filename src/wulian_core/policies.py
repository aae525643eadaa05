"""Policies as data: the bundled target sets, and TOML files of your own.

``load("shaanxi-2022")`` reads a policy that ships with the library; ``load(text)``
reads TOML text in the same format. A policy file is a :class:`~wulian_core.rules.TargetSet`:
``name``, ``title_zh``, ``title_en``, ``source``, an array ``[[targets]]`` (each with its
``kind`` tag) and an array ``[[parameters]]``. In a policy file a share may be written
``"50%"``, ``"1/2"`` or ``{numerator = 1, denominator = 2}``; a float is refused.

Escalation policies ship the same way: ``load_escalation("kangbashi")`` reads the bundled
《康巴什区矛盾纠纷联排联化工作办法》 (an :class:`~wulian_core.escalation.EscalationPolicy`),
``load_escalation(text)`` a TOML file of your own.

Target kinds of your own load when you pass their registry:
``load(text, kinds=DEFAULT_KINDS.with_kind(MyTarget, measure))``.

>>> plan = load("shaanxi-2022")
>>> plan.target("organization-mix").comparison.label_zh
'超过'
>>> load('name = "x"\\ntitle_zh = "x"\\ntitle_en = "x"\\n[[targets]]\\nkind = "nope"')
Traceback (most recent call last):
...
wulian_core.errors.DecodeError: cannot decode TargetSet:
- targets[0].kind: unknown kind 'nope'; expected one of charity_presence, ...
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
from collections.abc import Mapping
from functools import cache
from typing import Any

import attrs

from . import codec
from .errors import DecodeError, InvalidValue, WulianError
from .escalation import EscalationPolicy
from .rules import DEFAULT_KINDS, Parameter, Share, TargetKinds, TargetSet

__all__ = ["bundled", "bundled_escalation", "load", "load_escalation"]

_SUFFIX = ".toml"


def bundled() -> tuple[str, ...]:
    """The names of the policies that ship with the library.

    >>> bundled()
    ('shaanxi-2022', 'shaanxi-2024')
    """
    return tuple(sorted(_bundled_texts()))


def bundled_escalation() -> tuple[str, ...]:
    """The names of the escalation policies that ship with the library.

    >>> bundled_escalation()
    ('kangbashi',)
    """
    return tuple(sorted(_bundled_texts("wulian_core._escalation")))


def load_escalation(name_or_text: str) -> EscalationPolicy:
    """A bundled escalation policy by name, or one from TOML text; checked when loaded.

    Every problem, the graph of routes included, comes out at once with its path in one
    :class:`~wulian_core.errors.DecodeError`.

    >>> policy = load_escalation("kangbashi")
    >>> policy.name, [level.id for level in policy.levels]
    ('康巴什区矛盾纠纷联排联化工作办法', ['liaison', 'grid', 'community', 'agency'])
    >>> policy.routes[0].channel.value, policy.routes[0].to
    ('platform', 'agency')
    >>> load_escalation("kangbashi-2019")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: name_or_text: no bundled escalation policy by this name ... (got 'kangbashi-2019')
    """
    if not isinstance(name_or_text, str):
        raise InvalidValue("name_or_text", name_or_text, "must be a policy name or TOML text")
    texts = _bundled_texts("wulian_core._escalation")
    text = texts.get(name_or_text)
    if text is None:
        if "=" not in name_or_text:
            raise InvalidValue(
                "name_or_text",
                name_or_text,
                f"no bundled escalation policy by this name (bundled: {', '.join(sorted(texts))}) "
                "and not TOML text",
            )
        text = name_or_text
    return codec.from_toml(EscalationPolicy, text)


@cache
def _bundled_texts(package: str = "wulian_core.rules") -> dict[str, str]:
    folder = importlib.resources.files(package).joinpath("policies")
    return {
        entry.name.removesuffix(_SUFFIX): entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(_SUFFIX)
    }


def load(
    name_or_text: str,
    *,
    kinds: TargetKinds = DEFAULT_KINDS,
    parameters: Mapping[str, Any] | None = None,
) -> TargetSet:
    """A bundled policy by name, or a policy from TOML text; ``parameters`` override.

    Every bad field is reported at once, with its path, in one
    :class:`~wulian_core.errors.DecodeError`.

    >>> load("shaanxi-2022", parameters={"widely": "2/3"}).target("joint-activity").rollup_at_least
    Share(numerator=2, denominator=3)
    >>> load("shaanxi-2021")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: name_or_text: no bundled policy by this name ... (got 'shaanxi-2021')
    """
    if not isinstance(name_or_text, str):
        raise InvalidValue("name_or_text", name_or_text, "must be a policy name or TOML text")
    if not isinstance(kinds, TargetKinds):
        raise InvalidValue("kinds", kinds, "must be a TargetKinds")
    texts = _bundled_texts()
    text = texts.get(name_or_text)
    if text is None:
        if "=" not in name_or_text:
            raise InvalidValue(
                "name_or_text",
                name_or_text,
                f"no bundled policy by this name (bundled: {', '.join(sorted(texts))}) "
                "and not TOML text",
            )
        text = name_or_text
    targets = _decode(text, kinds)
    if parameters is not None and not isinstance(parameters, Mapping):
        raise InvalidValue("load.parameters", parameters, "must be a mapping of names to values")
    if parameters:
        targets = targets.with_parameters(**parameters)
    return targets


def _decode(text: str, kinds: TargetKinds) -> TargetSet:
    import tomllib  # here, not at the top: its parser costs milliseconds at import

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DecodeError("TargetSet", [("", f"not valid TOML: {exc}")]) from None
    problems: list[tuple[str, str]] = []
    raw_targets = data.pop("targets", None)
    if not isinstance(raw_targets, list):
        problems.append(("targets", "required: an array of tables [[targets]]"))
        raw_targets = []
    decoded = []
    for position, raw in enumerate(raw_targets):
        where = f"targets[{position}]"
        target = _decode_target(raw, kinds, where, problems)
        if target is not None:
            decoded.append(target)
    raw_parameters = data.pop("parameters", [])
    if not isinstance(raw_parameters, list):
        problems.append(("parameters", "must be an array of tables [[parameters]]"))
        raw_parameters = []
    declared = []
    for position, raw in enumerate(raw_parameters):
        if _quoted_dates(Parameter, raw, f"parameters[{position}]", problems):
            continue
        try:
            declared.append(codec.from_dict(Parameter, raw))
        except DecodeError as exc:
            problems.extend(_under(f"parameters[{position}]", exc.problems))
    try:
        shell = None
        if not _quoted_dates(TargetSet, data, "", problems):
            shell = codec.from_dict(TargetSet, {**data, "targets": []})
    except DecodeError as exc:
        problems.extend(exc.problems)
    if problems or shell is None:
        raise DecodeError("TargetSet", problems)
    try:
        return attrs.evolve(shell, targets=decoded, parameters=declared)
    except WulianError as exc:
        reason = exc.reason if isinstance(exc, InvalidValue) else str(exc)
        raise DecodeError("TargetSet", [("", reason)]) from None


def _under(where: str, problems: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    return [(f"{where}.{path}" if path else where, message) for path, message in problems]


def _decode_target(
    raw: Any, kinds: TargetKinds, where: str, problems: list[tuple[str, str]]
) -> Any:
    if not isinstance(raw, dict):
        problems.append((where, f"must be a table (got {raw!r})"))
        return None
    tag = raw.get("kind")
    if not isinstance(tag, str) or tag not in kinds:
        what = "missing" if tag is None else f"unknown kind {tag!r}"
        problems.append((f"{where}.kind", f"{what}; expected one of {', '.join(kinds.tags)}"))
        return None
    cls = kinds.class_of(tag)
    body = {key: value for key, value in raw.items() if key != "kind"}
    if _quoted_dates(cls, body, where, problems):
        return None
    for name in _share_fields(cls):
        value = body.get(name)
        if isinstance(value, str | float):
            try:
                share = Share.of(value)  # a float is refused here, with its reason
            except InvalidValue as exc:
                problems.append((f"{where}.{name}", f"{exc.reason} (got {exc.shown})"))
                continue
            body[name] = {"numerator": share.numerator, "denominator": share.denominator}
    try:
        return codec.from_dict(cls, body)
    except DecodeError as exc:
        problems.extend(_under(where, exc.problems))
        return None


def _quoted_dates(cls: Any, raw: Any, where: str, problems: list[tuple[str, str]]) -> bool:
    """Report each date field of ``cls`` written as a string; whether there was one.

    TOML has dates of its own (``due_by = 2023-12-31``); a quoted one is a string that
    JSON would accept, but in a policy file it is a slip that a reader cannot see.
    """
    if not isinstance(raw, dict):
        return False
    found = False
    for name in _date_fields(cls):
        value = raw.get(name)
        if isinstance(value, str):
            path = f"{where}.{name}" if where else name
            problems.append((path, f"must be a TOML date, written unquoted (got {value!r})"))
            found = True
    return found


def _date_fields(cls: Any) -> tuple[str, ...]:
    """The fields of an attrs class that hold a date (optional or not)."""
    try:
        attrs.resolve_types(cls)
    except Exception:
        return ()
    return tuple(
        a.name for a in attrs.fields(cls) if dt.date in (a.type, *getattr(a.type, "__args__", ()))
    )


def _share_fields(cls: Any) -> tuple[str, ...]:
    """The fields of a target class that hold a Share (optional or not)."""
    try:
        attrs.resolve_types(cls)
    except Exception:
        return tuple(
            a.name for a in attrs.fields(cls) if isinstance(a.type, str) and "Share" in a.type
        )
    return tuple(
        a.name for a in attrs.fields(cls) if Share in (a.type, *getattr(a.type, "__args__", ()))
    )

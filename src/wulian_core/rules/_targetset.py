"""A policy as data: its targets, and the parameters its text leaves open."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
from attrs import field

from wulian_core import _checks
from wulian_core._frozen import frozen
from wulian_core.errors import InvalidValue, NotFound

from ._base import Target
from ._targets import AnyTarget, OrganizationCount, OrganizationShare

__all__ = ["Parameter", "TargetSet"]


def _paths(instance: Any, attribute: Any, value: Any) -> None:
    if type(value) is not tuple or not value:
        raise InvalidValue(
            _checks.field_name(instance, attribute), value, "must name one target field or more"
        )
    for path in value:
        if type(path) is not str or path.count(".") != 1 or not all(path.split(".")):
            raise InvalidValue(
                _checks.field_name(instance, attribute), path, "must read 'target-id.field'"
            )


@frozen(kw_only=True)
class Parameter:
    """A number a policy's text leaves open, with the default it ships and why.

    ``applies_to`` names the target fields it sets, as ``"target-id.field"``.

    >>> p = Parameter(name="widely", applies_to=["joint-activity.rollup_at_least"],
    ...     note_zh="“普遍推广”未给比例", note_en="'widely' gives no figure")
    >>> p.applies_to
    ('joint-activity.rollup_at_least',)
    """

    name: str = field(validator=_checks.identifier)
    applies_to: tuple[str, ...] = field(converter=_checks.to_tuple, validator=_paths)
    note_zh: str = field(default="", validator=_checks.text(allow_empty=True, max_length=1000))
    note_en: str = field(default="", validator=_checks.text(allow_empty=True, max_length=1000))


def _targets(instance: Any, attribute: Any, value: Any) -> None:
    if type(value) is not tuple:
        raise InvalidValue("TargetSet.targets", value, "must be a sequence of targets")
    for position, target in enumerate(value):
        if not isinstance(target, Target) or not attrs.has(type(target)):
            raise InvalidValue(
                f"TargetSet.targets[{position}]",
                target,
                "must be a Target (a frozen attrs subclass of wulian_core.rules.Target)",
                shown=f"a {type(target).__name__}",
            )
        if not isinstance(type(target).kind, str) or not type(target).kind:
            raise InvalidValue(
                f"TargetSet.targets[{position}]",
                type(target).__name__,
                "its class sets no kind tag (kind: ClassVar[str] = '...')",
            )


def _parameters(instance: Any, attribute: Any, value: Any) -> None:
    if type(value) is not tuple or not all(isinstance(p, Parameter) for p in value):
        raise InvalidValue("TargetSet.parameters", value, "must be a sequence of Parameters")


@frozen(kw_only=True)
class TargetSet:
    """A policy's targets, in the order its report lists them, and its open parameters.

    Load the bundled ones with :func:`wulian_core.policies.load`; build your own from
    targets, or from a TOML file of your own.

    >>> from wulian_core import policies
    >>> plan = policies.load("shaanxi-2022")
    >>> plan.name, len(plan) > 5, plan.target("urban-organizations").threshold
    ('shaanxi-2022', True, 10)
    >>> plan.with_parameters(regular_months=10).target("regular-activity").threshold
    10
    """

    name: str = field(validator=_checks.identifier)
    title_zh: str = field(validator=_checks.name)
    title_en: str = field(validator=_checks.name)
    source: str = field(default="", validator=_checks.text(allow_empty=True, max_length=2000))
    targets: tuple[AnyTarget, ...] = field(converter=_checks.to_tuple, validator=_targets)
    parameters: tuple[Parameter, ...] = field(
        default=(), converter=_checks.to_tuple, validator=_parameters
    )

    def __attrs_post_init__(self) -> None:
        problems: list[str] = []
        seen: dict[str, AnyTarget] = {}
        for target in self.targets:
            if target.id in seen:
                problems.append(f"target id {target.id!r} is used twice")
            seen[target.id] = target
        for target in self.targets:
            if isinstance(target, OrganizationCount) and target.mix is not None:
                mix = seen.get(target.mix)
                if not isinstance(mix, OrganizationShare):
                    problems.append(
                        f"target {target.id!r}: mix {target.mix!r} is not an "
                        "organization_share target of this set"
                    )
        names: set[str] = set()
        for parameter in self.parameters:
            if parameter.name in names:
                problems.append(f"parameter {parameter.name!r} is declared twice")
            names.add(parameter.name)
            for path in parameter.applies_to:
                target_id, _, name = path.partition(".")
                found = seen.get(target_id)
                if found is None:
                    problems.append(f"parameter {parameter.name!r}: no target {target_id!r}")
                elif name in ("id", "kind") or name not in attrs.fields_dict(type(found)):
                    problems.append(
                        f"parameter {parameter.name!r}: {type(found).__name__} "
                        f"has no field {name!r} to set"
                    )
        if problems:
            raise InvalidValue("TargetSet", self.name, "; ".join(problems))

    def __len__(self) -> int:
        return len(self.targets)

    def __iter__(self) -> Iterator[AnyTarget]:
        return iter(self.targets)

    @property
    def ids(self) -> tuple[str, ...]:
        """The target ids, in order."""
        return tuple(t.id for t in self.targets)

    def target(self, target_id: str) -> AnyTarget:
        """The target with this id; :class:`~wulian_core.errors.NotFound` if absent."""
        for target in self.targets:
            if target.id == target_id:
                return target
        raise NotFound("target", target_id, argument="TargetSet.target.target_id")

    def parameter(self, name: str) -> Parameter:
        """The parameter with this name; :class:`~wulian_core.errors.NotFound` if absent."""
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        raise NotFound("parameter", name, argument="TargetSet.parameter.name")

    def parameter_values(self) -> dict[str, Any]:
        """Each parameter's current value, read from the first field it sets.

        >>> from wulian_core import policies
        >>> policies.load("shaanxi-2022").parameter_values()["regular_months"]
        12
        """
        values: dict[str, Any] = {}
        for parameter in self.parameters:
            target_id, _, name = parameter.applies_to[0].partition(".")
            values[parameter.name] = getattr(self.target(target_id), name)
        return values

    def with_parameters(self, **values: Any) -> TargetSet:
        """A new set with parameters changed; each target's own checks run again.

        >>> from wulian_core import policies
        >>> policies.load("shaanxi-2022").with_parameters(often=3)
        Traceback (most recent call last):
        ...
        wulian_core.errors.InvalidValue: parameters: unknown parameter; expected one of ... (got 'often')
        """
        known = {p.name: p for p in self.parameters}
        changes: dict[str, dict[str, Any]] = {}
        for name, value in values.items():
            parameter = known.get(name)
            if parameter is None:
                expected = ", ".join(sorted(known)) or "(none)"
                raise InvalidValue(
                    "parameters", name, f"unknown parameter; expected one of {expected}"
                )
            for path in parameter.applies_to:
                target_id, _, field_name = path.partition(".")
                changes.setdefault(target_id, {})[field_name] = value
        targets = [attrs.evolve(t, **changes[t.id]) if t.id in changes else t for t in self.targets]
        return attrs.evolve(self, targets=targets)

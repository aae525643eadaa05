"""The extension point: an immutable registry of target kinds and their evaluators.

A kind of your own is a frozen attrs subclass of :class:`~wulian_core.rules.Target`
with a ``kind`` tag and a ``threshold``, and a ``measure`` function that says, for one
subject region, what it measures. ``DEFAULT_KINDS.with_kind(MyTarget, measure)`` returns
a new registry; pass it to :func:`~wulian_core.rules.evaluate` and to
:func:`wulian_core.policies.load`. Nothing is registered globally.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol, cast

import attrs
from attrs import field

from wulian_core import _checks
from wulian_core._frozen import frozen
from wulian_core._typed import typed
from wulian_core.errors import InvalidValue, NotFound
from wulian_core.model import Region
from wulian_core.regions import RegionCode

from ._base import Target
from ._context import Context, SubjectList
from ._counting import Share, Status

__all__ = ["Measure", "Measurement", "TargetKinds"]


_count = _checks.count()  # a whole number from 0 to _checks.MAX_COUNT (10**12)


def _optional_count(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None:
        _count(instance, attribute, value)


def _texts(instance: Any, attribute: Any, value: Any) -> None:
    if type(value) is not tuple or not all(type(v) is str for v in value):
        raise InvalidValue(_checks.field_name(instance, attribute), value, "must be strings")


@frozen(kw_only=True, field_transformer=typed)
class Measurement:
    """What a kind's ``measure`` function found for one subject.

    ``numerator`` is the count measured; for a target with a share threshold,
    ``denominator`` is what it is a share of (0: nothing to measure, undefined).
    ``missing`` names what is missing (shown in the finding); ``note_zh`` / ``note_en``
    are added to the shortfall words.

    >>> Measurement(numerator=2, missing=["2024-03"]).missing
    ('2024-03',)
    >>> Measurement(numerator=-1)
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Measurement.numerator: must be a whole number from 0 to 1000000000000 (got -1)
    """

    numerator: int = field(validator=_count)
    denominator: int | None = field(default=None, validator=_optional_count)
    missing: tuple[str, ...] = field(default=(), converter=_checks.to_tuple, validator=_texts)
    note_zh: str = field(default="", validator=_checks.text(allow_empty=True, max_length=500))
    note_en: str = field(default="", validator=_checks.text(allow_empty=True, max_length=500))


class Measure(Protocol):
    """A kind's measure function: what one subject region measures on the date.

    >>> from wulian_core import synth
    >>> def count_grids(target, subject, context) -> Measurement:
    ...     return Measurement(numerator=len(context.directory.grids_of(subject.code)))
    >>> d = synth.kangbashi()
    >>> count_grids(None, d.region(synth.YUEHE), Context(d, as_of=dt.date(2024, 1, 1))).numerator > 0
    True
    """

    def __call__(self, target: Any, subject: Region, context: Context, /) -> Measurement: ...


@frozen
class Row:
    """One finding's values, as a kind's words are written from them."""

    subject: RegionCode
    numerator: int
    denominator: int | None
    shortfall: int
    detail: Any
    status: Status


class Env(Protocol):
    """What words may read besides the row: the date, the set, other targets' values."""

    @property
    def as_of(self) -> dt.date: ...

    def target(self, target_id: str) -> Any: ...

    def window(self, months: int) -> tuple[dt.date, dt.date]: ...

    def month_labels(self, months: int) -> tuple[str, ...]: ...

    def values(self, target_id: str, code: RegionCode) -> tuple[int, int | None] | None: ...


Measured = tuple[Sequence[int], Sequence[int] | None, Sequence[Any] | None]


class Evaluator(Protocol):
    """How a kind is evaluated: measures for a list of subjects, and words for a row."""

    def measure(self, target: Any, subjects: SubjectList, context: Context) -> Measured: ...

    def describe(self, target: Any, row: Row, env: Env) -> tuple[str, str, tuple[str, ...]]: ...


def generic_words(target: Target, row: Row) -> tuple[str, str]:
    """Shortfall words from the kind's units: "还需增加3项" / "needs 3 more items"."""
    cls = type(target)
    k = row.shortfall
    if row.status is Status.UNDEFINED:
        return "无可计量的对象，无法评价", "nothing to measure"
    if target.comparison.wants_more:
        unit_en = cls.unit_en if k == 1 else plural(cls.unit_en)
        return f"还需增加{k}{cls.unit_zh}", f"needs {k} more {unit_en}"
    unit_en = cls.unit_en if k == 1 else plural(cls.unit_en)
    return f"超出{k}{cls.unit_zh}", f"{k} {unit_en} too many"


def plural(noun: str) -> str:
    """A plain English plural: "organization" → "organizations", "activity" → "activities"."""
    if noun.endswith(("staff", "work")):
        return noun
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


class _PerSubject:
    """Adapts a user's per-subject ``measure`` function to the evaluator protocol."""

    __slots__ = ("_measure",)

    def __init__(self, measure: Measure) -> None:
        self._measure = measure

    def measure(self, target: Any, subjects: SubjectList, context: Context) -> Measured:
        numerators: list[int] = []
        denominators: list[int] = []
        details: list[Any] = []
        wants_share = isinstance(target.threshold, Share)
        for region in subjects.regions:
            found = self._measure(target, region, context)
            if not isinstance(found, Measurement):
                raise InvalidValue(
                    f"{type(target).__name__} measure",
                    found,
                    "must return a Measurement",
                    shown=f"a {type(found).__name__}",
                )
            if wants_share and found.denominator is None:
                raise InvalidValue(
                    "Measurement.denominator",
                    None,
                    f"target {target.id!r} has a share threshold: measure a denominator",
                )
            numerators.append(found.numerator)
            denominators.append(found.denominator if found.denominator is not None else 0)
            has_detail = found.missing or found.note_zh or found.note_en
            details.append((found.missing, found.note_zh, found.note_en) if has_detail else None)
        return (
            numerators,
            denominators if wants_share else None,
            details if any(d is not None for d in details) else None,
        )

    def describe(self, target: Any, row: Row, env: Env) -> tuple[str, str, tuple[str, ...]]:
        zh, en = generic_words(target, row)
        if row.detail is None:
            return zh, en, ()
        missing, note_zh, note_en = row.detail
        return (
            f"{zh}；{note_zh}" if note_zh else zh,
            f"{en}; {note_en}" if note_en else en,
            missing,
        )


@frozen
class _Kind:
    tag: str
    cls: type[Target]
    evaluator: Evaluator = field(eq=False)


def _kinds(instance: Any, attribute: Any, value: Any) -> None:
    if type(value) is not tuple or not all(isinstance(k, _Kind) for k in value):
        raise InvalidValue("TargetKinds.kinds", value, "must be built with TargetKinds.with_kind")


@frozen(repr=False)
class TargetKinds:
    """Target kinds by tag, each with its evaluator; built, never changed.

    >>> from wulian_core.rules import DEFAULT_KINDS, Measurement, Target, Subjects
    >>> from attrs import frozen
    >>> from typing import ClassVar
    >>> @frozen(kw_only=True)
    ... class GridCount(Target):
    ...     kind: ClassVar[str] = "example.grid_count"
    ...     unit_zh: ClassVar[str] = "个网格"
    ...     unit_en: ClassVar[str] = "grid"
    ...     threshold: int = 1
    >>> def count_grids(target, subject, context):
    ...     return Measurement(numerator=len(context.directory.grids_of(subject.code)))
    >>> kinds = DEFAULT_KINDS.with_kind(GridCount, count_grids)
    >>> "example.grid_count" in kinds, "example.grid_count" in DEFAULT_KINDS
    (True, False)
    >>> kinds.class_of("example.grid_count") is GridCount
    True
    """

    kinds: tuple[_Kind, ...] = field(default=(), converter=_checks.to_tuple, validator=_kinds)
    _by_tag: dict[str, _Kind] = field(init=False, eq=False, hash=False, repr=False)
    _by_class: dict[type, _Kind] = field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # Frozen: the lookups are set once here, as Directory sets its index.
        object.__setattr__(self, "_by_tag", {k.tag: k for k in self.kinds})
        object.__setattr__(self, "_by_class", {k.cls: k for k in self.kinds})

    def __repr__(self) -> str:
        return f"TargetKinds({', '.join(self.tags)})"

    def __contains__(self, item: object) -> bool:
        return item in self._by_tag or item in self._by_class

    @property
    def tags(self) -> tuple[str, ...]:
        """The kind tags, sorted."""
        return tuple(sorted(self._by_tag))

    @property
    def classes(self) -> tuple[type[Target], ...]:
        """The target classes, in the order they were added."""
        return tuple(k.cls for k in self.kinds)

    def class_of(self, tag: str) -> type[Target]:
        """The class of a tag; :class:`~wulian_core.errors.NotFound` for an unknown one."""
        kind = self._by_tag.get(tag) if isinstance(tag, str) else None
        if kind is None:
            raise NotFound("target kind", tag)
        return kind.cls

    def evaluator_for(self, target: Target) -> Evaluator:
        """The evaluator of ``target``'s class; NotFound if the class is not registered."""
        kind = self._by_class.get(type(target))
        if kind is None:
            raise NotFound("target kind", f"{type(target).__name__} (target {target.id!r})")
        return kind.evaluator

    def with_kind(self, cls: type[Target], measure: Measure | Evaluator) -> TargetKinds:
        """A new registry with ``cls`` evaluated by ``measure(target, subject, context)``.

        ``cls`` must be a frozen attrs subclass of Target whose ``kind`` tag is new here.
        """
        if not (isinstance(cls, type) and issubclass(cls, Target) and attrs.has(cls)):
            raise InvalidValue("cls", cls, "must be an attrs subclass of wulian_core.rules.Target")
        tag = getattr(cls, "kind", "")
        if not isinstance(tag, str) or not tag.strip():
            raise InvalidValue("cls", cls.__name__, "must set a kind tag: kind: ClassVar[str]")
        if "threshold" not in attrs.fields_dict(cls):
            raise InvalidValue("cls", cls.__name__, "must define a threshold field (int or Share)")
        if tag in self._by_tag:
            raise InvalidValue(
                "cls", tag, f"kind already registered for {self._by_tag[tag].cls.__name__}"
            )
        if not callable(measure) and not hasattr(measure, "describe"):
            raise InvalidValue("measure", measure, "must be a function or an evaluator")
        # A batch evaluator, as the shipped kinds have, or a per-subject function.
        evaluator: Evaluator = (
            cast("Evaluator", measure)
            if hasattr(measure, "measure") and hasattr(measure, "describe")
            else _PerSubject(measure)
        )
        return TargetKinds((*self.kinds, _Kind(tag, cast("type[Target]", cls), evaluator)))

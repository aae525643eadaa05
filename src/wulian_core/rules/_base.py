"""What every target has: an id, titles, its subjects, a comparison, dates.

A target kind is a frozen attrs class that subclasses :class:`Target`, adds its own
``threshold`` (a count or a :class:`~wulian_core.rules.Share`) and whatever it needs,
and names itself with a ``kind`` class variable: the tag its policy files use.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any, ClassVar

from attrs import field

from wulian_core import _checks
from wulian_core._frozen import frozen
from wulian_core.errors import InvalidValue
from wulian_core.model import OrganizationCategory, Region, Registration, SocialOrganization
from wulian_core.regions import RegionLevel, SettlementKind, TownshipKind

from ._counting import Comparison, Share, share_field, to_optional_share

__all__ = ["OrganizationFilter", "Subjects", "Target", "count", "months", "never_false"]


def _optional_tag(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None:
        _checks.identifier(instance, attribute, value)


@frozen(kw_only=True)
class Subjects:
    """Which regions a target is held against: a level, and optionally a kind and a tag.

    ``tag`` selects regions that carry it or lie inside one that does: tag a county
    ``"pilot"`` and its townships are pilot townships, and their communities the
    communities of pilot townships.

    >>> from wulian_core.model import Region, RegionCode
    >>> urban = Subjects(level=RegionLevel.COMMUNITY, settlement=SettlementKind.URBAN)
    >>> urban.describe_en, urban.describe_zh
    ('urban communities', '城市社区')
    >>> Subjects(level=RegionLevel.TOWNSHIP, tag="pilot").describe_zh
    '乡镇（街道）（标记 pilot）'
    >>> Subjects(level=RegionLevel.COUNTY, settlement=SettlementKind.RURAL)
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Subjects.settlement: only for communities (got <SettlementKind.RURAL: 'rural'>)
    """

    level: RegionLevel = field(validator=_checks.instance_of(RegionLevel))
    settlement: SettlementKind | None = field(
        default=None, validator=_checks.instance_of(SettlementKind, optional=True)
    )
    township_kind: TownshipKind | None = field(
        default=None, validator=_checks.instance_of(TownshipKind, optional=True)
    )
    tag: str | None = field(default=None, validator=_optional_tag)

    def __attrs_post_init__(self) -> None:
        if self.settlement is not None and self.level is not RegionLevel.COMMUNITY:
            raise InvalidValue("Subjects.settlement", self.settlement, "only for communities")
        if self.township_kind is not None and self.level is not RegionLevel.TOWNSHIP:
            raise InvalidValue("Subjects.township_kind", self.township_kind, "only for townships")

    def admits(self, region: Region) -> bool:
        """Whether ``region`` has the level and kind (the tag is checked with its parents).

        >>> from wulian_core.model import RegionCode
        >>> Subjects(level=RegionLevel.COMMUNITY, settlement=SettlementKind.RURAL).admits(
        ...     Region(code=RegionCode("610102001001"), name="村", settlement=SettlementKind.RURAL))
        True
        """
        return (
            region.code.level is self.level
            and (self.settlement is None or region.settlement is self.settlement)
            and (self.township_kind is None or region.township_kind is self.township_kind)
        )

    @property
    def describe_zh(self) -> str:
        """The subjects in Chinese: 城市社区, 乡镇（街道）（标记 pilot）."""
        if self.settlement is not None:
            words = self.settlement.label_zh
        elif self.township_kind is not None:
            words = self.township_kind.label_zh
        else:
            words = self.level.label_zh
        return words + (f"（标记 {self.tag}）" if self.tag else "")

    @property
    def describe_en(self) -> str:
        """The subjects in English: "urban communities", "townships tagged pilot"."""
        if self.settlement is not None:
            words = f"{self.settlement.value} communities"
        elif self.township_kind is not None:
            words = "streets" if self.township_kind is TownshipKind.STREET else "towns"
        else:
            words = _LEVEL_PLURALS[self.level]
        return words + (f" tagged {self.tag}" if self.tag else "")


_LEVEL_PLURALS = {
    RegionLevel.PROVINCE: "provinces",
    RegionLevel.CITY: "cities",
    RegionLevel.COUNTY: "counties",
    RegionLevel.TOWNSHIP: "townships",
    RegionLevel.COMMUNITY: "communities",
}


def _enum_set(kind: type) -> Any:
    check = _checks.instance_of(kind)

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, frozenset):
            raise InvalidValue(_checks.field_name(instance, attribute), value, "must be a set")
        for item in value:
            check(instance, attribute, item)

    return validate


@frozen(kw_only=True)
class OrganizationFilter:
    """Which community social organizations count: by category and registration.

    An empty set means any. :attr:`PRIORITY` is Shaanxi's "服务性、公益性、互助性".

    >>> OrganizationFilter.PRIORITY.describe_en
    'service, welfare or mutual-aid'
    >>> OrganizationFilter().describe_zh
    ''
    """

    PRIORITY: ClassVar[OrganizationFilter]

    categories: frozenset[OrganizationCategory] = field(
        default=frozenset(),
        converter=_checks.to_frozenset,
        validator=_enum_set(OrganizationCategory),
    )
    registrations: frozenset[Registration] = field(
        default=frozenset(), converter=_checks.to_frozenset, validator=_enum_set(Registration)
    )

    @property
    def is_everything(self) -> bool:
        """Whether every organization counts."""
        return not self.categories and not self.registrations

    def matches(self, organization: SocialOrganization) -> bool:
        """Whether ``organization`` counts.

        >>> import datetime as dt
        >>> from wulian_core.model import RegionCode
        >>> org = SocialOrganization(id="o-1", name="互助会", community=RegionCode("610102001001"),
        ...     category=OrganizationCategory.MUTUAL_AID, registration=Registration.FILED,
        ...     established=dt.date(2022, 1, 1))
        >>> OrganizationFilter.PRIORITY.matches(org)
        True
        """
        return (not self.categories or organization.category in self.categories) and (
            not self.registrations or organization.registration in self.registrations
        )

    def both(self, other: OrganizationFilter) -> OrganizationFilter:
        """Organizations that pass this filter and ``other``.

        >>> f = OrganizationFilter(registrations={Registration.REGISTERED})
        >>> f.both(OrganizationFilter.PRIORITY).describe_en
        'service, welfare or mutual-aid registered'
        """

        def meet(mine: frozenset[Any], theirs: frozenset[Any]) -> frozenset[Any]:
            if not mine:
                return theirs
            if not theirs:
                return mine
            return mine & theirs

        return OrganizationFilter(
            categories=meet(self.categories, other.categories),
            registrations=meet(self.registrations, other.registrations),
        )

    @cached_property
    def describe_zh(self) -> str:
        """The qualifier in Chinese, empty for every organization."""
        if self.categories == _PRIORITY:
            words = "服务性、公益性、互助性"
        else:
            words = "、".join(c.label_zh for c in OrganizationCategory if c in self.categories)
        registrations = "、".join(r.label_zh for r in Registration if r in self.registrations)
        return words + (f"（{registrations}）" if registrations else "")

    @cached_property
    def describe_en(self) -> str:
        """The qualifier in English, empty for every organization."""
        if self.categories == _PRIORITY:
            words = "service, welfare or mutual-aid"
        else:
            words = " or ".join(
                c.value.replace("_", " ") for c in OrganizationCategory if c in self.categories
            )
        registrations = " or ".join(r.value for r in Registration if r in self.registrations)
        return " ".join(w for w in (words, registrations) if w)


_PRIORITY = frozenset(c for c in OrganizationCategory if c.is_priority)
OrganizationFilter.PRIORITY = OrganizationFilter(categories=_PRIORITY)


def _check_id(instance: Any, attribute: Any, value: Any) -> None:
    _checks.identifier(instance, attribute, value)
    if "." in value:
        raise InvalidValue(_checks.field_name(instance, attribute), value, "must not contain '.'")


def _check_due(instance: Target, attribute: Any, value: Any) -> None:
    _checks.optional_date(instance, attribute, value)
    if value is not None and value < instance.applies_from:
        raise InvalidValue(
            _checks.field_name(instance, attribute),
            value,
            f"must not be before applies_from {instance.applies_from.isoformat()}",
        )


@frozen(kw_only=True)
class Target:
    """The fields every target kind shares; subclass it to add a kind of your own.

    - ``id``: unique within its set (no dots: parameters name ``id.field``);
    - ``title_zh`` / ``title_en``: what it asks for;
    - ``subjects``: the regions it is held against;
    - ``comparison``: how the measure meets the ``threshold`` each kind defines;
    - ``applies_from``: before this date the target is not evaluated;
    - ``due_by``: after this date a finding that is not met is overdue;
    - ``rollup_at_least``: the share of subjects in a township, county or city that must
      meet it for that region to meet it ("普遍", widely); ``None`` means every subject;
    - ``quote_zh``: the words of the plan it comes from.

    A subclass sets the ``kind`` tag (and may set ``unit_zh`` / ``unit_en`` for the
    generic shortfall words).

    >>> from attrs import frozen
    >>> from typing import ClassVar
    >>> @frozen(kw_only=True)
    ... class GridCount(Target):
    ...     kind: ClassVar[str] = "example.grid_count"
    ...     unit_zh: ClassVar[str] = "个网格"
    ...     unit_en: ClassVar[str] = "grid"
    ...     threshold: int = 1
    >>> t = GridCount(id="grids", title_zh="划分网格", title_en="Grids drawn",
    ...     subjects=Subjects(level=RegionLevel.COMMUNITY), applies_from=dt.date(2024, 1, 1))
    >>> t.kind, t.comparison.label_zh, t.threshold
    ('example.grid_count', '以上/不少于', 1)
    """

    kind: ClassVar[str] = ""
    unit_zh: ClassVar[str] = "项"
    unit_en: ClassVar[str] = "item"

    id: str = field(validator=_check_id)
    title_zh: str = field(validator=_checks.name)
    title_en: str = field(validator=_checks.name)
    subjects: Subjects = field(validator=_checks.instance_of(Subjects))
    comparison: Comparison = field(
        default=Comparison.AT_LEAST, validator=_checks.instance_of(Comparison)
    )
    applies_from: dt.date = field(validator=_checks.a_date)
    due_by: dt.date | None = field(default=None, validator=_check_due)
    rollup_at_least: Share | None = field(
        default=None,
        converter=to_optional_share,
        validator=share_field(optional=True),
    )
    quote_zh: str = field(default="", validator=_checks.text(allow_empty=True, max_length=1000))

    @property
    def threshold(self) -> int | Share:
        """The threshold; each kind defines it as a count or a share."""
        raise NotImplementedError(f"{type(self).__name__} defines no threshold")

    @property
    def rollup_share(self) -> Share:
        """The share of subjects a region needs: ``rollup_at_least``, or all of them."""
        return self.rollup_at_least if self.rollup_at_least is not None else _ALL

    def applies_on(self, day: dt.date) -> bool:
        """Whether the target is evaluated on ``day`` (from ``applies_from`` on)."""
        return self.applies_from <= day


_ALL = Share(1, 1)


def count(instance: Any, attribute: Any, value: Any) -> None:
    """Validator: a whole number from 0 to ``_checks.MAX_COUNT`` (10**12)."""
    _COUNT(instance, attribute, value)


_COUNT = _checks.count()


def months(instance: Any, attribute: Any, value: Any) -> None:
    """Validator: a window of 1 to 120 months."""
    if type(value) is not int or not 1 <= value <= 120:
        raise InvalidValue(
            _checks.field_name(instance, attribute), value, "must be a number of months, 1 to 120"
        )


def never_false(target: Target, threshold: int) -> None:
    """Cross-field check: "less than 0" can never be met."""
    if target.comparison is Comparison.LESS_THAN and threshold == 0:
        raise InvalidValue(
            f"{type(target).__name__}.threshold", threshold, "less than 0 can never be met"
        )

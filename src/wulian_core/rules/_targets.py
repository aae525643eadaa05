"""The target kinds that ship with the library, one per generic evaluator.

Each is frozen data. What it measures per subject:

- :class:`OrganizationCount`: community social organizations existing on the date;
- :class:`OrganizationShare`: the share of a part of them (service, welfare, mutual aid);
- :class:`StationCoverage`: social-work stations of the subject's own level;
- :class:`StationStaffing`: distinct people posted at those stations on the date;
- :class:`StationRegulations`: regulations on record at those stations;
- :class:`StationWorkRecords`: kinds of station work on record in a window of months;
- :class:`RegularActivity`: months of the window with an activity;
- :class:`JointActivity`: activities of social workers and volunteers together;
- :class:`CharityPresence`: charity funds or projects (such as 幸福家园);
- :class:`VolunteerGrowth`, :class:`TrainingHeld`, :class:`ServiceReach`: volunteer
  teams growing, trainings held, station services reaching villages.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, ClassVar

from attrs import field

from wulian_core import _checks
from wulian_core._frozen import frozen
from wulian_core.errors import InvalidValue
from wulian_core.model import Role, StationLevel, StationWorkKind

from ._activity_targets import CharityPresence, CharityRecord, JointActivity, RegularActivity
from ._base import OrganizationFilter, Target, count, months, never_false
from ._counting import Comparison, Share, share_field, to_share
from ._plan_targets import ServiceReach, TrainingHeld, VolunteerGrowth

__all__ = [
    "CharityPresence",
    "CharityRecord",
    "JointActivity",
    "OrganizationCount",
    "OrganizationShare",
    "RegularActivity",
    "ServiceReach",
    "StationCoverage",
    "StationRegulations",
    "StationStaffing",
    "StationWorkRecords",
    "TrainingHeld",
    "VolunteerGrowth",
]


def _station_level(target: Target) -> StationLevel:
    level = target.subjects.level
    for station_level in StationLevel:
        if station_level.region_level is level:
            return station_level
    raise InvalidValue(
        f"{type(target).__name__}.subjects", level, "a province has no social-work station"
    )


@frozen(kw_only=True)
class OrganizationCount(Target):
    """Community social organizations in each subject, existing on the date.

    ``counting`` says which count (any, by default). ``mix`` names an
    :class:`OrganizationShare` target of the same set: the shortfall then says how many
    of the organizations still needed must be of its part.

    >>> import datetime as dt
    >>> from wulian_core.rules import Subjects
    >>> from wulian_core.regions import RegionLevel, SettlementKind
    >>> t = OrganizationCount(id="urban", title_zh="城市社区社会组织10个以上",
    ...     title_en="10 or more in each urban community", threshold=10,
    ...     subjects=Subjects(level=RegionLevel.COMMUNITY, settlement=SettlementKind.URBAN),
    ...     applies_from=dt.date(2022, 1, 1), due_by=dt.date(2023, 12, 31))
    >>> t.kind, t.comparison.symbol, t.threshold
    ('organization_count', '≥', 10)
    """

    kind: ClassVar[str] = "organization_count"
    unit_zh: ClassVar[str] = "个社区社会组织"
    unit_en: ClassVar[str] = "community social organization"

    threshold: int = field(validator=count)
    counting: OrganizationFilter = field(
        factory=OrganizationFilter, validator=_checks.instance_of(OrganizationFilter)
    )
    mix: str | None = field(default=None, validator=_checks.instance_of(str, optional=True))

    def __attrs_post_init__(self) -> None:
        never_false(self, self.threshold)


@frozen(kw_only=True)
class OrganizationShare(Target):
    """The share of ``part`` among the organizations ``counting`` selects, exactly.

    A subject with no organizations to count is undefined, not a pass.

    >>> import datetime as dt
    >>> from wulian_core.rules import Subjects, OrganizationFilter
    >>> from wulian_core.regions import RegionLevel
    >>> t = OrganizationShare(id="mix", title_zh="服务性、公益性、互助性占比超过50%",
    ...     title_en="Service, welfare and mutual aid over half",
    ...     subjects=Subjects(level=RegionLevel.COMMUNITY), part=OrganizationFilter.PRIORITY,
    ...     comparison=Comparison.MORE_THAN, threshold="50%", applies_from=dt.date(2022, 1, 1))
    >>> t.threshold == Share(1, 2)
    True
    """

    kind: ClassVar[str] = "organization_share"
    unit_zh: ClassVar[str] = "个社区社会组织"
    unit_en: ClassVar[str] = "community social organization"

    threshold: Share = field(converter=to_share, validator=share_field())
    part: OrganizationFilter = field(validator=_checks.instance_of(OrganizationFilter))
    counting: OrganizationFilter = field(
        factory=OrganizationFilter, validator=_checks.instance_of(OrganizationFilter)
    )

    def __attrs_post_init__(self) -> None:
        if self.comparison is Comparison.MORE_THAN and self.threshold == Share(1, 1):
            raise InvalidValue("OrganizationShare.threshold", "1/1", "more than all is impossible")
        if self.comparison is Comparison.LESS_THAN and self.threshold == Share(0, 1):
            raise InvalidValue("OrganizationShare.threshold", "0/1", "less than none is impossible")

    @property
    def numerator_filter(self) -> OrganizationFilter:
        """The organizations measured: the part, among those counted."""
        return self.part.both(self.counting)


@frozen(kw_only=True)
class StationCoverage(Target):
    """Social-work stations of the subject's own level: the four-level system.

    A city counts its working mechanism (工作机制), a county its county station, a
    township its township station, a community its community station.

    >>> import datetime as dt
    >>> from wulian_core.rules import Subjects
    >>> from wulian_core.regions import RegionLevel
    >>> t = StationCoverage(id="county-stations", title_zh="县级社会工作服务站",
    ...     title_en="County stations", subjects=Subjects(level=RegionLevel.COUNTY),
    ...     applies_from=dt.date(2022, 1, 1))
    >>> t.station_level.label_zh, t.threshold
    ('县级社会工作服务站', 1)
    """

    kind: ClassVar[str] = "station_coverage"
    unit_zh: ClassVar[str] = "个社会工作服务站"
    unit_en: ClassVar[str] = "social-work station"

    threshold: int = field(default=1, validator=count)

    def __attrs_post_init__(self) -> None:
        _station_level(self)
        never_false(self, self.threshold)

    @cached_property
    def station_level(self) -> StationLevel:
        """The level of station that serves the subjects."""
        return _station_level(self)


_STATION_ROLES = frozenset({Role.STATION_STAFF, Role.SOCIAL_WORKER})


def _roles(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, frozenset) or not value:
        raise InvalidValue(_checks.field_name(instance, attribute), value, "must name a role")
    for role in value:
        if not isinstance(role, Role):
            raise InvalidValue(_checks.field_name(instance, attribute), role, "must be a Role")


@frozen(kw_only=True)
class StationStaffing(Target):
    """Distinct people posted at the subject's stations on the date (驻站人员).

    Posts of the ``roles`` (station staff and social workers, by default) over the
    stations of the subject's level count once per person. A subject without a station
    has no staff: it does not meet a floor.

    >>> import datetime as dt
    >>> from wulian_core.rules import Subjects
    >>> from wulian_core.regions import RegionLevel
    >>> t = StationStaffing(id="staff", title_zh="驻站人员不少于三人",
    ...     title_en="At least three stationed staff", threshold=3,
    ...     subjects=Subjects(level=RegionLevel.TOWNSHIP, tag="pilot"),
    ...     applies_from=dt.date(2022, 1, 1))
    >>> sorted(r.value for r in t.roles)
    ['social_worker', 'station_staff']
    """

    kind: ClassVar[str] = "station_staffing"
    unit_zh: ClassVar[str] = "名驻站人员"
    unit_en: ClassVar[str] = "stationed staff"

    threshold: int = field(validator=count)
    roles: frozenset[Role] = field(
        default=_STATION_ROLES, converter=_checks.to_frozenset, validator=_roles
    )

    def __attrs_post_init__(self) -> None:
        _station_level(self)
        never_false(self, self.threshold)

    @cached_property
    def station_level(self) -> StationLevel:
        """The level of station whose staff count."""
        return _station_level(self)


@frozen(kw_only=True)
class StationRegulations(Target):
    """Distinct regulations (制度) on record at the subject's stations.

    With ``required`` (the regulations named, 各项制度), only those named count, and the
    finding lists the ones missing; the threshold then defaults to all of them.

    >>> import datetime as dt
    >>> from wulian_core.rules import Subjects
    >>> from wulian_core.regions import RegionLevel
    >>> StationRegulations(id="rules", title_zh="各项制度健全", title_en="Regulations in place",
    ...     subjects=Subjects(level=RegionLevel.TOWNSHIP), applies_from=dt.date(2022, 1, 1)).threshold
    1
    >>> StationRegulations(id="rules", title_zh="各项制度健全", title_en="Regulations in place",
    ...     subjects=Subjects(level=RegionLevel.TOWNSHIP), applies_from=dt.date(2024, 1, 1),
    ...     required={"驻站制度", "服务记录制度"}).threshold
    2
    """

    kind: ClassVar[str] = "station_regulations"
    unit_zh: ClassVar[str] = "项制度"
    unit_en: ClassVar[str] = "regulation"

    required: frozenset[str] = field(
        default=frozenset(), converter=_checks.to_frozenset, validator=_checks.strings()
    )
    threshold: int = field(validator=count)

    @threshold.default
    def _every_named(self) -> int:
        return len(self.required) or 1

    def __attrs_post_init__(self) -> None:
        _station_level(self)
        never_false(self, self.threshold)
        if self.required and self.threshold > len(self.required):
            raise InvalidValue(
                "StationRegulations.threshold",
                self.threshold,
                f"must not exceed the {len(self.required)} regulations named",
            )

    @cached_property
    def station_level(self) -> StationLevel:
        """The level of station whose regulations count."""
        return _station_level(self)


def _work_kinds(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, frozenset) or not value:
        raise InvalidValue(
            _checks.field_name(instance, attribute), value, "must name a kind of work"
        )
    for kind in value:
        if not isinstance(kind, StationWorkKind):
            raise InvalidValue(
                _checks.field_name(instance, attribute), kind, "must be a StationWorkKind"
            )


@frozen(kw_only=True)
class StationWorkRecords(Target):
    """How many of the ``work`` kinds the subject's stations have on record in the window.

    The window is the last ``months`` whole calendar months up to the date (see
    :meth:`~wulian_core.rules.Context.window`).

    >>> import datetime as dt
    >>> from wulian_core.rules import Subjects
    >>> from wulian_core.regions import RegionLevel
    >>> t = StationWorkRecords(id="work", title_zh="开展需求调研等", title_en="Station work",
    ...     subjects=Subjects(level=RegionLevel.TOWNSHIP), applies_from=dt.date(2022, 1, 1))
    >>> t.threshold, t.months
    (4, 12)
    """

    kind: ClassVar[str] = "station_work"
    unit_zh: ClassVar[str] = "类工作"
    unit_en: ClassVar[str] = "kind of work"

    work: frozenset[StationWorkKind] = field(
        default=frozenset(StationWorkKind), converter=_checks.to_frozenset, validator=_work_kinds
    )
    months: int = field(default=12, validator=months)
    threshold: int = field(validator=count)

    @threshold.default
    def _every_kind(self) -> int:
        return len(self.work)

    def __attrs_post_init__(self) -> None:
        _station_level(self)
        never_false(self, self.threshold)
        if self.threshold > len(self.work):
            raise InvalidValue(
                "StationWorkRecords.threshold",
                self.threshold,
                f"must not exceed the {len(self.work)} kinds of work named",
            )

    @cached_property
    def station_level(self) -> StationLevel:
        """The level of station whose work counts."""
        return _station_level(self)


SHIPPED_KINDS: tuple[type[Target], ...] = (
    OrganizationCount,
    OrganizationShare,
    StationCoverage,
    StationStaffing,
    StationRegulations,
    StationWorkRecords,
    RegularActivity,
    JointActivity,
    CharityPresence,
    VolunteerGrowth,
    TrainingHeld,
    ServiceReach,
)

# The annotation of TargetSet.targets and the codec's union: the shipped kinds by their
# tags, and any other Target subclass (a user's kind) for the type checker.
AnyTarget = (
    OrganizationCount
    | OrganizationShare
    | StationCoverage
    | StationStaffing
    | StationRegulations
    | StationWorkRecords
    | RegularActivity
    | JointActivity
    | CharityPresence
    | VolunteerGrowth
    | TrainingHeld
    | ServiceReach
    | Target
)

"""People, their posts and the actors they become: residents, grid workers, secretaries.

Personal data (phone numbers, 18-digit ID-card numbers) never appears whole in a
``repr``, a ``str`` or an error message; ``reveal()`` is the one way to read it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from attrs import field

from . import _checks
from ._enums import LabelledEnum
from ._frozen import frozen
from ._personal_numbers import IdCardNumber, PhoneNumber, _Personal
from ._personal_numbers import id_card_check_digit as id_card_check_digit
from .errors import InvalidValue
from .regions import RegionCode, RegionLevel

__all__ = [
    "Actor",
    "Grant",
    "IdCardNumber",
    "Person",
    "PhoneNumber",
    "Post",
    "Resident",
    "Role",
    "Scope",
    "ScopeKind",
]


def _personal(kind: type[_Personal]) -> Any:
    """An attrs validator for an optional personal number: a refusal shows it masked."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if value is not None and type(value) is not kind:
            article = "an" if kind.__name__[0] in "AEIOU" else "a"
            raise InvalidValue(
                _checks.field_name(instance, attribute),
                value,
                f"must be {article} {kind.__name__} or None",
                personal=True,
            )

    return check


@frozen(kw_only=True)
class Person:
    """A person known to the directory; other records point at ``id``.

    >>> Person(id="p-1", name="王芳", phone=PhoneNumber("13800138000"))
    Person(id='p-1', name='王芳', phone=PhoneNumber('138****8000'), id_card=None)
    >>> Person(id="p-1", name="王芳", phone="13800138000")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Person.phone: must be a PhoneNumber or None (got '138****8000')
    """

    id: str = field(validator=_checks.identifier)
    name: str = field(validator=_checks.name)
    phone: PhoneNumber | None = field(default=None, validator=_personal(PhoneNumber))
    id_card: IdCardNumber | None = field(default=None, validator=_personal(IdCardNumber))


@frozen(kw_only=True)
class Resident:
    """A person living in a community, in one of its grids; many are floating population.

    >>> from wulian_core.regions import RegionCode
    >>> Resident(person="p-1", community=RegionCode("150603001001"), grid="g-1",
    ...          floating=True).floating
    True
    """

    person: str = field(validator=_checks.identifier)
    community: RegionCode = field(validator=_checks.instance_of(RegionCode))
    grid: str | None = field(default=None, validator=_checks.instance_of(str, optional=True))
    floating: bool = field(default=False, validator=_checks.instance_of(bool))
    household: str | None = field(default=None, validator=_checks.instance_of(str, optional=True))


class ScopeKind(LabelledEnum):
    """What a post is over: a region, a grid, a station or a specialist agency.

    >>> ScopeKind.GRID.label_zh
    '网格'
    """

    REGION = "region", "区域"
    GRID = "grid", "网格"
    STATION = "station", "社工站"
    AGENCY = "agency", "专门机构"


def _check_scope_key(instance: Scope, attribute: Any, value: Any) -> None:
    _checks.identifier(instance, attribute, value)
    if instance.kind is ScopeKind.REGION:
        try:
            RegionCode(value)
        except InvalidValue as refused:  # name the field, not only the type
            raise InvalidValue(
                "Scope.key", value, f"must be a RegionCode: {refused.reason}"
            ) from None


@frozen
class Scope:
    """Where a post applies: ``Scope.grid("g-1")``, ``Scope.region(code)`` and so on.

    >>> Scope.region(RegionCode("150603001001")).region_code
    RegionCode('150603001001')
    >>> Scope.grid("g-7")
    Scope(kind=<ScopeKind.GRID: 'grid'>, key='g-7')
    """

    kind: ScopeKind = field(validator=_checks.instance_of(ScopeKind))
    key: str = field(validator=_check_scope_key)

    @classmethod
    def region(cls, code: RegionCode) -> Scope:
        """A region (community, township, county...) by its code."""
        if not isinstance(code, str):
            raise InvalidValue("Scope.region.code", code, "must be a RegionCode")
        return cls(ScopeKind.REGION, str(code))

    @classmethod
    def grid(cls, grid_id: str) -> Scope:
        """A grid by its id."""
        return cls(ScopeKind.GRID, grid_id)

    @classmethod
    def station(cls, station_id: str) -> Scope:
        """A social-work station by its id."""
        return cls(ScopeKind.STATION, station_id)

    @classmethod
    def agency(cls, agency_id: str) -> Scope:
        """A specialist agency by its id."""
        return cls(ScopeKind.AGENCY, agency_id)

    @property
    def region_code(self) -> RegionCode | None:
        """The region's code for a region scope, else ``None``."""
        return RegionCode(self.key) if self.kind is ScopeKind.REGION else None


class Role(LabelledEnum):
    """The roles of the grid, the community, the stations and the agencies.

    >>> Role.LIAISON.label_zh, Role.LIAISON.is_grid_team
    ('睦邻党群联络员', False)
    >>> Role.PART_TIME_GRID_WORKER.is_grid_team
    True
    """

    LIAISON = "liaison", "睦邻党群联络员"
    GRID_LEADER = "grid_leader", "网格长"
    FULL_TIME_GRID_WORKER = "full_time_grid_worker", "专职网格员"
    INDUSTRY_GRID_WORKER = "industry_grid_worker", "行业网格员"
    PART_TIME_GRID_WORKER = "part_time_grid_worker", "兼职网格员"
    COMMUNITY_SECRETARY = "community_secretary", "社区书记"
    COMMUNITY_WORKER = "community_worker", "社区工作者"
    SOCIAL_WORKER = "social_worker", "社会工作者"
    STATION_STAFF = "station_staff", "驻站人员"
    STREET_STAFF = "street_staff", "街道工作人员"
    AGENCY_STAFF = "agency_staff", "专门机构工作人员"
    SUPERVISOR = "supervisor", "督办人员"
    REVIEW_PANEL = "review_panel", "复核小组"

    @property
    def is_grid_team(self) -> bool:
        """The grid leader and the three kinds of grid worker (专职, 行业, 兼职)."""
        return self in _GRID_TEAM

    @property
    def scope_kinds(self) -> frozenset[ScopeKind]:
        """The kinds of scope a post in this role may be over."""
        return _ROLE_SCOPES[self]


_GRID_TEAM = frozenset(
    {
        Role.GRID_LEADER,
        Role.FULL_TIME_GRID_WORKER,
        Role.INDUSTRY_GRID_WORKER,
        Role.PART_TIME_GRID_WORKER,
    }
)
_ROLE_SCOPES: dict[Role, frozenset[ScopeKind]] = {
    Role.LIAISON: frozenset({ScopeKind.GRID}),
    Role.GRID_LEADER: frozenset({ScopeKind.GRID}),
    Role.FULL_TIME_GRID_WORKER: frozenset({ScopeKind.GRID}),
    Role.INDUSTRY_GRID_WORKER: frozenset({ScopeKind.GRID}),
    Role.PART_TIME_GRID_WORKER: frozenset({ScopeKind.GRID}),
    Role.COMMUNITY_SECRETARY: frozenset({ScopeKind.REGION}),
    Role.COMMUNITY_WORKER: frozenset({ScopeKind.REGION}),
    Role.SOCIAL_WORKER: frozenset({ScopeKind.STATION, ScopeKind.REGION}),
    Role.STATION_STAFF: frozenset({ScopeKind.STATION}),
    Role.STREET_STAFF: frozenset({ScopeKind.REGION}),
    Role.AGENCY_STAFF: frozenset({ScopeKind.AGENCY}),
    Role.SUPERVISOR: frozenset({ScopeKind.REGION, ScopeKind.AGENCY}),
    # The panel (old Party members, residents' representatives) that reviews objections
    # to moral points posted in public: a community's, or a street's for its communities.
    Role.REVIEW_PANEL: frozenset({ScopeKind.REGION}),
}
# Roles whose region scope must be a community, not a township or county.
_COMMUNITY_ROLES = frozenset({Role.COMMUNITY_SECRETARY, Role.COMMUNITY_WORKER})
_PANEL_LEVELS = frozenset({RegionLevel.COMMUNITY, RegionLevel.TOWNSHIP})


def _check_level(role: Role, scope: Scope, field: str) -> None:
    """A role is held over the level it works at, or InvalidValue naming ``field``.

    Staff checks compare scopes exactly, so a community worker over a township (or a
    province) would be staff of nowhere at best; refusing the grant says so at once.
    """
    if scope.kind not in role.scope_kinds:
        allowed = ", ".join(sorted(k.value for k in role.scope_kinds))
        raise InvalidValue(field, scope, f"{role.value} posts are over a scope of kind {allowed}")
    code = scope.region_code
    if role in _COMMUNITY_ROLES and code is not None and code.level is not RegionLevel.COMMUNITY:
        raise InvalidValue(
            field, scope, f"{role.value} posts are over a community, not a {code.level.value}"
        )
    if role is Role.STREET_STAFF and code is not None and code.level is not RegionLevel.TOWNSHIP:
        # A street office (街道办事处) is a township-level office: its staff are over one.
        raise InvalidValue(field, scope, "street_staff posts are over a township (街道)")
    if role is Role.REVIEW_PANEL and code is not None and code.level not in _PANEL_LEVELS:
        # A panel reviews the objections of its community's board, or of its street's
        # boards: one over a county or a province would review boards it has never seen.
        raise InvalidValue(
            field, scope, "review_panel posts are over a community or its street (a township)"
        )


def _check_post(post: Post) -> None:
    _check_level(post.role, post.scope, "Post.scope")
    if post.end is not None and post.end < post.start:
        raise InvalidValue("Post.end", post.end, f"must not be before start {post.start}")


@frozen(kw_only=True)
class Post:
    """A person in a role over a scope for a period (``end`` inclusive, ``None`` open).

    >>> post = Post(id="post-1", person="p-1", role=Role.FULL_TIME_GRID_WORKER,
    ...             scope=Scope.grid("g-1"), start=dt.date(2022, 1, 1))
    >>> post.active_on(dt.date(2021, 12, 31)), post.active_on(dt.date(2022, 1, 1))
    (False, True)
    >>> Post(id="post-2", person="p-1", role=Role.AGENCY_STAFF,
    ...      scope=Scope.grid("g-1"), start=dt.date(2022, 1, 1))
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Post.scope: agency_staff posts are over a scope of kind agency (got ...)
    """

    id: str = field(validator=_checks.identifier)
    person: str = field(validator=_checks.identifier)
    role: Role = field(validator=_checks.instance_of(Role))
    scope: Scope = field(validator=_checks.instance_of(Scope))
    start: dt.date = field(validator=_checks.a_date)
    end: dt.date | None = field(default=None, validator=_checks.optional_date)

    def __attrs_post_init__(self) -> None:
        _check_post(self)

    def active_on(self, day: dt.date) -> bool:
        """Whether the post is held on ``day`` (both ends inclusive)."""
        return self.start <= day and (self.end is None or day <= self.end)


@frozen
class Grant:
    """One role over one scope, as an actor holds it: at the level the role works at.

    A community worker or secretary is over a community, the liaison and the grid team
    over a grid, station staff over a station, agency staff over an agency, a supervisor
    over a region (any level: all below it) or an agency (:attr:`Role.scope_kinds`).

    >>> Grant(Role.COMMUNITY_SECRETARY, Scope.region(RegionCode("150603001001"))).role.label_zh
    '社区书记'
    >>> Grant(Role.COMMUNITY_WORKER, Scope.region(RegionCode("150603001")))
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Grant.scope: community_worker posts are over a community, not a township (got ...)
    """

    role: Role = field(validator=_checks.instance_of(Role))
    scope: Scope = field(validator=_checks.instance_of(Scope))

    def __attrs_post_init__(self) -> None:
        _check_level(self.role, self.scope, "Grant.scope")


def _check_grants(instance: Actor, attribute: Any, value: Any) -> None:
    if not isinstance(value, frozenset) or not all(type(g) is Grant for g in value):
        raise InvalidValue(_checks.field_name(instance, attribute), value, "must be Grants")


@frozen
class Actor:
    """A person acting, with the roles and scopes their posts give them on a date.

    Commands take an actor (``by=``) and refuse one that may not act there. A resident
    acting on their own case is an actor with no grants.

    >>> posts = [Post(id="a", person="p-1", role=Role.LIAISON, scope=Scope.grid("g-1"),
    ...               start=dt.date(2020, 1, 1), end=dt.date(2022, 12, 31))]
    >>> Actor.from_posts("p-1", posts, on=dt.date(2022, 6, 1)).holds(Role.LIAISON, Scope.grid("g-1"))
    True
    >>> Actor.from_posts("p-1", posts, on=dt.date(2023, 6, 1)).grants
    frozenset()
    """

    person: str = field(validator=_checks.identifier)
    grants: frozenset[Grant] = field(
        default=frozenset(), converter=_checks.to_frozenset, validator=_check_grants
    )

    @classmethod
    def from_posts(cls, person: str, posts: Iterable[Post], *, on: dt.date) -> Actor:
        """The actor ``person`` is on ``on``: the grants of their posts active that day."""
        if type(on) is not dt.date:
            raise InvalidValue("Actor.from_posts.on", on, "must be a date (not a datetime)")
        given: Any = posts  # checked here because callers pass anything
        if isinstance(given, str | bytes) or not hasattr(given, "__iter__"):
            raise InvalidValue("Actor.from_posts.posts", given, "must be an iterable of Post")
        posts = tuple(given)
        if not all(isinstance(p, Post) for p in posts):
            raise InvalidValue("Actor.from_posts.posts", posts, "must hold Post records only")
        return cls(
            person,
            frozenset(
                Grant(p.role, p.scope) for p in posts if p.person == person and p.active_on(on)
            ),
        )

    def holds(self, role: Role, scope: Scope) -> bool:
        """Whether the actor holds ``role`` over exactly ``scope``."""
        return Grant(role, scope) in self.grants

    def holds_over(self, role: Role, code: RegionCode) -> bool:
        """Whether the actor holds ``role`` over a region that contains ``code``."""
        for grant in self.grants:
            region = grant.scope.region_code
            if grant.role is role and region is not None and region.contains(code):
                return True
        return False

    @property
    def roles(self) -> frozenset[Role]:
        """The roles the actor holds anywhere."""
        return frozenset(g.role for g in self.grants)

"""Directory: an immutable, indexed, integrity-checked snapshot of a region's records.

Build one from iterables of records; it checks that they hang together (every
organization's community exists, every region's parents exist, every post points at
something real) and reports every problem at once. Queries answer "as of" a date: an
organization founded in 2023-06 does not count in 2022, and one dissolved on a date
stops counting after it.
"""

from __future__ import annotations

import datetime as dt
import typing
from bisect import bisect_left
from collections.abc import Iterable
from enum import Enum
from typing import Any, Protocol, TypeVar

import attrs
from attrs import field

from . import _checks
from ._activity_columns import Activities
from ._collector import paused_during
from ._directory_columns import Organizations
from ._directory_index import (
    NO_ACTIVITIES,
    NO_ORGANIZATIONS,
    Index,
    activity_columns,
    between_dates,
    build_index,
    checked_between,
    organization_columns,
    records,
)
from ._frames import Kind, frame
from ._frozen import frozen
from ._html import captioned_table
from ._labels import Lang, check_lang, heading
from .errors import InvalidValue, NotFound
from .model import (
    Activity,
    Actor,
    Agency,
    CharityFund,
    CharityProject,
    Grid,
    Person,
    Post,
    Region,
    RegionCode,
    RegionLevel,
    Resident,
    Role,
    Scope,
    SocialOrganization,
    SocialWorker,
    Station,
    StationLevel,
    StationWork,
    Volunteer,
)

__all__ = ["Activities", "Directory", "Organizations"]

R = TypeVar("R")


class _Dated(Protocol):
    def active_on(self, day: dt.date, /) -> bool: ...


D = TypeVar("D", bound=_Dated)


@frozen(kw_only=True, repr=False)
class Directory:
    """An immutable snapshot of a region's entities, indexed and integrity-checked.

    Every field takes any iterable of its records and holds them as a tuple, but
    ``organizations`` and ``activities``, which hold them as columns
    (:class:`Organizations`, :class:`Activities`: sequences of records made when read;
    the country has six million organizations and seven million activities). Construction checks
    referential integrity and raises one :class:`~wulian_core.errors.IntegrityError`
    listing every problem.

    >>> from wulian_core.model import (OrganizationCategory, Registration, Region,
    ...     RegionCode, SettlementKind, SocialOrganization, TownshipKind)
    >>> regions = [Region(code=RegionCode("15"), name="内蒙古自治区"),
    ...     Region(code=RegionCode("1506"), name="鄂尔多斯市"),
    ...     Region(code=RegionCode("150603"), name="康巴什区"),
    ...     Region(code=RegionCode("150603001"), name="滨河街道", township_kind=TownshipKind.STREET),
    ...     Region(code=RegionCode("150603001001"), name="悦和社区", settlement=SettlementKind.URBAN)]
    >>> org = SocialOrganization(id="o-1", name="悦和志愿服务队", community=RegionCode("150603001001"),
    ...     category=OrganizationCategory.PUBLIC_WELFARE, registration=Registration.REGISTERED,
    ...     established=dt.date(2023, 6, 1))
    >>> d = Directory(regions=regions, organizations=[org])
    >>> d
    Directory(regions=5, organizations=1)
    >>> len(d.organizations_of(RegionCode("150603"), as_of=dt.date(2022, 12, 31)))
    0
    >>> [o.id for o in d.organizations_of(RegionCode("150603"), as_of=dt.date(2023, 12, 31))]
    ['o-1']
    >>> Directory(regions=regions[1:], organizations=[org])
    Traceback (most recent call last):
    ...
    wulian_core.errors.IntegrityError: 1 integrity problem:
    - region 1506 (鄂尔多斯市): parent 15 is not in the directory
    """

    regions: tuple[Region, ...] = field(
        default=(), converter=_checks.to_tuple, validator=records(Region)
    )
    persons: tuple[Person, ...] = field(
        default=(), converter=_checks.to_tuple, validator=records(Person)
    )
    residents: tuple[Resident, ...] = field(
        default=(), converter=_checks.to_tuple, validator=records(Resident)
    )
    social_workers: tuple[SocialWorker, ...] = field(
        default=(), converter=_checks.to_tuple, validator=records(SocialWorker)
    )
    volunteers: tuple[Volunteer, ...] = field(
        default=(), converter=_checks.to_tuple, validator=records(Volunteer)
    )
    # Held as columns (the country has six million): read as a sequence of records.
    organizations: Organizations = field(default=NO_ORGANIZATIONS, converter=organization_columns)
    stations: tuple[Station, ...] = field(
        default=(), converter=_checks.to_tuple, validator=records(Station)
    )
    grids: tuple[Grid, ...] = field(default=(), converter=_checks.to_tuple, validator=records(Grid))
    agencies: tuple[Agency, ...] = field(
        default=(), converter=_checks.to_tuple, validator=records(Agency)
    )
    posts: tuple[Post, ...] = field(default=(), converter=_checks.to_tuple, validator=records(Post))
    # Columns too (the country has seven million): read as a sequence of records.
    activities: Activities = field(default=NO_ACTIVITIES, converter=activity_columns)
    station_work: tuple[StationWork, ...] = field(
        default=(), converter=_checks.to_tuple, validator=records(StationWork)
    )
    charity_funds: tuple[CharityFund, ...] = field(
        default=(), converter=_checks.to_tuple, validator=records(CharityFund)
    )
    charity_projects: tuple[CharityProject, ...] = field(
        default=(), converter=_checks.to_tuple, validator=records(CharityProject)
    )
    _index: Index = field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        # Frozen: the index is set once here, through object.__setattr__.
        object.__setattr__(self, "_index", build_index(self))

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{name}={len(getattr(self, name))}" for name in _RECORD_FIELDS if getattr(self, name)
        )
        return f"Directory({counts})"

    def to_records(self, kind: str) -> list[dict[str, Any]]:
        """One kind of record (``"organizations"``, ``"regions"``...) as plain dicts.

        Enums become their wire values, codes and ids strings, sets sorted lists; ready
        for ``pandas.DataFrame(...)``.

        >>> from wulian_core import synth
        >>> rows = synth.kangbashi().to_records("organizations")
        >>> rows[0]["category"] in {"life_service", "public_welfare", "mutual_aid",
        ...                         "culture_sports", "other"}
        True
        """
        if kind not in _RECORD_FIELDS:
            raise InvalidValue("kind", kind, f"must be one of {', '.join(_RECORD_FIELDS)}")
        return [
            attrs.asdict(record, recurse=True, value_serializer=_plain)
            for record in getattr(self, kind)
        ]

    def to_frame(self, kind: str) -> Any:
        """One kind of record as a pandas ``DataFrame``; needs the ``pandas`` extra.

        Dates become ``datetime64``, enums categoricals with a ``*_zh`` column beside,
        sets and tuples their items joined with ", ", codes and ids strings; personal
        numbers stay masked.

        >>> from wulian_core import synth
        >>> df = synth.kangbashi().to_frame("organizations")
        >>> str(df["category"].dtype), str(df["established"].dtype).startswith("datetime64")
        ('category', True)
        >>> str(synth.kangbashi().to_frame("posts")["end"].dtype).startswith("datetime64")
        True
        """
        if kind not in _RECORD_FIELDS:
            raise InvalidValue("kind", kind, f"must be one of {', '.join(_RECORD_FIELDS)}")
        records = getattr(self, kind)
        fields = attrs.fields(type(records[0])) if len(records) else ()
        names = [a.name for a in fields]
        rows = [{name: getattr(record, name) for name in names} for record in records]
        # A column with no value at all (no post has ended) takes its dtype from the field.
        kinds: dict[str, Kind] = {a.name: "date" for a in fields if _is_date(a.type)}
        return frame(rows, columns=names, feature="Directory.to_frame", kinds=kinds)

    def to_html(self, *, lang: str = "zh") -> str:
        """How many records of each kind, as HTML (``lang="en"``: in English).

        The records themselves are one call away: ``to_frame(kind)``.

        >>> from wulian_core import synth
        >>> "<td>residents</td>" in synth.kangbashi().to_html(lang="en")
        True
        """
        return _directory_html(self, check_lang(lang, "Directory.to_html.lang"))

    def _repr_html_(self) -> str:
        """For Jupyter: how many records of each kind, in a small table."""
        return self.to_html()

    # -- regions -----------------------------------------------------------------

    def region(self, code: RegionCode) -> Region:
        """The region with this code; :class:`~wulian_core.errors.NotFound` if absent."""
        try:
            return self._index.regions[code]
        except (KeyError, TypeError):
            raise NotFound("region", code, argument="Directory.region.code") from None

    def __contains__(self, code: object) -> bool:
        return code in self._index.regions

    def children(self, code: RegionCode) -> tuple[Region, ...]:
        """The regions one level below ``code``, in code order."""
        self.region(code)
        depth = len(code)
        return tuple(
            r
            for r in self._under(code)
            if r.code != code and r.code.parent == code and len(r.code) > depth
        )

    def regions_at(
        self, level: RegionLevel, *, within: RegionCode | None = None
    ) -> tuple[Region, ...]:
        """The regions at ``level`` inside ``within`` (or everywhere), in code order."""
        if not isinstance(level, RegionLevel):
            raise InvalidValue("level", level, "must be a RegionLevel")
        return tuple(r for r in self._under(within) if r.code.level is level)

    def communities(self, *, within: RegionCode | None = None) -> tuple[Region, ...]:
        """The communities (社区 and 村) inside ``within``, in code order."""
        return self.regions_at(RegionLevel.COMMUNITY, within=within)

    def _under(self, code: RegionCode | None) -> list[Region]:
        index = self._index
        if code is None:
            return [index.regions[c] for c in index.codes]
        if not isinstance(code, str) or code not in index.regions:
            raise NotFound("region", code, argument="within")
        lo = bisect_left(index.codes, code)
        hi = bisect_left(index.codes, code + ":")  # ":" sorts right after "9"
        return [index.regions[c] for c in index.codes[lo:hi]]

    def _within(self, kind: str, code: RegionCode, name: str = "code") -> list[Any]:
        if not isinstance(code, RegionCode):
            raise InvalidValue(
                name,
                code,
                "must be a RegionCode or a Scope" if name == "where" else "must be a RegionCode",
            )
        groups = self._index.by_region.get(kind, {})
        if code.level is RegionLevel.COMMUNITY:
            self.region(code)
            return list(groups.get(code, ()))
        return [record for region in self._under(code) for record in groups.get(region.code, ())]

    # -- the five forces and the structure ----------------------------------------
    # The records are the fields (``d.stations``, ``d.organizations``); queries end in ``_of``.

    def organizations_of(
        self, code: RegionCode, *, as_of: dt.date | None = None
    ) -> tuple[SocialOrganization, ...]:
        """Community social organizations in ``code`` (a community or a region above one),
        existing on ``as_of``."""
        orgs = self.organizations
        rows = [row for c in self._communities_in(code) for row in orgs.rows_in(c)]
        if as_of is not None:
            _check_day(as_of)
            rows = orgs.active_rows(rows, as_of)
        return tuple(orgs.records(rows))

    def _communities_in(self, code: RegionCode) -> list[RegionCode]:
        """The codes of ``code`` and the regions inside it (checked as ``_within`` does)."""
        if not isinstance(code, RegionCode):
            raise InvalidValue("code", code, "must be a RegionCode")
        if code.level is RegionLevel.COMMUNITY:
            self.region(code)
            return [code]
        return [region.code for region in self._under(code)]

    def stations_of(
        self,
        code: RegionCode,
        *,
        level: StationLevel | None = None,
        as_of: dt.date | None = None,
    ) -> tuple[Station, ...]:
        """Stations serving ``code`` or a region inside it, of ``level``, on ``as_of``."""
        found = self._within("stations", code)
        if level is not None:
            found = [s for s in found if s.level is level]
        return _as_of(found, as_of)

    def grids_of(self, code: RegionCode) -> tuple[Grid, ...]:
        """The grids of the communities in ``code``."""
        return tuple(self._within("grids", code))

    def residents_of(self, code: RegionCode) -> tuple[Resident, ...]:
        """The residents of the communities in ``code``."""
        return tuple(self._within("residents", code))

    def charity_funds_of(
        self, code: RegionCode, *, as_of: dt.date | None = None
    ) -> tuple[CharityFund, ...]:
        """Charity funds of ``code`` or regions inside it, existing on ``as_of``."""
        return _as_of(self._within("charity_funds", code), as_of)

    def charity_projects_of(
        self, code: RegionCode, *, as_of: dt.date | None = None
    ) -> tuple[CharityProject, ...]:
        """Charity projects in ``code`` or regions inside it, running on ``as_of``."""
        return _as_of(self._within("charity_projects", code), as_of)

    def activities_of(
        self, code: RegionCode, *, between: tuple[dt.date, dt.date] | None = None
    ) -> tuple[Activity, ...]:
        """Activities in the communities in ``code``, dated within ``between`` (inclusive)."""
        acts = self.activities
        rows = [row for c in self._communities_in(code) for row in acts.rows_in(c)]
        if between is not None:
            first, last = checked_between(between)
            rows = acts.rows_between(rows, first, last)
        return tuple(acts.records(rows))

    def station_work_of(
        self, station_id: str, *, between: tuple[dt.date, dt.date] | None = None
    ) -> tuple[StationWork, ...]:
        """A station's work records, dated within ``between`` (inclusive)."""
        self.station(station_id)
        return between_dates(self._index.station_work.get(station_id, ()), between)

    def posts_of(
        self,
        where: RegionCode | Scope,
        *,
        role: Role | None = None,
        as_of: dt.date | None = None,
    ) -> tuple[Post, ...]:
        """Posts over exactly a :class:`Scope`, or over anything inside a region code.

        A grid's posts lie in its community, a station's and an agency's in their region.
        """
        if isinstance(where, Scope):
            found: list[Post] = list(self._index.posts_by_scope.get(where, ()))
        else:
            found = self._within("posts", where, "where")
        if role is not None:
            found = [p for p in found if p.role is role]
        if as_of is not None:
            _check_day(as_of)
            found = [p for p in found if p.active_on(as_of)]
        return tuple(found)

    # -- single records ---------------------------------------------------------------

    def person(self, person_id: str) -> Person:
        """The person with this id."""
        return _lookup(self._index.persons, "person", person_id, "person_id")

    def organization(self, organization_id: str) -> SocialOrganization:
        """The organization with this id."""
        found = self.organizations.get(organization_id)
        if found is None:
            raise NotFound("organization", organization_id, argument="organization_id")
        return found

    def station(self, station_id: str) -> Station:
        """The station with this id."""
        return _lookup(self._index.stations, "station", station_id, "station_id")

    def grid(self, grid_id: str) -> Grid:
        """The grid with this id."""
        return _lookup(self._index.grids, "grid", grid_id, "grid_id")

    def agency(self, agency_id: str) -> Agency:
        """The agency with this id."""
        return _lookup(self._index.agencies, "agency", agency_id, "agency_id")

    def actor(self, person_id: str, *, on: dt.date) -> Actor:
        """The actor a person is on ``on``: the roles and scopes of their posts that day."""
        self.person(person_id)
        _check_day(on, "Directory.actor.on")
        return Actor.from_posts(person_id, self._index.posts_by_person.get(person_id, ()), on=on)


# The record tuples, in declaration order: every init field (the index is not one).
_RECORD_FIELDS = tuple(f.name for f in attrs.fields(Directory) if f.init)


# Building a directory reads its records (often from a generator that makes them) and
# indexes them: millions of new objects, none in a cycle. With the cyclic collector on,
# each pass walks every record made so far, and the cost of an organization doubles and
# more from a province to the country (docs/performance.md); paused, it stays flat.
# Reference counting still frees garbage as usual; only cycles wait for the next pass.
Directory.__init__ = paused_during(Directory.__init__)  # type: ignore[method-assign]


# The kinds of record a directory holds; their labels are ``directory_<kind>`` in the one
# table (``_labels``).
_DIRECTORY_ROWS = (
    "regions",
    "persons",
    "residents",
    "grids",
    "posts",
    "organizations",
    "stations",
    "social_workers",
    "volunteers",
    "agencies",
    "activities",
    "station_work",
    "charity_funds",
    "charity_projects",
)


def _is_date(declared: object) -> bool:
    """Whether a field is declared a date (or an optional one), as text or, once resolved, a type."""
    if isinstance(declared, str):
        return declared in ("dt.date", "dt.date | None")
    args = typing.get_args(declared)
    return declared is dt.date or (dt.date in args and set(args) <= {dt.date, type(None)})


def _directory_html(directory: Directory, lang: Lang = "zh") -> str:
    """How many records of each kind the directory holds, labelled from the one table.

    >>> from wulian_core import synth
    >>> page = _directory_html(synth.kangbashi())
    >>> "<td>社会组织 social organizations</td><td>211</td>" in page
    True
    """
    rows: list[tuple[object, ...]] = [
        (heading(f"directory_{name}", lang), len(getattr(directory, name)))
        for name in _DIRECTORY_ROWS
    ]
    head = (heading("records", lang), heading("count", lang))
    return captioned_table(head, rows, heading("directory", lang))


def _lookup(table: dict[str, R], kind: str, key: str, argument: str) -> R:
    try:
        return table[key]
    except (KeyError, TypeError):
        raise NotFound(kind, key, argument=argument) from None


def _plain(_instance: object, _field: object, value: Any) -> Any:
    """A field's value for a table: wire values for enums, strings for codes, lists for sets."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, RegionCode):
        return str(value)
    if isinstance(value, frozenset):
        return sorted(value, key=str)
    if hasattr(value, "masked"):  # personal numbers stay masked in tables too
        return value.masked()
    return value


def _check_day(day: object, name: str = "as_of") -> None:
    _checks.arg_date(day, name)


def _as_of(records: Iterable[D], day: dt.date | None) -> tuple[D, ...]:
    if day is None:
        return tuple(records)
    _check_day(day)
    return tuple(r for r in records if r.active_on(day))

"""A directory cut into parts of whole counties, each evaluated on its own; reports merge.

A subject at county level or below (a county, a township, a community) reads only the
records inside its county and those placed above it (a charity fund of the city counts
for its communities). So a part holds its counties, every region and record inside
them, every region above them with the records placed there, and the people those
records name. Subjects above the counties (cities, the province) read everything inside
them: they are evaluated once, on the whole directory, with ``above_counties=True``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from wulian_core import _checks
from wulian_core.directory import Directory
from wulian_core.errors import InvalidValue
from wulian_core.model import ScopeKind
from wulian_core.regions import RegionCode, RegionLevel

from ._context import Context
from ._evaluate import evaluate_in
from ._evaluators import DEFAULT_KINDS
from ._kinds import TargetKinds
from ._records import Training
from ._report import Report
from ._targetset import TargetSet

__all__ = ["county_parts", "evaluate_part", "part_above_counties", "partition_by_county"]

_COUNTY = RegionLevel.COUNTY.digits
_FIELDS = tuple(f.name for f in attrs.fields(Directory) if f.init)


def partition_by_county(directory: Directory, parts: int) -> list[dict[str, tuple[Any, ...]]]:
    """The directory cut into ``parts`` runs of whole counties (fewer if it has fewer).

    Each part is the fields of a :class:`~wulian_core.directory.Directory`
    (``Directory(**part)``), plain tuples of records that pickle to another process;
    :func:`evaluate_part` evaluates one. Counties are grouped in code order, so that
    each part is a run of neighbouring counties of about the same number of communities.

    >>> from wulian_core import synth
    >>> whole = synth.kangbashi()
    >>> [len(p["organizations"]) for p in partition_by_county(whole, 2)] == [
    ...     len(whole.organizations)]  # one district: one part
    True
    """
    if not isinstance(directory, Directory):
        raise InvalidValue("directory", directory, "must be a Directory")
    _checks.arg_count(parts, "parts", minimum=1)
    counties = [r.code for r in directory.regions_at(RegionLevel.COUNTY)]
    # Balance by communities: a part of cities' worth of counties ends when it has its share.
    weight: dict[str, int] = dict.fromkeys(counties, 0)
    for community in directory.communities():
        weight[community.code[:_COUNTY]] += 1
    total = max(1, sum(weight.values()))
    part_of: dict[str, int] = {}
    n, filled = 0, 0
    for county in counties:
        if filled * parts >= total * (n + 1) and n + 1 < parts:
            n += 1
        part_of[county] = n
        filled += weight[county]
    count = n + 1 if counties else 0
    return _cut(directory, part_of, count)


def county_parts(directory: Directory) -> dict[str, dict[str, tuple[Any, ...]]]:
    """Each county's part, by county code: what :func:`partition_by_county` puts in a part,
    for one county alone, to be stored per county (a file, a row) and loaded apart.

    >>> from wulian_core import synth
    >>> whole = synth.kangbashi()
    >>> parts = county_parts(whole)
    >>> sorted(parts), len(parts["150603"]["organizations"]) == len(whole.organizations)
    (['150603'], True)
    """
    if not isinstance(directory, Directory):
        raise InvalidValue("directory", directory, "must be a Directory")
    counties = [str(r.code) for r in directory.regions_at(RegionLevel.COUNTY)]
    cut = _cut(directory, {county: n for n, county in enumerate(counties)}, len(counties))
    return dict(zip(counties, cut, strict=True))


def part_above_counties(directory: Directory) -> dict[str, tuple[Any, ...]]:
    """The regions above the counties (cities, the province) with the records placed on
    them and the people those name: a directory for the subjects above counties of
    targets that read only their own region's records.

    Of the shipped kinds, station coverage and trainings read a city's own stations and
    sessions, so the shipped plans' city targets need nothing more; a kind that counts
    what lies inside a city (its organizations, say) needs the whole directory.

    >>> from wulian_core import synth
    >>> above = part_above_counties(synth.kangbashi())
    >>> sorted(len(r.code) for r in above["regions"]), above["organizations"]
    ([2, 4], ())
    """
    if not isinstance(directory, Directory):
        raise InvalidValue("directory", directory, "must be a Directory")
    return _cut(directory, {}, 1, above_only=True)[0]


def _cut(
    directory: Directory, part_of: dict[str, int], count: int, *, above_only: bool = False
) -> list[dict[str, tuple[Any, ...]]]:
    """The directory's records put in ``count`` parts: a county's in ``part_of[county]``,
    those above counties in every part below them (with ``above_only``, in part 0 alone)."""
    above: dict[str, list[int]] = {}
    for county, k in part_of.items():
        for code in RegionCode(county).ancestors():
            found = above.setdefault(code, [])
            if k not in found:
                found.append(k)

    def where(code: str) -> list[int]:
        if above_only:
            return [0] if len(code) < _COUNTY else []
        if len(code) >= _COUNTY:
            n = part_of.get(code[:_COUNTY])
            return [] if n is None else [n]
        return above.get(code, [])

    fields: list[dict[str, list[Any]]] = [{name: [] for name in _FIELDS} for _ in range(count)]

    def put(name: str, records: Iterable[Any], region: Any) -> None:
        for record in records:
            for n in where(region(record)):
                fields[n][name].append(record)

    put("regions", directory.regions, lambda r: r.code)
    for name in ("organizations", "grids", "residents", "activities"):
        put(name, getattr(directory, name), lambda r: r.community)
    for name in ("stations", "agencies", "charity_funds", "charity_projects"):
        put(name, getattr(directory, name), lambda r: r.region)
    put("station_work", directory.station_work, lambda w: directory.station(w.station).region)
    put("posts", directory.posts, lambda p: _scope_region(directory, p.scope))
    volunteers = {v.person: v for v in directory.volunteers}
    workers = {w.person: w for w in directory.social_workers}
    persons = {p.id: p for p in directory.persons}
    living: list[set[str]] = [set() for _ in fields]  # volunteers who live in each part
    for volunteer in directory.volunteers:
        if volunteer.community is not None:
            for n in where(volunteer.community):
                living[n].add(volunteer.person)
    for part, named in zip(fields, living, strict=True):
        home = set(named)
        named.update(r.person for r in part["residents"])
        named.update(p.person for p in part["posts"])
        for activity in part["activities"]:
            named.update(activity.social_workers, activity.volunteers)
        chosen = sorted(named)
        # Someone who volunteers here but lives in another part comes without a home, and
        # an organiser from another part is left out: a part names only its own regions
        # and records, and neither counts for a subject here.
        part["volunteers"] = [
            volunteers[p] if p in home else attrs.evolve(volunteers[p], community=None)
            for p in chosen
            if p in volunteers
        ]
        organisers = {o.id for o in part["organizations"]} | {s.id for s in part["stations"]}
        part["activities"] = [
            a
            if a.organisers <= organisers
            else attrs.evolve(a, organisers=a.organisers & organisers)
            for a in part["activities"]
        ]
        part["social_workers"] = [workers[p] for p in chosen if p in workers]
        part["persons"] = [persons[p] for p in chosen if p in persons]
    return [{name: tuple(records) for name, records in part.items()} for part in fields]


def _scope_region(directory: Directory, scope: Any) -> str:
    if scope.kind is ScopeKind.REGION:
        return str(scope.key)
    if scope.kind is ScopeKind.GRID:
        return directory.grid(scope.key).community
    if scope.kind is ScopeKind.STATION:
        return directory.station(scope.key).region
    return directory.agency(scope.key).region


def evaluate_part(
    targets: TargetSet,
    part: dict[str, tuple[Any, ...]] | Directory,
    *,
    as_of: dt.date,
    kinds: TargetKinds = DEFAULT_KINDS,
    trainings: Iterable[Training] = (),
    above_counties: bool = False,
) -> Report:
    """The report of a part's counties (their subjects at county level and below); with
    ``above_counties``, of the subjects above counties instead (give the whole directory).

    The report of the whole is the merge of every part's and the one above counties:

    >>> from wulian_core import policies, synth
    >>> from wulian_core.rules import evaluate
    >>> plan, whole, day = policies.load("shaanxi-2022"), synth.kangbashi(), dt.date(2023, 12, 31)
    >>> top = evaluate_part(plan, whole, as_of=day, above_counties=True)
    >>> parts = [evaluate_part(plan, p, as_of=day) for p in partition_by_county(whole, 2)]
    >>> top.merge(*parts) == evaluate(plan, whole, as_of=day)
    True
    """
    if not isinstance(targets, TargetSet):
        raise InvalidValue("targets", targets, "must be a TargetSet", shown=type(targets).__name__)
    if not isinstance(kinds, TargetKinds):
        raise InvalidValue("kinds", kinds, "must be a TargetKinds")
    if type(above_counties) is not bool:
        raise InvalidValue("above_counties", above_counties, "must be True or False")
    if isinstance(part, Directory):
        directory = part
    elif isinstance(part, dict):
        unknown = sorted(str(key) for key in part if key not in _FIELDS)
        if unknown:
            raise InvalidValue("part", unknown, "has keys that are not fields of a Directory")
        directory = Directory(**part)
    else:
        raise InvalidValue("part", part, "must be a Directory or its fields (a dict)")
    context = Context(directory, as_of=as_of, trainings=trainings)
    if above_counties:
        return evaluate_in(targets, context, kinds, lambda t: t.subjects.level.digits < _COUNTY)
    return evaluate_in(targets, context, kinds, lambda t: t.subjects.level.digits >= _COUNTY)

"""Targets, by property: legal counting, shortfalls, and reports that merge exactly."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs
from attrs import evolve
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from wulian_core import Directory, RegionCode, Scope, ScopeKind, codec, policies
from wulian_core.regions import RegionLevel
from wulian_core.rules import (
    Comparison,
    OrganizationFilter,
    Share,
    Status,
    TargetSet,
    count_shortfall,
    evaluate,
    share_shortfall,
)
from wulian_core.strategies import dates, directories

PLAN = policies.load("shaanxi-2022")
# Dates across the strategies' range: before the plan, during it, after its deadline.
AS_OF = dates(min_value=dt.date(2021, 6, 1), max_value=dt.date(2026, 12, 31))

counts = st.integers(0, 60)
shares = st.integers(1, 12).flatmap(lambda q: st.builds(Share, st.integers(0, q), st.just(q)))
comparisons = st.sampled_from(Comparison)


@given(counts, counts)
def test_the_legal_words_are_the_mathematical_comparisons(n: int, t: int) -> None:
    assert Comparison.AT_LEAST.holds(n, t) == (n >= t)
    assert Comparison.MORE_THAN.holds(n, t) == (n > t)
    assert Comparison.AT_MOST.holds(n, t) == (n <= t)
    assert Comparison.LESS_THAN.holds(n, t) == (n < t)


@given(counts, comparisons, counts)
def test_a_count_shortfall_is_the_least_change_that_passes(n: int, c: Comparison, t: int) -> None:
    assume(not (c is Comparison.LESS_THAN and t == 0))
    k = count_shortfall(n, c, t)
    moved = n + k if c.wants_more else n - k
    assert c.holds(moved, t)
    assert (k == 0) == c.holds(n, t)
    if k:
        closer = n + k - 1 if c.wants_more else n - k + 1
        assert not c.holds(closer, t)


@given(st.integers(0, 30), st.integers(0, 30), comparisons, shares)
def test_a_share_shortfall_is_the_least_number_of_members_to_add(
    part: int, rest: int, c: Comparison, share: Share
) -> None:
    assume(not (c is Comparison.MORE_THAN and share.fraction == 1))
    assume(not (c is Comparison.LESS_THAN and share.fraction == 0))
    n, d = part, part + rest
    k = share_shortfall(n, d, c, share)

    def after(added: int) -> Fraction:
        return Fraction(n + added, d + added) if c.wants_more else Fraction(n, d + added)

    if d:
        assert (k == 0) == c.holds(Fraction(n, d), share)
    impossible = (c.wants_more and share.fraction == 1) or (
        not c.wants_more and share.fraction == 0
    )
    if k and not impossible and d + k:
        assert c.holds(after(k), share)
        if d + k - 1:
            assert not c.holds(after(k - 1), share)


@given(shares)
def test_a_share_reads_back_from_its_text_and_its_percentage(share: Share) -> None:
    assert Share.parse(str(share)) == share
    if (share.fraction * 100).denominator == 1:
        assert Share.parse(share.percent) == share


# -- evaluation against the directory's own answers ---------------------------------------


@settings(max_examples=50)
@given(directories(), AS_OF)
def test_every_finding_agrees_with_the_directory_and_its_comparison(
    d: Directory, day: dt.date
) -> None:
    report = evaluate(PLAN, d, as_of=day)

    for f in report.findings:
        if f.target in ("urban-organizations", "rural-organizations"):
            assert f.numerator == len(d.organizations_of(f.subject, as_of=day))
        if f.target == "organization-mix":
            active = d.organizations_of(f.subject, as_of=day)
            assert f.denominator == len(active)
            assert f.numerator == sum(OrganizationFilter.PRIORITY.matches(o) for o in active)
        if f.target == "community-stations":
            assert f.numerator == len(
                [s for s in d.stations_of(f.subject, as_of=day) if s.region == f.subject]
            )
        if f.status is Status.UNDEFINED:
            assert f.denominator == 0
        else:
            assert (f.status is Status.MET) == f.comparison.holds(f.measured, f.threshold)  # type: ignore[arg-type]
            assert (f.shortfall == 0) == (f.status is Status.MET)
        assert bool(f.shortfall_en) == (f.status is not Status.MET)


@settings(max_examples=50)
@given(directories(), AS_OF)
def test_a_report_narrowed_to_a_region_is_the_evaluation_of_that_region(
    d: Directory, day: dt.date
) -> None:
    whole = evaluate(PLAN, d, as_of=day)

    for region in d.regions:
        assert evaluate(PLAN, d, as_of=day, within=region.code) == whole.within(region.code)


@settings(max_examples=50)
@given(directories(), AS_OF)
def test_township_reports_merge_in_any_order_and_grouping(d: Directory, day: dt.date) -> None:
    townships = [r.code for r in d.regions_at(RegionLevel.TOWNSHIP)]
    parts = [evaluate(PLAN, d, as_of=day, within=t) for t in townships]
    first = parts[0]

    merged = first.merge(*parts[1:])

    assert merged == parts[-1].merge(*reversed(parts[:-1]))
    if len(parts) >= 3:
        a, b, c = parts[:3]
        assert a.merge(b).merge(c) == a.merge(b.merge(c))
    assert sum(len(p) for p in parts) == len(merged)
    whole = evaluate(PLAN, d, as_of=day)
    # Counties roll up what lies inside their townships, so the parts give the same.
    for level in (RegionLevel.TOWNSHIP, RegionLevel.COUNTY):
        assert merged.rollups(level=level) == whole.rollups(level=level)


def _moved(d: Directory, prefix: str) -> Directory:
    """The same directory with every record id prefixed, so two can live in one."""

    def scope(s: Scope) -> Scope:
        return s if s.kind is ScopeKind.REGION else Scope(s.kind, prefix + s.key)

    def ids(values: frozenset[str]) -> frozenset[str]:
        return frozenset(prefix + v for v in values)

    return Directory(
        regions=d.regions,
        persons=[evolve(p, id=prefix + p.id) for p in d.persons],
        residents=[
            evolve(r, person=prefix + r.person, grid=None if r.grid is None else prefix + r.grid)
            for r in d.residents
        ],
        social_workers=[evolve(w, person=prefix + w.person) for w in d.social_workers],
        volunteers=[evolve(v, person=prefix + v.person) for v in d.volunteers],
        organizations=[evolve(o, id=prefix + o.id) for o in d.organizations],
        stations=[evolve(s, id=prefix + s.id) for s in d.stations],
        grids=[evolve(g, id=prefix + g.id) for g in d.grids],
        agencies=[evolve(a, id=prefix + a.id) for a in d.agencies],
        posts=[
            evolve(p, id=prefix + p.id, person=prefix + p.person, scope=scope(p.scope))
            for p in d.posts
        ],
        activities=[
            evolve(
                a,
                id=prefix + a.id,
                organisers=ids(a.organisers),
                social_workers=ids(a.social_workers),
                volunteers=ids(a.volunteers),
            )
            for a in d.activities
        ],
        station_work=[
            evolve(w, id=prefix + w.id, station=prefix + w.station) for w in d.station_work
        ],
        charity_funds=[evolve(f, id=prefix + f.id) for f in d.charity_funds],
        charity_projects=[evolve(p, id=prefix + p.id) for p in d.charity_projects],
    )


def _union(a: Directory, b: Directory) -> Directory:
    fields = [f.name for f in attrs.fields(Directory) if f.init]
    return Directory(**{name: getattr(a, name) + getattr(b, name) for name in fields})


@settings(max_examples=50)
@given(directories(), directories(), AS_OF)
def test_the_evaluation_of_two_provinces_is_the_merge_of_their_evaluations(
    one: Directory, two: Directory, day: dt.date
) -> None:
    def province(d: Directory) -> RegionCode:
        return d.regions_at(RegionLevel.PROVINCE)[0].code

    assume(province(one) != province(two))
    a, b = _moved(one, "a-"), _moved(two, "b-")

    whole = evaluate(PLAN, _union(a, b), as_of=day)
    parts = evaluate(PLAN, a, as_of=day).merge(evaluate(PLAN, b, as_of=day))

    assert whole == parts
    assert whole.rollups() == parts.rollups()
    assert whole.totals() == parts.totals()


@settings(max_examples=50)
@given(st.integers(1, 12), st.integers(1, 12), shares)
def test_a_plan_with_other_parameters_round_trips_through_the_codec(
    months: int, joint: int, widely: Share
) -> None:
    plan = PLAN.with_parameters(
        activity_months=months, regular_months=months, joint_activities=joint, widely=widely
    )

    assert codec.from_json(TargetSet, codec.to_json(plan)) == plan

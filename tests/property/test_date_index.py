"""The date index answers as the directory does: counts and months by bisection, not passes."""

from __future__ import annotations

import datetime as dt
from itertools import accumulate, zip_longest

from hypothesis import given, settings
from hypothesis import strategies as st

from wulian_core import Directory, policies
from wulian_core.model import Activity, OrganizationCategory, Registration
from wulian_core.rules import OrganizationFilter, evaluate, window
from wulian_core.strategies import dates, directories

PLAN = policies.load("shaanxi-2022")
DAYS = dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2027, 12, 31))
FILTERS = st.builds(
    OrganizationFilter,
    categories=st.frozensets(st.sampled_from(OrganizationCategory)),
    registrations=st.frozensets(st.sampled_from(Registration)),
)


def on_a_boundary(d: Directory, data: st.DataObject) -> dt.date:
    """A day of the directory's own dates (a founding, a dissolution, an activity), one in
    the month after an activity (so that a window ends with the last activities' month),
    or any."""
    own = sorted(
        {o.established for o in d.organizations}
        | {o.dissolved for o in d.organizations if o.dissolved is not None}
        | {a.on for a in d.activities}
        | {a.on + dt.timedelta(days=31) for a in d.activities if a.on < dt.date(9999, 12, 1)}
    )
    day: dt.date = data.draw(st.one_of(DAYS, st.sampled_from(own)) if own else DAYS)
    return day


@settings(max_examples=80)
@given(directories(), st.data(), FILTERS)
def test_organization_counts_are_those_the_directory_finds_on_the_day(
    d: Directory, data: st.DataObject, which: OrganizationFilter
) -> None:
    from wulian_core.rules._dated import date_index

    day = on_a_boundary(d, data)

    counts = date_index(d).organization_counts(which, day)

    for community in d.communities():
        expected = [o for o in d.organizations_of(community.code, as_of=day) if which.matches(o)]
        assert counts[community.code] == len(expected)


@settings(max_examples=80)
@given(directories(), st.data(), st.integers(1, 30))
def test_activity_months_and_joint_counts_are_those_of_the_window(
    d: Directory, data: st.DataObject, months: int
) -> None:
    from wulian_core.rules._dated import date_index

    day = on_a_boundary(d, data)
    if data.draw(st.booleans()):
        # The same activities dealt one community at a time, round and round: no
        # community's activities then come in one run.
        d = Directory(**{**_fields(d), "activities": _dealt(list(d.activities))})

    first, last = window(day, months)
    index = date_index(d)
    masks = index.activity_months(first, months)
    joint = index.joint_activities(first, months)

    for community in d.communities():
        held = [a for a in d.activities if a.community == community.code and first <= a.on <= last]
        expected = 0
        for a in held:
            expected |= 1 << (a.on.year * 12 + a.on.month - first.year * 12 - first.month)
        assert masks[community.code] == expected
        assert joint[community.code] == sum(a.is_joint for a in held)


@settings(max_examples=30)
@given(directories(), DAYS)
def test_a_second_evaluation_reading_the_kept_index_gives_the_same_report(
    d: Directory, day: dt.date
) -> None:
    first = evaluate(PLAN, d, as_of=day)

    assert evaluate(PLAN, d, as_of=day) == first
    assert evaluate(PLAN, Directory(**_fields(d)), as_of=day) == first


def test_activities_in_any_order_index_as_in_runs() -> None:
    from wulian_core import synth
    from wulian_core.rules._dated import date_index

    d = synth.kangbashi()
    dealt = Directory(**{**_fields(d), "activities": _dealt(list(d.activities))})
    assert dealt.activities.runs()[1] is not None  # the rows are not in runs
    ours, theirs = date_index(d), date_index(dealt)
    for day in (dt.date(2023, 1, 31), dt.date(2023, 7, 15), dt.date(2024, 12, 31)):
        for months in (1, 3, 12, 30):
            first, _ = window(day, months)
            assert theirs.activity_months(first, months) == ours.activity_months(first, months)
            assert theirs.joint_activities(first, months) == ours.joint_activities(first, months)
    assert any(ours.joint_activities(dt.date(2023, 1, 1), 12).values())


def _dealt(activities: list[Activity]) -> list[Activity]:
    by_community: dict[str, list[Activity]] = {}
    for a in activities:
        by_community.setdefault(a.community, []).append(a)
    return [a for turn in zip_longest(*by_community.values()) for a in turn if a is not None]


def _fields(d: Directory) -> dict[str, object]:
    import attrs

    return {f.name: getattr(d, f.name) for f in attrs.fields(Directory) if f.init}


@given(st.lists(st.lists(st.integers(0, 40), max_size=8), max_size=10))
def test_the_bits_in_c_and_the_bit_loop_give_the_same_masks(runs: list[list[int]]) -> None:
    from wulian_core.rules import _dated

    months = [m for run in runs for m in run]
    ends = list(accumulate(map(len, runs)))
    starts = [0, *ends[:-1]]
    expected = [sum({1 << m for m in run}) for run in runs]

    assert _dated._run_masks(months, starts, ends, 41) == expected
    # The loop, for dates over centuries:
    assert _dated._run_masks(months, starts, ends, _dated._BITS_SPAN + 1) == expected


@settings(max_examples=60)
@given(directories(), st.data())
def test_a_tag_selects_the_regions_that_carry_it_or_lie_inside_one_that_does(
    d: Directory, data: st.DataObject
) -> None:
    import attrs

    from wulian_core.regions import RegionLevel
    from wulian_core.rules import Subjects
    from wulian_core.rules._context import Context

    # Tag any regions, nested ones included (a county and a township inside it).
    tagged = data.draw(st.sets(st.sampled_from([r.code for r in d.regions])))
    regions = [
        attrs.evolve(r, tags=r.tags | {"pilot"}) if r.code in tagged else r for r in d.regions
    ]
    d = Directory(**{**_fields(d), "regions": regions})
    context = Context(d, as_of=dt.date(2024, 1, 1))
    tagged = {r.code for r in regions if "pilot" in r.tags}

    for level in RegionLevel:
        chosen = context.subjects(Subjects(level=level, tag="pilot")).codes
        expected = sorted(
            r.code
            for r in regions
            if len(r.code) == level.digits and any(r.code.startswith(t) for t in tagged)
        )
        assert list(chosen) == expected

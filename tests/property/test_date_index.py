"""The date index answers as the directory does: counts and months by bisection, not passes."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from wulian_core import Directory, policies
from wulian_core.model import OrganizationCategory, Registration
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
    """A day of the directory's own dates (a founding, a dissolution, an activity) or any."""
    own = sorted(
        {o.established for o in d.organizations}
        | {o.dissolved for o in d.organizations if o.dissolved is not None}
        | {a.on for a in d.activities}
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


def _fields(d: Directory) -> dict[str, object]:
    import attrs

    return {f.name: getattr(d, f.name) for f in attrs.fields(Directory) if f.init}


@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 40)), max_size=60))
def test_the_month_grid_and_the_bit_loop_give_the_same_masks(pairs: list[tuple[int, int]]) -> None:
    from wulian_core.rules import _dated

    span = 41
    cells = [c * span + m for c, m in pairs]
    expected = [0] * 10
    for c, m in pairs:
        expected[c] |= 1 << m

    assert _dated._month_masks(cells, span, 10) == expected
    limit = _dated._GRID_LIMIT
    try:
        _dated._GRID_LIMIT = 0  # the loop, for dates over centuries
        assert _dated._month_masks(cells, span, 10) == expected
    finally:
        _dated._GRID_LIMIT = limit

"""Reading part of a report builds the same findings as reading all of it."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from wulian_core import Directory, policies
from wulian_core.rules import (
    Status,
    county_parts,
    evaluate,
    evaluate_part,
    part_above_counties,
    partition_by_county,
)
from wulian_core.strategies import dates, directories

PLAN = policies.load("shaanxi-2022")
AS_OF = dates(min_value=dt.date(2021, 6, 1), max_value=dt.date(2026, 12, 31))


@settings(max_examples=40)
@given(directories(), AS_OF)
def test_the_findings_of_a_region_read_lazily_are_those_of_the_whole_report(
    d: Directory, day: dt.date
) -> None:
    report = evaluate(PLAN, d, as_of=day)

    assert tuple(report.iter_findings()) == report.findings
    for region in d.regions:
        inside = [f for f in report.findings if f.subject.startswith(region.code)]
        assert list(report.iter_findings(within=region.code)) == inside
        assert report.gaps(within=region.code) == tuple(
            f for f in inside if f.status is not Status.MET
        )


@settings(max_examples=40)
@given(directories(), AS_OF, st.integers(1, 5))
def test_the_parts_of_whole_counties_merge_into_the_report_of_the_whole(
    d: Directory, day: dt.date, parts: int
) -> None:
    whole = evaluate(PLAN, d, as_of=day)

    top = evaluate_part(PLAN, d, as_of=day, above_counties=True)
    pieces = [evaluate_part(PLAN, p, as_of=day) for p in partition_by_county(d, parts)]

    assert len(pieces) <= parts
    assert top.merge(*pieces) == whole


@settings(max_examples=40)
@given(directories(), AS_OF, st.sampled_from(["shaanxi-2022", "shaanxi-2024"]))
def test_each_county_alone_and_the_regions_above_merge_into_the_report_of_the_whole(
    d: Directory, day: dt.date, plan: str
) -> None:
    # What an app stores per county (a file, a row) and loads apart, as the Dask workers
    # of evaluate_loaded do: the shipped plans' city targets read only the city's own.
    targets = policies.load(plan)
    whole = evaluate(targets, d, as_of=day)

    above = Directory(**part_above_counties(d))
    top = evaluate_part(targets, above, as_of=day, above_counties=True)
    parts = county_parts(d)
    pieces = [evaluate_part(targets, p, as_of=day) for p in parts.values()]

    assert sorted(parts) == sorted(r.code for r in d.regions if len(r.code) == 6)
    assert all(len(r.code) < 6 for r in above.regions)
    assert top.merge(*pieces) == whole

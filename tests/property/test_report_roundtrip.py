"""Reports, findings and requirements round-trip through the codec, drawn from random
directories: what an app stores is what it reads back."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from wulian_core import policies
from wulian_core.codec import from_json, to_json
from wulian_core.directory import Directory
from wulian_core.rules import (
    DEFAULT_KINDS,
    Comparison,
    Finding,
    Progress,
    Report,
    Requirement,
    Share,
    evaluate,
    progress,
)
from wulian_core.strategies import directories

PLAN = policies.load("shaanxi-2022")
DAYS = st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2026, 12, 31))
SHARES = st.integers(1, 100).flatmap(lambda d: st.integers(0, d).map(lambda n: Share(n, d)))


@given(
    comparison=st.sampled_from(Comparison),
    threshold=st.integers(0, 10**6) | SHARES,
)
def test_a_requirement_round_trips(comparison: Comparison, threshold: int | Share) -> None:
    requirement = Requirement(comparison, threshold)

    assert from_json(Requirement, to_json(requirement)) == requirement


@settings(max_examples=20)
@given(directory=directories(), as_of=DAYS)
def test_a_report_and_its_findings_round_trip(directory: Directory, as_of: dt.date) -> None:
    report = evaluate(PLAN, directory, as_of=as_of)

    again = from_json(Report, to_json(report))

    assert again == report
    assert again.kinds is DEFAULT_KINDS
    assert to_json(again) == to_json(report)
    assert again.findings == report.findings
    for finding in report.findings:
        assert from_json(Finding, to_json(finding)) == finding


def test_the_articles_report_round_trips() -> None:
    from wulian_core import synth

    report = evaluate(PLAN, synth.kangbashi(), as_of=dt.date(2023, 12, 31))

    again = from_json(Report, to_json(report))

    assert again == report
    assert any(column.details for column in again.columns)  # the words' details came back
    assert [g.shortfall_zh for g in again.gaps()] == [g.shortfall_zh for g in report.gaps()]


@settings(max_examples=10)
@given(directory=directories(), days=st.lists(DAYS, min_size=1, max_size=3))
def test_progress_round_trips(directory: Directory, days: list[dt.date]) -> None:
    run = progress(PLAN, directory, days)

    assert from_json(Progress, to_json(run)) == run

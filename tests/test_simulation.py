"""A quarter of the synthetic Kangbashi, simulated through the public commands."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

from wulian_core import policies, synth
from wulian_core.errors import InvalidValue
from wulian_core.escalation import SWEEP_ACTOR, CaseEscalated
from wulian_core.points import AccountRole, Ledger
from wulian_core.simulation import Quarter, simulate_quarter


@cache
def quarter(seed: int = 0) -> Quarter:
    return simulate_quarter(
        synth.kangbashi(seed=seed), targets=policies.load("shaanxi-2022"), seed=seed
    )


def test_the_quarter_runs_august_to_october_across_national_day() -> None:
    q = quarter()
    assert (q.start, q.end) == (dt.date(2024, 8, 1), dt.date(2024, 10, 31))
    opened = {c.opened_at.date() for c in q.cases}
    assert not opened & {dt.date(2024, 10, d) for d in range(1, 8)}  # the holiday week
    assert dt.date(2024, 9, 29) in opened or dt.date(2024, 10, 12) in opened  # make-up workdays


def test_the_same_seed_gives_the_same_quarter_and_another_seed_another() -> None:
    plan = policies.load("shaanxi-2022")
    again = simulate_quarter(synth.kangbashi(seed=0), targets=plan, seed=0)
    first = quarter()
    assert [c.events for c in again.cases] == [c.events for c in first.cases]
    assert [b.events for b in again.passbooks] == [b.events for b in first.passbooks]
    assert (again.stats, again.weekly_points) == (first.stats, first.weekly_points)
    other = simulate_quarter(synth.kangbashi(seed=0), targets=plan, seed=1)
    assert [c.events for c in other.cases] != [c.events for c in first.cases]


def test_resolutions_per_level_sum_to_the_resolutions() -> None:
    q = quarter()
    assert q.stats.resolved > 0
    assert sum(n for _, n in q.resolved_by_level) == q.stats.resolved
    assert [level for level, _ in q.resolved_by_level] == [lv.id for lv in q.policy.levels]
    assert all(n > 0 for _, n in q.resolved_by_level)


def test_some_cases_escalate_on_their_own_when_overdue() -> None:
    q = quarter()
    by_sweep = sum(
        isinstance(e, CaseEscalated) and e.by == SWEEP_ACTOR for c in q.cases for e in c.events
    )
    assert by_sweep == q.self_escalated > 0


def test_points_issued_and_redeemed_are_the_sums_of_the_ledger_entries() -> None:
    q = quarter()
    entries = [e for b in q.passbooks for e in b.entries() if e.ledger is Ledger.MATERIAL]
    issued = sum(e.amount for e in entries if e.source.role is AccountRole.ISSUER)
    redeemed = sum(e.amount for e in entries if e.target.role is AccountRole.REDEMPTION_POINT)
    assert q.points_issued == issued > 0
    assert q.points_redeemed == redeemed > 0
    assert q.points_redeemed <= q.points_issued
    assert sum(w.issued for w in q.weekly_points) == issued
    assert q.catalogue.settled_points() == redeemed


def test_moral_leaders_are_ranked_highest_first() -> None:
    q = quarter()
    values = [r.value for r in q.moral_leaders]
    assert values == sorted(values, reverse=True) and values[0] > 0
    assert q.moral_awards > 0


def test_the_report_is_the_district_against_the_targets_at_the_quarters_end() -> None:
    q = quarter()
    assert q.report.as_of == q.end
    assert len(q.report) > 0


def test_rates_are_fractions_between_nothing_and_all() -> None:
    q = quarter()
    for rate in (q.stats.on_time_rate, q.stats.satisfaction_rate):
        assert rate is not None and 0 <= rate <= 1


def test_bad_arguments_are_invalid_values() -> None:
    plan = policies.load("shaanxi-2022")
    with pytest.raises(InvalidValue, match="simulate_quarter.directory"):
        simulate_quarter("nope", targets=plan, seed=0)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="simulate_quarter.seed"):
        simulate_quarter(synth.kangbashi(), targets=plan, seed="0")  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_slow_unit_at_the_top_makes_some_resolutions_late(seed: int) -> None:
    q = simulate_quarter(
        synth.kangbashi(seed=seed), targets=policies.load("shaanxi-2022"), seed=seed
    )
    assert q.stats.on_time < q.stats.resolved


def test_an_unsatisfied_rating_judged_reasonable_sends_cases_back_to_be_redone() -> None:
    q = quarter()
    assert q.stats.redone > 0
    assert any(type(e).__name__ == "CaseReopened" for case in q.cases for e in case.events)


def test_a_wrong_calendar_or_district_is_named() -> None:
    plan = policies.load("shaanxi-2022")
    with pytest.raises(InvalidValue, match="simulate_quarter.calendar"):
        simulate_quarter(synth.kangbashi(), targets=plan, seed=0, calendar="x")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="simulate_quarter.district"):
        simulate_quarter(synth.kangbashi(), targets=plan, seed=0, district="150603")  # type: ignore[arg-type]


def test_the_quarter_simulates_sign_ups_attendance_and_matching_in_the_district() -> None:
    plan = policies.load("shaanxi-2022")
    q = quarter()
    volunteering = q.volunteering
    again = simulate_quarter(synth.kangbashi(seed=0), targets=plan, seed=0).volunteering

    communities = {c.code for c in q.directory.communities(within=q.district)}
    assert {a.opening.community for a in volunteering.activities} == communities
    months = volunteering.months()
    assert [m.month for m in months] == [dt.date(2024, n, 1) for n in (8, 9, 10)]
    assert sum(m.signed_up for m in months) > sum(m.attended for m in months) > 0
    assert volunteering.needs and 0 < len(volunteering.met) <= len(volunteering.needs)
    assert [a.events for a in again.activities] == [a.events for a in volunteering.activities]
    assert (again.needs, again.matches) == (volunteering.needs, volunteering.matches)

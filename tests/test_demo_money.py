"""The demo and the HTML report show money beside the targets, and every target."""

from __future__ import annotations

import re

import pytest

from wulian_core import policies, synth
from wulian_core.demo import ARTICLE_DATE, quarter_summary, summary
from wulian_core.html_report import render
from wulian_core.simulation import Quarter, simulate_quarter


@pytest.fixture(scope="module")
def quarter() -> Quarter:
    return simulate_quarter(synth.kangbashi(seed=0), targets=policies.load("shaanxi-2022"), seed=0)


def test_the_district_summary_shows_the_articles_purchases_and_the_rollout() -> None:
    text = summary(synth.kangbashi(seed=0), as_of=ARTICLE_DATE)

    assert "purchased services 2019-2021: 3,520,000.00 元 (article: 352万元)" in text
    assert "社区社会组织培育" in text and "老年人关爱" in text and "流动人口关怀" in text
    rollout = re.search(r"rollout \(shaanxi-2024.*\): (\d+) of (\d+) met", text)
    assert rollout is not None
    no_subjects = re.search(r"no subjects here \((\d+)\)", text)
    assert no_subjects is not None
    assert int(rollout[2]) + int(no_subjects[1]) == len(policies.load("shaanxi-2024").targets)


def test_the_quarter_summary_names_every_target_and_the_settlement(quarter: Quarter) -> None:
    text = quarter_summary(quarter, gaps=None)
    report = quarter.report

    # Every target of the set has its line: met, not met, or no subjects here.
    assert all(target.title_zh in text for target in report.targets.targets)
    assert "no subjects here" in text
    owed = re.search(r"应付 owed ([\d,.]+) 元", text)
    assert owed is not None
    # the supermarket is settled at 0.50 yuan a point on what was handed over
    assert owed[1] == f"{quarter.points_redeemed * 0.5:,.2f}"
    assert "ledger balanced: True" in text


def test_the_report_has_a_money_section(quarter: Quarter) -> None:
    page = render(quarter)

    assert "资金与结算 Money" in page
    assert "1,176,000.00" in page  # 2019's purchases
    assert "points-market-1" in page


def test_the_quarter_summary_gives_the_volunteering_figures_the_report_shows(
    quarter: Quarter,
) -> None:
    text = quarter_summary(quarter)
    months = quarter.volunteering.months()
    needs = quarter.volunteering.needs_by_community()

    for m in months:
        assert f"{m.month.isoformat()[:7]}: " in text
        assert f"报名（人次） sign-ups {m.signed_up} " in text
    raised, met = sum(n.raised for n in needs), sum(n.met for n in needs)
    assert f"需求（件） needs: {raised}, 已满足 met {met}, 未满足 open {raised - met}" in text
    assert "各社区需求满足情况 Needs met and open per community" in text
    assert "Volunteering" in quarter_summary(quarter, lang="en")

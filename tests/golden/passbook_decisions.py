"""A scripted walk through a passbook's commands: every command, refused and recorded.

As ``escalation_decisions.py`` does for a case: each step runs one command on the
passbook as the steps before left it and writes one line, the events it recorded as JSON
or the error it raised, type and whole message. ``tests/unit/test_decisions.py`` holds
the transcript byte for byte, so a refusal that names the wrong argument or value, a
cap counted wrong, or an event with a wrong field shows up as a diff (mutation testing
of ``_points/earn.py`` and ``_points/spend.py`` asked for it: ``docs/testing.md``).

The policy is the practice one with every cap and term set, so that each is reached:
600 minutes of service a quarter, meetings at most 4 points a quarter, filial piety at
most 3, points that expire at the end of the year, redemption in the first 10 days of a
month and at most twice in one. If a change is meant to alter the decisions:

    .venv/bin/python tests/golden/passbook_decisions.py > tests/golden/passbook-decisions.txt
"""

# ruff: noqa: E501  # one step a line reads better than a wrapped one
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs

from wulian_core.calendar import SHANGHAI, ChinaCalendar
from wulian_core.codec import to_json
from wulian_core.errors import WulianError
from wulian_core.examples import shops_example
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.points import (
    Catalogue,
    Holder,
    HolderKind,
    MoralNoticeBoard,
    Passbook,
    Period,
    PointKind,
    PointsPolicy,
    RedemptionRule,
    Term,
    TermKind,
)
from wulian_core.regions import RegionCode
from wulian_core.volunteering import Organiser, OrganiserKind

Step = tuple[str, Callable[[Passbook], Any]]
HOME = RegionCode("150603001001")
T0 = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)  # a Friday, day 1 of a month's window
H = dt.timedelta(hours=1)
DAY = T0.date()
WORKER = Actor("w-1", {Grant(Role.COMMUNITY_WORKER, Scope.region(HOME))})
SECRETARY = Actor("s-1", {Grant(Role.COMMUNITY_SECRETARY, Scope.region(HOME))})
OTHER = Actor("w-2", {Grant(Role.COMMUNITY_WORKER, Scope.region(RegionCode("150603001002")))})
ORGANISER = Actor("org-1")
# The organisation on record (谁组织谁记录): it names org-1 as its own staff.
ON_RECORD = Organiser(
    kind=OrganiserKind.SOCIAL_ORGANIZATION, id="org-1", region=HOME, staff={"org-1"}
)
ME = Actor("p-3")
YOU = Actor("p-4")


def policy() -> PointsPolicy:
    """The practice policy with every cap and term set."""
    base = PointsPolicy.practice()
    activities = tuple(
        attrs.evolve(rule, max_points_per_period=4) if rule.kind == "meeting" else rule
        for rule in base.activities
    )
    moral = tuple(
        attrs.evolve(rule, max_points_per_period=3) if rule.category == "filial_piety" else rule
        for rule in base.moral
    )
    return attrs.evolve(
        base,
        service=attrs.evolve(base.service, max_minutes_per_period=600),
        activities=activities,
        moral=moral,
        expiry=Term(kind=TermKind.YEAR_END, count=0),
        redemption=RedemptionRule(period=Period.MONTH, open_days=10, max_per_period=2),
    )


def opened(rules: PointsPolicy | None = None) -> Passbook:
    holder = Holder(id="p-3", kind=HolderKind.PERSON, community=HOME)
    return Passbook.open(holder, policy=rules or policy(), by=WORKER, at=T0)


def steps() -> list[Step]:
    t = [T0 + n * H for n in range(40)]
    later = DAY + dt.timedelta(days=1)
    return [
        # --- service -----------------------------------------------------------------------
        ("service, a blank activity", lambda b: b.record_service(activity=" ", on=DAY, minutes=60, by=WORKER, at=t[0], key="k-0")),
        ("service, a day as text", lambda b: b.record_service(activity="a-1", on="2024-03-01", minutes=60, by=WORKER, at=t[0], key="k-0")),
        ("service, a day to come", lambda b: b.record_service(activity="a-1", on=later, minutes=60, by=WORKER, at=t[0], key="k-0")),
        ("service, minus a minute", lambda b: b.record_service(activity="a-1", on=DAY, minutes=-1, by=WORKER, at=t[0], key="k-0")),
        ("service, minutes as text", lambda b: b.record_service(activity="a-1", on=DAY, minutes="60", by=WORKER, at=t[0], key="k-0")),
        ("service, a blank organiser", lambda b: b.record_service(activity="a-1", on=DAY, minutes=60, organiser=" ", by=WORKER, at=t[0], key="k-0")),
        ("service by a resident", lambda b: b.record_service(activity="a-1", on=DAY, minutes=60, by=YOU, at=t[0], key="k-0")),
        ("service by another community's worker", lambda b: b.record_service(activity="a-1", on=DAY, minutes=60, by=OTHER, at=t[0], key="k-0")),
        ("service by the holder", lambda b: b.record_service(activity="a-1", on=DAY, minutes=60, by=ME, at=t[0], key="k-0")),
        ("service, 150 minutes: 120 credited", lambda b: b.record_service(activity="a-1", on=DAY, minutes=150, by=WORKER, at=t[0], key="k-1")),
        ("service again", lambda b: b.record_service(activity="a-1", on=DAY, minutes=60, by=WORKER, at=t[0], key="k-2")),
        ("service, by one the organiser does not name", lambda b: b.record_service(activity="a-2", on=DAY, minutes=100, organiser=ON_RECORD, by=YOU, at=t[1], key="k-3")),
        ("service for an organiser", lambda b: b.record_service(activity="a-2", on=DAY, minutes=100, organiser=ON_RECORD, by=ORGANISER, at=t[1], key="k-3")),
        ("service, a third activity that day", lambda b: b.record_service(activity="a-3", on=DAY, minutes=120, by=WORKER, at=t[1], key="k-4")),
        ("service to 450 minutes in the day", lambda b: b.record_service(activity="a-4", on=DAY, minutes=120, by=WORKER, at=t[1], key="k-5")),
        ("service beyond the day's cap", lambda b: b.record_service(activity="a-7", on=DAY, minutes=120, by=WORKER, at=t[1], key="k-8")),
        ("service the next day", lambda b: b.record_service(activity="a-5", on=later, minutes=120, by=WORKER, at=t[30], key="k-6")),
        ("service past the period's cap", lambda b: b.record_service(activity="a-6", on=later, minutes=120, by=WORKER, at=t[30], key="k-7")),
        # --- corrections ---------------------------------------------------------------------
        ("correct, minus a minute", lambda b: b.correct_service(activity="a-1", minutes=-1, reason="记错", by=WORKER, at=t[31], key="c-0")),
        ("correct without a reason", lambda b: b.correct_service(activity="a-1", minutes=60, reason=" ", by=WORKER, at=t[31], key="c-0")),
        ("correct an activity with no record", lambda b: b.correct_service(activity="a-9", minutes=60, reason="记错", by=WORKER, at=t[31], key="c-0")),
        ("correct a number", lambda b: b.correct_service(activity=5, minutes=60, reason="记错", by=WORKER, at=t[31], key="c-0")),
        ("correct by the holder", lambda b: b.correct_service(activity="a-1", minutes=60, reason="记错", by=ME, at=t[31], key="c-0")),
        ("correct by a resident", lambda b: b.correct_service(activity="a-1", minutes=60, reason="记错", by=YOU, at=t[31], key="c-0")),
        ("correct by another community's worker", lambda b: b.correct_service(activity="a-1", minutes=60, reason="记错", by=OTHER, at=t[31], key="c-0")),
        ("correct down", lambda b: b.correct_service(activity="a-1", minutes=60, reason="签退时间有误", by=WORKER, at=t[31], key="c-1")),
        ("correct up, by its organiser", lambda b: b.correct_service(activity="a-2", minutes=120, reason="补记", by=ORGANISER, at=t[31], key="c-2")),
        ("uphold a complaint by a resident", lambda b: b.uphold_complaint(activity="a-3", reason="投诉属实", by=YOU, at=t[31], key="c-3")),
        ("uphold a complaint", lambda b: b.uphold_complaint(activity="a-3", reason="投诉属实", by=WORKER, at=t[31], key="c-3")),
        # --- activities ----------------------------------------------------------------------
        ("accrue a kind the policy lacks", lambda b: b.accrue_activity(activity="m-1", on=DAY, activity_kind="dance", by=WORKER, at=t[32], key="m-0")),
        ("accrue a number of a kind", lambda b: b.accrue_activity(activity="m-1", on=DAY, activity_kind=5, by=WORKER, at=t[32], key="m-0")),
        ("accrue a blank activity", lambda b: b.accrue_activity(activity=" ", on=DAY, activity_kind="meeting", by=WORKER, at=t[32], key="m-0")),
        ("accrue a day to come", lambda b: b.accrue_activity(activity="m-1", on=later + dt.timedelta(days=1), activity_kind="meeting", by=WORKER, at=t[32], key="m-0")),
        ("accrue, a blank organiser", lambda b: b.accrue_activity(activity="m-1", on=DAY, activity_kind="meeting", organiser=" ", by=WORKER, at=t[32], key="m-0")),
        ("accrue by a resident", lambda b: b.accrue_activity(activity="m-1", on=DAY, activity_kind="meeting", by=YOU, at=t[32], key="m-0")),
        ("accrue a meeting", lambda b: b.accrue_activity(activity="m-1", on=DAY, activity_kind="meeting", by=WORKER, at=t[32], key="m-1")),
        ("accrue it again", lambda b: b.accrue_activity(activity="m-1", on=DAY, activity_kind="meeting", by=WORKER, at=t[32], key="m-2")),
        ("accrue a meeting to the cap", lambda b: b.accrue_activity(activity="m-2", on=DAY, activity_kind="meeting", by=WORKER, at=t[32], key="m-3")),
        ("accrue a meeting past the cap", lambda b: b.accrue_activity(activity="m-3", on=DAY, activity_kind="meeting", by=WORKER, at=t[32], key="m-4")),
        ("accrue public welfare", lambda b: b.accrue_activity(activity="w-1", on=DAY, activity_kind="public_welfare", by=WORKER, at=t[32], key="m-5")),
        ("accrue, by the activity's organiser", lambda b: b.accrue_activity(activity="o-1", on=DAY, activity_kind="referral", organiser=ON_RECORD, by=ORGANISER, at=t[32], key="m-6")),
        # --- moral points --------------------------------------------------------------------
        ("award a category the policy lacks", lambda b: b.award_moral(category="dance", reason="好", by=WORKER, at=t[33], key="g-0")),
        ("award a number", lambda b: b.award_moral(category=5, reason="好", by=WORKER, at=t[33], key="g-0")),
        ("award without a reason", lambda b: b.award_moral(category="filial_piety", reason=" ", by=WORKER, at=t[33], key="g-0")),
        ("award by a resident", lambda b: b.award_moral(category="filial_piety", reason="好", by=YOU, at=t[33], key="g-0")),
        ("award by another community's worker", lambda b: b.award_moral(category="filial_piety", reason="好", by=OTHER, at=t[33], key="g-0")),
        ("award by the holder", lambda b: b.award_moral(category="filial_piety", reason="好", by=ME, at=t[33], key="g-0")),
        ("award, by the secretary", lambda b: b.award_moral(category="filial_piety", reason="照顾卧床婆婆", by=SECRETARY, at=t[33], key="g-1")),
        ("award past the cap", lambda b: b.award_moral(category="filial_piety", reason="又一次", by=WORKER, at=t[33], key="g-2")),
        ("deduct, serious as text", lambda b: b.deduct_moral(category="law_abiding", reason="违规", serious="yes", by=WORKER, at=t[33], key="d-0")),
        ("deduct by a resident", lambda b: b.deduct_moral(category="law_abiding", reason="违规", serious=False, by=YOU, at=t[33], key="d-0")),
        ("deduct without a reason", lambda b: b.deduct_moral(category="law_abiding", reason="", serious=False, by=WORKER, at=t[33], key="d-0")),
        ("deduct a category the policy lacks", lambda b: b.deduct_moral(category="dance", reason="违规", serious=False, by=WORKER, at=t[33], key="d-0")),
        ("deduct", lambda b: b.deduct_moral(category="law_abiding", reason="违规占道经营", serious=False, by=WORKER, at=t[33], key="d-1")),
        # --- redemptions ---------------------------------------------------------------------
        ("redeem no points", lambda b: b.redeem(points=0, point="shop-1", by=ME, at=t[34], key="r-0")),
        ("redeem points as text", lambda b: b.redeem(points="1", point="shop-1", by=ME, at=t[34], key="r-0")),
        ("redeem at a blank point", lambda b: b.redeem(points=1, point=" ", by=ME, at=t[34], key="r-0")),
        ("redeem by a worker", lambda b: b.redeem(points=1, point="shop-1", by=WORKER, at=t[34], key="r-0")),
        ("redeem by a stranger", lambda b: b.redeem(points=1, point="shop-1", by=YOU, at=t[34], key="r-0")),
        ("redeem more than there is", lambda b: b.redeem(points=1000, point="shop-1", by=ME, at=t[34], key="r-0")),
        ("redeem", lambda b: b.redeem(points=2, point="shop-1", by=ME, at=t[34], key="r-1")),
        ("redeem a second time", lambda b: b.redeem(points=1, point="shop-1", by=ME, at=t[34], key="r-2")),
        ("redeem a third time this month", lambda b: b.redeem(points=1, point="shop-1", by=ME, at=t[34], key="r-3")),
        ("redeem outside the window", lambda b: b.redeem(points=1, point="shop-1", by=ME, at=T0 + dt.timedelta(days=12), key="r-4")),
        ("cancel an order there is not", lambda b: b.cancel_redemption(order="r-9", reason="缺货", by=ME, at=t[35], key="x-0")),
        ("cancel a number", lambda b: b.cancel_redemption(order=5, reason="缺货", by=ME, at=t[35], key="x-0")),
        ("cancel without a reason", lambda b: b.cancel_redemption(order="r-1", reason=" ", by=ME, at=t[35], key="x-0")),
        ("cancel by a stranger", lambda b: b.cancel_redemption(order="r-1", reason="缺货", by=YOU, at=t[35], key="x-0")),
        ("cancel by another community's worker", lambda b: b.cancel_redemption(order="r-1", reason="缺货", by=OTHER, at=t[35], key="x-0")),
        ("cancel", lambda b: b.cancel_redemption(order="r-1", reason="商品缺货", by=ME, at=t[35], key="x-1")),
        ("cancel again", lambda b: b.cancel_redemption(order="r-1", reason="商品缺货", by=ME, at=t[35], key="x-2")),
        ("cancel by a worker", lambda b: b.cancel_redemption(order="r-2", reason="商品缺货", by=WORKER, at=t[35], key="x-3")),
        # --- reversals -----------------------------------------------------------------------
        ("reverse an accrual there is not", lambda b: b.reverse(accrual="k-9", reason="错记", by=WORKER, at=t[36], key="v-0")),
        ("reverse without a reason", lambda b: b.reverse(accrual="m-1", reason=" ", by=WORKER, at=t[36], key="v-0")),
        ("reverse by a resident", lambda b: b.reverse(accrual="m-1", reason="错记", by=YOU, at=t[36], key="v-0")),
        ("reverse by the holder", lambda b: b.reverse(accrual="m-1", reason="错记", by=ME, at=t[36], key="v-0")),
        ("reverse a meeting", lambda b: b.reverse(accrual="m-1", reason="未到场", by=WORKER, at=t[36], key="v-1")),
        ("reverse it again", lambda b: b.reverse(accrual="m-1", reason="未到场", by=WORKER, at=t[36], key="v-2")),
        ("reverse a redemption", lambda b: b.reverse(accrual="r-2", reason="错记", by=WORKER, at=t[36], key="v-3")),
        ("reverse a service record", lambda b: b.reverse(accrual="k-6", reason="未到场", by=WORKER, at=t[36], key="v-4")),
        ("correct a reversed record", lambda b: b.correct_service(activity="a-5", minutes=60, reason="记错", by=WORKER, at=t[36], key="v-5")),
        # --- a serious violation, then the end of the year ---------------------------------
        ("deduct, serious", lambda b: b.deduct_moral(category="law_abiding", reason="严重违法", serious=True, by=WORKER, at=t[37], key="d-2")),
        ("redeem while barred", lambda b: b.redeem(points=1, point="shop-1", by=ME, at=T0 + dt.timedelta(days=31), key="r-5")),
        ("expire by a resident", lambda b: b.expire(by=YOU, at=dt.datetime(2025, 1, 1, 9, tzinfo=SHANGHAI))),
        ("expire at the new year", lambda b: b.expire(by=WORKER, at=dt.datetime(2025, 1, 1, 9, tzinfo=SHANGHAI))),
        ("expire again", lambda b: b.expire(by=WORKER, at=dt.datetime(2025, 1, 2, 9, tzinfo=SHANGHAI))),
        ("redeem on the day the bar ends", lambda b: b.redeem(points=1, point="shop-1", by=ME, at=dt.datetime(2026, 1, 1, 9, tzinfo=SHANGHAI), key="r-6")),
    ]  # fmt: skip


def posted_steps() -> list[Step]:
    """Under a policy that posts moral points in public first: only the board credits them."""
    board = MoralNoticeBoard.open(board="board-1", community=HOME, by=WORKER, at=T0)
    later = T0 + dt.timedelta(days=8)

    def credit(b: Passbook) -> Any:
        board.post(
            b,
            category="filial_piety",
            reason="照顾卧床婆婆",
            calendar=ChinaCalendar.official(),
            by=WORKER,
            at=T0,
            key="post-1",
        )
        return board.credit(b, posting="post-1", by=WORKER, at=later, key="credit-1")[:1]

    return [
        ("posted: award without posting", lambda b: b.award_moral(category="filial_piety", reason="好", by=WORKER, at=T0, key="g-0")),
        ("posted: credited by the board", credit),
    ]  # fmt: skip


def cap_steps() -> list[Step]:
    """Corrections counted against the day's and the quarter's caps, on a fresh passbook.

    120 minutes in December (the quarter before), 480 on 1 March (the day's cap), 90 on
    2 March: a correction up on 1 March gains nothing, one on 2 March only what is left
    of the quarter's 600 minutes.
    """
    t = [T0 + n * H for n in range(40)]
    december = dt.date(2023, 12, 29)
    march_2 = DAY + dt.timedelta(days=1)
    minutes = [
        ("a-1", DAY, 60),
        ("a-2", DAY, 120),
        ("a-3", DAY, 120),
        ("a-4", DAY, 120),
        ("a-5", DAY, 60),
    ]
    record = [
        (
            f"caps: service {name} on {on}, {n} minutes",
            lambda b, a=name, o=on, n=n: b.record_service(
                activity=a, on=o, minutes=n, by=WORKER, at=t[30], key=f"k-{a}"
            ),
        )
        for name, on, n in [
            ("a-0", december, 120),
            *minutes,
            ("a-6", march_2, 60),
            ("a-7", march_2, 30),
        ]
    ]
    return [
        *record,
        ("caps: correct up at the day's cap", lambda b: b.correct_service(activity="a-1", minutes=120, reason="补记", by=WORKER, at=t[31], key="c-1")),
        ("caps: correct up near the quarter's cap", lambda b: b.correct_service(activity="a-6", minutes=120, reason="补记", by=WORKER, at=t[31], key="c-2")),
    ]  # fmt: skip


def debt_steps() -> dict[str, list[Step]]:
    """Each on a fresh passbook: a catalogue's order, which only the catalogue cancels;
    the reversal of a lot spent and clawed back; a correction across two lots;
    reversals of lots spent or paid towards debt."""
    shop = Catalogue.open(point="market-1", community=HOME, by=WORKER, at=T0)
    shop.list_item(item="soap", name="肥皂", price=3, stock=2, by=WORKER, at=T0, key="l-1")
    shops, staff, _ = shops_example()
    for point, community, takes in (
        ("shop-2", RegionCode("150603001002"), "soap"),
        ("shop-3", HOME, "soap"),
        ("market-1", HOME, "rice"),
    ):
        shops.register(
            point=point,
            name="便民店",
            kind=PointKind.PARTNER_SHOP,
            community=community,
            yuan_per_point="0.10",
            accepts={takes},
            by=Actor("w-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(community))}),
            at=T0,
            key=f"reg-{point}",
        )
    shops.suspend(point="shop-3", reason="整改", by=staff, at=T0, key="s-3")
    return {
        "catalogue": [
            ("accrue", lambda b: b.accrue_activity(activity="w-1", on=DAY, activity_kind="public_welfare", by=WORKER, at=T0, key="w-1")),
            ("soap, where the registry says the point takes rice only", lambda b: shop.redeem(b, item="soap", by=ME, at=T0, key="o-0", shops=shops)),
            ("soap from the catalogue", lambda b: shop.redeem(b, item="soap", by=ME, at=T0, key="o-1")),
            ("cancel its order at the passbook", lambda b: b.cancel_redemption(order="o-1", reason="不要了", by=ME, at=T0, key="x-1")),
            ("cancel it at the catalogue", lambda b: shop.cancel(b, order="o-1", reason="不要了", by=ME, at=T0, key="x-2")),
        ],
        "clawed": [
            ("service", lambda b: b.record_service(activity="a-1", on=DAY, minutes=120, by=WORKER, at=T0, key="k-1")),
            ("spend both points", lambda b: b.redeem(points=2, point="shop-1", by=ME, at=T0, key="r-1")),
            ("correct the service down", lambda b: b.correct_service(activity="a-1", minutes=60, reason="记错", by=WORKER, at=T0, key="c-1")),
            ("reverse the lot", lambda b: b.reverse(accrual="k-1", reason="未到场", by=WORKER, at=T0, key="v-1")),
        ],
        # With the street's shop registry: the point must be registered, active and of
        # the holder's community.
        "shops": [
            ("accrue", lambda b: b.accrue_activity(activity="w-1", on=DAY, activity_kind="public_welfare", by=WORKER, at=T0, key="w-1")),
            ("redeem, a registry that is not one", lambda b: b.redeem(points=1, point="shop-1", by=ME, at=T0, key="r-0", shops="kangbashi-001")),
            ("redeem at a point not registered", lambda b: b.redeem(points=1, point="shop-9", by=ME, at=T0, key="r-0", shops=shops)),
            ("redeem at another community's point", lambda b: b.redeem(points=1, point="shop-2", by=ME, at=T0, key="r-0", shops=shops)),
            ("redeem at a registered point", lambda b: b.redeem(points=1, point="shop-1", by=ME, at=T0, key="r-1", shops=shops)),
            ("redeem at a suspended point", lambda b: b.redeem(points=1, point="shop-3", by=ME, at=T0, key="r-2", shops=shops)),
        ],
        # A record corrected up holds two lots; a correction down takes the newest first.
        "lots": [
            ("service", lambda b: b.record_service(activity="a-1", on=DAY, minutes=60, by=WORKER, at=T0, key="k-1")),
            ("correct it up", lambda b: b.correct_service(activity="a-1", minutes=120, reason="补记", by=WORKER, at=T0, key="c-1")),
            ("spend the oldest point", lambda b: b.redeem(points=1, point="shop-1", by=ME, at=T0, key="r-1")),
            ("correct it down", lambda b: b.correct_service(activity="a-1", minutes=60, reason="记错", by=WORKER, at=T0, key="c-2")),
        ],
        "debt": [
            ("accrue", lambda b: b.accrue_activity(activity="w-1", on=DAY, activity_kind="public_welfare", by=WORKER, at=T0, key="w-1")),
            ("spend it all", lambda b: b.redeem(points=5, point="shop-1", by=ME, at=T0, key="r-1")),
            ("reverse the spent lot", lambda b: b.reverse(accrual="w-1", reason="未到场", by=WORKER, at=T0, key="v-1")),
            ("accrue, paying the debt", lambda b: b.accrue_activity(activity="w-2", on=DAY, activity_kind="public_welfare", by=WORKER, at=T0, key="w-2")),
            ("reverse the lot that paid it", lambda b: b.reverse(accrual="w-2", reason="未到场", by=WORKER, at=T0, key="v-2")),
        ],
    }  # fmt: skip


def _line(label: str, run: Callable[[], Any]) -> str:
    try:
        result = run()
    except WulianError as exc:
        return f"{label}: {type(exc).__name__}: {exc}"
    return (
        f"{label}: "
        + " ".join(to_json(event) for event in result)
        + (" (nothing)" if not result else "")
    )


def transcript() -> str:
    """The whole walk, one line a step, and the passbook's balances at the end."""
    book = opened()
    lines = [_line(label, lambda c=command: c(book)) for label, command in steps()]
    lines.append(f"balance: {book.balance()}, version {book.version}")
    posting = opened(attrs.evolve(policy(), moral_posting_days=5))
    lines += [_line(label, lambda c=command: c(posting)) for label, command in posted_steps()]
    capped = opened()
    lines += [_line(label, lambda c=command: c(capped)) for label, command in cap_steps()]
    for story, side in debt_steps().items():
        plain = opened(attrs.evolve(policy(), redemption=RedemptionRule()))
        lines += [
            _line(f"{story}: {label}", lambda c=command, b=plain: c(b)) for label, command in side
        ]
        lines.append(f"{story}: balance {plain.balance()}, debt {plain.debt}")
    # A policy with no activities and no moral categories says so when one is named.
    bare = opened(attrs.evolve(policy(), activities=(), moral=()))
    lines.append(
        _line(
            "bare: accrue",
            lambda: bare.accrue_activity(
                activity="m-1", on=DAY, activity_kind="meeting", by=WORKER, at=T0, key="m-1"
            ),
        )
    )
    lines.append(
        _line(
            "bare: award",
            lambda: bare.award_moral(
                category="filial_piety", reason="好", by=WORKER, at=T0, key="g-1"
            ),
        )
    )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(transcript(), end="")

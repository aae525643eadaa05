"""Properties of the points arithmetic, the wire format and bad input."""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from wulian_core import codec
from wulian_core._points.ledger import balance_delta, entries_of
from wulian_core.calendar import SHANGHAI
from wulian_core.errors import WulianError
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.points import (
    AccountRole,
    Holder,
    HolderKind,
    Ledger,
    Passbook,
    PassbookEvent,
    Period,
    PointsPolicy,
    RedemptionRule,
    Rounding,
    ServiceRule,
    Term,
    TermKind,
)
from wulian_core.regions import RegionCode

T0 = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)
HOME = RegionCode("150603001001")
STAFF = Actor("w-1", {Grant(Role.COMMUNITY_WORKER, Scope.region(HOME))})
ME = Actor("p-3")

caps = st.none() | st.integers(min_value=1, max_value=1000)  # 0 would switch the rule off
service_rules = st.builds(
    ServiceRule,
    points_per_hour=st.integers(0, 10),
    unit_minutes=st.integers(1, 120),
    rounding=st.sampled_from(Rounding),
    max_minutes_per_activity=caps,
    max_minutes_per_day=caps,
    max_minutes_per_period=caps,
)
terms = st.one_of(
    st.just(Term(kind=TermKind.NEVER)),
    st.builds(Term, kind=st.just(TermKind.MONTHS), count=st.integers(1, 60)),
    st.builds(Term, kind=st.just(TermKind.YEAR_END), count=st.integers(0, 5)),
)
policies = st.builds(
    lambda service, expiry, period: attrs.evolve(
        PointsPolicy.practice(),
        service=service,
        expiry=expiry,
        period=period,
        redemption=RedemptionRule(period=period, open_days=20, max_per_period=2),
    ),
    service_rules,
    terms,
    st.sampled_from(Period),
)


@given(numerator=st.integers(0, 10**6), denominator=st.integers(1, 10**4))
def test_rounding_agrees_with_exact_fractions(numerator: int, denominator: int) -> None:
    exact = Fraction(numerator, denominator)

    assert Rounding.DOWN.divide(numerator, denominator) == math.floor(exact)
    assert Rounding.UP.divide(numerator, denominator) == math.ceil(exact)
    assert Rounding.HALF_UP.divide(numerator, denominator) == math.floor(exact + Fraction(1, 2))


@given(
    rule=service_rules,
    minutes=st.integers(0, 1440),
    day=st.integers(0, 1440),
    period=st.integers(0, 5000),
)
def test_certified_time_never_passes_a_cap_and_points_follow_the_stated_rounding(
    rule: ServiceRule, minutes: int, day: int, period: int
) -> None:
    credited, points = rule.credit(minutes, day_so_far=day, period_so_far=period)

    assert credited >= 0
    for cap, so_far in (
        (rule.max_minutes_per_activity, 0),
        (rule.max_minutes_per_day, day),
        (rule.max_minutes_per_period, period),
    ):
        if cap is not None:
            assert credited <= max(0, cap - so_far)
    assert credited <= rule.rounding.divide(minutes, rule.unit_minutes) * rule.unit_minutes
    assert points == rule.rounding.divide(credited * rule.points_per_hour, 60)


@given(term=terms, day=st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31)))
def test_a_term_ends_after_the_day_it_counts_from(term: Term, day: dt.date) -> None:
    end = term.end(day)

    if term.kind is TermKind.NEVER:
        assert end is None
    else:
        assert end is not None and end > day
        if term.kind is TermKind.YEAR_END:
            assert (end.month, end.day, end.year) == (1, 1, day.year + term.count + 1)


@given(policy=policies)
def test_any_policy_round_trips_through_json(policy: PointsPolicy) -> None:
    assert codec.from_json(PointsPolicy, codec.to_json(policy)) == policy


# --- random histories -----------------------------------------------------------------------

steps = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "service",
                "activity",
                "award",
                "deduct",
                "redeem",
                "expire",
                "reverse",
                "cancel",
                "correct",
                "wait",
            ]
        ),
        st.integers(0, 400),
    ),
    max_size=30,
)


def step(book: Passbook, op: str, n: int, i: int, now: dt.datetime, keys: list[str]) -> None:
    """One scripted command; ``n`` picks its number or an earlier key."""
    key, day = f"k-{i}", now.astimezone(SHANGHAI).date()
    earlier = keys[n % len(keys)] if keys else "none"
    if op == "service":
        book.record_service(activity=f"a-{i}", on=day, minutes=n, by=STAFF, at=now, key=key)
    elif op == "activity":
        book.accrue_activity(
            activity=f"a-{i}", on=day, activity_kind="public_welfare", by=STAFF, at=now, key=key
        )
    elif op == "award":
        book.award_moral(category="thrift", reason="节约", by=STAFF, at=now, key=key)
    elif op == "deduct":
        book.deduct_moral(
            category="thrift", reason="浪费", serious=n > 390, by=STAFF, at=now, key=key
        )
    elif op == "redeem":
        book.redeem(points=1 + n % 7, point="shop", by=ME, at=now, key=key)
    elif op == "expire":
        book.expire(at=now, by=STAFF, key=key)
    elif op == "reverse":
        book.reverse(accrual=earlier, reason="冲正", by=STAFF, at=now, key=key)
    elif op == "cancel":
        book.cancel_redemption(order=earlier, reason="取消", by=ME, at=now, key=key)
    else:
        book.correct_service(
            activity=f"a-{n % (i + 1)}", minutes=n, reason="更正", by=STAFF, at=now, key=key
        )


def drive(policy: PointsPolicy, script: list[tuple[str, int]]) -> Passbook:
    """Run a script of commands; refused ones are skipped (and must change nothing)."""
    book = Passbook.open(
        Holder(id="p-3", kind=HolderKind.PERSON, community=HOME), policy=policy, by=STAFF, at=T0
    )
    now = T0
    keys: list[str] = []
    for i, (op, n) in enumerate(script):
        if op == "wait":
            now += dt.timedelta(days=n)
            continue
        before = (book.version, *(book.balance(ledger) for ledger in Ledger), book.debt)
        try:
            step(book, op, n, i, now, keys)
        except WulianError:
            assert (book.version, *(book.balance(ledger) for ledger in Ledger), book.debt) == before
        else:
            keys.append(f"k-{i}")
    return book


@given(policy=policies, script=steps)
def test_each_event_moves_the_balances_as_its_entries_say(
    policy: PointsPolicy, script: list[tuple[str, int]]
) -> None:
    book = drive(policy, script)
    holder = (AccountRole.HOLDER, book.holder.id)
    totals = [0, 0, 0]

    for event in book.events:
        by_ledger = dict.fromkeys(Ledger, 0)
        for entry in entries_of(event, str(HOME)):
            assert entry.amount > 0 and entry.source != entry.target
            if (entry.target.role, entry.target.key) == holder:
                by_ledger[entry.ledger] += entry.amount
            if (entry.source.role, entry.source.key) == holder:
                by_ledger[entry.ledger] -= entry.amount
        assert balance_delta(event) == tuple(by_ledger.values())
        totals = [t + d for t, d in zip(totals, balance_delta(event), strict=True)]

    assert totals == [book.balance(ledger) for ledger in Ledger]
    assert book.balance(Ledger.MATERIAL) >= 0 and book.debt >= 0


@given(policy=policies, script=steps)
def test_a_history_replays_to_the_same_passbook_after_a_json_round_trip(
    policy: PointsPolicy, script: list[tuple[str, int]]
) -> None:
    book = drive(policy, script)
    stored = [codec.from_json(PassbookEvent, codec.to_json(e)) for e in book.events]

    again = Passbook.replay(stored, policy=policy)

    assert again.events == book.events
    assert [again.balance(ledger) for ledger in Ledger] == [
        book.balance(ledger) for ledger in Ledger
    ]
    assert (again.debt, again.barred_until) == (book.debt, book.barred_until)
    later = book.events[-1].at + dt.timedelta(days=3000)
    assert again.available(as_of=later) == book.available(as_of=later)


# --- bad input ------------------------------------------------------------------------------

junk = st.one_of(
    st.none(),
    st.integers(-5, 5),
    st.floats(allow_nan=False),
    st.text(max_size=3),
    st.just(" "),
    st.just(T0.replace(tzinfo=None)),
    st.just([]),
    st.just({}),
    st.just(Ledger.MORAL),
)


@given(
    data=st.data(),
    command=st.sampled_from(
        [
            "record_service",
            "correct_service",
            "uphold_complaint",
            "accrue_activity",
            "award_moral",
            "deduct_moral",
            "redeem",
            "cancel_redemption",
            "expire",
            "reverse",
        ]
    ),
)
def test_bad_input_raises_a_wulian_error_and_changes_nothing(
    data: st.DataObject, command: str
) -> None:
    book = Passbook.open(
        Holder(id="p-3", kind=HolderKind.PERSON, community=HOME),
        policy=PointsPolicy.practice(),
        by=STAFF,
        at=T0,
    )
    book.record_service(activity="a-0", on=T0.date(), minutes=60, by=STAFF, at=T0, key="k-0")
    valid: dict[str, Any] = {
        "activity": "a-1",
        "on": T0.date(),
        "minutes": 60,
        "reason": "理由",
        "activity_kind": "meeting",
        "category": "thrift",
        "serious": False,
        "points": 1,
        "point": "shop",
        "order": "k-0",
        "accrual": "k-0",
        "by": STAFF,
        "at": T0,
        "key": "k-new",
    }
    method = getattr(book, command)
    names = list(method.__code__.co_varnames[1 : method.__code__.co_kwonlyargcount + 1])
    arguments = {name: valid.get(name) for name in names}
    broken = data.draw(st.sampled_from(names))
    arguments[broken] = data.draw(junk)
    before = (book.version, *(book.balance(ledger) for ledger in Ledger))

    try:
        method(**arguments)
    except WulianError:
        assert (book.version, *(book.balance(ledger) for ledger in Ledger)) == before

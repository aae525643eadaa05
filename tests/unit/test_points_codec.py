"""Points on the wire: every event round-trips, and the policy file loads from TOML."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from wulian_core import codec
from wulian_core.calendar import SHANGHAI
from wulian_core.errors import DecodeError
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.points import (
    WIRE_UNIONS,
    Catalogue,
    CatalogueEvent,
    Holder,
    HolderKind,
    Passbook,
    PassbookEvent,
    Period,
    PointsPolicy,
    Rounding,
    Term,
    TermKind,
)
from wulian_core.regions import RegionCode

T0 = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)
HOME = RegionCode("150603001001")
STAFF = Actor("w-1", {Grant(Role.COMMUNITY_WORKER, Scope.region(HOME))})
ME = Actor("p-3")

PRACTICE_TOML = """
name = "悦和社区积分办法"
period = "quarter"

[service]
points_per_hour = 1
unit_minutes = 30
rounding = "down"
max_minutes_per_activity = 120
max_minutes_per_day = 480

[[activities]]
kind = "meeting"
label_zh = "参加村务会议"
points = 2

[[moral]]
category = "filial_piety"
label_zh = "孝老爱亲"
points = 3
deduction = 5
max_points_per_period = 9

[expiry]
kind = "year_end"
count = 1

[serious_violation_bar]
kind = "year_end"
count = 1

[redemption]
period = "quarter"
open_days = 10
max_per_period = 1
"""


def every_event() -> list[object]:
    """A history that records one event of every kind."""
    shop = Catalogue.open(point="market-1", community=HOME, by=STAFF, at=T0)
    shop.list_item(item="soap", name="肥皂", price=3, stock=2, by=STAFF, at=T0, key="l-1")
    shop.donate(item="soap", quantity=1, donor="org-1", by=STAFF, at=T0, key="d-1")
    book = Passbook.open(
        Holder(id="hh-1", kind=HolderKind.HOUSEHOLD, community=HOME, members={"p-3", "p-4"}),
        policy=attrs.evolve(PointsPolicy.practice(), expiry=Term(kind=TermKind.MONTHS, count=1)),
        by=STAFF,
        at=T0,
    )
    book.record_service(activity="a-1", on=T0.date(), minutes=120, by=STAFF, at=T0, key="k-1")
    book.correct_service(activity="a-1", minutes=60, reason="更正", by=STAFF, at=T0, key="k-2")
    book.accrue_activity(
        activity="a-2", on=T0.date(), activity_kind="public_welfare", by=STAFF, at=T0, key="k-3"
    )
    book.award_moral(category="thrift", reason="节约", by=STAFF, at=T0, key="k-4")
    book.deduct_moral(
        category="law_abiding", reason="违规", serious=False, by=STAFF, at=T0, key="k-5"
    )
    book.redeem(points=1, point="shop-9", by=ME, at=T0, key="k-6")
    book.cancel_redemption(order="k-6", reason="取消", by=ME, at=T0, key="k-7")
    shop.redeem(book, item="soap", by=ME, at=T0, key="k-8")
    shop.pick_up(order="k-8", by=STAFF, at=T0, key="k-9")
    shop.redeem(book, item="soap", by=ME, at=T0, key="k-10")
    shop.cancel(book, order="k-10", reason="取消", by=ME, at=T0, key="k-11")
    book.reverse(accrual="k-3", reason="冲正", by=STAFF, at=T0, key="k-12")
    book.accrue_activity(
        activity="a-3", on=T0.date(), activity_kind="public_welfare", by=STAFF, at=T0, key="k-13"
    )
    book.expire(at=T0 + dt.timedelta(days=40), by=STAFF)
    return [*book.events, *shop.events]


def test_every_passbook_and_catalogue_event_round_trips_through_json() -> None:
    events = every_event()
    kinds = {type(e) for e in events}

    assert kinds == {member for _union, members in WIRE_UNIONS[:2] for member in members}
    for event in events:
        union = PassbookEvent if type(event) in WIRE_UNIONS[0][1] else CatalogueEvent
        text = codec.to_json(event)
        assert text.startswith('{"kind":"' + type(event).kind + '"')  # type: ignore[attr-defined]
        assert codec.from_json(union, text) == event
        assert codec.from_json(type(event), text) == event  # a stored event reads back alone


def test_an_event_read_alone_refuses_another_events_tag() -> None:
    event = every_event()[0]
    other = next(m for m in WIRE_UNIONS[0][1] if m is not type(event))
    text = codec.to_json(event).replace(type(event).kind, other.kind)  # type: ignore[attr-defined]
    with pytest.raises(DecodeError, match="is not"):
        codec.from_json(type(event), text)


def test_events_built_by_commands_pass_their_own_validators() -> None:
    for event in every_event():
        attrs.validate(event)  # type: ignore[arg-type]


def test_a_naive_instant_in_a_stored_event_is_refused() -> None:
    event = every_event()[1]
    data = codec.to_dict(event)
    data["at"] = "2024-03-01T09:00:00"

    with pytest.raises(DecodeError, match="at"):
        codec.from_dict(PassbookEvent, data)


def test_a_policy_file_with_the_practice_numbers_loads() -> None:
    policy = codec.from_toml(PointsPolicy, PRACTICE_TOML)

    assert policy.service == PointsPolicy.practice().service
    assert policy.service.rounding is Rounding.DOWN
    assert policy.expiry.end(dt.date(2024, 5, 1)) == dt.date(2026, 1, 1)
    assert policy.redemption.period is Period.QUARTER
    assert policy.moral_rule("filial_piety").max_points_per_period == 9  # type: ignore[union-attr]
    assert codec.from_json(PointsPolicy, codec.to_json(policy)) == policy


def test_a_bad_policy_file_names_the_path_of_every_bad_record() -> None:
    bad = (
        PRACTICE_TOML.replace("max_minutes_per_day = 480", "max_minutes_per_day = -60")
        .replace("points = 3", "points = -3")
        .replace(
            'kind = "year_end"\ncount = 1\n\n[serious', 'kind = "months"\ncount = 0\n\n[serious'
        )
        .replace('period = "quarter"\nopen_days', 'period = "fortnight"\nopen_days')
    )

    with pytest.raises(DecodeError) as refused:
        codec.from_toml(PointsPolicy, bad)

    paths = [path for path, _message in refused.value.problems]
    assert paths == [
        "service.max_minutes_per_day",
        "moral[0].points",
        "expiry.count",
        "redemption.period",
    ]
    assert "must be a whole number from 0 to 1000000000000 (got -60)" in str(refused.value)


def test_a_policy_refuses_a_category_listed_twice() -> None:
    text = (
        PRACTICE_TOML
        + '\n[[moral]]\ncategory = "filial_piety"\nlabel_zh = "x"\npoints = 1\ndeduction = 1\n'
    )

    with pytest.raises(DecodeError, match="moral: is listed twice"):
        codec.from_toml(PointsPolicy, text)

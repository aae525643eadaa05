"""Bad input to the shop registry and the notice board raises a WulianError and changes
nothing; the settlement sums to the ledger whatever is redeemed and cancelled."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from wulian_core.calendar import SHANGHAI, ChinaCalendar
from wulian_core.errors import WulianError
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.points import (
    Catalogue,
    Holder,
    HolderKind,
    Ledger,
    MoralNoticeBoard,
    Passbook,
    PointKind,
    PointsPolicy,
    ShopRegistry,
    settle_month,
)
from wulian_core.regions import RegionCode

T0 = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)
HOME = RegionCode("150603001001")
STAFF = Actor("w-1", {Grant(Role.COMMUNITY_WORKER, Scope.region(HOME))})
PANEL = Actor("rp-1", {Grant(Role.REVIEW_PANEL, Scope.region(HOME))})
ME = Actor("p-3")

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


def book(points: int = 20, policy: PointsPolicy | None = None) -> Passbook:
    made = Passbook.open(
        Holder(id="p-3", kind=HolderKind.PERSON, community=HOME),
        policy=policy or PointsPolicy.practice(),
        by=STAFF,
        at=T0,
    )
    for i in range(points // 5):
        made.accrue_activity(
            activity=f"a-{i}", on=T0.date(), activity_kind="public_welfare", by=STAFF, at=T0,
            key=f"k-{i}",
        )  # fmt: skip
    return made


def registry() -> ShopRegistry:
    shops = ShopRegistry.open(registry="reg-1", region=HOME.parent, by=STAFF, at=T0)
    shops.register(
        point="shop-1", name="店", kind=PointKind.PARTNER_SHOP, community=HOME,
        yuan_per_point="0.10", accepts={"soap", "haircut"}, by=STAFF, at=T0, key="r-1",
    )  # fmt: skip
    shops.open_slot(
        point="shop-1", service="haircut", starts=T0 + dt.timedelta(days=1), capacity=2,
        points=5, by=STAFF, at=T0, key="slot-1",
    )  # fmt: skip
    return shops


def call_with_one_bad(method: Any, valid: dict[str, Any], data: st.DataObject) -> None:
    code = method.__code__
    names = [
        n for n in code.co_varnames[1 : code.co_argcount + code.co_kwonlyargcount] if n in valid
    ]
    arguments = {name: valid[name] for name in names}
    broken = data.draw(st.sampled_from(names))
    arguments[broken] = data.draw(junk)
    try:
        method(**arguments)
    except WulianError:
        return


@given(
    data=st.data(),
    command=st.sampled_from(["register", "suspend", "reinstate", "open_slot", "book", "keep"]),
)
def test_bad_input_to_the_registry_raises_a_wulian_error_and_changes_nothing(
    data: st.DataObject, command: str
) -> None:
    shops, holder = registry(), book()
    valid: dict[str, Any] = {
        "passbook": holder,
        "point": "shop-1",
        "name": "新店",
        "kind": PointKind.PARTNER_SHOP,
        "community": HOME,
        "yuan_per_point": "0.20",
        "accepts": {"soap"},
        "reason": "理由",
        "service": "haircut",
        "starts": T0 + dt.timedelta(days=2),
        "capacity": 1,
        "points": 5,
        "slot": "slot-1",
        "order": "none-yet",
        "by": ME if command == "book" else STAFF,
        "at": T0,
        "key": "k-new",
    }
    before = (shops.version, holder.version, holder.balance())

    call_with_one_bad(getattr(shops, command), valid, data)

    if shops.version != before[0]:  # the junk happened to be acceptable (a new name)
        assert holder.version - before[1] in (0, 1)
    else:
        assert (holder.version, holder.balance()) == before[1:]


@given(data=st.data(), command=st.sampled_from(["post", "object", "review", "credit"]))
def test_bad_input_to_the_board_raises_a_wulian_error_and_changes_nothing(
    data: st.DataObject, command: str
) -> None:
    holder = book(0, attrs.evolve(PointsPolicy.practice(), moral_posting_days=5))
    board = MoralNoticeBoard.open(board="b-1", community=HOME, by=STAFF, at=T0)
    board.post(
        holder, category="thrift", reason="节约", calendar=ChinaCalendar.official(), by=STAFF,
        at=T0, key="post-1",
    )  # fmt: skip
    board.object(posting="post-1", reason="疑问", by=STAFF, at=T0, key="o-1")
    valid: dict[str, Any] = {
        "passbook": holder,
        "category": "thrift",
        "reason": "理由",
        "calendar": ChinaCalendar.official(),
        "posting": "post-1",
        "objection": "o-1",
        "upheld": False,
        "member": None,
        "by": PANEL if command == "review" else STAFF,
        "at": T0 + dt.timedelta(days=10),
        "key": "k-new",
    }
    if command in ("post", "object"):
        valid["at"] = T0
    before = (board.version, holder.version, holder.balance(Ledger.MORAL))

    call_with_one_bad(getattr(board, command), valid, data)

    assert (holder.version, holder.balance(Ledger.MORAL)) == before[1:]


@given(
    orders=st.lists(
        st.tuples(st.sampled_from(["counter", "shelf", "slot"]), st.integers(0, 2)), max_size=8
    )
)
def test_the_settlement_sums_to_the_ledger_whatever_happens(
    orders: list[tuple[str, int]],
) -> None:
    shops, holder = registry(), book(80)
    shelf = Catalogue.open(point="shop-1", community=HOME, by=STAFF, at=T0)
    shelf.list_item(item="soap", name="肥皂", price=3, stock=99, by=STAFF, at=T0, key="l-1")
    later = T0 + dt.timedelta(days=1)
    for i, (how, fate) in enumerate(orders):  # fate: 0 stays, 1 is handed over, 2 cancelled
        key = f"o-{i}"
        try:
            if how == "counter":
                holder.redeem(points=2, point="shop-1", by=ME, at=T0, key=key, shops=shops)
                if fate == 2:
                    holder.cancel_redemption(order=key, reason="退", by=ME, at=T0, key=f"c-{i}")
            elif how == "shelf":
                shelf.redeem(holder, item="soap", by=ME, at=T0, key=key, shops=shops)
                if fate == 1:
                    shelf.pick_up(order=key, by=STAFF, at=T0, key=f"p-{i}")
                elif fate == 2:
                    shelf.cancel(holder, order=key, reason="退", by=ME, at=T0, key=f"c-{i}")
            else:
                shops.book(holder, slot="slot-1", by=ME, at=T0, key=key)
                if fate == 2:
                    shops.cancel(holder, order=key, reason="退", by=ME, at=T0, key=f"c-{i}")
        except WulianError:
            continue  # a full slot, a second booking: refused, and nothing changed
    for appointment in list(shops.appointments()):
        if appointment.status.value == "booked":
            shops.keep(order=appointment.order, by=STAFF, at=later, key=f"kept-{appointment.order}")

    month = settle_month(shops, month=T0.date(), passbooks=[holder], catalogues=[shelf])

    assert month.balanced
    assert month.ledger == 80 - holder.balance()
    (line,) = month.lines
    assert line.owed == line.yuan_per_point * line.handed_over
    assert 0 <= line.handed_over <= line.redeemed - line.cancelled

"""The passbook with the practice numbers: 1 hour = 1 point, ≤ 2 h an activity, ≤ 8 h a day."""

from __future__ import annotations

import datetime as dt
import inspect

import attrs
import pytest

from wulian_core.calendar import SHANGHAI
from wulian_core.errors import (
    IdempotencyConflict,
    IllegalTransition,
    InsufficientPoints,
    IntegrityError,
    InvalidValue,
    NotFound,
    PermissionDenied,
)
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.points import (
    AccountRole,
    Holder,
    HolderKind,
    Ledger,
    MoralCategory,
    Passbook,
    Period,
    PointsPolicy,
    RedemptionRule,
    Term,
    TermKind,
    star_level,
)
from wulian_core.regions import RegionCode
from wulian_core.volunteering import Organiser, OrganiserKind

T0 = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)
DAY = T0.date()
HOME = RegionCode("150603001001")
ELSEWHERE = RegionCode("150603001002")
WORKER = Actor("w-1", {Grant(Role.COMMUNITY_WORKER, Scope.region(HOME))})
SECRETARY = Actor("s-1", {Grant(Role.COMMUNITY_SECRETARY, Scope.region(HOME))})
OTHER_WORKER = Actor("w-2", {Grant(Role.COMMUNITY_WORKER, Scope.region(ELSEWHERE))})
ME = Actor("p-3")


def practice(**changes: object) -> PointsPolicy:
    return attrs.evolve(PointsPolicy.practice(), **changes)


def open_book(policy: PointsPolicy | None = None, holder: Holder | None = None) -> Passbook:
    holder = holder or Holder(id="p-3", kind=HolderKind.PERSON, community=HOME)
    return Passbook.open(holder, policy=policy or PointsPolicy.practice(), by=WORKER, at=T0)


def serve(
    book: Passbook, minutes: int, *, key: str, on: dt.date = DAY, at: dt.datetime = T0
) -> None:
    book.record_service(activity=f"act-{key}", on=on, minutes=minutes, by=WORKER, at=at, key=key)


def earn(book: Passbook, kind: str = "public_welfare", *, key: str, at: dt.datetime = T0) -> None:
    book.accrue_activity(
        activity=f"act-{key}",
        on=at.astimezone(SHANGHAI).date(),
        activity_kind=kind,
        by=WORKER,
        at=at,
        key=key,
    )


def state(book: Passbook) -> tuple[object, ...]:
    return (book.version, *(book.balance(ledger) for ledger in Ledger), book.debt)


# --- service time and its points ------------------------------------------------------------


def test_an_hour_of_service_is_one_point_and_sixty_certified_minutes() -> None:
    book = open_book()

    serve(book, 60, key="k-1")

    assert (book.balance(Ledger.SERVICE_MINUTES), book.balance(Ledger.MATERIAL)) == (60, 1)


def test_an_activity_counts_two_hours_at_most() -> None:
    book = open_book()

    serve(book, 5 * 60, key="k-1")

    assert (book.lifetime_minutes, book.balance()) == (120, 2)


def test_a_day_counts_eight_hours_at_most_across_activities() -> None:
    book = open_book()

    for i in range(5):  # five 2-hour activities on one day: the fifth counts nothing
        serve(book, 120, key=f"k-{i}")

    assert (book.lifetime_minutes, book.balance()) == (480, 8)
    assert book.events[-1].credited_minutes == 0  # type: ignore[union-attr]


def test_the_daily_cap_counts_the_day_of_service_not_the_day_it_is_recorded() -> None:
    book = open_book()
    for i in range(4):
        serve(book, 120, key=f"k-{i}", on=DAY - dt.timedelta(days=1))

    serve(book, 120, key="today")

    assert book.lifetime_minutes == 600


def test_minutes_round_down_to_half_hour_units_and_points_round_down_per_record() -> None:
    book = open_book()

    serve(book, 45, key="k-1")  # one 30-minute unit; half a point rounds down
    serve(book, 100, key="k-2")  # three units: 90 minutes, 1.5 points, so 1

    assert (book.lifetime_minutes, book.balance()) == (120, 1)


def test_a_service_record_is_corrected_with_a_reason_never_recorded_twice() -> None:
    book = open_book()
    book.record_service(activity="a-1", on=DAY, minutes=120, by=WORKER, at=T0, key="k-1")

    with pytest.raises(IllegalTransition, match="correct it with a reason"):
        book.record_service(activity="a-1", on=DAY, minutes=60, by=WORKER, at=T0, key="k-2")
    (event,) = book.correct_service(
        activity="a-1", minutes=60, reason="签退时间有误", by=WORKER, at=T0, key="k-3"
    )

    assert (event.minutes_delta, event.points_delta) == (-60, -1)  # type: ignore[union-attr]
    assert (book.lifetime_minutes, book.balance()) == (60, 1)


def test_an_upheld_complaint_zeroes_the_activity_and_turns_spent_points_into_debt() -> None:
    book = open_book()
    serve(book, 120, key="k-1")
    book.redeem(points=2, point="shop-1", by=ME, at=T0, key="r-1")

    book.uphold_complaint(activity="act-k-1", reason="投诉属实", by=WORKER, at=T0, key="k-2")
    serve(book, 60, key="k-3")  # the next point settles the debt first

    assert (book.lifetime_minutes, book.balance(), book.debt) == (60, 0, 1)


def test_star_levels_start_at_100_hours_and_count_the_threshold_itself() -> None:
    assert [star_level(h * 60) for h in (99, 100, 299, 300, 600, 1000, 1499, 1500, 9000)] == [
        0,
        1,
        1,
        2,
        3,
        4,
        4,
        5,
        5,
    ]


def test_a_passbook_reports_the_star_level_of_its_certified_time() -> None:
    book = open_book()
    for i in range(13):  # 13 days of 8 hours = 104 hours
        for j in range(4):
            serve(book, 120, key=f"k-{i}-{j}", on=DAY - dt.timedelta(days=i))

    assert (book.lifetime_minutes // 60, book.star_level) == (104, 1)


# --- permissions ----------------------------------------------------------------------------


# A volunteer team on record (its leader o-1), and a station (its posted staff).
TEAM = Organiser(kind=OrganiserKind.VOLUNTEER_TEAM, id="t-1", region=HOME, staff={"o-1"})
STATION = Organiser(kind=OrganiserKind.STATION, id="s-1", region=RegionCode("150603001"))


def test_nobody_records_points_into_their_own_passbook_even_as_organiser() -> None:
    book = open_book()
    mine = attrs.evolve(TEAM, staff={"p-3"})

    with pytest.raises(PermissionDenied, match="own passbook"):
        book.record_service(
            activity="a-1", on=DAY, minutes=60, organiser=mine, by=ME, at=T0, key="k-1"
        )

    assert book.version == 1


def test_a_household_member_cannot_credit_the_household_passbook() -> None:
    home = Holder(id="hh-1", kind=HolderKind.HOUSEHOLD, community=HOME, members={"w-1", "p-4"})
    book = open_book(holder=home)

    with pytest.raises(PermissionDenied):
        earn(book, key="k-1")  # w-1 is a community worker, but lives in this household


def test_the_organisers_staff_record_service_and_a_stranger_may_not() -> None:
    book = open_book()
    station_staff = Actor("p-8", {Grant(Role.STATION_STAFF, Scope.station("s-1"))})

    (ev,) = book.record_service(
        activity="a-1", on=DAY, minutes=60, organiser=TEAM, by=Actor("o-1"), at=T0, key="k-1"
    )
    book.record_service(
        activity="a-2", on=DAY, minutes=60, organiser=STATION, by=station_staff, at=T0, key="k-2"
    )
    with pytest.raises(PermissionDenied, match="organiser or a community worker"):
        book.record_service(
            activity="a-3", on=DAY, minutes=60, organiser=TEAM, by=Actor("x-9"), at=T0, key="k-3"
        )

    assert (ev.organiser, book.balance(), book.version) == ("o-1", 2, 3)


@pytest.mark.parametrize("command", ["record_service", "accrue_activity"])
def test_naming_oneself_organiser_credits_nothing(command: str) -> None:
    book = open_book()
    run = getattr(book, command)
    extra = {"minutes": 60} if command == "record_service" else {"activity_kind": "meeting"}

    # The hole this closes: a person id as organiser, with that person acting.
    with pytest.raises(InvalidValue, match=f"Passbook.{command}.organiser.*not a person id"):
        run(activity="a-1", on=DAY, organiser="x-9", by=Actor("x-9"), at=T0, key="k-1", **extra)
    # An organiser on record the actor does not act for.
    with pytest.raises(PermissionDenied):
        run(activity="a-1", on=DAY, organiser=TEAM, by=Actor("x-9"), at=T0, key="k-1", **extra)

    assert (book.version, book.balance(), book.lifetime_minutes) == (1, 0, 0)


def test_community_staff_still_record_with_or_without_the_organiser() -> None:
    book = open_book()

    book.record_service(activity="a-1", on=DAY, minutes=60, by=WORKER, at=T0, key="k-1")
    (ev,) = book.accrue_activity(
        activity="a-2", on=DAY, activity_kind="meeting", organiser=TEAM, by=SECRETARY, at=T0,
        key="k-2",
    )  # fmt: skip

    assert (ev.organiser, book.version) == ("s-1", 3)


def test_a_retry_by_the_organisers_staff_records_once() -> None:
    book = open_book()
    args = {"activity": "a-1", "on": DAY, "minutes": 60, "organiser": TEAM, "key": "k-1"}

    first = book.record_service(by=Actor("o-1"), at=T0, **args)
    again = book.record_service(by=Actor("o-1"), at=T0 + dt.timedelta(minutes=5), **args)

    assert again == first and book.version == 2


def test_a_worker_of_another_community_may_not_record_or_review() -> None:
    book = open_book()

    with pytest.raises(PermissionDenied):
        book.award_moral(category="thrift", reason="勤俭", by=OTHER_WORKER, at=T0, key="k-1")
    with pytest.raises(PermissionDenied):
        book.accrue_activity(
            activity="a-1", on=DAY, activity_kind="meeting", by=OTHER_WORKER, at=T0, key="k-2"
        )


def test_a_household_member_redeems_and_an_outsider_may_not() -> None:
    home = Holder(id="hh-1", kind=HolderKind.HOUSEHOLD, community=HOME, members={"p-1", "p-2"})
    book = open_book(holder=home)
    earn(book, key="k-1")

    book.redeem(points=2, point="shop-1", by=Actor("p-2"), at=T0, key="r-1")
    with pytest.raises(PermissionDenied):
        book.redeem(points=1, point="shop-1", by=SECRETARY, at=T0, key="r-2")

    assert book.balance() == 3


# --- moral points ---------------------------------------------------------------------------


def test_moral_points_are_awarded_and_deducted_by_category_and_may_fall_below_zero() -> None:
    book = open_book()

    book.award_moral(
        category=MoralCategory.FILIAL_PIETY, reason="照顾老人", by=SECRETARY, at=T0, key="k-1"
    )
    book.deduct_moral(category="law_abiding", reason="违规", by=WORKER, at=T0, key="k-2")

    assert book.balance(Ledger.MORAL) == 3 - 5
    assert dict(book.totals_by_category()) == {"filial_piety": 3, "law_abiding": -5}
    assert book.balance(Ledger.MATERIAL) == 0


def test_moral_points_cannot_even_be_asked_for_in_a_redemption() -> None:
    for command in (Passbook.redeem, Passbook.cancel_redemption, Passbook.reverse):
        parameters = inspect.signature(command).parameters
        assert not {"ledger", "kind", "category"} & set(parameters), command.__name__

    takes_ledger = {
        name
        for name, member in inspect.getmembers(Passbook, inspect.isfunction)
        if not name.startswith("_") and "ledger" in inspect.signature(member).parameters
    }
    assert takes_ledger == {"balance", "statement"}  # queries only, never a movement


def test_a_serious_violation_bars_redemption_this_year_and_next() -> None:
    book = open_book()
    earn(book, key="k-1")
    book.deduct_moral(
        category="law_abiding", reason="严重违法", serious=True, by=WORKER, at=T0, key="k-2"
    )

    last_day = dt.datetime(2025, 12, 31, 23, 59, tzinfo=SHANGHAI)
    with pytest.raises(IllegalTransition, match="bars redemption until 2026-01-01"):
        book.redeem(points=1, point="shop-1", by=ME, at=last_day, key="r-1")
    book.redeem(points=1, point="shop-1", by=ME, at=last_day + dt.timedelta(minutes=1), key="r-2")

    assert book.balance() == 4


def test_a_moral_category_cap_per_period_cuts_awards() -> None:
    policy = PointsPolicy.practice()
    capped = practice(
        moral=[
            type(rule)(
                category=rule.category,
                label_zh=rule.label_zh,
                points=3,
                deduction=5,
                max_points_per_period=7,
            )
            for rule in policy.moral
        ],
    )
    book = open_book(capped)

    for i in range(4):
        book.award_moral(category="thrift", reason="节约", by=WORKER, at=T0, key=f"k-{i}")
    book.award_moral(
        category="thrift",
        reason="节约",
        by=WORKER,
        at=dt.datetime(2024, 4, 1, tzinfo=SHANGHAI),
        key="next-quarter",
    )

    assert [e.points for e in book.events[1:]] == [3, 3, 1, 0, 3]  # type: ignore[union-attr]


# --- redemption, expiry, reversal -----------------------------------------------------------


def test_redemption_needs_available_points_and_a_refusal_changes_nothing() -> None:
    book = open_book()
    earn(book, key="k-1")
    before = state(book)

    with pytest.raises(InsufficientPoints) as refused:
        book.redeem(points=6, point="shop-1", by=ME, at=T0, key="r-1")

    assert (refused.value.needed, refused.value.available) == (6, 5)
    assert state(book) == before


def test_points_expire_n_months_after_earning_and_expiry_is_idempotent() -> None:
    book = open_book(practice(expiry=Term(kind=TermKind.MONTHS, count=12)))
    earn(book, key="k-1")  # 2024-03-01: expires on 2025-03-01
    year_on = dt.datetime(2025, 3, 1, 0, 0, tzinfo=SHANGHAI)

    assert book.expire(at=year_on - dt.timedelta(minutes=1), by=WORKER) == ()
    (expired,) = book.expire(at=year_on, by=WORKER)
    again = book.expire(at=year_on, by=WORKER)
    later = book.expire(at=year_on + dt.timedelta(days=1), by=WORKER)

    assert expired.points == 5  # type: ignore[union-attr]
    assert (again, later, book.balance(), book.version) == ((expired,), (), 0, 3)


def test_expired_points_are_never_spent_even_before_a_sweep() -> None:
    book = open_book(practice(expiry=Term(kind=TermKind.YEAR_END, count=0)))
    earn(book, key="old")  # 2024: expires 2025-01-01
    new_year = dt.datetime(2025, 1, 2, 10, tzinfo=SHANGHAI)
    earn(book, "meeting", key="new", at=new_year)

    assert book.available(as_of=new_year) == 2
    with pytest.raises(InsufficientPoints):
        book.redeem(points=3, point="shop-1", by=ME, at=new_year, key="r-1")
    (spent,) = book.redeem(points=2, point="shop-1", by=ME, at=new_year, key="r-2")

    assert (spent.expired, book.balance()) == (5, 0)  # type: ignore[union-attr]


def test_spending_takes_the_oldest_lot_first() -> None:
    book = open_book()
    earn(book, key="old")  # 5 points
    earn(book, "meeting", key="new")  # 2 points
    book.redeem(points=4, point="shop-1", by=ME, at=T0, key="r-1")

    (reversed_old,) = book.reverse(accrual="old", reason="重复", by=WORKER, at=T0, key="v-1")

    assert (reversed_old.taken, reversed_old.debt) == (1, 4)  # type: ignore[union-attr]
    assert (book.balance(), book.debt) == (2, 4)


def test_a_debt_is_settled_by_later_accruals_before_they_can_be_spent() -> None:
    book = open_book()
    earn(book, key="k-1")
    book.redeem(points=5, point="shop-1", by=ME, at=T0, key="r-1")
    book.reverse(accrual="k-1", reason="误记", by=WORKER, at=T0, key="v-1")

    earn(book, "meeting", key="k-2")  # 2 of the 5 owed
    earn(book, key="k-3")  # 3 owed, 2 kept

    assert (book.balance(), book.debt) == (2, 0)
    with pytest.raises(IllegalTransition):
        book.reverse(accrual="k-1", reason="again", by=WORKER, at=T0, key="v-2")


def test_cancelling_a_redemption_returns_the_points_and_pays_debt_first() -> None:
    book = open_book()
    earn(book, key="k-1")
    book.redeem(points=4, point="shop-1", by=ME, at=T0, key="r-1")
    book.reverse(accrual="k-1", reason="误记", by=WORKER, at=T0, key="v-1")

    (back,) = book.cancel_redemption(order="r-1", reason="退货", by=ME, at=T0, key="c-1")

    assert (back.returned, back.debt_cleared) == (0, 4)  # type: ignore[union-attr]
    assert (book.balance(), book.debt) == (0, 0)
    with pytest.raises(IllegalTransition):
        book.cancel_redemption(order="r-1", reason="again", by=ME, at=T0, key="c-2")


def test_redemption_windows_open_the_first_days_of_each_quarter_once() -> None:
    rule = RedemptionRule(period=Period.QUARTER, open_days=10, max_per_period=1)
    book = open_book(practice(redemption=rule))
    earn(book, key="k-1")
    april = dt.datetime(2024, 4, 10, 12, tzinfo=SHANGHAI)

    with pytest.raises(IllegalTransition, match="window"):
        book.redeem(points=1, point="shop-1", by=ME, at=T0 + dt.timedelta(days=10), key="r-1")
    book.redeem(points=1, point="shop-1", by=ME, at=april, key="r-2")
    with pytest.raises(IllegalTransition, match="limit"):
        book.redeem(points=1, point="shop-1", by=ME, at=april, key="r-3")

    assert book.balance() == 4


# --- idempotency, bad input -----------------------------------------------------------------


def test_a_retry_with_the_same_key_and_request_applies_once() -> None:
    book = open_book()
    first = book.accrue_activity(
        activity="a-1", on=DAY, activity_kind="meeting", by=WORKER, at=T0, key="k-1"
    )

    again = book.accrue_activity(
        activity="a-1",
        on=DAY,
        activity_kind="meeting",
        by=WORKER,
        at=T0 + dt.timedelta(hours=1),
        key="k-1",
    )

    assert again == first
    assert (book.version, book.balance()) == (2, 2)


def test_the_same_key_with_another_request_is_refused_and_changes_nothing() -> None:
    book = open_book()
    earn(book, key="k-1")
    before = state(book)

    with pytest.raises(IdempotencyConflict):
        book.accrue_activity(
            activity="a-2", on=DAY, activity_kind="meeting", by=WORKER, at=T0, key="k-1"
        )
    with pytest.raises(IdempotencyConflict):
        book.redeem(points=1, point="shop-1", by=ME, at=T0, key="k-1")

    assert state(book) == before


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"minutes": -1}, "Passbook.record_service.minutes"),
        ({"minutes": 60.0}, "Passbook.record_service.minutes"),
        ({"activity": " "}, "Passbook.record_service.activity"),
        ({"on": T0}, "Passbook.record_service.on"),
        ({"on": DAY + dt.timedelta(days=1)}, "Passbook.record_service.on"),
        ({"at": T0.replace(tzinfo=None)}, "Passbook.record_service.at"),
        ({"at": T0 - dt.timedelta(seconds=1)}, "Passbook.record_service.at"),
        ({"key": ""}, "Passbook.record_service.key"),
        ({"by": "w-1"}, "Passbook.record_service.by"),
    ],
)
def test_bad_service_input_names_the_field_and_changes_nothing(
    arguments: dict[str, object], field: str
) -> None:
    book = open_book()
    before = state(book)
    command = {"activity": "a-1", "on": DAY, "minutes": 60, "by": WORKER, "at": T0, "key": "k-1"}

    with pytest.raises(InvalidValue) as refused:
        book.record_service(**{**command, **arguments})  # type: ignore[arg-type]

    assert refused.value.field == field
    assert state(book) == before


class _NoOffset(dt.tzinfo):
    """A tzinfo that knows no offset: a datetime with it is as naive as one without."""

    def utcoffset(self, when: dt.datetime | None) -> None:
        return None

    def dst(self, when: dt.datetime | None) -> None:
        return None


VAGUE = T0.replace(tzinfo=_NoOffset())


@pytest.mark.parametrize(
    ("command", "arguments"),
    [
        ("record_service", {"activity": "a-1", "on": DAY, "minutes": 60, "by": WORKER}),
        (
            "accrue_activity",
            {"activity": "a-1", "on": DAY, "activity_kind": "meeting", "by": WORKER},
        ),
        ("award_moral", {"category": "neighbourly_help", "reason": "互助", "by": WORKER}),
        ("redeem", {"points": 1, "point": "shop-1", "by": ME}),
        ("expire", {"by": WORKER}),
    ],
)
def test_an_instant_whose_tzinfo_gives_no_offset_is_refused_by_name(
    command: str, arguments: dict[str, object]
) -> None:
    book = open_book()
    earn(book, key="k-0")
    before = state(book)

    with pytest.raises(InvalidValue) as refused:
        getattr(book, command)(**arguments, at=VAGUE, key="k-1")

    assert refused.value.field == f"Passbook.{command}.at"
    assert state(book) == before


def test_an_event_decided_elsewhere_is_recorded_only_if_it_continues_the_history() -> None:
    book, other = open_book(), open_book()
    (earned,) = other.accrue_activity(
        activity="a-1", on=DAY, activity_kind="public_welfare", by=WORKER, at=T0, key="k-1"
    )
    stranger = Passbook.open(
        Holder(id="p-4", kind=HolderKind.PERSON, community=HOME),
        policy=PointsPolicy.practice(),
        by=WORKER,
        at=T0,
    )

    book.record(earned)

    assert book.balance() == other.balance() == 5
    assert book.events == other.events
    with pytest.raises(IntegrityError, match="reuses key"):
        book.record(earned)
    with pytest.raises(IntegrityError, match="is for p-3"):
        stranger.record(earned)
    with pytest.raises(IntegrityError, match="not a passbook event"):
        book.record("k-2")  # type: ignore[arg-type]


def test_unknown_kinds_categories_and_accruals_are_named() -> None:
    book = open_book()

    with pytest.raises(InvalidValue, match="policy kinds: meeting, public_welfare, referral"):
        book.accrue_activity(
            activity="a-1", on=DAY, activity_kind="dance", by=WORKER, at=T0, key="k-1"
        )
    with pytest.raises(InvalidValue, match="category"):
        book.award_moral(category="valour", reason="x", by=WORKER, at=T0, key="k-2")
    with pytest.raises(NotFound):
        book.reverse(accrual="nope", reason="x", by=WORKER, at=T0, key="k-3")
    with pytest.raises(NotFound):
        book.correct_service(activity="nope", minutes=1, reason="x", by=WORKER, at=T0, key="k-4")


# --- queries, replay, double entry ----------------------------------------------------------


def test_balances_as_of_an_earlier_instant_read_the_history() -> None:
    book = open_book()
    for i in range(150):  # past two checkpoints
        earn(book, "meeting", key=f"k-{i}", at=T0 + dt.timedelta(hours=i))

    assert book.balance(as_of=T0 - dt.timedelta(seconds=1)) == 0
    assert book.available(as_of=T0 - dt.timedelta(seconds=1)) == 0
    assert book.available(as_of=T0 + dt.timedelta(hours=99, minutes=30)) == 200
    assert book.balance(as_of=T0 + dt.timedelta(hours=99, minutes=30)) == 200
    assert book.balance(as_of=T0 + dt.timedelta(days=30)) == 300
    with pytest.raises(InvalidValue):
        book.balance(as_of=T0.replace(tzinfo=None))


def test_a_statement_shows_entries_between_two_dates_with_a_running_balance() -> None:
    book = open_book()
    earn(book, key="k-1")
    march_5 = dt.datetime(2024, 3, 5, 10, tzinfo=SHANGHAI)
    earn(book, "meeting", key="k-2", at=march_5)
    book.redeem(points=3, point="shop-1", by=ME, at=march_5, key="r-1")

    statement = book.statement(start=dt.date(2024, 3, 2), end=dt.date(2024, 3, 31))

    assert statement.opening == 5
    assert [(line.amount, line.balance) for line in statement.lines] == [(2, 7), (-3, 4)]
    assert statement.lines[-1].counterparty.role is AccountRole.REDEMPTION_POINT
    assert statement.closing == book.balance()


def test_every_ledger_sums_to_zero_and_the_holder_account_is_the_balance() -> None:
    book = open_book(practice(expiry=Term(kind=TermKind.YEAR_END, count=0)))
    serve(book, 120, key="s-1")
    earn(book, key="k-1")
    book.award_moral(category="thrift", reason="节约", by=WORKER, at=T0, key="m-1")
    book.redeem(points=4, point="shop-1", by=ME, at=T0, key="r-1")
    book.reverse(accrual="k-1", reason="误记", by=WORKER, at=T0, key="v-1")
    book.expire(at=dt.datetime(2025, 2, 1, tzinfo=SHANGHAI), by=WORKER)

    for ledger in Ledger:
        entries = [e for e in book.entries() if e.ledger is ledger]
        accounts = {e.source for e in entries} | {e.target for e in entries}
        totals = {a: sum(e.signed_for(a) for e in entries) for a in accounts}
        holder = [a for a in accounts if a.role is AccountRole.HOLDER]
        assert sum(totals.values()) == 0
        assert sum(totals[a] for a in holder) == book.balance(ledger)
        assert all(e.by and e.reason for e in entries)


def test_replay_rebuilds_the_same_passbook_and_refuses_a_broken_history() -> None:
    book = open_book()
    earn(book, key="k-1")
    book.redeem(points=2, point="shop-1", by=ME, at=T0, key="r-1")
    book.reverse(accrual="k-1", reason="误记", by=WORKER, at=T0, key="v-1")

    again = Passbook.replay(book.events, policy=book.policy)

    assert (again.events, state(again)) == (book.events, state(book))
    with pytest.raises(IntegrityError):
        Passbook.replay(book.events[1:], policy=book.policy)
    with pytest.raises(IntegrityError):
        Passbook.replay([*book.events, book.events[1]], policy=book.policy)


def test_a_new_expiry_term_after_replay_still_expires_what_falls_due() -> None:
    book = open_book()  # the practice policy: points never expire
    earn(book, key="old")
    monthly = Passbook.replay(
        book.events, policy=practice(expiry=Term(kind=TermKind.MONTHS, count=1))
    )
    earn(monthly, "meeting", key="new", at=T0 + dt.timedelta(hours=1))  # due 2024-04-01

    (expired,) = monthly.expire(at=dt.datetime(2024, 4, 1, tzinfo=SHANGHAI), by=WORKER)

    assert (expired.points, monthly.balance()) == (2, 5)  # type: ignore[union-attr]


def test_a_correction_after_a_cancelled_redemption_leaves_no_negative_debt() -> None:
    from wulian_core.examples import passbook_example

    book, worker, me, at = passbook_example()
    book.record_service(activity="a-1", on=at.date(), minutes=60, by=worker, at=at, key="s-1")
    book.redeem(points=1, point="market-1", by=me, at=at, key="o-1")
    book.correct_service(activity="a-1", minutes=0, reason="记错", by=worker, at=at, key="c-1")
    book.correct_service(activity="a-1", minutes=60, reason="改回", by=worker, at=at, key="c-2")
    book.cancel_redemption(order="o-1", reason="不要了", by=me, at=at, key="x-1")
    book.correct_service(activity="a-1", minutes=0, reason="记错", by=worker, at=at, key="c-3")

    assert (book.balance(), book.available(as_of=at), book.debt) == (0, 0, 0)


@pytest.mark.parametrize("command", ["record_service", "accrue_activity"])
def test_a_retry_naming_a_person_as_organiser_is_refused_too(command: str) -> None:
    from wulian_core.examples import passbook_example

    book, worker, _, at = passbook_example()
    arguments = {"record_service": {"minutes": 60}, "accrue_activity": {"activity_kind": "meeting"}}
    call = getattr(book, command)
    call(activity="a-1", on=at.date(), by=worker, at=at, key="k-1", **arguments[command])
    version = book.version
    with pytest.raises(InvalidValue, match=f"Passbook.{command}.organiser"):
        call(
            activity="a-1",
            on=at.date(),
            organiser="p-3",
            by=worker,
            at=at,
            key="k-1",
            **arguments[command],
        )
    assert book.version == version


def test_a_blank_key_is_refused_by_every_command_as_the_event_would_refuse_it() -> None:
    # An event recorded under a blank key could not be read back from the store.
    from wulian_core.examples import passbook_example

    book, worker, me, at = passbook_example()
    refused = r"Passbook\.\w+\.key: must be a non-blank"
    with pytest.raises(InvalidValue, match=refused):
        book.accrue_activity(
            activity="a-1", on=at.date(), activity_kind="meeting", by=worker, at=at, key="  "
        )
    with pytest.raises(InvalidValue, match=refused):
        book.redeem(points=1, point="shop-1", by=me, at=at, key="  ")
    with pytest.raises(InvalidValue, match=refused):
        book.expire(at=at, by=worker, key="  ")
    assert book.version == 1

"""The bad values the fuzz suite feeds every public entry point, and the valid ones it starts from.

Bad values come from one table (``BAD``) of the kinds the hardening issue names: wrong
types, None, empty and huge strings, NaN and infinities, negative and huge numbers,
naive and offsetless datetimes, far dates and deep nesting. Hypothesis draws from the
table and from its own generators (``bad_values()``).

Valid values come from a corpus: the synthetic Kangbashi district, a simulated quarter,
its volunteering quarter and the ready-made examples, walked field by field, so that every
public record type found there has real instances to start from (``CORPUS``).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from functools import cache
from typing import Any

import attrs
from hypothesis import strategies as st

UTC = dt.UTC


class Offsetless(dt.tzinfo):
    """A tzinfo whose ``utcoffset()`` is None: the datetime stays as naive as none."""

    def utcoffset(self, when: dt.datetime | None) -> dt.timedelta | None:
        return None

    def dst(self, when: dt.datetime | None) -> dt.timedelta | None:
        return None

    def tzname(self, when: dt.datetime | None) -> str | None:
        return None

    def __repr__(self) -> str:
        return "Offsetless()"


DEPTH = 10_000


def deep_list(depth: int = DEPTH) -> list[Any]:
    """A list nested ``depth`` deep, built without recursion."""
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def deep_dict(depth: int = DEPTH) -> dict[str, Any]:
    """A dict nested ``depth`` deep."""
    value: dict[str, Any] = {}
    for _ in range(depth):
        value = {"a": value}
    return value


class _Stranger:
    """An object of a type no field expects."""

    def __repr__(self) -> str:
        return "<stranger>"


# label -> a factory, so that every call gets its own (mutable) value.
BAD: dict[str, Callable[[], Any]] = {
    "None": lambda: None,
    "empty string": lambda: "",
    "blank string": lambda: "   ",
    "nul string": lambda: "\x00",
    "newline string": lambda: "a\nb",
    "huge string": lambda: "x" * 100_000,
    "zero": lambda: 0,
    "minus one": lambda: -1,
    "2**64": lambda: 2**64,
    "-2**64": lambda: -(2**64),
    "10**12 + 1": lambda: 10**12 + 1,
    "true": lambda: True,
    "half": lambda: 0.5,
    "nan": lambda: float("nan"),
    "inf": lambda: float("inf"),
    "-inf": lambda: float("-inf"),
    "Decimal NaN": lambda: Decimal("NaN"),
    "Decimal inf": lambda: Decimal("Infinity"),
    "bytes": lambda: b"\xff\xfe",
    "empty list": list,
    "list of str": lambda: ["a"],
    "empty dict": dict,
    "dict": lambda: {"a": 1},
    "set of int": lambda: {1, 2},
    "stranger": _Stranger,
    "type": lambda: int,
    "naive datetime": lambda: dt.datetime(2024, 3, 1, 9, 0),
    "offsetless datetime": lambda: dt.datetime(2024, 3, 1, 9, 0, tzinfo=Offsetless()),
    "far aware datetime": lambda: dt.datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
    "early aware datetime": lambda: dt.datetime(1, 1, 1, 0, 0, tzinfo=UTC),
    "far date": lambda: dt.date(9999, 12, 31),
    "early date": lambda: dt.date(1, 1, 1),
    "date string": lambda: "2024-03-01",
    "timedelta": lambda: dt.timedelta(days=-1),
    "deep list": deep_list,
    "deep dict": deep_dict,
}


def bad_values() -> st.SearchStrategy[tuple[str, Any]]:
    """``(label, value)``: the table above, and Hypothesis' own junk of every kind."""
    junk = st.one_of(
        st.text(max_size=30),
        st.integers(),
        st.floats(),
        st.binary(max_size=8),
        st.lists(st.integers() | st.text(max_size=3), max_size=3),
        st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
        st.datetimes(),
        st.dates(),
        st.none(),
    )
    return st.one_of(
        st.sampled_from(sorted(BAD)).map(lambda label: (label, BAD[label]())),
        junk.map(lambda value: (f"drawn {type(value).__name__}", value)),
    )


# --- the corpus of valid values ---------------------------------------------------------


def _walk(root: object) -> Iterator[object]:
    """Every value reachable from ``root`` through attrs fields, containers and aggregates."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        value = stack.pop()
        if id(value) in seen or isinstance(value, str | int | float | bytes | enum.Enum):
            continue
        seen.add(id(value))
        yield value
        if attrs.has(type(value)):
            stack.extend(getattr(value, a.name) for a in attrs.fields(type(value)))
        elif isinstance(value, dict):
            stack.extend(value.values())
            stack.extend(value.keys())
        elif isinstance(value, tuple | list | frozenset | set | Sequence):
            # Sequence: a directory's organizations are columns, read as records.
            stack.extend(value)
        elif not isinstance(value, type) and type(value).__module__.startswith("wulian_core"):
            # An aggregate or a query object: its public attributes and properties.
            for name in dir(value):
                if name.startswith("_"):
                    continue
                try:
                    inner = getattr(value, name)
                except Exception:
                    continue
                if not callable(inner):
                    stack.append(inner)


@cache
def corpus() -> dict[type, tuple[object, ...]]:
    """Valid instances by type, from the demo district, its quarter and the examples."""
    from wulian_core import examples, policies, synth
    from wulian_core.simulation import simulate_quarter
    from wulian_core.volunteering import simulate_quarter as volunteering_quarter

    directory = synth.kangbashi(seed=0)
    targets = policies.load("shaanxi-2022")
    quarter = simulate_quarter(directory, targets=targets, seed=0)
    volunteering = volunteering_quarter(directory, seed=0, start=dt.date(2024, 1, 1))
    roots: list[object] = [directory, targets, quarter, volunteering]
    roots += [examples.case_example(), examples.case_resolved(), examples.case_at_agency()]
    roots += [examples.passbook_example(), examples.catalogue_example()]
    roots += [quarter.passbooks[0].statement(start=quarter.start, end=quarter.end)]
    roots += [quarter.cases[0].timeline(), tuple(quarter.passbooks[0].entries())]
    roots += _scenes()
    roots += _report_views(quarter.report, directory, targets)
    found: dict[type, list[object]] = {}
    for root in roots:
        for value in _walk(root):
            bucket = found.setdefault(type(value), [])
            if len(bucket) < 8:
                bucket.append(value)
    return {kind: tuple(values) for kind, values in found.items()}


def instance_of(kind: type) -> object | None:
    """A valid instance of ``kind`` (or of a subclass) from the corpus, or None."""
    table = corpus()
    if kind in table:
        return table[kind][0]
    if getattr(kind, "_is_protocol", False):
        return None
    for found, values in table.items():
        if isinstance(found, type) and issubclass(found, kind):
            return values[0]
    return None


def Actor_of(person: str) -> object:
    """An actor with no grants: a resident acting for themself."""
    from wulian_core.people import Actor

    return Actor(person)


def reservations(shop: Any) -> object:
    """The catalogue's reservations, after one more redemption."""
    return tuple(shop.reservations())


def _report_views(report: Any, directory: Any, targets: Any) -> list[object]:
    from wulian_core.rules import progress

    views: list[object] = [report.gaps(), report.rollups(), report.totals()]
    views.append(progress(targets, directory, [dt.date(2023, 6, 30), dt.date(2023, 12, 31)]))
    return views


def _award() -> object:
    from wulian_core.funding import IncentiveAward, yuan
    from wulian_core.regions import RegionCode

    return IncentiveAward(
        id="aw-2022-610102",
        province=RegionCode("61"),
        county=RegionCode("610102"),
        year=2022,
        amount=yuan("500000"),
        purpose="购买社会工作类社会组织服务",
    )


def _drawn() -> list[object]:
    """One value of each volunteering record the examples do not make, drawn by the strategies."""
    from hypothesis import HealthCheck, find, settings

    from wulian_core.strategies import for_type
    from wulian_core.volunteering import ParticipantProfile, Supply, VolunteerTeam

    quiet = settings(database=None, max_examples=10, suppress_health_check=list(HealthCheck))
    return [
        find(for_type(kind), lambda _: True, settings=quiet)
        for kind in (ParticipantProfile, Supply, VolunteerTeam)
    ]


def _expiring() -> object:
    """A passbook whose points expire at the end of the year: expired in 2025."""
    from wulian_core import examples
    from wulian_core.points import Passbook, PointsPolicy, Term, TermKind

    book, worker, _, at = examples.passbook_example()
    policy = attrs.evolve(PointsPolicy.practice(), expiry=Term(kind=TermKind.YEAR_END, count=0))
    book = Passbook.open(book.holder, policy=policy, by=worker, at=at)
    book.accrue_activity(
        activity="a-1", on=at.date(), activity_kind="meeting", by=worker, at=at, key="k-1"
    )
    book.expire(at=at.replace(year=2025), by=worker)
    return book


def _shops_scene() -> list[object]:
    """The partner shops: a booking kept, one cancelled, a point suspended and reinstated."""
    from wulian_core import examples

    shops, staff, at = examples.shops_example()
    book, worker, me, _ = examples.passbook_example()
    book.accrue_activity(
        activity="a-1", on=at.date(), activity_kind="public_welfare", by=worker, at=at, key="k-1"
    )
    book.accrue_activity(
        activity="a-2", on=at.date(), activity_kind="public_welfare", by=worker, at=at, key="k-2"
    )
    shops.open_slot(
        point="shop-1",
        service="haircut",
        starts=at + dt.timedelta(days=2),
        capacity=1,
        points=5,
        by=staff,
        at=at,
        key="slot-2",
    )
    shops.book(book, slot="slot-1", by=me, at=at, key="b-1")
    shops.book(book, slot="slot-2", by=me, at=at, key="b-2")
    shops.keep(order="b-1", by=staff, at=at + dt.timedelta(days=1), key="kept-1")
    after = at + dt.timedelta(days=1)
    shops.cancel(book, order="b-2", reason="有事", by=me, at=after, key="c-1")
    shops.suspend(point="shop-1", reason="卫生检查", by=staff, at=after, key="s-1")
    shops.reinstate(point="shop-1", reason="整改完成", by=staff, at=after, key="s-2")
    return [shops, book, tuple(shops.points()), shops.appointment("b-1")]


def _notice_board_scene() -> list[object]:
    """The notice board: one posting objected to and reviewed, another credited."""
    from wulian_core import calendar, examples

    board, book, staff, panel, at = examples.notice_board_example()
    board.post(
        book,
        category="neighbourly_help",
        reason="帮邻居修水管",
        calendar=calendar.ChinaCalendar.official(),
        by=staff,
        at=at,
        key="post-2",
    )
    board.object(posting="post-2", reason="事迹不实", by=staff, at=at, key="o-1")
    board.review(objection="o-1", upheld=False, reason="经核实属实", by=panel, at=at, key="v-1")
    later = at + dt.timedelta(days=8)
    board.credit(book, posting="post-1", by=staff, at=later, key="c-1")
    return [board, book, tuple(board.postings())]


def _scenes() -> list[object]:
    """The example aggregates driven through the commands the quarter seldom runs."""
    from wulian_core import calendar, examples, funding, open311, synth
    from wulian_core.escalation import Satisfaction
    from wulian_core.points import MoralCategory
    from wulian_core.regions import RegionLevel
    from wulian_core.rules import Measurement, Requirement, Subjects, Target

    made: list[object] = []
    attempts: list[Callable[[], object]] = []
    case, who, at = examples.case_example()
    later = at + dt.timedelta(hours=1)
    attempts += [
        lambda: case.accept(by=who.liaison, at=later),
        lambda: case.give_feedback(message="已联系", by=who.liaison, at=later),
        lambda: case.urge(note="请尽快", by=who.supervisor, at=later),
        lambda: case.withdraw(reason="已和解", by=who.resident, at=later),
    ]
    made.append(case)
    agency_case, who2, monday = examples.case_at_agency()
    attempts += [
        lambda: agency_case.request_extension(
            extension=calendar.TimeLimit.working_days(5), reason="复杂", by=who2.centre, at=monday
        ),
        lambda: agency_case.reject_extension(reason="不行", by=who2.supervisor, at=monday),
        lambda: agency_case.request_extension(
            extension=calendar.TimeLimit.working_days(3), reason="复杂", by=who2.centre, at=monday
        ),
        lambda: agency_case.approve_extension(by=who2.supervisor, at=monday),
    ]
    made.append(agency_case)
    # Parked at the top level (挂账), and sent back by a grid worker before accepting it.
    parked, pwho, pat2 = examples.case_at_agency()
    returned, rwho, rat = examples.case_example()
    attempts += [
        lambda: parked.park(reason="历史遗留问题", by=pwho.centre, at=pat2),
        lambda: returned.escalate(reason="调解未果", by=rwho.liaison, at=rat),
        lambda: returned.send_back(reason="不属网格事项", by=rwho.grid_worker, at=rat),
    ]
    made += [parked, returned]
    resolved, who3, at3 = examples.case_resolved()
    attempts += [
        lambda: resolved.rate(rating=Satisfaction.UNSATISFIED, by=who3.resident, at=at3),
        lambda: resolved.timeline(),
        lambda: resolved.reopen(reason="漏水未根治", by=who3.supervisor, at=at3),
    ]
    made.append(resolved)
    book, worker, me, pat = examples.passbook_example()
    shop, staff, _ = examples.catalogue_example()
    attempts += [
        lambda: book.accrue_activity(
            activity="a-1",
            on=pat.date(),
            activity_kind="public_welfare",
            by=worker,
            at=pat,
            key="k-1",
        ),
        lambda: book.record_service(
            activity="a-2", on=pat.date(), minutes=60, by=worker, at=pat, key="s-1"
        ),
        lambda: book.correct_service(
            activity="a-2", minutes=30, reason="记错", by=worker, at=pat, key="c-1"
        ),
        lambda: book.award_moral(
            category=next(iter(MoralCategory)), reason="好", by=worker, at=pat, key="m-1"
        ),
        lambda: book.deduct_moral(
            category=next(iter(MoralCategory)), reason="差", by=worker, at=pat, key="m-2"
        ),
        lambda: book.reverse(accrual="k-1", reason="错", by=worker, at=pat, key="r-1"),
        lambda: book.accrue_activity(
            activity="a-3",
            on=pat.date(),
            activity_kind="public_welfare",
            by=worker,
            at=pat,
            key="k-3",
        ),
        lambda: shop.redeem(book, item="soap", by=me, at=pat, key="o-1"),
        lambda: shop.cancel(book, order="o-1", reason="不要了", by=me, at=pat, key="x-1"),
        lambda: shop.donate(item="soap", quantity=2, donor="d-1", by=staff, at=pat, key="d-1"),
        lambda: book.expire(at=pat.replace(year=2030), by=worker),
    ]
    made += [book, shop]
    made += _expiring(), *_shops_scene(), *_notice_board_scene()
    attempts += [
        lambda: calendar.WeekendCalendar(),
        lambda: calendar.ChinaCalendar.official(),
        lambda: calendar.YearNotice.statutory(2030),
        lambda: open311.Open311Catalogue.default(),
        lambda: synth.kangbashi_purchases(),
        lambda: funding.purchase_totals(synth.kangbashi_purchases()),
        lambda: Requirement.parse("超过一半"),
        lambda: Requirement.parse("达到五个以上"),
        lambda: Measurement(numerator=2, denominator=3, missing=["2024-03"], note_zh="缺"),
        lambda: Target(
            id="bare",
            title_zh="基本目标",
            title_en="A bare target",
            subjects=Subjects(level=RegionLevel.COMMUNITY),
            applies_from=dt.date(2024, 1, 1),
        ),
    ]
    # The shops, the notice board, replanning, the rollout's targets and the settlement.
    from wulian_core import points, policies
    from wulian_core.errors import NotFound
    from wulian_core.escalation import EscalationPolicy, SweepFailure

    late, lwho, lat = examples.case_across_the_notice()
    firm = calendar.ChinaCalendar.official(beyond="statutory").extended(
        calendar.YearNotice.statutory(2027)
    )
    attempts += [
        lambda: late.replan(firm, by=lwho.supervisor, at=lat),
        lambda: examples.shops_example()[0],
        lambda: examples.notice_board_example()[0],
        lambda: policies.load("shaanxi-2024"),
        lambda: synth.kangbashi_trainings(synth.kangbashi(seed=0)),
        lambda: SweepFailure("case-1", NotFound("case", "case-1")),
        lambda: points.settle_months(
            synth.kangbashi_shops(shop),
            start=pat.date(),
            end=pat.date() + dt.timedelta(days=40),
            passbooks=[book],
            catalogues=[shop],
        ),
    ]
    made.append(late)
    # A transferred case: the co-units' parts, and a routed policy.
    moved, mwho, mat = examples.case_transferred()
    second, swho, sat = examples.case_transferred()
    attempts += [
        lambda: moved.accept_part(by=mwho.co_unit, at=mat),
        lambda: moved.report_back(report="已办结", by=mwho.co_unit, at=mat),
        lambda: second.excuse_unit(unit="agency-2", reason="无需协办", by=swho.centre, at=sat),
        lambda: EscalationPolicy.kangbashi_routes(),
    ]
    made += [moved, second]
    from wulian_core._volunteering import example as volunteering_example
    from wulian_core.model import IdCardNumber, Person, PhoneNumber
    from wulian_core.volunteering import Availability, ParticipantKind

    reg, vwho, vat = volunteering_example.registered()
    act, awho, aat = volunteering_example.opened(capacity=1)
    attempts += [
        lambda: reg.suspend(reason="暂停", by=vwho.worker, at=vat),
        lambda: reg.reinstate(by=vwho.worker, at=vat),
        lambda: act.invite(person="p-5", reason="邀请", by=awho.worker, at=aat),
        lambda: act.answer(person="p-5", accepted=True, by=Actor_of("p-5"), at=aat),
        lambda: act.sign_up(
            person="p-3", role=ParticipantKind.VOLUNTEER, by=awho.volunteer, at=aat
        ),
        lambda: act.sign_up(person="p-4", by=awho.resident, at=aat),
        lambda: act.withdraw(person="p-3", by=awho.volunteer, at=aat),
        # p-5 holds the one place: their withdrawal promotes p-4 from the waitlist.
        lambda: act.withdraw(person="p-5", by=Actor_of("p-5"), at=aat),
        lambda: volunteering_example.matcher_and_need(),
        lambda: volunteering_example.invitation_index(),
        lambda: volunteering_example.records(),
        lambda: Availability.always(),
        lambda: Person(
            id="p-x",
            name="张三",
            phone=PhoneNumber("13800138000"),
            id_card=IdCardNumber("11010519491231002X"),
        ),
        lambda: reservations(shop),
        lambda: _award(),
        lambda: funding.award_totals([_award()]),
        lambda: volunteering_example.invitation_index()[0].candidates(
            volunteering_example.invitation_index()[1]
        ),
        lambda: examples.volunteering_quarter().months(),
        lambda: examples.volunteering_quarter().needs_by_community(),
    ]
    made += _drawn()
    made += [reg, act]
    for run in attempts:
        try:
            made.append(run())
        except Exception:
            continue
    return made

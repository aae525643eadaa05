"""Replay refuses a history no sequence of commands could produce, naming the event.

A store that writes an event twice, or in the wrong place, must not yield an aggregate
that counts it: a case resolved twice would be counted twice in the figures.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import attrs
import pytest

from wulian_core._escalation import flags, state, steps
from wulian_core.errors import IntegrityError
from wulian_core.escalation import (
    Case,
    CaseOpened,
    CaseResult,
    CaseStatus,
    ExtensionApproved,
    ExtensionRejected,
    FeedbackGiven,
    Satisfaction,
)
from wulian_core.examples import (
    case_at_agency,
    case_example,
    case_resolved,
    catalogue_example,
    passbook_example,
)
from wulian_core.points import Catalogue, Passbook

_ANSWERS = (ExtensionApproved, ExtensionRejected)


def test_a_case_resolved_twice_in_storage_is_refused() -> None:
    case, _, _ = case_resolved()
    events = list(case.events)

    with pytest.raises(IntegrityError, match=r"event 3 \(case.resolved\) cannot follow"):
        Case.replay([*events, events[-1]])


def test_an_event_after_a_final_state_is_refused() -> None:
    case, who, at = case_resolved()
    case.close(by=who.supervisor, at=at)
    late = FeedbackGiven(case=case.id, at=at, by=who.liaison.person, message="已办结")

    with pytest.raises(IntegrityError, match=r"event 4 \(case.feedback_given\) cannot follow"):
        Case.replay([*case.events, late])


def test_an_answer_to_no_pending_extension_is_refused() -> None:
    case, who, at = case_resolved()
    events = list(case.events)
    accepted = events[1]
    approval = {
        "case": case.id,
        "at": at,
        "by": who.supervisor.person,
        "resolve_due": at + dt.timedelta(days=3),
    }
    with pytest.raises(IntegrityError, match="case.extension_approved"):
        Case.replay([events[0], accepted, ExtensionApproved(**approval)])


def test_every_history_a_case_lived_replays() -> None:
    case, who, at = case_resolved()
    case.rate(rating=Satisfaction.UNSATISFIED, comment="没解决", by=who.resident, at=at)
    case.reopen(reason="确未解决", by=who.supervisor, at=at)
    case.accept(by=who.liaison, at=at)
    case.resolve(
        result=CaseResult(resident_contacted=True, solved=True, reply="再次调解"),
        by=who.liaison,
        at=at,
    )

    assert Case.replay(case.events) == case


def test_a_passbook_history_with_a_repeated_event_is_refused() -> None:
    book, worker, _, at = passbook_example()
    book.accrue_activity(
        activity="a-1", on=at.date(), activity_kind="public_welfare", by=worker, at=at, key="k-1"
    )
    events = list(book.events)

    with pytest.raises(IntegrityError, match="reuses key 'k-1'"):
        Passbook.replay([*events, events[-1]], policy=book.policy)


def test_a_catalogue_history_out_of_time_order_or_opened_twice_is_refused() -> None:
    shop, _, _ = catalogue_example()
    events = list(shop.events)
    earlier = attrs.evolve(events[-1], at=events[0].at - dt.timedelta(days=1), key="k-back")

    with pytest.raises(IntegrityError, match="earlier than the one before"):
        Catalogue.replay([*events, earlier])
    with pytest.raises(IntegrityError, match="opens market-1 again"):
        Catalogue.replay([*events, attrs.evolve(events[0], key="k-again")])


def test_a_replayed_tuple_is_kept_as_the_history_and_commands_go_on_from_it() -> None:
    case, who, at = case_resolved()
    history = case.events
    again = Case.replay(history)
    assert again._events is history  # kept, not copied

    case.close(by=who.supervisor, at=at)
    again.close(by=who.supervisor, at=at)

    assert again == case
    assert history == case.events[:-1]  # the tuple given is untouched
    assert Case.replay(iter(case.events)) == Case.replay(list(case.events)) == case


def test_the_failing_event_is_named_by_its_index_whatever_the_iterable() -> None:
    case, _, _ = case_resolved()
    events = [*case.events, case.events[-1]]
    for given in (events, tuple(events), iter(events)):
        with pytest.raises(IntegrityError, match=r"event 3 \(case.resolved\) cannot follow"):
            Case.replay(given)


def test_each_refusal_names_the_event_by_its_place_in_the_middle_of_a_history() -> None:
    case, _, _ = case_at_agency()
    events = list(case.events)
    kinds = [event.kind for event in events]
    climb = kinds.index("case.escalated")
    before = events[:climb]
    after = events[climb + 1 :]
    escalated = events[climb]
    wrong = {
        "is not a case event": "not an event",
        "is for case 'case-9'": attrs.evolve(escalated, case="case-9"),
        "is earlier than the one before it": attrs.evolve(
            escalated, at=events[0].at - dt.timedelta(days=1)
        ),
        "does not fit the case": attrs.evolve(escalated, level="nowhere"),
    }
    for words, event in wrong.items():
        with pytest.raises(IntegrityError, match=rf"event {climb} .*{words}"):
            Case.replay([*before, event, *after])


def test_the_opening_and_the_escalation_write_what_an_arrival_writes() -> None:
    # Both write the arrival's slots inline (a call saved on every case replayed), so
    # ``steps._arrive`` applied again on top must change nothing.
    events = case_at_agency()[0].events
    arrivals = [
        n for n, event in enumerate(events) if event.kind in ("case.opened", "case.escalated")
    ]
    assert len(arrivals) >= 3
    for n in arrivals:
        replayed = Case.replay(events[: n + 1])
        again = Case.replay(events[: n + 1])
        steps._arrive(again, events[n])
        assert [getattr(replayed, name) for name in state.CaseState.__slots__] == [
            getattr(again, name) for name in state.CaseState.__slots__
        ]


def test_each_step_refuses_exactly_the_states_allowed_in_does_not_list() -> None:
    # The steps check their event inline (one type's attribute reads at each place), so
    # this holds each step to the table, state by state. The checks come before any other
    # field is read: an event with only ``case`` and ``at`` reaches them.
    base = case_at_agency()[0]
    ident, last = base.id, base.last_at
    event = SimpleNamespace(case=ident, at=last)
    for kind, step in steps.APPLY.items():
        for status in CaseStatus:
            case = steps.scratch_copy(base)
            case._status = status
            case._pending = base._pending if kind not in _ANSWERS else object()
            if kind is CaseOpened:
                with pytest.raises(IntegrityError, match="a history opens once"):
                    step(case, event, ident, last)
                continue
            try:
                step(case, event, ident, last)
            except flags.CannotFollow:
                assert status not in steps.ALLOWED_IN[kind], (kind, status)
            except (AttributeError, KeyError, TypeError):
                assert status in steps.ALLOWED_IN[kind], (kind, status)
            else:
                assert status in steps.ALLOWED_IN[kind], (kind, status)


def test_a_step_refuses_another_case_and_an_earlier_instant_before_its_state() -> None:
    base = case_resolved()[0]
    ident, last = base.id, base.last_at
    for step in steps.APPLY.values():
        case = steps.scratch_copy(base)
        with pytest.raises(flags.OtherCase):
            step(case, SimpleNamespace(case="case-9", at=last), ident, last)
        with pytest.raises(flags.Earlier):
            step(case, SimpleNamespace(case=ident, at=last - dt.timedelta(seconds=1)), ident, last)
    with pytest.raises(flags.CannotFollow):  # an answer with no request pending
        steps.APPLY[ExtensionApproved](
            case_at_agency()[0], SimpleNamespace(case=ident, at=last), ident, last
        )


def test_the_senders_the_steps_keep_are_those_worked_out_from_the_history() -> None:
    case, who, at = case_example()
    assert steps.senders(case) is None  # worked out now (nobody sent it), kept from here on
    case.accept(by=who.liaison, at=at)
    case.escalate(reason="需网格协调", by=who.liaison, at=at)
    kept = case._senders
    assert kept is not flags.UNKNOWN and kept[0] == 0

    again = Case.replay(case.events)
    assert again._senders is flags.UNKNOWN  # replay builds no sender tuple
    assert again == case
    assert steps.senders(again) == kept
    back = {"reason": "属联络员调解范围", "by": who.grid_worker, "at": at}
    assert Case.replay(case.events).send_back(**back) == case.send_back(**back)
    assert steps.senders(case) is None

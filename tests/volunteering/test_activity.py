"""An activity's life: sign-up and waitlist, attendance, certification, cancel, credit, invitations."""

from __future__ import annotations

import datetime as dt

import pytest

from wulian_core.errors import IllegalTransition, IntegrityError, InvalidValue, PermissionDenied
from wulian_core.model import OrganizationCategory, Registration, ServiceArea, SocialOrganization
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.points import Holder, HolderKind, Ledger, Passbook, PointsPolicy
from wulian_core.volunteering import (
    ActivityStatus,
    CommunityActivity,
    Organiser,
    ParticipantKind,
    ParticipantsNotified,
    Place,
    credit_key,
    credit_passbook,
)

from .conftest import HOME, NEIGHBOUR, OTHER_WORKER, RESIDENT, SECRETARY, T0, VOLUNTEER, WORKER

STARTS = T0 + dt.timedelta(days=1)
ENDS = STARTS + dt.timedelta(hours=2)
MINUTE = dt.timedelta(minutes=1)


def _open(
    capacity: int = 2, organiser: Organiser | None = None, by: Actor = WORKER
) -> CommunityActivity:
    return CommunityActivity.open(
        id="act-1",
        organiser=Organiser.of_community(HOME) if organiser is None else organiser,
        title="共享奶奶",
        community=HOME,
        place="社区活动中心",
        area=ServiceArea.CHILD_WELFARE,
        starts=STARTS,
        ends=ENDS,
        capacity=capacity,
        joint=True,
        by=by,
        at=T0,
    )


def _attended(
    person: str = "p-3", role: ParticipantKind = ParticipantKind.VOLUNTEER
) -> CommunityActivity:
    act = _open()
    act.sign_up(person=person, role=role, by=Actor(person), at=T0)
    act.check_in(person=person, by=Actor(person), at=STARTS - 10 * MINUTE)
    act.check_out(person=person, by=Actor(person), at=ENDS)
    return act


def _book(person: str = "p-3") -> Passbook:
    holder = Holder(id=person, kind=HolderKind.PERSON, community=HOME)
    return Passbook.open(holder, policy=PointsPolicy.practice(), by=WORKER, at=T0)


def test_only_the_organiser_on_record_opens_an_activity() -> None:
    with pytest.raises(PermissionDenied, match="does not act for organiser"):
        _open(by=OTHER_WORKER)
    org = SocialOrganization(
        id="o-1",
        name="悦和互助会",
        community=HOME,
        category=OrganizationCategory.MUTUAL_AID,
        registration=Registration.FILED,
        established=dt.date(2023, 6, 1),
    )
    organiser = Organiser.of_organization(org, staff=["p-7"])
    assert _open(organiser=organiser, by=Actor("p-7")).organiser.id == "o-1"
    with pytest.raises(PermissionDenied):
        _open(organiser=organiser, by=WORKER)


def test_an_activity_lies_in_its_organisers_region_and_starts_later() -> None:
    elsewhere = Organiser.of_community(NEIGHBOUR)
    with pytest.raises(InvalidValue, match="outside the organiser's region"):
        _open(
            organiser=elsewhere,
            by=Actor("p-11", {Grant(Role.COMMUNITY_WORKER, Scope.region(NEIGHBOUR))}),
        )
    with pytest.raises(InvalidValue, match="CommunityActivity.open.starts"):
        CommunityActivity.open(
            id="a",
            organiser=Organiser.of_community(HOME),
            title="t",
            community=HOME,
            place="p",
            area=ServiceArea.ELDERLY_CARE,
            starts=T0,
            ends=ENDS,
            capacity=1,
            by=WORKER,
            at=T0,
        )
    with pytest.raises(InvalidValue, match="ActivityOpened.capacity"):
        _open(capacity=0)


def test_sign_ups_beyond_capacity_wait_and_a_withdrawal_promotes_the_first() -> None:
    act = _open(capacity=1)
    assert act.sign_up(person="p-1", by=Actor("p-1"), at=T0)[0].place is Place.CONFIRMED
    assert act.sign_up(person="p-2", by=Actor("p-2"), at=T0)[0].place is Place.WAITLISTED
    assert act.sign_up(person="p-5", by=Actor("p-5"), at=T0)[0].place is Place.WAITLISTED

    events = act.withdraw(person="p-1", by=Actor("p-1"), at=T0)

    assert [type(e).__name__ for e in events] == ["Withdrew", "PromotedFromWaitlist"]
    assert act.confirmed == ("p-2",)
    assert act.waitlist == ("p-5",)


def test_a_waitlisted_withdrawal_promotes_nobody() -> None:
    act = _open(capacity=1)
    act.sign_up(person="p-1", by=Actor("p-1"), at=T0)
    act.sign_up(person="p-2", by=Actor("p-2"), at=T0)
    assert len(act.withdraw(person="p-2", by=Actor("p-2"), at=T0)) == 1
    assert act.confirmed == ("p-1",)


def test_sign_up_is_refused_twice_after_the_start_and_for_others() -> None:
    act = _open()
    act.sign_up(person="p-1", by=Actor("p-1"), at=T0)
    with pytest.raises(IllegalTransition, match="already signed up"):
        act.sign_up(person="p-1", by=Actor("p-1"), at=T0)
    with pytest.raises(PermissionDenied):
        act.sign_up(person="p-2", by=Actor("p-1"), at=T0)
    with pytest.raises(IllegalTransition, match="began"):
        act.sign_up(person="p-2", by=Actor("p-2"), at=STARTS)
    assert act.sign_up(person="p-6", by=WORKER, at=T0)[0].by == "p-9"


def test_check_in_is_for_confirmed_people_from_an_hour_before_the_start() -> None:
    act = _open(capacity=1)
    act.sign_up(person="p-1", by=Actor("p-1"), at=T0)
    act.sign_up(person="p-2", by=Actor("p-2"), at=T0)
    with pytest.raises(IllegalTransition, match="no confirmed place"):
        act.check_in(person="p-2", by=Actor("p-2"), at=STARTS)
    with pytest.raises(IllegalTransition, match="an hour before"):
        act.check_in(person="p-1", by=Actor("p-1"), at=STARTS - 61 * MINUTE)
    act.check_in(person="p-1", by=Actor("p-1"), at=STARTS - 60 * MINUTE)
    with pytest.raises(IllegalTransition, match="checked in already"):
        act.withdraw(person="p-1", by=Actor("p-1"), at=STARTS)


def test_attended_minutes_count_within_the_activity_only() -> None:
    act = _open()
    act.sign_up(person="p-3", by=VOLUNTEER, at=T0)
    act.sign_up(person="p-4", by=RESIDENT, at=T0)
    act.check_in(person="p-3", by=VOLUNTEER, at=STARTS - 10 * MINUTE)
    act.check_in(person="p-4", by=RESIDENT, at=STARTS + 30 * MINUTE)
    act.check_out(person="p-4", by=RESIDENT, at=STARTS + 75 * MINUTE + dt.timedelta(seconds=59))
    act.check_out(person="p-3", by=VOLUNTEER, at=ENDS + 30 * MINUTE)

    assert act.certify(person="p-3", by=WORKER, at=ENDS + 40 * MINUTE)[0].minutes == 120
    assert act.certify(person="p-4", by=WORKER, at=ENDS + 40 * MINUTE)[0].minutes == 45


def test_the_organiser_may_certify_fewer_minutes_but_never_more() -> None:
    act = _attended()
    with pytest.raises(InvalidValue, match="from 0 to the 120 attended"):
        act.certify(person="p-3", by=WORKER, at=ENDS, minutes=121)
    assert act.certify(person="p-3", by=SECRETARY, at=ENDS, minutes=90)[0].minutes == 90
    with pytest.raises(IllegalTransition, match="certified already"):
        act.certify(person="p-3", by=WORKER, at=ENDS)


def test_only_the_organiser_on_record_certifies_and_never_for_themselves() -> None:
    act = _attended()
    for actor in (VOLUNTEER, RESIDENT, OTHER_WORKER):
        with pytest.raises(PermissionDenied):
            act.certify(person="p-3", by=actor, at=ENDS)
    own = _attended(person="p-9")
    with pytest.raises(PermissionDenied, match="their own service"):
        own.certify(person="p-9", by=WORKER, at=ENDS)
    act2 = _open()
    act2.sign_up(person="p-1", by=Actor("p-1"), at=T0)
    with pytest.raises(IllegalTransition, match="not checked in and out"):
        act2.certify(person="p-1", by=WORKER, at=T0)


def test_certification_credits_the_passbook_once_whoever_retries() -> None:
    act = _attended()
    act.certify(person="p-3", by=WORKER, at=ENDS)
    book = _book()

    (first,) = credit_passbook(act, book, by=WORKER, at=ENDS)
    again = credit_passbook(act, book, by=SECRETARY, at=ENDS)

    assert again == (first,)
    assert first.key == credit_key("act-1", "p-3")
    assert book.balance(Ledger.SERVICE_MINUTES) == 120
    assert book.version == 2


def test_crediting_needs_certified_minutes_and_the_organiser() -> None:
    act = _attended()
    book = _book()
    with pytest.raises(IllegalTransition, match="no certified minutes"):
        credit_passbook(act, book, by=WORKER, at=ENDS)
    act.certify(person="p-3", by=WORKER, at=ENDS)
    with pytest.raises(PermissionDenied):
        credit_passbook(act, book, by=Actor("p-5"), at=ENDS)
    with pytest.raises(InvalidValue, match="credit_passbook.passbook"):
        credit_passbook(act, "book", by=WORKER, at=ENDS)  # type: ignore[arg-type]
    assert book.version == 1


def test_an_organisations_staff_credit_through_the_activity_and_nobody_else_does() -> None:
    org = SocialOrganization(
        id="o-1",
        name="悦和互助会",
        community=HOME,
        category=OrganizationCategory.MUTUAL_AID,
        registration=Registration.FILED,
        established=dt.date(2023, 6, 1),
    )
    staff = Actor("p-7")
    act = _open(organiser=Organiser.of_organization(org, staff=["p-7"]), by=staff)
    act.sign_up(person="p-3", role=ParticipantKind.VOLUNTEER, by=VOLUNTEER, at=T0)
    act.check_in(person="p-3", by=VOLUNTEER, at=STARTS)
    act.check_out(person="p-3", by=VOLUNTEER, at=ENDS)
    act.certify(person="p-3", by=staff, at=ENDS)
    book = _book()

    # Naming oneself organiser, or passing the activity's organiser without acting for it,
    # credits nothing: the passbook asks the organiser on record who acts for it.
    for by, organiser in ((Actor("p-5"), "p-5"), (Actor("p-5"), act.organiser)):
        with pytest.raises((InvalidValue, PermissionDenied)):
            book.record_service(
                activity="act-1", on=STARTS.date(), minutes=120, organiser=organiser,  # type: ignore[arg-type]
                by=by, at=ENDS, key="k-1",
            )  # fmt: skip
    with pytest.raises(PermissionDenied):
        credit_passbook(act, book, by=Actor("p-5"), at=ENDS)
    assert book.version == 1
    (ev,) = credit_passbook(act, book, by=staff, at=ENDS)

    assert (ev.organiser, ev.by, ev.credited_minutes) == ("p-7", "p-7", 120)
    assert book.version == 2


def test_a_cancelled_activity_notifies_everyone_and_credits_nothing() -> None:
    act = _open(capacity=1)
    act.sign_up(person="p-1", by=Actor("p-1"), at=T0)
    act.sign_up(person="p-2", by=Actor("p-2"), at=T0)

    events = act.cancel(reason="暴雨预警", by=WORKER, at=T0)

    notified = events[-1]
    assert isinstance(notified, ParticipantsNotified)
    assert notified.persons == frozenset({"p-1", "p-2"})
    assert act.status is ActivityStatus.CANCELLED
    assert act.held_record() is None
    with pytest.raises(IllegalTransition):
        act.check_in(person="p-1", by=Actor("p-1"), at=STARTS)
    with pytest.raises(IllegalTransition, match="cancelled"):
        credit_passbook(act, _book("p-1"), by=WORKER, at=ENDS)


def test_a_cancel_with_nobody_signed_up_notifies_nobody_and_certified_activities_stay() -> None:
    assert len(_open().cancel(reason="场地冲突", by=WORKER, at=T0)) == 1
    act = _attended()
    act.certify(person="p-3", by=WORKER, at=ENDS)
    with pytest.raises(IllegalTransition, match="certified already"):
        act.cancel(reason="x", by=WORKER, at=ENDS)


def test_the_held_record_lists_certified_volunteers_and_social_workers() -> None:
    act = _open(capacity=3)
    roles = {
        "p-3": ParticipantKind.VOLUNTEER,
        "p-8": ParticipantKind.SOCIAL_WORKER,
        "p-4": ParticipantKind.RESIDENT,
    }
    for person, role in roles.items():
        act.sign_up(person=person, role=role, by=Actor(person), at=T0)
    for person in roles:
        act.check_in(person=person, by=Actor(person), at=STARTS)
    for person in roles:
        act.check_out(person=person, by=Actor(person), at=ENDS)
    act.certify(person="p-3", by=WORKER, at=ENDS)
    act.certify(person="p-8", by=WORKER, at=ENDS)

    record = act.held_record()

    assert record is not None
    assert record.is_joint
    assert record.volunteers == frozenset({"p-3"})
    assert record.social_workers == frozenset({"p-8"})
    assert record.organisers == frozenset({str(HOME)})
    assert record.on == STARTS.date()


def test_an_invitation_records_the_reply_and_acceptance_signs_up() -> None:
    act = _open(capacity=1)
    act.invite(person="p-3", reason="技能：陪伴", role=ParticipantKind.VOLUNTEER, by=WORKER, at=T0)
    act.invite(person="p-4", reason="同社区", by=WORKER, at=T0)
    with pytest.raises(PermissionDenied):
        act.invite(person="p-5", reason="x", by=VOLUNTEER, at=T0)
    with pytest.raises(IllegalTransition, match="invited already"):
        act.invite(person="p-3", reason="x", by=WORKER, at=T0)
    with pytest.raises(PermissionDenied, match="only the invited person"):
        act.answer(person="p-3", accepted=True, by=WORKER, at=T0)

    act.answer(person="p-3", accepted=True, by=VOLUNTEER, at=T0)
    act.answer(person="p-4", accepted=False, by=RESIDENT, at=T0)

    assert act.replies == {"p-3": True, "p-4": False}
    assert act.confirmed == ("p-3",)
    assert act.invitations["p-3"].reason == "技能：陪伴"
    with pytest.raises(IllegalTransition, match="replied already"):
        act.answer(person="p-4", accepted=True, by=RESIDENT, at=T0)
    with pytest.raises(IllegalTransition, match="not invited"):
        act.answer(person="p-5", accepted=True, by=Actor("p-5"), at=T0)


def test_replay_rebuilds_the_activity_and_refuses_a_foreign_event() -> None:
    act = _attended()
    act.certify(person="p-3", by=WORKER, at=ENDS)
    assert CommunityActivity.replay(act.events) == act
    other = _open()
    other.sign_up(person="p-1", by=Actor("p-1"), at=T0)
    with pytest.raises(IntegrityError, match="does not belong here"):
        CommunityActivity.replay([*act.events, act.events[0]])
    with pytest.raises(InvalidValue, match="CommunityActivity.replay.events"):
        CommunityActivity.replay(3)  # type: ignore[arg-type]


def test_command_arguments_are_checked_and_named() -> None:
    act = _open()
    with pytest.raises(InvalidValue, match="CommunityActivity.sign_up.by"):
        act.sign_up(person="p-1", by="p-1", at=T0)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="CommunityActivity.sign_up.person"):
        act.sign_up(person="", by=VOLUNTEER, at=T0)
    with pytest.raises(InvalidValue, match="CommunityActivity.sign_up.role"):
        act.sign_up(person="p-3", role="volunteer", by=VOLUNTEER, at=T0)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="CommunityActivity.cancel.reason"):
        act.cancel(reason=" ", by=WORKER, at=T0)
    assert act.version == 1

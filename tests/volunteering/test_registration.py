"""Registration: who registers and approves, suspension, as-of answers, replay."""

from __future__ import annotations

import datetime as dt

import pytest

from wulian_core.errors import IllegalTransition, IntegrityError, InvalidValue, PermissionDenied
from wulian_core.model import ServiceArea
from wulian_core.volunteering import (
    RegistrationApproved,
    RegistrationStatus,
    VolunteerRegistration,
)

from .conftest import HOME, LI_MIN, OTHER_WORKER, RESIDENT, T0, VOLUNTEER, WORKER

HOUR = dt.timedelta(hours=1)


def _register() -> VolunteerRegistration:
    return VolunteerRegistration.register(
        person=LI_MIN,
        community=HOME,
        skills={"陪伴"},
        areas={ServiceArea.ELDERLY_CARE},
        by=VOLUNTEER,
        at=T0,
    )


def test_a_person_registers_and_a_community_worker_approves() -> None:
    reg = _register()

    (event,) = reg.approve(by=WORKER, at=T0 + HOUR)

    assert type(event) is RegistrationApproved
    assert reg.status is RegistrationStatus.ACTIVE
    assert reg.volunteer().registered_on == T0.date()
    assert reg.areas == frozenset({ServiceArea.ELDERLY_CARE})


def test_someone_else_cannot_register_a_person_unless_a_worker_there() -> None:
    with pytest.raises(PermissionDenied, match="only the person or a community worker"):
        VolunteerRegistration.register(person=LI_MIN, community=HOME, by=RESIDENT, at=T0)
    with pytest.raises(PermissionDenied):
        VolunteerRegistration.register(person=LI_MIN, community=HOME, by=OTHER_WORKER, at=T0)
    assert (
        VolunteerRegistration.register(person=LI_MIN, community=HOME, by=WORKER, at=T0).version == 1
    )


def test_only_a_worker_of_the_community_approves_and_never_the_volunteer() -> None:
    reg = _register()
    for actor in (VOLUNTEER, RESIDENT, OTHER_WORKER):
        with pytest.raises(PermissionDenied):
            reg.approve(by=actor, at=T0)
    assert reg.version == 1


def test_the_registration_answers_as_of_an_instant() -> None:
    reg = _register()
    reg.approve(by=WORKER, at=T0 + HOUR)
    reg.suspend(reason="多次报名未到", by=WORKER, at=T0 + 10 * HOUR)
    reg.reinstate(by=WORKER, at=T0 + 20 * HOUR)

    assert reg.status_at(T0 - HOUR) is None
    assert reg.status_at(T0) is RegistrationStatus.PENDING
    assert reg.is_registered(T0 + 2 * HOUR)
    assert not reg.is_registered(T0 + 11 * HOUR)
    assert reg.is_registered(T0 + 21 * HOUR)


def test_transitions_out_of_turn_are_refused_and_change_nothing() -> None:
    reg = _register()
    with pytest.raises(IllegalTransition):
        reg.suspend(reason="x", by=WORKER, at=T0)
    with pytest.raises(IllegalTransition):
        reg.reinstate(by=WORKER, at=T0)
    with pytest.raises(IllegalTransition):
        reg.volunteer()
    reg.approve(by=WORKER, at=T0)
    with pytest.raises(IllegalTransition):
        reg.approve(by=WORKER, at=T0)
    assert reg.version == 2


def test_bad_values_name_the_field() -> None:
    with pytest.raises(InvalidValue, match="VolunteerRegistration.register.community"):
        VolunteerRegistration.register(person=LI_MIN, community="150603", by=VOLUNTEER, at=T0)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="VolunteerRegistration.register.at"):
        VolunteerRegistration.register(
            person=LI_MIN, community=HOME, by=VOLUNTEER, at=dt.datetime(2024, 3, 1)
        )
    with pytest.raises(InvalidValue, match="VolunteerRegistered.skills"):
        VolunteerRegistration.register(
            person=LI_MIN, community=HOME, skills=[""], by=VOLUNTEER, at=T0
        )
    reg = _register()
    with pytest.raises(InvalidValue, match="must not be before the last event"):
        reg.approve(by=WORKER, at=T0 - HOUR)


def test_the_phone_number_never_shows_whole() -> None:
    reg = _register()
    shown = repr(reg.events) + repr(reg)
    assert "13800138000" not in shown
    assert "138****8000" in shown


def test_replay_rebuilds_and_refuses_a_broken_history() -> None:
    reg = _register()
    reg.approve(by=WORKER, at=T0 + HOUR)
    assert VolunteerRegistration.replay(reg.events) == reg
    with pytest.raises(IntegrityError, match="starts with VolunteerRegistered"):
        VolunteerRegistration.replay(reg.events[1:])
    with pytest.raises(IntegrityError, match="before the event before it"):
        VolunteerRegistration.replay(
            [reg.events[0], RegistrationApproved(volunteer="p-3", at=T0 - HOUR, by="p-9")]
        )
    with pytest.raises(IntegrityError, match="belongs to"):
        VolunteerRegistration.replay(
            [reg.events[0], RegistrationApproved(volunteer="p-8", at=T0, by="p-9")]
        )

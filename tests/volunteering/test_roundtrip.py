"""Every volunteering record and event survives JSON, and ``st.from_type`` draws each type."""

from __future__ import annotations

from typing import Any

import cattrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wulian_core.codec import make_converter, register_union
from wulian_core.strategies import (
    availabilities,
    for_volunteering_type,
    needs,
    organisers,
    participant_profiles,
    supplies,
    volunteer_registrations,
    volunteer_teams,
)
from wulian_core.volunteering import (
    WIRE_UNIONS,
    ActivityEvent,
    Availability,
    CommunityActivity,
    Need,
    Organiser,
    ParticipantProfile,
    RegistrationEvent,
    Supply,
    VolunteerRegistration,
    VolunteerTeam,
)


def _converter() -> cattrs.Converter:
    # Until wulian_core.codec lists this module among its union modules, register here.
    # reveal=True: the round trip is storage's, and a masked number cannot be read back.
    converter = make_converter(reveal=True)
    for union, members in WIRE_UNIONS:
        register_union(converter, members, union=union)
    return converter


CONVERTER = _converter()


def _round_trip(value: Any, cls: Any) -> Any:
    import json

    text = json.dumps(CONVERTER.unstructure(value, cls), ensure_ascii=False)
    return CONVERTER.structure(json.loads(text), cls)


@pytest.mark.parametrize(
    ("strategy", "cls"),
    [
        (availabilities(), Availability),
        (volunteer_teams(), VolunteerTeam),
        (organisers(), Organiser),
        (participant_profiles(), ParticipantProfile),
        (needs(), Need),
        (supplies(), Supply),
    ],
)
@settings(max_examples=25)
@given(data=st.data())
def test_records_round_trip_through_json(strategy: Any, cls: type, data: st.DataObject) -> None:
    value = data.draw(strategy)
    assert _round_trip(value, cls) == value


@given(volunteer_registrations())
def test_registration_events_round_trip_and_replay(reg: VolunteerRegistration) -> None:
    back = [_round_trip(e, RegistrationEvent) for e in reg.events]
    assert back == list(reg.events)
    assert VolunteerRegistration.replay(back) == reg
    assert CONVERTER.unstructure(reg.events[0], RegistrationEvent)["kind"] == "volunteer.registered"


def test_activity_events_carry_their_kind_tag() -> None:
    from wulian_core._volunteering.example import attended

    act, _, _ = attended()
    wire = [CONVERTER.unstructure(e, ActivityEvent) for e in act.events]
    assert [w["kind"] for w in wire] == [
        "activity.opened",
        "activity.signed_up",
        "activity.checked_in",
        "activity.checked_out",
    ]
    assert CommunityActivity.replay(CONVERTER.structure(w, ActivityEvent) for w in wire) == act


@pytest.mark.parametrize(
    "cls",
    [
        Availability,
        VolunteerTeam,
        Organiser,
        ParticipantProfile,
        Need,
        Supply,
        VolunteerRegistration,
        CommunityActivity,
    ],
)
def test_from_type_draws_each_type_once_registered(cls: type) -> None:
    # What wulian_core._hypothesis will do once it knows these types.
    st.register_type_strategy(cls, for_volunteering_type)

    @settings(max_examples=5)
    @given(st.from_type(cls))
    def check(value: Any) -> None:
        assert isinstance(value, cls)

    check()

"""Invitations: the index answers what a pass over every profile would, ranked, with reasons."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wulian_core.calendar import SHANGHAI
from wulian_core.errors import IntegrityError, InvalidValue
from wulian_core.strategies import community_activities, participant_profiles
from wulian_core.volunteering import (
    Audience,
    CommunityActivity,
    InvitationIndex,
    ParticipantKind,
    ParticipantProfile,
)

from .conftest import HOME, RESIDENT, T0, WORKER

HELPERS = {ParticipantKind.VOLUNTEER, ParticipantKind.SOCIAL_WORKER}


def _scan(profiles: list[ParticipantProfile], act: CommunityActivity) -> list[str]:
    """What a pass over every profile finds, in the documented order."""
    o = act.opening
    local = o.starts.astimezone(SHANGHAI)
    fit = [
        p
        for p in profiles
        if p.community == o.community
        and p.fits(o.audience)
        and p.availability.covers(local)
        and (not o.skills or p.skills & o.skills)
        and p.person not in act.confirmed
        and p.person not in act.invitations
    ]
    fit.sort(key=lambda p: (-len(p.skills & o.skills), p.kind not in HELPERS, p.person))
    return [p.person for p in fit]


PROFILES = st.lists(participant_profiles(), max_size=60, unique_by=lambda p: p.person)


@given(PROFILES, community_activities())
def test_the_index_finds_what_a_scan_finds_in_the_same_order(
    profiles: list[ParticipantProfile], act: CommunityActivity
) -> None:
    found = InvitationIndex(profiles).candidates(act, limit=1000)
    assert [c.person for c in found] == _scan(profiles, act)
    for candidate in found:
        assert candidate.reasons[0] == f"同社区 {act.opening.community}"
        assert set(candidate.skills) <= act.opening.skills


def test_people_signed_up_or_invited_are_not_proposed_again() -> None:
    from wulian_core._volunteering.example import invitation_index

    index, act = invitation_index()
    act.invite(person="p-3", reason="技能：陪伴", by=WORKER, at=T0)
    assert index.candidates(act) == ()


def test_an_audience_activity_finds_its_group_and_volunteers_find_helpers() -> None:
    profiles = [
        ParticipantProfile(person="p-1", community=HOME, groups={Audience.ELDERLY}),
        ParticipantProfile(person="p-2", community=HOME),
        ParticipantProfile(person="p-3", community=HOME, kind=ParticipantKind.VOLUNTEER),
    ]
    index = InvitationIndex(profiles)
    from wulian_core._volunteering.example import opened

    act, _, _ = opened()
    assert [c.person for c in index.candidates(act)] == ["p-3", "p-1", "p-2"]
    opening = act.opening
    for audience, expected in ((Audience.ELDERLY, ["p-1"]), (Audience.VOLUNTEERS, ["p-3"])):
        other = CommunityActivity.open(
            id="act-9",
            organiser=opening.organiser,
            title="t",
            community=HOME,
            place="p",
            area=opening.area,
            starts=opening.starts,
            ends=opening.ends,
            capacity=3,
            audience=audience,
            by=WORKER,
            at=T0,
        )
        found = index.candidates(other)
        assert [c.person for c in found] == expected
    assert index.candidates(act, limit=1)[0].person == "p-3"


def test_availability_leaves_out_people_busy_at_the_start() -> None:
    from wulian_core.volunteering import Availability, DayPart

    evenings = Availability(parts={DayPart.EVENING})
    index = InvitationIndex(
        [ParticipantProfile(person="p-1", community=HOME, availability=evenings)]
    )
    from wulian_core._volunteering.example import opened

    act, _, _ = opened()
    assert index.candidates(act) == ()
    assert act.opening.starts.astimezone(SHANGHAI).time() == dt.time(9)


def test_bad_input_is_named() -> None:
    p = ParticipantProfile(person="p-1", community=HOME)
    with pytest.raises(IntegrityError, match="two profiles"):
        InvitationIndex([p, p])
    with pytest.raises(InvalidValue, match=r"InvitationIndex.profiles\[0\]"):
        InvitationIndex([RESIDENT])  # type: ignore[list-item]
    with pytest.raises(InvalidValue, match="InvitationIndex.candidates.activity"):
        InvitationIndex([p]).candidates("act-1")
    with pytest.raises(InvalidValue, match="ParticipantProfile.skills"):
        ParticipantProfile(person="p-1", community=HOME, skills="陪伴")  # type: ignore[arg-type]


def test_a_resident_who_lists_the_volunteers_group_is_proposed_for_volunteers() -> None:
    # The volunteers' pool is whoever ParticipantProfile.fits counts among them: volunteers
    # and social workers by kind, and residents who list the group. The index once took
    # the kinds alone, and a pass over every profile found a resident it missed.
    from wulian_core._volunteering.example import invitation_index
    from wulian_core.model import ServiceArea
    from wulian_core.volunteering import (
        Audience,
        Availability,
        CommunityActivity,
        DayPart,
        Organiser,
        ParticipantKind,
        ParticipantProfile,
    )

    _, example = invitation_index()
    o = example.opening
    anytime = Availability(weekdays={1, 2, 3, 4, 5, 6, 7}, parts=set(DayPart))
    profiles = [
        ParticipantProfile(person="p-7", community=o.community, groups={Audience.VOLUNTEERS},
                           availability=anytime),
        ParticipantProfile(person="p-8", community=o.community, availability=anytime),
        ParticipantProfile(person="p-9", community=o.community, kind=ParticipantKind.SOCIAL_WORKER,
                           availability=anytime),
    ]  # fmt: skip
    act = CommunityActivity.open(
        id="act-9", organiser=Organiser.of_community(o.community), title="志愿者培训",
        community=o.community, place="社区服务站", area=ServiceArea.ELDERLY_CARE,
        starts=o.starts, ends=o.ends, capacity=5, audience=Audience.VOLUNTEERS,
        by=WORKER, at=T0,
    )  # fmt: skip

    found = InvitationIndex(profiles).candidates(act)
    assert [c.person for c in found] == _scan(profiles, act) == ["p-9", "p-7"]

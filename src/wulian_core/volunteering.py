"""Volunteers and activities end to end: registration, sign-up, attendance, invitations, matching.

- :class:`VolunteerRegistration`: a volunteer registers (identity masked as elsewhere,
  skills, service areas, availability, community), a community worker approves, and the
  registration can be suspended; as of any instant it says whether the person counted.
- :class:`CommunityActivity`: an activity opened by its organiser on record (a community
  social organization, a station, a community or a volunteer team), with sign-up (报名),
  a waitlist by capacity, check-in and check-out, certification of attended minutes by
  the organiser only (谁组织谁记录), and invitations (邀您参与) with their replies;
  :func:`credit_passbook` credits certified minutes through the points policy, once.
- :class:`InvitationIndex`: whom an activity fits, ranked, with reasons, from an index.
- :class:`Need`, :class:`Supply`, :class:`Matcher`: residents' needs matched to what
  organizations, volunteers and charity resources offer (供需精准匹配), by category, area
  (grid, community, township outward), time window and remaining capacity.
- :class:`VolunteeringRecords`: volunteers, teams, activities and needs as of a day;
  :func:`simulate_quarter` fills a quarter of them over a directory, for demos, and
  :class:`MonthVolunteering` and :class:`CommunityNeeds` are its figures.

>>> import datetime as dt
>>> from wulian_core.calendar import SHANGHAI
>>> from wulian_core.model import ServiceArea
>>> from wulian_core.people import Actor, Grant, Role, Scope
>>> from wulian_core.regions import RegionCode
>>> home = RegionCode("150603001001")
>>> worker = Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))})
>>> at = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)
>>> act = CommunityActivity.open(id="act-1", organiser=Organiser.of_community(home),
...     title="共享奶奶", community=home, place="社区活动中心", area=ServiceArea.CHILD_WELFARE,
...     starts=at + dt.timedelta(days=1), ends=at + dt.timedelta(days=1, hours=2), capacity=1,
...     by=worker, at=at)
>>> [e.place.value for e in act.sign_up(person="p-3", role=ParticipantKind.VOLUNTEER,
...                                     by=Actor("p-3"), at=at)]
['confirmed']
>>> act.sign_up(person="p-4", by=Actor("p-4"), at=at)[0].place.label_zh
'候补'

See ``docs/volunteering.md`` for the whole life of an activity and the matching rules.
"""

from __future__ import annotations

from typing import Any, Final

from ._volunteering.activity import CommunityActivity, credit_key, credit_passbook
from ._volunteering.decide import CHECK_IN_EARLY
from ._volunteering.events import (
    ACTIVITY_EVENTS,
    ActivityCancelled,
    ActivityEvent,
    ActivityOpened,
    AttendanceCertified,
    CheckedIn,
    CheckedOut,
    InvitationAnswered,
    Invited,
    ParticipantsNotified,
    Place,
    PromotedFromWaitlist,
    SignedUp,
    Withdrew,
)
from ._volunteering.figures import CommunityNeeds, MonthVolunteering
from ._volunteering.invitations import InvitationCandidate, InvitationIndex
from ._volunteering.matching import Candidate, Match, Matcher
from ._volunteering.needs import Need, NeedCategory, ProviderKind, Reach, Supply, Urgency, nearness
from ._volunteering.outcomes import AREA_OF_CATEGORY, activity_for_match, case_arguments
from ._volunteering.quarter import QuarterVolunteering, simulate_quarter
from ._volunteering.records import VolunteeringRecords
from ._volunteering.registration import (
    REGISTRATION_EVENTS,
    RegistrationApproved,
    RegistrationEvent,
    RegistrationReinstated,
    RegistrationStatus,
    RegistrationSuspended,
    VolunteerRegistered,
    VolunteerRegistration,
)
from ._volunteering.state import ActivityStatus
from ._volunteering.values import (
    Audience,
    Availability,
    DayPart,
    Organiser,
    OrganiserKind,
    ParticipantKind,
    ParticipantProfile,
    VolunteerTeam,
)

__all__ = [
    "ACTIVITY_EVENTS",
    "AREA_OF_CATEGORY",
    "ActivityCancelled",
    "ActivityEvent",
    "ActivityOpened",
    "ActivityStatus",
    "AttendanceCertified",
    "Audience",
    "Availability",
    "CHECK_IN_EARLY",
    "Candidate",
    "CheckedIn",
    "CheckedOut",
    "CommunityActivity",
    "CommunityNeeds",
    "DayPart",
    "InvitationAnswered",
    "InvitationCandidate",
    "InvitationIndex",
    "Invited",
    "Match",
    "Matcher",
    "MonthVolunteering",
    "Need",
    "NeedCategory",
    "Organiser",
    "OrganiserKind",
    "ParticipantKind",
    "ParticipantProfile",
    "ParticipantsNotified",
    "Place",
    "PromotedFromWaitlist",
    "ProviderKind",
    "QuarterVolunteering",
    "REGISTERED_TYPES",
    "REGISTRATION_EVENTS",
    "Reach",
    "RegistrationApproved",
    "RegistrationEvent",
    "RegistrationReinstated",
    "RegistrationStatus",
    "RegistrationSuspended",
    "SignedUp",
    "Supply",
    "Urgency",
    "VolunteerRegistered",
    "VolunteerRegistration",
    "VolunteerTeam",
    "VolunteeringRecords",
    "WIRE_UNIONS",
    "Withdrew",
    "activity_for_match",
    "case_arguments",
    "credit_key",
    "credit_passbook",
    "nearness",
    "simulate_quarter",
]

WIRE_UNIONS: Final[tuple[tuple[Any, tuple[type, ...]], ...]] = (
    (ActivityEvent, ACTIVITY_EVENTS),
    (RegistrationEvent, REGISTRATION_EVENTS),
)
"""The tagged unions of this module's events, for :mod:`wulian_core.codec`."""

REGISTERED_TYPES: Final[tuple[type, ...]] = (
    Availability,
    CommunityActivity,
    Need,
    Organiser,
    ParticipantProfile,
    Supply,
    VolunteerRegistration,
    VolunteerTeam,
)
"""The types ``st.from_type`` draws with the shipped strategies (``wulian_core.strategies``)."""

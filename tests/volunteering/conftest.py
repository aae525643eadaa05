"""Fixtures of the volunteering tests: a community, its people, an instant."""

from __future__ import annotations

import datetime as dt

from wulian_core.calendar import SHANGHAI
from wulian_core.people import Actor, Grant, Person, PhoneNumber, Role, Scope
from wulian_core.regions import RegionCode

HOME = RegionCode("150603001001")
NEIGHBOUR = RegionCode("150603001002")
T0 = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)
WORKER = Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(HOME))})
SECRETARY = Actor("p-10", {Grant(Role.COMMUNITY_SECRETARY, Scope.region(HOME))})
OTHER_WORKER = Actor("p-11", {Grant(Role.COMMUNITY_WORKER, Scope.region(NEIGHBOUR))})
VOLUNTEER = Actor("p-3")
RESIDENT = Actor("p-4")
LI_MIN = Person(id="p-3", name="李敏", phone=PhoneNumber("13800138000"))

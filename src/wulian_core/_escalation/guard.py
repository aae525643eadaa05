"""The checks every case command shares: its values, its frame, the state, who may act.

Who may act:

- the level's handler: the liaison or the grid team of the case's grid, the secretary
  of its community, or the staff of the agency it is assigned to (:class:`LevelRole`);
- a supervisor (督办人员) over the community (or a region containing it), or over the
  assigned agency: urging, supervision, extensions, reopening, closing;
- the resident, on their own case only: rating and withdrawing;
- to open a case: the resident, anyone posted to its grid or over exactly its community,
  or a supervisor over a region containing it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from wulian_core._checks import arg_aware
from wulian_core.errors import IllegalTransition, InvalidValue, PermissionDenied
from wulian_core.people import Actor, Role, Scope
from wulian_core.regions import RegionCode

from .policy import EscalationLevel
from .state import CaseState
from .values import CaseStatus, LevelRole

_GRID_TEAM: Final = tuple(role for role in Role if role.is_grid_team)


# --- values --------------------------------------------------------------------------------


def frame(case: CaseState, command: str, by: object, at: object) -> None:
    """The actor is an Actor; ``at`` is aware and not before the case's last event."""
    if not isinstance(by, Actor):
        raise InvalidValue(f"Case.{command}.by", by, "must be an Actor")
    at = arg_aware(at, f"Case.{command}.at")
    if at < case._last_at:
        reason = f"must not be before the case's last event ({case._last_at.isoformat()})"
        raise InvalidValue(f"Case.{command}.at", at, reason)


# --- states and actors ---------------------------------------------------------------------


def level_of(case: CaseState) -> EscalationLevel:
    return case._opened.policy.levels[case._level]


def where(case: CaseState) -> str:
    return f"{case._status.value} at level {level_of(case).id}"


def require(case: CaseState, command: str, allowed: Iterable[CaseStatus], detail: str) -> None:
    """The case is in one of ``allowed`` states, or IllegalTransition."""
    if case._status not in allowed:
        raise IllegalTransition(where(case), command, detail)


def handles(case: CaseState, actor: Actor) -> bool:
    """Whether ``actor`` acts at the case's current level, in its scope."""
    role = level_of(case).role
    opened = case._opened
    if role is LevelRole.LIAISON:
        return actor.holds(Role.LIAISON, Scope.grid(opened.grid))
    if role is LevelRole.GRID_TEAM:
        scope = Scope.grid(opened.grid)
        return any(actor.holds(r, scope) for r in _GRID_TEAM)
    if role is LevelRole.COMMUNITY_SECRETARY:
        return actor.holds(Role.COMMUNITY_SECRETARY, Scope.region(opened.community))
    if role is LevelRole.STREET_OFFICE:
        return street_staff(opened.community, actor)
    agency = case._agency
    return agency is not None and actor.holds(Role.AGENCY_STAFF, Scope.agency(agency))


def handler_words(case: CaseState) -> str:
    role = level_of(case).role
    opened = case._opened
    if role is LevelRole.LIAISON:
        return f"only a liaison (睦邻党群联络员) of grid {opened.grid} acts at level {level_of(case).id}"
    if role is LevelRole.GRID_TEAM:
        return f"only the grid team of grid {opened.grid} acts at level {level_of(case).id}"
    if role is LevelRole.COMMUNITY_SECRETARY:
        return (
            f"only the secretary of community {opened.community} acts at level {level_of(case).id}"
        )
    if role is LevelRole.STREET_OFFICE:
        return f"only staff of street {opened.community.parent} act at level {level_of(case).id}"
    return f"only staff of agency {case._agency} act at level {level_of(case).id}"


def require_handler(case: CaseState, command: str, actor: Actor) -> None:
    """``actor`` handles the case at its level, or PermissionDenied."""
    if not handles(case, actor):
        raise PermissionDenied(command, actor.person, handler_words(case))


def supervises(case: CaseState, actor: Actor) -> bool:
    """Whether ``actor`` supervises the case: over its community or its assigned agency."""
    if actor.holds_over(Role.SUPERVISOR, case._opened.community):
        return True
    agency = case._agency
    return agency is not None and actor.holds(Role.SUPERVISOR, Scope.agency(agency))


def require_supervisor(case: CaseState, command: str, actor: Actor) -> None:
    """``actor`` supervises the case, or PermissionDenied."""
    if not supervises(case, actor):
        reason = f"only a supervisor (督办人员) over community {case._opened.community} or the assigned agency"
        raise PermissionDenied(command, actor.person, reason)


def require_resident(case: CaseState, command: str, actor: Actor) -> None:
    """``actor`` is the case's resident, or PermissionDenied."""
    if actor.person != case._opened.resident:
        raise PermissionDenied(command, actor.person, "only the resident, on their own case")


def may_open(actor: Actor, resident: str, grid: str, community: Any) -> bool:
    """The resident, anyone posted to the grid, anyone posted over exactly the community,
    or a supervisor or the street office over a region containing it.

    Exactly: a community's staff are nobody's staff in the next community; only a
    supervisor's region covers everything below it.
    """
    if actor.person == resident:
        return True
    grid_scope = Scope.grid(grid)
    for grant in actor.grants:
        scope = grant.scope
        if scope == grid_scope:
            return True
        code = scope.region_code
        if code is None:
            continue
        if grant.role is Role.SUPERVISOR or grant.role is Role.STREET_STAFF:
            if code.contains(community):  # a region's supervisor, a street office's township
                return True
        elif code == community:
            return True
    return False


# --- the street office and the dispatch centre after 转办 ----------------------------------


def street_staff(community: RegionCode, actor: Actor) -> bool:
    """Whether ``actor`` is on the staff of the street office (街道) over ``community``."""
    street = community.parent
    return street is not None and actor.holds(Role.STREET_STAFF, Scope.region(street))


def owns(case: CaseState, actor: Actor) -> bool:
    """Whether ``actor`` is staff of the centre that transferred the case (转办) and keeps it."""
    owner = case._owner
    return owner is not None and actor.holds(Role.AGENCY_STAFF, Scope.agency(owner))


def unit_of(case: CaseState, actor: Actor) -> str | None:
    """The co-unit of the case's transfer whose staff ``actor`` is, if any."""
    for unit in case._co_units:
        if actor.holds(Role.AGENCY_STAFF, Scope.agency(unit)):
            return unit
    return None


def oversees(case: CaseState, actor: Actor) -> bool:
    """A supervisor; the street office over the case's community (督办); the owning centre."""
    return (
        supervises(case, actor) or street_staff(case._opened.community, actor) or owns(case, actor)
    )


def require_overseer(case: CaseState, command: str, actor: Actor) -> None:
    """``actor`` may urge and supervise the case (:func:`oversees`), or PermissionDenied."""
    if not oversees(case, actor):
        reason = (
            f"only a supervisor (督办人员) over community {case._opened.community} or the "
            f"assigned agency, the street office over it, or the centre that transferred it"
        )
        raise PermissionDenied(command, actor.person, reason)


def require_handler_or_party(case: CaseState, command: str, actor: Actor) -> None:
    """The handler, the centre that keeps a transferred case, or one of its co-units."""
    if not (handles(case, actor) or owns(case, actor) or unit_of(case, actor) is not None):
        words = handler_words(case)
        if case._owner is not None:
            words += f", the centre {case._owner} or a co-unit"
        raise PermissionDenied(command, actor.person, words)

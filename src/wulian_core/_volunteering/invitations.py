"""Whom to invite (邀您参与): the residents and volunteers an activity fits, ranked, with reasons.

An :class:`InvitationIndex` keeps profiles by community, by (community, skill) and by
(community, audience group), so finding the people for one activity reads the few
thousand profiles of its community that could fit, never the whole city.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from attrs import field

from wulian_core._frozen import frozen
from wulian_core._typed import typed
from wulian_core.calendar import SHANGHAI
from wulian_core.errors import IntegrityError, InvalidValue

from . import checks
from .events import ActivityOpened
from .values import Audience, DayPart, ParticipantKind, ParticipantProfile

__all__ = ["InvitationCandidate", "InvitationIndex"]

_WEEKDAYS = "一二三四五六日"
_HELPERS = frozenset({ParticipantKind.VOLUNTEER, ParticipantKind.SOCIAL_WORKER})


@frozen(kw_only=True, field_transformer=typed)
class InvitationCandidate:
    """A person an activity fits, with the skills that match and why.

    >>> from wulian_core.examples import invitation_index_example as invitation_index
    >>> index, act = invitation_index()
    >>> best = index.candidates(act)[0]
    >>> best.person, best.skills, best.reasons[:2]
    ('p-3', ('陪伴',), ('同社区 150603001001', '技能：陪伴'))
    """

    person: str = field(validator=checks.ident)
    kind: ParticipantKind = field(validator=checks.instance_of(ParticipantKind))
    skills: tuple[str, ...] = field(converter=checks.to_strings)
    reasons: tuple[str, ...] = field(converter=checks.to_strings)


class InvitationIndex:
    """Residents' and volunteers' profiles, indexed for invitations.

    >>> from wulian_core.examples import invitation_index_example as invitation_index
    >>> index, act = invitation_index()
    >>> [c.person for c in index.candidates(act)]
    ['p-3']
    >>> len(index)
    3
    """

    __slots__ = ("_by_community", "_by_group", "_by_skill", "_profiles", "_volunteers")

    def __init__(self, profiles: Iterable[ParticipantProfile]) -> None:
        try:
            given = list(profiles)
        except TypeError:
            raise InvalidValue(
                "InvitationIndex.profiles", profiles, "must be an iterable of ParticipantProfile"
            ) from None
        self._profiles: dict[str, ParticipantProfile] = {}
        self._by_community: dict[str, list[ParticipantProfile]] = {}
        self._by_skill: dict[tuple[str, str], list[ParticipantProfile]] = {}
        self._by_group: dict[tuple[str, Audience], list[ParticipantProfile]] = {}
        self._volunteers: dict[str, list[ParticipantProfile]] = {}
        problems = []
        for n, profile in enumerate(given):
            if type(profile) is not ParticipantProfile:
                raise InvalidValue(
                    f"InvitationIndex.profiles[{n}]", profile, "must be a ParticipantProfile"
                )
            if profile.person in self._profiles:
                problems.append(f"person {profile.person!r} has two profiles")
                continue
            self._profiles[profile.person] = profile
            community = profile.community
            self._by_community.setdefault(community, []).append(profile)
            for skill in profile.skills:
                self._by_skill.setdefault((community, skill), []).append(profile)
            for group in profile.groups:
                self._by_group.setdefault((community, group), []).append(profile)
            # The volunteers' pool is whoever ``fits`` counts among them: helpers by kind,
            # and residents who list the group (a resident registering as a volunteer).
            if profile.fits(Audience.VOLUNTEERS):
                self._volunteers.setdefault(community, []).append(profile)
        if problems:
            raise IntegrityError(problems)

    def _pool(self, opening: ActivityOpened) -> Iterable[ParticipantProfile]:
        community = opening.community
        if opening.skills:
            seen: dict[str, ParticipantProfile] = {}
            for skill in sorted(opening.skills):
                for profile in self._by_skill.get((community, skill), ()):
                    seen[profile.person] = profile
            return seen.values()
        if opening.audience is Audience.EVERYONE:
            return self._by_community.get(community, ())
        if opening.audience is Audience.VOLUNTEERS:
            return self._volunteers.get(community, ())
        return self._by_group.get((community, opening.audience), ())

    def candidates(
        self, activity: Any, *, limit: int = 50, exclude: Iterable[str] = ()
    ) -> tuple[InvitationCandidate, ...]:
        """The people ``activity`` fits, best first, at most ``limit``.

        ``activity`` is a :class:`CommunityActivity` (its people signed up or invited are
        left out) or its opening event. Fit: same community, in the audience, free at the
        start, and (when the activity asks for skills) holding one of them. Ranked by how
        many skills match, helpers (volunteers, social workers) before residents, then id.
        """
        opening = getattr(activity, "opening", activity)
        if type(opening) is not ActivityOpened:
            raise InvalidValue(
                "InvitationIndex.candidates.activity", activity, "must be a CommunityActivity"
            )
        if type(limit) is not int or limit < 1:
            raise InvalidValue(
                "InvitationIndex.candidates.limit", limit, "must be a positive integer"
            )
        skip = set(checks.to_frozenset(exclude))
        for name in ("confirmed", "waitlist", "invitations"):
            skip.update(getattr(activity, name, ()))
        local = opening.starts.astimezone(SHANGHAI)
        when = (
            f"{local:%m-%d} 周{_WEEKDAYS[local.weekday()]}{DayPart.of(local.time()).label_zh}有空"
        )
        audience = opening.audience
        scored = []
        for profile in self._pool(opening):
            if (
                profile.person in skip
                or not profile.fits(audience)
                or not profile.availability.covers(local)
            ):
                continue
            matched = tuple(sorted(profile.skills & opening.skills))
            helper = profile.kind in _HELPERS
            scored.append((-len(matched), not helper, profile.person, profile, matched))
        scored.sort(key=lambda row: row[:3])
        found = []
        for _, _, person, profile, matched in scored[:limit]:
            reasons = [f"同社区 {opening.community}"]
            if matched:
                reasons.append("技能：" + "、".join(matched))
            if audience is not Audience.EVERYONE:
                reasons.append(f"服务对象：{audience.label_zh}")
            reasons.append(when)
            found.append(
                InvitationCandidate(
                    person=person, kind=profile.kind, skills=matched, reasons=reasons
                )
            )
        return tuple(found)

    def profile(self, person: str) -> ParticipantProfile | None:
        """The profile of ``person``, or ``None``."""
        return self._profiles.get(person)

    def __len__(self) -> int:
        return len(self._profiles)

    def __repr__(self) -> str:
        return f"<InvitationIndex of {len(self._profiles)} profiles in {len(self._by_community)} communities>"

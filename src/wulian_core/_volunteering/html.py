"""For Jupyter: a volunteer's registration and a community activity as small HTML tables.

Each view reads its subject through a small Protocol of the subject's public queries, as
the passbook's views do. Labels come from the one table (``_labels``): Chinese with the
English beside by default, English alone with ``lang="en"``. Every text is escaped; a
registration shows the person's id, never a phone or ID-card number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from wulian_core._html import captioned_table, escape
from wulian_core._labels import Lang, check_lang, heading, label, masked_text, more_text, term
from wulian_core.calendar import SHANGHAI
from wulian_core.errors import InvalidValue

__all__ = ["ActivityView", "RegistrationView", "activity_html", "registration_html", "view_lang"]


class _Labelled(Protocol):
    @property
    def value(self) -> str: ...
    @property
    def label_zh(self) -> str: ...


class RegistrationView(Protocol):
    """The queries of a registration its view reads."""

    @property
    def person(self) -> str: ...
    @property
    def community(self) -> object: ...
    @property
    def status(self) -> _Labelled: ...
    @property
    def areas(self) -> Iterable[_Labelled]: ...
    def registered_on(self) -> dt.date | None: ...


def view_lang(full: object, lang: object, owner: str) -> Lang:
    """Check a view's ``full`` and ``lang``, naming ``owner.to_html`` in the error."""
    if type(full) is not bool:
        raise InvalidValue(f"{owner}.to_html.full", full, "must be True or False")
    return check_lang(lang, f"{owner}.to_html.lang")


def registration_html(registration: RegistrationView, *, lang: Lang = "zh") -> str:
    """Who registered where, the status, since when, and the service areas offered.

    >>> from wulian_core.examples import volunteering_people as people
    >>> from wulian_core.volunteering import VolunteerRegistration
    >>> who, at = people()
    >>> reg = VolunteerRegistration.register(person=who.volunteer_person, community=who.home,
    ...     skills={"陪伴"}, by=who.volunteer, at=at)
    >>> "<td>状态 status</td><td>待审核</td>" in registration_html(reg)
    True
    """
    day = registration.registered_on()
    areas = ", ".join(sorted(term(area, lang) for area in registration.areas))
    rows: list[tuple[object, ...]] = [
        (heading("status", lang), term(registration.status, lang)),
        (heading("community", lang), registration.community),
        (heading("registered_on", lang), day.isoformat() if day else "—"),
        (heading("service_areas", lang), areas or "—"),
    ]
    title = f"{heading('volunteer_registration', lang)} {registration.person}"
    return captioned_table((heading("figure", lang), heading("detail", lang)), rows, title)


class _Opening(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def community(self) -> object: ...
    @property
    def place(self) -> str: ...
    @property
    def starts(self) -> dt.datetime: ...
    @property
    def ends(self) -> dt.datetime: ...


class ActivityView(Protocol):
    """The queries of a community activity its view reads."""

    @property
    def id(self) -> str: ...
    @property
    def opening(self) -> _Opening: ...
    @property
    def status(self) -> _Labelled: ...
    @property
    def capacity(self) -> int: ...
    @property
    def confirmed(self) -> Sequence[str]: ...
    @property
    def waitlist(self) -> Sequence[str]: ...
    @property
    def checked_in(self) -> Sequence[str]: ...
    @property
    def certified(self) -> Mapping[str, int]: ...


def _at(at: dt.datetime) -> str:
    return at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


def activity_html(activity: ActivityView, *, first: int | None = 20, lang: Lang = "zh") -> str:
    """An activity: what, where, when, its places; then its people (the ``first``, or all).

    >>> from wulian_core.examples import activity_opened as opened
    >>> act, who, at = opened(capacity=1)
    >>> _ = act.sign_up(person="p-4", by=who.resident, at=at)
    >>> "<td>p-4</td><td>已确认</td>" in activity_html(act)
    True
    """
    if first is not None and (type(first) is not int or first < 0):
        raise InvalidValue("activity_html.first", first, "must be a whole number >= 0 or None")
    o = activity.opening
    facts: list[tuple[object, ...]] = [
        (heading("status", lang), term(activity.status, lang)),
        (heading("community", lang), f"{o.community} {masked_text(o.place)}"),
        (heading("time", lang), f"{_at(o.starts)} – {_at(o.ends)}"),
        (heading("places", lang), f"{len(activity.confirmed)} / {activity.capacity}"),
        (heading("waitlist", lang), len(activity.waitlist)),
    ]
    checked_in, certified = set(activity.checked_in), activity.certified
    people = [(p, label("confirmed", lang)) for p in activity.confirmed]
    people += [(p, label("waitlist", lang)) for p in activity.waitlist]
    shown = people if first is None else people[:first]
    yes, no = label("yes", lang), label("no", lang)
    rows: list[tuple[object, ...]] = [
        (person, place, yes if person in checked_in else no, certified.get(person, ""))
        for person, place in shown
    ]
    head = tuple(heading(k, lang) for k in ("person", "place", "checked_in", "certified_minutes"))
    more = (
        f"<p>… {escape(more_text(len(people) - len(shown), lang))}</p>"
        if len(shown) < len(people)
        else ""
    )
    title = f"{heading('activity', lang)} {activity.id}: {masked_text(o.title)}"
    return (
        captioned_table((heading("figure", lang), heading("detail", lang)), facts, title)
        + captioned_table(head, rows, heading("participants", lang))
        + more
    )

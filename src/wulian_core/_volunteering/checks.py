"""Validators and argument checks of the volunteering records and commands.

Each raises :class:`~wulian_core.errors.InvalidValue` naming ``Class.field`` (or
``Command.argument``) and the value, never a bare ``TypeError`` or ``ValueError``.

Where the one set of checks (:mod:`wulian_core._checks`) accepts the same values these
are its checks, in its words: texts, instances, whole numbers, instants (validators and
arguments), command texts, sets of ids. What stays here is volunteering's own: ids that
may be a ``str`` subclass (a :class:`~wulian_core.regions.RegionCode`), actors, sets of
enum members, and a window whose end is strictly after its start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs

from wulian_core import _checks
from wulian_core._checks import MAX_COUNT, field_name
from wulian_core.errors import InvalidValue
from wulian_core.people import Actor

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def to_frozenset(value: Any) -> Any:
    """attrs converter: any iterable but a string or a mapping becomes a frozenset.

    A named function, not an alias: mypy's attrs plugin reads converters by their name.
    """
    return _checks.to_frozenset(value)


def ident_of(value: Any, name: str) -> str:
    """A non-blank string of at most 64 characters, or InvalidValue naming ``name``.

    Unlike :func:`wulian_core._checks.arg_id` a subclass of ``str`` is an id too: a
    community's :class:`~wulian_core.regions.RegionCode` is its organiser's id and a
    supply's area.

    >>> ident_of("p-1", "x")
    'p-1'
    >>> ident_of("", "Need.id")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Need.id: must be a non-blank string of at most 64 characters (got '')
    """
    if isinstance(value, str) and value and len(value) <= 64 and not value.isspace():
        return value
    raise InvalidValue(name, value, "must be a non-blank string of at most 64 characters")


aware_of = _checks.arg_aware
"""A timezone-aware datetime (in the years 1900 to 9000), or InvalidValue naming ``name``."""


def text_of(value: Any, name: str, *, limit: int = 200) -> str:
    """A command's text argument: a non-blank string of at most ``limit`` characters.

    >>> text_of(" ", "CommunityActivity.cancel.reason", limit=500)
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: CommunityActivity.cancel.reason: must be a non-blank string of at most 500 ...
    """
    return _checks.arg_text(value, name, limit=limit)


def actor_of(value: Any, name: str) -> Actor:
    """An :class:`~wulian_core.people.Actor`, or InvalidValue naming ``name``."""
    if not isinstance(value, Actor):
        raise InvalidValue(name, value, "must be an Actor")
    return value


def ident(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator: an identifier, refused in :func:`ident_of`'s words.

    >>> from wulian_core.regions import RegionCode
    >>> from wulian_core.volunteering import Organiser, OrganiserKind
    >>> Organiser(kind=OrganiserKind.VOLUNTEER_TEAM, id=" ", region=RegionCode("150603001001"))
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Organiser.id: must be a non-blank string of at most 64 characters (got ' ')
    """
    # The name is only worked out for a refusal: this runs on every id of every event.
    if type(value) is str and value and len(value) <= 64 and not value.isspace():
        return
    ident_of(value, field_name(instance, attribute))


def text(*, limit: int = 200, allow_empty: bool = False) -> Validator:
    """attrs validator: a string of at most ``limit`` characters (``_checks.text``)."""
    return _checks.text(max_length=limit, allow_empty=allow_empty)


aware = _checks.aware_datetime
"""attrs validator: a timezone-aware datetime; a naive one is refused, never assumed local."""

a_date = _checks.a_date  # a date, not a datetime
optional_date = _checks.optional_date


instance_of = _checks.instance_of
"""attrs validator: an instance of ``kind`` (or ``None`` when optional); enums list their values."""


def whole(*, minimum: int = 0, maximum: int = MAX_COUNT) -> Validator:
    """attrs validator: a whole number (not a bool) from ``minimum`` to ``maximum``."""
    return _checks.count(minimum=minimum, maximum=maximum)


def to_strings(value: Iterable[str]) -> tuple[str, ...]:
    """attrs converter: any iterable but a string or a mapping becomes a tuple.

    Anything else passes on unchanged, for the field's validator to refuse by name.
    """
    return _checks.to_tuple(value)  # type: ignore[no-any-return]


def members(kind: type, *, non_empty: bool = False) -> Validator:
    """attrs validator: a frozenset whose members are all of type ``kind``.

    Sets of ids (``str``) are :func:`wulian_core._checks.strings`; sets of enum members
    are checked here, naming the field and the enum.
    """
    if kind is str:
        return _checks.strings(allow_empty_set=not non_empty)

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        name = field_name(instance, attribute)
        if not isinstance(value, frozenset):
            raise InvalidValue(
                name, value, f"must be a set of {kind.__name__} (a set, list or tuple)"
            )
        for item in value:
            if not isinstance(item, kind):
                raise InvalidValue(name, value, f"must hold {kind.__name__} values only")
        if non_empty and not value:
            raise InvalidValue(name, value, "must not be empty")

    return check


def window(start: str, end: str) -> Callable[[Any], None]:
    """A cross-field check: ``end`` after ``start``; for ``__attrs_post_init__``."""

    def check(instance: Any) -> None:
        first, last = getattr(instance, start), getattr(instance, end)
        if last is not None and last <= first:
            raise InvalidValue(
                f"{type(instance).__name__}.{end}", last, f"must be after {start} {first}"
            )

    return check

"""The fuzz harness: every public entry point, found by introspection, fed one bad value at a time.

A *target* is something callable with keyword or positional arguments: a public record's
constructor (its attrs fields), a public function of a face, a named constructor (a
classmethod), or a method of a public object (an aggregate's command, a query). Its valid
arguments come from one table (:data:`VALID`, by argument name) and, failing that, from the
corpus by the argument's annotation, then from its default. :func:`attempt` replaces one
argument with a bad value and judges what happens:

- the call returns: fine, unless what it made cannot be written as JSON, or the two JSON
  backends write it differently (accepted now, refused later);
- it raises a :class:`~wulian_core.errors.WulianError` whose message names the argument
  (or field), or the same error the valid call raises: fine;
- anything else (a bare ``TypeError``, a ``RecursionError``, a message that names nothing,
  an aggregate whose ``events`` or ``version`` changed on a refusal) is a wrong behaviour,
  kept in :data:`TALLY` with what was tried.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import inspect
import typing
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
from _values import BAD, instance_of

import wulian_core
from wulian_core import codec
from wulian_core.errors import (
    CalendarCoverageError,
    DecodeError,
    IdempotencyConflict,
    IllegalTransition,
    InsufficientPoints,
    IntegrityError,
    InvalidValue,
    PermissionDenied,
    WulianError,
)

FACES = (
    "regions",
    "people",
    "model",
    "calendar",
    "directory",
    "escalation",
    "points",
    "rules",
    "codec",
    "policies",
    "volunteering",
    "funding",
    "open311",
)


class Tally:
    """What the suite tried and what went wrong, for the session summary and ``count.py``."""

    def __init__(self) -> None:
        self.tried: Counter[str] = Counter()
        self.wrong: dict[tuple[str, str, str], str] = {}

    def add(self, group: str) -> None:
        self.tried[group] += 1

    def fail(self, target: str, argument: str, label: str, what: str) -> str:
        self.wrong.setdefault((target, argument, label), what)
        return f"{target}({argument}={label}): {what}"

    def summary(self) -> str:
        """Inputs tried by group, and the wrong behaviours: new ones listed, known counted."""
        total = sum(self.tried.values())
        groups = ", ".join(f"{k} {v}" for k, v in sorted(self.tried.items()))
        rows = [f"{t}({a}={b}): {w}" for (t, a, b), w in sorted(self.wrong.items())]
        new = [r for r in rows if not r.startswith(KNOWN)]
        lines = [
            f"fuzz: {total} inputs tried ({groups}); {len(new)} wrong behaviours"
            f" (and {len(rows) - len(new)} known, in modules listed in tests/fuzz/_fuzz.py)"
        ]
        lines += [f"  {row}" for row in new[:50]]
        return "\n".join(lines)


TALLY = Tally()


def public_names() -> dict[str, object]:
    """Every name in ``wulian_core.__all__`` and the faces' ``__all__``, by qualified name."""
    found: dict[str, object] = {}
    seen: set[int] = set()
    for face in (None, *FACES):
        module = wulian_core if face is None else importlib.import_module(f"wulian_core.{face}")
        for name in module.__all__:
            value = getattr(module, name)
            if id(value) not in seen:
                seen.add(id(value))
                found[f"{module.__name__}.{name}"] = value
    return found


def _is_error(value: object) -> bool:
    return isinstance(value, type) and issubclass(value, BaseException)


def public_classes() -> list[type]:
    """The public classes that are not errors, enums' members aside."""
    return [
        v
        for v in public_names().values()
        if isinstance(v, type) and not _is_error(v) and not getattr(v, "_is_protocol", False)
    ]


# --- valid arguments ---------------------------------------------------------------------

AT = dt.datetime(2024, 3, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def _generic_valid() -> dict[str, Callable[[], Any]]:
    from wulian_core.model import RegionCode

    home = RegionCode("150603001001")
    return {
        "at": lambda: AT,
        "now": lambda: AT,
        "key": lambda: "fuzz-key",
        "reason": lambda: "理由",
        "note": lambda: "备注",
        "message": lambda: "已反馈",
        "comment": lambda: "好",
        "summary": lambda: "邻里纠纷",
        "title": lambda: "共享奶奶",
        "place": lambda: "社区活动中心",
        "name": lambda: "肥皂",
        "donor": lambda: "donor-1",
        "community": lambda: home,
        "code": lambda: home,
        "within": lambda: None,
        "grid": lambda: "g-1",
        "resident": lambda: "p-resident",
        "id": lambda: "fuzz-1",
        "item": lambda: "soap",
        "quantity": lambda: 1,
        "price": lambda: 3,
        "stock": lambda: 2,
        "points": lambda: 1,
        "point": lambda: "market-1",
        "minutes": lambda: 60,
        "activity": lambda: "a-1",
        "activity_kind": lambda: "public_welfare",
        "on": lambda: AT.date(),
        "day": lambda: AT.date(),
        "as_of": lambda: dt.date(2023, 12, 31),
        "start": lambda: dt.date(2024, 1, 1),
        "end": lambda: dt.date(2024, 3, 31),
        "order": lambda: "order-1",
        "accrual": lambda: "k-1",
        "person": lambda: "p-3",
        "person_id": lambda: "p-3",
        "accepted": lambda: True,
        "capacity": lambda: 2,
        "months": lambda: 3,
        "n": lambda: 3,
        "seed": lambda: 0,
        "lead": lambda: "agency-1",
        "text": lambda: "x",
        "kind": lambda: "organization",
        "measured": lambda: 3,
        "threshold": lambda: 5,
        "numerator": lambda: 1,
        "denominator": lambda: 2,
        "target_id": lambda: "community-organizations",
        "level_id": lambda: "grid",
        "supply": lambda: "s-1",
        "value": lambda: "12.50",
        "name_or_text": lambda: "shaanxi-2022",
        "year": lambda: 2023,
        "dates": lambda: (dt.date(2023, 6, 30), dt.date(2023, 12, 31)),
        "starts": lambda: AT + dt.timedelta(days=1),
        "ends": lambda: AT + dt.timedelta(days=1, hours=2),
        "finished": lambda: AT,
        "due": lambda: AT + dt.timedelta(days=1),
        "instant": lambda: AT,
        "between": lambda: None,
        "until": lambda: None,
        "slot": lambda: "slot-1",
        "service": lambda: "haircut",
        "accepts": lambda: frozenset({"soap"}),
        "yuan_per_point": lambda: "0.10",
        "posting": lambda: "post-1",
        "objection": lambda: "o-1",
    }


VALID: dict[str, Callable[[], Any]] = {}


def valid_for(parameter: inspect.Parameter, hint: Any) -> tuple[bool, Any]:
    """A valid value for ``parameter``: the table, then the corpus by type, then the default."""
    if not VALID:
        VALID.update(_generic_valid())
    if parameter.name in VALID:
        return True, VALID[parameter.name]()
    found = _by_type(hint)
    if found is not None:
        return True, found
    if parameter.default is not inspect.Parameter.empty:
        return True, parameter.default
    return False, None


def _by_type(hint: Any) -> Any:
    if hint is None or hint is Any:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        for member in typing.get_args(hint):
            if member is not type(None):
                found = _by_type(member)
                if found is not None:
                    return found
        return None
    if origin in (tuple, frozenset, list, set) or (
        origin is not None and isinstance(origin, type) and issubclass(origin, Iterable)
    ):
        args = [a for a in typing.get_args(hint) if a is not Ellipsis]
        if not args:
            return None
        inner = _by_type(args[0])
        if inner is None:
            return None
        return frozenset({inner}) if origin is frozenset else (inner,)
    if isinstance(hint, type):
        if issubclass(hint, enum.Enum):
            return next(iter(hint))
        if hint is bool:
            return False
        if hint in (dt.datetime,):
            return AT
        if hint is dt.date:
            return AT.date()
        return instance_of(hint)
    return None


def hints_of(func: Callable[..., Any]) -> dict[str, Any]:
    """The function's annotations, resolved where they can be; names unresolved stay unknown."""
    target = func.__init__ if isinstance(func, type) else func  # type: ignore[misc]
    try:
        return typing.get_type_hints(target)
    except Exception:
        pass
    namespace: dict[str, Any] = {"dt": dt, **typing.__dict__}
    namespace.update(getattr(target, "__globals__", {}))
    namespace.update({k.rpartition(".")[2]: v for k, v in public_names().items()})
    resolved: dict[str, Any] = {}
    for name, text in getattr(target, "__annotations__", {}).items():
        try:
            resolved[name] = eval(text, namespace) if isinstance(text, str) else text
        except Exception:
            resolved[name] = None
    return resolved


# --- targets ------------------------------------------------------------------------------


@attrs.frozen
class Target:
    """One public entry point and how to reach it with valid arguments."""

    name: str
    make: Callable[[], tuple[Callable[..., Any], dict[str, Any], object | None]]
    arguments: tuple[str, ...]
    positional: frozenset[str] = frozenset()
    field_names: Mapping[str, str] = attrs.field(factory=dict)


def _signature(func: Callable[..., Any]) -> inspect.Signature | None:
    try:
        return inspect.signature(func)
    except (TypeError, ValueError):
        return None


def _call_plan(
    func: Callable[..., Any], overrides: Mapping[str, Any]
) -> tuple[dict[str, Any], frozenset[str]] | None:
    signature = _signature(func)
    if signature is None:
        return None
    hints = hints_of(func)
    kwargs: dict[str, Any] = {}
    positional: set[str] = set()
    for parameter in signature.parameters.values():
        if parameter.name == "self" or parameter.kind in (
            parameter.VAR_POSITIONAL,
            parameter.VAR_KEYWORD,
        ):
            continue
        if parameter.name in overrides:
            kwargs[parameter.name] = overrides[parameter.name]
        else:
            ok, value = valid_for(parameter, hints.get(parameter.name))
            if not ok:
                return None
            kwargs[parameter.name] = value
        if parameter.kind is parameter.POSITIONAL_ONLY:
            positional.add(parameter.name)
    return kwargs, frozenset(positional)


def invoke(func: Callable[..., Any], kwargs: Mapping[str, Any], positional: frozenset[str]) -> Any:
    """Call with positional-only arguments by position, the rest by keyword."""
    args = [kwargs[n] for n in kwargs if n in positional]
    rest = {n: v for n, v in kwargs.items() if n not in positional}
    return func(*args, **rest)


def constructor_targets() -> list[Target]:
    """Every public attrs record: its constructor, started from a corpus instance."""
    found: list[Target] = []
    for cls in public_classes():
        if not attrs.has(cls):
            continue
        sample = instance_of(cls)
        if sample is None or type(sample) is not cls:
            continue
        fields = [a for a in attrs.fields(cls) if a.init]
        valid = {a.alias: getattr(sample, a.name) for a in fields}

        def make(cls: type = cls, valid: dict[str, Any] = valid) -> Any:
            return cls, dict(valid), None

        found.append(
            Target(
                name=cls.__name__,
                make=make,
                arguments=tuple(valid),
                field_names={a.alias: a.name.lstrip("_") for a in fields},
            )
        )
    return found


def uncovered_records() -> list[str]:
    """Public attrs records the corpus holds no instance of (reported, not fuzzed)."""
    return sorted(
        cls.__name__
        for cls in public_classes()
        if (attrs.has(cls) and (s := instance_of(cls)) is not None and type(s) is not cls)
        or (attrs.has(cls) and instance_of(cls) is None)
    )


_SKIP_FUNCTIONS = {
    # Takes a converter and classes, not user data; fuzzed through the codec tests.
    "register_union",
    "make_converter",
    # The codec's entry points take a type and data: the codec tests fuzz them per type.
    "from_dict",
    "from_json",
    "from_toml",
    "to_dict",
    "to_json",
}


def function_targets() -> list[Target]:
    """Every public function of the faces and every public classmethod and staticmethod."""
    found: list[Target] = []
    for qualified, value in public_names().items():
        short = qualified.rpartition(".")[2]
        candidates: list[tuple[str, Callable[..., Any]]] = []
        if inspect.isfunction(value) and short not in _SKIP_FUNCTIONS:
            candidates.append((short, value))
        elif isinstance(value, type) and value in public_classes():
            if not attrs.has(value) and not issubclass(value, enum.Enum | str):
                candidates.append((value.__name__, value))
            for name, raw in vars(value).items():
                if not name.startswith("_") and isinstance(raw, classmethod | staticmethod):
                    candidates.append((f"{value.__name__}.{name}", getattr(value, name)))
        for name, func in candidates:
            plan = _call_plan(func, {})
            if plan is None:
                continue
            kwargs, positional = plan

            def make(func: Callable[..., Any] = func, kwargs: dict[str, Any] = kwargs) -> Any:
                return func, dict(kwargs), None

            found.append(Target(name, make, tuple(kwargs), positional))
    return found


# --- aggregates and other objects with methods -------------------------------------------------


def _case_subject() -> tuple[object, list[object]]:
    from wulian_core.examples import case_example

    case, who, at = case_example()
    VALID_AT["Case"] = at + dt.timedelta(hours=1)
    return case, list(who)


def _passbook_subject() -> tuple[object, list[object]]:
    from wulian_core.examples import passbook_example

    book, worker, me, at = passbook_example()
    book.accrue_activity(
        activity="a-1", on=at.date(), activity_kind="public_welfare", by=worker, at=at, key="k-1"
    )
    book.record_service(activity="a-2", on=at.date(), minutes=60, by=worker, at=at, key="svc-1")
    book.redeem(points=1, point="market-1", by=me, at=at, key="order-1")
    return book, [worker, me]


def _catalogue_subject() -> tuple[object, list[object]]:
    from wulian_core.examples import catalogue_example
    from wulian_core.people import Actor

    shop, staff, _ = catalogue_example()
    # The staff run the shop; the holder of the fresh passbook (p-3) redeems there.
    return shop, [staff, Actor("p-3")]


def _street_shops() -> object:
    """The street's shop registry, where both the partner shop (shop-1) and the
    catalogue's supermarket (market-1) are registered, active and take soap."""
    from wulian_core.examples import shops_example
    from wulian_core.points import PointKind
    from wulian_core.regions import RegionCode

    shops, staff, at = shops_example()
    shops.register(
        point="market-1",
        name="积分超市",
        kind=PointKind.SUPERMARKET,
        community=RegionCode("150603001001"),
        yuan_per_point="0.50",
        accepts={"soap"},
        by=staff,
        at=at,
        key="reg-market-1",
    )
    return shops


def _activity_subject() -> tuple[object, list[object]]:
    from wulian_core._volunteering.example import opened

    act, who, _ = opened()
    return act, [who.worker, who.volunteer, who.resident]


def _registration_subject() -> tuple[object, list[object]]:
    from wulian_core._volunteering.example import registered

    reg, who, _ = registered()
    return reg, [who.worker, who.volunteer]


def _shops_subject() -> tuple[object, list[object]]:
    """The street's registry with p-3's appointment order-1 in slot-1 (its passbook paired),
    a second slot and a suspended point, so that every command has a valid call."""
    from wulian_core.examples import passbook_example
    from wulian_core.points import PointKind
    from wulian_core.regions import RegionCode

    shops: Any = _street_shops()
    book, staff, me, at = passbook_example()
    for key in ("k-1", "k-2"):
        book.accrue_activity(
            activity=key, on=at.date(), activity_kind="public_welfare", by=staff, at=at, key=key
        )
    shops.book(book, slot="slot-1", by=me, at=at, key="order-1")
    shops.open_slot(
        point="shop-1",
        service="haircut",
        starts=at + dt.timedelta(days=2),
        capacity=2,
        points=5,
        by=staff,
        at=at,
        key="slot-2",
    )
    shops.register(
        point="shop-3",
        name="便民修鞋店",
        kind=PointKind.PARTNER_SHOP,
        community=RegionCode("150603001001"),
        yuan_per_point="0.10",
        accepts={"soap"},
        by=staff,
        at=at,
        key="reg-shop-3",
    )
    shops.suspend(point="shop-3", reason="整改", by=staff, at=at, key="s-3")
    _pair(shops, book)
    return shops, [staff, me]


def _board_subject() -> tuple[object, list[object]]:
    """The notice board's post-1 for p-3 (its passbook paired), and post-2 objected to."""
    from wulian_core.calendar import ChinaCalendar
    from wulian_core.examples import notice_board_example

    board: Any
    board, book, staff, panel, at = notice_board_example()
    board.post(
        book,
        category="neighbourly_help",
        reason="帮邻居修水管",
        calendar=ChinaCalendar.official(),
        by=staff,
        at=at,
        key="post-2",
    )
    board.object(posting="post-2", reason="事迹不实", by=staff, at=at, key="o-1")
    _pair(board, book)
    return board, [staff, panel]


def _point_kind() -> object:
    from wulian_core.points import PointKind

    return PointKind.PARTNER_SHOP


# The passbook that goes with the last subject made, for commands that change both.
_PAIRED: dict[int, tuple[object, object]] = {}


def _pair(subject: object, book: object) -> None:
    _PAIRED.clear()
    _PAIRED[id(subject)] = (subject, book)


def _passbook_for(subject: object) -> object:
    paired = _PAIRED.get(id(subject))
    return paired[1] if paired is not None else _fresh_passbook()


def _fresh_passbook() -> object:
    from wulian_core.examples import passbook_example

    book, worker, _, at = passbook_example()
    book.accrue_activity(
        activity="a-9", on=at.date(), activity_kind="public_welfare", by=worker, at=at, key="k-9"
    )
    return book


# The instant each subject's commands run at, when not the common one: after its last event.
VALID_AT: dict[str, dt.datetime] = {}

# Valid arguments of one command that the table by name cannot give, made afresh for
# each call: a redemption with the street's registry must name a point registered there.
ARGUMENTS_OF: dict[str, dict[str, Callable[[], Any]]] = {
    "Passbook.redeem": {"point": lambda: "shop-1", "shops": _street_shops},
    "Catalogue.redeem": {"shops": _street_shops},
    "ShopRegistry.register": {"point": lambda: "shop-2", "kind": lambda: _point_kind()},
    "ShopRegistry.reinstate": {"point": lambda: "shop-3"},
    "ShopRegistry.open_slot": {"point": lambda: "shop-1"},
    "ShopRegistry.book": {"slot": lambda: "slot-2"},
    "ShopRegistry.keep": {"at": lambda: AT + dt.timedelta(days=1)},
    "MoralNoticeBoard.credit": {"at": lambda: AT + dt.timedelta(days=8)},
}

SUBJECTS: dict[str, Callable[[], tuple[object, list[object]]]] = {
    "Case": _case_subject,
    "Passbook": _passbook_subject,
    "Catalogue": _catalogue_subject,
    "CommunityActivity": _activity_subject,
    "VolunteerRegistration": _registration_subject,
    "ShopRegistry": _shops_subject,
    "MoralNoticeBoard": _board_subject,
}

# Read-only objects from the corpus whose methods are queries.
QUERIED = (
    "Directory",
    "ChinaCalendar",
    "WeekendCalendar",
    "TargetSet",
    "EscalationPolicy",
    "PointsPolicy",
    "Report",
    "VolunteeringRecords",
    "Open311Catalogue",
    "Statement",
)


def state_of(subject: object) -> object:
    """What a refused command must leave as it was: the events and the version."""
    events = getattr(subject, "events", None)
    return (tuple(events) if events is not None else None, getattr(subject, "version", None))


def _methods(cls: type) -> list[str]:
    names = []
    for name, raw in inspect.getmembers(cls):
        if name.startswith("_") or isinstance(
            inspect.getattr_static(cls, name), classmethod | staticmethod
        ):
            continue
        if callable(raw) and not isinstance(raw, type) and name not in _STR_METHODS:
            names.append(name)
    return names


_STR_METHODS = set(dir(str)) | set(dir(tuple))


def method_targets() -> list[Target]:
    """Every public method of the aggregates (commands) and of the queried objects."""
    classes = {cls.__name__: cls for cls in public_classes()}
    found: list[Target] = []
    for name, subject in SUBJECTS.items():
        cls = classes[name]
        for method in _methods(cls):
            found += _method_target(name, method, subject)
    for name in QUERIED:
        cls = classes[name]
        sample = instance_of(cls)
        if sample is None:
            continue
        for method in _methods(cls):

            def fixed(sample: object = sample) -> tuple[object, list[object]]:
                return sample, []

            found += _method_target(name, method, fixed)
    return found


def _method_target(
    cls_name: str, method: str, subject: Callable[[], tuple[object, list[object]]]
) -> list[Target]:
    probe, actors = subject()
    bound = getattr(probe, method)
    signature = _signature(bound)
    if signature is None:
        return []
    overrides: dict[str, Any] = {}
    if "passbook" in signature.parameters:
        overrides["passbook"] = None  # replaced by a fresh one per call
    fresh = ARGUMENTS_OF.get(f"{cls_name}.{method}", {})
    overrides.update(dict.fromkeys(fresh))  # likewise
    if "at" in signature.parameters and cls_name in VALID_AT:
        overrides["at"] = VALID_AT[cls_name]
    plan = _call_plan(bound, overrides)
    if plan is None:
        return []
    kwargs, positional = plan
    # Pick the actor for whom the valid call goes through, when one does.
    chosen = None
    if "by" in kwargs:
        for actor in actors:
            obj, _ = subject()
            trial = dict(kwargs, by=actor)
            if "passbook" in trial:
                trial["passbook"] = _passbook_for(obj)
            trial.update({name: made() for name, made in fresh.items()})
            try:
                invoke(getattr(obj, method), trial, positional)
            except Exception:
                continue
            chosen = actor
            break
        if chosen is None and actors:
            chosen = actors[0]
        kwargs["by"] = chosen

    def make(
        subject: Callable[[], tuple[object, list[object]]] = subject,
        method: str = method,
        kwargs: dict[str, Any] = kwargs,
        fresh: dict[str, Callable[[], Any]] = fresh,
    ) -> Any:
        obj, _ = subject()
        values = dict(kwargs)
        if "passbook" in values:
            values["passbook"] = _passbook_for(obj)
        values.update({name: made() for name, made in fresh.items()})
        return getattr(obj, method), values, obj

    return [Target(f"{cls_name}.{method}", make, tuple(kwargs), positional)]


@typing.no_type_check
def all_targets() -> list[Target]:
    """Constructors, functions and methods, found once per session."""
    global _TARGETS
    if _TARGETS is None:
        _TARGETS = [*constructor_targets(), *function_targets(), *method_targets()]
    return _TARGETS


_TARGETS: list[Target] | None = None


# --- judging one call ------------------------------------------------------------------------

_BASELINES: dict[str, str | None] = {}


def _describe(exc: BaseException) -> str:
    try:
        text = str(exc)
    except Exception as inner:
        text = f"<str() failed: {type(inner).__name__}>"
    return f"{type(exc).__name__}: {text[:160]}"


def baseline(target: Target) -> str | None:
    """What the valid call raises (None when it goes through)."""
    if target.name not in _BASELINES:
        func, kwargs, _ = target.make()
        try:
            invoke(func, kwargs, target.positional)
        except WulianError as exc:
            _BASELINES[target.name] = _describe(exc)
        except Exception as exc:
            _BASELINES[target.name] = _describe(exc)
            TALLY.fail(target.name, "(valid)", "valid arguments", f"bare {_describe(exc)}")
        else:
            _BASELINES[target.name] = None
    return _BASELINES[target.name]


def names_argument(message: str, argument: str, field: str | None) -> bool:
    """Whether an error message names the argument (or the record's field, or one of a
    collection argument's members: ``targets`` by ``target``)."""
    words = {argument, argument.lstrip("_"), argument.replace("_", " "), argument.removesuffix("s")}
    if field:
        words |= {field, field.replace("_", " ")}
    return any(w and w in message for w in words)


def both_backends(value: object) -> str | None:
    """Why ``value``'s JSON is wrong: refused, or written differently by the two backends."""
    try:
        data = codec.to_dict(value)
    except WulianError:
        return None  # not a codec type; nothing to compare
    except Exception as exc:
        return f"to_dict raised {_describe(exc)}"
    outcomes = []
    for dumps in (_orjson_dumps, _stdlib_dumps):
        try:
            outcomes.append(("text", dumps(data)))
        except Exception as exc:
            outcomes.append(("error", type(exc).__name__))
    if outcomes[0] != outcomes[1]:
        return f"backends differ: orjson {outcomes[0][0]}, stdlib {outcomes[1][0]}"
    if outcomes[0][0] == "error":
        return "accepted, but to_json refuses it"
    return None


def _orjson_dumps(data: Any) -> str:
    return codec._json_backend()[0](data)


def _stdlib_dumps(data: Any) -> str:
    return codec._stdlib_backend()[0](data)


# Refusals by the domain's rules: fine for a value of the right kind (a quantity beyond the
# stock), not for a value of the wrong kind (a date for a person), which must be named.
_DOMAIN_REFUSALS = (IllegalTransition, InsufficientPoints, IdempotencyConflict, PermissionDenied)
# Errors about the whole input: the integrity problems of a collection, every one listed;
# a date outside what a calendar knows, which the message gives.
# A DecodeError of a text argument is about that text: its path says where inside.
_ABOUT_THE_WHOLE = (IntegrityError, CalendarCoverageError, DecodeError)


def _same_kind(valid: object, bad: object) -> bool:
    if type(valid) is bool or type(bad) is bool:
        return type(valid) is type(bad)
    if isinstance(valid, dt.datetime) or isinstance(bad, dt.datetime):
        return isinstance(valid, dt.datetime) and isinstance(bad, dt.datetime)
    return isinstance(bad, type(valid)) or isinstance(valid, type(bad))


def attempt(target: Target, argument: str, label: str, bad: Any) -> str | None:
    """Call ``target`` with ``argument`` set to ``bad``; the wrong behaviour, or None."""
    TALLY.add("calls")
    func, kwargs, subject = target.make()
    plausible = _same_kind(kwargs.get(argument), bad)
    kwargs[argument] = bad
    before = state_of(subject) if subject is not None else None
    field = target.field_names.get(argument)
    try:
        result = invoke(func, kwargs, target.positional)
    except WulianError as exc:
        message = _describe(exc)
        if subject is not None and state_of(subject) != before:
            return TALLY.fail(target.name, argument, label, f"state changed on {message}")
        if names_argument(str(exc), argument, field) or message == baseline(target):
            return None
        if len(target.arguments) == 1 and isinstance(exc, InvalidValue | DecodeError):
            return None  # one argument: the error can be about no other
        if isinstance(exc, _ABOUT_THE_WHOLE):
            return None  # every problem listed, or the date the calendar does not know
        if plausible and isinstance(exc, _DOMAIN_REFUSALS):
            return None  # a value of the right kind, refused by a rule of the domain
        return TALLY.fail(target.name, argument, label, f"does not name it: {message}")
    except RecursionError:
        return TALLY.fail(target.name, argument, label, "RecursionError")
    except Exception as exc:
        return TALLY.fail(target.name, argument, label, f"bare {_describe(exc)}")
    if isinstance(target.make()[0], type) and attrs.has(type(result)) and _encodes(target):
        problem = both_backends(result)
        if problem:
            return TALLY.fail(target.name, argument, label, problem)
    if subject is not None:
        for event in tuple(getattr(subject, "events", ()))[len(before[0] or ()) :]:  # type: ignore[index]
            problem = both_backends(event)
            if problem:
                return TALLY.fail(target.name, argument, label, f"event {problem}")
    return None


_ENCODES: dict[str, bool] = {}


def _encodes(target: Target) -> bool:
    """Whether the codec writes the target's valid value: a record of the wire format."""
    if target.name not in _ENCODES:
        func, kwargs, _ = target.make()
        try:
            codec.to_json(invoke(func, kwargs, target.positional))
        except Exception:
            _ENCODES[target.name] = False
        else:
            _ENCODES[target.name] = True
    return _ENCODES[target.name]


def bad_labels() -> list[str]:
    """The labels of the fixed table of bad values, sorted."""
    return sorted(BAD)


# Wrong behaviours counted apart while the module at fault takes its fix: none now (the
# escalation's result records, ``Case.replay`` and the redemptions' ``shops=None`` once
# were). An entry is the start of a problem's text: "Target(argument=label".
KNOWN: tuple[str, ...] = ()


def known(problem: str) -> bool:
    """Whether a wrong behaviour is one of :data:`KNOWN`."""
    return problem.startswith(KNOWN)


def sweep(target: Target) -> list[str]:
    """Every argument of ``target`` with every value of the table: the wrong behaviours."""
    found = []
    for argument in target.arguments:
        for label in bad_labels():
            problem = attempt(target, argument, label, BAD[label]())
            if problem:
                found.append(problem)
    return found

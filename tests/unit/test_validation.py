"""Every record validates on construction, result types included; no field turns a
mapping into the set of its keys."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wulian_core
from wulian_core import _checks
from wulian_core._volunteering import checks as volunteering_checks
from wulian_core.errors import InvalidValue, WulianError
from wulian_core.escalation import CaseClock, CaseDeadline, TimelineEntry
from wulian_core.model import Activity, Region, Station
from wulian_core.points import (
    Account,
    AccountRole,
    Entry,
    Holder,
    HolderKind,
    Ledger,
    PassbookOpened,
    Statement,
    StatementLine,
)
from wulian_core.regions import RegionCode
from wulian_core.strategies import for_type

AT = dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)
NAIVE = dt.datetime(2024, 3, 1, 9)
HOLDER = Account(AccountRole.HOLDER, "p-3")
ISSUER = Account(AccountRole.ISSUER, "150603001001")


def _refused(field: str, build: Any, **changes: Any) -> InvalidValue:
    with pytest.raises(InvalidValue) as info:
        build(**changes)
    assert info.value.field == field, info.value
    assert field in str(info.value)
    return info.value


def _deadline(**changes: Any) -> CaseDeadline:
    fields = {"clock": CaseClock.ACCEPT, "due": AT, "warned": False, "missed": False}
    return CaseDeadline(**{**fields, **changes})


def _entry(**changes: Any) -> TimelineEntry:
    fields = {
        "at": AT,
        "kind": "case.opened",
        "what": "受理登记",
        "by": "p-1",
        "level": "",
        "detail": "",
    }
    return TimelineEntry(**{**fields, **changes})


def _ledger_entry(**changes: Any) -> Entry:
    fields = {
        "ledger": Ledger.MATERIAL,
        "source": ISSUER,
        "target": HOLDER,
        "amount": 2,
        "at": AT,
        "by": "p-9",
        "key": "k-1",
        "reason": "志愿服务 act-1",
    }
    return Entry(**{**fields, **changes})


def _line(**changes: Any) -> StatementLine:
    fields = {
        "at": AT,
        "key": "k-1",
        "by": "p-9",
        "reason": "志愿服务",
        "amount": 2,
        "counterparty": ISSUER,
        "balance": 2,
    }
    return StatementLine(**{**fields, **changes})


def _statement(**changes: Any) -> Statement:
    fields = {
        "holder": "p-3",
        "ledger": Ledger.MATERIAL,
        "start": dt.date(2024, 3, 1),
        "end": dt.date(2024, 3, 31),
        "opening": 0,
        "lines": (_line(),),
        "closing": 2,
    }
    return Statement(**{**fields, **changes})


@pytest.mark.parametrize(
    ("build", "field", "value"),
    [
        (_deadline, "due", NAIVE),
        (_deadline, "clock", "accept"),
        (_deadline, "warned", 1),
        (_entry, "at", NAIVE),
        (_entry, "kind", " "),
        (_entry, "by", ""),
        (_entry, "what", None),
        (_ledger_entry, "at", NAIVE),
        (_ledger_entry, "amount", 0),
        (_ledger_entry, "amount", True),
        (_ledger_entry, "by", " "),
        (_ledger_entry, "source", "issuer"),
        (_line, "at", NAIVE),
        (_line, "amount", 0),
        (_line, "reason", ""),
        (_line, "counterparty", None),
        (_statement, "holder", ""),
        (_statement, "start", AT),
        (_statement, "opening", 1.5),
        (_statement, "lines", [{"amount": 2}]),
    ],
    ids=lambda v: getattr(v, "__name__", repr(v)),
)
def test_result_types_refuse_bad_fields_naming_them(build: Any, field: str, value: Any) -> None:
    owner = type(build()).__name__

    _refused(f"{owner}.{field}", build, **{field: value})


def test_an_account_refuses_a_blank_key() -> None:
    _refused("Account.key", Account, role=AccountRole.HOLDER, key=" ")


def test_a_statement_must_add_up() -> None:
    _refused("Statement.closing", _statement, closing=3)
    _refused("Statement.lines[0].balance", _statement, lines=(_line(balance=5),), closing=5)
    _refused("Statement.end", _statement, end=dt.date(2024, 2, 1))


def test_the_result_types_still_build_from_good_values() -> None:
    assert _statement().closing == 2
    assert _deadline().due == AT
    assert _entry().what == "受理登记"
    assert _ledger_entry().signed_for(HOLDER) == 2


# --- a mapping is not a set of its keys ------------------------------------------------------

MAPPING = {"p-1": "volunteer", "p-2": "organiser"}


@pytest.mark.parametrize(
    ("cls", "field"),
    [
        (Station, "regulations"),
        (Activity, "organisers"),
        (Activity, "social_workers"),
        (Activity, "volunteers"),
        (Region, "tags"),
    ],
)
@given(data=st.data())
def test_a_set_field_refuses_a_mapping(cls: type, field: str, data: st.DataObject) -> None:
    value = data.draw(for_type(cls))

    _refused(f"{cls.__name__}.{field}", lambda **c: attrs.evolve(value, **c), **{field: MAPPING})


def test_a_household_refuses_a_mapping_of_members() -> None:
    home = RegionCode("150603001001")

    _refused(
        "Holder.members",
        Holder,
        id="hh-1",
        kind=HolderKind.HOUSEHOLD,
        community=home,
        members=MAPPING,
    )
    _refused(
        "PassbookOpened.members",
        PassbookOpened,
        holder="hh-1",
        at=AT,
        by="w-1",
        key="k-1",
        holder_kind=HolderKind.HOUSEHOLD,
        community=home,
        members=MAPPING,
    )


def _converted_fields() -> list[tuple[type, attrs.Attribute[Any]]]:
    converters = {_checks.to_frozenset, _checks.to_tuple, volunteering_checks.to_frozenset}
    found: dict[tuple[type, str], attrs.Attribute[Any]] = {}
    for info in pkgutil.walk_packages(wulian_core.__path__, "wulian_core."):
        if (
            info.name.rsplit(".", 1)[-1] in ("__main__", "cli", "calendar_cn")
            or "store" in info.name
        ):
            continue
        for value in vars(importlib.import_module(info.name)).values():
            if isinstance(value, type) and attrs.has(value):
                for attribute in attrs.fields(value):
                    if attribute.converter in converters:
                        found[(value, attribute.name)] = attribute
    return [(cls, attribute) for (cls, _), attribute in sorted(found.items(), key=str)]


CONVERTED = _converted_fields()


def test_the_sweep_finds_the_converted_fields() -> None:
    assert len(CONVERTED) >= 40


@pytest.mark.parametrize(
    ("cls", "attribute"), CONVERTED, ids=lambda v: getattr(v, "__name__", getattr(v, "name", ""))
)
def test_every_converted_field_refuses_a_mapping_naming_itself(
    cls: type, attribute: attrs.Attribute[Any]
) -> None:
    # Only this field's converter and validator run: no other field needs a value.
    converted = attribute.converter(MAPPING)  # type: ignore[misc,operator]
    assert converted is MAPPING
    validator = attribute.validator
    assert validator is not None, f"{cls.__name__}.{attribute.name} has no validator"
    with pytest.raises(WulianError) as info:
        validator(object.__new__(cls), attribute, converted)
    assert f"{cls.__name__}.{attribute.name}" in str(info.value)

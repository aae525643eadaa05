"""The bad inputs the hardening issue lists by name, each an example test of its fix."""

from __future__ import annotations

import datetime as dt

import pytest
from _values import DEPTH

from wulian_core import codec, policies, synth
from wulian_core.errors import DecodeError, InvalidValue, NotFound
from wulian_core.escalation import EscalationPolicy
from wulian_core.examples import catalogue_example, passbook_example
from wulian_core.model import (
    IdCardNumber,
    OrganizationCategory,
    Person,
    Region,
    RegionCode,
    Registration,
    Scope,
    SettlementKind,
    SocialOrganization,
)
from wulian_core.points import Passbook, rank_passbooks
from wulian_core.rules import evaluate, progress

HOME = RegionCode("150603001001")


def test_nested_json_is_a_decode_error_on_the_standard_library_backend() -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(codec, "_json_backend", codec._stdlib_backend)
        with pytest.raises(DecodeError, match="nested too deep"):
            codec.from_json(Scope, "[" * DEPTH + "]" * DEPTH)


def test_nested_toml_and_none_are_decode_errors() -> None:
    with pytest.raises(DecodeError, match="nested too deep"):
        codec.from_toml(Scope, "a = " + "[" * DEPTH + "]" * DEPTH)
    with pytest.raises(DecodeError, match="must be TOML text"):
        codec.from_toml(Scope, None)  # type: ignore[arg-type]


def test_evaluate_on_the_last_day_there_is_names_as_of() -> None:
    with pytest.raises(InvalidValue, match=r"as_of: must fall in the years 1900 to 9000"):
        evaluate(policies.load("shaanxi-2022"), synth.kangbashi(), as_of=dt.date(9999, 12, 31))


def test_an_escalation_policy_without_levels_names_the_field() -> None:
    intakes = EscalationPolicy.kangbashi().intakes
    with pytest.raises(InvalidValue, match=r"EscalationPolicy\.levels: must be a sequence"):
        EscalationPolicy(name="x", levels=None, intakes=intakes)  # type: ignore[arg-type]


def test_replay_rank_and_progress_name_their_arguments() -> None:
    book, *_ = passbook_example()
    with pytest.raises(InvalidValue, match=r"Passbook\.replay\.policy"):
        Passbook.replay(book.events, policy=None)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"rank_passbooks\.passbooks"):
        rank_passbooks(None, on=dt.date(2024, 3, 1))  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"progress\.dates"):
        progress(policies.load("shaanxi-2022"), synth.kangbashi(), None)  # type: ignore[arg-type]


def test_a_price_beyond_the_bound_is_refused_before_anything_is_recorded() -> None:
    shop, staff, at = catalogue_example()
    before = shop.version
    with pytest.raises(InvalidValue, match=r"Catalogue\.list_item\.price: .* to 1000000000000"):
        shop.list_item(item="tea", name="茶", price=2**64, by=staff, at=at, key="l-9")
    assert shop.version == before


def test_messages_take_an_by_sound_and_say_date_and_set() -> None:
    with pytest.raises(InvalidValue, match="must be an OrganizationCategory"):
        SocialOrganization(
            id="o",
            name="x",
            community=HOME,
            category="x",  # type: ignore[arg-type]
            registration=Registration.FILED,
            established=dt.date(2022, 1, 1),
        )
    with pytest.raises(InvalidValue, match="must be an IdCardNumber or None"):
        Person(id="p", name="x", id_card=5)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"established: must be a date \(got '2022-01-01'\)"):
        SocialOrganization(
            id="o",
            name="x",
            community=HOME,
            category=OrganizationCategory.OTHER,
            registration=Registration.FILED,
            established="2022-01-01",  # type: ignore[arg-type]
        )
    with pytest.raises(InvalidValue, match="must be a set of non-blank strings") as refused:
        Region(code=HOME, name="悦和社区", settlement=SettlementKind.URBAN, tags="pilot")  # type: ignore[arg-type]
    assert "frozenset" not in str(refused.value)
    with pytest.raises(InvalidValue, match="must be a set"):
        Region(code=HOME, name="悦和社区", settlement=SettlementKind.URBAN, tags={"pilot": 1})  # type: ignore[arg-type]
    assert IdCardNumber  # the type named above stays public


def test_not_found_names_the_argument() -> None:
    book, worker, me, at = passbook_example()
    with pytest.raises(NotFound, match=r"Passbook\.correct_service\.activity: no service record"):
        book.correct_service(activity="a-9", minutes=10, reason="x", by=worker, at=at, key="c")
    with pytest.raises(NotFound, match=r"Passbook\.cancel_redemption\.order: no redemption"):
        book.cancel_redemption(order="r-9", reason="x", by=me, at=at, key="c")

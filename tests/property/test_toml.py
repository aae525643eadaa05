"""TOML written by the codec reads back as the value it was written from.

``to_toml`` is the counterpart of ``from_toml``: for every policy type (escalation,
points, target sets), every bundled policy file, every record the strategies draw, and
the writer itself on any text and any TOML-shaped data.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wulian_core import Directory, codec, policies
from wulian_core._strategies.case_world import _policies as escalation_policies
from wulian_core._strategies.passbook_machine import _POLICIES as POINTS_POLICIES
from wulian_core._toml import dumps, string
from wulian_core.calendar import ChinaCalendar, YearNotice
from wulian_core.errors import InvalidValue
from wulian_core.escalation import EscalationPolicy
from wulian_core.model import registered_types
from wulian_core.points import PointsPolicy, ServiceRule
from wulian_core.rules import Share, TargetSet
from wulian_core.strategies import for_type


@given(policy=escalation_policies())
def test_an_escalation_policy_round_trips_through_toml(policy: EscalationPolicy) -> None:
    text = codec.to_toml(policy)
    assert codec.from_toml(EscalationPolicy, text) == policy
    assert policies.load_escalation(text) == policy


@given(policy=POINTS_POLICIES)
def test_a_points_policy_round_trips_through_toml(policy: PointsPolicy) -> None:
    assert codec.from_toml(PointsPolicy, codec.to_toml(policy)) == policy


@pytest.mark.parametrize("name", policies.bundled_escalation())
def test_every_bundled_escalation_policy_round_trips(name: str) -> None:
    policy = policies.load_escalation(name)
    assert policies.load_escalation(codec.to_toml(policy)) == policy


@pytest.mark.parametrize("name", policies.bundled())
def test_every_bundled_target_set_round_trips(name: str) -> None:
    targets = policies.load(name)
    text = codec.to_toml(targets)
    assert policies.load(text) == targets
    assert codec.from_toml(TargetSet, text) == targets
    # Dates are TOML's own, which a policy file requires (a quoted date is refused).
    assert "applies_from = 20" in text
    assert 'applies_from = "' not in text


_SHARES = st.integers(1, 12).flatmap(lambda d: st.builds(Share, st.integers(1, d), st.just(d)))


@given(
    name=st.sampled_from(policies.bundled()),
    data=st.data(),
    due=st.dates(dt.date(2024, 1, 1), dt.date(2030, 12, 31)),
)
def test_a_target_set_with_other_parameters_round_trips(
    name: str, data: st.DataObject, due: dt.date
) -> None:
    targets = policies.load(name)
    share = data.draw(_SHARES)
    has_widely = "widely" in {p.name for p in targets.parameters}
    changed = targets.with_parameters(widely=share) if has_widely else targets
    index = data.draw(st.integers(0, len(changed.targets) - 1))
    target = changed.targets[index]
    if target.applies_from is None or target.applies_from <= due:
        target = attrs.evolve(target, due_by=due)
        changed = attrs.evolve(
            changed, targets=[*changed.targets[:index], target, *changed.targets[index + 1 :]]
        )
    assert policies.load(codec.to_toml(changed)) == changed


def test_the_practice_points_policy_writes_no_cap_as_it_reads_it() -> None:
    policy = attrs.evolve(
        PointsPolicy.practice(),
        service=attrs.evolve(PointsPolicy.practice().service, max_minutes_per_day=None),
    )
    text = codec.to_toml(policy)
    assert 'max_minutes_per_day = "none"' in text
    assert codec.from_toml(PointsPolicy, text) == policy
    assert ServiceRule.CAPS  # the caps the codec reads "none" in


def test_the_calendar_year_files_round_trip() -> None:
    for notice in ChinaCalendar.official().notices:
        assert YearNotice.from_toml(notice.to_toml()) == notice


TYPES = [*registered_types(), Directory]


@pytest.mark.parametrize("cls", TYPES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_every_record_round_trips_or_is_refused_as_no_table(cls: type, data: st.DataObject) -> None:
    value = data.draw(for_type(cls))
    try:
        text = codec.to_toml(value, reveal=True)
    except InvalidValue as exc:  # a bare value (a phone number, a region code)
        assert exc.field == "to_toml.obj"
        assert not attrs.has(cls)
        return
    assert codec.from_toml(cls, text) == value


def test_a_none_with_another_default_is_refused_naming_the_field() -> None:
    @attrs.frozen
    class Capped:
        limit: int | None = 5

    with pytest.raises(InvalidValue) as info:
        codec.to_toml(Capped(limit=None))
    assert info.value.field == "Capped.limit"
    assert "TOML has no null" in info.value.reason


# The writer on its own: any text, and any data of TOML's shapes, reads back equal.


@given(text=st.text(st.characters(exclude_categories=("Cs",))))
def test_any_text_is_escaped_so_that_it_reads_back(text: str) -> None:
    assert tomllib.loads(dumps({"s": text, text or "k": 1})) == {"s": text, text or "k": 1}


def test_control_characters_chinese_and_quotes_are_escaped() -> None:
    text = '悦和 "社区"\\\n\t\x00\x1f\x7f'
    line = string(text)
    assert "\n" not in line and "\x00" not in line and "\x7f" not in line
    assert tomllib.loads(f"s = {line}") == {"s": text}
    assert "悦和" in line  # Chinese is written as it is, not as escapes


def test_a_lone_surrogate_is_refused() -> None:
    with pytest.raises(InvalidValue, match="surrogate"):
        string("a\ud800")


_KEYS = st.text(max_size=6)
# Beijing's local mean time, +07:45:43: TOML offsets are whole minutes, so it goes as UTC.
_LMT = dt.timezone(dt.timedelta(hours=7, minutes=45, seconds=43))
_SCALARS = (
    st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
    | st.text(st.characters(exclude_categories=("Cs",)), max_size=8)
    | st.dates()
    | st.datetimes(timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=8)), _LMT]))
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3),
    max_leaves=10,
)


@given(data=st.dictionaries(_KEYS, _VALUES, max_size=5))
def test_any_toml_shaped_data_reads_back(data: dict[str, Any]) -> None:
    assert tomllib.loads(dumps(data)) == data


def test_a_number_beyond_64_bits_and_a_naive_datetime_are_refused() -> None:
    with pytest.raises(InvalidValue, match="64-bit"):
        dumps({"n": 2**63})
    with pytest.raises(InvalidValue, match="naive"):
        dumps({"at": dt.datetime(2024, 1, 1)})
    with pytest.raises(InvalidValue, match="no null"):
        dumps({"xs": [1, None]})

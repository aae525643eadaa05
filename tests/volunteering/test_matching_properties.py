"""Matching never leaves the allowed area, never exceeds capacity, and agrees with a plain index."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wulian_core.errors import IntegrityError, InvalidValue, NotFound
from wulian_core.strategies import communities, needs, supplies
from wulian_core.volunteering import (
    Matcher,
    Need,
    NeedCategory,
    ProviderKind,
    Reach,
    Supply,
    nearness,
)

from .conftest import HOME, T0

SUPPLY_LISTS = st.lists(supplies(), max_size=30, unique_by=lambda s: s.id)
NEED_LISTS = st.lists(needs(), max_size=30)


def _allowed(need: Need, supply: Supply) -> Reach | None:
    near = nearness(need, supply)
    if near is None or near.rank > min(need.reach.rank, supply.reach.rank):
        return None
    if near is Reach.GRID or supply.reach is not Reach.GRID:
        return near
    return None


def _fits(need: Need, supply: Supply) -> bool:
    return (
        need.category in supply.categories
        and _allowed(need, supply) is not None
        and need.starts < supply.ends
        and supply.starts < need.ends
    )


@given(SUPPLY_LISTS, NEED_LISTS)
def test_no_match_leaves_the_allowed_area_or_exceeds_capacity(
    offers: list[Supply], wants: list[Need]
) -> None:
    by_id = {s.id: s for s in offers}
    matcher = Matcher(offers)

    answers = matcher.assign_all(wants)

    taken: dict[str, int] = {}
    for need, match in zip(wants, answers, strict=True):
        if match is None:
            continue
        supply = by_id[match.candidate.supply]
        assert _fits(need, supply)
        assert match.candidate.nearness is nearness(need, supply)
        taken[supply.id] = taken.get(supply.id, 0) + 1
    for key, count in taken.items():
        assert count <= by_id[key].capacity
        assert matcher.remaining(key) == by_id[key].capacity - count


@given(SUPPLY_LISTS, needs())
def test_candidates_are_every_fitting_offer_nearest_first_in_the_order_given(
    offers: list[Supply], need: Need
) -> None:
    expected = sorted(
        (i for i, s in enumerate(offers) if _fits(need, s)),
        key=lambda i: (_allowed(need, offers[i]).rank, i),  # type: ignore[union-attr]
    )

    found = Matcher(offers).candidates(need, limit=1000)

    assert [c.supply for c in found] == [offers[i].id for i in expected]


@given(SUPPLY_LISTS, NEED_LISTS)
def test_an_unmatched_need_had_no_fitting_offer_left(
    offers: list[Supply], wants: list[Need]
) -> None:
    matcher = Matcher(offers)
    for need in sorted(wants, key=lambda n: -n.urgency.rank):
        if matcher.assign(need) is None:
            assert all(not _fits(need, s) or matcher.remaining(s.id) == 0 for s in offers)


def _floor(offers: list[Supply], wants: list[Need]) -> list[str | None]:
    index: dict[tuple[str, NeedCategory], list[int]] = {}
    for n, s in enumerate(offers):
        for c in s.categories:
            index.setdefault((s.community, c), []).append(n)
    left = [s.capacity for s in offers]
    answers: list[str | None] = []
    for need in wants:
        answer = None
        for n in index.get((need.community, need.category), ()):
            if left[n]:
                left[n] -= 1
                answer = offers[n].id
                break
        answers.append(answer)
    return answers


WINDOW = {"starts": T0, "ends": T0 + dt.timedelta(hours=8)}


@st.composite
def _plain_case(draw: st.DrawFn) -> tuple[list[Supply], list[Need]]:
    """Supplies of community reach and no grid, one window: where the plain index's rule applies."""
    cats = st.sampled_from(list(NeedCategory))
    offers = [
        Supply(
            id=f"s-{n}",
            provider="o-1",
            kind=ProviderKind.ORGANIZATION,
            categories=draw(st.frozensets(cats, min_size=1, max_size=2)),
            community=draw(communities()),
            capacity=draw(st.integers(1, 3)),
            **WINDOW,
        )
        for n in range(draw(st.integers(0, 25)))
    ]
    wants = [
        Need(
            id=f"n-{n}",
            resident="p-1",
            category=draw(cats),
            community=draw(communities()),
            reach=Reach.COMMUNITY,
            raised_at=T0,
            **WINDOW,
        )
        for n in range(draw(st.integers(0, 40)))
    ]
    return offers, wants


@given(_plain_case())
def test_where_the_plain_index_applies_the_answers_are_the_same(
    case: tuple[list[Supply], list[Need]],
) -> None:
    offers, wants = case
    mine = [m.candidate.supply if m else None for m in Matcher(offers).assign_all(wants)]
    assert mine == _floor(offers, wants)


def test_matching_prefers_the_grid_then_the_community_then_the_township() -> None:
    from wulian_core._volunteering.example import matcher_and_need

    matcher, need = matcher_and_need()
    order = [m.candidate.nearness for m in matcher.assign_all([need] * 9) if m]
    assert order == [Reach.GRID, Reach.COMMUNITY, Reach.COMMUNITY, *[Reach.TOWNSHIP] * 5]
    assert matcher.assign(need) is None


def test_urgent_needs_are_served_first() -> None:
    offer = Supply(
        id="s-1",
        provider="o-1",
        kind=ProviderKind.CHARITY,
        categories={NeedCategory.REPAIR},
        community=HOME,
        capacity=1,
        **WINDOW,
    )
    routine = Need(
        id="n-1",
        resident="p-1",
        category=NeedCategory.REPAIR,
        community=HOME,
        raised_at=T0,
        **WINDOW,
    )
    urgent = Need(
        id="n-2",
        resident="p-2",
        category=NeedCategory.REPAIR,
        community=HOME,
        raised_at=T0,
        urgency=routine.urgency.CRITICAL,
        **WINDOW,
    )
    first, second = Matcher([offer]).assign_all([routine, urgent])
    assert first is None
    assert second is not None
    assert second.need == "n-2"


def test_bad_input_is_named() -> None:
    offer = Supply(
        id="s-1",
        provider="o-1",
        kind=ProviderKind.CHARITY,
        categories={NeedCategory.REPAIR},
        community=HOME,
        capacity=1,
        **WINDOW,
    )
    with pytest.raises(IntegrityError, match="given twice"):
        Matcher([offer, offer])
    with pytest.raises(InvalidValue, match=r"Matcher.supplies\[0\]"):
        Matcher(["s-1"])  # type: ignore[list-item]
    with pytest.raises(NotFound):
        Matcher([offer]).remaining("s-2")
    with pytest.raises(InvalidValue, match="Matcher.candidates.limit"):
        Matcher([offer]).candidates(
            Need(
                id="n-1",
                resident="p-1",
                category=NeedCategory.REPAIR,
                community=HOME,
                raised_at=T0,
                **WINDOW,
            ),
            limit=0,
        )
    with pytest.raises(InvalidValue, match="Matcher.assign.need"):
        Matcher([offer]).assign("n-1")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="Supply.grid"):
        Supply(
            id="s-2",
            provider="o-1",
            kind=ProviderKind.VOLUNTEER,
            categories={NeedCategory.REPAIR},
            community=HOME,
            capacity=1,
            reach=Reach.GRID,
            **WINDOW,
        )
    with pytest.raises(InvalidValue, match="Need.community"):
        Need(
            id="n-1",
            resident="p-1",
            category=NeedCategory.REPAIR,
            community=HOME.parent,
            raised_at=T0,
            **WINDOW,
        )  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="Supply.ends"):
        Supply(
            id="s-2",
            provider="o-1",
            kind=ProviderKind.VOLUNTEER,
            categories={NeedCategory.REPAIR},
            community=HOME,
            capacity=1,
            starts=T0,
            ends=T0,
        )

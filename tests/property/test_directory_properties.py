"""Invariants of directories drawn by ``strategies.directories()``."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from wulian_core import Directory, RegionLevel
from wulian_core.strategies import dates, directories


@given(directories())
def test_every_region_but_the_province_has_its_parent(d: Directory) -> None:
    for region in d.regions:
        parent = region.code.parent
        assert parent is None or parent in d


@given(directories(), dates())
def test_as_of_queries_agree_with_a_plain_filter(d: Directory, day: dt.date) -> None:
    for region in d.regions:
        expected = [
            o for o in d.organizations if region.code.contains(o.community) and o.active_on(day)
        ]
        assert list(d.organizations_of(region.code, as_of=day)) == sorted(
            expected, key=lambda o: (o.community, d.organizations.index(o))
        )


@given(directories())
def test_communities_partition_by_township(d: Directory) -> None:
    townships = d.regions_at(RegionLevel.TOWNSHIP)
    by_township = [c for t in townships for c in d.communities(within=t.code)]
    assert sorted(c.code for c in by_township) == sorted(c.code for c in d.communities())


@given(directories(), st.data())
def test_children_are_exactly_the_regions_one_level_down(d: Directory, data: st.DataObject) -> None:
    region = data.draw(st.sampled_from(d.regions))
    children = d.children(region.code)
    assert all(c.code.parent == region.code for c in children)
    assert len(children) == sum(r.code.parent == region.code for r in d.regions)


@given(directories(), dates())
def test_an_actor_holds_exactly_the_posts_active_that_day(d: Directory, day: dt.date) -> None:
    for person in d.persons:
        actor = d.actor(person.id, on=day)
        expected = {
            (p.role, p.scope) for p in d.posts if p.person == person.id and p.active_on(day)
        }
        assert {(g.role, g.scope) for g in actor.grants} == expected

"""A directory's activities held as columns read back as the records given."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wulian_core import Directory
from wulian_core.directory import Activities
from wulian_core.errors import IntegrityError, InvalidValue, NotFound
from wulian_core.model import Activity, RegionCode, ServiceArea
from wulian_core.strategies import activities, dates, directories

_SETS = ("organisers", "social_workers", "volunteers")
_SEP = "\x1f"

# The unit separator ends each entry of the text buffers: a text or member holding it
# takes the path kept aside, so the drawn texts include it now and then.
_odd_text = st.sampled_from(["a\x1fb", "\x1f1", "悦\x1f和"])
_COMMUNITIES = [RegionCode(c) for c in ("150603001001", "150603001002", "110101001001")]


def _evolve(activity: Activity, **changes: object) -> Activity:
    import attrs

    return attrs.evolve(activity, **changes)


@st.composite
def records_lists(draw: st.DrawFn) -> list[Activity]:
    drawn = draw(
        st.lists(
            activities(community=st.sampled_from(_COMMUNITIES)),
            max_size=12,
        )
    )
    out = []
    for activity in drawn:
        if draw(st.integers(0, 3)) == 0:
            field = draw(st.sampled_from(("id", "title", *_SETS)))
            value = draw(_odd_text)
            if field in _SETS:
                activity = _evolve(activity, **{field: getattr(activity, field) | {value}})
            else:
                activity = _evolve(activity, **{field: value})
        out.append(activity)
    return out


@given(records_lists())
def test_the_columns_read_back_every_record_in_order(records: list[Activity]) -> None:
    acts = Activities.of(records)
    assert len(acts) == len(records)
    assert list(acts) == records
    assert acts == tuple(records)
    assert acts == records
    assert [acts[i] for i in range(-len(records), 0)] == records
    assert acts[1:3] == tuple(records[1:3])
    assert all(record in acts for record in records)
    assert acts.unique == (len({r.id for r in records}) == len(records))


@given(records_lists())
def test_each_community_s_rows_are_its_records_in_the_order_given(records: list[Activity]) -> None:
    acts = Activities.of(records)
    for code in {r.community for r in records}:
        assert [records[row] for row in acts.rows_in(code)] == [
            r for r in records if r.community == code
        ]
    assert list(acts.rows_in("110101001999")) == []


@given(records_lists(), dates(), dates())
def test_the_rows_between_two_days_are_those_of_the_records(
    records: list[Activity], first: dt.date, last: dt.date
) -> None:
    acts = Activities.of(records)
    assert acts.rows_between(range(len(records)), first, last) == [
        i for i, r in enumerate(records) if first <= r.on <= last
    ]


@given(records_lists())
def test_columns_pickle_take_and_compare_as_their_records(records: list[Activity]) -> None:
    acts = Activities.of(records)
    back = pickle.loads(pickle.dumps(acts))
    assert back == acts
    assert hash(back) == hash(acts)
    assert list(back) == records
    chosen = list(range(len(records)))[::-1][::2]
    taken = acts.take(chosen)
    assert list(taken) == [records[i] for i in chosen]
    assert taken == Activities.of([records[i] for i in chosen])
    for name in ("id", "title", "community", "on", "area", *_SETS):
        assert acts.column(name) == [getattr(r, name) for r in records]
    assert list(acts.column("on_ordinal")) == [r.on.toordinal() for r in records]
    assert list(acts.column("joint")) == [int(r.is_joint) for r in records]
    codes = acts.codes
    assert [codes[n] for n in acts.column("community_number")] == [r.community for r in records]
    assert [list(ServiceArea)[n] for n in acts.column("area_number")] == [r.area for r in records]
    for name in _SETS:
        assert acts.members(name) == {m for r in records for m in getattr(r, name)}


@given(records_lists())
def test_columns_differ_where_their_records_differ(records: list[Activity]) -> None:
    if not records:
        return
    changed = [*records[:-1], _evolve(records[-1], title=records[-1].title + "x")]
    assert Activities.of(changed) != Activities.of(records)
    assert Activities.of(records) != changed
    assert Activities.of([*records, records[0]]).unique is False


@given(directories())
def test_a_directory_holds_columns_equal_to_its_records(d: Directory) -> None:
    again = Directory(
        regions=d.regions,
        persons=d.persons,
        social_workers=d.social_workers,
        volunteers=d.volunteers,
        organizations=d.organizations,
        stations=d.stations,
        activities=list(d.activities),
    )
    assert again.activities == d.activities
    assert type(again.activities) is Activities
    for community in d.communities():
        assert again.activities_of(community.code) == tuple(
            a for a in d.activities if a.community == community.code
        )


def test_a_directory_s_activity_problems_read_in_their_order() -> None:
    from wulian_core.model import Region, SettlementKind, TownshipKind

    regions = [
        Region(code=RegionCode("15"), name="内蒙古自治区"),
        Region(code=RegionCode("1506"), name="鄂尔多斯市"),
        Region(code=RegionCode("150603"), name="康巴什区"),
        Region(code=RegionCode("150603001"), name="滨河街道", township_kind=TownshipKind.STREET),
        Region(code=RegionCode("150603001001"), name="悦和社区", settlement=SettlementKind.URBAN),
    ]

    def act(key: str, code: str, **sets: set[str]) -> Activity:
        return Activity(
            id=key,
            community=RegionCode(code),
            on=dt.date(2023, 1, 1),
            title="t",
            area=ServiceArea.CHILD_WELFARE,
            **sets,  # type: ignore[arg-type]
        )

    good = act("a-0", "150603001001")
    assert Directory(regions=regions, activities=[good]).activities == [good]
    with pytest.raises(IntegrityError) as raised:
        Directory(
            regions=regions,
            activities=[
                act("a-1", "150603001", organisers={"z", "o"}),
                act("a-1", "150603001001", social_workers={"w"}, volunteers={"v"}),
                act("a-2", "150603001002"),
            ],
        )
    assert list(raised.value.problems) == [
        "activity 'a-1': 150603001 is a township, not a community",
        "activity 'a-1': organiser 'o' is neither an organization nor a station of the directory",
        "activity 'a-1': organiser 'z' is neither an organization nor a station of the directory",
        "activity 'a-1': listed twice",
        "activity 'a-1': 'w' is not a social worker",
        "activity 'a-1': 'v' is not a volunteer",
        "activity 'a-2': region 150603001002 is not in the directory",
    ]


def test_bad_records_and_indexes_are_refused_by_name() -> None:
    with pytest.raises(InvalidValue, match=r"^Directory\.activities\[0\]: must be an Activity"):
        Directory(activities=["a-1"])
    with pytest.raises(InvalidValue, match=r"^Directory\.activities: must be iterable"):
        Directory(activities=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"^records: must be iterable"):
        Activities.of("a-1")  # type: ignore[arg-type]
    acts = Activities.of([])
    with pytest.raises(NotFound, match=r"^index: no activity at index 0"):
        acts[0]
    with pytest.raises(InvalidValue, match=r"^index: must be an int or a slice"):
        acts["0"]  # type: ignore[call-overload]
    with pytest.raises(InvalidValue, match=r"^name: must be a field of Activity"):
        acts.column("phone")
    with pytest.raises(InvalidValue, match=r"^name: must be organisers"):
        acts.members("title")
    assert Activities() == () == Activities.of([])
    assert _SEP not in repr(Activities())


def test_an_activity_not_held_has_no_index_and_names_the_value() -> None:
    from wulian_core import synth

    acts = synth.kangbashi().activities
    assert acts.index(acts[3]) == 3
    with pytest.raises(InvalidValue, match=r"^value: is not one of these activities"):
        acts.index("共享奶奶")


def test_texts_with_a_lone_surrogate_are_kept_as_the_record_keeps_them() -> None:
    import attrs

    from wulian_core import synth

    first = synth.kangbashi().activities[0]
    odd = attrs.evolve(first, id="a-\ud800", title="议事会\ud800", volunteers={"v-\udfff"})
    acts = Activities.of([odd])
    assert list(acts) == [odd]
    assert acts.column("title") == ["议事会\ud800"]

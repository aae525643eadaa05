"""A directory's organizations held as columns read back as the records given."""

from __future__ import annotations

import datetime as dt
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wulian_core import Directory
from wulian_core.directory import Organizations
from wulian_core.errors import InvalidValue, NotFound
from wulian_core.model import OrganizationCategory, RegionCode, Registration, SocialOrganization
from wulian_core.strategies import dates, directories


def _records(d: Directory) -> list[SocialOrganization]:
    return list(d.organizations)


# Drawn directories list their organizations community by community; shuffled, every
# community's rows are scattered, which the columns group with a sort of their own.
records_lists = directories().flatmap(lambda d: st.permutations(_records(d)))


@given(records_lists)
def test_the_columns_read_back_every_record_in_order(records: list[SocialOrganization]) -> None:
    orgs = Organizations.of(records)
    assert len(orgs) == len(records)
    assert list(orgs) == records
    assert orgs == tuple(records)
    assert orgs == records
    assert [orgs[i] for i in range(-len(records), 0)] == records
    assert orgs[1:3] == tuple(records[1:3])
    assert all(record in orgs for record in records)
    assert all(orgs.get(record.id) == record for record in records)
    assert [orgs.index(record) for record in records] == [
        records.index(record) for record in records
    ]


@given(records_lists)
def test_each_community_s_rows_are_its_records_in_the_order_given(
    records: list[SocialOrganization],
) -> None:
    orgs = Organizations.of(records)
    for code in {r.community for r in records}:
        assert [records[row] for row in orgs.rows_in(code)] == [
            r for r in records if r.community == code
        ]
    assert list(orgs.rows_in("110101001999")) == []


@given(records_lists, dates())
def test_the_rows_active_on_a_day_are_those_of_the_records(
    records: list[SocialOrganization], day: dt.date
) -> None:
    orgs = Organizations.of(records)
    assert orgs.active_rows(range(len(records)), day) == [
        i for i, r in enumerate(records) if r.active_on(day)
    ]


@given(
    records_lists,
    st.frozensets(st.sampled_from(OrganizationCategory)),
    st.frozensets(st.sampled_from(Registration)),
)
def test_counts_by_community_are_the_records_counted_one_by_one(
    records: list[SocialOrganization],
    categories: frozenset[OrganizationCategory],
    registrations: frozenset[Registration],
) -> None:
    expected: dict[str, int] = {}
    for r in records:
        if (not categories or r.category in categories) and (
            not registrations or r.registration in registrations
        ):
            expected[r.community] = expected.get(r.community, 0) + 1
    assert Organizations.of(records).counts_by_community(categories, registrations) == expected


@given(records_lists)
def test_columns_pickle_take_and_compare_as_their_records(
    records: list[SocialOrganization],
) -> None:
    orgs = Organizations.of(records)
    back = pickle.loads(pickle.dumps(orgs))
    assert back == orgs
    assert hash(back) == hash(orgs)
    assert list(back) == records
    chosen = list(range(len(records)))[::2]
    assert list(orgs.take(chosen)) == [records[i] for i in chosen]
    for name in ("id", "name", "community", "category", "registration", "established"):
        assert orgs.column(name) == [getattr(r, name) for r in records]
    assert orgs.column("dissolved") == [r.dissolved for r in records]


@given(records_lists)
def test_an_id_listed_twice_is_found_as_a_duplicate(records: list[SocialOrganization]) -> None:
    if not records:
        return
    twice = Organizations.of([*records, records[0]])
    assert twice.duplicates() == [records[0].id]
    assert Organizations.of(records).duplicates() == []


@given(directories())
def test_a_directory_holds_columns_equal_to_its_records(d: Directory) -> None:
    again = Directory(
        regions=d.regions,
        organizations=list(d.organizations),
    )
    assert again.organizations == d.organizations
    assert type(again.organizations) is Organizations
    assert Directory(regions=d.regions, organizations=d.organizations).organizations is (
        d.organizations
    )
    for org in d.organizations:
        assert d.organization(org.id) == org


def test_bad_records_and_indexes_are_refused_by_name() -> None:
    with pytest.raises(InvalidValue, match=r"^Directory\.organizations\[0\]: must be a Social"):
        Directory(organizations=["o-1"])
    with pytest.raises(InvalidValue, match=r"^Directory\.organizations: must be iterable"):
        Directory(organizations=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"^records: must be iterable"):
        Organizations.of("o-1")  # type: ignore[arg-type]
    orgs = Organizations.of([])
    with pytest.raises(NotFound, match=r"^index: no organization at index 0"):
        orgs[0]
    with pytest.raises(InvalidValue, match=r"^index: must be an int or a slice"):
        orgs["0"]  # type: ignore[call-overload]
    with pytest.raises(InvalidValue, match=r"^name: must be a field of SocialOrganization"):
        orgs.column("phone")
    with pytest.raises(InvalidValue, match=r"^value: is not one of these organizations"):
        orgs.index("o-1")
    with pytest.raises(
        InvalidValue, match=r"^categories: must be a member of OrganizationCategory \(got"
    ):
        orgs.counts_by_community(categories=["culture_sports"])  # type: ignore[list-item]
    with pytest.raises(InvalidValue, match=r"^registrations: must be a collection of Regis"):
        orgs.counts_by_community(registrations="filed")  # type: ignore[arg-type]
    for nothing in (None, "", 0):
        with pytest.raises(InvalidValue, match=r"^categories: must be a collection of Organ"):
            orgs.counts_by_community(categories=nothing)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"^communities: must be an iterable of codes"):
        orgs.community_numbers("150603001001")
    with pytest.raises(InvalidValue, match=r"^communities: must be a community code \(a str\)"):
        orgs.community_numbers([["150603001001"]])  # type: ignore[list-item]
    starts, _ = orgs.runs()
    with pytest.raises(TypeError):  # read-only views: the columns cannot be changed
        starts[0] = 1
    assert Organizations() == () == Organizations.of([])
    with pytest.raises(InvalidValue, match=r"^records: must be iterable"):
        Organizations(None)  # type: ignore[arg-type]


def _columns_of(records: list[SocialOrganization]) -> dict[str, list[object]]:
    return {
        "ids": [r.id for r in records],
        "names": [r.name for r in records],
        "communities": [r.community for r in records],
        "categories": [r.category for r in records],
        "registrations": [r.registration for r in records],
        "established": [r.established for r in records],
        "dissolved": [r.dissolved for r in records],
    }


@given(records_lists)
def test_columns_given_field_by_field_are_the_columns_of_the_records(
    records: list[SocialOrganization],
) -> None:
    given = _columns_of(records)
    orgs = Organizations.from_columns(**given)  # type: ignore[arg-type]
    assert orgs == Organizations.of(records)
    assert list(orgs) == records
    # Left out, none is dissolved.
    undissolved = [attrs.evolve(r, dissolved=None) for r in records]
    given = {k: v for k, v in _columns_of(undissolved).items() if k != "dissolved"}
    assert Organizations.from_columns(**given) == Organizations.of(undissolved)  # type: ignore[arg-type]


@pytest.mark.parametrize("rows", [1, 5, 4095, 4096, 4097, 8193])
def test_columns_without_dissolutions_have_none_a_row(rows: int) -> None:
    org = _an_organization()
    records = [attrs.evolve(org, id=f"o-{n}") for n in range(rows)]
    given = {k: v for k, v in _columns_of(records).items() if k != "dissolved"}
    # A str subclass makes each batch go through its records: none dissolved there too.
    given["names"] = [_Name(name) for name in given["names"]]
    orgs = Organizations.from_columns(**given)  # type: ignore[arg-type]
    assert orgs == Organizations.of(records)
    assert orgs.column("dissolved") == [None] * rows


class _Name(str):
    __slots__ = ()


def test_a_name_with_a_lone_surrogate_is_kept_as_the_record_keeps_it() -> None:
    org = attrs.evolve(_an_organization(), name="悦和\ud800")
    assert list(Organizations.of([org])) == [org]
    given = _columns_of([org])
    assert list(Organizations.from_columns(**given)) == [org]  # type: ignore[arg-type]
    assert Organizations.of([org]).column("name") == ["悦和\ud800"]


def _an_organization() -> SocialOrganization:
    return SocialOrganization(
        id="o-1",
        name="悦和互助会",
        community=RegionCode("150603001001"),
        category=OrganizationCategory.MUTUAL_AID,
        registration=Registration.FILED,
        established=dt.date(2023, 6, 1),
    )


# A bad value for each column, and the record field it stands for.
_BAD = {
    "ids": [" ", "x" * 65, 7],
    "names": ["", "名" * 201, None],
    "communities": ["150603001001", 150603001001],
    "categories": ["mutual_aid", Registration.FILED],
    "registrations": ["filed", OrganizationCategory.MUTUAL_AID],
    "established": [dt.datetime(2023, 1, 1), "2023-01-01", None],
    "dissolved": [dt.date(1900, 1, 1), dt.datetime(2030, 1, 1), "2030-01-01"],
}


@pytest.mark.parametrize(
    ("column", "bad"), [(c, b) for c, values in _BAD.items() for b in values], ids=repr
)
@given(records_lists.filter(bool), st.data())
def test_a_bad_value_is_refused_as_its_record_refuses_it_named_by_column_and_row(
    column: str, bad: object, records: list[SocialOrganization], data: st.DataObject
) -> None:
    from wulian_core._organization_rows import COLUMNS

    row = data.draw(st.integers(0, len(records) - 1))
    given = _columns_of(records)
    given[column][row] = bad
    with pytest.raises(InvalidValue) as expected:
        attrs.evolve(records[row], **{COLUMNS[column]: bad})
    with pytest.raises(InvalidValue) as refused:
        Organizations.from_columns(**given)  # type: ignore[arg-type]
    assert refused.value.field == f"{column}[{row}]"
    assert (refused.value.reason, refused.value.shown) == (
        expected.value.reason,
        expected.value.shown,
    )


def test_columns_of_other_lengths_or_not_sequences_are_refused_by_name() -> None:
    org = _an_organization()
    given = _columns_of([org])
    refused = {
        "names": ["甲", "乙"],  # one too many
        "ids": [],  # too few
        "established": [],
    }
    for column, values in refused.items():
        with pytest.raises(
            InvalidValue, match=rf"^{column}: must have one value a row, as the other columns"
        ):
            Organizations.from_columns(**{**given, column: values})  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"\(got at least 2 values, against 1 in the others\)$"):
        Organizations.from_columns(**{**given, "names": ["甲", "乙"]})  # type: ignore[arg-type]
    # Read a batch at a time: a generator is never held whole, and a short one is found.
    many = 5000
    rows = {k: (v * many) for k, v in given.items()}
    rows["ids"] = (f"o-{n}" for n in range(many))
    assert len(Organizations.from_columns(**rows)) == many  # type: ignore[arg-type]
    short = {**rows, "ids": [f"o-{n}" for n in range(many)], "names": iter(["甲"] * 4096)}
    with pytest.raises(
        InvalidValue, match=r"^names: .*\(got 4096 values, against at least 5000 in the others\)$"
    ):
        Organizations.from_columns(**short)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"^ids: must be an iterable of values, one a row"):
        Organizations.from_columns(**{**given, "ids": "o-1"})  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"^established: must be an iterable of values"):
        Organizations.from_columns(**{**given, "established": None})  # type: ignore[arg-type]
    assert Organizations.from_columns(**{k: iter(v) for k, v in given.items()}) == (org,)  # type: ignore[arg-type]

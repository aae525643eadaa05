"""Targets: reports, roll-ups, merging, policy files and kinds of your own."""

from __future__ import annotations

import datetime as dt
import pickle
from fractions import Fraction
from typing import ClassVar

import pytest
from attrs import frozen

from wulian_core import (
    Activity,
    DecodeError,
    Directory,
    InvalidValue,
    NotFound,
    Person,
    Region,
    RegionCode,
    ServiceArea,
    SettlementKind,
    SocialWorker,
    TownshipKind,
    Volunteer,
    codec,
    policies,
    synth,
)
from wulian_core.model import Certification, Grid
from wulian_core.regions import RegionLevel
from wulian_core.rules import (
    DEFAULT_KINDS,
    Context,
    Measurement,
    Share,
    Status,
    Subjects,
    Target,
    TargetSet,
    evaluate,
    progress,
)

AS_OF = dt.date(2023, 12, 31)
PLAN = policies.load("shaanxi-2022")
TOWNSHIP = RegionCode("610102001")
COMMUNITIES = [RegionCode(f"610102001{n:03d}") for n in range(1, 6)]


def five_communities(joint_in: int) -> Directory:
    """A pilot township of five urban communities, ``joint_in`` of them with a joint activity."""
    regions = [
        Region(code=RegionCode("61"), name="陕西省"),
        Region(code=RegionCode("6101"), name="西安市"),
        Region(code=RegionCode("610102"), name="新城区"),
        Region(code=TOWNSHIP, name="街道", township_kind=TownshipKind.STREET, tags={"pilot"}),
        *(
            Region(code=c, name=f"社区{n}", settlement=SettlementKind.URBAN)
            for n, c in enumerate(COMMUNITIES)
        ),
    ]
    activities = [
        Activity(
            id=f"a-{n}",
            community=c,
            on=dt.date(2023, 5, 1),
            title="活动",
            area=ServiceArea.CHILD_WELFARE,
            social_workers={"sw"},
            volunteers={"v"},
        )
        for n, c in enumerate(COMMUNITIES[:joint_in])
    ]
    return Directory(
        regions=regions,
        persons=[Person(id="sw", name="社工"), Person(id="v", name="志愿者")],
        social_workers=[SocialWorker(person="sw", certification=Certification.NONE, since=AS_OF)],
        volunteers=[Volunteer(person="v", registered_on=AS_OF)],
        activities=activities,
    )


# -- roll-ups ----------------------------------------------------------------------------


def test_widely_means_at_least_four_in_five_communities_by_default() -> None:
    four = evaluate(PLAN, five_communities(4), as_of=AS_OF)
    three = evaluate(PLAN, five_communities(3), as_of=AS_OF)

    (up_four,) = four.rollups(level=RegionLevel.TOWNSHIP, target="joint-activity")
    (up_three,) = three.rollups(level=RegionLevel.TOWNSHIP, target="joint-activity")

    assert (up_four.met, up_four.subjects, up_four.share_met) == (4, 5, Fraction(4, 5))
    assert up_four.status is Status.MET
    assert (up_three.status, up_three.shortfall) == (Status.NOT_MET, 1)


def test_without_a_rollup_share_a_region_meets_a_target_only_when_every_subject_does() -> None:
    report = evaluate(PLAN, five_communities(5), as_of=AS_OF)

    (up,) = report.rollups(level=RegionLevel.TOWNSHIP, target="regular-activity")

    assert (up.required, up.met, up.status) == (Share(1, 1), 0, Status.NOT_MET)


def test_the_widely_parameter_changes_the_rollup_not_the_findings() -> None:
    plan = PLAN.with_parameters(widely="3/5")

    report = evaluate(plan, five_communities(3), as_of=AS_OF)

    assert report.rollups(level=RegionLevel.CITY, target="joint-activity")[0].status is Status.MET
    assert len(report.gaps(target="joint-activity")) == 2


def test_rollups_count_every_subject_below_each_region() -> None:
    report = evaluate(PLAN, synth.kangbashi(), as_of=AS_OF)

    for up in report.rollups():
        inside = [
            f for f in report.findings if f.target == up.target and f.subject.startswith(up.region)
        ]
        assert up.subjects == len(inside)
        assert up.met == sum(f.status is Status.MET for f in inside)


# -- Kangbashi, from the article's figures ------------------------------------------------


def test_kangbashis_19_urban_communities_are_each_held_to_ten_organizations() -> None:
    report = evaluate(PLAN, synth.kangbashi(), as_of=AS_OF)

    (total,) = [t for t in report.totals() if t.target == "urban-organizations"]
    (district,) = report.rollups(level=RegionLevel.COUNTY, target="urban-organizations")

    assert total.subjects == 19
    assert (district.name, district.subjects) == ("康巴什区", 19)
    assert len(report.rollups(level=RegionLevel.TOWNSHIP, target="urban-organizations")) == 4


# -- records, HTML, gaps ------------------------------------------------------------------


def test_records_are_plain_dicts_with_exact_shares() -> None:
    report = evaluate(PLAN, synth.kangbashi(), as_of=AS_OF)

    rows = report.to_records()
    mix = [r for r in rows if r["target"] == "organization-mix"]

    assert len(rows) == len(report)
    assert all(type(r) is dict for r in rows)
    assert all(isinstance(r["measured"], Fraction) for r in mix)
    assert {r["required"] for r in mix} == {Fraction(1, 2)}
    assert report.to_records(rollups=True)[0]["region_level"] in (
        "province",
        "city",
        "county",
        "township",
    )


def test_the_html_escapes_every_name() -> None:
    d = five_communities(0)
    hostile = Region(
        code=COMMUNITIES[0], name="<script>alert(1)</script>", settlement=SettlementKind.URBAN
    )
    d = Directory(
        regions=[hostile if r.code == hostile.code else r for r in d.regions],
        persons=d.persons,
        social_workers=d.social_workers,
        volunteers=d.volunteers,
    )

    html = evaluate(PLAN, d, as_of=AS_OF)._repr_html_()

    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_gaps_are_the_findings_not_met_narrowed_by_target_and_region() -> None:
    report = evaluate(PLAN, synth.kangbashi(), as_of=AS_OF)

    gaps = report.gaps(within=synth.YUEHE)

    assert all(g.status is not Status.MET and g.subject == synth.YUEHE for g in gaps)
    assert all(g.shortfall_zh and g.shortfall_en for g in report.gaps())
    with pytest.raises(NotFound):
        report.gaps(target="no-such-target")


# -- merging ------------------------------------------------------------------------------


def test_reports_of_two_townships_merge_into_the_report_of_both() -> None:
    d = synth.kangbashi()
    whole = evaluate(PLAN, d, as_of=AS_OF, within=synth.KANGBASHI)
    streets = [RegionCode(f"150603{n:03d}") for n in range(1, 5)]

    parts = [evaluate(PLAN, d, as_of=AS_OF, within=s) for s in streets]

    assert parts[0].merge(*parts[1:]) == whole.within(streets[0]).merge(
        *(whole.within(s) for s in streets[1:])
    )
    merged = parts[0].merge(*parts[1:])
    assert merged.rollups(level=RegionLevel.COUNTY) == whole.rollups(level=RegionLevel.COUNTY)
    assert len(merged) == len(whole) - 1  # the district's own county-station finding


def test_overlapping_reports_or_other_dates_do_not_merge() -> None:
    d = synth.kangbashi()
    report = evaluate(PLAN, d, as_of=AS_OF)

    with pytest.raises(InvalidValue, match="only reports of disjoint regions merge"):
        report.merge(report)
    with pytest.raises(InvalidValue, match="another date"):
        report.merge(evaluate(PLAN, d, as_of=dt.date(2023, 6, 30)))


def test_progress_evaluates_each_date() -> None:
    dates = [dt.date(2022, 6, 30), dt.date(2022, 12, 31), AS_OF]

    run = progress(PLAN, synth.kangbashi(), dates)

    assert run.dates == tuple(dates)
    rows = [r for r in run.to_records() if r["target"] == "urban-organizations"]
    assert [r["as_of"] for r in rows] == dates
    assert all(0 <= r["share_met"] <= 1 for r in rows)


# -- policy files -----------------------------------------------------------------------

HEADER = 'name = "mine"\ntitle_zh = "我的方案"\ntitle_en = "Mine"\n'


def test_a_policy_file_reports_every_bad_field_at_once() -> None:
    text = HEADER + (
        '[[targets]]\nkind = "organization_share"\nid = "mix"\ntitle_zh = "x"\ntitle_en = "x"\n'
        'subjects = { level = "community" }\npart = { categories = ["sports"] }\n'
        "threshold = 0.5\napplies_from = 2024-01-01\ncolour = 3\n"
        '[[targets]]\nkind = "frequency"\n'
    )

    with pytest.raises(DecodeError) as caught:
        policies.load(text)

    paths = [path for path, _ in caught.value.problems]
    assert "targets[0].threshold" in paths
    assert "targets[0].part.categories[0]" in paths or "targets[0].part.categories" in paths
    assert "targets[0].colour" in paths
    assert "targets[1].kind" in paths
    assert "never a float" in str(caught.value)
    assert "unknown kind 'frequency'; expected one of charity_presence" in str(caught.value)


def test_not_toml_is_a_decode_error_and_an_unknown_name_an_invalid_value() -> None:
    with pytest.raises(DecodeError, match="not valid TOML"):
        policies.load("name = ")
    with pytest.raises(InvalidValue, match="bundled: shaanxi-2022"):
        policies.load("shaanxi-2099")


def test_the_bundled_plan_round_trips_through_the_codec() -> None:
    data = codec.to_dict(PLAN)

    assert codec.from_dict(TargetSet, data) == PLAN
    assert codec.from_json(TargetSet, codec.to_json(PLAN)) == PLAN
    assert data["targets"][9]["threshold"] == {"numerator": 1, "denominator": 2}


def test_an_unknown_parameter_names_the_known_ones() -> None:
    with pytest.raises(InvalidValue, match="expected one of activity_months, charity_funds"):
        PLAN.with_parameters(often=2)
    with pytest.raises(InvalidValue, match="must not exceed the window"):
        PLAN.with_parameters(activity_months=6)
    assert (
        PLAN.with_parameters(activity_months=6, regular_months=6).target("regular-activity").months
        == 6
    )


# -- kinds of your own ----------------------------------------------------------------------


@frozen(kw_only=True)
class GridCount(Target):
    kind: ClassVar[str] = "example.grid_count"
    unit_zh: ClassVar[str] = "个网格"
    unit_en: ClassVar[str] = "grid"
    threshold: int = 1


def count_grids(target: GridCount, subject: Region, context: Context) -> Measurement:
    return Measurement(numerator=len(context.directory.grids_of(subject.code)))


MINE = DEFAULT_KINDS.with_kind(GridCount, count_grids)
GRID_POLICY = HEADER + (
    '[[targets]]\nkind = "example.grid_count"\nid = "grids"\ntitle_zh = "划分网格"\n'
    'title_en = "Grids drawn"\nsubjects = { level = "community" }\nthreshold = 2\n'
    "applies_from = 2024-01-01\n"
)


def test_a_kind_of_your_own_loads_from_toml_and_evaluates() -> None:
    plan = policies.load(GRID_POLICY, kinds=MINE)
    d = five_communities(0)
    d = Directory(
        regions=d.regions,
        grids=[
            Grid(id="g-1", community=COMMUNITIES[0], name="一网格"),
            Grid(id="g-2", community=COMMUNITIES[0], name="二网格"),
        ],
    )

    report = evaluate(plan, d, as_of=dt.date(2024, 3, 1), kinds=MINE)

    assert report.finding(COMMUNITIES[0], "grids").status is Status.MET
    short = report.finding(COMMUNITIES[1], "grids")
    assert (short.shortfall, short.shortfall_en, short.shortfall_zh) == (
        2,
        "needs 2 more grids",
        "还需增加2个网格",
    )


def test_the_default_kinds_stay_as_they_were() -> None:
    assert "example.grid_count" not in DEFAULT_KINDS
    with pytest.raises(DecodeError, match="unknown kind 'example.grid_count'"):
        policies.load(GRID_POLICY)
    plan = policies.load(GRID_POLICY, kinds=MINE)
    with pytest.raises(NotFound, match="GridCount"):
        evaluate(plan, five_communities(0), as_of=dt.date(2024, 3, 1))


def test_a_kind_tag_cannot_be_registered_twice() -> None:
    with pytest.raises(InvalidValue, match="already registered for GridCount"):
        MINE.with_kind(GridCount, count_grids)


def test_a_measure_that_returns_something_else_is_refused() -> None:
    kinds = DEFAULT_KINDS.with_kind(GridCount, lambda t, s, c: 3)
    plan = TargetSet(
        name="x",
        title_zh="x",
        title_en="x",
        targets=[
            GridCount(
                id="g",
                title_zh="网格",
                title_en="Grids",
                subjects=Subjects(level=RegionLevel.COMMUNITY),
                applies_from=dt.date(2024, 1, 1),
            )
        ],
    )

    with pytest.raises(InvalidValue, match="must return a Measurement"):
        evaluate(plan, five_communities(0), as_of=dt.date(2024, 3, 1), kinds=kinds)


def test_a_report_pickles_so_parts_can_come_back_from_worker_processes() -> None:
    report = evaluate(PLAN, synth.kangbashi(), as_of=AS_OF, within=synth.KANGBASHI)

    back = pickle.loads(pickle.dumps(report))

    assert back == report
    assert back.gaps() == report.gaps()

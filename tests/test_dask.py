"""Targets on a Dask cluster of two worker processes: the report of one process."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from wulian_core import policies, synth
from wulian_core.dask import CountyFiles, CountyParts, evaluate_loaded, evaluate_partitioned
from wulian_core.directory import Directory
from wulian_core.errors import InvalidValue, MissingExtra
from wulian_core.rules import evaluate

AS_OF = dt.date(2023, 12, 31)


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _staffed_province(seed: int) -> Directory:
    """A small province with staffed pilot stations and activities: every target has subjects."""
    return synth.province(
        seed=seed,
        townships=40,
        communities=400,
        organizations=3_000,
        pilot_counties=6,
        staffed=True,
        activities_per_community=4,
    )


@pytest.mark.parametrize("plan", ["shaanxi-2022", "shaanxi-2024"])
def test_a_province_evaluated_county_by_county_on_two_workers_is_the_one_process_report(
    client: Client, plan: str
) -> None:
    targets = policies.load(plan)
    province = _staffed_province(seed=3)

    for parts in (None, 5):
        report = evaluate_partitioned(targets, province, as_of=AS_OF, client=client, parts=parts)
        assert report == evaluate(targets, province, as_of=AS_OF)


def test_parts_kept_on_the_workers_evaluate_on_any_date(client: Client) -> None:
    targets = policies.load("shaanxi-2022")
    province = synth.province(
        seed=4, townships=30, communities=300, organizations=2_000, activities_per_community=3
    )

    parts = CountyParts.scatter(province, client, parts=3)

    for day in (dt.date(2022, 6, 30), AS_OF, dt.date(2024, 12, 31)):
        assert parts.evaluate(targets, as_of=day) == evaluate(targets, province, as_of=day)


@pytest.mark.parametrize("plan", ["shaanxi-2022", "shaanxi-2024"])
def test_counties_the_workers_load_from_files_give_the_one_process_report(
    client: Client, plan: str, tmp_path: Path
) -> None:
    targets = policies.load(plan)
    province = _staffed_province(seed=5)
    files = CountyFiles.write(province, tmp_path)
    counties = files.counties()
    assert len(counties) > 2  # several runs, several counties a run

    for parts in (None, 3):
        report = evaluate_loaded(
            targets, counties, files, as_of=AS_OF, client=client, above=files.above(), parts=parts
        )
        assert report == evaluate(targets, province, as_of=AS_OF)


def test_without_the_regions_above_the_counties_a_plan_with_city_targets_is_refused(
    client: Client, tmp_path: Path
) -> None:
    files = CountyFiles.write(synth.kangbashi(), tmp_path)

    with pytest.raises(InvalidValue, match="above: must be given: city-mechanism"):
        evaluate_loaded(
            policies.load("shaanxi-2022"), files.counties(), files, as_of=AS_OF, client=client
        )


@pytest.mark.parametrize(
    ("counties", "load", "message"),
    [
        (["150603", "150603"], CountyFiles("."), "counties: names these counties twice"),
        (["1506"], CountyFiles("."), "counties: must be a county's code"),
        ([], CountyFiles("."), "counties: must name at least one county"),
        (["150603"], "folder", "load: must be a callable"),
    ],
)
def test_bad_counties_or_loaders_are_refused_naming_them(
    client: Client, counties: list[str], load: object, message: str
) -> None:
    with pytest.raises(InvalidValue, match=message):
        evaluate_loaded(
            policies.load("shaanxi-2022"),
            counties,
            load,  # type: ignore[arg-type]
            as_of=AS_OF,
            client=client,
            above=synth.kangbashi(),
        )


def test_a_bad_part_count_is_refused_naming_it(client: Client) -> None:
    with pytest.raises(InvalidValue, match="parts"):
        evaluate_partitioned(
            policies.load("shaanxi-2022"), synth.kangbashi(), as_of=AS_OF, client=client, parts=0
        )


def test_without_dask_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # what an absent package raises

    with pytest.raises(MissingExtra, match=r"wulian-core\[dask\]"):
        evaluate_partitioned(
            policies.load("shaanxi-2022"), synth.kangbashi(), as_of=AS_OF, client=None
        )

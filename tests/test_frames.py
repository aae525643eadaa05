"""Every ``to_frame()``: the dtypes an analyst expects, and a clear error without pandas."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wulian_core import policies, synth
from wulian_core.directory import Directory
from wulian_core.examples import case_at_agency, passbook_example
from wulian_core.people import Person, PhoneNumber
from wulian_core.points import Ledger
from wulian_core.rules import evaluate, progress

PLAN = policies.load("shaanxi-2022")
AS_OF = dt.date(2023, 12, 31)


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return evaluate(PLAN, synth.kangbashi(), as_of=AS_OF)


def _no_mixed_objects(df: pd.DataFrame) -> None:
    for name in df.columns:
        assert df[name].dtype != object, f"{name} is an object column"


def test_report_frame_types_dates_shares_and_statuses(report) -> None:  # type: ignore[no-untyped-def]
    df = report.to_frame()

    assert len(df) == len(report)
    assert pd.api.types.is_datetime64_dtype(df["as_of"])
    assert pd.api.types.is_datetime64_dtype(df["due_by"])
    assert df["measured"].dtype == "float64"
    assert df["denominator"].dtype == "Int64"
    assert df["numerator"].dtype == "int64"
    assert isinstance(df["status"].dtype, pd.CategoricalDtype)
    assert df["status"].cat.categories.tolist() == ["met", "not_met", "undefined"]
    assert set(df["status_zh"]) <= {"达标", "未达标", "无法评价"}
    assert set(df["region_level"]) <= {"province", "city", "county", "township", "community"}
    _no_mixed_objects(df)


def test_report_frame_keeps_shares_exact_in_integer_columns(report) -> None:  # type: ignore[no-untyped-def]
    df = report.to_frame()
    mix = df[df["target"] == "organization-mix"]

    assert (mix["required_numerator"] == 1).all() and (mix["required_denominator"] == 2).all()
    assert (mix["required"] == 0.5).all()
    for _, row in mix.iterrows():
        exact = Fraction(int(row["numerator"]), int(row["denominator"]))
        assert row["measured"] == float(exact)


def test_rollup_frame_names_region_level_and_has_exact_share(report) -> None:  # type: ignore[no-untyped-def]
    df = report.to_frame(rollups=True)

    assert "region_level" in df.columns and "level" not in df.columns
    assert df["share_met_numerator"].dtype == "int64"
    _no_mixed_objects(df)


def test_case_frame_has_aware_instants_and_escalation_levels() -> None:
    df = case_at_agency()[0].to_frame()

    assert str(df["at"].dt.tz) == "Asia/Shanghai"
    assert df["escalation_level"].cat.categories.tolist() == [
        "liaison",
        "grid",
        "community",
        "agency",
    ]
    assert df["escalation_level_zh"].iloc[0] == "睦邻党群联络员"
    _no_mixed_objects(df)


def test_statement_frame_has_aware_instants_and_integer_amounts() -> None:
    book, worker, _, at = passbook_example()
    book.record_service(activity="a-1", on=at.date(), minutes=60, by=worker, at=at, key="k-1")

    df = book.statement(Ledger.MATERIAL, start=at.date(), end=at.date()).to_frame()

    assert str(df["at"].dt.tz) == "Asia/Shanghai"
    assert df["amount"].dtype == "int64" and df["balance"].tolist() == [1]
    assert isinstance(df["counterparty_role"].dtype, pd.CategoricalDtype)
    _no_mixed_objects(df)


def test_directory_frames_have_no_object_columns() -> None:
    directory = synth.kangbashi()
    for kind in ("regions", "organizations", "persons", "residents", "posts", "activities"):
        _no_mixed_objects(directory.to_frame(kind))


def test_directory_frame_never_shows_a_whole_phone_number() -> None:
    directory = Directory(persons=[Person(id="p-1", name="王芳", phone=PhoneNumber("13800138000"))])

    text = directory.to_frame("persons").to_csv()

    assert "138****8000" in text
    assert "13800138000" not in text


def test_progress_frame_has_dates_and_exact_shares() -> None:
    run = progress(PLAN, synth.kangbashi(), [dt.date(2022, 12, 31), AS_OF])
    df = run.to_frame()

    assert pd.api.types.is_datetime64_dtype(df["as_of"])
    assert isinstance(df["status"].dtype, pd.CategoricalDtype)
    _no_mixed_objects(df)


@given(
    st.lists(
        st.fractions(min_value=0, max_value=1, max_denominator=10**9) | st.integers(0, 9),
        max_size=8,
    )
)
def test_a_share_column_round_trips_to_the_exact_fraction(values: list[Fraction | int]) -> None:
    from wulian_core._frames import frame

    df = frame([{"x": v} for v in values], columns=["x"], feature="test", kinds={"x": "share"})

    back = [
        Fraction(int(n), int(d))
        for n, d in zip(df["x_numerator"], df["x_denominator"], strict=True)
    ]
    assert back == [Fraction(v) for v in values]


def test_without_pandas_to_frame_names_the_extra() -> None:
    script = (
        "import sys; sys.modules['pandas'] = None\n"
        "import datetime as dt\n"
        "from wulian_core import policies, synth\n"
        "from wulian_core.errors import MissingExtra\n"
        "from wulian_core.rules import evaluate\n"
        "r = evaluate(policies.load('shaanxi-2022'), synth.kangbashi(), as_of=dt.date(2023,12,31))\n"
        "try:\n"
        "    r.to_frame()\n"
        "except MissingExtra as e:\n"
        "    print(e)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )

    assert done.stdout.strip() == "Report.to_frame needs pandas: pip install 'wulian-core[pandas]'"


def test_import_wulian_core_does_not_import_pandas() -> None:
    script = (
        "import sys, wulian_core, wulian_core.rules, wulian_core.directory\n"
        "print('pandas' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )

    assert done.stdout.strip() == "False"

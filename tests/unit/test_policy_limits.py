"""Policy files refuse values that switch a rule off or contradict it, naming the path;
and a points policy file can say "no cap" for each cap."""

from __future__ import annotations

import pytest

from wulian_core import codec, policies
from wulian_core.errors import DecodeError, InvalidValue
from wulian_core.points import Period, PointsPolicy, RedemptionRule, ServiceRule

BASE = """
name = "悦和社区积分办法"

[service]
{service}

[[activities]]
kind = "meeting"
label_zh = "参加村务会议"
points = 2
{activity}

[[moral]]
category = "filial_piety"
label_zh = "孝老爱亲"
points = 3
deduction = 5
{moral}

[redemption]
period = "{period}"
{redemption}
"""


def policy_file(
    *,
    service: str = "",
    activity: str = "",
    moral: str = "",
    redemption: str = "",
    period: str = "quarter",
) -> str:
    return BASE.format(
        service=service, activity=activity, moral=moral, redemption=redemption, period=period
    )


def problems_of(text: str) -> dict[str, str]:
    with pytest.raises(DecodeError) as info:
        codec.from_toml(PointsPolicy, text)
    return dict(info.value.problems)


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (policy_file(redemption="open_days = 0"), "redemption.open_days"),
        (policy_file(redemption="max_per_period = 0"), "redemption.max_per_period"),
        (policy_file(service="max_minutes_per_activity = 0"), "service.max_minutes_per_activity"),
        (policy_file(service="max_minutes_per_day = 0"), "service.max_minutes_per_day"),
        (policy_file(service="max_minutes_per_period = 0"), "service.max_minutes_per_period"),
        (policy_file(activity="max_points_per_period = 0"), "activities[0].max_points_per_period"),
        (policy_file(moral="max_points_per_period = 0"), "moral[0].max_points_per_period"),
    ],
)
def test_a_zero_cap_is_refused_with_its_path(text: str, path: str) -> None:
    found = problems_of(text)

    assert path in found, found
    assert "must be >= 1" in found[path] and '"none"' in found[path]


@pytest.mark.parametrize(("period", "longest"), [("month", 28), ("quarter", 90), ("year", 365)])
def test_a_window_longer_than_its_period_is_refused(period: str, longest: int) -> None:
    fits = codec.from_toml(
        PointsPolicy, policy_file(period=period, redemption=f"open_days = {longest}")
    )
    assert fits.redemption.open_days == longest

    found = problems_of(policy_file(period=period, redemption=f"open_days = {longest + 1}"))

    assert f"at most {longest} in a {period} period" in found["redemption.open_days"]


def test_forty_open_days_in_a_month_are_refused() -> None:
    found = problems_of(policy_file(period="month", redemption="open_days = 40"))

    assert found["redemption.open_days"].endswith("(got 40)")


def test_the_same_limits_hold_in_python() -> None:
    with pytest.raises(InvalidValue, match=r"RedemptionRule\.open_days"):
        RedemptionRule(period=Period.MONTH, open_days=40)
    with pytest.raises(InvalidValue, match=r"RedemptionRule\.max_per_period"):
        RedemptionRule(period=Period.MONTH, max_per_period=0)
    with pytest.raises(InvalidValue, match=r"ServiceRule\.max_minutes_per_day"):
        ServiceRule(max_minutes_per_day=0)


# --- "no cap" -------------------------------------------------------------------------------


def test_a_cap_left_out_keeps_its_default() -> None:
    policy = codec.from_toml(PointsPolicy, policy_file())

    assert policy.service.max_minutes_per_activity == 120
    assert policy.service.max_minutes_per_day == 480
    assert policy.service.max_minutes_per_period is None


@pytest.mark.parametrize(
    "name", ["max_minutes_per_activity", "max_minutes_per_day", "max_minutes_per_period"]
)
def test_each_service_cap_can_say_none(name: str) -> None:
    policy = codec.from_toml(PointsPolicy, policy_file(service=f'{name} = "none"'))

    assert getattr(policy.service, name) is None
    rest = {n: getattr(policy.service, n) for n in ServiceRule.CAPS if n != name}
    assert rest == {n: getattr(ServiceRule(), n) for n in rest}
    assert codec.from_json(PointsPolicy, codec.to_json(policy)) == policy


def test_with_no_caps_a_long_service_is_credited_whole() -> None:
    service = "\n".join(f'{name} = "none"' for name in ServiceRule.CAPS)
    policy = codec.from_toml(PointsPolicy, policy_file(service=service))

    assert policy.service.credit(600, day_so_far=0, period_so_far=0) == (600, 10)


def test_the_activity_and_moral_caps_can_say_none() -> None:
    capped = codec.from_toml(
        PointsPolicy,
        policy_file(activity="max_points_per_period = 6", moral="max_points_per_period = 9"),
    )
    uncapped = codec.from_toml(
        PointsPolicy,
        policy_file(
            activity='max_points_per_period = "none"', moral='max_points_per_period = "none"'
        ),
    )

    assert (capped.activities[0].max_points_per_period, capped.moral[0].max_points_per_period) == (
        6,
        9,
    )
    assert uncapped.activities[0].max_points_per_period is None
    assert uncapped.moral[0].max_points_per_period is None


@pytest.mark.parametrize("name", ["open_days", "max_per_period"])
def test_the_redemption_limits_can_say_none(name: str) -> None:
    policy = codec.from_toml(PointsPolicy, policy_file(redemption=f'{name} = "none"'))

    assert getattr(policy.redemption, name) is None
    assert policy.redemption.period is Period.QUARTER


def test_none_is_a_cap_word_only() -> None:
    found = problems_of(policy_file(service='points_per_hour = "none"'))

    assert "service.points_per_hour" in found


# --- target sets: dates are TOML dates -------------------------------------------------------


def test_a_quoted_date_in_a_target_set_is_refused_with_its_path() -> None:
    text = policies._bundled_texts()["shaanxi-2022"]
    quoted = text.replace("due_by = 2023-12-31", 'due_by = "2023-12-31"', 1)
    assert quoted != text

    with pytest.raises(DecodeError) as info:
        policies.load(quoted)

    found = dict(info.value.problems)
    assert found == {
        "targets[0].due_by": "must be a TOML date, written unquoted (got '2023-12-31')"
    }


def test_an_unquoted_date_loads() -> None:
    targets = policies.load(policies._bundled_texts()["shaanxi-2022"])

    assert targets.targets[0].due_by is not None

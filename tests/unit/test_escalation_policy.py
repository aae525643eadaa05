"""The escalation policy as data: presets, TOML files, what a bad file tells its author.

Also: every case event round-trips through the codec's JSON.
"""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from wulian_core import codec
from wulian_core.calendar import SHANGHAI, ChinaCalendar, TimeLimit, YearNotice
from wulian_core.errors import DecodeError, IntegrityError, InvalidValue
from wulian_core.escalation import (
    CASE_EVENTS,
    WIRE_UNIONS,
    Case,
    CaseCategory,
    CaseChannel,
    CaseEvent,
    CaseResult,
    ClockStart,
    EscalationLevel,
    EscalationPolicy,
    EscalationPolicyError,
    Intake,
    LevelRole,
    Satisfaction,
    sweep,
)
from wulian_core.examples import case_across_the_notice, case_transferred
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.regions import RegionCode

SEVEN_DAYS_TOML = """
name = "四级七天"
warn_before = { amount = 1, unit = "working_days" }
auto_escalate = true
reopens_to_escalate = 2

[[levels]]
id = "liaison"
label_zh = "睦邻党群联络员"
role = "liaison"
accept = { amount = 1, unit = "working_days" }
resolve = { amount = 1, unit = "working_days" }
escalates_to = "grid"

[[levels]]
id = "grid"
label_zh = "网格员"
role = "grid_team"
accept = { amount = 1, unit = "working_days" }
resolve = { amount = 2, unit = "working_days" }
escalates_to = "community"

[[levels]]
id = "community"
label_zh = "社区书记"
role = "community_secretary"
accept = { amount = 1, unit = "working_days" }
resolve = { amount = 2, unit = "working_days" }
escalates_to = "agency"

[[levels]]
id = "agency"
label_zh = "专门机构"
role = "agency_staff"
accept = { amount = 1, unit = "working_days" }
resolve = { amount = 2, unit = "working_days" }

[[intakes]]
channel = "in_person"
level = "liaison"

[[intakes]]
channel = "platform"
level = "grid"

[[intakes]]
channel = "grid_patrol"
level = "grid"

[[intakes]]
channel = "hotline"
level = "grid"
"""


def _paths(err: DecodeError) -> list[str]:
    """The path of each problem, whether the codec puts it in the path or the message."""
    found = []
    for path, message in err.problems:
        found.append(path if path else message.split(": ", 1)[0])
    return found


def test_the_four_levels_seven_days_preset_loads_from_toml() -> None:
    policy = codec.from_toml(EscalationPolicy, SEVEN_DAYS_TOML)

    assert policy == EscalationPolicy.four_levels_seven_days()
    assert sum(level.resolve.amount for level in policy.levels) == 7
    assert policy.entry_level(CaseChannel.HOTLINE).role is LevelRole.GRID_TEAM


def test_the_kangbashi_preset_has_a_12345_style_agency_level() -> None:
    top = EscalationPolicy.kangbashi().levels[-1]

    assert (top.accept, top.resolve) == (TimeLimit.working_days(1), TimeLimit.working_days(5))
    assert top.resolve_from is ClockStart.ACCEPTANCE
    assert top.extension_limit == TimeLimit.working_days(10)
    assert top.return_within == TimeLimit.working_days(2)


def test_a_policy_round_trips_through_json() -> None:
    policy = EscalationPolicy.kangbashi()

    assert codec.from_json(EscalationPolicy, codec.to_json(policy)) == policy


def test_a_bad_graph_names_the_path_of_every_problem() -> None:
    text = SEVEN_DAYS_TOML.replace('escalates_to = "grid"\n', "", 1)  # liaison: a dead end
    text = text.replace('escalates_to = "agency"', 'escalates_to = "grid"')  # climbs back down
    text = text.replace(
        'channel = "hotline"\nlevel = "grid"', 'channel = "platform"\nlevel = "street"'
    )

    with pytest.raises(DecodeError) as caught:
        codec.from_toml(EscalationPolicy, text)

    assert _paths(caught.value) == [
        "intakes[3].channel",
        "intakes[3].level",
        "levels[0].escalates_to",
        "levels[1]",
        "levels[3]",
    ]
    message = str(caught.value)
    assert "names no level 'street'" in message
    assert "a dead end" in message
    # grid → community → grid: platform cases never reach the agency.
    assert "never reach the top 'agency': a cycle without a way out" in message
    assert "level 'agency' is unreachable" in message


def test_bad_values_in_a_policy_file_name_their_fields() -> None:
    text = SEVEN_DAYS_TOML.replace(
        'resolve = { amount = 2, unit = "working_days" }',
        'resolve = { amount = 0, unit = "working_days" }',
        1,
    )
    text = text.replace('role = "liaison"', 'role = "volunteer"')
    text = text.replace('[[intakes]]\nchannel = "in_person"', '[[intakes]]\nchannel = "wechat"')

    with pytest.raises(DecodeError) as caught:
        codec.from_toml(EscalationPolicy, text)

    assert _paths(caught.value) == [
        "levels[0].role",
        "levels[1].resolve.amount",
        "intakes[0].channel",
    ]
    assert "must be a whole number from 1 to 10000 (got 0)" in str(caught.value)


def test_a_bad_policy_built_in_python_lists_every_problem_with_its_path() -> None:
    seven = EscalationPolicy.four_levels_seven_days()
    repeated = (*seven.levels, seven.levels[0])

    with pytest.raises(EscalationPolicyError) as caught:
        EscalationPolicy(
            name="x",
            levels=repeated,
            intakes=(Intake(channel=CaseChannel.IN_PERSON, level="liaison"),),
        )

    assert [path for path, _ in caught.value.located] == [
        "levels[4].id",
        "levels[4].escalates_to",
        "levels[3].escalates_to",
    ]
    assert isinstance(caught.value, IntegrityError)
    assert pickle.loads(pickle.dumps(caught.value)).located == caught.value.located


def test_a_policy_needs_levels_intakes_and_a_sensible_reopen_count() -> None:
    with pytest.raises(EscalationPolicyError, match="at least one level"):
        EscalationPolicy(name="x", levels=(), intakes=())
    with pytest.raises(InvalidValue, match="EscalationPolicy.reopens_to_escalate"):
        EscalationPolicy(
            name="x",
            levels=EscalationPolicy.kangbashi().levels,
            intakes=EscalationPolicy.kangbashi().intakes,
            reopens_to_escalate=0,
        )
    with pytest.raises(InvalidValue, match="EscalationLevel.accept"):
        EscalationLevel(
            id="x", label_zh="x", role=LevelRole.LIAISON, accept=1, resolve=TimeLimit.hours(1)
        )  # type: ignore[arg-type]


def test_a_channel_the_policy_does_not_take_is_refused_when_opening() -> None:
    seven = EscalationPolicy.four_levels_seven_days()
    walk_in_only = EscalationPolicy(name="x", levels=seven.levels, intakes=seven.intakes[:1])

    with pytest.raises(InvalidValue, match="takes no cases through it"):
        walk_in_only.entry_level(CaseChannel.HOTLINE)


def test_the_chain_draws_as_mermaid_with_intakes_clocks_escalations_and_supervision() -> None:
    policy = EscalationPolicy.kangbashi()

    diagram = policy.to_mermaid()

    assert diagram.splitlines()[0] == "flowchart LR"
    assert 'C1(["平台上报"]) --> L1' in diagram
    assert "办结 5个工作日（签收后）" in diagram
    assert "L2 -- 上报 --> L3" in diagram
    assert "L3 -- 转办 --> L3" in diagram
    assert '督办"}}' in diagram
    assert policy._repr_markdown_().count("```") == 2


def test_a_label_with_quotes_does_not_break_the_diagram() -> None:
    seven = EscalationPolicy.four_levels_seven_days()
    level = seven.levels[0]
    quoted = EscalationLevel(
        id=level.id,
        label_zh='联络员"老王"<b>',
        role=level.role,
        accept=level.accept,
        resolve=level.resolve,
        escalates_to=level.escalates_to,
    )
    policy = EscalationPolicy(name="x", levels=(quoted, *seven.levels[1:]), intakes=seven.intakes)

    assert "联络员#quot;老王#quot;#lt;b#gt;" in policy.to_mermaid()


# --- events on the wire --------------------------------------------------------------------


def _every_kind_of_event() -> list[CaseEvent]:
    """Histories that between them hold every event type."""
    home = RegionCode("150603001001")
    resident = Actor("p-r")
    liaison = Actor("p-l", {Grant(Role.LIAISON, Scope.grid("g-1"))})
    grid = Actor("p-g", {Grant(Role.GRID_LEADER, Scope.grid("g-1"))})
    secretary = Actor("p-s", {Grant(Role.COMMUNITY_SECRETARY, Scope.region(home))})
    centre = Actor("p-c", {Grant(Role.AGENCY_STAFF, Scope.agency("agency-centre"))})
    unit = Actor("p-u", {Grant(Role.AGENCY_STAFF, Scope.agency("agency-1"))})
    boss = Actor("p-b", {Grant(Role.SUPERVISOR, Scope.region(RegionCode("150603")))})
    t = dt.datetime(2024, 3, 4, 9, tzinfo=SHANGHAI)
    done = CaseResult(
        complaint_true=False,
        resident_contacted=True,
        solved=False,
        reply="已解释",
        unsolved_reason="属历史遗留问题",
    )

    def new(ident: str) -> Case:
        return Case.open(
            id=ident,
            resident="p-r",
            community=home,
            grid="g-1",
            category=CaseCategory.DISPUTE,
            channel=CaseChannel.IN_PERSON,
            summary="噪音",
            policy=EscalationPolicy.kangbashi(),
            by=resident,
            at=t,
            home_agency="agency-centre",
        )

    one = new("c-1")
    one.accept(by=liaison, at=t)
    one.resolve(result=done, by=liaison, at=t)
    one.rate(rating=Satisfaction.UNSATISFIED, comment="没解决", by=resident, at=t)
    one.reopen(reason="确未解决", by=boss, at=t)
    one.escalate(reason="调解未果", by=liaison, at=t)
    one.send_back(reason="属联络员职责", by=grid, at=t)
    one.withdraw(reason="已和解", by=resident, at=t)
    two = new("c-2")
    for handler in (liaison, grid, secretary):
        two.accept(by=handler, at=t)
        two.escalate(reason="本级无法解决", by=handler, at=t)
    two.accept(by=centre, at=t)
    two.transfer(lead="agency-1", co_units=("agency-2",), note="请牵头办理", by=centre, at=t)
    two.accept(by=unit, at=t)
    two.give_feedback(message="已受理", by=unit, at=t)
    two.urge(note="请加快", by=boss, at=t)
    two.supervise(reason="重点督办", by=boss, at=t)
    two.request_extension(extension=TimeLimit.working_days(2), reason="需鉴定", by=unit, at=t)
    two.approve_extension(by=boss, at=t)
    two.request_extension(extension=TimeLimit.working_days(2), reason="还需时间", by=unit, at=t)
    two.reject_extension(reason="按时办理", by=boss, at=t)
    two.park(reason="暂不具备条件", by=unit, at=t)
    two.close(note="挂账结案", by=boss, at=t)
    three = new("c-3")
    sweep([three], now=t + dt.timedelta(days=1))
    sweep([three], now=t + dt.timedelta(days=10))
    four, _, at = case_across_the_notice()  # provisional deadlines, then replanned
    four.replan(
        ChinaCalendar.official(beyond="statutory").extended(YearNotice.statutory(2027)),
        by=boss,
        at=at,
    )
    five, who, at = case_transferred()  # each unit's part after 转办, with its own clocks
    five.accept_part(by=who.co_unit, at=at)
    five.report_back(report="已配合核查", by=who.co_unit, at=at)
    six, who, at = case_transferred()
    sweep([six], now=at + dt.timedelta(days=12))  # agency-2 never accepted: its clock ran out
    six.excuse_unit(
        unit="agency-2", reason="协办单位职责已由牵头单位承担", by=who.centre, at=six.last_at
    )
    return [*one.events, *two.events, *three.events, *four.events, *five.events, *six.events]


def test_every_event_type_round_trips_through_json() -> None:
    events = _every_kind_of_event()

    assert {type(event) for event in events} == set(CASE_EVENTS)
    for event in events:
        text = codec.to_json(event)
        assert codec.from_json(CaseEvent, text) == event  # type: ignore[arg-type]
        assert codec.from_json(type(event), text) == event
    assert ((CaseEvent, CASE_EVENTS),) == WIRE_UNIONS


def test_a_history_read_back_from_json_replays_to_the_same_case() -> None:
    events = [e for e in _every_kind_of_event() if e.case == "c-2"]
    live = Case.replay(events)

    decoded = [codec.from_json(CaseEvent, codec.to_json(e)) for e in events]  # type: ignore[arg-type]

    assert Case.replay(decoded) == live


def test_a_stored_event_with_an_unknown_kind_or_a_naive_instant_is_refused() -> None:
    text = codec.to_json(_every_kind_of_event()[1])

    with pytest.raises(DecodeError, match="unknown kind 'case.signed'"):
        codec.from_json(CaseEvent, text.replace("case.accepted", "case.signed"))  # type: ignore[arg-type]
    with pytest.raises(DecodeError, match="must carry a UTC offset"):
        codec.from_json(CaseEvent, text.replace("+08:00", "", 1))  # type: ignore[arg-type]

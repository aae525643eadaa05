"""How fast and how lean ``Case`` is: replay against pytransitions, python-statemachine and a floor.

Run from the repository root (needs the ``bench`` extra plus ``transitions`` and
``python-statemachine``)::

    python bench/bench_escalation.py                       # 100,000 cases, 100,000 to sweep
    python bench/bench_escalation.py --cases 20000 --sample 2000 --sweep-cases 20000   # a quick look

One seeded set of histories (100,000 cases of 4 to 10 events: opened, accepted and
escalated up to three times so that some reach each level, resolved, some rated, fed
back, urged and closed) is built with ``Case`` commands, then replayed, in one process:

- ours: ``Case.replay(events)``, the real aggregate with every check ``replay`` makes;
- floor: a hand-written dict-dispatch fold over plain tuples (kind, level, instant);
- pytransitions and python-statemachine: the same four-level machine (accept, escalate,
  resolve, rate, feedback, urge, close; two states per level plus resolved and closed),
  one machine per case fed the same events, each transition recording the event.

The competitors replay a sample of the cases (``--sample``): their per-event and
per-case figures are per event and per case, not totals. Printed: CPU microseconds per
event (best of three; machine set-up timed apart), bytes per case (tracemalloc; inputs
built beforehand): ours with its whole history as commands build it, and what each
replay adds on top of the shared events, and the sweep over open cases as a ratio to one
pass that only reads each case's deadline.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import logging
import random
import time
import tracemalloc
import warnings
from collections.abc import Callable
from operator import length_hint
from typing import Any

from wulian_core.calendar import SHANGHAI
from wulian_core.escalation import (
    Case,
    CaseAccepted,
    CaseCategory,
    CaseChannel,
    CaseClosed,
    CaseEscalated,
    CaseEvent,
    CaseOpened,
    CaseRated,
    CaseResolved,
    CaseResult,
    CaseUrged,
    DeadlineMissed,
    DeadlineWarned,
    EscalationPolicy,
    FeedbackGiven,
    Satisfaction,
    sweep,
)
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.regions import RegionCode

HOME = RegionCode("150603001001")
T0 = dt.datetime(2024, 3, 4, 9, tzinfo=SHANGHAI)
POLICY = EscalationPolicy.kangbashi()
RESIDENT = Actor("p-resident")
HANDLERS = (
    Actor("p-liaison", {Grant(Role.LIAISON, Scope.grid("g-1"))}),
    Actor("p-grid", {Grant(Role.FULL_TIME_GRID_WORKER, Scope.grid("g-1"))}),
    Actor("p-secretary", {Grant(Role.COMMUNITY_SECRETARY, Scope.region(HOME))}),
    Actor("p-centre", {Grant(Role.AGENCY_STAFF, Scope.agency("agency-centre"))}),
)
SUPERVISOR = Actor("p-sup", {Grant(Role.SUPERVISOR, Scope.region(RegionCode("150603")))})
RESULT = CaseResult(resident_contacted=True, solved=True, reply="已解决")


# --- the histories -------------------------------------------------------------------------


def build_case(n: int, rng: random.Random) -> Case:
    """One case: up to three escalations, then resolved; sometimes feedback, urging, rating."""
    # Working hours on some day in 2024: a history's steps never cross a midnight, so no
    # clock fires in between and each case has 4 to 10 events.
    at = T0 + dt.timedelta(days=rng.randrange(200), minutes=rng.randrange(300))
    case = Case.open(
        id=f"case-{n}",
        resident="p-resident",
        community=HOME,
        grid="g-1",
        category=CaseCategory.DISPUTE,
        channel=CaseChannel.IN_PERSON,
        summary=f"邻里纠纷第{n}号",
        policy=POLICY,
        by=RESIDENT,
        at=at,
        home_agency="agency-centre",
    )
    climbs = rng.choice((0, 0, 1, 1, 2, 3))
    step = dt.timedelta(minutes=10)
    for level in range(climbs):
        at += step
        case.accept(by=HANDLERS[level], at=at)
        case.escalate(reason="本级无法解决", by=HANDLERS[level], at=at)
    handler = HANDLERS[climbs]
    at += step
    case.accept(by=handler, at=at)
    extras = rng.randrange(3)
    if extras and case.version < 7:
        case.give_feedback(message="正在办理", by=handler, at=at)
    if extras == 2 and case.version < 7:
        case.urge(note="请加快办理", by=SUPERVISOR, at=at)
    case.resolve(result=RESULT, by=handler, at=at)
    if case.version < 10 and rng.random() < 0.7:
        case.rate(rating=Satisfaction.SATISFIED, by=RESIDENT, at=at)
    if case.version < 4 or (case.version < 10 and rng.random() < 0.8):
        case.close(by=SUPERVISOR, at=at)
    return case


def histories(count: int, seed: int) -> list[tuple[CaseEvent, ...]]:
    rng = random.Random(seed)
    return [build_case(n, rng).events for n in range(count)]


# --- the floor: a dict-dispatch fold over tuples -------------------------------------------

AWAITING, IN_HAND, RESOLVED, CLOSED = 0, 1, 2, 3


def _f_accept(state: list[Any], event: tuple[Any, ...]) -> None:
    state[1] = IN_HAND


def _f_escalate(state: list[Any], event: tuple[Any, ...]) -> None:
    state[0] = event[1]
    state[1] = AWAITING


def _f_resolve(state: list[Any], event: tuple[Any, ...]) -> None:
    state[1] = RESOLVED


def _f_close(state: list[Any], event: tuple[Any, ...]) -> None:
    state[1] = CLOSED


def _f_nothing(state: list[Any], event: tuple[Any, ...]) -> None:
    pass


FLOOR_STEP: dict[str, Callable[[list[Any], tuple[Any, ...]], None]] = {
    "accept": _f_accept,
    "escalate": _f_escalate,
    "resolve": _f_resolve,
    "rate": _f_nothing,
    "feedback": _f_nothing,
    "urge": _f_nothing,
    "close": _f_close,
    "warn": _f_nothing,
}
TRIGGER = {
    CaseAccepted: "accept",
    CaseEscalated: "escalate",
    CaseResolved: "resolve",
    CaseRated: "rate",
    FeedbackGiven: "feedback",
    CaseUrged: "urge",
    CaseClosed: "close",
    DeadlineWarned: "warn",
    DeadlineMissed: "warn",
    CaseOpened: "open",
}
LEVEL = {level.id: i for i, level in enumerate(POLICY.levels)}


def as_tuples(events: tuple[CaseEvent, ...]) -> tuple[tuple[Any, ...], ...]:
    return tuple(
        (TRIGGER[type(e)], LEVEL.get(getattr(e, "level", ""), 0), e.at) for e in events[1:]
    )


def floor_replay(events: tuple[tuple[Any, ...], ...]) -> list[Any]:
    state: list[Any] = [0, AWAITING, None]
    step = FLOOR_STEP
    for event in events:
        step[event[0]](state, event)
        state[2] = event[2]
    return state


# --- the fair floor: the same checks as replay, and the history kept ------------------------
#
# The floor above skips what ``Case.replay`` checks and keeps no history. This one does what
# replay does for every event, on plain tuples (kind, case id, level, instant): it refuses an
# unknown kind, another case's event, an event earlier than the one before it, and an event
# the state may not follow (the same table of allowed states, as tuples of small ints); it
# applies the transition, and keeps the tuple it was given as the case's history, as replay
# does. Like replay, it makes one table lookup an event (the step and the states it may
# follow in one entry, by subscript) and counts nothing as it goes: a refusal works out the
# index from what the tuple's iterator has left. What it skips: the clocks' flags and deadlines (our
# events carry them; the floor has none to copy), and the words of the refusals.
#
# ``fair_floor_appending`` is the fair floor as it was first written: two lookups an event,
# ``enumerate`` over a slice, each event appended to a list of its own. It did more than
# replay (which keeps the tuple it is given and never slices or counts), so it flattered
# the ratio; it is kept and printed beside, so that the change shows.

FAIR_ALLOWED: dict[str, tuple[int, ...]] = {
    "accept": (AWAITING,),
    "escalate": (AWAITING, IN_HAND),
    "resolve": (IN_HAND,),
    "rate": (RESOLVED,),
    "feedback": (AWAITING, IN_HAND, RESOLVED),
    "urge": (AWAITING, IN_HAND),
    "close": (RESOLVED,),
    "warn": (AWAITING, IN_HAND),
}


class FairFloorError(Exception):
    pass


def as_fair_tuples(events: tuple[CaseEvent, ...]) -> tuple[tuple[Any, ...], ...]:
    return tuple(
        (TRIGGER[type(e)], e.case, LEVEL.get(getattr(e, "level", ""), 0), e.at) for e in events
    )


def _fair_escalate(state: list[Any], event: tuple[Any, ...]) -> None:
    state[0] = event[2]  # the level (the case id is event[1] in these tuples)
    state[1] = AWAITING


FAIR_STEPS: dict[str, tuple[Callable[[list[Any], tuple[Any, ...]], None], tuple[int, ...]]] = {
    kind: (_fair_escalate if kind == "escalate" else FLOOR_STEP[kind], allowed)
    for kind, allowed in FAIR_ALLOWED.items()
}


def fair_floor_replay(events: tuple[tuple[Any, ...], ...]) -> list[Any]:
    opened = events[0]
    ident = opened[1]
    last = opened[3]
    # [level, status, last instant, history]: the tuple given is the history.
    state: list[Any] = [0, AWAITING, last, events]
    steps = FAIR_STEPS
    stream = iter(events)
    next(stream)
    for event in stream:
        try:
            apply, allowed = steps[event[0]]
        except KeyError:
            raise FairFloorError(
                len(events) - length_hint(stream) - 1, "not a case event"
            ) from None
        if event[1] != ident:
            raise FairFloorError(len(events) - length_hint(stream) - 1, "another case")
        at = event[3]
        if at < last:
            raise FairFloorError(len(events) - length_hint(stream) - 1, "earlier")
        if state[1] not in allowed:
            raise FairFloorError(len(events) - length_hint(stream) - 1, "cannot follow")
        apply(state, event)
        last = at
    state[2] = last
    return state


def fair_floor_appending(events: tuple[tuple[Any, ...], ...]) -> list[Any]:
    opened = events[0]
    ident = opened[1]
    # [level, status, last instant, history]
    state: list[Any] = [0, AWAITING, opened[3], [opened]]
    step = FLOOR_STEP
    allowed = FAIR_ALLOWED
    history = state[3]
    last = opened[3]
    for index, event in enumerate(events[1:], start=1):
        apply = step.get(event[0])
        if apply is None:
            raise FairFloorError(index, "not a case event")
        if event[1] != ident:
            raise FairFloorError(index, "another case")
        if event[3] < last:
            raise FairFloorError(index, "earlier than the one before")
        if state[1] not in allowed[event[0]]:
            raise FairFloorError(index, "cannot follow")
        apply(state, event)
        history.append(event)
        last = event[3]
    state[2] = last
    return state


# --- pytransitions and python-statemachine: the same machine -------------------------------

STATES = [f"l{i}_{s}" for i in range(4) for s in ("awaiting", "in_hand")] + ["resolved", "closed"]


def _pytransitions() -> tuple[Callable[[], Any], Callable[[Any, CaseEvent], None]]:
    from transitions import Machine

    logging.getLogger("transitions").setLevel(logging.ERROR)
    table: list[dict[str, Any]] = []
    for i in range(4):
        table.append({"trigger": "accept", "source": f"l{i}_awaiting", "dest": f"l{i}_in_hand"})
        table.append({"trigger": "resolve", "source": f"l{i}_in_hand", "dest": "resolved"})
        if i < 3:
            for status in ("awaiting", "in_hand"):
                table.append(
                    {
                        "trigger": "escalate",
                        "source": f"l{i}_{status}",
                        "dest": f"l{i + 1}_awaiting",
                    }
                )
    table.append({"trigger": "close", "source": "resolved", "dest": "closed"})
    for trigger in ("rate", "feedback", "urge", "warn"):
        table.append({"trigger": trigger, "source": "*", "dest": None})
    for row in table:
        row["after"] = "record"

    class Model:
        def __init__(self) -> None:
            self.history: list[CaseEvent] = []
            self.last_at: dt.datetime | None = None

        def record(self, event: CaseEvent) -> None:
            self.history.append(event)
            self.last_at = event.at

    def setup() -> Any:
        model = Model()
        Machine(
            model=model,
            states=STATES,
            transitions=table,
            initial="l0_awaiting",
            auto_transitions=False,
        )
        return model

    def fire(model: Any, event: CaseEvent) -> None:
        getattr(model, TRIGGER[type(event)])(event)

    return setup, fire


def _python_statemachine() -> tuple[Callable[[], Any], Callable[[Any, CaseEvent], None]]:
    from statemachine import State, StateMachine

    states = {name: State(name, initial=name == "l0_awaiting") for name in STATES}
    s = states

    def level(i: int) -> tuple[State, State]:
        return s[f"l{i}_awaiting"], s[f"l{i}_in_hand"]

    accept = level(0)[0].to(level(0)[1])
    resolve = level(0)[1].to(s["resolved"])
    escalate = level(0)[0].to(level(1)[0]) | level(0)[1].to(level(1)[0])
    for i in range(1, 4):
        accept |= level(i)[0].to(level(i)[1])
        resolve |= level(i)[1].to(s["resolved"])
        if i < 3:
            escalate |= level(i)[0].to(level(i + 1)[0]) | level(i)[1].to(level(i + 1)[0])

    def internal() -> Any:
        found = None
        for state in states.values():
            step = state.to.itself(internal=True)
            found = step if found is None else found | step
        return found

    namespace: dict[str, Any] = {
        **states,
        "accept": accept,
        "resolve": resolve,
        "escalate": escalate,
        "close": s["resolved"].to(s["closed"]),
        "rate": internal(),
        "feedback": internal(),
        "urge": internal(),
        "warn": internal(),
    }

    def after_transition(self: Any, case_event: CaseEvent) -> None:
        self.history.append(case_event)
        self.last_at = case_event.at

    def __init__(self: Any) -> None:  # noqa: N807 - a method of the generated class
        self.history = []
        self.last_at = None
        StateMachine.__init__(self)

    namespace["after_transition"] = after_transition
    namespace["__init__"] = __init__
    machine_class = type("CaseStateMachine", (StateMachine,), namespace)

    def fire(machine: Any, event: CaseEvent) -> None:
        machine.send(TRIGGER[type(event)], case_event=event)

    return machine_class, fire


# --- measuring -----------------------------------------------------------------------------


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def bytes_per(count: int, make: Callable[[], list[Any]]) -> tuple[float, list[Any]]:
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = make()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return (after - before) / count, kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=10_000, help="cases the competitors replay")
    parser.add_argument("--sweep-cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of the replay")
    parser.add_argument(
        "--replay-only",
        action="store_true",
        help="only replay: ours, the floor and the fair floor (for comparing two versions)",
    )
    parser.add_argument(
        "--growth",
        type=int,
        nargs="*",
        metavar="EVENTS",
        help="only the growth check: replay cost an event at each size (default 10k and 1M)",
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    if args.growth is not None:
        growth_table(args.growth or [10_000, 1_000_000], args.seed)
        return

    started = time.perf_counter()
    all_events = histories(args.cases, args.seed)
    # The inputs live for the whole run; keep the collector from walking them again and again.
    gc.collect()
    gc.freeze()
    events = sum(len(h) for h in all_events)
    print(
        f"built {args.cases:,} cases, {events:,} events "
        f"({min(map(len, all_events))} to {max(map(len, all_events))} a case) "
        f"with Case commands in {time.perf_counter() - started:.1f} s"
    )
    levels = [sum(1 for e in h if isinstance(e, CaseEscalated)) for h in all_events]
    print("  cases that reached each level:", [sum(1 for n in levels if n >= k) for k in range(4)])

    # Replay everything: ours and the floor.
    tuples = [as_tuples(h) for h in all_events]
    fair_tuples = [as_fair_tuples(h) for h in all_events]
    gc.collect()
    gc.freeze()
    # Interleaved, best of --rounds each: the machine's load moves them all alike. The ratio
    # to the fair floor is also taken round by round (min and median over the rounds).
    ours = floor = fair = appending = float("inf")
    ratios: list[float] = []
    for _ in range(args.rounds):
        ours_round = best_of(1, lambda: [Case.replay(h) for h in all_events])
        floor = min(floor, best_of(1, lambda: [floor_replay(t) for t in tuples]))
        fair_round = best_of(1, lambda: [fair_floor_replay(t) for t in fair_tuples])
        appending = min(
            appending, best_of(1, lambda: [fair_floor_appending(t) for t in fair_tuples])
        )
        ours, fair = min(ours, ours_round), min(fair, fair_round)
        ratios.append(ours_round / fair_round)
    floor_events = sum(len(t) for t in tuples) + len(tuples)  # the opening counts as one
    ours_us, floor_us = ours / events * 1e6, floor / floor_events * 1e6
    fair_us, appending_us = fair / events * 1e6, appending / events * 1e6
    ratios.sort()
    fair_ratios = f"round by round min {ratios[0]:.2f}x, median {ratios[len(ratios) // 2]:.2f}x"
    if args.replay_only:
        print(
            f"replay, CPU microseconds an event (best of {args.rounds}, interleaved; "
            f"{events:,} events)"
        )
        print(
            f"  ours {ours_us:.3f}  floor {floor_us:.3f}  fair floor {fair_us:.3f}"
            f"  (fair floor as first written, appending: {appending_us:.3f})"
        )
        print(
            f"  ours / floor {ours_us / floor_us:.2f}x  ours / fair floor {ours_us / fair_us:.2f}x"
            f"  ({fair_ratios}; / the appending one {ours_us / appending_us:.2f}x)"
        )
        return

    sample = all_events[: args.sample]
    sample_events = sum(len(h) for h in sample)
    results: dict[str, tuple[float, float]] = {}
    for name, factory in (
        ("pytransitions", _pytransitions),
        ("python-statemachine", _python_statemachine),
    ):
        setup, fire = factory()
        setup_time = best_of(1, lambda setup=setup: [setup() for _ in sample])  # type: ignore[misc]
        machines = [setup() for _ in sample]

        def feed(
            machines: list[Any] = machines, fire: Callable[[Any, CaseEvent], None] = fire
        ) -> None:
            for machine, history in zip(machines, sample, strict=True):
                for event in history[1:]:
                    fire(machine, event)

        feed_time = best_of(1, feed)
        per_event = feed_time / (sample_events - len(sample)) * 1e6
        per_setup = setup_time / len(sample) * 1e6
        results[name] = (per_event, per_setup)

    print("\nreplay, CPU microseconds an event (best of --rounds for ours and the floors):")
    print(f"  ours (Case.replay)          {ours_us:8.3f}  ({events:,} events)")
    print(f"  floor (dict fold, tuples)   {floor_us:8.3f}  (no checks, no history)")
    print(f"  fair floor (same checks)    {fair_us:8.3f}  (case id, time order, state; history)")
    print(f"    as first written          {appending_us:8.3f}  (appending each event to a list)")
    for name, (per_event, per_setup) in results.items():
        print(
            f"  {name:<27} {per_event:8.3f}  (+ {per_setup:,.0f} us to set up a case; {args.sample:,} cases)"
        )
    print("ratios:")
    print(
        f"  pytransitions / ours        {results['pytransitions'][0] / ours_us:8.1f}x  (target >= 5x)"
    )
    print(f"  python-statemachine / ours  {results['python-statemachine'][0] / ours_us:8.1f}x")
    print(f"  ours / floor                {ours_us / floor_us:8.2f}x  (target <= 10x)")
    print(
        f"  ours / fair floor           {ours_us / fair_us:8.2f}x  (target <= 1.5x; {fair_ratios})"
    )

    # Memory: ours as commands build it (state and whole history), and what each replay adds.
    count = min(args.sample, 10_000)
    rng = random.Random(args.seed)
    whole, _ = bytes_per(count, lambda: [build_case(n, rng) for n in range(count)])
    mem_sample = all_events[:count]
    replayed, _ = bytes_per(count, lambda: [Case.replay(h) for h in mem_sample])
    history_only, _ = bytes_per(count, lambda: [list(h) for h in mem_sample])
    machine_bytes: dict[str, float] = {}
    for name, factory in (
        ("pytransitions", _pytransitions),
        ("python-statemachine", _python_statemachine),
    ):
        setup, fire = factory()
        small = mem_sample[: min(count, 2_000)]

        def make(
            setup: Callable[[], Any] = setup,
            fire: Callable[[Any, CaseEvent], None] = fire,
            small: list[tuple[CaseEvent, ...]] = small,
        ) -> list[Any]:
            kept = []
            for history in small:
                machine = setup()
                for event in history[1:]:
                    fire(machine, event)
                kept.append(machine)
            return kept

        machine_bytes[name] = bytes_per(len(small), make)[0]
    floor_bytes, _ = bytes_per(count, lambda: [floor_replay(t) for t in tuples[:count]])
    print("\nbytes a case (tracemalloc):")
    print(f"  ours, with its whole history, built by commands   {whole:8,.0f}  (target <= 3,600)")
    print(f"  ours, replayed over shared events                 {replayed:8,.0f}")
    print(f"    of which the event list alone                   {history_only:8,.0f}")
    for name, value in machine_bytes.items():
        print(
            f"  {name}, replayed over shared events   {value:8,.0f}".replace(
                "  pytransitions,", "  pytransitions,      "
            )
        )
    print(f"  floor state                                       {floor_bytes:8,.0f}")
    print(
        f"  pytransitions / ours (whole history)              {machine_bytes['pytransitions'] / whole:8.1f}x"
    )

    sweep_figures(args.sweep_cases, args.seed)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")


GROWTH_MODES = (
    "gc on",
    "gc off",
    "gc.freeze() after the inputs load",
    "replay in collector_paused()",
)


def growth(events_wanted: int, seed: int, runs: int = 3) -> dict[str, float]:
    """Replay cost an event at one size, under each of ``GROWTH_MODES``, best of ``runs``.

    The inputs are built (as a store would decode them) and left to the collector as an
    app's would be; every replayed case is kept until the run ends, as a service that
    loads its cases keeps them.
    """
    from wulian_core.model import collector_paused

    rng = random.Random(seed)
    loaded: list[tuple[CaseEvent, ...]] = []
    count = 0
    while count < events_wanted:
        history = build_case(len(loaded), rng).events
        loaded.append(history)
        count += len(history)
    gc.collect()
    figures: dict[str, float] = {}
    for mode in GROWTH_MODES:
        best = float("inf")
        for _ in range(runs):
            if mode == "gc off":
                gc.disable()
            elif mode.startswith("gc.freeze"):
                gc.freeze()
            start = time.process_time()
            if mode.startswith("replay in"):
                with collector_paused(freeze=True):
                    kept = [Case.replay(h) for h in loaded]
            else:
                kept = [Case.replay(h) for h in loaded]
            best = min(best, time.process_time() - start)
            gc.enable()
            gc.unfreeze()
            del kept
            gc.collect()
        figures[mode] = best / count * 1e6
    return figures


def growth_table(sizes: list[int], seed: int) -> None:
    """Each size in a fresh process, so one size's garbage does not weigh on the next."""
    import json
    import subprocess
    import sys

    rows = {}
    for size in sizes:
        code = (
            "import json, sys; sys.path.insert(0, 'bench'); import bench_escalation as b; "
            f"print(json.dumps(b.growth({size}, {seed})))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        rows[size] = json.loads(out.strip().splitlines()[-1])
    first = rows[sizes[0]]
    print("replay growth, CPU microseconds an event (each size in a fresh process):")
    for mode in first:
        cells = "  ".join(f"{rows[size][mode]:7.3f}" for size in sizes)
        growth_ratio = rows[sizes[-1]][mode] / first[mode]
        print(f"  {mode:<34} {cells}   {growth_ratio:5.2f}x (target <= 1.25x)")


def sweep_figures(count: int, seed: int) -> None:
    rng = random.Random(seed)
    open_cases = []
    for n in range(count):
        at = T0 + dt.timedelta(minutes=rng.randrange(60 * 24 * 30))
        case = Case.open(
            id=f"open-{n}",
            resident="p-resident",
            community=HOME,
            grid="g-1",
            category=CaseCategory.APPEAL,
            channel=CaseChannel.PLATFORM,
            summary="路灯不亮",
            policy=POLICY,
            by=RESIDENT,
            at=at,
        )
        case.accept(by=HANDLERS[1], at=at)
        open_cases.append(case)
    # An instant before most deadlines: the sweep is mostly looking, as it is every few minutes.
    now = T0 + dt.timedelta(days=2)
    last = max(c.last_at for c in open_cases)

    def read_deadlines() -> None:
        for case in open_cases:
            due = case.resolve_due
            if due is not None and due <= now:
                pass

    baseline = best_of(3, read_deadlines)
    gc.collect()
    start = time.process_time()
    first_events = sweep(open_cases, now=min(now, last))
    first = time.process_time() - start
    steady = best_of(3, lambda: sweep(open_cases, now=min(now, last)))
    print(
        f"\nsweep over {count:,} open cases (one recorded {len(first_events):,} warnings and misses):"
    )
    print(f"  one pass reading each deadline   {baseline * 1e3:8.1f} ms")
    print(
        f"  sweep, steady state              {steady * 1e3:8.1f} ms  ({steady / baseline:.1f}x the pass)"
    )
    print(
        f"  first sweep (works out alarms)   {first * 1e3:8.1f} ms  ({first / baseline:.1f}x the pass)"
    )


if __name__ == "__main__":
    main()

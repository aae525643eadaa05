"""How fast matching needs to supplies and finding invitees are, against plain floors.

Run from the repository root::

    python bench/bench_matching.py                      # 100,000 needs, 1,000,000 supplies
    python bench/bench_matching.py --needs 10000 --supplies 100000 --residents 100000

Matching. A province's supplies (one category each, capacity 1 to 3, community reach, no
grid, one shared window: where the floor's rule applies) and needs spread over 5,000
communities in 500 townships. Built beforehand and shared, then matched twice:

- ours: ``Matcher(supplies).assign_all(needs)``, with every check, the grid, community and
  township indexes, window and reach checks, and a ranked ``Candidate`` with reasons;
- floor: a dict of supply positions by (community, category), taking the first with
  capacity left, and nothing else.

Both must give the same answer for every need. The script prints CPU seconds (best of
three, index building included) and the ratio (target: at most 3x). A second run with
grids, township reach and scattered windows times ours alone.

Invitations. A city's residents and volunteers (1,000,000 profiles over 500 communities)
and one activity: ``InvitationIndex.candidates`` against one pass over every profile
asking the same questions (target: under a tenth of the pass; the index is built once,
its cost printed apart).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import time
from collections.abc import Callable
from typing import Any

from wulian_core.calendar import SHANGHAI
from wulian_core.model import ServiceArea
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.regions import RegionCode
from wulian_core.volunteering import (
    Audience,
    Availability,
    CommunityActivity,
    DayPart,
    InvitationIndex,
    Matcher,
    Need,
    NeedCategory,
    Organiser,
    ParticipantKind,
    ParticipantProfile,
    ProviderKind,
    Reach,
    Supply,
)

T0 = dt.datetime(2024, 3, 2, 8, tzinfo=SHANGHAI)
WINDOW = {"starts": T0, "ends": T0 + dt.timedelta(hours=10)}
CATEGORIES = list(NeedCategory)
KINDS = list(ProviderKind)
SKILLS = ("陪伴", "维修", "法律", "心理", "助餐", "理发", "辅导", "摄影")


def _communities(count: int) -> list[RegionCode]:
    # Ten communities per township, fifty townships per county, in one province (61).
    return [
        RegionCode(
            f"61{1 + n // 5000:02d}{1 + n // 500 % 10:02d}{1 + n // 10 % 50:03d}{1 + n % 10:03d}"
        )
        for n in range(count)
    ]


def build_supplies(
    count: int, places: list[RegionCode], rng: random.Random, *, plain: bool
) -> list[Supply]:
    supplies = []
    for n in range(count):
        reach = (
            Reach.COMMUNITY if plain else rng.choice((Reach.GRID, Reach.COMMUNITY, Reach.TOWNSHIP))
        )
        grid = (
            None
            if plain
            else (f"g-{rng.randrange(4)}" if reach is Reach.GRID or rng.random() < 0.5 else None)
        )
        if plain:
            window = WINDOW
        else:
            start = T0 + dt.timedelta(hours=rng.randrange(48))
            window = {"starts": start, "ends": start + dt.timedelta(hours=rng.randrange(1, 8))}
        supplies.append(
            Supply(
                id=f"s-{n}",
                provider=f"o-{n % 50_000}",
                kind=KINDS[n % 3],
                categories={CATEGORIES[rng.randrange(len(CATEGORIES))]},
                community=places[rng.randrange(len(places))],
                grid=grid,
                capacity=rng.randint(1, 3),
                reach=reach,
                **window,
            )
        )
    return supplies


def build_needs(
    count: int, places: list[RegionCode], rng: random.Random, *, plain: bool
) -> list[Need]:
    needs = []
    for n in range(count):
        if plain:
            window, grid, reach = WINDOW, None, Reach.COMMUNITY
        else:
            start = T0 + dt.timedelta(hours=rng.randrange(48))
            window = {"starts": start, "ends": start + dt.timedelta(hours=rng.randrange(1, 4))}
            grid, reach = f"g-{rng.randrange(4)}", Reach.TOWNSHIP
        needs.append(
            Need(
                id=f"n-{n}",
                resident=f"p-{n}",
                category=CATEGORIES[rng.randrange(len(CATEGORIES))],
                community=places[rng.randrange(len(places))],
                grid=grid,
                reach=reach,
                raised_at=T0 - dt.timedelta(days=1),
                **window,
            )
        )
    return needs


def floor(supplies: list[Supply], needs: list[Need]) -> list[str | None]:
    """A dict by (community, category); the first supply with capacity left."""
    index: dict[tuple[str, NeedCategory], list[int]] = {}
    for n, supply in enumerate(supplies):
        for category in supply.categories:
            index.setdefault((supply.community, category), []).append(n)
    left = [s.capacity for s in supplies]
    answers: list[str | None] = []
    for need in needs:
        answer = None
        for n in index.get((need.community, need.category), ()):
            if left[n]:
                left[n] -= 1
                answer = supplies[n].id
                break
        answers.append(answer)
    return answers


def ours(supplies: list[Supply], needs: list[Need]) -> list[str | None]:
    return [m.candidate.supply if m else None for m in Matcher(supplies).assign_all(needs)]


def best_of(repeat: int, work: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        start = time.process_time()
        result = work()
        best = min(best, time.process_time() - start)
        gc.enable()
    return best, result


def bench_matching(n_needs: int, n_supplies: int, repeat: int) -> None:
    rng = random.Random(15)
    places = _communities(5000)
    supplies = build_supplies(n_supplies, places, rng, plain=True)
    needs = build_needs(n_needs, places, rng, plain=True)
    t_floor, a_floor = best_of(repeat, lambda: floor(supplies, needs))
    t_ours, a_ours = best_of(repeat, lambda: ours(supplies, needs))
    same = a_floor == a_ours
    met = sum(a is not None for a in a_ours)
    print(f"matching {n_needs:,} needs against {n_supplies:,} supplies (floor's rule applies):")
    print(
        f"  floor {t_floor:.3f} s   ours {t_ours:.3f} s   ratio {t_ours / t_floor:.2f}x (target <= 3x)"
    )
    print(f"  same answers: {same}   needs met: {met:,}")
    if not same:
        raise SystemExit("the answers differ")
    supplies = build_supplies(n_supplies, places, rng, plain=False)
    needs = build_needs(n_needs, places, rng, plain=False)
    t_full, answers = best_of(repeat, lambda: ours(supplies, needs))
    met_full = sum(a is not None for a in answers)
    print(f"  with grids, township reach and windows: ours {t_full:.3f} s, needs met {met_full:,}")


def _fits(profile: ParticipantProfile, opening: Any, local: dt.datetime) -> bool:
    return (
        profile.community == opening.community
        and profile.fits(opening.audience)
        and profile.availability.covers(local)
        and bool(not opening.skills or profile.skills & opening.skills)
    )


def bench_invitations(n_residents: int, repeat: int) -> None:
    rng = random.Random(16)
    places = _communities(500)
    parts = list(DayPart)
    profiles = [
        ParticipantProfile(
            person=f"p-{n}",
            community=places[rng.randrange(len(places))],
            kind=ParticipantKind.VOLUNTEER if rng.random() < 0.2 else ParticipantKind.RESIDENT,
            skills=set(rng.sample(SKILLS, rng.randrange(3))),
            availability=Availability(
                weekdays=set(rng.sample(range(1, 8), rng.randint(1, 7))),
                parts=set(rng.sample(parts, rng.randint(1, 3))),
            ),
            groups={Audience.ELDERLY} if rng.random() < 0.2 else set(),
        )
        for n in range(n_residents)
    ]
    home = places[0]
    worker = Actor("p-w", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))})
    activity = CommunityActivity.open(
        id="act-1",
        organiser=Organiser.of_community(home),
        title="陪伴独居老人",
        community=home,
        place="居民家中",
        area=ServiceArea.ELDERLY_CARE,
        starts=T0 + dt.timedelta(hours=1),
        ends=T0 + dt.timedelta(hours=3),
        capacity=20,
        skills={"陪伴"},
        by=worker,
        at=T0,
    )
    opening = activity.opening
    local = opening.starts.astimezone(SHANGHAI)
    t_build, index = best_of(1, lambda: InvitationIndex(profiles))
    t_pass, fit = best_of(repeat, lambda: [p.person for p in profiles if _fits(p, opening, local)])
    t_query, found = best_of(repeat, lambda: index.candidates(activity, limit=len(profiles)))
    print(f"invitations for one activity over {n_residents:,} profiles:")
    print(
        f"  one pass {t_pass * 1000:.1f} ms   index query {t_query * 1000:.2f} ms   "
        f"share {t_query / t_pass:.3f} (target < 0.1); index built once in {t_build:.2f} s"
    )
    print(
        f"  same people: {sorted(fit) == sorted(c.person for c in found)}   invitees: {len(found):,}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--needs", type=int, default=100_000)
    parser.add_argument("--supplies", type=int, default=1_000_000)
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bench_matching(args.needs, args.supplies, args.repeat)
    bench_invitations(args.residents, args.repeat)


if __name__ == "__main__":
    main()

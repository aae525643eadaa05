"""Invalid draws per 100 test cases for the shipped strategies (run outside CI).

A strategy that filters throws away what it drew and draws again; Hypothesis counts a
test case it had to give up on as invalid. Sound strategies that build valid values
directly (a region-code part is an integer formatted to n digits, never "00" filtered
out) keep that near zero. Counted with Hypothesis' observability callbacks:

    .venv/bin/python bench/strategy_draws.py
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis.internal.observability import with_observability_callback

from wulian_core.model import Region, RegionCode, SocialOrganization, Station
from wulian_core.strategies import directories, for_type

EXAMPLES = 200


def invalid_per_100(strategy: Any) -> float:
    """Test cases given up on (invalid), per 100 cases run, for ``strategy``."""
    statuses: Counter[str] = Counter()

    def seen(observation: Any) -> None:
        if observation.type == "test_case":
            statuses[observation.status] += 1

    @settings(max_examples=EXAMPLES, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def draw(value: object) -> None:
        pass

    with with_observability_callback(seen):
        draw()
    total = sum(statuses.values())
    return 100 * statuses["gave_up"] / total if total else 0.0


if __name__ == "__main__":
    for name, strategy in [
        ("RegionCode", for_type(RegionCode)),
        ("Region", for_type(Region)),
        ("Station", for_type(Station)),
        ("SocialOrganization", for_type(SocialOrganization)),
        ("Directory", directories()),
    ]:
        print(f"{name:20} {invalid_per_100(strategy):5.1f} invalid draws per 100")

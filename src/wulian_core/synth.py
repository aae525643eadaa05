"""Seeded synthetic directories: the article's Kangbashi district, and provinces.

For demos, notebooks, benchmarks and tests. The same seed always gives the same
directory. Kangbashi follows the article's figures (4 streets, 19 communities with
悦和社区 among them, 116 registered social organizations, 15 community workers per
community on average); other names and all people are invented.

>>> d = kangbashi(seed=7)
>>> len(d.communities(within=KANGBASHI)), len(d.regions_at(RegionLevel.TOWNSHIP))
(19, 4)
>>> sum(o.registration is Registration.REGISTERED for o in d.organizations)
116
"""

from __future__ import annotations

from ._synth.district import KANGBASHI, YUEHE, kangbashi
from ._synth.funding import KANGBASHI_PURCHASED_SERVICES, kangbashi_purchases, pilot_awards
from ._synth.province import province
from ._synth.rollout import (
    REGULATIONS_NAMED,
    kangbashi_rollout,
    kangbashi_shops,
    kangbashi_trainings,
)
from .model import RegionLevel, Registration  # noqa: F401  (the docstring uses them)

__all__ = [
    "KANGBASHI",
    "KANGBASHI_PURCHASED_SERVICES",
    "REGULATIONS_NAMED",
    "YUEHE",
    "kangbashi",
    "kangbashi_purchases",
    "kangbashi_rollout",
    "kangbashi_shops",
    "kangbashi_trainings",
    "pilot_awards",
    "province",
]

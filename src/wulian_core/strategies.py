"""Hypothesis strategies for every public model type, for users' own test suites.

Requires the ``hypothesis`` extra (``pip install 'wulian-core[hypothesis]'``).

The strategies are always sound: every value they draw passes the model's own
validation (aware datetimes in a bounded range, ASCII digits only, codes whose
parents exist), at the price of not drawing every value the model would accept.
:func:`directories` draws whole integrity-checked directories of bounded size.

Every model type is also registered with Hypothesis through the package's entry
point, so ``st.from_type(SocialOrganization)`` works in a fresh process.

>>> from hypothesis import given
>>> @given(social_organizations())
... def test_an_organization_exists_on_its_founding_day(org):
...     assert org.active_on(org.established)
>>> test_an_organization_exists_on_its_founding_day()
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401  # the extra this module needs, named when missing
except ModuleNotFoundError as missing:  # pragma: no cover - tested in a subprocess
    raise ModuleNotFoundError(
        "wulian_core.strategies needs Hypothesis: pip install 'wulian-core[hypothesis]'",
        name=missing.name,
    ) from None

from ._strategies.case_machine import CaseMachine
from ._strategies.directory import directories
from ._strategies.passbook_machine import PassbookMachine
from ._strategies.records import (
    activities,
    actors,
    agencies,
    charity_funds,
    charity_projects,
    grids,
    posts,
    residents,
    scopes,
    social_organizations,
    social_workers,
    station_work,
    stations,
    volunteers,
)
from ._strategies.types import for_type
from ._strategies.values import (
    aware_datetimes,
    dates,
    id_card_numbers,
    identifiers,
    names,
    persons,
    phone_numbers,
    region_codes,
    regions,
)
from ._strategies.volunteering import (
    ActivityMachine,
    availabilities,
    communities,
    community_activities,
    for_volunteering_type,
    needs,
    organisers,
    participant_profiles,
    supplies,
    volunteer_registrations,
    volunteer_teams,
)

__all__ = [
    "ActivityMachine",
    "CaseMachine",
    "PassbookMachine",
    "activities",
    "actors",
    "agencies",
    "availabilities",
    "aware_datetimes",
    "charity_funds",
    "charity_projects",
    "communities",
    "community_activities",
    "dates",
    "directories",
    "for_type",
    "for_volunteering_type",
    "grids",
    "id_card_numbers",
    "identifiers",
    "names",
    "needs",
    "organisers",
    "participant_profiles",
    "persons",
    "phone_numbers",
    "posts",
    "region_codes",
    "regions",
    "residents",
    "scopes",
    "social_organizations",
    "social_workers",
    "station_work",
    "stations",
    "supplies",
    "volunteer_registrations",
    "volunteer_teams",
    "volunteers",
]

"""wulian-core: the domain model of 五社联动 (five-social linkage) community governance.

The public surface. Everything here is importable from ``wulian_core`` directly;
``wulian_core.strategies`` (Hypothesis strategies) needs the ``hypothesis`` extra and
is not imported here.

>>> import wulian_core
>>> wulian_core.RegionCode("150603001001").parent
RegionCode('150603001')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Errors load with the package: every caller needs them and they cost nothing.
from .errors import (
    CalendarCoverageError,
    DecodeError,
    IdempotencyConflict,
    IllegalTransition,
    InsufficientPoints,
    IntegrityError,
    InvalidValue,
    NotFound,
    PermissionDenied,
    WulianError,
)

if TYPE_CHECKING:
    from .calendar import (
        SHANGHAI,
        ChinaCalendar,
        HolidayPeriod,
        TimeLimit,
        TimeUnit,
        WeekendCalendar,
        WorkCalendar,
        YearNotice,
        local_date,
        on_time,
    )
    from .codec import from_dict, from_json, from_toml, to_dict, to_json
    from .directory import Directory
    from .model import (
        Activity,
        Actor,
        Agency,
        AgencyKind,
        Certification,
        CharityFund,
        CharityProject,
        CharityProjectKind,
        Grant,
        Grid,
        IdCardNumber,
        OrganizationCategory,
        Person,
        PhoneNumber,
        Post,
        Region,
        RegionCode,
        RegionLevel,
        Registration,
        Resident,
        Role,
        Scope,
        ScopeKind,
        ServiceArea,
        SettlementKind,
        SocialOrganization,
        SocialWorker,
        Station,
        StationLevel,
        StationWork,
        StationWorkKind,
        TownshipKind,
        Volunteer,
    )


__version__ = "0.1.0.dev0"

# The rest loads on first use (PEP 562): a command that needs only the calendar, or an
# app that only catches our errors, does not pay for building every record class.
_LAZY = {
    "Activity": "model",
    "Actor": "model",
    "Agency": "model",
    "AgencyKind": "model",
    "Certification": "model",
    "CharityFund": "model",
    "CharityProject": "model",
    "CharityProjectKind": "model",
    "ChinaCalendar": "calendar",
    "Directory": "directory",
    "Grant": "model",
    "Grid": "model",
    "HolidayPeriod": "calendar",
    "IdCardNumber": "model",
    "OrganizationCategory": "model",
    "Person": "model",
    "PhoneNumber": "model",
    "Post": "model",
    "Region": "model",
    "RegionCode": "model",
    "RegionLevel": "model",
    "Registration": "model",
    "Resident": "model",
    "Role": "model",
    "SHANGHAI": "calendar",
    "Scope": "model",
    "ScopeKind": "model",
    "ServiceArea": "model",
    "SettlementKind": "model",
    "SocialOrganization": "model",
    "SocialWorker": "model",
    "Station": "model",
    "StationLevel": "model",
    "StationWork": "model",
    "StationWorkKind": "model",
    "TimeLimit": "calendar",
    "TimeUnit": "calendar",
    "TownshipKind": "model",
    "Volunteer": "model",
    "WeekendCalendar": "calendar",
    "WorkCalendar": "calendar",
    "YearNotice": "calendar",
    "from_dict": "codec",
    "from_json": "codec",
    "from_toml": "codec",
    "local_date": "calendar",
    "on_time": "calendar",
    "to_dict": "codec",
    "to_json": "codec",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'wulian_core' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "Activity",
    "Actor",
    "Agency",
    "AgencyKind",
    "CalendarCoverageError",
    "Certification",
    "CharityFund",
    "CharityProject",
    "CharityProjectKind",
    "ChinaCalendar",
    "DecodeError",
    "Directory",
    "Grant",
    "Grid",
    "HolidayPeriod",
    "IdCardNumber",
    "IdempotencyConflict",
    "IllegalTransition",
    "InsufficientPoints",
    "IntegrityError",
    "InvalidValue",
    "NotFound",
    "OrganizationCategory",
    "PermissionDenied",
    "Person",
    "PhoneNumber",
    "Post",
    "Region",
    "RegionCode",
    "RegionLevel",
    "Registration",
    "Resident",
    "Role",
    "SHANGHAI",
    "Scope",
    "ScopeKind",
    "ServiceArea",
    "SettlementKind",
    "SocialOrganization",
    "SocialWorker",
    "Station",
    "StationLevel",
    "StationWork",
    "StationWorkKind",
    "TimeLimit",
    "TimeUnit",
    "TownshipKind",
    "Volunteer",
    "WeekendCalendar",
    "WorkCalendar",
    "WulianError",
    "YearNotice",
    "from_dict",
    "from_json",
    "from_toml",
    "local_date",
    "on_time",
    "to_dict",
    "to_json",
]

"""The GeoReport ``GET services`` response and the JSON text of the records.

The catalogue itself is the policy's (:mod:`wulian_core._escalation.services`, published by
:mod:`wulian_core.escalation`); this module only writes it out.
"""

from __future__ import annotations

import json
from typing import Any

from wulian_core.errors import InvalidValue
from wulian_core.escalation import DEFAULT_CATALOGUE, Open311Catalogue

__all__ = [
    "checked_catalogue",
    "json_text",
    "service_list",
    "services_to_json",
]


def checked_catalogue(value: object) -> Open311Catalogue:
    if not isinstance(value, Open311Catalogue):
        raise InvalidValue("catalogue", value, "must be an Open311Catalogue")
    return value


def service_list(catalogue: Open311Catalogue = DEFAULT_CATALOGUE) -> list[dict[str, Any]]:
    """The ``GET services`` response: one record per service, in the catalogue's order.

    >>> [(s["service_code"], s["service_name"], s["type"]) for s in service_list()][:2]
    [('appeal', '诉求', 'realtime'), ('complaint_or_suggestion', '投诉建议', 'realtime')]
    """
    return [service.to_record() for service in checked_catalogue(catalogue).services]


def json_text(records: list[dict[str, Any]]) -> str:
    # Keys in record order and Chinese as itself: the same cases always give the same text.
    return json.dumps(records, ensure_ascii=False, indent=2)


def services_to_json(catalogue: Open311Catalogue = DEFAULT_CATALOGUE) -> str:
    """The ``services.json`` text of the catalogue.

    >>> services_to_json().splitlines()[:3]
    ['[', '  {', '    "service_code": "appeal",']
    """
    return json_text(service_list(catalogue))

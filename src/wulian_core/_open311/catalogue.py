"""The GeoReport ``GET services`` response and the JSON text of the records.

The catalogue itself is the policy's (``EscalationPolicy.services``, defined in
:mod:`wulian_core._escalation.services` and published by :mod:`wulian_core.escalation`);
this module only writes it out.
"""

from __future__ import annotations

import json
from typing import Any

from wulian_core.errors import InvalidValue
from wulian_core.escalation import DEFAULT_CATALOGUE, EscalationPolicy, Open311Catalogue

__all__ = [
    "catalogue_of",
    "checked_catalogue",
    "json_text",
    "service_list",
    "services_to_json",
]


def checked_catalogue(value: object) -> Open311Catalogue:
    if not isinstance(value, Open311Catalogue):
        raise InvalidValue("catalogue", value, "must be an Open311Catalogue")
    return value


def catalogue_of(source: object, name: str = "service_list.source") -> Open311Catalogue:
    """The catalogue of a policy (``policy.services``), or a catalogue as given."""
    if isinstance(source, EscalationPolicy):
        return source.services
    if isinstance(source, Open311Catalogue):
        return source
    raise InvalidValue(
        name, source, "must be an EscalationPolicy (its services) or an Open311Catalogue"
    )


def service_list(
    source: EscalationPolicy | Open311Catalogue = DEFAULT_CATALOGUE,
) -> list[dict[str, Any]]:
    """The ``GET services`` response: one record per service, in the catalogue's order.

    ``source`` is the policy whose catalogue the jurisdiction offers
    (``policy.services``: the four case categories unless the policy names its own), or
    a catalogue itself; by default the four categories (:data:`DEFAULT_CATALOGUE`).

    >>> from wulian_core.escalation import EscalationPolicy
    >>> services = service_list(EscalationPolicy.kangbashi_routes())
    >>> [(s["service_code"], s["service_name"], s["type"]) for s in services][:2]
    [('appeal', '诉求', 'realtime'), ('complaint_or_suggestion', '投诉建议', 'realtime')]
    >>> service_list("kangbashi")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: service_list.source: must be an EscalationPolicy ... (got 'kangbashi')
    """
    return [service.to_record() for service in catalogue_of(source).services]


def json_text(records: list[dict[str, Any]]) -> str:
    # Keys in record order and Chinese as itself: the same cases always give the same text.
    return json.dumps(records, ensure_ascii=False, indent=2)


def services_to_json(source: EscalationPolicy | Open311Catalogue = DEFAULT_CATALOGUE) -> str:
    """The ``services.json`` text of a policy's catalogue (or of a catalogue itself).

    >>> services_to_json().splitlines()[:3]
    ['[', '  {', '    "service_code": "appeal",']
    """
    return json_text(service_list(catalogue_of(source, "services_to_json.source")))

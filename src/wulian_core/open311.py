"""Open311 GeoReport v2: the service list, cases as service requests, and a POST as a case.

Existing 12345 and city-service clients speak `GeoReport v2
<https://wiki.open311.org/GeoReport_v2>`_. This module maps the library's cases to and
from its records, as pure functions over plain dicts: no web server, no I/O, no clock.

- :class:`Open311Service` and :class:`Open311Catalogue`: the services a jurisdiction offers
  (``GET services``), each opening cases of one :class:`~wulian_core.escalation.CaseCategory`;
  :data:`DEFAULT_CATALOGUE` offers the four categories.
- :func:`service_list` (``GET services``) and :func:`service_request` /
  :func:`service_requests` (``GET requests``): the public records, with nothing personal in
  them: never the resident, and phone or ID-card numbers in a summary or a reply masked the
  way :class:`~wulian_core.model.PhoneNumber` and :class:`~wulian_core.model.IdCardNumber`
  show them (:func:`mask_personal_numbers`).
- :func:`case_arguments` (``POST requests``): a submitted request, checked field by field,
  as the keyword arguments of :meth:`Case.open <wulian_core.escalation.Case.open>`.
- :func:`services_to_json` and :func:`requests_to_json`: the JSON text, deterministic.

The catalogue is the policy's (``EscalationPolicy.services``, the four categories by
default): the functions over cases read ``case.policy.services`` unless given another,
:func:`case_arguments` reads its ``policy``'s, and :func:`service_list` takes one.

>>> from wulian_core.examples import open311_case
>>> case = open311_case()
>>> record = service_request(case)
>>> record["service_code"], record["status"], record["address_id"]
('dispute', 'open', '150603001001')
>>> record["description"]
'楼上漏水，电话138****8000'
>>> record["requested_datetime"]
'2024-09-30T10:00:00+08:00'
"""

from __future__ import annotations

from ._open311.catalogue import service_list, services_to_json
from ._open311.masking import mask_personal_numbers
from ._open311.posts import case_arguments
from ._open311.requests import requests_to_json, service_request, service_requests
from .escalation import DEFAULT_CATALOGUE, Open311Catalogue, Open311Service

__all__ = [
    "DEFAULT_CATALOGUE",
    "Open311Catalogue",
    "Open311Service",
    "case_arguments",
    "mask_personal_numbers",
    "requests_to_json",
    "service_list",
    "service_request",
    "service_requests",
    "services_to_json",
]

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

Every function takes the catalogue as an argument, :data:`DEFAULT_CATALOGUE` by default, so
that a policy can carry its own catalogue.

>>> case = _example_case()
>>> record = service_request(case)
>>> record["service_code"], record["status"], record["address_id"]
('dispute', 'open', '150603001001')
>>> record["description"]
'楼上漏水，电话138****8000'
>>> record["requested_datetime"]
'2024-09-30T10:00:00+08:00'
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any, Final

from attrs import field, frozen

from .calendar import SHANGHAI
from .errors import InvalidValue, NotFound
from .escalation import (
    Case,
    CaseCategory,
    CaseChannel,
    CaseStatus,
    EscalationPolicy,
    FeedbackGiven,
    LevelRole,
)
from .model import Actor, PhoneNumber, RegionCode, RegionLevel

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

# GeoReport v2 limits a POST's description to 4,000 characters; Case.open takes 2,000.
_DESCRIPTION_LIMIT = 2000
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


# --- the service catalogue ------------------------------------------------------------------


def _text(limit: int) -> Any:
    def check(instance: object, attribute: Any, value: Any) -> None:
        where = f"{type(instance).__name__}.{attribute.name}"
        if type(value) is not str:
            raise InvalidValue(where, value, "must be a string")
        if not value.strip():
            raise InvalidValue(where, value, "must not be blank")
        if len(value) > limit:
            raise InvalidValue(where, value, f"must be at most {limit} characters")

    return check


def _service_code(instance: object, attribute: Any, value: Any) -> None:
    if type(value) is not str or _CODE.fullmatch(value) is None:
        raise InvalidValue(
            "Open311Service.service_code",
            value,
            "must be 1 to 64 ASCII letters, digits, '_', '.' or '-', starting with a letter or digit",
        )


def _category(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, CaseCategory):
        raise InvalidValue("Open311Service.category", value, "must be a CaseCategory")


def _keywords(value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValue("Open311Service.keywords", value, "must be a list of words")
    words = tuple(value)
    for word in words:
        # GeoReport joins keywords with commas, so a word may not hold one.
        if type(word) is not str or not word.strip() or "," in word or "，" in word:
            raise InvalidValue(
                "Open311Service.keywords", word, "each keyword must be a non-blank word, no comma"
            )
    return words


@frozen(kw_only=True)
class Open311Service:
    """A service of the GeoReport service list, opening cases of one category.

    ``metadata`` is always false and ``type`` always ``"realtime"``: a POST needs no
    attributes beyond the standard fields, and opens its case at once.

    >>> service = Open311Service(service_code="noise", service_name="噪音扰民",
    ...     description="Noise from neighbours or shops", category=CaseCategory.DISPUTE,
    ...     keywords=("噪音", "扰民"), group="矛盾纠纷")
    >>> service.to_record()["keywords"]
    '噪音,扰民'
    >>> Open311Service(service_code="a b", service_name="x", description="x",
    ...     category=CaseCategory.APPEAL, group="x")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Open311Service.service_code: must be 1 to 64 ASCII ... (got 'a b')
    """

    service_code: str = field(validator=_service_code)
    service_name: str = field(validator=_text(100))
    description: str = field(validator=_text(500))
    category: CaseCategory = field(validator=_category)
    keywords: tuple[str, ...] = field(default=(), converter=_keywords)
    group: str = field(validator=_text(100))

    def to_record(self) -> dict[str, Any]:
        """The service as one entry of ``GET services`` (``services.json``).

        >>> DEFAULT_CATALOGUE.service("hazard").to_record()["service_name"]
        '隐患'
        """
        return {
            "service_code": self.service_code,
            "service_name": self.service_name,
            "description": self.description,
            "metadata": False,
            "type": "realtime",
            "keywords": ",".join(self.keywords),
            "group": self.group,
        }


def _services(value: Any) -> tuple[Open311Service, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValue("Open311Catalogue.services", value, "must be a list of Open311Service")
    services = tuple(value)
    if not services:
        raise InvalidValue("Open311Catalogue.services", value, "must hold at least one service")
    seen: set[str] = set()
    for service in services:
        if not isinstance(service, Open311Service):
            raise InvalidValue(
                "Open311Catalogue.services", service, "each must be an Open311Service"
            )
        if service.service_code in seen:
            raise InvalidValue(
                "Open311Catalogue.services", service.service_code, "service_code appears twice"
            )
        seen.add(service.service_code)
    return services


@frozen(kw_only=True)
class Open311Catalogue:
    """The services a jurisdiction offers, in the order its service list shows them.

    Codes are unique. A case is published under the first service of its category, so
    every category a case may have needs a service (:meth:`for_category`).

    >>> [s.service_code for s in DEFAULT_CATALOGUE.services]
    ['appeal', 'complaint_or_suggestion', 'dispute', 'hazard']
    >>> DEFAULT_CATALOGUE.service("graffiti")
    Traceback (most recent call last):
    ...
    wulian_core.errors.NotFound: no service_code 'graffiti'
    """

    services: tuple[Open311Service, ...] = field(converter=_services)

    @classmethod
    def default(cls) -> Open311Catalogue:
        """One service per case category, coded by the category's wire value.

        >>> Open311Catalogue.default().service("dispute").service_name
        '矛盾纠纷'
        """
        return cls(services=_DEFAULT_SERVICES)

    def service(self, service_code: str) -> Open311Service:
        """The service with this code; an unknown code raises :class:`~wulian_core.errors.NotFound`.

        >>> DEFAULT_CATALOGUE.service("appeal").category.label_zh
        '诉求'
        """
        for service in self.services:
            if service.service_code == service_code:
                return service
        raise NotFound("service_code", service_code)

    def for_category(self, category: CaseCategory) -> Open311Service:
        """The service a case of ``category`` is published under (the first of that category).

        >>> DEFAULT_CATALOGUE.for_category(CaseCategory.HAZARD).service_code
        'hazard'
        """
        for service in self.services:
            if service.category is category:
                return service
        raise NotFound("service for case category", getattr(category, "value", category))


_DEFAULT_SERVICES: Final = (
    Open311Service(
        service_code=CaseCategory.APPEAL.value,
        service_name=CaseCategory.APPEAL.label_zh,
        description="群众诉求：求助、办事、咨询 (a resident's appeal: help, errands, questions)",
        category=CaseCategory.APPEAL,
        keywords=("诉求", "求助", "办事", "咨询"),
        group="社区服务",
    ),
    Open311Service(
        service_code=CaseCategory.COMPLAINT_OR_SUGGESTION.value,
        service_name=CaseCategory.COMPLAINT_OR_SUGGESTION.label_zh,
        description="投诉与建议 (a complaint or a suggestion)",
        category=CaseCategory.COMPLAINT_OR_SUGGESTION,
        keywords=("投诉", "建议", "意见"),
        group="社区服务",
    ),
    Open311Service(
        service_code=CaseCategory.DISPUTE.value,
        service_name=CaseCategory.DISPUTE.label_zh,
        description="矛盾纠纷调解：邻里、物业、家庭 (a dispute: neighbours, property, family)",
        category=CaseCategory.DISPUTE,
        keywords=("矛盾纠纷", "调解", "邻里纠纷", "物业纠纷"),
        group="矛盾纠纷联排联化",
    ),
    Open311Service(
        service_code=CaseCategory.HAZARD.value,
        service_name=CaseCategory.HAZARD.label_zh,
        description="安全隐患：消防、燃气、房屋、道路 (a hazard: fire, gas, buildings, roads)",
        category=CaseCategory.HAZARD,
        keywords=("隐患", "安全", "消防", "燃气"),
        group="平安建设",
    ),
)

DEFAULT_CATALOGUE: Final = Open311Catalogue.default()
"""The four case categories as services, coded ``appeal``, ``complaint_or_suggestion``,
``dispute`` and ``hazard``, named in Chinese."""


def _catalogue(value: object) -> Open311Catalogue:
    if not isinstance(value, Open311Catalogue):
        raise InvalidValue("catalogue", value, "must be an Open311Catalogue")
    return value


def service_list(catalogue: Open311Catalogue = DEFAULT_CATALOGUE) -> list[dict[str, Any]]:
    """The ``GET services`` response: one record per service, in the catalogue's order.

    >>> [(s["service_code"], s["service_name"], s["type"]) for s in service_list()][:2]
    [('appeal', '诉求', 'realtime'), ('complaint_or_suggestion', '投诉建议', 'realtime')]
    """
    return [service.to_record() for service in _catalogue(catalogue).services]


# --- masking ---------------------------------------------------------------------------------

# A number as people write it: digits, maybe grouped by single spaces or hyphens, maybe
# after a "+", maybe ending in the X of an ID-card number. Whether it is personal is
# decided by how many digits it holds, not by how it is grouped, so that "138-0013-8000"
# and "+86 138 0013 8000" are masked as surely as "13800138000".
_NUMBER = re.compile(r"\+?\d(?:[ \-]?\d)*(?:[Xx](?![A-Za-z0-9]))?")


def _mask_number(match: re.Match[str]) -> str:
    token = match.group()
    digits = "".join(ch for ch in token if ch.isdigit())
    check = token[-1].upper() if token[-1] in "Xx" else ""
    if len(digits) + len(check) == 18 and (check or len(digits) == 18):
        number = digits + check
        return number[:6] + "********" + number[-4:]  # IdCardNumber.masked()
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]  # a mobile after the country code
    if len(digits) >= 11 or (len(digits) >= 10 and digits.startswith("0")):
        return digits[:3] + "****" + digits[-4:] + check  # PhoneNumber.masked()
    return token


def mask_personal_numbers(text: str) -> str:
    """``text`` with every phone and ID-card number masked as the model shows them.

    A number of 18 characters is masked as :class:`~wulian_core.model.IdCardNumber` shows
    one (region prefix and last four: ``110105********002X``); any other number of 11 or
    more digits, or of 10 starting with 0 (a landline with its area code), as
    :class:`~wulian_core.model.PhoneNumber` shows one (``138****8000``). Digits grouped by
    spaces or hyphens count as one number; shorter numbers (a room, a date) stay.

    >>> mask_personal_numbers("联系 138-0013-8000 或 0477-8581234，身份证11010519491231002x，3号楼501室")
    '联系 138****8000 或 047****1234，身份证110105********002X，3号楼501室'
    """
    if type(text) is not str:
        raise InvalidValue("mask_personal_numbers.text", text, "must be a string")
    return _NUMBER.sub(_mask_number, text)


# --- cases as service requests ---------------------------------------------------------------


def _instant(value: dt.datetime | None) -> str | None:
    # GeoReport dates are the W3C subset of ISO 8601 with an offset; Shanghai local time
    # reads as the residents and the 12345 centre read it.
    return None if value is None else value.astimezone(SHANGHAI).isoformat(timespec="seconds")


def _latest_reply(case: Case) -> str:
    """The handler's last public word: the resolution's reply, else the last feedback."""
    if case.status is not CaseStatus.WITHDRAWN and case.result is not None:
        return case.result.reply
    for event in reversed(case.events):
        if isinstance(event, FeedbackGiven):
            return event.message
    return ""


def _status_notes(case: Case) -> str:
    level = case.level
    notes = f"{case.status.label_zh}（{level.label_zh}）"
    if case.supervised:
        notes += "，督办"
    if any(deadline.missed for deadline in case.deadlines):
        notes += "，已逾期"
    reply = _latest_reply(case)
    if reply:
        notes += f"；{reply}"
    return mask_personal_numbers(notes)


def _agency_responsible(case: Case, agency_names: Mapping[str, str]) -> str:
    level = case.level
    if level.role is LevelRole.AGENCY_STAFF and case.agency is not None:
        return agency_names.get(case.agency, case.agency)
    return level.label_zh


def _service_notice(case: Case) -> str:
    level = case.level
    return (
        f"{case.policy.name}：{level.label_zh}{level.accept.label_zh}内签收，"
        f"{level.resolve.label_zh}内办结"
    )


def service_request(
    case: Case,
    *,
    catalogue: Open311Catalogue = DEFAULT_CATALOGUE,
    agency_names: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The case as a ``GET requests`` record, with nothing personal in it.

    ``status`` is ``"closed"`` once the case is closed (结案) or withdrawn (撤回), else
    ``"open"``; ``status_notes`` says where it stands in Chinese, with the handler's last
    reply; ``agency_responsible`` is the agency at an agency level (named through
    ``agency_names`` where given), else the level; ``expected_datetime`` is the running
    deadline (办结, else 签收), ``None`` when no clock runs; ``address_id`` is the
    community's 12-digit code. The resident never appears, and numbers in the summary and
    the reply are masked (:func:`mask_personal_numbers`).

    >>> record = service_request(_example_case(), agency_names={"agency-centre": "矛调中心"})
    >>> record["status_notes"], record["agency_responsible"]
    ('待签收（睦邻党群联络员）', '睦邻党群联络员')
    >>> record["expected_datetime"]
    '2024-10-09T00:00:00+08:00'
    """
    if not isinstance(case, Case):
        raise InvalidValue("service_request.case", case, "must be a Case")
    catalogue = _catalogue(catalogue)
    names: Mapping[str, str] = {} if agency_names is None else agency_names
    if not isinstance(names, Mapping):
        raise InvalidValue("service_request.agency_names", agency_names, "must be a mapping")
    service = catalogue.for_category(case.category)
    final = case.status.is_final
    due = None if final else (case.resolve_due or case.accept_due)
    return {
        "service_request_id": case.id,
        "status": "closed" if final else "open",
        "status_notes": _status_notes(case),
        "service_code": service.service_code,
        "service_name": service.service_name,
        "description": mask_personal_numbers(case.summary),
        "agency_responsible": _agency_responsible(case, names),
        "service_notice": _service_notice(case),
        "requested_datetime": _instant(case.opened_at),
        "updated_datetime": _instant(case.last_at),
        "expected_datetime": _instant(due),
        "address_id": case.community.full,
    }


def service_requests(
    cases: Iterable[Case],
    *,
    catalogue: Open311Catalogue = DEFAULT_CATALOGUE,
    agency_names: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """The ``GET requests`` response: one record per case, ordered by request time, then id.

    >>> [r["service_request_id"] for r in service_requests([_example_case()])]
    ['c-1']
    """
    if isinstance(cases, (str, Case)) or not isinstance(cases, Iterable):
        raise InvalidValue("service_requests.cases", cases, "must be an iterable of cases")
    ordered = sorted(cases, key=lambda case: (case.opened_at, case.id))
    return [
        service_request(case, catalogue=catalogue, agency_names=agency_names) for case in ordered
    ]


def _dumps(records: list[dict[str, Any]]) -> str:
    # Keys in record order and Chinese as itself: the same cases always give the same text.
    return json.dumps(records, ensure_ascii=False, indent=2)


def services_to_json(catalogue: Open311Catalogue = DEFAULT_CATALOGUE) -> str:
    """The ``services.json`` text of the catalogue.

    >>> services_to_json().splitlines()[:3]
    ['[', '  {', '    "service_code": "appeal",']
    """
    return _dumps(service_list(catalogue))


def requests_to_json(
    cases: Iterable[Case],
    *,
    catalogue: Open311Catalogue = DEFAULT_CATALOGUE,
    agency_names: Mapping[str, str] | None = None,
) -> str:
    """The ``requests.json`` text of the cases: one list, deterministic.

    >>> '"status": "open"' in requests_to_json([_example_case()])
    True
    """
    return _dumps(service_requests(cases, catalogue=catalogue, agency_names=agency_names))


# --- a POST as Case.open arguments -----------------------------------------------------------

_CONTACT_FIELDS = frozenset(
    {"email", "device_id", "account_id", "first_name", "last_name", "phone", "media_url"}
)
_KNOWN_FIELDS = frozenset(
    {
        "jurisdiction_id",
        "service_code",
        "description",
        "lat",
        "long",
        "address_string",
        "address_id",
        "api_key",
        *_CONTACT_FIELDS,
    }
)


def _post_text(post: Mapping[str, Any], name: str, *, limit: int = 4000) -> str | None:
    value = post.get(name)
    if value is None:
        return None
    if type(value) is not str:
        raise InvalidValue(name, value, "must be a string")
    if len(value) > limit:
        raise InvalidValue(
            name, value, f"must be at most {limit} characters", shown=f"<{len(value)} characters>"
        )
    stripped = value.strip()
    return stripped or None


def _coordinate(post: Mapping[str, Any], name: str, bound: float) -> float | None:
    value = post.get(name)
    if value is None or (type(value) is str and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InvalidValue(name, value, "must be a number")
    try:
        number = float(value)
    except ValueError:
        raise InvalidValue(name, value, "must be a decimal number (WGS84 degrees)") from None
    if not math.isfinite(number) or not -bound <= number <= bound:
        raise InvalidValue(name, value, f"must lie between -{bound:g} and {bound:g} degrees")
    return number


def _address_id(value: str) -> RegionCode:
    try:
        code = RegionCode(value)
    except InvalidValue:
        raise InvalidValue(
            "address_id", value, "must be a 12-digit community (社区/村) division code"
        ) from None
    if code.level is not RegionLevel.COMMUNITY:
        raise InvalidValue(
            "address_id", value, f"names a {code.level.value}, not a community (社区/村)"
        )
    return code


def _check_contacts(post: Mapping[str, Any]) -> None:
    """Contact fields are checked, then left out: a case knows its resident by id only."""
    for name in sorted(_CONTACT_FIELDS):
        text = _post_text(post, name, limit=500)
        if text is None:
            continue
        if name == "phone":
            # A bad number is named masked: PhoneNumber never shows it whole.
            try:
                PhoneNumber(text)
            except InvalidValue as exc:
                raise InvalidValue("phone", text, exc.reason, shown=exc.shown) from None
        elif name == "email" and ("@" not in text or " " in text):
            raise InvalidValue("email", text, "must be an e-mail address", shown="<hidden>")


def case_arguments(
    post: Mapping[str, Any],
    *,
    id: str,
    resident: str,
    grid: str,
    policy: EscalationPolicy,
    by: Actor,
    at: dt.datetime,
    community: RegionCode | None = None,
    channel: CaseChannel = CaseChannel.PLATFORM,
    home_agency: str | None = None,
    catalogue: Open311Catalogue = DEFAULT_CATALOGUE,
) -> dict[str, Any]:
    """A GeoReport ``POST requests`` form as the keyword arguments of ``Case.open``.

    The form's fields are checked as the spec has them: ``service_code`` is required and
    must be in ``catalogue``; a location is required (``address_id``, ``address_string``,
    or ``lat`` and ``long`` together); ``description`` is required here, because a case
    needs a summary, and holds at most 2,000 characters. ``address_id`` is the community's
    division code; without it, pass ``community`` (as the app found it from the address or
    the coordinates). Contact fields (``phone``, ``email``, names, ``account_id``,
    ``device_id``) are checked and then left out: the app resolves the resident itself and
    passes ``resident``, with the case ``id`` it assigns, the ``grid``, the ``policy``, the
    acting ``by`` and ``at``. Any other field (``attribute[...]`` among them: the services
    take none) is refused. Each problem raises :class:`~wulian_core.errors.InvalidValue`
    naming the field; an unknown service raises :class:`~wulian_core.errors.NotFound`.

    >>> post = {"service_code": "dispute", "description": "楼上漏水，电话13800138000",
    ...         "address_id": "150603001001", "phone": "13800138000"}
    >>> kwargs = case_arguments(post, id="c-9", resident="p-1", grid="g-1",
    ...     policy=EscalationPolicy.kangbashi(), by=Actor("p-1"),
    ...     at=dt.datetime(2024, 9, 30, 10, tzinfo=SHANGHAI))
    >>> case = Case.open(**kwargs)
    >>> case.category.label_zh, case.channel.label_zh, case.level.label_zh
    ('矛盾纠纷', '平台上报', '网格员')
    >>> case_arguments({**post, "service_code": "graffiti"}, id="c-9", resident="p-1",
    ...     grid="g-1", policy=EscalationPolicy.kangbashi(), by=Actor("p-1"),
    ...     at=dt.datetime(2024, 9, 30, 10, tzinfo=SHANGHAI))
    Traceback (most recent call last):
    ...
    wulian_core.errors.NotFound: no service_code 'graffiti'
    """
    if not isinstance(post, Mapping):
        raise InvalidValue("post", post, "must be a mapping of GeoReport fields")
    for name in sorted(post, key=str):
        if name not in _KNOWN_FIELDS:
            reason = (
                "services take no attributes (metadata is false)"
                if isinstance(name, str) and name.startswith("attribute")
                else "is not a GeoReport v2 POST field"
            )
            raise InvalidValue(str(name), post[name], reason, shown="<hidden>")
    catalogue = _catalogue(catalogue)
    code = _post_text(post, "service_code", limit=64)
    if code is None:
        raise InvalidValue("service_code", post.get("service_code"), "is required")
    service = catalogue.service(code)
    description = _post_text(post, "description")
    if description is None:
        raise InvalidValue(
            "description", post.get("description"), "is required: the case's summary"
        )
    if len(description) > _DESCRIPTION_LIMIT:
        raise InvalidValue(
            "description",
            description,
            f"must be at most {_DESCRIPTION_LIMIT} characters",
            shown=f"<{len(description)} characters>",
        )
    lat = _coordinate(post, "lat", 90)
    long = _coordinate(post, "long", 180)
    if (lat is None) != (long is None):
        missing = "long" if long is None else "lat"
        raise InvalidValue(missing, post.get(missing), "lat and long go together")
    address_string = _post_text(post, "address_string", limit=500)
    raw_id = _post_text(post, "address_id", limit=64)
    if raw_id is None and address_string is None and lat is None:
        raise InvalidValue(
            "address_id", None, "a location is required: address_id, address_string, or lat/long"
        )
    if raw_id is not None:
        found = _address_id(raw_id)
        if community is not None and community != found:
            raise InvalidValue(
                "address_id", raw_id, f"differs from the community given ({community})"
            )
        community = found
    if community is None:
        raise InvalidValue(
            "address_id",
            None,
            "is required unless the app passes community= (found from the address or lat/long)",
        )
    _check_contacts(post)
    _post_text(post, "jurisdiction_id", limit=200)
    return {
        "id": id,
        "resident": resident,
        "community": community,
        "grid": grid,
        "category": service.category,
        "channel": channel,
        "summary": description,
        "policy": policy,
        "by": by,
        "at": at,
        "home_agency": home_agency,
    }


def _example_case() -> Case:
    """A dispute brought in person on the Monday before National Day 2024."""
    return Case.open(
        id="c-1",
        resident="p-1",
        community=RegionCode("150603001001"),
        grid="g-1",
        category=CaseCategory.DISPUTE,
        channel=CaseChannel.IN_PERSON,
        summary="楼上漏水，电话13800138000",
        policy=EscalationPolicy.kangbashi(),
        by=Actor("p-1"),
        at=dt.datetime(2024, 9, 30, 10, tzinfo=SHANGHAI),
        home_agency="agency-centre",
    )

"""A GeoReport ``POST requests`` form, checked field by field, as ``Case.open`` arguments."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

from wulian_core.errors import InvalidValue
from wulian_core.escalation import CaseChannel, EscalationPolicy, Open311Catalogue
from wulian_core.model import Actor, PhoneNumber, RegionCode, RegionLevel

from .catalogue import checked_catalogue

__all__ = ["case_arguments"]

# GeoReport v2 limits a POST's description to 4,000 characters; Case.open takes 2,000.
_DESCRIPTION_LIMIT = 2000

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
                raise InvalidValue("phone", text, exc.reason, personal=True) from None
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
    catalogue: Open311Catalogue | None = None,
) -> dict[str, Any]:
    """A GeoReport ``POST requests`` form as the keyword arguments of ``Case.open``.

    The form's fields are checked as the spec has them: ``service_code`` is required and
    must be in ``catalogue`` (by default the policy's, ``policy.services``); a location
    is required (``address_id``, ``address_string``,
    or ``lat`` and ``long`` together); ``description`` is required here, because a case
    needs a summary, and holds at most 2,000 characters. ``address_id`` is the community's
    division code; without it, pass ``community`` (as the app found it from the address or
    the coordinates). Contact fields (``phone``, ``email``, names, ``account_id``,
    ``device_id``) are checked and then left out: the app resolves the resident itself and
    passes ``resident``, with the case ``id`` it assigns, the ``grid``, the ``policy``, the
    acting ``by`` and ``at``. Any other field (``attribute[...]`` among them: the services
    take none) is refused. Each problem raises :class:`~wulian_core.errors.InvalidValue`
    naming the field; an unknown service raises :class:`~wulian_core.errors.NotFound`.

    >>> from wulian_core.calendar import SHANGHAI
    >>> from wulian_core.escalation import Case
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
    if not isinstance(policy, EscalationPolicy):
        raise InvalidValue("policy", policy, "must be an EscalationPolicy")
    catalogue = policy.services if catalogue is None else checked_catalogue(catalogue)
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

"""The service catalogue of a policy (Open311 GeoReport ``GET services``): what a case may be filed as.

The catalogue sits in the :class:`~wulian_core.escalation.EscalationPolicy` (``services``),
so a district that names its services its own way ships them with its chain; by
default it offers the four case categories. :mod:`wulian_core.open311` turns it into
the GeoReport service list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Final

from attrs import field

from wulian_core._frozen import frozen
from wulian_core.errors import InvalidValue, NotFound

from .values import CaseCategory

__all__ = [
    "DEFAULT_CATALOGUE",
    "Open311Catalogue",
    "Open311Service",
]

_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


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

"""wulian-core: the domain model of 五社联动 (five-social linkage) community governance.

The public surface. Every name in the ``__all__`` of the faces below is importable from
``wulian_core`` directly, loaded on first use so that ``import wulian_core`` costs
almost nothing: :mod:`~wulian_core.errors` (loaded with the package),
:mod:`~wulian_core.regions`, :mod:`~wulian_core.people`, :mod:`~wulian_core.model`,
:mod:`~wulian_core.calendar`, :mod:`~wulian_core.directory`,
:mod:`~wulian_core.escalation`, :mod:`~wulian_core.points`, :mod:`~wulian_core.rules`,
:mod:`~wulian_core.volunteering` and :mod:`~wulian_core.codec`. Each face's ``__all__`` is the one place its surface is
written; this module only reads them. ``wulian_core.strategies`` (Hypothesis
strategies) needs the ``hypothesis`` extra and is not imported here.

>>> import wulian_core
>>> wulian_core.RegionCode("150603001001").parent
RegionCode('150603001')
>>> wulian_core.Case is wulian_core.escalation.Case
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Errors load with the package: every caller needs them and they cost nothing.
from .errors import *  # noqa: F403
from .errors import __all__ as _errors_all

if TYPE_CHECKING:
    from .calendar import *  # noqa: F403
    from .codec import *  # noqa: F403
    from .directory import *  # noqa: F403
    from .escalation import *  # noqa: F403
    from .model import *  # noqa: F403
    from .people import *  # noqa: F403
    from .points import *  # noqa: F403
    from .regions import *  # noqa: F403
    from .rules import *  # noqa: F403
    from .volunteering import *  # noqa: F403

# The faces whose names the package re-exports, cheapest first: a name is looked up in
# them in this order, so reaching a region code never imports the escalation chain.
_FACES = (
    "regions",
    "people",
    "model",
    "calendar",
    "directory",
    "escalation",
    "points",
    "rules",
    "volunteering",
    "codec",
)
# Each face's own data for the codec, not one name: every face with tagged unions has one.
_NOT_RE_EXPORTED = frozenset({"WIRE_UNIONS"})


def _face(name: str) -> Any:
    return importlib.import_module(f"{__name__}.{name}")


def _public_names() -> list[str]:
    names = set(_errors_all)
    for face in _FACES:
        names.update(_face(face).__all__)
    return sorted(names - _NOT_RE_EXPORTED)


def __getattr__(name: str) -> Any:
    if name == "__all__":
        # ``from wulian_core import *`` asks for it: that loads every face anyway, so bind
        # every name now (the first face that has it, as below) rather than one lookup
        # through the faces for each of the names the star import then asks for.
        namespace = globals()
        for face in _FACES:
            module = _face(face)
            for public in module.__all__:
                if public not in _NOT_RE_EXPORTED and public not in namespace:
                    namespace[public] = getattr(module, public)
        value: Any = _public_names()
    elif name.startswith("__") or name in _NOT_RE_EXPORTED:
        raise AttributeError(f"module 'wulian_core' has no attribute {name!r}")
    else:
        for face in _FACES:
            module = _face(face)
            if name in module.__all__:
                value = getattr(module, name)
                break
        else:
            raise AttributeError(f"module 'wulian_core' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_public_names()})

"""The ``hypothesis`` entry point: lets ``st.from_type(SocialOrganization)`` draw valid values.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, in every process of
an environment where wulian-core is installed. A hook that raises would break
``import hypothesis`` everywhere, so this one only registers *functions*; they import
:mod:`wulian_core.strategies` when a strategy is first wanted. Importing that module
here instead would loop when a user imports it first (it imports hypothesis, which
runs this hook, which would find it half-initialised).
"""

from __future__ import annotations

from typing import Any


def _hypothesis_setup_hook() -> None:
    try:
        import hypothesis.strategies as st

        from .directory import Directory
        from .model import registered_types
        from .volunteering import REGISTERED_TYPES
    except Exception:  # never break ``import hypothesis`` for the environment
        return
    for cls in (*registered_types(), Directory, *REGISTERED_TYPES):
        st.register_type_strategy(cls, _lazy)


def _lazy(cls: type) -> Any:
    # Hypothesis asks every registered function about subclasses too, when it resolves a
    # base such as ``object`` or ``typing.Hashable``: a type that is not ours is
    # NotImplemented, the resolver protocol's "not mine", never an error.
    from .errors import NotFound
    from .strategies import for_type

    try:
        return for_type(cls)
    except NotFound:
        return NotImplemented

"""Hypothesis profiles: ``dev`` (default), ``ci`` (thorough but bounded) and ``fast``.

Pick one with ``HYPOTHESIS_PROFILE``; ``.ci/run`` sets ``ci``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "dev",
    max_examples=50,
    deadline=None,
    suppress_health_check=(HealthCheck.too_slow,),
)
settings.register_profile("ci", settings.get_profile("dev"), max_examples=100, print_blob=True)
settings.register_profile("fast", settings.get_profile("dev"), max_examples=10)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

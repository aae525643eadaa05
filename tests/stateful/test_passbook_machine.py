"""The shipped ``PassbookMachine`` runs against the passbook in CI, with bounded settings."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

from wulian_core.strategies import PassbookMachine

TestPassbookMachine = PassbookMachine.TestCase
# Explicit bounds: the whole run stays well under a minute on two cores under the ci
# profile, and a failure still shrinks to a short story.
TestPassbookMachine.settings = settings(
    settings.get_profile("ci"),
    max_examples=100,
    stateful_step_count=50,
    deadline=None,
    suppress_health_check=(HealthCheck.too_slow, HealthCheck.filter_too_much),
)

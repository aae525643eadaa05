"""The shipped state machine, run: an activity's invariants hold after every step."""

from __future__ import annotations

from hypothesis import settings

from wulian_core.strategies import ActivityMachine

TestActivity = ActivityMachine.TestCase
TestActivity.settings = settings(TestActivity.settings, stateful_step_count=40)

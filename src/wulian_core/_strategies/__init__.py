"""Hypothesis strategies and state machines, behind the face :mod:`wulian_core.strategies`."""

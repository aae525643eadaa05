"""The Hypothesis strategies and machines; users import them from :mod:`wulian_core.strategies`."""

"""The escalation chain's parts, behind the face :mod:`wulian_core.escalation`.

One whole thing a module, stacked one way: values, policy, events, state, then clock,
guard and tracking, then decide and sweep, then the case and its HTML view.
"""

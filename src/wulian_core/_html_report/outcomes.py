"""Every target of a report with what became of it here: none is dropped from a summary."""

from __future__ import annotations

from wulian_core.rules import AnyTarget, Report, RollUp

__all__ = ["target_outcomes"]


def target_outcomes(report: Report) -> tuple[tuple[AnyTarget, RollUp | None, str], ...]:
    """Every target of the report's policy, in its order, with its total and its outcome.

    The outcome is ``"met"``, ``"not_met"``, ``"undefined"``, ``"no_subjects"`` (the
    region holds nothing the target measures, a city's mechanism say) or
    ``"not_applicable"`` (not due yet on the report's date).

    >>> import datetime as dt
    >>> from wulian_core import policies, synth
    >>> from wulian_core.rules import evaluate
    >>> report = evaluate(policies.load("shaanxi-2022"), synth.kangbashi(),
    ...                   as_of=dt.date(2024, 10, 31), within=synth.KANGBASHI)
    >>> [(t.id, outcome) for t, _, outcome in target_outcomes(report)][:2]
    [('city-mechanism', 'no_subjects'), ('county-stations', 'met')]
    """
    totals = {t.target: t for t in report.totals()}
    later = set(report.not_applicable())
    found: list[tuple[AnyTarget, RollUp | None, str]] = []
    for target in report.targets.targets:
        total = totals.get(target.id)
        if target.id in later:
            found.append((target, None, "not_applicable"))
        elif total is None or total.subjects == 0:
            found.append((target, total, "no_subjects"))
        else:
            found.append((target, total, total.status.value))
    return tuple(found)

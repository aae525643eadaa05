"""Evaluate a target set against a directory on a date, or on several dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from attrs import field

from wulian_core import _checks
from wulian_core._frames import frame
from wulian_core._frozen import frozen
from wulian_core._html import escape, table
from wulian_core._labels import check_lang, heading, more_text
from wulian_core._typed import typed
from wulian_core.directory import Directory
from wulian_core.errors import InvalidValue
from wulian_core.regions import RegionCode

from ._base import Subjects
from ._columns import Column, judge
from ._context import Context
from ._counting import Status
from ._evaluators import DEFAULT_KINDS
from ._kinds import TargetKinds
from ._records import Training
from ._report import Report
from ._targets import AnyTarget
from ._targetset import TargetSet

__all__ = ["Progress", "evaluate", "evaluate_in", "progress"]


def evaluate(
    targets: TargetSet,
    directory: Directory,
    *,
    as_of: dt.date,
    kinds: TargetKinds = DEFAULT_KINDS,
    within: RegionCode | None = None,
    trainings: Iterable[Training] = (),
) -> Report:
    """Hold every target against its subjects as of a date; ``within`` narrows the regions.

    ``trainings`` are the training sessions held (:class:`Training`), which the
    directory does not hold; without them a training target finds none.

    A target is evaluated from its ``applies_from`` date on. Organizations, stations,
    posts and funds count when they exist on ``as_of``; activities and station work when
    they fall in the target's window of whole months up to it.

    >>> from wulian_core import policies, synth
    >>> report = evaluate(policies.load("shaanxi-2022"), synth.kangbashi(),
    ...                   as_of=dt.date(2023, 12, 31))
    >>> [t.target for t in report.totals()][:3]
    ['city-mechanism', 'county-stations', 'township-stations']
    >>> evaluate(policies.load("shaanxi-2022"), synth.kangbashi(), as_of="2023-12-31")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: as_of: must be a date (got '2023-12-31')
    """
    if not isinstance(targets, TargetSet):
        raise InvalidValue("targets", targets, "must be a TargetSet", shown=type(targets).__name__)
    if not isinstance(kinds, TargetKinds):
        raise InvalidValue("kinds", kinds, "must be a TargetKinds")
    if within is not None and not isinstance(within, RegionCode):
        raise InvalidValue("within", within, "must be a RegionCode")
    context = Context(directory, as_of=as_of, within=within, trainings=trainings)
    return evaluate_in(targets, context, kinds)


def evaluate_in(
    targets: TargetSet,
    context: Context,
    kinds: TargetKinds,
    chosen: Callable[[AnyTarget], bool] | None = None,
) -> Report:
    """:func:`evaluate` in a context; the targets not ``chosen`` are left without subjects."""
    as_of = context.as_of
    evaluators = [kinds.evaluator_for(t) for t in targets.targets]  # NotFound up front
    columns: list[Column] = []
    selected: set[Subjects] = set()
    for target, evaluator in zip(targets.targets, evaluators, strict=True):
        if not target.applies_on(as_of):
            columns.append(Column(target.id, False))
            continue
        if chosen is not None and not chosen(target):
            columns.append(Column(target.id, True))
            continue
        subjects = context.subjects(target.subjects)
        selected.add(target.subjects)
        numerators, denominators, details = evaluator.measure(target, subjects, context)
        if len(numerators) != len(subjects):
            raise InvalidValue(
                f"{type(target).__name__} measure", len(numerators), "must measure every subject"
            )
        shortfalls = judge(numerators, denominators, target.comparison, target.threshold)
        columns.append(
            Column(
                target.id,
                True,
                subjects.codes,
                subjects.regions,
                tuple(numerators),
                None if denominators is None else tuple(denominators),
                tuple(shortfalls),
                None if details is None else tuple(details),
            )
        )
    return Report(
        as_of=as_of,
        targets=targets,
        columns=tuple(columns),
        places=context.places(frozenset(selected)),
        kinds=kinds,
    )


@frozen(field_transformer=typed)
class Progress:
    """The same evaluation on several dates: progress toward a deadline, for charts.

    >>> from wulian_core import policies, synth
    >>> run = progress(policies.load("shaanxi-2022"), synth.kangbashi(),
    ...                [dt.date(2022, 12, 31), dt.date(2023, 12, 31)])
    >>> [r.as_of.year for r in run.reports]
    [2022, 2023]
    >>> row = run.to_records()[0]
    >>> row["as_of"], row["target"], row["met"] <= row["subjects"]
    (datetime.date(2022, 12, 31), 'city-mechanism', True)
    """

    reports: tuple[Report, ...] = field(
        converter=_checks.to_tuple, validator=_checks.records_of(Report)
    )

    @property
    def dates(self) -> tuple[dt.date, ...]:
        """The dates evaluated, in the order given."""
        return tuple(r.as_of for r in self.reports)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per date and target: subjects, met, not met, undefined, share."""
        rows = []
        for report in self.reports:
            for total in report.totals():
                target = report.targets.target(total.target)
                rows.append(
                    {
                        "as_of": report.as_of,
                        "due_by": target.due_by,
                        **{
                            k: v
                            for k, v in total.to_record().items()
                            if k not in ("region", "name", "level")
                        },
                    }
                )
        return rows

    def to_frame(self) -> Any:
        """:meth:`to_records` as a pandas ``DataFrame``; needs the ``pandas`` extra.

        >>> from wulian_core import policies, synth
        >>> run = progress(policies.load("shaanxi-2022"), synth.kangbashi(),
        ...                [dt.date(2022, 12, 31), dt.date(2023, 12, 31)])
        >>> df = run.to_frame()
        >>> str(df["as_of"].dtype).startswith("datetime64"), str(df["share_met"].dtype)
        (True, 'float64')
        """
        rows = [{**r, "status": Status.from_value(r["status"])} for r in self.to_records() if r]
        columns = [c for c in (rows[0] if rows else {}) if c != "status_zh"]
        return frame(rows, columns=columns, feature="Progress.to_frame")

    def to_html(self, *, full: bool = False, lang: str = "zh") -> str:
        """The run as a table: the last date's row per target; ``full=True`` every date.

        ``lang="en"`` labels it in English. Jupyter shows the short view.

        >>> from wulian_core import policies, synth
        >>> run = progress(policies.load("shaanxi-2022"), synth.kangbashi(),
        ...                [dt.date(2022, 12, 31), dt.date(2023, 12, 31)])
        >>> len(run.to_html(full=True)) > len(run.to_html()), "<th>not met</th>" in run.to_html(lang="en")
        (True, True)
        """
        if type(full) is not bool:
            raise InvalidValue("Progress.to_html.full", full, "must be True or False")
        language = check_lang(lang, "Progress.to_html.lang")
        records = self.to_records()
        last = records[-1]["as_of"] if records else None
        shown = records if full else [r for r in records if r["as_of"] == last]
        keys = ("as_of", "target", "subjects", "met", "not_met", "undefined")
        rows = [[r[k] for k in keys] for r in shown]
        more = ""
        if len(shown) < len(records):
            more = f"<p>… {escape(more_text(len(records) - len(shown), language))}</p>"
        return (
            table([heading(k if k != "target" else "target_id", language) for k in keys], rows)
            + more
        )

    def _repr_html_(self) -> str:
        return self.to_html()


def progress(
    targets: TargetSet,
    directory: Directory,
    dates: Iterable[dt.date],
    *,
    kinds: TargetKinds = DEFAULT_KINDS,
    within: RegionCode | None = None,
    trainings: Iterable[Training] = (),
) -> Progress:
    """Evaluate ``targets`` on each of ``dates``, for a chart toward the deadline.

    >>> from wulian_core import policies, synth
    >>> run = progress(policies.load("shaanxi-2022"), synth.kangbashi(),
    ...                [dt.date(2023, 6, 30), dt.date(2023, 12, 31)])
    >>> [(r["as_of"].month, r["met"]) for r in run.to_records()
    ...  if r["target"] == "urban-organizations"]
    [(6, ...), (12, ...)]
    """
    chosen = _checks.arg_items(dates, "progress.dates", what="dates")
    for n, day in enumerate(chosen):
        _checks.arg_date(day, f"progress.dates[{n}]")
    if not chosen:
        raise InvalidValue("dates", chosen, "must name at least one date")
    held = tuple(trainings) if hasattr(trainings, "__iter__") else trainings
    return Progress(
        tuple(
            evaluate(targets, directory, as_of=day, kinds=kinds, within=within, trainings=held)
            for day in chosen
        )
    )

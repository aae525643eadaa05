"""The report of one evaluation: findings, roll-ups, gaps; reports of parts merge."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import cached_property
from heapq import heapify, heappop, heapreplace
from operator import attrgetter
from typing import Any

from attrs import field

from wulian_core._frames import frame
from wulian_core._frozen import frozen
from wulian_core._labels import check_lang
from wulian_core._typed import typed
from wulian_core.errors import InvalidValue, NotFound
from wulian_core.model import Region
from wulian_core.regions import RegionCode, RegionLevel

from ._columns import Column, places_above, tally
from ._context import window
from ._counting import Status
from ._evaluators import DEFAULT_KINDS
from ._findings import Finding, RollUp, rollup_status
from ._kinds import Row, TargetKinds
from ._report_view import FINDING_COLUMNS, ROLLUP_COLUMNS, finding_row, report_html, rollup_row
from ._targets import AnyTarget
from ._targetset import TargetSet

__all__ = ["Report"]

_SUBJECT = attrgetter("subject")


@frozen(kw_only=True, repr=False, field_transformer=typed)
class Report:
    """Every target against every subject on one date, with roll-ups and gaps.

    Build one with :func:`~wulian_core.rules.evaluate`. Findings are made when first
    read. Reports of disjoint regions :meth:`merge` into the report of their union, so a
    national evaluation can run one province at a time.

    >>> from wulian_core import policies, synth
    >>> from wulian_core.rules import evaluate
    >>> report = evaluate(policies.load("shaanxi-2022"), synth.kangbashi(),
    ...                   as_of=dt.date(2023, 12, 31))
    >>> report
    Report(shaanxi-2022 on 2023-12-31: ... findings, ... met, ... not met, ... undefined)
    >>> gap = report.gaps(target="regular-activity")[0]
    >>> gap.status.label_zh, gap.shortfall_en.startswith("activities in")
    ('未达标', True)
    """

    as_of: dt.date
    targets: TargetSet
    columns: tuple[Column, ...]
    places: tuple[Region, ...]
    kinds: TargetKinds = field(default=DEFAULT_KINDS, eq=False)

    def __repr__(self) -> str:
        totals = dict.fromkeys(Status, 0)
        for column in self.columns:
            for status in column.statuses():
                totals[status] += 1
        return (
            f"Report({self.targets.name} on {self.as_of.isoformat()}: {sum(totals.values())} "
            f"findings, {totals[Status.MET]} met, {totals[Status.NOT_MET]} not met, "
            f"{totals[Status.UNDEFINED]} undefined)"
        )

    def __len__(self) -> int:
        return sum(len(c) for c in self.columns)

    # -- what words read (see _kinds.Env) ----------------------------------------------

    def target(self, target_id: str) -> AnyTarget:
        """The target with this id."""
        try:
            return self.targets.targets[self._index[target_id]]
        except (KeyError, TypeError):
            raise NotFound("target", target_id, argument="Report.target.target_id") from None

    @cached_property
    def _index(self) -> dict[str, int]:
        return {c.target: t for t, c in enumerate(self.columns)}

    def _position(self, target_id: str, subject: str) -> int | None:
        """Where ``subject`` is in the column of ``target_id``: a bisection, since columns
        are in code order (a dict of every subject would cost a national report seconds)."""
        t = self._index.get(target_id)
        if t is None:
            return None
        subjects = self.columns[t].subjects
        i = bisect_left(subjects, subject)
        return i if i < len(subjects) and subjects[i] == subject else None

    @cached_property
    def _windows(self) -> dict[int, tuple[dt.date, dt.date]]:
        return {}

    def window(self, months: int) -> tuple[dt.date, dt.date]:
        """The window of ``months`` whole months up to the report's date."""
        found = self._windows.get(months) if type(months) is int else None
        if found is None:
            found = self._windows[months] = window(self.as_of, months)
        return found

    def month_labels(self, months: int) -> tuple[str, ...]:
        """The months of that window as ``YYYY-MM``, oldest first."""
        first, _ = self.window(months)
        labels = []
        for i in range(months):
            year, month = divmod(first.month - 1 + i, 12)
            labels.append(f"{first.year + year}-{month + 1:02d}")
        return tuple(labels)

    def values(self, target_id: str, code: RegionCode) -> tuple[int, int | None] | None:
        """A finding's numerator and denominator, or ``None`` if there is no such finding."""
        if type(target_id) is not str:
            raise InvalidValue("Report.values.target_id", target_id, "must be a string")
        if not isinstance(code, RegionCode):
            raise InvalidValue("Report.values.code", code, "must be a RegionCode")
        i = self._position(target_id, code)
        if i is None:
            return None
        column = self.columns[self._index[target_id]]
        denominator = None if column.denominators is None else column.denominators[i]
        return column.numerators[i], denominator

    # -- findings -------------------------------------------------------------------------

    def _findings_of(self, t: int, indices: Iterable[int]) -> list[Finding]:
        """The findings of column ``t`` at ``indices``; words only for those not met."""
        column = self.columns[t]
        target = self.targets.targets[t]
        describe = self.kinds.evaluator_for(target).describe
        kind, comparison, threshold = type(target).kind, target.comparison, target.threshold
        due = target.due_by
        late = due is not None and self.as_of > due
        subjects, regions, numerators = column.subjects, column.regions, column.numerators
        denominators, shortfalls, details = column.denominators, column.shortfalls, column.details
        found = []
        for i in indices:
            status = column.status(i)
            denominator = None if denominators is None else denominators[i]
            missing: tuple[str, ...] = ()
            if status is Status.MET:
                zh = en = ""
            else:
                row = Row(
                    subjects[i],
                    numerators[i],
                    denominator,
                    shortfalls[i],
                    None if details is None else details[i],
                    status,
                )
                zh, en, missing = describe(target, row, self)
            found.append(
                Finding(
                    target=column.target,
                    kind=kind,
                    subject=subjects[i],
                    subject_name=regions[i].name,
                    numerator=numerators[i],
                    denominator=denominator,
                    comparison=comparison,
                    threshold=threshold,
                    status=status,
                    shortfall=shortfalls[i],
                    shortfall_zh=zh,
                    shortfall_en=en,
                    missing=missing,
                    due_by=due,
                    overdue=late and status is not Status.MET,
                )
            )
        return found

    @cached_property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding, by subject code, then in the order of the targets."""
        found: list[Finding] = []
        for t, column in enumerate(self.columns):
            found.extend(self._findings_of(t, range(len(column))))
        found.sort(key=_SUBJECT)  # stable: the order of the targets holds within a subject
        return tuple(found)

    def finding(self, subject: RegionCode, target_id: str) -> Finding:
        """The finding of one target for one subject; NotFound if there is none."""
        i = self._position(target_id, subject)
        if i is None:
            raise NotFound("finding", f"{target_id} for {subject}")
        return self._findings_of(self._index[target_id], (i,))[0]

    def iter_findings(self, *, within: RegionCode | None = None) -> Iterator[Finding]:
        """The findings inside ``within`` (itself included), built one subject at a time.

        Unlike ``findings``, this builds nothing for the rest of the report: a
        national report reads one county's findings without making the 3 million others.

        >>> from wulian_core import policies, synth
        >>> from wulian_core.rules import evaluate
        >>> report = evaluate(policies.load("shaanxi-2022"), synth.kangbashi(),
        ...                   as_of=dt.date(2023, 12, 31))
        >>> mine = list(report.iter_findings(within=synth.YUEHE))
        >>> {f.subject for f in mine} == {synth.YUEHE}, len(mine) == len(report.within(synth.YUEHE))
        (True, True)
        """
        if within is not None and not isinstance(within, RegionCode):
            raise InvalidValue(
                "Report.iter_findings.within", within, "must be a RegionCode or None"
            )
        spans = [c.span(within) for c in self.columns]
        # Every column is in code order: merge them a subject at a time, targets in order.
        heads = [
            (c.subjects[lo], t, lo, hi)
            for t, (c, (lo, hi)) in enumerate(zip(self.columns, spans, strict=True))
            if lo < hi
        ]
        heapify(heads)
        while heads:
            _, t, i, hi = heads[0]
            yield self._findings_of(t, (i,))[0]
            if i + 1 < hi:
                heapreplace(heads, (self.columns[t].subjects[i + 1], t, i + 1, hi))
            else:
                heappop(heads)

    def gaps(
        self, *, target: str | None = None, within: RegionCode | None = None
    ) -> tuple[Finding, ...]:
        """The findings not met (not met or undefined), by subject, optionally narrowed."""
        if target is not None:
            if type(target) is not str:
                raise InvalidValue("Report.gaps.target", target, "must be a target id or None")
            self.targets.target(target)
        if within is not None and not isinstance(within, RegionCode):
            raise InvalidValue("Report.gaps.within", within, "must be a RegionCode or None")
        found: list[Finding] = []
        for t, column in enumerate(self.columns):
            if target is not None and column.target != target:
                continue
            lo, hi = column.span(within)  # a region's subjects are one run of the column
            status = column.status
            found.extend(
                self._findings_of(t, [i for i in range(lo, hi) if status(i) is not Status.MET])
            )
        found.sort(key=_SUBJECT)
        return tuple(found)

    # -- roll-ups ---------------------------------------------------------------------------

    @cached_property
    def _rollups(self) -> tuple[RollUp, ...]:
        names = {str(r.code): r for r in self.places}
        found: list[tuple[str, int, RollUp]] = []
        for t, column in enumerate(self.columns):
            if not column.subjects:
                continue
            target = self.targets.targets[t]
            for key, (met, not_met, undefined) in tally(column).items():
                region = names.get(key)
                if region is None:
                    continue  # above the regions this report covers
                status, shortfall = rollup_status(
                    met, undefined, met + not_met + undefined, target.rollup_share
                )
                found.append(
                    (
                        key,
                        t,
                        RollUp(
                            region=region.code,
                            name=region.name,
                            target=column.target,
                            subjects=met + not_met + undefined,
                            met=met,
                            not_met=not_met,
                            undefined=undefined,
                            required=target.rollup_share,
                            status=status,
                            shortfall=shortfall,
                        ),
                    )
                )
        found.sort(key=lambda entry: entry[:2])
        return tuple(entry[2] for entry in found)

    def rollups(
        self, *, level: RegionLevel | None = None, target: str | None = None
    ) -> tuple[RollUp, ...]:
        """Roll-ups per township, county, city and province, by region code then target."""
        return tuple(
            r
            for r in self._rollups
            if (level is None or r.level is level) and (target is None or r.target == target)
        )

    def totals(self) -> tuple[RollUp, ...]:
        """One roll-up per evaluated target over every subject of the report."""
        found = []
        for t, column in enumerate(self.columns):
            if not column.subjects:
                continue
            statuses = column.statuses()
            met = statuses.count(Status.MET)
            undefined = statuses.count(Status.UNDEFINED)
            target = self.targets.targets[t]
            status, shortfall = rollup_status(met, undefined, len(statuses), target.rollup_share)
            found.append(
                RollUp(
                    region=None,
                    name=self.targets.name,
                    target=column.target,
                    subjects=len(statuses),
                    met=met,
                    not_met=len(statuses) - met - undefined,
                    undefined=undefined,
                    required=target.rollup_share,
                    status=status,
                    shortfall=shortfall,
                )
            )
        return tuple(found)

    def not_applicable(self) -> tuple[str, ...]:
        """Ids of the targets that did not apply yet on the report's date."""
        return tuple(c.target for c in self.columns if not c.applicable)

    def no_subjects(self) -> tuple[str, ...]:
        """Ids of the targets that applied but found no subjects here (no rural
        community, no pilot township): shown as such, never left out silently.

        Every target of the set is in exactly one of :meth:`totals`,
        :meth:`no_subjects` and :meth:`not_applicable`.

        >>> import datetime as dt
        >>> from wulian_core import policies, synth
        >>> from wulian_core.rules import evaluate
        >>> report = evaluate(policies.load("shaanxi-2022"), synth.kangbashi(),
        ...                   as_of=dt.date(2023, 12, 31))
        >>> "rural-organizations" in report.no_subjects()
        True
        >>> len(report.totals()) + len(report.no_subjects()) + len(report.not_applicable())
        14
        """
        return tuple(c.target for c in self.columns if c.applicable and not c.subjects)

    # -- parts and wholes -------------------------------------------------------------------

    def within(self, code: RegionCode) -> Report:
        """The report of the subjects inside ``code`` (``code`` itself included)."""
        if not isinstance(code, RegionCode):
            raise InvalidValue("code", code, "must be a RegionCode")
        columns = tuple(
            c.take([i for i, s in enumerate(c.subjects) if s.startswith(code)])
            for c in self.columns
        )
        return Report(
            as_of=self.as_of,
            targets=self.targets,
            columns=columns,
            places=places_above(self.places, columns),
            kinds=self.kinds,
        )

    def merge(self, *others: Report) -> Report:
        """The report of the union of disjoint regions: associative and commutative.

        Every report must share the date and the targets; no subject may appear in two.
        """
        reports = (self, *others)
        for other in others:
            if not isinstance(other, Report):
                raise InvalidValue("others", other, "must be Reports")
            if other.as_of != self.as_of:
                raise InvalidValue(
                    "others", other.as_of, f"evaluated on another date than {self.as_of}"
                )
            if other.targets != self.targets:
                raise InvalidValue("others", other.targets.name, "evaluated against other targets")
        places: dict[str, Region] = {}
        for report in reports:
            for region in report.places:
                known = places.setdefault(region.code, region)
                if known != region:
                    raise InvalidValue(
                        "others", str(region.code), "names this region differently in two reports"
                    )
        columns = tuple(
            Column.concat([r.columns[t] for r in reports]) for t in range(len(self.columns))
        )
        return Report(
            as_of=self.as_of,
            targets=self.targets,
            columns=columns,
            places=tuple(places[c] for c in sorted(places)),
            kinds=self.kinds,
        )

    # -- for pandas and Jupyter --------------------------------------------------------------

    def to_records(self, *, rollups: bool = False) -> list[dict[str, Any]]:
        """Plain dicts, one per finding (or per roll-up), ready for ``pandas.DataFrame``.

        ``region_level`` is the subject's administrative level (county, township,
        community), named apart from a case's escalation level. :meth:`to_frame` gives
        the same rows with their dtypes.

        >>> from wulian_core import policies, synth
        >>> from wulian_core.rules import evaluate
        >>> rows = evaluate(policies.load("shaanxi-2022"), synth.kangbashi(),
        ...                 as_of=dt.date(2023, 12, 31)).to_records()
        >>> sorted(rows[0])[:5]
        ['as_of', 'comparison', 'denominator', 'due_by', 'kind']
        >>> rows[0]["region_level"], rows[0]["region_level_zh"]
        ('city', '市')
        """
        items = self._rollups if rollups else self.findings
        rows = []
        for item in items:
            row = {"as_of": self.as_of, **item.to_record()}
            region = item.subject if isinstance(item, Finding) else item.region
            del row["level"]
            row["region_level"] = None if region is None else region.level.value
            row["region_level_zh"] = None if region is None else region.level.label_zh
            rows.append(row)
        return rows

    def to_frame(self, *, rollups: bool = False) -> Any:
        """The findings (or roll-ups) as a pandas ``DataFrame``; needs the ``pandas`` extra.

        Dates are ``datetime64``; statuses, comparisons and region levels categoricals
        with a ``*_zh`` column beside; ``measured`` a float beside its integer
        ``numerator`` and ``denominator`` (missing for a count); ``required`` a float
        beside ``required_numerator`` and ``required_denominator``.

        >>> from wulian_core import policies, synth
        >>> from wulian_core.rules import evaluate
        >>> df = evaluate(policies.load("shaanxi-2022"), synth.kangbashi(),
        ...               as_of=dt.date(2023, 12, 31)).to_frame()
        >>> str(df["measured"].dtype), str(df["denominator"].dtype), str(df["status"].dtype)
        ('float64', 'Int64', 'category')
        >>> df["status_zh"].cat.categories.tolist()
        ['达标', '未达标', '无法评价']
        """
        if rollups:
            rows = [rollup_row(self.as_of, r) for r in self._rollups]
            return frame(rows, columns=ROLLUP_COLUMNS, feature="Report.to_frame")
        found = [finding_row(self.as_of, f) for f in self.findings]
        return frame(
            found,
            columns=FINDING_COLUMNS,
            feature="Report.to_frame",
            kinds={"measured": "float", "numerator": "int", "denominator": "int"},
        )

    def to_html(self, *, full: bool = False, lang: str = "zh") -> str:
        """The report as Jupyter shows it: every target, then the first gaps.

        ``full=True`` lists every gap; ``lang="en"`` labels it in English. In a notebook,
        ``IPython.display.HTML(report.to_html(full=True))`` shows the whole list.

        >>> from wulian_core import policies, synth
        >>> from wulian_core.rules import evaluate
        >>> report = evaluate(policies.load("shaanxi-2022"), synth.kangbashi(),
        ...                   as_of=dt.date(2023, 12, 31))
        >>> len(report.to_html(full=True)) > len(report.to_html())
        True
        >>> "not met" in report.to_html(lang="en")
        True
        """
        if not isinstance(full, bool):
            raise InvalidValue("full", full, "must be True or False")
        return report_html(self, full=full, lang=check_lang(lang))

    def _repr_html_(self) -> str:
        return report_html(self)

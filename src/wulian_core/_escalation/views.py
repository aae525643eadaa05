"""The read-only views of a case: its deadlines, units, timeline, time at each level, display.

:class:`~wulian_core.escalation.Case` is these views over the state plus its commands.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from wulian_core._labels import Lang, check_lang

from . import tracking
from .html import case_html
from .parts import UnitPart
from .state import CaseState
from .steps import senders
from .tracking import CaseDeadline, TimelineEntry

__all__ = ["CaseViews"]

# What makes two cases equal: their state, not the caches that speed them up.
_COMPARED = tuple(
    name for name in CaseState.__slots__ if name not in ("_alarm", "_index", "_senders")
)


class CaseViews(CaseState):
    """The queries of a case beyond its state's (see :class:`~wulian_core.escalation.Case`)."""

    __slots__ = ()

    # --- where it stands: the queries of the state (CaseState), and these views ---

    @property
    def accept_due(self) -> dt.datetime | None:
        """The 签收 deadline while the case awaits acceptance, else ``None``."""
        return tracking.accept_due(self)

    @property
    def resolve_due(self) -> dt.datetime | None:
        """The 办结 deadline while its clock runs, else ``None``."""
        return tracking.resolve_due(self)

    @property
    def deadlines(self) -> tuple[CaseDeadline, ...]:
        """The running clocks, each with its current deadline (after any extension)."""
        return tracking.deadlines(self)

    @property
    def owner(self) -> str | None:
        """The centre that transferred the case (转办) and keeps it: it tracks, urges, closes.

        >>> from wulian_core.examples import case_transferred
        >>> case = case_transferred()[0]
        >>> case.owner, case.agency, case.co_units
        ('agency-centre', 'agency-1', ('agency-2',))
        """
        return self._owner

    @property
    def unit_parts(self) -> tuple[UnitPart, ...]:
        """Each unit's part since the last transfer at this level: the lead's, then each co-unit's.

        >>> from wulian_core.examples import case_transferred
        >>> [(p.unit, p.done) for p in case_transferred()[0].unit_parts]
        [('agency-1', False), ('agency-2', False)]
        """
        return tracking.unit_parts(self)

    # --- tracking ---------------------------------------------------------------------------

    def timeline(self) -> tuple[TimelineEntry, ...]:
        """The history as a tracking table (动态跟踪), in Chinese, times in Asia/Shanghai.

        >>> from wulian_core.examples import case_at_agency
        >>> [entry.what for entry in case_at_agency()[0].timeline()][:4]
        ['受理登记', '上报', '签收', '上报']
        """
        return tracking.timeline(self)

    def to_records(self) -> list[dict[str, str | bool]]:
        """The timeline as plain dicts, one a row, for ``pandas.DataFrame(...)``.

        ``escalation_level`` is the level's id in the policy (``grid``), with its Chinese
        name in ``escalation_level_zh``: the chain's level, named apart from a region's
        administrative level in a report; ``provisional`` whether a deadline the event set
        counted days known only by law. :meth:`to_frame` gives the same rows typed.

        >>> from wulian_core.examples import case_at_agency
        >>> row = case_at_agency()[0].to_records()[0]
        >>> row["what"], row["escalation_level"], row["escalation_level_zh"]
        ('受理登记', 'liaison', '睦邻党群联络员')
        """
        return tracking.records(self)

    def to_frame(self) -> Any:
        """The timeline as a pandas ``DataFrame``; needs the ``pandas`` extra.

        ``at`` is timezone-aware in Asia/Shanghai; ``kind`` and ``escalation_level`` are
        categoricals (the kinds of event it holds; every level of the policy, in order).

        >>> from wulian_core.examples import case_at_agency
        >>> df = case_at_agency()[0].to_frame()
        >>> str(df["at"].dtype), str(df["escalation_level"].dtype)
        ('datetime64[us, Asia/Shanghai]', 'category')
        """
        return tracking.frame(self)

    def time_at_levels(
        self, *, until: dt.datetime | None = None
    ) -> tuple[tuple[str, dt.timedelta], ...]:
        """Time the case spent open at each level, in the policy's order (zero if never there).

        A stay runs from arrival until the case moves on, is resolved, parked, withdrawn or
        closed; reopening starts a new stay. An open stay runs to ``until`` (default: the
        last event).

        >>> from wulian_core.examples import case_example
        >>> case, who, at = case_example()
        >>> _ = case.escalate(reason="调解未果", by=who.liaison, at=at + dt.timedelta(hours=2))
        >>> spent = case.time_at_levels(until=at + dt.timedelta(hours=5))
        >>> [(level, str(time)) for level, time in spent][:2]
        [('liaison', '2:00:00'), ('grid', '3:00:00')]
        """
        return tracking.time_at_levels(self, until)

    # --- comparison and display -------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return senders(self) == senders(other) and all(  # worked out after replay
            getattr(self, name) == getattr(other, name)
            if name != "_events"
            else tuple(self._events) == tuple(other._events)  # a list, or a replayed tuple
            for name in _COMPARED
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Case {self.id} at level {self.level.id}, {self._status.value}, version {self.version}>"

    def to_html(self, *, lang: Lang = "zh") -> str:
        """The case as Jupyter shows it: header, clocks, units of a transfer, timeline.

        Headings in Chinese with the English beside them, or in English alone with
        ``lang="en"``; after 转办 a table of the units (lead and co-units) with when each
        accepted, its running deadline, when it reported, and whether on time, overdue or
        excused. Every text from the case is escaped.

        >>> from wulian_core.examples import case_transferred
        >>> page = case_transferred()[0].to_html(lang="en")
        >>> "<td>agency-2</td><td>co-unit</td>" in page
        True
        """
        return case_html(self, check_lang(lang, "Case.to_html.lang"))

    def _repr_html_(self) -> str:
        return case_html(self)

"""The quarter as one standalone HTML page: tables and inline SVG charts, Chinese and English.

:func:`render` turns a simulated :class:`~wulian_core.simulation.Quarter` into one HTML
string with no network access and no external assets. The page says what it is: the
district's name and code, "模拟数据 simulated" wherever figures come from the seed, the
article's own figures marked and sourced, the period simulated and the one date the
targets are evaluated as of. Then every target (met, not met, no subjects here),
compliance per target and per street, the largest shortfalls, the escalation funnel
(explained), resolutions by level, material points week by week on a ticked axis, the
money, volunteering (activities per month by service area, sign-ups against attendance,
needs met and open per community), and the moral-points leaders by masked name with
their community. Every text taken from the
data is escaped. Pure: the caller writes the file.

>>> from wulian_core import policies, synth
>>> from wulian_core.simulation import simulate_quarter
>>> q = simulate_quarter(synth.kangbashi(seed=0), targets=policies.load("shaanxi-2022"),
...                      seed=0)
>>> page = render(q)
>>> page.startswith("<!DOCTYPE html>"), page.count("<svg") >= 3, "康巴什区" in page
(True, True, True)
"""

from __future__ import annotations

from ._html_report.page import STYLESHEET, quarter_page
from ._html_report.page import standalone as _standalone
from ._labels import check_lang
from .errors import InvalidValue
from .simulation import Quarter

__all__ = ["STYLESHEET", "render", "standalone"]


def render(quarter: Quarter, *, title: str | None = None, lang: str = "zh") -> str:
    """The quarter as one standalone HTML page (a string); nothing is fetched or linked.

    ``title`` defaults to "五社联动季度报告 Quarterly report"; ``lang="en"`` labels the
    page in English only (Chinese with English beside by default).

    >>> from wulian_core import policies, synth
    >>> from wulian_core.simulation import simulate_quarter
    >>> q = simulate_quarter(synth.kangbashi(seed=1), targets=policies.load("shaanxi-2022"),
    ...                      seed=1)
    >>> "<script>" in render(q, title="<script>alert(1)</script>")
    False
    >>> '<html lang="en">' in render(q, lang="en")
    True
    """
    if not isinstance(quarter, Quarter):
        raise InvalidValue("render.quarter", quarter, "must be a Quarter from simulate_quarter")
    if title is not None and not isinstance(title, str):
        raise InvalidValue("render.title", title, "must be a string")
    return quarter_page(quarter, title=title, lang=check_lang(lang, "render.lang"))


def standalone(body: str, *, title: str, lang: str = "zh") -> str:
    """A whole HTML page around an HTML fragment, with the report's stylesheet.

    What ``wulian evaluate --format html`` writes around a report's table.

    >>> page = standalone("<table><tr><td>未达标</td></tr></table>", title="t")
    >>> page.startswith("<!DOCTYPE html>"), "white-space:nowrap" in page
    (True, True)
    """
    if not isinstance(body, str):
        raise InvalidValue("standalone.body", body, "must be a string of HTML")
    if not isinstance(title, str):
        raise InvalidValue("standalone.title", title, "must be a string")
    return _standalone(body, title=title, lang=check_lang(lang, "standalone.lang"))

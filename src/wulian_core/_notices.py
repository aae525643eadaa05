"""One year's State Council notice of holidays and make-up workdays, and its TOML form.

Private: the public names (:class:`YearNotice`, :class:`HolidayPeriod`) are exported by
:mod:`wulian_core.calendar`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from attrs import field

from ._frozen import frozen
from ._holidays import (
    HolidayPeriod,
    _check_text,
    _check_year,
    _day,
    _notice_problems,
)
from ._toml import string
from .errors import DecodeError, InvalidValue


def _holiday_tuple(value: object) -> tuple[HolidayPeriod, ...]:
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise InvalidValue("YearNotice.holidays", value, "must be a sequence of HolidayPeriod")
    items = tuple(value)
    for item in items:
        if not isinstance(item, HolidayPeriod):
            raise InvalidValue("YearNotice.holidays", item, "must be a HolidayPeriod")
    return items


def _date_tuple(value: object) -> tuple[date, ...]:
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise InvalidValue("YearNotice.makeup_workdays", value, "must be a sequence of dates")
    return tuple(_day(item, "YearNotice.makeup_workdays") for item in value)


@frozen(kw_only=True)
class YearNotice:
    """One year's State Council notice: its holidays and its make-up workdays (调休).

    A notice for ``year`` governs 25 December of the year before to 24 December of
    ``year``: the New Year bridge may reach back (the 2006 notice made Saturday 2005-12-31
    a working day). Make-up workdays are Saturdays or Sundays; no date is listed twice.

    Raises:
        InvalidValue: naming the field and the date that breaks a rule.

    >>> from datetime import date
    >>> notice = YearNotice(
    ...     year=2025,
    ...     source="国务院办公厅关于2025年部分节假日安排的通知",
    ...     holidays=[HolidayPeriod(name="春节", start=date(2025, 1, 28), end=date(2025, 2, 4))],
    ...     makeup_workdays=[date(2025, 1, 26), date(2025, 2, 8)],
    ... )
    >>> notice.makeup_workdays[0]
    datetime.date(2025, 1, 26)
    """

    year: int = field(validator=_check_year)
    source: str = field(validator=_check_text)
    holidays: tuple[HolidayPeriod, ...] = field(converter=_holiday_tuple)
    makeup_workdays: tuple[date, ...] = field(converter=_date_tuple)

    def __attrs_post_init__(self) -> None:
        problems = _notice_problems(self.year, self.holidays, self.makeup_workdays)
        if problems:
            path, day, reason = problems[0]
            raise InvalidValue(f"YearNotice.{path}", day, f"{day} {reason}", shown=str(day))

    @property
    def days_off(self) -> frozenset[date]:
        """Every date inside the notice's holidays.

        >>> from wulian_core.calendar import ChinaCalendar
        >>> date(2025, 2, 1) in ChinaCalendar.official().notices[-2].days_off
        True
        """
        return frozenset(day for period in self.holidays for day in period.days)

    @classmethod
    def statutory(cls, year: int) -> YearNotice:
        """The year as the law alone sets it, for a year whose notice is not yet published.

        《全国年节及纪念日放假办法》 (2024 revision, in force from 2025-01-01): 元旦 1 day,
        春节 4 days from 除夕 to 正月初三, 清明节 1, 劳动节 2 (1-2 May), 端午节 1, 中秋节 1,
        国庆节 3 (1-3 October); weekends stay rest days and there are no make-up workdays,
        since only a notice sets those. Lunar and solar-term dates come from a table
        bundled for 2025 to 2060.

        Raises:
            InvalidValue: ``year`` is outside 2025 to 2060.

        >>> notice = YearNotice.statutory(2027)
        >>> [(p.name, str(p.start), str(p.end)) for p in notice.holidays[1:3]]
        [('春节', '2027-02-05', '2027-02-08'), ('清明节', '2027-04-05', '2027-04-05')]
        >>> notice.makeup_workdays
        ()
        """
        from ._statutory import LAW, STATUTORY_YEARS, statutory_periods

        if type(year) is not int or year not in STATUTORY_YEARS:
            first, last = STATUTORY_YEARS.start, STATUTORY_YEARS.stop - 1
            reason = f"must be a year from {first} to {last}, the years the bundled table holds"
            raise InvalidValue("YearNotice.statutory.year", year, reason)
        return cls(
            year=year,
            source=f"{LAW}：{year}年的法定节假日，暂定，待国务院办公厅通知",
            holidays=statutory_periods(year),
            makeup_workdays=(),
        )

    @classmethod
    def from_toml(cls, text: str) -> YearNotice:
        """Read one year's notice from TOML text (the caller reads the file).

        The format, documented in ``docs/time-limits.md``::

            year = 2027
            source = "国务院办公厅关于2027年部分节假日安排的通知"
            makeup_workdays = [2027-02-14]   # TOML dates, Saturdays or Sundays

            [[holidays]]
            name = "春节"
            start = 2027-02-06
            end = 2027-02-13

        Raises:
            DecodeError: listing every problem with its path, e.g. ``holidays[2]``.

        >>> YearNotice.from_toml('year = 2027\\nsource = "x"\\nmakeup_workdays = [2027-02-10]')
        Traceback (most recent call last):
        ...
        wulian_core.errors.DecodeError: cannot decode YearNotice:
        - holidays: missing
        - makeup_workdays[0]: 2027-02-10 is a Wednesday; a make-up workday is a Saturday or Sunday
        """
        return _notice_from_toml(text)

    @classmethod
    def from_text(cls, text: str) -> YearNotice:
        """Read a notice from its text as published (国务院办公厅关于YYYY年部分节假日安排的通知).

        Reads the numbered items ("一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日
        （周日）上班。") in the styles used since 2008: with or without weekdays and lunar
        dates in brackets; 放假, 放假调休, 补休, 与周末连休; ranges with 至 or a dash, across
        months and across the year end (12月30日至1月1日); full-width or half-width
        punctuation; several make-up workdays in one item; the closing line with the date
        of issue. A holiday is the days the item states: "6月2日放假，与周末连休" is the
        one day, and the weekend beside it stays a weekend. ``source`` is the title, with
        the notice's number (国办发明电〔…〕…号) when the text gives it.

        It checks what the text says: a weekday in brackets must be the date's, "共N天"
        must count the days stated, a make-up workday must fall on a Saturday or Sunday.

        Raises:
            DecodeError: naming each item it cannot read or that contradicts itself, and
                quoting it.

        >>> text = '''国务院办公厅关于2026年部分节假日安排的通知
        ... 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
        ... 二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
        ... '''
        >>> notice = YearNotice.from_text(text)
        >>> notice.holidays[0].end, notice.makeup_workdays
        (datetime.date(2026, 1, 3), (datetime.date(2026, 1, 4),))
        >>> YearNotice.from_text(text.replace("共3天", "共4天"))
        Traceback (most recent call last):
        ...
        wulian_core.errors.DecodeError: cannot decode YearNotice:
        - item 一 (元旦): says 4 days, but the days it states are 3: 「一、元旦：...」
        """
        from ._notice_text import notice_from_text

        year, source, holidays, makeup = notice_from_text(text)
        return cls(year=year, source=source, holidays=holidays, makeup_workdays=makeup)

    def to_toml(self) -> str:
        """The notice as TOML text that :meth:`from_toml` reads back.

        >>> from wulian_core.calendar import ChinaCalendar
        >>> notice = ChinaCalendar.official().notices[-1]
        >>> YearNotice.from_toml(notice.to_toml()) == notice
        True
        """
        lines = [
            f"year = {self.year}",
            f"source = {string(self.source, 'YearNotice.source')}",
            "makeup_workdays = [" + ", ".join(map(str, self.makeup_workdays)) + "]",
        ]
        if not self.holidays:
            lines.append("holidays = []")
        for period in self.holidays:
            lines += [
                "",
                "[[holidays]]",
                f"name = {string(period.name, 'YearNotice.holidays.name')}",
            ]
            lines += [f"start = {period.start}", f"end = {period.end}"]
        return "\n".join(lines) + "\n"


def _toml_date(value: object, path: str, problems: list[tuple[str, str]]) -> date | None:
    if type(value) is date:
        return value
    if isinstance(value, datetime):
        problems.append((path, f"{value} must be a date like 2027-02-14, not a date-time"))
    elif isinstance(value, str):
        problems.append((path, f"{value!r} must be a TOML date like 2027-02-14, without quotes"))
    else:
        problems.append((path, f"{value!r} must be a TOML date like 2027-02-14"))
    return None


def _notice_from_toml(text: str) -> YearNotice:
    import tomllib  # here, not at the top: only reading a year file needs it

    if not isinstance(text, str):
        raise DecodeError("YearNotice", [("", f"expected TOML text, got {type(text).__name__}")])
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise DecodeError("YearNotice", [("", f"not valid TOML: {err}")]) from None
    problems: list[tuple[str, str]] = []
    for key in sorted(doc.keys() - {"year", "source", "holidays", "makeup_workdays"}):
        problems.append((key, "unknown key; expected year, source, makeup_workdays, holidays"))
    for key in ("year", "source", "holidays", "makeup_workdays"):
        if key not in doc:
            problems.append((key, "missing"))
    year: Any = doc.get("year")
    if "year" in doc and (type(year) is not int or not 1950 <= year <= 9999):
        problems.append(("year", f"{year!r} must be a year from 1950 to 9999"))
    source: Any = doc.get("source")
    if "source" in doc and (not isinstance(source, str) or not source.strip()):
        problems.append(("source", "must be a non-empty string naming the notice"))
    periods: list[HolidayPeriod | None] = []
    raw_holidays = doc.get("holidays", [])
    if not isinstance(raw_holidays, list):
        problems.append(("holidays", "must be an array of tables: [[holidays]]"))
        raw_holidays = []
    for j, table in enumerate(raw_holidays):
        periods.append(_toml_period(table, f"holidays[{j}]", problems))
    raw_makeup = doc.get("makeup_workdays", [])
    if not isinstance(raw_makeup, list):
        problems.append(("makeup_workdays", "must be an array of dates"))
        raw_makeup = []
    makeup = [_toml_date(v, f"makeup_workdays[{k}]", problems) for k, v in enumerate(raw_makeup)]
    if type(year) is int and 1950 <= year <= 9999:
        found = _notice_problems(year, periods, makeup)
        problems += [(path, f"{day} {reason}") for path, day, reason in found]
    if problems:
        raise DecodeError("YearNotice", problems)
    return YearNotice(
        year=year,
        source=source,
        holidays=[p for p in periods if p is not None],
        makeup_workdays=[d for d in makeup if d is not None],
    )


def _toml_period(table: object, path: str, problems: list[tuple[str, str]]) -> HolidayPeriod | None:
    if not isinstance(table, dict):
        problems.append((path, "must be a table with name, start and end"))
        return None
    for key in sorted(table.keys() - {"name", "start", "end"}):
        problems.append((f"{path}.{key}", "unknown key; expected name, start, end"))
    for key in ("name", "start", "end"):
        if key not in table:
            problems.append((f"{path}.{key}", "missing"))
    name = table.get("name")
    if "name" in table and (not isinstance(name, str) or not name.strip()):
        problems.append((f"{path}.name", "must be a non-empty string"))
        name = None
    start = _toml_date(table["start"], f"{path}.start", problems) if "start" in table else None
    end = _toml_date(table["end"], f"{path}.end", problems) if "end" in table else None
    if start is None or end is None or not isinstance(name, str):
        return None
    if end < start:
        problems.append((f"{path}.end", f"{end} is before start {start}"))
        return None
    return HolidayPeriod(name=name, start=start, end=end)

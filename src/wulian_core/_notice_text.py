"""Reading a State Council holiday notice from its published text (``YearNotice.from_text``).

Private: :meth:`wulian_core.calendar.YearNotice.from_text` is the public entry.

The notices since 2008 share one shape: a title (国务院办公厅关于YYYY年部分节假日安排的通知),
a salutation and a sentence of preamble, numbered items "一、元旦：……", a closing
paragraph, and the issuer with the date of issue. An item states its holiday days
(a range "1月1日至3日", single days, "放假" / "放假调休" / "补休" / "与周末连休") and then
its make-up workdays ("1月4日（周日）上班"). The wording varies over the years: with or
without weekdays and lunar dates in brackets, ranges written 至 or with a dash, a year
written only where the range crosses it, full-width or half-width punctuation. The text
is read with NFKC normalisation, so both widths read the same.

What the text says is checked as it is read: a weekday in brackets must be the date's, a
count "共N天" must be the number of days stated, a make-up workday must fall on a weekend.
Anything that cannot be read is refused with a :class:`~wulian_core.errors.DecodeError`
naming the item and quoting it; nothing is guessed.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from typing import Final

from ._holidays import HolidayPeriod, _notice_problems
from .errors import DecodeError

_TITLE: Final = re.compile(r"国务院(?:办公厅)?关于(\d{4})年部分节假日安排的通知")
_NUMBER: Final = re.compile(r"国办发明电〔\d{4}〕\d+号")
_ISSUED: Final = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_NUMERALS: Final = "一二三四五六七八九十"
_ITEM: Final = re.compile(rf"^([{_NUMERALS}]+)、([^:]+):(.*)$")
_DATE: Final = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:\(([^()]*)\))?")
_RANGE: Final = frozenset({"至", "到", "-", "—", "–", "~", "〜", "―"})
_WEEKDAY: Final = re.compile(r"^(?:周|星期|礼拜)([一二三四五六日天])$")
_WEEKDAYS: Final = "一二三四五六日"
_LUNAR: Final = re.compile(r"^农历|^除夕$|^(?:正|腊|冬|[一二三四五六七八九十]+)月")
_COUNT: Final = re.compile(r"(?:共|放假)(\d+)天")
_REST: Final = ("放假", "补休")


def _numeral(text: str) -> int:
    # 一 .. 十九 are enough for a notice (the longest has eight items).
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _NUMERALS.index(text[1]) + 1 if len(text) == 2 else 0
    if len(text) == 1:
        return _NUMERALS.index(text) + 1
    return 0


class _Item:
    """One numbered item as read: its days off and its make-up workdays."""

    def __init__(self, number: str, name: str, original: str) -> None:
        self.number = number
        self.name = name.strip()
        self.original = original.strip()
        self.rest: set[date] = set()
        self.work: list[date] = []
        self.problems: list[str] = []

    def refuse(self, reason: str) -> None:
        self.problems.append(reason)

    @property
    def label(self) -> str:
        return f"item {self.number} ({self.name})"

    def periods(self) -> list[HolidayPeriod]:
        """The days off as runs of consecutive days: each run one period."""
        runs: list[list[date]] = []
        for day in sorted(self.rest):
            if runs and day - runs[-1][-1] == timedelta(days=1):
                runs[-1].append(day)
            else:
                runs.append([day])
        return [HolidayPeriod(name=self.name, start=run[0], end=run[-1]) for run in runs]


def _window_year(year: int, month: int, day: int) -> int:
    # A notice for `year` governs 25 December of the year before to 24 December of its year.
    return year - 1 if (month, day) >= (12, 25) else year


def _read_dates(
    clause: str, item: _Item, year: int, last: tuple[int, int] | None
) -> tuple[list[tuple[date, bool]], tuple[int, int] | None]:
    """The dates of a clause, each with whether it closes a range ``A至B``; checked."""
    found: list[tuple[date, bool]] = []
    end = 0
    for match in _DATE.finditer(clause):
        y_text, m_text, d_text, bracket = match.groups()
        between = clause[end : match.start()].strip()
        closes_range = bool(found) and between in _RANGE
        if found and between in _RANGE and not between:
            closes_range = False
        end = match.end()
        if m_text is None and last is None:
            item.refuse(f"{match.group(0)} has no month")
            continue
        month = int(m_text) if m_text is not None else last[1]  # type: ignore[index]
        if y_text is not None:
            y = int(y_text)
        elif m_text is None:
            y = last[0]  # type: ignore[index]
        else:
            y = _window_year(year, month, int(d_text))
        try:
            day = date(y, month, int(d_text))
        except ValueError:
            item.refuse(f"{match.group(0)} is not a date")
            continue
        last = (y, month)
        if bracket is not None:
            _check_bracket(bracket, day, match.group(0), item)
        elif clause[match.end() : match.end() + 1] == "(":
            item.refuse(f"{match.group(0)}: the bracket after it is not closed")
        found.append((day, closes_range))
    return found, last


def _check_bracket(bracket: str, day: date, quoted: str, item: _Item) -> None:
    for part in re.split(r"[、,]", bracket):
        part = part.strip()
        weekday = _WEEKDAY.match(part)
        if weekday:
            said = _WEEKDAYS.index(weekday.group(1).replace("天", "日"))
            if said != day.weekday():
                actual = "周" + _WEEKDAYS[day.weekday()]
                item.refuse(f"{quoted} says {part}, but {day} is a {actual}")
        elif not _LUNAR.search(part):
            item.refuse(f"{quoted}: cannot read ({part}); expected a weekday or a lunar date")


def _read_item(item: _Item, body: str, year: int) -> None:
    counts: list[int] = []
    last: tuple[int, int] | None = None
    for sentence in body.split("。"):
        # Clauses end at a comma or semicolon outside brackets: (星期日,农历八月十五) is one.
        for clause in re.split(r"[,;](?![^()]*\))", sentence):
            clause = clause.strip()
            if not clause:
                continue
            dates, last = _read_dates(clause, item, year, last)
            counts += [int(n) for n in _COUNT.findall(clause)]
            if "上班" in clause:
                if not dates:
                    item.refuse(f"「{clause}」 names no day to work")
                for day, in_range in dates:
                    if in_range:
                        item.refuse(f"「{clause}」: a make-up workday is a day, not a range")
                    elif day.weekday() < 5:
                        weekday = "周" + _WEEKDAYS[day.weekday()]
                        item.refuse(f"make-up workday {day} is a {weekday}, not a weekend")
                    else:
                        item.work.append(day)
            elif any(word in clause for word in _REST):
                for k, (day, in_range) in enumerate(dates):
                    if not in_range:
                        item.rest.add(day)
                        continue
                    first = dates[k - 1][0]
                    if day < first:
                        item.refuse(f"the range {first} to {day} runs backwards")
                    item.rest.update(first + timedelta(days=i) for i in range((day - first).days))
                    item.rest.add(day)
    if not item.rest:
        item.refuse("states no day off (expected e.g. 1月1日放假 or 1月1日至3日放假调休)")
    for count in counts:
        if count != len(item.rest):
            item.refuse(f"says {count} days, but the days it states are {len(item.rest)}")


def _join_wrapped(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    # An item ends with "。"; a line after an unfinished item continues it (a copy from a
    # web page or a PDF often breaks the long 春节 item in two).
    joined: list[tuple[str, str]] = []
    for line, raw in lines:
        last = joined[-1][0] if joined else ""
        if joined and _ITEM.match(last) and not last.endswith("。") and not _ITEM.match(line):
            joined[-1] = (last + line, joined[-1][1] + raw)
        else:
            joined.append((line, raw))
    return joined


def notice_from_text(
    text: str,
) -> tuple[int, str, tuple[HolidayPeriod, ...], tuple[date, ...]]:
    """Read a notice from its text: year, title, holidays and make-up days, all checked.

    :meth:`YearNotice.from_text` builds the notice from them.
    """
    if not isinstance(text, str):
        raise DecodeError("YearNotice", [("", f"expected the notice's text, got {type(text)}")])
    lines = [(unicodedata.normalize("NFKC", raw).strip(), raw.strip()) for raw in text.splitlines()]
    lines = _join_wrapped([(line, raw) for line, raw in lines if line])
    title = next((m for line, _ in lines if (m := _TITLE.search(line))), None)
    if title is None:
        found = "no title 国务院办公厅关于YYYY年部分节假日安排的通知"
        raise DecodeError("YearNotice", [("title", found)])
    year = int(title.group(1))
    number = next((m.group(0) for line, _ in lines if (m := _NUMBER.search(line))), None)
    source = title.group(0) + (f"（{number}）" if number else "")

    problems: list[tuple[str, str]] = []
    items: list[_Item] = []
    first_item = next((i for i, (line, _) in enumerate(lines) if _ITEM.match(line)), None)
    if first_item is None:
        raise DecodeError("YearNotice", [("items", "no numbered item like 一、元旦：1月1日放假")])
    index = first_item
    while index < len(lines) and (match := _ITEM.match(lines[index][0])):
        number_text, name, body = match.groups()
        item = _Item(number_text, name, lines[index][1])
        if _numeral(number_text) != len(items) + 1:
            item.refuse(f"is numbered {number_text}, after {len(items)} items")
        _read_item(item, body, year)
        items.append(item)
        index += 1
    for line, raw in lines[index:]:
        if _ITEM.match(line):
            found = f"a numbered item after a line that is not one: 「{raw}」"
            problems.append(("items", found))
    issued = _ISSUED.match(lines[-1][0])
    if issued:
        try:
            day = date(*map(int, issued.groups()))
        except ValueError:
            problems.append(("issued", f"「{lines[-1][1]}」 is not a date"))
        else:
            if day.year not in (year - 1, year):
                problems.append(("issued", f"{day} is not in {year - 1} or {year}"))

    for item in items:
        problems += [(item.label, f"{reason}: 「{item.original}」") for reason in item.problems]
    if problems:
        raise DecodeError("YearNotice", problems)

    owned = [(period, item) for item in items for period in item.periods()]
    owned.sort(key=lambda pair: pair[0].start)
    work = sorted((day, item) for item in items for day in item.work)
    periods = [period for period, _ in owned]
    makeup = [day for day, _ in work]
    for path, day, reason in _notice_problems(year, periods, makeup):
        kind, _, rest = path.partition("[")
        item = (owned if kind == "holidays" else work)[int(rest.split("]")[0])][1]
        problems.append((item.label, f"{day} {reason}: 「{item.original}」"))
    if problems:
        raise DecodeError("YearNotice", problems)
    return year, source, tuple(periods), tuple(makeup)

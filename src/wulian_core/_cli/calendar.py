"""``wulian calendar``: is a date a working day, a deadline N working days on, add-notice."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from wulian_core._labels import Lang, check_lang, label
from wulian_core._progress import _progress
from wulian_core.errors import WulianError

from .common import InputError, read_text

if TYPE_CHECKING:
    from wulian_core.calendar import ChinaCalendar

__all__ = ["run_calendar"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _say(write: Callable[[Lang], str], lang: Lang) -> str:
    """One answer: the Chinese line with the English beneath it, or the English alone."""
    return write("en") if lang == "en" else f"{write('zh')}\n{write('en')}"


def run_calendar(args: argparse.Namespace, out: TextIO) -> None:
    from wulian_core.errors import CalendarCoverageError

    if args.start == "add-notice":
        _add_notice(args, out)
        return
    if args.notice is not None or args.output is not None:
        raise InputError(
            "FILE.txt and -o belong to add-notice: wulian calendar add-notice FILE.txt"
        )
    try:
        _answer_calendar(args, out)
    except CalendarCoverageError as exc:
        # The library's advice names its API; here the same advice is the command's options.
        detail = exc.detail.replace(
            "calendar.extended(YearNotice.from_toml(text)); see docs/time-limits.md",
            "--year-file FILE (a notice as TOML; `wulian calendar add-notice` writes one)",
        ).replace('with beyond="statutory"', "with --beyond statutory, through 2060-12-24")
        raise InputError(f"{exc.date} is outside the calendar: {detail}") from None


def _add_notice(args: argparse.Namespace, out: TextIO) -> None:
    from wulian_core.calendar import YearNotice

    if args.notice is None:
        raise InputError("add-notice needs the notice's text: wulian calendar add-notice FILE.txt")
    text = read_text(args.notice)
    try:
        notice = YearNotice.from_text(text)
    except WulianError as exc:
        raise InputError(f"{args.notice}: {exc}") from None
    toml = f"# Read from {args.notice.name} by wulian calendar add-notice.\n{notice.to_toml()}"
    if args.output is None:
        out.write(toml)
        return
    try:
        args.output.write_text(toml, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{args.output}: cannot write: {exc.strerror}") from None
    _progress(
        f"wrote {args.output}: {notice.year}, {len(notice.holidays)} holidays,"
        f" {len(notice.makeup_workdays)} make-up workdays"
    )


def _answer_calendar(args: argparse.Namespace, out: TextIO) -> None:
    from wulian_core.calendar import SHANGHAI, TimeLimit

    lang = check_lang(args.lang)
    china = _official_with(args.year_file, args.beyond)
    start = args.start
    if args.add is None:
        day = start if type(start) is dt.date else start.astimezone(SHANGHAI).date()
        print(_say(lambda lang: _describe_day(china, day, lang), lang), file=out)
        return
    if args.add < 1:
        raise InputError(f"--add must be a whole number of working days >= 1 (got {args.add})")
    instant = (
        dt.datetime.combine(start, dt.time(9), tzinfo=SHANGHAI) if type(start) is dt.date else start
    )
    due = TimeLimit.working_days(args.add).due(instant, china)
    last_day = (due - dt.timedelta(seconds=1)).date()

    def write(lang: Lang) -> str:
        note = ""
        if china.is_provisional(last_day):
            note = label("cal_due_provisional", lang).format(since=china.provisional_from)
        return label("cal_due", lang).format(
            count=args.add,
            start=instant.isoformat(),
            due=due.isoformat(),
            last=last_day.isoformat(),
            weekday=label(_WEEKDAYS[last_day.weekday()], lang),
            note=note,
        )

    print(_say(write, lang), file=out)


def _official_with(year_files: list[Path], beyond: str | None) -> ChinaCalendar:
    from wulian_core.calendar import ChinaCalendar, YearNotice

    calendar = ChinaCalendar.official(beyond="statutory" if beyond == "statutory" else None)
    for path in year_files:
        text = read_text(path)
        try:
            calendar = calendar.extended(YearNotice.from_toml(text))
        except WulianError as exc:
            raise InputError(f"{path}: {exc}") from None
    return calendar


def _describe_day(calendar: ChinaCalendar, day: dt.date, lang: Lang) -> str:
    notice = calendar.notice_for(day)
    said = {"day": day.isoformat(), "weekday": label(_WEEKDAYS[day.weekday()], lang)}
    provisional = label("cal_provisional", lang) if calendar.is_provisional(day) else ""
    if calendar.is_workday(day):
        text = label("cal_workday", lang).format(**said)
        if day in notice.makeup_workdays:
            return text + label("cal_makeup", lang).format(source=notice.source)
        return text + provisional
    text = label("cal_rest_day", lang).format(**said)
    holiday = next((h for h in notice.holidays if h.start <= day <= h.end), None)
    if holiday is not None:
        text += label("cal_holiday", lang).format(name=holiday.name, source=notice.source)
    return text + provisional

"""``wulian calendar``: is a date a working day, a deadline N working days on, add-notice."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from wulian_core._progress import _progress
from wulian_core.errors import WulianError

from .common import InputError, read_text

if TYPE_CHECKING:
    from wulian_core.calendar import ChinaCalendar

__all__ = ["run_calendar"]

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


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

    china = _official_with(args.year_file, args.beyond)
    start = args.start
    if args.add is None:
        day = start if type(start) is dt.date else start.astimezone(SHANGHAI).date()
        print(_describe_day(china, day), file=out)
        return
    if args.add < 1:
        raise InputError(f"--add must be a whole number of working days >= 1 (got {args.add})")
    instant = (
        dt.datetime.combine(start, dt.time(9), tzinfo=SHANGHAI) if type(start) is dt.date else start
    )
    due = TimeLimit.working_days(args.add).due(instant, china)
    last_day = (due - dt.timedelta(seconds=1)).date()
    note = ""
    if china.is_provisional(last_day):
        note = (
            f"; provisional: counted by law from {china.provisional_from},"
            " until the State Council's notice for the year is added"
        )
    print(
        f"{args.add} working days from {instant.isoformat()}: due {due.isoformat()}"
        f" (work must be done by the end of {last_day.isoformat()},"
        f" {_WEEKDAYS[last_day.weekday()]}, Asia/Shanghai{note})",
        file=out,
    )


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


def _describe_day(calendar: ChinaCalendar, day: dt.date) -> str:
    notice = calendar.notice_for(day)
    weekday = _WEEKDAYS[day.weekday()]
    if calendar.is_workday(day):
        if day in notice.makeup_workdays:
            return (
                f"{day.isoformat()} ({weekday}) is a working day:"
                f" a make-up workday (调休) by {notice.source}"
            )
        if calendar.is_provisional(day):
            return (
                f"{day.isoformat()} ({weekday}) is a working day (provisional: counted by law"
                " until the State Council's notice for the year is added)"
            )
        return f"{day.isoformat()} ({weekday}) is a working day"
    holiday = next((h for h in notice.holidays if h.start <= day <= h.end), None)
    if calendar.is_provisional(day):
        law = "provisional: counted by law until the State Council's notice for the year is added"
        if holiday is not None:
            by = f"{holiday.name} by {notice.source}"
            return f"{day.isoformat()} ({weekday}) is a rest day: {by} ({law})"
        return f"{day.isoformat()} ({weekday}) is a rest day ({law})"
    if holiday is not None:
        return f"{day.isoformat()} ({weekday}) is a rest day: {holiday.name} by {notice.source}"
    return f"{day.isoformat()} ({weekday}) is a rest day"

"""The ``wulian`` command.

- ``wulian demo``: build the synthetic Kangbashi district, simulate a quarter, print the
  summary, write the HTML report and the quarter's events into an SQLite event store.
- ``wulian report --store PATH``: the HTML report again, from what the store holds.
- ``wulian evaluate``: hold a directory (JSON) against a policy; text, JSON, CSV or HTML.
- ``wulian synth``: a seeded synthetic directory, district or province sized, as JSON.
- ``wulian calendar``: is a date a working day; when is a deadline N working days on;
  ``wulian calendar add-notice FILE.txt -o YEAR.toml`` turns a notice's text into a year file.
- ``wulian open311 requests``: the cases of an event store (``--store PATH``) or of a demo
  quarter as Open311 GeoReport v2 JSON; ``wulian open311 services``: a policy's service list.

Also runnable as ``python -m wulian_core``; ``wulian --version`` says which version.
``--lang en`` labels the output in English (Chinese, with English beside, by default;
``wulian calendar`` answers in a Chinese line with the English beneath it).

Exit status: 0 when the command did its work; 1 when ``evaluate --fail-on-unmet`` found a
target not met; 2 for bad input (a date, a file, a field, an option that does not apply
to the command), printed as one line on standard error naming what is wrong, never a
traceback and never a file's contents.

Shell completion: argparse completes nothing, and this package depends on nothing that
does; with `argcomplete <https://pypi.org/project/argcomplete/>`_ installed by you,
``eval "$(register-python-argcomplete wulian)"`` completes the commands, options and
choices from the same parser (``wulian ev<Tab>``, ``--format <Tab>``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from ._cli.calendar import run_calendar
from ._cli.common import InputError, exists, one_line, read_text
from ._cli.open311 import add_open311_parser, run_open311
from ._cli.store import report_from_store, store_quarter
from ._progress import _progress, _Working
from .errors import WulianError

if TYPE_CHECKING:
    from .rules import Report, TargetSet

__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "EXIT_UNMET", "main"]

EXIT_OK = 0
"""The command did its work."""
EXIT_UNMET = 1
"""``evaluate --fail-on-unmet`` found at least one target not met."""
EXIT_BAD_INPUT = 2
"""Bad input: a date, a file, a field, or an option that does not apply."""


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error on one line (``wulian calendar: argument --add: ...``)."""

    def error(self, message: str) -> NoReturn:
        raise InputError(f"{self.prog}: {message}; see {self.prog} --help")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _instant(text: str) -> dt.datetime | dt.date:
    """A date, or an aware ISO datetime; a naive datetime is refused."""
    if len(text) == 10:
        return _date(text)
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date or ISO datetime: {text!r}") from None
    if value.utcoffset() is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} has no UTC offset; write it like 2024-02-08T10:00+08:00"
        )
    return value


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wulian-core")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        default="zh",
        help="labels in Chinese with English beside (zh, the default) or in English (en)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="wulian",
        description="五社联动 community governance: the wulian-core command line.",
        epilog="Exit status: 0 ok; 1 evaluate --fail-on-unmet found an unmet target; 2 bad input.",
    )
    parser.add_argument("--version", action="version", version=f"wulian {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser(
        "demo", help="build the article's Kangbashi district and print its summary"
    )
    demo.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    demo.add_argument(
        "--as-of", type=_date, default=None, help="count as of this date (default 2022-06-30)"
    )
    demo.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("wulian-report.html"),
        help="where to write the HTML report (default wulian-report.html)",
    )
    demo.add_argument(
        "--store",
        type=Path,
        default=None,
        help="the SQLite event store to write the quarter into (default: beside the report, "
        "wulian-report.sqlite)",
    )
    _lang_option(demo)

    report = commands.add_parser(
        "report", help="render the HTML report from a quarter stored by wulian demo"
    )
    report.add_argument("--store", type=Path, required=True, help="the SQLite event store")
    report.add_argument(
        "-o", "--output", type=Path, default=Path("wulian-report.html"),
        help="where to write the HTML report (default wulian-report.html)",
    )  # fmt: skip
    _lang_option(report)

    evaluate = commands.add_parser(
        "evaluate", help="hold a directory (JSON) against a policy's targets"
    )
    evaluate.add_argument("directory", type=Path, help="a directory as JSON (wulian synth)")
    evaluate.add_argument(
        "--policy",
        default="shaanxi-2022",
        help="a bundled policy (shaanxi-2022) or a TOML file (default shaanxi-2022)",
    )
    evaluate.add_argument("--as-of", type=_date, required=True, help="evaluate as of this date")
    evaluate.add_argument(
        "--format", choices=("text", "json", "csv", "html"), default="text", help="default text"
    )
    evaluate.add_argument(
        "--fail-on-unmet",
        action="store_true",
        help="exit with status 1 when a target is not met (for CI and scripts)",
    )
    _lang_option(evaluate)

    synth = commands.add_parser("synth", help="write a seeded synthetic directory as JSON")
    synth.add_argument("--scale", choices=("district", "province"), default="district")
    synth.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    synth.add_argument(
        "--communities", type=int, default=None, help="province scale only (default 20000)"
    )
    synth.add_argument(
        "--organizations", type=int, default=None, help="province scale only (default 200000)"
    )
    synth.add_argument("-o", "--output", type=Path, default=None, help="file (default: stdout)")

    calendar = commands.add_parser(
        "calendar",
        help="working days on the official calendar: a date, a deadline, or add-notice",
        description=(
            "The bundled notices cover 2003-12-25 to 2026-12-24. Add a year with --year-file,"
            " or count by law, provisionally, through 2060-12-24 with --beyond statutory."
            " `wulian calendar add-notice FILE.txt -o YEAR.toml` reads a notice's text."
        ),
    )
    calendar.add_argument(
        "start",
        type=_start_or_command,
        metavar="START",
        help="a date (2024-02-04), an instant (2024-02-08T10:00+08:00), or add-notice",
    )
    calendar.add_argument(
        "notice", type=Path, nargs="?", default=None, metavar="FILE.txt", help="add-notice only"
    )
    calendar.add_argument(
        "--add", type=int, default=None, metavar="N", help="the deadline N working days on"
    )
    calendar.add_argument(
        "--year-file",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="a State Council notice as TOML, for a year the library does not bundle yet",
    )
    calendar.add_argument(
        "--beyond",
        choices=("statutory",),
        default=None,
        help="past the last notice, count by law (provisional days) through 2060-12-24",
    )
    calendar.add_argument(
        "-o", "--output", type=Path, default=None, help="add-notice: the TOML file to write"
    )
    _lang_option(calendar)

    add_open311_parser(commands)
    return parser


def _start_or_command(text: str) -> dt.datetime | dt.date | str:
    return text if text == "add-notice" else _instant(text)


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status.

    >>> import tempfile, pathlib
    >>> report = pathlib.Path(tempfile.mkdtemp()) / "report.html"
    >>> main(["demo", "--seed", "1", "--output", str(report), "--lang", "en"])  # doctest: +ELLIPSIS
    康巴什区 (150603), as of 2022-06-30 (the article's time)
    ...
    0
    >>> main(["calendar", "2024-02-04", "--lang", "en"])  # doctest: +ELLIPSIS
    2024-02-04 (Sunday) is a working day: a make-up workday (调休) by 国务院办公厅关于2024年...
    0
    """
    out = sys.stdout if out is None else out
    parser = _parser()
    if argv is None and "_ARGCOMPLETE" in os.environ:  # the shell asks for completions
        _complete(parser)
    try:
        args = parser.parse_args(argv)
    except InputError as exc:  # a bad date or instant, from the options' own parsers
        print(one_line(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    except SystemExit as done:  # --help and --version end here with 0; a usage error with 2
        return int(done.code or 0) if not isinstance(done.code, str) else EXIT_BAD_INPUT
    commands: dict[str, Callable[[argparse.Namespace, TextIO], bool | None]] = {
        "demo": _demo,
        "report": report_from_store,
        "evaluate": _evaluate,
        "synth": _synth,
        "calendar": run_calendar,
        "open311": run_open311,
    }
    command = commands.get(args.command)
    if command is None:
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    try:
        unmet = command(args, out)
    except BrokenPipeError:  # `wulian synth | head`: the reader had enough
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter's flush quiet
        return EXIT_OK
    except (InputError, WulianError) as exc:
        print(f"wulian {args.command}: {one_line(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_UNMET if unmet else EXIT_OK


def _complete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell through argcomplete, when the user installed it (it is not ours).

    argparse completes nothing itself; argcomplete reads the same parser, prints the
    completions and exits. Without it, the command runs on as usual.
    """
    import importlib

    try:
        argcomplete = importlib.import_module("argcomplete")
    except ImportError:
        return
    argcomplete.autocomplete(parser)


def _demo(args: argparse.Namespace, out: TextIO) -> None:
    from . import policies
    from ._labels import check_lang, heading
    from .demo import ARTICLE_DATE, quarter_summary, summary
    from .html_report import render
    from .simulation import simulate_quarter
    from .synth import kangbashi

    directory = kangbashi(seed=args.seed)
    print(summary(directory, as_of=args.as_of or ARTICLE_DATE, lang=args.lang), file=out)
    quarter = simulate_quarter(directory, targets=policies.load("shaanxi-2022"), seed=args.seed)
    print(quarter_summary(quarter, lang=args.lang), file=out)
    page = render(quarter, lang=args.lang)
    try:
        args.output.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{args.output}: cannot write: {exc.strerror}") from None
    language = check_lang(args.lang)
    print(f"{heading('html_report', language)} written to {args.output}", file=out)
    store_quarter(quarter, args.store or args.output.with_suffix(".sqlite"), out, lang=language)


def _evaluate(args: argparse.Namespace, out: TextIO) -> bool:
    from .codec import from_json
    from .directory import Directory
    from .rules import Status, evaluate

    try:
        with _Working(f"reading {args.directory}"):
            directory = from_json(Directory, read_text(args.directory))
    except WulianError as exc:
        raise InputError(f"{args.directory}: {one_line(exc)}") from None
    plan = _policy(args.policy)
    with _Working(f"evaluating {plan.name} over {len(directory.communities()):,} communities"):
        report = evaluate(plan, directory, as_of=args.as_of)
    _write_report(report, args.format, args.lang, out)
    return bool(args.fail_on_unmet) and any(t.status is Status.NOT_MET for t in report.totals())


def _policy(name_or_path: str) -> TargetSet:
    """A bundled policy, or a TOML file; an error names the file, never echoes its text."""
    import tomllib

    from . import policies

    if name_or_path in policies.bundled():
        return policies.load(name_or_path)
    path = Path(name_or_path)
    if path.suffix != ".toml" and not exists(path):
        known = ", ".join(policies.bundled())
        raise InputError(f"--policy {name_or_path!r}: not a bundled policy ({known}) or a file")
    text = read_text(path)
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not a TOML policy file: {exc}") from None
    try:
        return policies.load(text)
    except WulianError as exc:
        raise InputError(f"{path}: {one_line(exc)}") from None


def _plain_records(report: Report) -> list[dict[str, object]]:
    """Report rows with one type per field: shares as decimals beside exact integer parts."""
    from fractions import Fraction

    rows = []
    for record in report.to_records():
        row = dict(record)
        required = Fraction(row["required"])
        row["measured"] = float(row["measured"])
        row["required"] = float(required)
        row["required_numerator"] = required.numerator
        row["required_denominator"] = required.denominator
        row["as_of"] = row["as_of"].isoformat()
        row["due_by"] = row["due_by"].isoformat()
        rows.append(row)
    return rows


def _write_report(report: Report, form: str, lang: str, out: TextIO) -> None:
    import csv
    import json

    from ._labels import check_lang, heading, label
    from .html_report import standalone

    language = check_lang(lang)
    if form == "json":
        print(json.dumps(_plain_records(report), ensure_ascii=False, indent=1), file=out)
    elif form == "csv":
        records = _plain_records(report)
        fields = list(records[0]) if records else []
        # The byte-order mark tells Excel the file is UTF-8; without it Chinese is garbled.
        out.write("\ufeff")
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    elif form == "html":
        title = report.targets.title_en if language == "en" else report.targets.title_zh
        print(standalone(report.to_html(full=True, lang=language), title=title), file=out)
    else:
        print(repr(report), file=out)
        for total in report.totals():
            target = report.target(total.target)
            words = total.status.label_en if language == "en" else total.status.label_zh
            if not total.subjects:
                words = label("no_subjects", language)
            title = (
                target.title_en if language == "en" else f"{target.title_zh} / {target.title_en}"
            )
            met = f"{heading('met', language)} {total.met}/{total.subjects}"
            print(f"  {total.target}: {met} ({words}) {title}", file=out)


def _synth(args: argparse.Namespace, out: TextIO) -> None:
    from .codec import to_json
    from .synth import kangbashi, province

    if args.scale == "district":
        given = [
            name
            for name, value in (
                ("--communities", args.communities),
                ("--organizations", args.organizations),
            )
            if value is not None
        ]
        if given:
            # The district is the article's Kangbashi, always 19 communities: say so.
            raise InputError(f"{' and '.join(given)} apply to --scale province only")
        directory = kangbashi(seed=args.seed)
    else:
        communities = 20_000 if args.communities is None else args.communities
        organizations = 200_000 if args.organizations is None else args.organizations
        if communities < 1 or organizations < 0:
            raise InputError("--communities must be at least 1 and --organizations at least 0")
        townships = max(1, min(communities // 15, 110 * 999))
        label = f"province: {communities:,} communities, {organizations:,} organizations"
        with _Working(f"building {label}"):
            directory = province(
                seed=args.seed,
                townships=townships,
                communities=communities,
                organizations=organizations,
            )
    with _Working("encoding JSON"):
        text = to_json(directory)
    if args.output is None:
        print(text, file=out)
        return
    try:
        args.output.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{args.output}: cannot write: {exc.strerror}") from None
    _progress(f"wrote {args.output} ({len(text):,} characters)")


if __name__ == "__main__":  # python -m wulian_core.cli, as python -m wulian_core
    sys.exit(main())

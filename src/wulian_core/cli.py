"""The ``wulian`` command.

``wulian demo`` builds the synthetic Kangbashi district and prints its summary.
Also runnable as ``python -m wulian_core``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence

__all__ = ["main"]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wulian",
        description="五社联动 community governance: the wulian-core command line.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser(
        "demo", help="build the article's Kangbashi district and print its summary"
    )
    demo.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    demo.add_argument(
        "--as-of", type=_date, default=None, help="count as of this date (default 2022-06-30)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    >>> main(["demo", "--seed", "1"])  # doctest: +ELLIPSIS
    康巴什区 (150603), as of 2022-06-30
    ...
    0
    """
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "demo":
        from .demo import ARTICLE_DATE, summary
        from .synth import kangbashi

        print(summary(kangbashi(seed=args.seed), as_of=args.as_of or ARTICLE_DATE))
        return 0
    parser.print_help(sys.stderr)
    return 2

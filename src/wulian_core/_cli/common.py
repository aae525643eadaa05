"""What the command's subcommands share: the bad-input error, reading a file, one-line messages."""

from __future__ import annotations

from pathlib import Path

__all__ = ["InputError", "one_line", "read_text"]


class InputError(Exception):
    """Bad input from the command line or a file: printed as one line, exit status 2."""


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None


def one_line(exc: Exception) -> str:
    """An error's message on one line: a DecodeError's list of paths joined with ``;``."""
    first, _, rest = str(exc).partition("\n")
    detail = "; ".join(line.lstrip("- ") for line in rest.splitlines())
    return f"{first} {detail}" if detail else first

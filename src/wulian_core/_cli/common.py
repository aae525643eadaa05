"""What the command's subcommands share: the bad-input error, reading a file, one-line messages."""

from __future__ import annotations

from pathlib import Path

__all__ = ["InputError", "exists", "one_line", "read_text", "shown_path"]


class InputError(Exception):
    """Bad input from the command line or a file: printed as one line, exit status 2."""


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{shown_path(path)}: not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"{shown_path(path)}: cannot read: {exc.strerror}") from None
    except ValueError:  # a NUL in the name: no file can have it
        raise InputError(f"{shown_path(path)}: not a file name") from None


def shown_path(path: Path) -> str:
    """A path as an error shows it: cut short when it is long or holds unprintable characters."""
    text = str(path)
    return text if len(text) <= 200 and text.isprintable() else f"{text[:40]!r}…"


def exists(path: Path) -> bool:
    """Whether ``path`` names a file; a name no file can have (too long, a NUL) names none."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def one_line(exc: Exception) -> str:
    """An error's message on one line: a DecodeError's list of paths joined with ``;``."""
    first, _, rest = str(exc).partition("\n")
    detail = "; ".join(line.lstrip("- ") for line in rest.splitlines())
    return f"{first} {detail}" if detail else first

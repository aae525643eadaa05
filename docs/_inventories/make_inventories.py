"""Write the small intersphinx inventories the docs build reads offline.

The build machine reaches no documentation site, so the names the API pages refer to in
Python, attrs, cattrs and Hypothesis are listed here with their real documentation
addresses and written as Sphinx inventories (``objects.inv``, version 2). Run
``python docs/_inventories/make_inventories.py`` after adding a name; the build
(``sphinx-build -n -W``) says which names are missing.
"""

from __future__ import annotations

import zlib
from pathlib import Path

HERE = Path(__file__).parent

_STD = "library/stdtypes.html"
_FUN = "library/functions.html"
_EXC = "library/exceptions.html"
_ABC = "library/collections.abc.html"

PYTHON = {
    # role, name: page#anchor (the anchor is the name unless given)
    **{
        ("py:class", f"datetime.{n}"): "library/datetime.html"
        for n in ("date", "datetime", "timedelta", "time", "timezone", "tzinfo")
    },
    ("py:class", "fractions.Fraction"): "library/fractions.html",
    ("py:class", "decimal.Decimal"): "library/decimal.html",
    ("py:class", "zoneinfo.ZoneInfo"): "library/zoneinfo.html",
    ("py:class", "enum.Enum"): "library/enum.html",
    ("py:class", "pathlib.Path"): "library/pathlib.html",
    ("py:class", "os.PathLike"): "library/os.html",
    ("py:class", "random.Random"): "library/random.html",
    ("py:class", "uuid.UUID"): "library/uuid.html",
    ("py:class", "typing.TextIO"): "library/typing.html",
    ("py:data", "typing.Any"): "library/typing.html",
    **{
        ("py:class", f"collections.abc.{n}"): _ABC
        for n in (
            "Iterable",
            "Iterator",
            "Mapping",
            "Sequence",
            "Callable",
            "Set",
            "Collection",
            "Hashable",
            "MutableMapping",
        )
    },
    **{
        ("py:class", n): _STD
        for n in (
            "str",
            "int",
            "float",
            "bool",
            "tuple",
            "list",
            "dict",
            "set",
            "frozenset",
            "bytes",
        )
    },
    **{("py:class", n): _FUN for n in ("object", "type")},
    **{
        ("py:exception", n): _EXC
        for n in (
            "Exception",
            "ValueError",
            "LookupError",
            "KeyError",
            "TypeError",
            "PermissionError",
            "ImportError",
            "AttributeError",
            "RecursionError",
            "OSError",
        )
    },
}

ATTRS = {
    **{("py:function", f"attrs.{n}"): "api.html" for n in ("frozen", "define", "field", "evolve")},
    ("py:class", "attrs.Attribute"): "api.html",
}

CATTRS = {
    ("py:class", "cattrs.Converter"): "cattrs.html",
    ("py:class", "cattrs.BaseConverter"): "cattrs.html",
    ("py:class", "cattrs.converters.Converter"): "cattrs.html#cattrs.Converter",
    ("py:exception", "cattrs.ClassValidationError"): "cattrs.html",
}

HYPOTHESIS = {
    ("py:class", "hypothesis.strategies.SearchStrategy"): "reference/strategies.html",
    ("py:function", "hypothesis.strategies.composite"): "reference/strategies.html",
    ("py:function", "hypothesis.strategies.data"): "reference/strategies.html",
    ("py:class", "hypothesis.strategies.DataObject"): (
        "reference/strategies.html#hypothesis.strategies.data"
    ),
    ("py:class", "hypothesis.strategies._internal.core.DataObject"): (
        "reference/strategies.html#hypothesis.strategies.data"
    ),
    ("py:class", "hypothesis.stateful.RuleBasedStateMachine"): "reference/api.html",
}


def inventory(project: str, version: str, names: dict[tuple[str, str], str]) -> bytes:
    """An ``objects.inv`` (version 2) naming ``names``; each address is relative to the docs' root."""
    lines = []
    for (role, name), where in sorted(names.items()):
        address = where if "#" in where else f"{where}#{name}"
        lines.append(f"{name} {role} 1 {address} -\n")
    head = (
        "# Sphinx inventory version 2\n"
        f"# Project: {project}\n# Version: {version}\n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    return head.encode() + zlib.compress("".join(lines).encode())


def main() -> None:
    for file, project, version, names in (
        ("python.inv", "Python", "3", PYTHON),
        ("attrs.inv", "attrs", "stable", ATTRS),
        ("cattrs.inv", "cattrs", "stable", CATTRS),
        ("hypothesis.inv", "Hypothesis", "latest", HYPOTHESIS),
    ):
        (HERE / file).write_bytes(inventory(project, version, names))


if __name__ == "__main__":
    main()

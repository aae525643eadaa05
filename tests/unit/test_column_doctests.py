"""The examples in the columns' method docstrings run.

``Organizations`` and ``Activities`` are published by ``wulian_core.directory`` (their
``__module__``), so pytest's doctest collection finds their class docstrings there but
skips their methods, which still name the private modules they are written in.
"""

from __future__ import annotations

import doctest
import inspect

import pytest

from wulian_core import _column_texts, _directory_columns
from wulian_core.directory import Activities, Organizations

_METHODS = [
    (name, member)
    for cls in (Organizations, Activities, _column_texts.RecordColumns)
    for name, member in vars(cls).items()
    if not name.startswith("_")
    and (inspect.isfunction(member) or isinstance(member, classmethod))
    and ">>>" in (inspect.getdoc(member) or "")
]


@pytest.mark.parametrize(("name", "method"), _METHODS, ids=[name for name, _ in _METHODS])
def test_the_examples_of_each_method_run(name: str, method: object) -> None:
    function = method.__func__ if isinstance(method, classmethod) else method
    globs = {**vars(_directory_columns), **vars(_column_texts)}
    tests = doctest.DocTestFinder().find(function, name, globs=globs)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in tests:
        runner.run(test)
    assert runner.tries > 0
    assert runner.failures == 0

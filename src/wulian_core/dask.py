"""Targets evaluated on a Dask cluster, county by county: for more than one process holds.

:func:`evaluate_partitioned` cuts a directory into runs of whole counties
(:func:`~wulian_core.rules.partition_by_county`), evaluates each on a worker
(:func:`~wulian_core.rules.evaluate_part`), evaluates the subjects above the counties
here, and merges the reports with :meth:`~wulian_core.rules.Report.merge`: the same
report as :func:`~wulian_core.rules.evaluate` in one process. Needs the ``dask`` extra
(``pip install 'wulian-core[dask]'``); ``import wulian_core.dask`` alone does not import
Dask.

>>> import datetime as dt
>>> from wulian_core import policies, synth
>>> evaluate_partitioned(policies.load("shaanxi-2022"), synth.kangbashi(),
...                      as_of=dt.date(2023, 12, 31), client="local")
Traceback (most recent call last):
...
wulian_core.errors.InvalidValue: client: must be a distributed.Client (got 'local')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from wulian_core import _checks
from wulian_core.directory import Directory
from wulian_core.errors import InvalidValue, MissingExtra
from wulian_core.rules import (
    DEFAULT_KINDS,
    Report,
    TargetKinds,
    TargetSet,
    Training,
    evaluate_part,
    partition_by_county,
)

__all__ = ["evaluate_partitioned"]


def evaluate_partitioned(
    targets: TargetSet,
    directory: Directory,
    *,
    as_of: dt.date,
    client: Any,
    parts: int | None = None,
    kinds: TargetKinds = DEFAULT_KINDS,
    trainings: Iterable[Training] = (),
) -> Report:
    """Evaluate ``targets`` on the cluster of ``client``, ``parts`` runs of counties at once.

    ``client`` is a ``distributed.Client``; ``parts`` defaults to twice the cluster's
    threads, so that a slow part does not hold the others up. Each part travels to its
    worker as plain records and is checked and indexed there, in parallel.

    >>> from distributed import Client, LocalCluster
    >>> from wulian_core import policies, synth
    >>> from wulian_core.rules import evaluate
    >>> plan, district = policies.load("shaanxi-2022"), synth.kangbashi()
    >>> with LocalCluster(n_workers=1, processes=False) as cluster, Client(cluster) as client:
    ...     report = evaluate_partitioned(plan, district, as_of=dt.date(2023, 12, 31),
    ...                                   client=client)
    >>> report == evaluate(plan, district, as_of=dt.date(2023, 12, 31))
    True
    """
    try:
        import distributed
    except ImportError:
        raise MissingExtra("dask", "wulian_core.dask.evaluate_partitioned") from None
    if not isinstance(client, distributed.Client):
        raise InvalidValue("client", client, "must be a distributed.Client")
    cluster: Any = client  # distributed's methods carry no annotations
    if not isinstance(targets, TargetSet):
        raise InvalidValue("targets", targets, "must be a TargetSet", shown=type(targets).__name__)
    if not isinstance(directory, Directory):
        raise InvalidValue("directory", directory, "must be a Directory")
    _checks.arg_date(as_of, "as_of")
    if parts is None:
        parts = 2 * max(1, sum(cluster.nthreads().values()))
    _checks.arg_count(parts, "parts", minimum=1)
    held = tuple(trainings) if hasattr(trainings, "__iter__") else trainings
    pieces = cluster.scatter(partition_by_county(directory, parts))
    futures = [
        client.submit(evaluate_part, targets, piece, as_of=as_of, kinds=kinds, trainings=held)
        for piece in pieces
    ]
    # The subjects above the counties need the whole directory: here, while the workers run.
    above = evaluate_part(
        targets, directory, as_of=as_of, kinds=kinds, trainings=held, above_counties=True
    )
    reports: list[Report] = cluster.gather(futures)
    return above.merge(*reports)

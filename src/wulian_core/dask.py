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

__all__ = ["CountyParts", "evaluate_partitioned"]


class CountyParts:
    """A directory cut into runs of whole counties, each built and kept on a Dask worker.

    Sending records to another process costs more than evaluating them (pickling a
    province takes seconds; evaluating it a tenth of one), so a cluster that evaluates
    often keeps its parts: :meth:`scatter` once, then :meth:`evaluate` on any date and
    plan. Each worker keeps its part's date index between evaluations.

    >>> import datetime as dt
    >>> from distributed import Client, LocalCluster
    >>> from wulian_core import policies, synth
    >>> from wulian_core.rules import evaluate
    >>> plan, district = policies.load("shaanxi-2022"), synth.kangbashi()
    >>> cluster = LocalCluster(n_workers=1, processes=False, dashboard_address=":0")
    >>> with cluster, Client(cluster) as client:
    ...     parts = CountyParts.scatter(district, client)
    ...     reports = [parts.evaluate(plan, as_of=dt.date(y, 12, 31)) for y in (2022, 2023)]
    >>> reports[1] == evaluate(plan, district, as_of=dt.date(2023, 12, 31))
    True
    """

    __slots__ = ("client", "directory", "parts")

    def __init__(self, directory: Directory, client: Any, parts: list[Any]) -> None:
        self.directory = directory  # for the subjects above counties, evaluated here
        self.client = client
        self.parts = parts  # futures of the parts' directories, on the workers

    @classmethod
    def scatter(cls, directory: Directory, client: Any, *, parts: int | None = None) -> CountyParts:
        """Cut ``directory`` into ``parts`` runs of counties (twice the cluster's threads by
        default), send each to a worker, and check and build it there."""
        cluster = _client(client)
        if not isinstance(directory, Directory):
            raise InvalidValue("directory", directory, "must be a Directory")
        if parts is None:
            parts = 2 * max(1, sum(cluster.nthreads().values()))
        _checks.arg_count(parts, "parts", minimum=1)
        # hash=False: a key from the records' contents would tokenize every record.
        pieces = cluster.scatter(partition_by_county(directory, parts), hash=False)
        built = [cluster.submit(_build, piece, pure=False) for piece in pieces]
        return cls(directory, cluster, built)

    def evaluate(
        self,
        targets: TargetSet,
        *,
        as_of: dt.date,
        kinds: TargetKinds = DEFAULT_KINDS,
        trainings: Iterable[Training] = (),
    ) -> Report:
        """The report of the whole directory: each part on its worker, merged here."""
        if not isinstance(targets, TargetSet):
            raise InvalidValue(
                "targets", targets, "must be a TargetSet", shown=type(targets).__name__
            )
        _checks.arg_date(as_of, "as_of")
        # Every argument checked before any task leaves for the cluster: a refused call
        # sets nothing running.
        if not isinstance(kinds, TargetKinds):
            raise InvalidValue("kinds", kinds, "must be a TargetKinds")
        held = _checks.arg_items(trainings, "trainings", what="trainings")
        for training in held:
            if not isinstance(training, Training):
                raise InvalidValue("trainings", training, "must hold Training records")
        futures = [
            self.client.submit(
                evaluate_part, targets, part, as_of=as_of, kinds=kinds, trainings=held, pure=False
            )
            for part in self.parts
        ]
        # The subjects above the counties need the whole directory: here, while the workers run.
        above = evaluate_part(
            targets, self.directory, as_of=as_of, kinds=kinds, trainings=held, above_counties=True
        )
        reports: list[Report] = self.client.gather(futures)
        return above.merge(*reports)


def _build(part: dict[str, tuple[Any, ...]]) -> Directory:
    return Directory(**part)


def _client(client: Any) -> Any:
    try:
        import distributed
    except ImportError:
        raise MissingExtra("dask", "wulian_core.dask") from None
    if not isinstance(client, distributed.Client):
        raise InvalidValue("client", client, "must be a distributed.Client")
    return client  # typed Any: distributed's methods carry no annotations


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
    threads, so that a slow part does not hold the others up. The parts travel to the
    workers for this one evaluation: to evaluate again, keep them
    (:meth:`CountyParts.scatter`).

    >>> from distributed import Client, LocalCluster
    >>> from wulian_core import policies, synth
    >>> from wulian_core.rules import evaluate
    >>> plan, district = policies.load("shaanxi-2022"), synth.kangbashi()
    >>> cluster = LocalCluster(n_workers=1, processes=False, dashboard_address=":0")
    >>> with cluster, Client(cluster) as client:
    ...     report = evaluate_partitioned(plan, district, as_of=dt.date(2023, 12, 31),
    ...                                   client=client)
    >>> report == evaluate(plan, district, as_of=dt.date(2023, 12, 31))
    True
    """
    _client(client)
    if not isinstance(targets, TargetSet):
        raise InvalidValue("targets", targets, "must be a TargetSet", shown=type(targets).__name__)
    _checks.arg_date(as_of, "as_of")
    scattered = CountyParts.scatter(directory, client, parts=parts)
    return scattered.evaluate(targets, as_of=as_of, kinds=kinds, trainings=trainings)

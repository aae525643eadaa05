"""Targets evaluated on a Dask cluster, county by county: for more than one process holds.

Where an app outgrows one process, its records sit in files or a database per county,
not in the parent process: :func:`evaluate_loaded` has each worker load its counties
itself, through a loader the app passes (:class:`CountyFiles` reads a codec JSON file
per county), evaluate them there and send back only the report, merged here with
:meth:`~wulian_core.rules.Report.merge`.

:func:`evaluate_partitioned`, for a directory already held here, cuts it into runs of whole counties
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
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from wulian_core import _checks, codec
from wulian_core.directory import Directory
from wulian_core.errors import InvalidValue, MissingExtra
from wulian_core.regions import RegionLevel
from wulian_core.rules import (
    DEFAULT_KINDS,
    Report,
    TargetKinds,
    TargetSet,
    Training,
    county_parts,
    evaluate_part,
    part_above_counties,
    partition_by_county,
)

__all__ = ["CountyFiles", "CountyParts", "evaluate_loaded", "evaluate_partitioned"]

Part = Directory | dict[str, tuple[Any, ...]]


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
        held = _arguments(targets, as_of, kinds, trainings)
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


def _arguments(
    targets: object, as_of: object, kinds: object, trainings: Iterable[Training]
) -> tuple[Training, ...]:
    """Every argument checked before any task leaves for the cluster: a refused call sets
    nothing running. The trainings, as a tuple to send."""
    if not isinstance(targets, TargetSet):
        raise InvalidValue("targets", targets, "must be a TargetSet", shown=type(targets).__name__)
    _checks.arg_date(as_of, "as_of")
    if not isinstance(kinds, TargetKinds):
        raise InvalidValue("kinds", kinds, "must be a TargetKinds")
    held = _checks.arg_items(trainings, "trainings", what="trainings")
    for training in held:
        if not isinstance(training, Training):
            raise InvalidValue("trainings", training, "must hold Training records")
    return held


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


# -- parts the workers load themselves ---------------------------------------------------


class CountyFiles:
    """County parts as codec JSON files in one folder, and the loader that reads them.

    ``<county>.json`` holds a county's part (:func:`~wulian_core.rules.county_parts`: its
    regions and records, the regions above it with their records, the people they name),
    ``above.json`` the regions above the counties with their own records
    (:func:`~wulian_core.rules.part_above_counties`). Called with a county code, it reads
    that county's file: picklable, so a worker of another process or machine that sees
    the folder loads its counties itself. Personal numbers are written whole: the files
    are storage, not a page.

    >>> import tempfile
    >>> from wulian_core import synth
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     files = CountyFiles.write(synth.kangbashi(), folder)
    ...     part = files("150603")
    ...     files.counties(), len(part.organizations) == len(synth.kangbashi().organizations)
    (['150603'], True)
    >>> CountyFiles(".")("15060")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: county: must be a county's code (6 digits) (got '15060')
    """

    __slots__ = ("folder",)

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        if not isinstance(folder, str | os.PathLike):
            raise InvalidValue("folder", folder, "must be a path (str or os.PathLike)")
        self.folder = Path(folder)

    def __repr__(self) -> str:
        return f"CountyFiles({str(self.folder)!r})"

    @classmethod
    def write(cls, directory: Directory, folder: str | os.PathLike[str]) -> CountyFiles:
        """Write ``directory`` as one file per county and one for the regions above."""
        files = cls(folder)
        if not isinstance(directory, Directory):
            raise InvalidValue("directory", directory, "must be a Directory")
        files.folder.mkdir(parents=True, exist_ok=True)
        for county, part in county_parts(directory).items():
            files._path(county).write_text(_text(part), encoding="utf-8")
        (files.folder / "above.json").write_text(
            _text(part_above_counties(directory)), encoding="utf-8"
        )
        return files

    def counties(self) -> list[str]:
        """The codes of the counties with a file, in code order."""
        return sorted(p.stem for p in self.folder.glob("*.json") if p.stem != "above")

    def __call__(self, county: str) -> Directory:
        """The part of ``county`` (its 6-digit code), read from its file."""
        return codec.from_json(Directory, self._path(county).read_bytes())

    def above(self) -> Directory:
        """The regions above the counties with their own records."""
        return codec.from_json(Directory, (self.folder / "above.json").read_bytes())

    def _path(self, county: str) -> Path:
        return self.folder / f"{_county(county, 'county')}.json"


def _text(part: dict[str, tuple[Any, ...]]) -> str:
    return codec.to_json(Directory(**part), reveal=True)


def _county(code: object, name: str) -> str:
    """A county's code as text, or InvalidValue naming the argument (no path from it)."""
    if not isinstance(code, str) or len(code) != RegionLevel.COUNTY.digits or not code.isdigit():
        raise InvalidValue(name, code, "must be a county's code (6 digits)")
    return str(code)


def evaluate_loaded(
    targets: TargetSet,
    counties: Iterable[str],
    load: Callable[[str], Part],
    *,
    as_of: dt.date,
    client: Any,
    above: Directory | None = None,
    parts: int | None = None,
    kinds: TargetKinds = DEFAULT_KINDS,
    trainings: Iterable[Training] = (),
) -> Report:
    """Evaluate ``targets`` over ``counties`` that the workers load with ``load``.

    ``load`` is a picklable callable, county code to that county's part: a
    :class:`~wulian_core.directory.Directory` or its fields, cut as
    :func:`~wulian_core.rules.county_parts` cuts (:class:`CountyFiles` reads such parts
    from files; an app's own may read a database). The counties go out in ``parts`` runs
    (twice the cluster's threads by default); each worker loads, evaluates and merges
    its run's counties, one at a time, and sends back one report; nothing of the
    records travels. The subjects above the counties (cities, the province) are
    evaluated here, on ``above``, while the workers run: a directory holding what
    those targets read (the whole one always does; for the shipped kinds'
    station-coverage and training targets the regions above the counties with their own
    records do, as :meth:`CountyFiles.above` reads them). ``above`` may be left out only
    when no target applying on ``as_of`` has subjects above counties.

    >>> import tempfile
    >>> from distributed import Client, LocalCluster
    >>> from wulian_core import policies, synth
    >>> from wulian_core.rules import evaluate
    >>> plan, district, day = policies.load("shaanxi-2022"), synth.kangbashi(), dt.date(2023, 12, 31)
    >>> cluster = LocalCluster(n_workers=1, processes=False, dashboard_address=":0")
    >>> with tempfile.TemporaryDirectory() as folder, cluster, Client(cluster) as client:
    ...     files = CountyFiles.write(district, folder)
    ...     report = evaluate_loaded(plan, files.counties(), files, as_of=day, client=client,
    ...                              above=files.above())
    >>> report == evaluate(plan, district, as_of=day)
    True
    """
    cluster = _client(client)
    held = _arguments(targets, as_of, kinds, trainings)
    chosen = [_county(c, "counties") for c in _checks.arg_items(counties, "counties")]
    if not chosen:
        raise InvalidValue("counties", chosen, "must name at least one county")
    if len(set(chosen)) != len(chosen):
        twice = sorted({c for c in chosen if chosen.count(c) > 1})
        raise InvalidValue("counties", twice, "names these counties twice")
    if not callable(load):
        raise InvalidValue("load", load, "must be a callable: county code -> its part")
    if above is not None and not isinstance(above, Directory):
        raise InvalidValue("above", above, "must be a Directory or None")
    county_digits = RegionLevel.COUNTY.digits
    high = [
        t.id
        for t in targets.targets
        if t.applies_on(as_of) and t.subjects.level.digits < county_digits
    ]
    if above is None and high:
        raise InvalidValue(
            "above", None, f"must be given: {', '.join(high)} have subjects above counties"
        )
    if parts is None:
        parts = 2 * max(1, sum(cluster.nthreads().values()))
    _checks.arg_count(parts, "parts", minimum=1)
    size = -(-len(chosen) // parts)
    runs = [chosen[i : i + size] for i in range(0, len(chosen), size)]
    futures = [
        cluster.submit(_load_and_evaluate, load, run, targets, as_of, kinds, held, pure=False)
        for run in runs
    ]
    reports: list[Report] = []
    if above is not None:
        reports.append(
            evaluate_part(
                targets, above, as_of=as_of, kinds=kinds, trainings=held, above_counties=True
            )
        )
    reports.extend(cluster.gather(futures))
    return reports[0].merge(*reports[1:])


def _load_and_evaluate(
    load: Callable[[str], Part],
    counties: list[str],
    targets: TargetSet,
    as_of: dt.date,
    kinds: TargetKinds,
    trainings: tuple[Training, ...],
) -> Report:
    """On a worker: each county loaded, evaluated and let go in turn; one merged report."""
    reports = [
        evaluate_part(targets, load(county), as_of=as_of, kinds=kinds, trainings=trainings)
        for county in counties
    ]
    return reports[0].merge(*reports[1:])

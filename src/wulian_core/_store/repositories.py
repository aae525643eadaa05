"""Loading aggregates from their streams, and the repositories a unit of work hands out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final, Protocol

from wulian_core.calendar import WorkCalendar
from wulian_core.errors import InvalidValue, NotFound
from wulian_core.escalation import Case
from wulian_core.points import Catalogue, MoralNoticeBoard, Passbook, PointsPolicy, ShopRegistry
from wulian_core.volunteering import CommunityActivity, VolunteerRegistration

from .kinds import KINDS, replay
from .protocol import Recorded, StreamId
from .snapshots import Snapshot, SnapshotCodec
from .upcasting import Upcasters, decode

__all__ = [
    "ActivityRepository",
    "CaseRepository",
    "CatalogueRepository",
    "Loader",
    "NoticeBoardRepository",
    "PassbookRepository",
    "RegistrationRepository",
    "ShopRegistryRepository",
    "stream_of",
]

Aggregate = (
    Case
    | Passbook
    | Catalogue
    | VolunteerRegistration
    | CommunityActivity
    | ShopRegistry
    | MoralNoticeBoard
)

# The kind of stream of each aggregate class, for stream_of.
_KIND_OF: Final[dict[type, str]] = {kind.cls: name for name, kind in KINDS.items()}


def stream_of(aggregate: object) -> StreamId:
    """The stream an aggregate's events go to.

    >>> import datetime as dt
    >>> from wulian_core.points import Catalogue
    >>> from wulian_core.people import Actor, Grant, Role, Scope
    >>> from wulian_core.regions import RegionCode
    >>> home = RegionCode("150603001001")
    >>> staff = Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))})
    >>> shop = Catalogue.open(point="shop-1", community=home, by=staff,
    ...     at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    >>> str(stream_of(shop))
    'catalogue:shop-1'
    >>> from wulian_core.examples import activity_opened
    >>> str(stream_of(activity_opened()[0]))
    'activity:act-1'
    """
    kind = _KIND_OF.get(type(aggregate))
    if kind is None:
        raise InvalidValue(
            "aggregate",
            aggregate,
            "must be a Case, Passbook, Catalogue, VolunteerRegistration, CommunityActivity, "
            "ShopRegistry or MoralNoticeBoard",
        )
    if isinstance(aggregate, Passbook):  # named by its holder's id
        return StreamId(kind, aggregate.holder.id)
    return StreamId(kind, getattr(aggregate, KINDS[kind].ident))


class Loader:
    """Rebuilds aggregates from stored rows or a snapshot, with the store's settings.

    >>> from wulian_core.points import PointsPolicy
    >>> Loader(points_policy=PointsPolicy.practice()).points_policy.name
    '...'
    """

    __slots__ = ("calendar", "codec", "points_policy", "upcasters")

    def __init__(
        self,
        *,
        points_policy: PointsPolicy,
        calendar: WorkCalendar | None = None,
        upcasters: Upcasters | None = None,
        codec: SnapshotCodec | None = None,
    ) -> None:
        self.points_policy = points_policy
        self.calendar = calendar
        self.upcasters = upcasters or Upcasters()
        self.codec = codec

    def events(
        self,
        stream: StreamId,
        read: Callable[[StreamId, int], list[Recorded]],
        prefix: tuple[Any, ...] | None = None,
    ) -> list[Any]:
        """Every event of ``stream`` after a known ``prefix`` (cached), oldest first: the
        prefix, then the rows after it, decoded."""
        after = 0 if prefix is None else len(prefix)
        tail = self.decode(stream, read(stream, after))
        return [*prefix, *tail] if prefix else tail

    def decode(self, stream: StreamId, rows: list[Recorded]) -> list[Any]:
        """The events of ``stream``'s ``rows``, lifted by the upcasters and decoded."""
        union = KINDS[stream.kind].union
        upcasters = self.upcasters
        return [decode(union, row, upcasters) for row in rows]

    def restore(
        self,
        stream: StreamId,
        snapshot: Snapshot,
        later: list[Any],
        policy: PointsPolicy | None = None,
    ) -> Aggregate | None:
        """The aggregate of ``snapshot`` and the ``later`` events; ``None`` to read it all."""
        if self.codec is None:
            return None
        found: Aggregate | None = self.codec.restore(
            stream, snapshot, later, policy or self.points_policy, self.calendar
        )
        return found

    def rebuild(
        self, stream: StreamId, events: list[Any], policy: PointsPolicy | None = None
    ) -> Aggregate:
        """The aggregate ``events`` describe; ``NotFound`` for an empty stream."""
        if not events:
            raise NotFound(KINDS[stream.kind].noun, stream.id)
        found: Aggregate = replay(
            stream.kind, events, policy=policy or self.points_policy, calendar=self.calendar
        )
        return found


class Tracker(Protocol):
    """What a repository asks of its unit of work: load a stream, take in a new aggregate."""

    def _load(self, stream: StreamId, policy: PointsPolicy | None) -> Any: ...
    def _load_many(self, kind: str, ids: list[str]) -> Any: ...
    def _add(self, stream: StreamId, aggregate: Any) -> None: ...


class _Repository:
    __slots__ = ("_kind", "_uow")

    def __init__(self, uow: Tracker, kind: str) -> None:
        self._uow, self._kind = uow, kind

    def _get(self, id: str, policy: PointsPolicy | None = None) -> Any:
        return self._uow._load(StreamId(self._kind, id), policy)

    def _add(self, aggregate: Any, cls: type) -> None:
        if not isinstance(aggregate, cls):
            name = f"uow.{KINDS[self._kind].repository}.add"
            raise InvalidValue(name, aggregate, f"must be a {cls.__name__}")
        self._uow._add(stream_of(aggregate), aggregate)


class CaseRepository(_Repository):
    """The cases of a unit of work: :meth:`get` loads one, :meth:`add` a new one.

    >>> from wulian_core.store import SQLiteStore
    >>> store = SQLiteStore(":memory:")
    >>> store.create()
    >>> with store.unit_of_work() as uow:
    ...     uow.cases.get("c-404")
    Traceback (most recent call last):
    ...
    wulian_core.errors.NotFound: no case 'c-404'
    """

    __slots__ = ()

    def get(self, id: str) -> Case:
        """The case ``id`` as stored; the same object for the same id within a unit of work."""
        case: Case = self._get(id)
        return case

    def get_many(self, ids: Sequence[str]) -> list[Case]:
        """The cases ``ids``, in order, read in one query; ``NotFound`` if one is missing.

        >>> from wulian_core.store import SQLiteStore
        >>> store = SQLiteStore(":memory:")
        >>> store.create()
        >>> with store.unit_of_work() as uow:
        ...     uow.cases.get_many([])
        []
        """
        if isinstance(ids, str) or not all(type(i) is str for i in ids):
            raise InvalidValue("uow.cases.get_many.ids", ids, "must be a sequence of case ids")
        cases: list[Case] = self._uow._load_many("case", list(ids))
        return cases

    def add(self, case: Case) -> None:
        """Track a case opened in this unit of work; its events go in at commit."""
        self._add(case, Case)


class PassbookRepository(_Repository):
    """The passbooks of a unit of work, by holder id; replayed under the store's policy.

    >>> from wulian_core.store import SQLiteStore
    >>> store = SQLiteStore(":memory:")
    >>> store.create()
    >>> with store.unit_of_work() as uow:
    ...     uow.passbooks.get("p-404")
    Traceback (most recent call last):
    ...
    wulian_core.errors.NotFound: no passbook 'p-404'
    """

    __slots__ = ()

    def get(self, id: str, *, policy: PointsPolicy | None = None) -> Passbook:
        """The passbook of holder ``id``; ``policy`` overrides the store's points policy."""
        book: Passbook = self._get(id, policy)
        return book

    def add(self, passbook: Passbook) -> None:
        """Track a passbook opened in this unit of work."""
        self._add(passbook, Passbook)


class CatalogueRepository(_Repository):
    """The catalogues of a unit of work, by redemption point.

    >>> from wulian_core.store import SQLiteStore
    >>> store = SQLiteStore(":memory:")
    >>> store.create()
    >>> with store.unit_of_work() as uow:
    ...     uow.catalogues.get("shop-404")
    Traceback (most recent call last):
    ...
    wulian_core.errors.NotFound: no catalogue 'shop-404'
    """

    __slots__ = ()

    def get(self, id: str) -> Catalogue:
        """The catalogue of redemption point ``id``."""
        catalogue: Catalogue = self._get(id)
        return catalogue

    def add(self, catalogue: Catalogue) -> None:
        """Track a catalogue opened in this unit of work."""
        self._add(catalogue, Catalogue)


class RegistrationRepository(_Repository):
    """The volunteers' registrations of a unit of work, by the volunteer's person id.

    >>> from wulian_core.store import SQLiteStore
    >>> store = SQLiteStore(":memory:")
    >>> store.create()
    >>> with store.unit_of_work() as uow:
    ...     uow.registrations.get("p-404")
    Traceback (most recent call last):
    ...
    wulian_core.errors.NotFound: no registration 'p-404'
    """

    __slots__ = ()

    def get(self, id: str) -> VolunteerRegistration:
        """The registration of person ``id``."""
        found: VolunteerRegistration = self._get(id)
        return found

    def add(self, registration: VolunteerRegistration) -> None:
        """Track a registration made in this unit of work."""
        self._add(registration, VolunteerRegistration)


class ActivityRepository(_Repository):
    """The community activities of a unit of work, by activity id.

    >>> from wulian_core.store import SQLiteStore
    >>> store = SQLiteStore(":memory:")
    >>> store.create()
    >>> with store.unit_of_work() as uow:
    ...     uow.activities.get("act-404")
    Traceback (most recent call last):
    ...
    wulian_core.errors.NotFound: no activity 'act-404'
    """

    __slots__ = ()

    def get(self, id: str) -> CommunityActivity:
        """The activity ``id``."""
        found: CommunityActivity = self._get(id)
        return found

    def add(self, activity: CommunityActivity) -> None:
        """Track an activity opened in this unit of work."""
        self._add(activity, CommunityActivity)


class ShopRegistryRepository(_Repository):
    """The shop registries (a street's redemption points) of a unit of work, by registry id.

    >>> from wulian_core.store import SQLiteStore
    >>> store = SQLiteStore(":memory:")
    >>> store.create()
    >>> with store.unit_of_work() as uow:
    ...     uow.shops.get("reg-404")
    Traceback (most recent call last):
    ...
    wulian_core.errors.NotFound: no shop registry 'reg-404'
    """

    __slots__ = ()

    def get(self, id: str) -> ShopRegistry:
        """The registry ``id``."""
        found: ShopRegistry = self._get(id)
        return found

    def add(self, registry: ShopRegistry) -> None:
        """Track a registry opened in this unit of work."""
        self._add(registry, ShopRegistry)


class NoticeBoardRepository(_Repository):
    """The moral-points notice boards of a unit of work, by board id.

    >>> from wulian_core.store import SQLiteStore
    >>> store = SQLiteStore(":memory:")
    >>> store.create()
    >>> with store.unit_of_work() as uow:
    ...     uow.boards.get("board-404")
    Traceback (most recent call last):
    ...
    wulian_core.errors.NotFound: no notice board 'board-404'
    """

    __slots__ = ()

    def get(self, id: str) -> MoralNoticeBoard:
        """The notice board ``id``."""
        found: MoralNoticeBoard = self._get(id)
        return found

    def add(self, board: MoralNoticeBoard) -> None:
        """Track a notice board opened in this unit of work."""
        self._add(board, MoralNoticeBoard)
